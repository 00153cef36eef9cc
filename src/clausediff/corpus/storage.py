"""The index's storage: the SQLite schema, its transactions, and every SQL statement.

No other module of clausediff writes SQL. The schema (version ``SCHEMA_VERSION``, kept in
``meta``)::

    meta(key TEXT PRIMARY KEY, value TEXT)     -- schema_version, articles, tokens, stale,
                                               -- generation, calibration (JSON)
    documents(id, name UNIQUE, treaty, sha256, title, language, signed, text BLOB,
              first, last)                     -- first and last article ids
    articles(id, document, number, ref, label, start, end, tokens, sample, furniture,
             text BLOB, keys BLOB)
    postings(fingerprint, article) PRIMARY KEY (fingerprint, article) WITHOUT ROWID
    pending(fingerprint, article) WITHOUT ROWID  -- recent postings, merged in bulk
    words(word PRIMARY KEY, df) WITHOUT ROWID  -- articles holding each word key

Texts are stored zlib-compressed. ``articles.text`` is the compared text (from ``start`` to
``end`` of the document's text), ``furniture`` the page furniture inside it (JSON, document
offsets), ``keys`` its word keys (space-separated: what scoring reads, so that a search never
tokenizes an article again), ``tokens`` their number, ``sample`` a hash of the document's name and
the article's ref that orders the sample of unrelated pairs the calibration scores. Ids are
never reused (``AUTOINCREMENT``), and a document's articles have consecutive ids.

Postings go to ``pending``, a small table beside ``postings``, and are merged into it in key
order when it grows past a bound and at the end of each run: one pass through the big tree
instead of a random insert per posting (a bulk load). Reads look in both, so a document is
found as soon as its transaction commits.

Readers see a consistent index while a writer works (SQLite's write-ahead log); a search
reads inside one read transaction (``snapshot``), a writer inside ``transaction``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from clausediff.corpus.failures import guarded
from clausediff.corpus.rows import ArticleRow, DocumentRow
from clausediff.errors import IndexFileError

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "DocumentRow",
    "connect",
    "snapshot",
    "transaction",
]

SCHEMA_VERSION = "4"  # 3: every shingle posted, texts per article, dates, word counts kept;
# 4: what a citation needs (a document's source and whether the copy is whole, a page)
_APPLICATION_ID = 0x43445846  # "CDXF": marks the file as a clausediff index
_CHUNK = 500  # ids or words per IN (...) list: SQLite's limit on parameters is higher
_Item = TypeVar("_Item", int, str)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, treaty TEXT NOT NULL,
    sha256 TEXT NOT NULL, title TEXT, language TEXT, signed TEXT, text BLOB NOT NULL,
    first INTEGER, last INTEGER, source TEXT, complete INTEGER, missing TEXT);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number TEXT NOT NULL, ref TEXT NOT NULL, label TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, tokens INTEGER NOT NULL,
    sample INTEGER NOT NULL, furniture TEXT, text BLOB NOT NULL, keys BLOB NOT NULL, page TEXT);
CREATE INDEX articles_document ON articles(document);
CREATE INDEX articles_sample ON articles(sample);
CREATE TABLE postings (
    fingerprint INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, article)) WITHOUT ROWID;
CREATE TABLE pending (
    fingerprint INTEGER NOT NULL, article INTEGER NOT NULL,
    PRIMARY KEY (fingerprint, article)) WITHOUT ROWID;
CREATE TABLE words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 6)


_MAX_TEXT = 256 * 2**20  # bytes of one stored text, inflated: more is a hostile file's


def _unpack(blob: bytes) -> str:
    inflate = zlib.decompressobj()
    data = inflate.decompress(blob, _MAX_TEXT)
    if inflate.unconsumed_tail:  # a few kilobytes that inflate to gigabytes
        raise zlib.error(f"a stored text inflates past {_MAX_TEXT // 2**20} MB")
    return data.decode("utf-8")


def connect(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """Open an index, checking that it is one of ours and of this schema version; with
    *create*, make a new one where there is none.

    Raises:
        IndexFileError: the file is missing, not a clausediff index, damaged, or of another
            schema version.
    """
    memory = str(path) == ":memory:"
    path = Path(path)
    if not create and not memory and not path.is_file():
        raise IndexFileError("no such index file", path=str(path), hint="build the index first")
    try:
        if memory or create:
            db = sqlite3.connect(":memory:" if memory else path, timeout=60, isolation_level=None)
        else:
            db = _reader(path)
    except sqlite3.Error as e:
        raise IndexFileError(f"cannot open the index ({e})", path=str(path)) from e
    try:
        db.execute("PRAGMA foreign_keys = ON")
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if create:  # a writer: a larger page cache, and WAL's own durability (an index is
            # derived data: a power cut may undo the last files written, which the next run
            # writes again, but never leaves the file inconsistent)
            db.execute("PRAGMA cache_size = -65536")
            db.execute("PRAGMA synchronous = NORMAL")
        if not tables and create:
            _create(db)
            return db
    except sqlite3.DatabaseError as e:
        db.close()
        raise IndexFileError(f"not a usable index ({e})", path=str(path)) from e
    if not tables and application_id == 0:
        db.close()
        raise IndexFileError(
            "this file holds no index yet (is an index run still creating it?)",
            path=str(path),
            hint="wait for that run to finish, or build the index",
        )
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


def _reader(path: Path) -> sqlite3.Connection:
    """A read-only connection: reading never needs write access. Where SQLite cannot make
    the write-ahead log's shared-memory file (a directory one may not write to), the file is
    opened as immutable: no index run can be writing it there either."""
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=60, isolation_level=None)
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone()
    except sqlite3.DatabaseError as e:
        if not str(getattr(e, "sqlite_errorname", "")).startswith(_READ_ONLY):
            return db  # connect() reports the problem, as for any other file
        db.close()
        log = path.with_name(path.name + "-wal")
        if log.is_file() and log.stat().st_size > 0:  # immutable would not read it
            raise IndexFileError(
                "the index has writes in its write-ahead log (-wal) that cannot be read "
                "without writing beside it",
                path=str(path),
                hint="open it once where its directory may be written",
            ) from e
        db = sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)
    return db


_READ_ONLY = ("SQLITE_READONLY", "SQLITE_CANTOPEN")


def _create(db: sqlite3.Connection) -> None:
    """The schema of a new index, in one transaction (a reader never sees half of it)."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("BEGIN IMMEDIATE")
    try:
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("schema_version", SCHEMA_VERSION), ("articles", "0"), ("tokens", "0")],
        )
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
    except BaseException:
        _rollback(db)
        raise
    db.execute("COMMIT")


