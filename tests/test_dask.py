"""Building on a dask.distributed cluster (an in-process LocalCluster: CI starts no service):
the same index as one process builds, a worker killed mid-build, a scheduler that goes away."""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from clausediff.bundled import bundled_corpus_dir
from clausediff.cli import main
from clausediff.corpus import storage
from clausediff.corpus.engines import DaskCluster
from clausediff.corpus.facade import Corpus
from clausediff.errors import ClusterError
from clausediff.report import render

distributed = pytest.importorskip("distributed")

QUERIES = (
    "military and other assistance with all the means at its disposal",
    "an armed attack against one or more of them shall be considered an attack against them all",
)


def outputs(corpus: Corpus) -> list[str]:
    """The JSON of two searches and of lineage, the index's name left out."""
    found = [render(corpus.search(q, top=20), "json") for q in QUERIES]
    found.append(render(corpus.lineage(min_score=10), "json"))
    return [text.replace(corpus.name, "INDEX") for text in found]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The outputs of the bundled corpus indexed in this process."""
    db = tmp_path_factory.mktemp("local") / "index.sqlite"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1) as corpus:
        return outputs(corpus)


@contextlib.contextmanager
def cluster(processes: bool) -> Iterator[Any]:
    """A LocalCluster of two single-threaded workers (its HTTP server on a free port: 8787
    may be taken on a shared machine)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=":0"
    ) as running:
        yield running


def test_a_cluster_builds_the_same_index(tmp_path: Path, local: list[str]) -> None:
    """Indexed on a LocalCluster: byte-identical search and lineage JSON."""
    db = tmp_path / "index.sqlite"
    with cluster(processes=False) as running:
        address = running.scheduler_address
        with Corpus.from_directory(bundled_corpus_dir(), db=db, scheduler=address) as corpus:
            assert outputs(corpus) == local


def test_lineage_on_a_cluster_finds_the_same_families(tmp_path: Path, local: list[str]) -> None:
    """Lineage's pairs found in parts on a LocalCluster: byte-identical JSON."""
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    with cluster(processes=False) as running, Corpus.open(db) as corpus:
        found = corpus.lineage(min_score=10, scheduler=running.scheduler_address)
        assert render(found, "json").replace(corpus.name, "INDEX") == local[-1]


def test_the_cli_builds_on_a_scheduler(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`index --scheduler ADDRESS` indexes every file through the cluster."""
    db = tmp_path / "index.sqlite"
    with cluster(processes=False) as running:
        argv = ["index", str(bundled_corpus_dir()), "--db", str(db)]
        assert main([*argv, "--scheduler", running.scheduler_address]) == 0
    out = capsys.readouterr().out
    assert "23 added" in out
    assert " 0 skipped" in out


def test_no_scheduler_at_the_address_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scheduler address where nothing listens: exit 2, the address named, no traceback."""
    db = tmp_path / "index.sqlite"
    argv = ["index", str(bundled_corpus_dir()), "--db", str(db)]
    status = main([*argv, "--scheduler", "tcp://127.0.0.1:1"])
    err = capsys.readouterr().err
    assert status == 2
    assert "tcp://127.0.0.1:1" in err
    assert "Traceback" not in err


def build_with(db: Path, address: str, after: int, act: Callable[[], None]) -> Corpus:
    """Index the bundled corpus on the cluster at *address*, calling *act* once when *after*
    files have been loaded."""
    seen: list[str] = []

    def progress(name: str) -> None:
        seen.append(name)
        if len(seen) == after:
            act()

    return Corpus.from_directory(bundled_corpus_dir(), db=db, scheduler=address, progress=progress)


def test_a_worker_killed_mid_build_changes_nothing(tmp_path: Path, local: list[str]) -> None:
    """A worker process killed (SIGKILL) mid-build: its tasks run again, the index is whole
    and the same as one process's."""
    db = tmp_path / "index.sqlite"
    with cluster(processes=True) as running:
        client = distributed.Client(running.scheduler_address, set_as_default=False)
        try:
            pids = client.run(os.getpid)
            victim = min(pids.values())

            def kill() -> None:
                os.kill(victim, signal.SIGKILL)

            with build_with(db, running.scheduler_address, 3, kill) as corpus:
                assert corpus.report is not None
                assert not corpus.report.failed
                assert outputs(corpus) == local
            assert victim not in client.run(os.getpid).values()  # it was killed indeed
        finally:
            client.close()


def test_a_scheduler_that_goes_away(tmp_path: Path, local: list[str]) -> None:
    """The scheduler closed mid-build: a ClusterError with a hint, the index consistent
    (whole documents only, counts that agree), and the next run completes it."""
    db = tmp_path / "index.sqlite"
    with cluster(processes=False) as running:

        def close_scheduler() -> None:
            running.sync(running.scheduler.close)

        with pytest.raises(ClusterError) as caught:
            build_with(db, running.scheduler_address, 5, close_scheduler)
    assert caught.value.hint is not None
    assert "run again" in caught.value.hint
    with contextlib.closing(storage.connect(db)) as connection:
        rows = storage.document_rows(connection)
        assert 5 <= len(rows) < 23
        whole = sum(row.last - row.first + 1 for row in rows)
        assert storage.counts(connection)[0] == whole
        assert storage.meta(connection, "stale") == "1"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1) as corpus:
        assert corpus.report is not None
        assert len(corpus.report.unchanged) == len(rows)
        assert outputs(corpus) == local


def test_lineage_whose_scheduler_goes_away_goes_on_in_the_next_run(
    tmp_path: Path, local: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scheduler closed while lineage links (ranges of 25 articles, 2 linked): a
    ClusterError, the work kept (a note says where); the next run, in this process, goes
    on from there and finds the families a run that never stopped finds."""
    from clausediff.corpus import partitions
    from clausediff.corpus.linkstore import LinkStore
    from clausediff.errors import ClauseDiffWarning

    monkeypatch.setattr(partitions, "PART", 25)
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    adding = LinkStore.add
    with cluster(processes=False) as running:

        def add(store: LinkStore, linked: Any, first: int | None = None) -> None:
            adding(store, linked, first)
            if len(store.linked) == 2:
                running.sync(running.scheduler.close)

        monkeypatch.setattr(LinkStore, "add", add)
        with (
            Corpus.open(db) as corpus,
            pytest.warns(ClauseDiffWarning, match="stopped with 2 of"),
            pytest.raises(ClusterError),
        ):
            corpus.lineage(min_score=10, scheduler=running.scheduler_address)
    monkeypatch.setattr(LinkStore, "add", adding)
    with (
        Corpus.open(db) as corpus,
        pytest.warns(ClauseDiffWarning, match="goes on from a run of the same lineage"),
    ):
        resumed = render(corpus.lineage(min_score=10), "json").replace(corpus.name, "INDEX")
    assert resumed == local[-1]


def test_the_engine_counts_the_cluster_workers() -> None:
    """A DaskCluster engine knows how many workers the cluster has."""
    with cluster(processes=False) as running:
        engine = DaskCluster(running.scheduler_address)
        try:
            assert engine.workers == 2
            assert list(engine.map(abs, range(-9, 9))) == [abs(n) for n in range(-9, 9)]
        finally:
            engine.close()
