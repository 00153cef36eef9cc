"""Lineage that goes on where a stopped run left it: the stopped run's work kept (and said
where), the next run of the same lineage taking it over and linking only what is left, the
same families as a run that never stopped, and nothing left behind at the end."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from clausediff.bundled import bundled_corpus_dir
from clausediff.corpus import partitions, scratchdir
from clausediff.corpus.facade import Corpus
from clausediff.corpus.linkstore import LinkStore
from clausediff.corpus.resume import claims
from clausediff.corpus.scratchdir import CLAIM, Claim, OwnedDirectory
from clausediff.errors import ClauseDiffWarning
from clausediff.report import render

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock")

PART = 25  # articles per range here: the bundled corpus makes many ranges


@pytest.fixture
def index(bundled_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the index in a directory of its own, with a temporary directory of its
    own, and ranges of ``PART`` articles."""
    monkeypatch.setattr(partitions, "PART", PART)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    copy = tmp_path / "index" / "index.sqlite"
    copy.parent.mkdir()
    shutil.copy(bundled_index, copy)
    return copy


def _left(index: Path) -> list[str]:
    """The work directories left beside the index and in the temporary directory."""
    places = (index.parent, Path(tempfile.gettempdir()))
    found = (p for place in places for p in place.iterdir() if p.is_dir())
    return sorted(p.name for p in found if p.name.lstrip(".").startswith("clausediff-"))


class _StopError(Exception):
    """Raised by a progress function to stop lineage part way."""


def _stopping_after(linked: int) -> partitions.Progress:
    def progress(stage: str, done: int, total: int | None) -> None:
        if stage == partitions.LINKING and done == linked:
            raise _StopError

    return progress


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stopped_lineage_goes_on_where_it_stopped(index: Path, workers: int) -> None:
    """Stopped after 3 ranges linked: its work stays, a note says so; the next run takes it
    over (a note says so), links only the ranges left, prepares no text again, and gives the
    families of a run that never stopped; then nothing is left."""
    with Corpus.open(index) as corpus:
        whole = render(corpus.lineage(workers=workers), "json")
        assert _left(index) == []
        with (
            pytest.warns(ClauseDiffWarning, match="stopped with 3 of") as stopped,
            pytest.raises(_StopError),
        ):
            corpus.lineage(workers=workers, progress=_stopping_after(3))
        assert "goes on from there" in str(stopped[0].message)
        left = _left(index)
        assert [name.split("-")[1] for name in left] == ["texts", "links"]
        heard: list[tuple[str, int, int | None]] = []
        with pytest.warns(ClauseDiffWarning, match="3 of .* ranges of articles were linked"):
            resumed = corpus.lineage(workers=workers, progress=lambda *step: heard.append(step))
    assert render(resumed, "json") == whole
    linking = [(done, total) for stage, done, total in heard if stage == partitions.LINKING]
    total = linking[0][1]
    assert total is not None
    assert total > 6
    assert linking == [(n, total) for n in range(3, total + 1)]
    assert not [step for step in heard if step[0] == partitions.PREPARING]
    assert _left(index) == []


def test_a_lineage_stopped_while_grouping_groups_again(index: Path) -> None:
    """Stopped once every range is linked, while the links are grouped: the texts are gone
    already, the links are kept, and the next run only groups them (no range linked or text
    prepared again), with the families of a run that never stopped."""
    from clausediff.corpus import lineage

    def stop(stage: str, done: int, total: int | None) -> None:
        if stage == lineage.GROUPING:
            raise _StopError

    with Corpus.open(index) as corpus:
        whole = render(corpus.lineage(), "json")
        with (
            pytest.warns(ClauseDiffWarning, match="linked: its work is kept"),
            pytest.raises(_StopError),
        ):
            corpus.lineage(progress=stop)
        assert [name.split("-")[1] for name in _left(index)] == ["links"]
        heard: list[tuple[str, int, int | None]] = []
        with pytest.warns(ClauseDiffWarning, match="goes on from a run"):
            again = corpus.lineage(progress=lambda *step: heard.append(step))
    assert render(again, "json") == whole
    assert {stage for stage, _, _ in heard} == {
        partitions.LINKING,
        lineage.GROUPING,
        lineage.FAMILIES,
    }
    linking = [(done, total) for stage, done, total in heard if stage == partitions.LINKING]
    assert linking == [(linking[0][1], linking[0][1])]  # every range linked already
    assert _left(index) == []