@contextlib.contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: committed when the block ends, rolled back if it raises. An
    SQLite error (a full disk) is raised as ``IndexFileError`` naming its cause, never hidden
    by a rollback that fails in turn (SQLite may have rolled back already)."""
    with guarded(db):
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            _rollback(db)
            raise
        try:
            db.execute("COMMIT")
        except sqlite3.Error:
            _rollback(db)
            raise


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


@contextlib.contextmanager
def snapshot(db: sqlite3.Connection) -> Iterator[None]:
    """Reads that see one state of the index, even while another process updates it (a
    read transaction, unless one is open already). The first read starts it."""
    own = not db.in_transaction
    with guarded(db):  # a damaged file, or a text in it, as IndexFileError
        if own:
            db.execute("BEGIN")
            db.execute("SELECT 1 FROM meta LIMIT 1").fetchone()  # the snapshot starts here
        try:
            yield
        finally:
            if own:
                _rollback(db)  # a read transaction: nothing to keep


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


def add_counts(db: sqlite3.Connection, articles: int, tokens: int) -> None:
    """Add to the index's article and token counts (negative to remove), mark its statistics
    stale and count one more change (``generation``)."""
    db.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'articles'", (articles,)
    )
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'tokens'", (tokens,))
    set_meta(db, "stale", "1")
    set_meta(db, "generation", str(int(meta(db, "generation") or 0) + 1))


def counts(db: sqlite3.Connection) -> tuple[int, int]:
    """How many articles the index holds, and how many word tokens they have together."""
    return int(meta(db, "articles") or 0), int(meta(db, "tokens") or 0)


def calibration(db: sqlite3.Connection) -> dict[str, float] | None:
    """The stored calibration of the significance model, or ``None``."""
    value = meta(db, "calibration")
    return None if not value else dict(json.loads(value))


def set_calibration(db: sqlite3.Connection, values: dict[str, float]) -> None:
    """Store the calibration of the significance model (inside the caller's transaction)."""
    set_meta(db, "calibration", json.dumps(values, sort_keys=True))


# -- documents and articles -------------------------------------------------------------------


def document_hashes(db: sqlite3.Connection) -> dict[str, str]:
    """Each indexed document's content hash, by name."""
    return dict(db.execute("SELECT name, sha256 FROM documents"))


def document_rows(db: sqlite3.Connection) -> list[DocumentRow]:
    """Every document with its article id range, in article id order."""
    rows = db.execute(
        "SELECT id, name, treaty, title, signed, first, last, source, complete, missing "
        "FROM documents WHERE first IS NOT NULL ORDER BY first"
    )
    return [
        DocumentRow(
            i, name, treaty, title, signed, first, last, source,
            None if complete is None else bool(complete), missing,
        )
        for i, name, treaty, title, signed, first, last, source, complete, missing in rows
    ]  # fmt: skip


def document_id(db: sqlite3.Connection, name: str) -> int | None:
    """The row id of the document called *name*, or ``None``."""
    row = db.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()
    return None if row is None else int(row[0])


def document_text(db: sqlite3.Connection, name: str) -> str | None:
    """The whole stored text of a document, or ``None``."""
    row = db.execute("SELECT text FROM documents WHERE name = ?", (name,)).fetchone()
    return None if row is None else _unpack(row[0])


def set_article_range(db: sqlite3.Connection, doc_id: int, first: int, last: int) -> None:
    """Record the ids of a document's first and last articles."""
    db.execute("UPDATE documents SET first = ?, last = ? WHERE id = ?", (first, last, doc_id))


def delete_document(db: sqlite3.Connection, doc_id: int) -> None:
    """Remove a document and its articles (inside the caller's transaction; the caller
    removes their postings and word counts first)."""
    db.execute("DELETE FROM articles WHERE document = ?", (doc_id,))
    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def insert_document(
    db: sqlite3.Connection,
    name: str,
    fields: tuple[str, str, str | None, str | None, str | None],
    text: str,
    citation: tuple[str | None, bool | None, str | None] = (None, None, None),
) -> int:
    """Add a document row (*fields*: treaty, sha256, title, language, signed; *citation*:
    source, complete, missing); return its id."""
    cursor = db.execute(
        "INSERT INTO documents (name, treaty, sha256, title, language, signed, text, source, "
        "complete, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (name, *fields, _pack(text), *citation),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_article(
    db: sqlite3.Connection,
    document: int,
    fields: tuple[str, str, str, int, int, int, int],
    furniture: Sequence[tuple[int, int]],
    text: str,
    keys: Sequence[str],
    page: str | None = None,
) -> int:
    """Add an article row (*fields*: number, ref, label, start, end, tokens, sample; *page*:
    the printed page it starts on); return its id."""
    cursor = db.execute(
        'INSERT INTO articles (document, number, ref, label, start, "end", tokens, sample, '
        "furniture, text, keys, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            document, *fields, json.dumps(list(furniture)) if furniture else None,
            _pack(text), _pack(" ".join(keys)), page,
        ),
    )  # fmt: skip
    assert cursor.lastrowid is not None
    return cursor.lastrowid


