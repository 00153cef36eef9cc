"""Lineage's temporary directories, and what a killed run left of them.

Lineage writes its prepared texts (about 4 GB at 1,000,000 articles) and its links to
temporary directories, and removes them when it ends: normally, on an error, on Ctrl-C or
SIGTERM. A process killed outright (SIGKILL, the out-of-memory killer, a machine that went
down) cannot. So each directory holds a lock file that its run keeps locked (``flock``) while
it lives, and a run that makes a directory removes every directory of the same kind in the
same place whose lock it can take (its run is gone) and that is older than ``SETTLED``
seconds (one just made, whose run has not locked it yet, is left alone). Directories without
a lock file are not touched. Where the platform has no ``flock`` (Windows), nothing is swept.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
import time
from pathlib import Path

__all__ = ["LOCK", "SETTLED", "OwnedDirectory", "sweep"]

LOCK = "owner.lock"
SETTLED = 60.0  # seconds: a directory younger than this is never swept


class OwnedDirectory:
    """A temporary directory named *prefix*... under *parent* (the system's temporary
    directory by default), locked by this process until ``cleanup`` removes it; made after
    sweeping what killed runs left under the same prefix there.

    Raises:
        OSError: the directory or its lock file could not be made.
    """

    def __init__(self, prefix: str, parent: str | None = None) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix=prefix, dir=parent)
        self.name = self._directory.name
        self._lock = _held(Path(self.name) / LOCK)
        sweep(Path(self.name).parent, prefix)

    def cleanup(self) -> None:
        """Remove the directory and everything in it."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
        self._directory.cleanup()


def sweep(parent: Path, prefix: str) -> list[Path]:
    """Remove the directories *prefix*... under *parent* that a run which is gone left (module
    docstring); the ones removed."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return []
    removed = []
    for directory in parent.glob(glob.escape(prefix) + "*"):
        lock = directory / LOCK
        try:
            if time.time() - directory.stat().st_mtime < SETTLED or not lock.is_file():
                continue
            fd = os.open(lock, os.O_RDWR)
        except OSError:  # gone meanwhile, or not ours to open
            continue
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # its run holds it: alive
                continue
            shutil.rmtree(directory, ignore_errors=True)
            removed.append(directory)
        finally:
            os.close(fd)
    return removed


def _held(path: Path) -> int | None:
    """A descriptor of the lock file *path*, created and locked (``None`` without
    ``flock``)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    with contextlib.suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd
