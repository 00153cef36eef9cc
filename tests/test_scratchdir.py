"""Lineage's temporary directories: what a run killed outright left is removed by the next
run, and nothing a live run holds is."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clausediff.corpus import scratchdir
from clausediff.corpus.linkstore import LinkStore
from clausediff.corpus.prepared import TextStore
from clausediff.corpus.scratchdir import LOCK, SETTLED, OwnedDirectory

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")

_KILLED_WHILE_HOLDING = """
import sys, time
from pathlib import Path
from clausediff.corpus.linkstore import LinkStore
from clausediff.corpus.prepared import TextStore

texts = TextStore(sys.argv[1] + "/index.sqlite")
links = LinkStore(sys.argv[1])
Path(sys.argv[2]).touch()
time.sleep(60)
"""


def _age(directory: Path) -> None:
    """Make *directory* look older than ``SETTLED``."""
    then = time.time() - 2 * SETTLED
    os.utime(directory, (then, then))


def test_what_a_killed_lineage_left_goes_with_the_next_run(tmp_path: Path) -> None:
    """A process killed with SIGKILL while it holds both stores leaves their directories (it
    cannot remove them); the next stores made in the same places remove them, and their
    own stay until closed."""
    ready = tmp_path / "ready"
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WHILE_HOLDING, str(tmp_path), str(ready)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ready.exists(), child.communicate(timeout=60)[1]
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)
    left = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert len(left) == 2
    assert left[0].startswith(".clausediff-texts-")
    assert left[1].startswith("clausediff-links-")
    for name in left:
        _age(tmp_path / name)
    with TextStore(str(tmp_path / "index.sqlite")) as texts, LinkStore(str(tmp_path)) as links:
        now = sorted(p for p in tmp_path.iterdir() if p.is_dir())
        assert now == sorted([Path(texts.path).parent, Path(links.path).parent])
        assert not {p.name for p in now} & set(left)
    assert [p for p in tmp_path.iterdir() if p.is_dir()] == []


def test_a_directory_a_live_run_holds_is_never_swept(tmp_path: Path) -> None:
    """A directory whose lock is held (another run, alive) stays however old it is; so does
    one too young to have been locked yet, one without a lock file, and one of another
    kind."""
    held = OwnedDirectory("clausediff-links-", str(tmp_path))
    young = tmp_path / "clausediff-links-young"
    young.mkdir()
    (young / LOCK).touch()
    unlocked = tmp_path / "clausediff-links-old"
    unlocked.mkdir()
    other = tmp_path / "clausediff-other-x"
    other.mkdir()
    (other / LOCK).touch()
    for directory in (Path(held.name), unlocked, other):
        _age(directory)
    try:
        assert scratchdir.sweep(tmp_path, "clausediff-links-") == []
        assert all(p.exists() for p in (Path(held.name), young, unlocked, other))
        _age(young)  # now settled, unlocked: left by a run that is gone
        assert scratchdir.sweep(tmp_path, "clausediff-links-") == [young]
        assert not young.exists()
        assert Path(held.name).exists()
    finally:
        held.cleanup()
    assert not Path(held.name).exists()