_ARTICLE = 'SELECT id, document, number, ref, label, start, "end", tokens, furniture, text, page '


def _article(row: tuple[Any, ...]) -> ArticleRow:
    article, document, number, ref, label, start, end, tokens, furniture, text, page = row
    spans = tuple((int(a), int(b)) for a, b in json.loads(furniture)) if furniture else ()
    return ArticleRow(
        article, document, number, ref, label, start, end, tokens, spans, _unpack(text), page
    )


def articles_of(db: sqlite3.Connection, doc_id: int) -> list[ArticleRow]:
    """The articles of one document, in order."""
    rows = db.execute(_ARTICLE + "FROM articles WHERE document = ? ORDER BY id", (doc_id,))
    return [_article(row) for row in rows]


def articles(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, ArticleRow]:
    """The given articles, by id (ids of articles no longer in the index are left out)."""
    found: dict[int, ArticleRow] = {}
    for chunk in _chunks(ids):
        for row in db.execute(_ARTICLE + f"FROM articles WHERE id IN ({_marks(chunk)})", chunk):
            found[row[0]] = _article(row)
    return found


def article_keys(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, list[str]]:
    """The word keys of the given articles, by id (articles no longer indexed left out)."""
    found: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        rows = db.execute(f"SELECT id, keys FROM articles WHERE id IN ({_marks(chunk)})", chunk)
        for article, blob in rows:
            found[article] = _split(blob)
    return found


def keys_of(db: sqlite3.Connection, doc_id: int) -> list[tuple[int, list[str]]]:
    """The id and word keys of each article of one document."""
    rows = db.execute("SELECT id, keys FROM articles WHERE document = ? ORDER BY id", (doc_id,))
    return [(article, _split(blob)) for article, blob in rows]


def _split(blob: bytes) -> list[str]:
    text = _unpack(blob)
    return text.split(" ") if text else []


