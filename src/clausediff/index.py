"""The corpus index: every article of a directory of treaties, in one SQLite file.

Schema (version ``SCHEMA_VERSION``, kept in ``meta``)::

    meta(key TEXT PRIMARY KEY, value TEXT)
    documents(id INTEGER PRIMARY KEY, name TEXT UNIQUE, sha256 TEXT, title TEXT,
              language TEXT, text TEXT)
    articles(id INTEGER PRIMARY KEY, document INTEGER, number TEXT, label TEXT,
             start INTEGER, end INTEGER, mass REAL)           -- start..end: the compared text
    postings(fingerprint INTEGER, article INTEGER, PRIMARY KEY (fingerprint, article))
    words(word TEXT PRIMARY KEY, df INTEGER)                  -- articles holding each word

Each article's words (normalized, boilerplate variants made one) are cut into 3-word
shingles; each shingle has a 64-bit fingerprint, and winnowing keeps the smallest
fingerprint of every window of ``WINDOW`` shingles, so any run of ``WINDOW + 2`` words that
two texts share leaves a fingerprint in both. ``postings`` maps fingerprints to articles.
``words`` holds document frequencies for rarity weights; ``articles.mass`` is the sum of the
rarity weights of an article's words.

Updating is incremental: a file whose content hash is unchanged is not read again; a changed
or new file replaces its document in one transaction, so an interrupted run leaves the index
as it was before that file, and the next run completes it. Readers see a consistent index
while a writer works (SQLite's write-ahead log).
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from clausediff.compare import Clause
from clausediff.errors import ClauseDiffError
from clausediff.model import Document
from clausediff.normalize import word_keys

__all__ = [
    "SCHEMA_VERSION",
    "WINDOW",
    "IndexFileError",
    "IndexReport",
    "connect",
    "fingerprints",
    "index_documents",
    "word_weight",
]

SCHEMA_VERSION = "1"
WINDOW = 4  # winnowing window: every shared run of 6 words or more leaves a fingerprint
SHINGLE = 3
_APPLICATION_ID = 0x43445846  # "CDXF": marks the file as a clausediff index

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    title TEXT, language TEXT, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number TEXT NOT NULL, label TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    mass REAL NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS articles_document ON articles(document);
CREATE TABLE IF NOT EXISTS postings (
    fingerprint INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_article ON postings(article);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""


class IndexFileError(ClauseDiffError):
    """An index file that cannot be used: damaged, foreign, or of another schema version."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


