"""Lineage's texts prepared once: every article's shingles and running weights, made ready to
be linked (``links.Text``) by a first pass over the index and kept in a temporary SQLite file,
so that a task reads a text back in microseconds instead of shingling it again.

A text is needed by every task whose range holds one of its partners (at 30,000 synthetic
articles, a task of 1,000 articles reads about 14,000 texts), and preparing one (its keys
made into shingles, each key weighed) costs about a millisecond: done in every task, it was
most of lineage's time. Here each is prepared once, by the same tasks on the same engine
(``prepare_part``), packed into flat arrays (``pack``: the fingerprints, where each stands,
the running weights as doubles, so that every figure is the same to the last bit), and
written by the caller into a ``TextStore``, which the link tasks then read
(``load_texts``). The store sits beside the index file when its directory may be written
(so that a cluster's workers, which reach the index there, reach the store too), else in the
system's temporary directory; it is removed when lineage ends. A store made for a claim
(``scratchdir.Claim``) records the ranges it holds, each in the transaction that writes its
texts, and is left behind when lineage stops before its end, for the next run to go on with.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import struct
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Self

import attrs

from clausediff.corpus import storage
from clausediff.corpus.failures import describe
from clausediff.corpus.links import Text, ready_texts
from clausediff.corpus.scratchdir import Claim, OwnedDirectory
from clausediff.errors import IndexFileError

__all__ = [
    "PrepareTask",
    "ScratchStore",
    "TextStore",
    "index_state",
    "load_texts",
    "open_texts",
    "pack",
    "prepare_part",
    "prepare_range",
    "scratch",
    "still_current",
    "unchanged_index",
    "unpack",
]

# shingles, repeated ones, running weights, keys, whether the word counts are one per key
_HEADER = struct.Struct("<IIIIB")


def pack(text: Text) -> bytes:
    """A prepared text as bytes (``unpack`` gives it back, equal in every figure)."""
    spans = list(text.first.values())
    again = [span for stands in text.repeats.values() for span in stands]
    plain = text.words == list(map(float, range(text.length + 1)))
    parts = [
        _HEADER.pack(len(spans), len(again), len(text.prefix), text.length, plain),
        array("q", text.first).tobytes(),
        array("i", [lo for lo, _ in spans]).tobytes(),
        array("i", [stop for _, stop in spans]).tobytes(),
        array("q", [print_ for print_, stands in text.repeats.items() for _ in stands]).tobytes(),
        array("i", [lo for lo, _ in again]).tobytes(),
        array("i", [stop for _, stop in again]).tobytes(),
        array("d", text.prefix).tobytes(),
    ]
    if not plain:
        parts.append(array("d", text.words).tobytes())
    return b"".join(parts)


def unpack(blob: bytes) -> Text:
    """The prepared text ``pack`` gave *blob* of."""
    count, repeated, weights, length, plain = _HEADER.unpack_from(blob)
    view = memoryview(blob)[_HEADER.size :]
    prints, view = _take(view, "q", count)
    los, view = _take(view, "i", count)
    stops, view = _take(view, "i", count)
    again, view = _take(view, "q", repeated)
    again_los, view = _take(view, "i", repeated)
    again_stops, view = _take(view, "i", repeated)
    prefix, view = _take(view, "d", weights)
    first = dict(zip(prints, zip(los, stops, strict=True), strict=True))
    repeats: dict[int, list[tuple[int, int]]] = {}
    for print_, span in zip(again, zip(again_los, again_stops, strict=True), strict=True):
        repeats.setdefault(print_, []).append(span)
    words = list(map(float, range(length + 1))) if plain else _take(view, "d", length + 1)[0]
    return Text(first, repeats, prefix, words, length)


def _take(view: memoryview, code: str, count: int) -> tuple[list[Any], memoryview]:
    """*count* items of type *code* from the start of *view*, and the rest of it."""
    items = array(code)
    items.frombytes(view[: count * items.itemsize])
    return items.tolist(), view[count * items.itemsize :]


@attrs.frozen
class PrepareTask:
    """One range of article ids ``[first, stop)`` of the index at *path*, as of
    *generation*, to prepare."""

    path: str
    generation: str | None
    first: int
    stop: int


@contextlib.contextmanager
def unchanged_index(path: str, generation: str | None) -> Iterator[sqlite3.Connection]:
    """The index file read in one snapshot, as it was when lineage began.

    Raises:
        IndexFileError: the index changed since the caller read it (run lineage again).
    """
    with contextlib.closing(storage.connect(path)) as db, storage.snapshot(db):
        if storage.meta(db, "generation") != generation:
            raise IndexFileError(
                "the index changed while lineage read it", path=path, hint="run it again"
            )
        yield db


def prepare_part(task: PrepareTask) -> list[tuple[int, bytes]]:
    """The map task: each article of the task's range, prepared and packed, by id.

    Raises:
        IndexFileError: the index changed since the caller read it (run lineage again).
    """
    with unchanged_index(task.path, task.generation) as db:
        return prepare_range(db, (task.first, task.stop))


def prepare_range(db: sqlite3.Connection, span: tuple[int, int]) -> list[tuple[int, bytes]]:
    """Each article of ids ``[span)``, prepared and packed, by id. Reads in the caller's
    snapshot."""
    return [(i, pack(text)) for i, text in sorted(ready_texts(db, range(*span)).items())]


@contextlib.contextmanager
def scratch(path: str) -> Iterator[None]:
    """Turn the errors of lineage's temporary file at *path* (a full disk, say) into
    ``IndexFileError`` naming the file and the cause."""
    try:
        yield
    except (sqlite3.Error, OSError) as e:
        message, hint = describe(e) if isinstance(e, sqlite3.Error) else (str(e), None)
        raise IndexFileError(
            f"lineage's temporary file failed: {message}",
            path=path,
            hint=hint or "free some space where the index is (or the temporary directory)",
        ) from e


def index_state(db: sqlite3.Connection) -> str:
    """What the index holds, as a digest: its documents (ids, names, treaties, the SHA-256
    of their text), its count of articles, its statistics and its count of changes. Two
    indexes of the same digest give the same lineage (a rebuilt index starts its count of
    changes again, so that count alone does not tell). The columns read come before each
    document's text in its row: its text is not read."""
    digest = hashlib.sha256()
    for key in ("generation", "articles", "calibration"):
        digest.update(f"{key}={storage.meta(db, key)}\n".encode())
    rows = db.execute("SELECT id, name, treaty, sha256 FROM documents ORDER BY id")
    for row in rows:
        digest.update(("\t".join(map(str, row)) + "\n").encode())
    return digest.hexdigest()


def still_current(index: str, state: str) -> bool:
    """Whether the index file at *index* still holds what *state* (``index_state``) says
    (``False`` when it is gone or cannot be read)."""
    try:
        with contextlib.closing(storage.connect(index)) as db, storage.snapshot(db):
            return index_state(db) == state
    except (IndexFileError, sqlite3.Error):
        return False


#: How a store's file is written: without a journal when nothing will resume it (the
#: fastest); with one when a later run may take it over, so that a run killed in the middle
#: of a write leaves the file as it was before that write.
PRAGMAS = "PRAGMA synchronous = OFF; PRAGMA journal_mode = {};"


def journal(claim: Claim | None) -> str:
    """The pragmas of a store's file (``PRAGMAS``)."""
    return PRAGMAS.format("OFF" if claim is None else "TRUNCATE")


class ScratchStore:
    """A temporary SQLite file, *name*, in a directory of its own made under *parent* (the
    system's temporary directory when ``None``) and named by *prefix*; removed by ``close``
    (and, if this process is killed outright, by the next lineage: ``scratchdir``). With a
    *claim*, the directory a stopped run of the same claim left is taken over, and
    ``close(keep=True)`` leaves it for the next. *schema* is run when the file is opened.

    Raises:
        IndexFileError: the directory or the file could not be made (a full disk)."""

    def __init__(
        self, prefix: str, parent: str | None, name: str, schema: str, claim: Claim | None
    ) -> None:
        with scratch(parent or tempfile.gettempdir()):
            self._directory = OwnedDirectory(prefix, parent, claim=claim, current=still_current)
        self.path = str(Path(self._directory.name) / name)
        with scratch(self.path):
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.executescript(journal(claim) + schema)

    @property
    def directory(self) -> str:
        """Where the store's file is."""
        return self._directory.name

    @property
    def claimed(self) -> bool:
        """Whether the store is its claim's (a later run of the claim can take it over)."""
        return self._directory.claimed

    def close(self, *, keep: bool = False) -> None:
        """Remove the file; with *keep*, leave it for a later run of the same claim."""
        self.db.close()
        if keep:
            self._directory.release()
        else:
            self._directory.cleanup()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class TextStore(ScratchStore):
    """Prepared texts in a temporary SQLite file (``ScratchStore``): beside the index file
    at *beside* when its directory may be written, else in the system's temporary directory.
    With a *claim*, ``prepared`` holds the first ids of the ranges the store has."""

    def __init__(self, beside: str | None = None, claim: Claim | None = None) -> None:
        parent = None
        if beside is not None and os.access(Path(beside).parent, os.W_OK):
            parent = str(Path(beside).parent)
        schema = (
            "CREATE TABLE IF NOT EXISTS text (id INTEGER PRIMARY KEY, blob BLOB NOT NULL);"
            "CREATE TABLE IF NOT EXISTS prepared (first INTEGER PRIMARY KEY);"
        )
        super().__init__(".clausediff-texts-", parent, "texts.sqlite", schema, claim)
        with scratch(self.path):
            self.prepared = {first for (first,) in self.db.execute("SELECT first FROM prepared")}

    def add(self, rows: Iterable[tuple[int, bytes]], first: int | None = None) -> None:
        """Write prepared texts (id, packed), those of the range starting at id *first*
        when given (recorded in ``prepared``, in the same transaction).

        Raises:
            IndexFileError: the file could not be written (a full disk)."""
        with scratch(self.path):
            self.db.execute("BEGIN")
            self.db.executemany("INSERT INTO text VALUES (?, ?)", rows)
            if first is not None:
                self.db.execute("INSERT INTO prepared VALUES (?)", (first,))
            self.db.execute("COMMIT")
        if first is not None:
            self.prepared.add(first)


def open_texts(path: str) -> sqlite3.Connection:
    """A store's file, to read."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def load_texts(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Text]:
    """The prepared texts of the given articles in a store's file, by id."""
    found: dict[int, Text] = {}
    wanted = sorted(ids)
    for at in range(0, len(wanted), 500):
        chunk = wanted[at : at + 500]
        marks = ",".join("?" * len(chunk))
        for article, blob in db.execute(f"SELECT id, blob FROM text WHERE id IN ({marks})", chunk):
            found[article] = unpack(blob)
    return found
