"""The index's statements: every SQL statement that reads or writes the index's tables.

No other module of clausediff writes SQL but this one and ``indexfile`` (the schema, opening
the file, transactions; its names are re-exported here).

Texts are stored zlib-compressed. ``articles.text`` is the compared text (from ``start`` to
``end`` of the document's text), ``furniture`` the page furniture inside it (JSON, document
offsets), ``keys`` its word keys (space-separated: what scoring reads, so that a search never
tokenizes an article again), ``tokens`` their number, ``sample`` a hash of the document's name and
the article's ref that orders the sample of unrelated pairs the calibration scores. Ids are
never reused (``AUTOINCREMENT``), and a document's articles have consecutive ids.

A run stages its postings in ``pending``, one row per article (its fingerprints packed, 8
bytes each: one cheap insert per article), and loads them into ``postings`` at its end, sorted by
SQLite in key order and appended: one pass instead of a random insert into a large tree per
posting (a bulk load). Reads look in both, so a document is found as soon as its
transaction commits (the staged ones by a scan of ``pending``: slow while a large run is
staged, or after one was killed, until the next run completes the index).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from clausediff.corpus.indexfile import SCHEMA_VERSION, connect, snapshot, transaction
from clausediff.corpus.rows import ArticleRow, DocumentRow

__all__ = [
    "SCHEMA_VERSION",
    "ArticleRow",
    "DocumentRow",
    "connect",
    "snapshot",
    "transaction",
]

_CHUNK = 500  # ids or words per IN (...) list: SQLite's limit on parameters is higher
_Item = TypeVar("_Item", int, str)


_MAX_TEXT = 256 * 2**20  # bytes of one stored text, inflated: more is a hostile file's


def _unpack(blob: bytes) -> str:
    inflate = zlib.decompressobj()
    data = inflate.decompress(blob, _MAX_TEXT)
    if inflate.unconsumed_tail:  # a few kilobytes that inflate to gigabytes
        raise zlib.error(f"a stored text inflates past {_MAX_TEXT // 2**20} MB")
    return data.decode("utf-8")


def _chunks(items: Iterable[_Item]) -> Iterator[list[_Item]]:
    listed = sorted(items)
    for at in range(0, len(listed), _CHUNK):
        yield listed[at : at + _CHUNK]


def _marks(chunk: Sequence[object]) -> str:
    return ",".join("?" * len(chunk))


def file_path(db: sqlite3.Connection) -> str | None:
    """The file of the index *db* is open on (``None`` for one in memory)."""
    for _, name, file in db.execute("PRAGMA database_list"):
        if name == "main":
            return str(file) or None
    return None


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


def insert_document_row(
    db: sqlite3.Connection,
    name: str,
    fields: tuple[str, str, str | None, str | None, str | None],
    text: bytes,
    citation: tuple[str | None, bool | None, str | None],
) -> int:
    """Add a document row (*fields*: treaty, sha256, title, language, signed; *text*: its
    text compressed; *citation*: source, complete, missing); return its id."""
    cursor = db.execute(
        "INSERT INTO documents (name, treaty, sha256, title, language, signed, text, source, "
        "complete, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (name, *fields, text, *citation),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def insert_article_rows(
    db: sqlite3.Connection, document: int, rows: Sequence[tuple[Any, ...]]
) -> int:
    """Add a document's article rows (number, ref, label, start, end, tokens, sample,
    furniture as JSON, text and keys compressed, page) under consecutive ids; return the
    first id (the next one ``AUTOINCREMENT`` would give)."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'articles'").fetchone()
    first = 1 + (int(row[0]) if row else 0)
    db.executemany(
        'INSERT INTO articles (id, document, number, ref, label, start, "end", tokens, sample, '
        "furniture, text, keys, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(first + i, document, *values) for i, values in enumerate(rows)],
    )
    return first


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


def stage_postings(db: sqlite3.Connection, first: int, fingerprints: Sequence[bytes]) -> None:
    """Stage the postings of consecutive articles from id *first* on: each article's
    fingerprints packed (``indexfile.pack_fingerprints``; to ``pending``, loaded by
    ``merge_pending``)."""
    db.executemany(
        "INSERT INTO pending VALUES (?, ?)", [(first + i, f) for i, f in enumerate(fingerprints)]
    )


def merge_pending(db: sqlite3.Connection) -> int:
    """Load the staged postings into the postings table, sorted in key order (a bulk load);
    return how many were loaded (inside the caller's transaction)."""
    moved = db.execute(
        f"INSERT OR IGNORE INTO postings SELECT j.value, p.article FROM {_STAGED} ORDER BY 1, 2"
    ).rowcount
    db.execute("DELETE FROM pending")
    return int(moved)


def delete_postings(db: sqlite3.Connection, postings: Sequence[tuple[int, int]]) -> None:
    """Remove ``(fingerprint, article)`` postings from the postings table."""
    db.executemany("DELETE FROM postings WHERE fingerprint = ? AND article = ?", postings)


def unstage_postings(db: sqlite3.Connection, first: int, last: int) -> None:
    """Remove the staged postings of the articles with ids *first* to *last*."""
    db.execute("DELETE FROM pending WHERE article BETWEEN ? AND ?", (first, last))


_STAGED = "pending AS p, json_each(fingerprint_list(p.fingerprints)) AS j"
_BOTH = (
    "(SELECT fingerprint, article FROM postings "
    f"UNION ALL SELECT j.value AS fingerprint, p.article FROM {_STAGED})"
)


def postings(db: sqlite3.Connection, fingerprint: int, limit: int = -1) -> list[int]:
    """The articles holding one fingerprint; at most *limit* (-1: all)."""
    rows = db.execute(
        "SELECT article FROM postings WHERE fingerprint = ?1 UNION ALL "
        f"SELECT p.article FROM {_STAGED} WHERE j.value = ?1 LIMIT ?2",
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
                f"UNION ALL SELECT j.value FROM {_STAGED} WHERE p.article = ? "
                f"AND j.value IN ({marks})",
                [*chunk, article, article, *chunk],
            )
        ]
    return found


def posting_count(db: sqlite3.Connection, fingerprint: int) -> int:
    """How many articles hold one fingerprint."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM postings WHERE fingerprint = ?1) "
        f"+ (SELECT COUNT(*) FROM {_STAGED} WHERE j.value = ?1)",
        (fingerprint,),
    )
    return int(row.fetchone()[0])


def shared_fingerprints(db: sqlite3.Connection, cap: int) -> Iterator[list[int]]:
    """For each fingerprint held by 2 to *cap* articles, the sorted ids of those articles."""
    staged = db.execute("SELECT EXISTS (SELECT 1 FROM pending)").fetchone()[0]
    table = _BOTH if staged else "postings"
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