def test_links_are_taken_over_by_the_same_lineage_only(index: Path) -> None:
    """A stopped run's links are taken over only by the same lineage: with other thresholds
    every range is linked afresh, and the stopped run's links stay for its own lineage. Its
    prepared texts, which depend on the index alone, serve the other lineage."""
    with Corpus.open(index) as corpus:
        with pytest.warns(ClauseDiffWarning), pytest.raises(_StopError):
            corpus.lineage(progress=_stopping_after(2))
        links = [name for name in _left(index) if name.startswith("clausediff-links-")]
        heard: list[tuple[str, int, int | None]] = []
        corpus.lineage(min_score=20.0, progress=lambda *step: heard.append(step))
        assert _left(index) == links
    assert next(done for stage, done, _ in heard if stage == partitions.LINKING) == 1
    assert not [step for step in heard if step[0] == partitions.PREPARING]


def test_work_of_a_changed_index_is_swept(index: Path) -> None:
    """Once the index is rebuilt (a new generation), a stopped run's work can never be
    resumed (rebuilt with a text changed, though its count of changes starts again), and
    the next lineage made in the same places removes it."""
    with Corpus.open(index) as corpus, pytest.warns(ClauseDiffWarning), pytest.raises(_StopError):
        corpus.lineage(progress=_stopping_after(2))
    places = (index.parent, Path(tempfile.gettempdir()))
    kept = [place / name for place in places for name in _left(index) if (place / name).exists()]
    assert len(kept) == 2
    index.unlink()
    corpus_dir = index.parent.parent / "corpus"
    shutil.copytree(bundled_corpus_dir(), corpus_dir)
    changed = next(corpus_dir.glob("*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    Corpus.from_directory(corpus_dir, db=index, workers=1).close()
    _age(*kept)
    with Corpus.open(index) as corpus:
        corpus.lineage()
    assert _left(index) == []


def _age(*directories: Path) -> None:
    import os
    import time

    then = time.time() - 2 * scratchdir.SETTLED
    for directory in directories:
        os.utime(directory, (then, then))


def test_a_claimed_directory_is_taken_over_by_the_same_claim_only(tmp_path: Path) -> None:
    """A directory made for a claim and released is taken over by the same claim (and said
    to be resumed), not by another; one whose owner is alive is not taken over: the second
    run gets a directory of its own."""
    claim = Claim(str(tmp_path / "index.sqlite"), "g1", "links; format 1")
    first = OwnedDirectory("clausediff-links-", str(tmp_path), claim=claim)
    assert first.claimed
    assert not first.resumed
    (Path(first.name) / "work").write_text("half done", encoding="utf-8")
    alive = OwnedDirectory("clausediff-links-", str(tmp_path), claim=claim)
    assert alive.name != first.name
    assert not alive.claimed
    assert not alive.resumed
    alive.cleanup()
    first.release()
    again = OwnedDirectory("clausediff-links-", str(tmp_path), claim=claim)
    assert again.name == first.name
    assert again.resumed
    assert (Path(again.name) / "work").read_text(encoding="utf-8") == "half done"
    again.release()
    other = Claim(claim.index, "g2", claim.terms)
    fresh = OwnedDirectory("clausediff-links-", str(tmp_path), claim=other)
    assert fresh.name != first.name
    assert not fresh.resumed
    fresh.cleanup()


def test_the_sweep_keeps_claimed_work_while_its_index_is_current(tmp_path: Path) -> None:
    """A released claimed directory stays while its index is of that generation (and
    without a way to tell), and goes once it is not."""
    claim = Claim(str(tmp_path / "index.sqlite"), "g1", "texts")
    made = OwnedDirectory("clausediff-texts-", str(tmp_path), claim=claim)
    made.release()
    _age(Path(made.name))
    assert (Path(made.name) / CLAIM).is_file()
    assert scratchdir.sweep(tmp_path, "clausediff-texts-", lambda i, g: g == "g1") == []
    assert scratchdir.sweep(tmp_path, "clausediff-texts-") == []
    gone = scratchdir.sweep(tmp_path, "clausediff-texts-", lambda i, g: False)
    assert gone == [Path(made.name)]
    assert not Path(made.name).exists()


def test_an_index_in_memory_leaves_nothing(tmp_path: Path) -> None:
    """No claim without an index file: a store of such a lineage is removed however it
    ends."""
    assert claims(None, "state", (1e-3, 10.0)) == (None, None)
    store = LinkStore(str(tmp_path))
    store.close(keep=False)
    assert list(tmp_path.iterdir()) == []


def test_a_claimed_name_put_there_by_someone_else_is_not_taken(tmp_path: Path) -> None:
    """A claimed directory's name can be foreseen: a link planted under it (to a directory
    of someone's files, with a lock file) or a directory others may enter is not taken
    over, nor swept, nor anything in it removed; the run makes a directory of its own."""
    claim = Claim(str(tmp_path / "index.sqlite"), "state", "links")
    target = tmp_path / "victim"
    target.mkdir()
    (target / "precious.txt").write_text("keep me", encoding="utf-8")
    planted = tmp_path / ("clausediff-links-" + claim.name)
    planted.symlink_to(target, target_is_directory=True)
    (target / scratchdir.LOCK).touch()
    _age(target)
    made = OwnedDirectory("clausediff-links-", str(tmp_path), claim=claim)
    assert not made.claimed
    assert Path(made.name) != planted
    made.cleanup()
    assert scratchdir.sweep(tmp_path, "clausediff-links-", lambda i, s: False) == []
    assert (target / "precious.txt").read_text(encoding="utf-8") == "keep me"
    planted.unlink()
    planted.mkdir(mode=0o777)
    planted.chmod(0o777)
    (planted / "theirs").write_text("x", encoding="utf-8")
    made = OwnedDirectory("clausediff-links-", str(tmp_path), claim=claim)
    assert not made.claimed
    assert (planted / "theirs").exists()
    made.cleanup()


def test_warnings_made_errors_do_not_hide_why_lineage_stopped(index: Path) -> None:
    """With warnings made errors (as a test suite makes them), the exception that stopped
    lineage still comes out, the note on where its work is kept added to it."""
    import warnings

    with Corpus.open(index) as corpus, warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(_StopError) as caught:
            corpus.lineage(progress=_stopping_after(2))
    assert any("its work is kept" in note for note in caught.value.__notes__)
    assert len(_left(index)) == 2


def test_a_store_taken_over_keeps_its_links_and_forgets_its_grouping(tmp_path: Path) -> None:
    """A claimed link store left part way through grouping is taken over with its pairs and
    ranges, and without what grouping had written (its tables and groups set aside)."""
    from clausediff.corpus.links import Pair

    claim = Claim(str(tmp_path / "index.sqlite"), "state", "links")
    pair = Pair(1, 2, 50.0, 30.0, 1e-6, (((1, 0, 5), (2, 0, 5)),))
    store = LinkStore(str(tmp_path), claim)
    store.add(([pair], {(1, 0, 5): 9.0, (2, 0, 5): 9.0}), 1)
    for group in store.groups(10.0):  # grouped, then stopped before the families
        store.keep(group)
    store.close(keep=True)
    again = LinkStore(str(tmp_path), claim)
    try:
        assert again.linked == {1}
        assert again.pairs == 1
        tables = {name for (name,) in again.db.execute("SELECT name FROM sqlite_master")}
        assert not {name for name in tables if name.startswith(("rank", "member", "chosen"))}
        assert again.db.execute("SELECT COUNT(*) FROM kept").fetchone() == (0,)
        assert [list(g) for g in again.groups(10.0)] == [[(pair, {(1, 0, 5), (2, 0, 5)})]]
    finally:
        again.close()
    assert list(tmp_path.iterdir()) == []
