"""What an adversarial pass broke in the index and the readers, kept fixed: an index one may
only read, ordinary bad input called a bug, unbounded and blocking reads, misleading
messages."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausediff.cli import main

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
TREATIES = ("anzus-1951.signed.en", "nato-1949.en", "us-philippines-1951.en")
NATO_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North "
    "America shall be considered an attack against them all"
)
NOBODY = 65534


def _as(user: int | None) -> list[str]:
    """The command prefix that runs a program as *user* (util-linux's setpriv), or none."""
    if user is None:
        return []
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]


def _cli(*args: str, cwd: Path, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a subprocess, as *user* when given (the tests may run as
    root, and root may write anywhere)."""
    return subprocess.run(
        [*_as(user), sys.executable, "-m", "clausediff", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=120,
    )


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A directory every user may enter (pytest's own are its owner's alone)."""
    directory = Path(tempfile.mkdtemp(prefix="clausediff-rel-"))
    directory.chmod(0o755)
    yield directory
    for path in directory.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(directory)


@pytest.fixture
def reader() -> int | None:
    """The user who runs the command that may not write: this one, or nobody when this is
    root (skipped where nobody cannot run clausediff from this checkout)."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv is not installed")
    probe = subprocess.run(
        [*_as(NOBODY), sys.executable, "-c", "import clausediff.cli"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("the user nobody cannot run clausediff from this checkout")
    return NOBODY


def _index(directory: Path, db: Path) -> None:
    """Index three bundled treaties of *directory* into *db*."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in TREATIES:
        shutil.copyfile(CORPORA / f"{name}.txt", directory / f"{name}.txt")
    assert main(["index", str(directory), "--db", str(db)]) == 0


def _read_only(path: Path) -> None:
    path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


@pytest.mark.parametrize("what", ["directory", "file", "both"])
def test_an_index_one_may_only_read_is_searched(
    what: str, shared_tmp: Path, reader: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Search, --article and lineage read an index in a read-only directory, or a read-only
    index file, and write nothing beside it."""
    db = shared_tmp / "ro" / "index.sqlite"
    db.parent.mkdir()
    db.parent.chmod(0o755)
    _index(shared_tmp / "treaties", db)
    capsys.readouterr()
    if what in ("file", "both"):
        _read_only(db)
    if what in ("directory", "both"):
        _read_only(db.parent)
    before = sorted(p.name for p in db.parent.iterdir())
    for args in (
        ["search", NATO_5, "--db", str(db), "--format", "json"],
        ["search", "--article", "nato-1949.en:5", "--db", str(db)],
        ["lineage", "--db", str(db)],
    ):
        result = _cli(*args, cwd=shared_tmp, user=reader)
        assert result.returncode == 0, result.stderr
        assert "nato-1949.en" in result.stdout or "anzus" in result.stdout, result.stdout[:200]
    if what != "file":  # where the directory may be written, SQLite's -shm file may appear
        assert sorted(p.name for p in db.parent.iterdir()) == before