def sample_articles(db: sqlite3.Connection, limit: int) -> list[tuple[int, int, int]]:
    """The id, document and length of the first *limit* articles in ``sample`` order: a
    hash of document name and ref, so that the choice depends on the index's content, not
    on its history."""
    rows = db.execute(
        "SELECT id, document, tokens FROM articles ORDER BY sample, id LIMIT ?", (limit,)
    )
    return [(a, d, n) for a, d, n in rows]


def token_counts(db: sqlite3.Connection) -> Iterator[int]:
    """Every article's length in word tokens."""
    for (count,) in db.execute("SELECT tokens FROM articles"):
        yield int(count)


# -- postings and words -------------------------------------------------------------------------


def stage_postings(db: sqlite3.Connection, postings: Sequence[tuple[int, int]]) -> None:
    """Add ``(fingerprint, article)`` postings (to ``pending``, counted in ``meta``)."""
    db.executemany("INSERT OR IGNORE INTO pending VALUES (?, ?)", postings)
    db.execute(
        "INSERT INTO meta VALUES ('pending', ?) ON CONFLICT (key) DO UPDATE "
        "SET value = CAST(value AS INTEGER) + excluded.value",
        (len(postings),),
    )


def pending_count(db: sqlite3.Connection) -> int:
    """About how many postings wait in ``pending`` (staged since the last merge)."""
    return int(meta(db, "pending") or 0)


def merge_pending(db: sqlite3.Connection) -> int:
    """Move the pending postings into the postings table, in key order; return how many
    were moved (inside the caller's transaction)."""
    moved = db.execute(
        "INSERT OR IGNORE INTO postings SELECT fingerprint, article FROM pending "
        "ORDER BY fingerprint, article"
    ).rowcount
    db.execute("DELETE FROM pending")
    set_meta(db, "pending", "0")
    return int(moved)


def delete_postings(db: sqlite3.Connection, postings: Sequence[tuple[int, int]]) -> None:
    """Remove ``(fingerprint, article)`` postings, pending or merged."""
    for table in ("postings", "pending"):
        db.executemany(f"DELETE FROM {table} WHERE fingerprint = ? AND article = ?", postings)


_BOTH = (
    "(SELECT fingerprint, article FROM postings UNION ALL SELECT fingerprint, article FROM pending)"
)


def postings(db: sqlite3.Connection, fingerprint: int, limit: int = -1) -> list[int]:
    """The articles holding one fingerprint; at most *limit* (-1: all)."""
    rows = db.execute(
        "SELECT article FROM postings WHERE fingerprint = ?1 UNION ALL "
        "SELECT article FROM pending WHERE fingerprint = ?1 LIMIT ?2",
        (fingerprint, limit),
    )
    return [r[0] for r in rows]


def held(db: sqlite3.Connection, article: int, fingerprints: Iterable[int]) -> list[int]:
    """Which of *fingerprints* an article holds."""
    found: list[int] = []
    for chunk in _chunks(fingerprints):
        marks = _marks(chunk)
        found += [
            r[0]
            for r in db.execute(
                f"SELECT fingerprint FROM postings WHERE fingerprint IN ({marks}) AND article = ? "
                f"UNION ALL SELECT fingerprint FROM pending WHERE fingerprint IN ({marks}) "
                "AND article = ?",
                [*chunk, article, *chunk, article],
            )
        ]
    return found


def posting_count(db: sqlite3.Connection, fingerprint: int) -> int:
    """How many articles hold one fingerprint."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM postings WHERE fingerprint = ?1) "
        "+ (SELECT COUNT(*) FROM pending WHERE fingerprint = ?1)",
        (fingerprint,),
    )
    return int(row.fetchone()[0])


def shared_fingerprints(db: sqlite3.Connection, cap: int) -> Iterator[list[int]]:
    """For each fingerprint held by 2 to *cap* articles, the sorted ids of those articles."""
    table = "postings" if pending_count(db) == 0 else _BOTH
    rows = db.execute(
        f"SELECT group_concat(article) FROM {table} GROUP BY fingerprint "
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


def add_words(db: sqlite3.Connection, counts: Iterable[tuple[str, int]]) -> None:
    """Add ``(word, articles)`` to the document frequencies (negative to remove); words that
    no article holds any more leave the table."""
    listed = list(counts)
    db.executemany(
        "INSERT INTO words VALUES (?, ?) ON CONFLICT (word) DO UPDATE SET df = df + excluded.df",
        listed,
    )
    if any(n < 0 for _, n in listed):
        db.execute("DELETE FROM words WHERE df <= 0")