@attrs.frozen
class IndexReport:
    """What one run of ``index_documents`` did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (name, error message)
    articles: int


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open an index, checking that it is one of ours and of this schema version.

    Raises:
        IndexFileError: the file is not a clausediff index, is damaged, or has another version.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise IndexFileError(
            "no such index file; build one with `clausediff index DIR`", path=str(path)
        )
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as e:
        db.close()
        raise IndexFileError(f"not a usable index ({e})", path=str(path)) from None
    if not tables and create:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        db.execute("INSERT INTO meta VALUES ('window', ?)", (str(WINDOW),))
        return db
    if application_id != _APPLICATION_ID or "meta" not in tables:
        db.close()
        raise IndexFileError(
            "this SQLite file is not a clausediff index (build one with `clausediff index DIR`)",
            path=str(path),
        )
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None or row[0] != SCHEMA_VERSION:
        db.close()
        found = row[0] if row else "none"
        raise IndexFileError(
            f"index schema version {found}, this clausediff reads {SCHEMA_VERSION}; rebuild it "
            "with `clausediff index DIR --db FILE` after deleting the file",
            path=str(path),
        )
    return db


def _fingerprint(shingle: str) -> int:
    data = shingle.encode("utf-8")
    value = (zlib.crc32(data) << 32) | zlib.adler32(data)
    return value - (1 << 63)  # SQLite integers are signed 64-bit


def fingerprints(keys: Sequence[str], window: int = WINDOW) -> set[int]:
    """The winnowed fingerprints of a sequence of word keys.

    With ``window=1`` every shingle's fingerprint is kept (what a query uses).
    """
    if len(keys) < SHINGLE:
        return {_fingerprint(" ".join(keys))} if keys else set()
    prints = [_fingerprint(" ".join(keys[i : i + SHINGLE])) for i in range(len(keys) - SHINGLE + 1)]
    if window <= 1 or len(prints) <= window:
        return set(prints) if window <= 1 else {min(prints)}
    return {min(prints[i : i + window]) for i in range(len(prints) - window + 1)}


def word_weight(df: int, articles: int) -> float:
    """The rarity weight of a word found in *df* of *articles* articles (smoothed IDF)."""
    return math.log((articles + 1) / (df + 1)) + 0.05


def _hash_file(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def index_documents(
    db: sqlite3.Connection,
    sources: Iterable[tuple[str, bytes | ClauseDiffError]],
    parse: Callable[[str, bytes], Document],
    *,
    progress: Callable[[str], None] | None = None,
    prune: bool = True,
) -> IndexReport:
    """Bring the index up to date with *sources*: ``(name, file bytes)`` pairs (or the error
    that kept a file from being read, reported in ``failed``).

    *parse* turns a name and its bytes into a ``Document`` (it may raise
    ``ClauseDiffError``: the file is then reported in ``failed`` and left out, its earlier
    version included). Documents whose
    name is no longer among the sources are removed when *prune* is true. Each document is
    written in its own transaction; word statistics and article masses are refreshed at the end.
    """
    known = dict(db.execute("SELECT name, sha256 FROM documents"))
    seen: set[str] = set()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    failed: list[tuple[str, str]] = []
    stale = False
    for name, data in sources:
        seen.add(name)
        if progress is not None:
            progress(name)
        if isinstance(data, ClauseDiffError):  # the file could not be read
            failed.append((name, str(data)))
            continue
        digest = _hash_file(data)
        if known.get(name) == digest:
            unchanged.append(name)
            continue
        try:
            document = parse(name, data)
        except ClauseDiffError as e:
            failed.append((name, str(e)))
            if name in known:  # its old version no longer stands for the file: leave it out
                _delete_document(db, name)
                stale = True
            continue
        _write_document(db, name, digest, document)
        (updated if name in known else added).append(name)
    removed = sorted(set(known) - seen) if prune else []
    for name in removed:
        _delete_document(db, name)
    row = db.execute("SELECT value FROM meta WHERE key = 'stale'").fetchone()
    if added or updated or removed or stale or (row is not None and row[0] == "1"):
        _refresh_statistics(db)
    count = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    return IndexReport(
        tuple(added), tuple(updated), tuple(unchanged), tuple(removed), tuple(failed), count
    )


def _delete_document(db: sqlite3.Connection, name: str) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        _delete_rows(db, name)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _delete_rows(db: sqlite3.Connection, name: str) -> None:
    row = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
    if row is None:
        return
    db.execute(
        "DELETE FROM postings WHERE article IN (SELECT id FROM articles WHERE document = ?)",
        (row[0],),
    )
    db.execute("DELETE FROM articles WHERE document = ?", (row[0],))
    db.execute("DELETE FROM documents WHERE id = ?", (row[0],))


def _write_document(db: sqlite3.Connection, name: str, digest: str, document: Document) -> None:
    """Replace one document, its articles and their postings, atomically.

    Each article's rarity mass is computed at once from the word statistics in the index, so
    that readers never see an article without weight; the end of the run refreshes them all.
    The index is marked stale until then, so that an interrupted run is finished next time.
    """
    db.execute("BEGIN IMMEDIATE")
    try:
        _delete_rows(db, name)
        cursor = db.execute(
            "INSERT INTO documents (name, sha256, title, language, text) VALUES (?, ?, ?, ?, ?)",
            (name, digest, document.title, document.language, document.text),
        )
        doc_id = cursor.lastrowid
        row = db.execute("SELECT value FROM meta WHERE key = 'articles'").fetchone()
        total = int(row[0]) if row else 0
        postings: list[tuple[int, int]] = []
        for article in document.articles:
            clause = Clause.from_article(document, article)
            keys = word_keys(clause.text)
            counts = Counter(keys)
            df = _document_frequencies(db, counts.keys())
            mass = sum(word_weight(df.get(w, 0), total + 1) * n for w, n in counts.items())
            cursor = db.execute(
                'INSERT INTO articles (document, number, label, start, "end", mass) '
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc_id, article.number, article.label, clause.start, clause.end, mass),
            )
            article_id = cursor.lastrowid
            assert article_id is not None
            postings.extend((f, article_id) for f in fingerprints(keys))
        postings.sort()
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", postings)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('stale', '1')")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _document_frequencies(db: sqlite3.Connection, words: Iterable[str]) -> dict[str, int]:
    listed = sorted(words)
    found: dict[str, int] = {}
    for at in range(0, len(listed), 500):
        chunk = listed[at : at + 500]
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"SELECT word, df FROM words WHERE word IN ({marks})", chunk))
    return found


def _refresh_statistics(db: sqlite3.Connection) -> None:
    """Recount word document frequencies and recompute every article's rarity mass.

    Two passes over the texts, one document at a time, so memory holds one text and the
    word table, never the corpus's word counts.
    """
    df: Counter[str] = Counter()
    total = 0
    for _, counts in _article_words(db):
        df.update(counts.keys())
        total += 1
    weight = {word: word_weight(n, total) for word, n in df.items()}
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("DELETE FROM words")
        db.executemany("INSERT INTO words VALUES (?, ?)", sorted(df.items()))
        del df
        batch: list[tuple[float, int]] = []
        for article_id, counts in _article_words(db):
            batch.append((sum(weight[w] * n for w, n in counts.items()), article_id))
            if len(batch) >= 10_000:
                db.executemany("UPDATE articles SET mass = ? WHERE id = ?", batch)
                batch.clear()
        db.executemany("UPDATE articles SET mass = ? WHERE id = ?", batch)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('articles', ?)", (str(total),))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('background', '')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('stale', '0')")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _article_words(db: sqlite3.Connection) -> Iterator[tuple[int, Counter[str]]]:
    """Each article's word counts, one document's text in memory at a time."""
    doc_ids = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id")]
    for doc_id in doc_ids:
        (text,) = db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        rows = db.execute(
            'SELECT id, start, "end" FROM articles WHERE document = ? ORDER BY id', (doc_id,)
        ).fetchall()
        for article_id, start, end in rows:
            yield article_id, Counter(word_keys(text[start:end]))
