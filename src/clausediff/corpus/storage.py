"""The index's storage: the SQLite schema, its transactions, and every SQL statement.

No other module of clausediff writes SQL. The schema (version ``SCHEMA_VERSION``, kept in
``meta``)::

    meta(key TEXT PRIMARY KEY, value TEXT)          -- schema_version, window, articles,
                                                    -- stale, background
    documents(id INTEGER PRIMARY KEY, name TEXT UNIQUE, sha256 TEXT, title TEXT,
              language TEXT, text TEXT)
    articles(id INTEGER PRIMARY KEY, document INTEGER, number TEXT, ref TEXT, label TEXT,
             start INTEGER, end INTEGER, mass REAL)   -- start..end: the compared text
    postings(fingerprint INTEGER, article INTEGER, PRIMARY KEY (fingerprint, article))
    words(word TEXT PRIMARY KEY, df INTEGER)          -- articles holding each word

Readers see a consistent index while a writer works (SQLite's write-ahead log); a search
reads inside one read transaction (``snapshot``), a writer inside ``transaction``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from clausediff.errors import IndexFileError

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "connect",
    "snapshot",
    "transaction",
]

SCHEMA_VERSION = "2"  # 2: articles carry their unique ref
_APPLICATION_ID = 0x43445846  # "CDXF": marks the file as a clausediff index
_CHUNK = 500  # ids or words per IN (...) list: SQLite's limit on parameters is higher
_Item = TypeVar("_Item", int, str)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
    title TEXT, language TEXT, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number TEXT NOT NULL, ref TEXT NOT NULL, label TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, mass REAL NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS articles_document ON articles(document);
CREATE TABLE IF NOT EXISTS postings (
    fingerprint INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, article)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS postings_article ON postings(article);
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""

#: An article as search and lineage name it: (document name, number, ref, label, start, end,
#: document title).
ArticleRow = tuple[str, str, str, str, int, int, str | None]


def connect(path: str | Path, *, create: bool = False, window: int = 4) -> sqlite3.Connection:
    """Open an index, checking that it is one of ours and of this schema version; with
    *create*, make a new one where there is none (*window*: the winnowing window it records).

    Raises:
        IndexFileError: the file is missing, not a clausediff index, damaged, or of another
            schema version.
    """
    path = Path(path)
    if not create and not path.is_file():
        raise IndexFileError("no such index file", path=str(path), hint="build the index first")
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as e:
        db.close()
        raise IndexFileError(f"not a usable index ({e})", path=str(path)) from e
    if not tables and create:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        db.executescript(_SCHEMA)
        db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        db.execute("INSERT INTO meta VALUES ('window', ?)", (str(window),))
        return db
    if application_id != _APPLICATION_ID or "meta" not in tables:
        db.close()
        raise IndexFileError(
            "this SQLite file is not a clausediff index", path=str(path), hint="build one"
        )
    found = meta(db, "schema_version")
    if found != SCHEMA_VERSION:
        db.close()
        raise IndexFileError(
            f"index schema version {found or 'none'}, this clausediff reads {SCHEMA_VERSION}",
            path=str(path),
            hint="delete the file and build the index again",
        )
    return db


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: committed when the block ends, rolled back if it raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


@contextlib.contextmanager
def snapshot(db: sqlite3.Connection) -> Iterator[None]:
    """Reads that see one state of the index, even while another process updates it (a
    read transaction, unless one is open already)."""
    own = not db.in_transaction
    if own:
        db.execute("BEGIN")
    try:
        yield
    finally:
        if own:
            db.execute("COMMIT")


def _chunks(items: Iterable[_Item]) -> Iterator[list[_Item]]:
    listed = sorted(items)
    for at in range(0, len(listed), _CHUNK):
        yield listed[at : at + _CHUNK]


def _marks(chunk: Sequence[object]) -> str:
    return ",".join("?" * len(chunk))


# -- meta ------------------------------------------------------------------------------------


def meta(db: sqlite3.Connection, key: str) -> str | None:
    """The value of one ``meta`` key, or ``None``."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    """Set one ``meta`` key (inside the caller's transaction)."""
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def background(db: sqlite3.Connection) -> list[float] | None:
    """The stored scores of unrelated article pairs, or ``None`` when none are stored."""
    value = meta(db, "background")
    if not value:
        return None
    scores: list[float] = json.loads(value)
    return scores


def set_background(db: sqlite3.Connection, scores: Sequence[float]) -> None:
    """Store the scores of unrelated article pairs (inside the caller's transaction)."""
    set_meta(db, "background", json.dumps(list(scores)))


# -- documents and articles -------------------------------------------------------------------


def document_hashes(db: sqlite3.Connection) -> dict[str, str]:
    """Each indexed document's content hash, by name."""
    return dict(db.execute("SELECT name, sha256 FROM documents"))


def document_names(db: sqlite3.Connection) -> list[str]:
    """The indexed documents' names, sorted."""
    return [r[0] for r in db.execute("SELECT name FROM documents ORDER BY name")]


def delete_document(db: sqlite3.Connection, name: str) -> None:
    """Remove a document, its articles and their postings (inside the caller's transaction)."""
    row = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
    if row is None:
        return
    db.execute(
        "DELETE FROM postings WHERE article IN (SELECT id FROM articles WHERE document = ?)",
        (row[0],),
    )
    db.execute("DELETE FROM articles WHERE document = ?", (row[0],))
    db.execute("DELETE FROM documents WHERE id = ?", (row[0],))


def insert_document(
    db: sqlite3.Connection,
    name: str,
    digest: str,
    title: str | None,
    language: str | None,
    text: str,
) -> int:
    """Add a document row; return its id."""
    cursor = db.execute(
        "INSERT INTO documents (name, sha256, title, language, text) VALUES (?, ?, ?, ?, ?)",
        (name, digest, title, language, text),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_article(
    db: sqlite3.Connection,
    document: int,
    number: str,
    ref: str,
    label: str,
    start: int,
    end: int,
    mass: float,
) -> int:
    """Add an article row; return its id."""
    cursor = db.execute(
        'INSERT INTO articles (document, number, ref, label, start, "end", mass) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (document, number, ref, label, start, end, mass),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_postings(db: sqlite3.Connection, postings: Iterable[tuple[int, int]]) -> None:
    """Add ``(fingerprint, article)`` postings."""
    db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?)", postings)


def article_count(db: sqlite3.Connection) -> int:
    """How many articles the index holds."""
    return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def article_ids(db: sqlite3.Connection) -> list[int]:
    """Every article's id, in order."""
    return [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]


def article_documents(db: sqlite3.Connection) -> dict[int, int]:
    """Each article's document id, by article id."""
    return dict(db.execute("SELECT id, document FROM articles"))


def article_texts(db: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """Each article's id and compared text, one document's text in memory at a time."""
    doc_ids = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id")]
    for doc_id in doc_ids:
        (text,) = db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        rows = db.execute(
            'SELECT id, start, "end" FROM articles WHERE document = ? ORDER BY id', (doc_id,)
        ).fetchall()
        for article_id, start, end in rows:
            yield article_id, text[start:end]


def document_articles(db: sqlite3.Connection, name: str) -> list[tuple[str, str, str, str]]:
    """The articles of one document, in order: ``(number, ref, label, compared text)``."""
    return db.execute(
        'SELECT a.number, a.ref, a.label, substr(d.text, a.start + 1, a."end" - a.start) '
        "FROM articles a JOIN documents d ON d.id = a.document WHERE d.name = ? "
        "ORDER BY a.id",
        (name,),
    ).fetchall()


def compared_texts(
    db: sqlite3.Connection, ids: Iterable[int]
) -> Iterator[tuple[int, int, int, str, float]]:
    """For each article id: ``(id, document id, start, compared text, mass)``."""
    for chunk in _chunks(ids):
        yield from db.execute(
            "SELECT id, document, start, substr((SELECT text FROM documents d WHERE d.id = "
            'a.document), start + 1, "end" - start), mass FROM articles a '
            f"WHERE id IN ({_marks(chunk)})",
            chunk,
        )


def article_rows(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, ArticleRow]:
    """How search and lineage name each article (see ``ArticleRow``), by id."""
    found: dict[int, ArticleRow] = {}
    for chunk in _chunks(ids):
        for row in db.execute(
            'SELECT a.id, d.name, a.number, a.ref, a.label, a.start, a."end", d.title '
            "FROM articles a JOIN documents d ON d.id = a.document "
            f"WHERE a.id IN ({_marks(chunk)})",
            chunk,
        ):
            found[row[0]] = row[1:]
    return found


def articles_of_documents_starting(db: sqlite3.Connection, prefix: str) -> set[int]:
    """The ids of the articles of documents whose name starts with *prefix*."""
    return {
        r[0]
        for r in db.execute(
            "SELECT a.id FROM articles a JOIN documents d ON d.id = a.document "
            "WHERE substr(d.name, 1, ?) = ?",
            (len(prefix), prefix),
        )
    }


def update_masses(db: sqlite3.Connection, masses: Iterable[tuple[float, int]]) -> None:
    """Set ``(mass, article id)`` pairs."""
    db.executemany("UPDATE articles SET mass = ? WHERE id = ?", masses)


# -- fingerprints and words ---------------------------------------------------------------------


def postings(db: sqlite3.Connection, fingerprint: int) -> list[int]:
    """The articles holding one fingerprint."""
    return [
        r[0]
        for r in db.execute("SELECT article FROM postings WHERE fingerprint = ?", (fingerprint,))
    ]


def shared_fingerprints(db: sqlite3.Connection, cap: int) -> Iterator[list[int]]:
    """For each fingerprint held by 2 to *cap* articles, the sorted ids of those articles."""
    rows = db.execute(
        "SELECT group_concat(article) FROM postings GROUP BY fingerprint "
        "HAVING COUNT(*) BETWEEN 2 AND ?",
        (cap,),
    )
    for (joined,) in rows:
        yield sorted(int(x) for x in joined.split(","))


def document_frequencies(db: sqlite3.Connection, words: Iterable[str]) -> dict[str, int]:
    """How many articles hold each of *words* (those in none are left out)."""
    found: dict[str, int] = {}
    for chunk in _chunks(words):
        query = f"SELECT word, df FROM words WHERE word IN ({_marks(chunk)})"
        found.update(db.execute(query, chunk))
    return found


def replace_words(db: sqlite3.Connection, frequencies: Iterable[tuple[str, int]]) -> None:
    """Replace the word table with ``(word, document frequency)`` rows."""
    db.execute("DELETE FROM words")
    db.executemany("INSERT INTO words VALUES (?, ?)", frequencies)
