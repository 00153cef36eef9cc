"""Lineage's temporary directories, and what a killed run left of them.

Lineage writes its prepared texts (about 4 GB at 1,000,000 articles) and its links to
temporary directories, and removes them when it ends: normally, on an error, on Ctrl-C or
SIGTERM. A process killed outright (SIGKILL, the out-of-memory killer, a machine that went
down) cannot. So each directory holds a lock file that its run keeps locked (``flock``) while
it lives, and a run that makes a directory removes every directory of the same kind in the
same place whose lock it can take (its run is gone) and that is older than ``SETTLED``
seconds (one just made, whose run has not locked it yet, is left alone). Directories without
a lock file are not touched. Where the platform has no ``flock`` (Windows), nothing is swept.

A directory made for a ``Claim`` (the work of one lineage of one index file in one state)
is named by it and holds it (``CLAIM``): when its run stops before the end (killed,
interrupted, its cluster gone), the next run that makes the same claim takes the directory
over and goes on from where the work stopped (``OwnedDirectory.resumed``). The sweep leaves
such a directory while its index file is still in that state, and removes it once the index
has changed or gone (nothing can resume it then).
"""

from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs

__all__ = ["CLAIM", "LOCK", "SETTLED", "Claim", "OwnedDirectory", "sweep"]

LOCK = "owner.lock"
CLAIM = "claim.json"
SETTLED = 60.0  # seconds: a directory younger than this is never swept


@attrs.frozen
class Claim:
    """Whose work a directory holds: the index file at *index* (an absolute path) in the
    *state* it was in (a digest of what it holds), with *terms* (the parameters and format
    the work depends on); a run making the same claim may take the work over."""

    index: str
    state: str
    terms: str

    @property
    def name(self) -> str:
        """The directory's name after its prefix: a digest of the claim."""
        digest = hashlib.sha256("\0".join((self.index, self.state, self.terms)).encode())
        return digest.hexdigest()[:20]


#: Whether the index file at a path is still in a state (``prepared.still_current``).
Current = Callable[[str, str], bool]


class OwnedDirectory:
    """A temporary directory named *prefix*... under *parent* (the system's temporary
    directory by default), locked by this process until ``cleanup`` removes it or
    ``release`` leaves it; made after sweeping what runs that are gone left under the same
    prefix there (*current* tells whether a claimed directory's index is still in its
    state). With a *claim*, the directory is the claim's (``claimed``), taken over when a run
    that is gone left it (``resumed``), unless a live run holds it: then one of its own.

    Raises:
        OSError: the directory or its lock file could not be made.
    """

    def __init__(
        self,
        prefix: str,
        parent: str | None = None,
        *,
        claim: Claim | None = None,
        current: Current | None = None,
    ) -> None:
        self.resumed = False
        self.claimed = False  # made for the claim (not when a live run holds its directory)
        self.name = ""
        self._lock: int | None = None
        if claim is not None:
            self._take(Path(parent or tempfile.gettempdir()) / (prefix + claim.name), claim)
        if not self.name:  # no claim, or its directory held by a live run: one of our own
            self.name = tempfile.mkdtemp(prefix=prefix, dir=parent)
            self._lock = _held(Path(self.name) / LOCK)
        sweep(Path(self.name).parent, prefix, current)

    def _take(self, directory: Path, claim: Claim) -> None:
        """Make *directory* for *claim*, or take it over from a run that is gone."""
        try:
            directory.mkdir(mode=0o700)
        except FileExistsError:
            pass  # left by a run that is gone, or held by one alive: the lock tells
        except OSError:
            return
        if not _ours(directory, private=True):
            return  # its name is known beforehand: not taken unless it is ours alone
        try:
            fd = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        except OSError:
            return
        if not _locked(fd):
            os.close(fd)  # a live run holds it
            return
        marker = directory / CLAIM
        self.resumed = _claim_in(marker) == claim
        if not self.resumed:  # new, or left half made: start it afresh
            for item in directory.iterdir():
                if item.is_dir():
                    shutil.rmtree(item)
                elif item.name != LOCK:
                    item.unlink()
            marker.write_text(json.dumps(attrs.asdict(claim)), encoding="utf-8")
        self.name, self._lock, self.claimed = str(directory), fd, True

    def release(self) -> None:
        """Leave the directory and what it holds for a later run to take over."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def cleanup(self) -> None:
        """Remove the directory and everything in it."""
        self.release()
        shutil.rmtree(self.name, ignore_errors=True)


def sweep(parent: Path, prefix: str, current: Current | None = None) -> list[Path]:
    """Remove the directories *prefix*... under *parent* that a run which is gone left (module
    docstring), but those of a claim whose index file is still *current* (without *current*,
    every claimed directory stays); the ones removed."""
    if importlib.util.find_spec("fcntl") is None:  # pragma: no cover - not on POSIX
        return []
    removed = []
    for directory in parent.glob(glob.escape(prefix) + "*"):
        lock = directory / LOCK
        try:
            if time.time() - directory.stat().st_mtime < SETTLED or not lock.is_file():
                continue
            if not _ours(directory):
                continue  # not ours (a link, another user's): never removed
            fd = os.open(lock, os.O_RDWR | _NOFOLLOW)
        except OSError:  # gone meanwhile, or not ours to open
            continue
        try:
            if not _locked(fd):  # its run holds it: alive
                continue
            claim = _claim_in(directory / CLAIM)
            if claim is not None and (current is None or current(claim.index, claim.state)):
                continue  # work a later run of the same lineage takes over
            shutil.rmtree(directory, ignore_errors=True)
            removed.append(directory)
        finally:
            os.close(fd)
    return removed


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _ours(directory: Path, *, private: bool = False) -> bool:
    """Whether *directory* is a directory (not a link to one) that this user owns, and, if
    *private*, that no one else may enter: a claimed directory's name can be foreseen, and
    another user of a shared temporary directory could have put a link or a directory of
    theirs there."""
    try:
        status = os.lstat(directory)
    except OSError:
        return False
    if not stat.S_ISDIR(status.st_mode) or (private and status.st_mode & 0o077):
        return False
    return not hasattr(os, "getuid") or status.st_uid == os.getuid()


def _claim_in(marker: Path) -> Claim | None:
    """The claim a directory's marker file names (``None``: none, or unreadable)."""
    try:
        return Claim(**json.loads(marker.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _locked(fd: int) -> bool:
    """Whether this process now holds the lock of *fd* (``True`` where there is no
    ``flock``: nothing to share with)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _held(path: Path) -> int:
    """A descriptor of the lock file *path*, created and locked (``_locked``)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
    _locked(fd)  # a directory just made: no one else holds it
    return fd
