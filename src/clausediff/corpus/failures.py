"""What goes wrong below the index, in a person's words: SQLite's errors (a full disk, a
damaged file, one may not write) and a stored text that no longer decodes, as
``IndexFileError`` naming the file and the cause."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import zlib
from collections.abc import Iterator

from clausediff.errors import IndexFileError

__all__ = ["guarded", "index_path"]

_DAMAGED = "delete the file and build the index again"
# SQLite's primary error codes, by name, and what each means for an index file
_CAUSES = {
    "SQLITE_FULL": ("the disk is full", "free some space and run the index again"),
    "SQLITE_IOERR": (
        "the disk refused a read or a write (full, over a file size limit, or failing)",
        "free some space, or check the disk, and run the index again",
    ),
    "SQLITE_CORRUPT": ("the index file is damaged", _DAMAGED),
    "SQLITE_NOTADB": ("the index file is damaged (not a database)", _DAMAGED),
    "SQLITE_READONLY": ("the index file may not be written", "put it where one may write"),
    "SQLITE_CANTOPEN": ("the index file cannot be opened", None),
    "SQLITE_INTERRUPT": ("the work was interrupted", None),
}


def index_path(db: sqlite3.Connection) -> str | None:
    """The file of the open index *db* (``None`` in memory)."""
    try:
        row = db.execute("PRAGMA database_list").fetchone()
    except sqlite3.Error:
        return None
    return str(row[2]) if row and row[2] else None


def describe(error: sqlite3.Error) -> tuple[str, str | None]:
    """The message and hint for an SQLite error: its cause in words, then SQLite's own."""
    name = str(getattr(error, "sqlite_errorname", ""))
    for prefix, (cause, hint) in _CAUSES.items():
        if name == prefix or name.startswith(prefix + "_"):
            return f"{cause} (SQLite: {error})", hint
    return f"SQLite: {error}", None


@contextlib.contextmanager
def guarded(db: sqlite3.Connection) -> Iterator[None]:
    """Turn the errors of reading or writing the index *db* inside the block into
    ``IndexFileError``: an SQLite error with its cause, a stored text that no longer
    decompresses or decodes as a damaged file."""
    try:
        yield
    except sqlite3.Error as e:
        message, hint = describe(e)
        raise IndexFileError(message, path=index_path(db), hint=hint) from e
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise IndexFileError(
            f"the index file is damaged (a stored text: {e})", path=index_path(db), hint=_DAMAGED
        ) from e


@contextlib.contextmanager
def deadline(db: sqlite3.Connection, seconds: float | None, what: str) -> Iterator[None]:
    """Bound the time the reads of *db* inside the block take: past *seconds*, SQLite stops
    the statement running and *what* (``the search``) fails with an ``InputError`` naming
    the limit (``None``: no bound)."""
    if seconds is None:
        yield
        return
    import time

    from clausediff.errors import InputError

    end = time.monotonic() + seconds
    late = False

    def check() -> int:
        nonlocal late
        late = time.monotonic() > end
        return int(late)

    db.set_progress_handler(check, _STEPS)
    try:
        yield
    except sqlite3.OperationalError as e:
        if not late:
            raise
        raise InputError(
            f"{what} ran past its time limit of {seconds:g} s",
            hint="narrow the query, or raise the limit (timeout=)",
        ) from e
    finally:
        db.set_progress_handler(None, 0)


_STEPS = 2000  # SQLite virtual machine steps between two looks at the clock
