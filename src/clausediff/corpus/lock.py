"""One index run at a time: the writer's lock, a lock file beside the index.

SQLite lets one writer in at a time, but an index run is many transactions (one per file,
then the statistics), and two runs interleaving them would each count the other's work. So a
run holds an advisory lock (``flock``) on ``FILE.lock`` from start to end; a second run on
the same file waits for the first to finish, then finds the index up to date. Readers take
no lock: they read a snapshot. Where the platform has no ``flock`` (Windows), runs are not
serialized beyond SQLite's own locking.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from clausediff.errors import IndexFileError

__all__ = ["writer_lock"]


@contextlib.contextmanager
def writer_lock(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the writer's lock of the index at *path* for the block; when another run holds
    it, call *on_wait* (to say so) and wait.

    Raises:
        IndexFileError: the lock file cannot be created (a directory one may not write to).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise IndexFileError(f"cannot create its lock file ({e.strerror})", path=str(path)) from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
