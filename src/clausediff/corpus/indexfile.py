"""The index file: its schema, opening it, and its transactions.

The schema (version ``SCHEMA_VERSION``, kept in ``meta``)::

    meta(key TEXT PRIMARY KEY, value TEXT)     -- schema_version, articles, tokens, stale,
                                               -- generation, calibration (JSON)
    documents(id, name UNIQUE, treaty, sha256, title, language, signed, text BLOB,
              first, last, source, complete, missing)  -- first and last article ids
    articles(id, document, number, ref, label, start, end, tokens, sample, furniture,
             text BLOB, keys BLOB, page)
    postings(fingerprint, article) PRIMARY KEY (fingerprint, article) WITHOUT ROWID
    pending(article INTEGER PRIMARY KEY, fingerprints BLOB)  -- staged postings: an
                                               -- article's fingerprints (``pack_fingerprints``)
    words(word PRIMARY KEY, df) WITHOUT ROWID  -- articles holding each word key

The statements that read and write these tables are in ``storage``. Readers see a consistent
index while a writer works (SQLite's write-ahead log); a search reads inside one read
transaction (``snapshot``), a writer inside ``transaction``.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import struct
from collections.abc import Iterator, Sequence
from pathlib import Path

from clausediff.corpus.failures import guarded
from clausediff.errors import IndexFileError

__all__ = [
    "SCHEMA_VERSION",
    "connect",
    "fingerprint_list",
    "pack_fingerprints",
    "snapshot",
    "transaction",
]

SCHEMA_VERSION = "5"  # 3: every shingle posted, texts per article, dates, word counts kept;
# 4: what a citation needs (a document's source and whether the copy is whole, a page);
# 5: postings staged one row per article (packed), loaded in bulk at the end of a run
_APPLICATION_ID = 0x43445846  # "CDXF": marks the file as a clausediff index

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
CREATE TABLE pending (article INTEGER PRIMARY KEY, fingerprints BLOB NOT NULL);
CREATE TABLE words (word TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
"""


def pack_fingerprints(fingerprints: Sequence[int]) -> bytes:
    """An article's fingerprints as ``pending`` stages them: 8 bytes each, little-endian
    (a third of their JSON text: the staged rows' pages stay in the file, free, after the
    bulk load)."""
    return struct.pack(f"<{len(fingerprints)}q", *fingerprints)


def fingerprint_list(blob: bytes) -> str:
    """The JSON list of the fingerprints of *blob* (``pack_fingerprints``): SQL's
    ``fingerprint_list(pending.fingerprints)``, which ``json_each`` turns into rows."""
    return json.dumps(struct.unpack(f"<{len(blob) // 8}q", blob), separators=(",", ":"))


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
        db.create_function("fingerprint_list", 1, fingerprint_list, deterministic=True)
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
    found = _schema_version(db)
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


def _schema_version(db: sqlite3.Connection) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return None if row is None else str(row[0])
