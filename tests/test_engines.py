"""Building on many processes: the same index from one process and from a pool, and clear
errors when the processes go away (the dask.distributed cluster's tests: test_dask.py)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from clausediff.bundled import bundled_corpus_dir
from clausediff.cli import main
from clausediff.corpus import partitions, storage
from clausediff.corpus.build import PreparedDocument, prepare_file
from clausediff.corpus.documents import Documents
from clausediff.corpus.engines import InProcess, ProcessPool, make_engine
from clausediff.corpus.facade import Corpus
from clausediff.corpus.links import _candidates, score_candidates
from clausediff.corpus.partitions import LinkTask, link_part, link_range, parts
from clausediff.corpus.prepare import parse_file
from clausediff.corpus.shards import read_shard, shard_path, write_shard
from clausediff.corpus.significance import DEFAULT, Model
from clausediff.errors import ClusterError, IndexFileError, MissingExtraError
from clausediff.report import render

QUERIES = (
    "military and other assistance with all the means at its disposal",
    "an armed attack against one or more of them shall be considered an attack against them all",
    "maintenance of international peace and security",
)


def outputs(corpus: Corpus) -> list[str]:
    """The JSON of a few searches and of lineage, the index's name left out (only the name
    of the file may differ between two builds)."""
    found = [render(corpus.search(q, top=20), "json") for q in QUERIES]
    found.append(render(corpus.lineage(min_score=10), "json"))
    return [text.replace(corpus.name, "INDEX") for text in found]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The outputs of the bundled corpus indexed in this process."""
    db = tmp_path_factory.mktemp("one") / "index.sqlite"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1) as corpus:
        assert corpus.report is not None
        assert corpus.report.articles > 100
        return outputs(corpus)


def test_a_pool_builds_the_same_index(tmp_path: Path, one_process: list[str]) -> None:
    """Two worker processes give byte-identical search and lineage JSON."""
    db = tmp_path / "index.sqlite"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=2) as corpus:
        assert outputs(corpus) == one_process
        assert '"families": []' not in outputs(corpus)[-1]


def test_a_pool_fits_the_same_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The calibration sample scored on a pool's processes (while this one loads the
    postings) gives the model that one process fits."""
    monkeypatch.setattr("clausediff.corpus.load.MIN_CALIBRATION_ARTICLES", 100)
    models = []
    for workers in (1, 2):
        db = tmp_path / f"index-{workers}.sqlite"
        with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=workers) as corpus:
            models.append(storage.calibration(corpus.db))
    assert models[0] is not None
    assert models[0]["pairs"] > 1000
    assert models[0] == models[1]


def test_lineage_on_a_pool_finds_the_same_families(tmp_path: Path, one_process: list[str]) -> None:
    """Lineage's pairs found in parts on two processes: byte-identical JSON."""
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    with Corpus.open(db) as corpus:
        found = render(corpus.lineage(min_score=10, workers=2), "json")
        assert found.replace(corpus.name, "INDEX") == one_process[-1]


def test_lineage_in_small_parts_finds_the_same_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts of 7 articles, scored in blocks of 13, link the same pairs, in the same order,
    as one pass."""
    monkeypatch.setattr(partitions, "BLOCK", 13)
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    with contextlib.closing(storage.connect(db)) as connection, storage.snapshot(connection):
        documents = Documents.of(storage.document_rows(connection))
        model = Model.of(storage.calibration(connection) or {})
        whole, _ = score_candidates(connection, _candidates(connection, documents), model, 1, 10)
        last = max(row.last for row in documents.rows)
        pieces = [
            link_range(connection, documents, model, span, 1, 10)[0] for span in parts(1, last, 7)
        ]
    assert len(whole) > 20
    assert [pair for piece in pieces for pair in piece] == whole


def test_a_part_of_a_changed_index_says_so(tmp_path: Path) -> None:
    """A task reading an index of another generation than its caller's refuses."""
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    with pytest.raises(IndexFileError) as caught:
        link_part(LinkTask(str(db), "-1", 1, 10, DEFAULT, 1e-3, 20.0))
    assert "changed" in str(caught.value)
    assert caught.value.hint == "run it again"


def test_an_update_on_a_pool_matches_a_fresh_build(tmp_path: Path, one_process: list[str]) -> None:
    """Half the files indexed in this process, the rest added by a pool: the same index."""
    half = tmp_path / "half"
    half.mkdir()
    names = sorted(p.name for p in bundled_corpus_dir().iterdir())
    for name in names[::2]:
        (half / name).write_bytes((bundled_corpus_dir() / name).read_bytes())
    db = tmp_path / "index.sqlite"
    Corpus.from_directory(half, db=db, workers=1).close()
    for name in names[1::2]:
        (half / name).write_bytes((bundled_corpus_dir() / name).read_bytes())
    with Corpus.from_directory(half, db=db, workers=2) as corpus:
        assert corpus.report is not None
        assert len(corpus.report.unchanged) >= len(names[::2]) - 1  # the catalog is no treaty
        assert corpus.report.added
    fresh = tmp_path / "fresh.sqlite"
    Corpus.from_directory(half, db=fresh, workers=1).close()
    with Corpus.open(db) as updated, Corpus.open(fresh) as built:
        assert outputs(updated) == outputs(built)


def test_the_engines_keep_the_order_of_the_items() -> None:
    """Results come back in the items' order, however many are in flight."""
    pool = ProcessPool(2)
    try:
        assert list(pool.map(abs, range(-50, 50))) == [abs(n) for n in range(-50, 50)]
    finally:
        pool.close()
    assert list(InProcess().map(abs, [-2, 3])) == [2, 3]


def test_a_worker_process_that_dies_is_a_cluster_error() -> None:
    """A worker killed mid-run (here: it exits) raises ClusterError with a hint."""
    pool = ProcessPool(2)
    try:
        with pytest.raises(ClusterError) as caught:
            list(pool.map(os._exit, [3, 3]))
    finally:
        pool.close()
    assert caught.value.hint is not None
    assert "run again" in caught.value.hint


def test_all_workers_start_with_the_pool() -> None:
    """Every worker is started before the first task: one started later, while another has
    just died, broke the pool's thread (a CI run's "dictionary changed size during
    iteration") and printed a traceback. Two tasks on three workers started two before."""
    before = set(multiprocessing.active_children())
    pool = ProcessPool(3)
    try:
        assert list(pool.map(abs, [-1, -2])) == [1, 2]
        started = set(multiprocessing.active_children()) - before
    finally:
        pool.close()
    assert len(started) == 3


def test_one_worker_or_none_runs_in_this_process() -> None:
    """--workers 1 (and no option) start no process."""
    assert isinstance(make_engine(1), InProcess)
    assert isinstance(make_engine(None), InProcess)
    assert isinstance(make_engine(3), ProcessPool)


def test_a_scheduler_without_the_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without dask.distributed, --scheduler is a MissingExtraError naming clausediff[dask]."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError) as caught:
        make_engine(scheduler="tcp://127.0.0.1:8786")
    assert caught.value.extra == "dask"
    assert "clausediff[dask]" in str(caught.value.hint)


def test_the_cli_says_to_install_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`index --scheduler` without the extra: exit 2, the extra named, no index half made."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    db = tmp_path / "index.sqlite"
    status = main(["index", str(bundled_corpus_dir()), "--db", str(db), "--scheduler", "x:1"])
    err = capsys.readouterr().err
    assert status == 2
    assert "clausediff[dask]" in err
    assert "Traceback" not in err


def test_shards_without_pyarrow_leave_no_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`index --shards` without pyarrow: exit 2, the extra named, and no index file made."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    db = tmp_path / "index.sqlite"
    shards = tmp_path / "shards"
    status = main(["index", str(bundled_corpus_dir()), "--db", str(db), "--shards", str(shards)])
    err = capsys.readouterr().err
    assert status == 2
    assert "clausediff[dask]" in err
    assert not db.exists()


def test_the_cli_builds_on_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`index --workers 2` indexes every file, as one process does."""
    db = tmp_path / "index.sqlite"
    assert main(["index", str(bundled_corpus_dir()), "--db", str(db), "--workers", "2"]) == 0
    out = capsys.readouterr().out
    assert " 0 skipped" in out
    with contextlib.closing(storage.connect(db)) as connection:
        assert storage.counts(connection)[0] == int(out.split(": ")[1].split()[0])


def test_shards_give_the_same_index(tmp_path: Path, one_process: list[str]) -> None:
    """Built through Parquet shards on a pool: byte-identical search and lineage JSON, one
    shard per indexed file."""
    pytest.importorskip("pyarrow")
    shards = tmp_path / "shards"
    db = tmp_path / "index.sqlite"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, workers=2, shards=shards) as corpus:
        assert outputs(corpus) == one_process
        assert corpus.report is not None
        assert len(list(shards.glob("*.parquet"))) == len(corpus.report.added)


def test_a_shard_reads_back_what_was_prepared(tmp_path: Path) -> None:
    """write_shard then read_shard: the same prepared document, field for field."""
    pytest.importorskip("pyarrow")
    data = (bundled_corpus_dir() / "nato-1949.en.txt").read_bytes()
    _, prepared = prepare_file(("nato-1949.en", "d1", data, parse_file(None)))
    assert isinstance(prepared, PreparedDocument)
    path = shard_path(tmp_path, "nato-1949.en", "d1")
    write_shard(prepared, path)
    assert read_shard(path) == prepared
    assert read_shard(tmp_path / "missing.parquet") is None


def test_a_new_index_is_loaded_from_the_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, one_process: list[str]
) -> None:
    """A second index built from the same shards reads them and parses nothing."""
    pytest.importorskip("pyarrow")
    shards = tmp_path / "shards"
    Corpus.from_directory(bundled_corpus_dir(), db=tmp_path / "a.sqlite", shards=shards).close()

    def no_parsing(self: parse_file, name: str, data: bytes) -> NoReturn:
        raise AssertionError(f"{name} parsed again")

    monkeypatch.setattr(parse_file, "__call__", no_parsing)
    db = tmp_path / "b.sqlite"
    with Corpus.from_directory(bundled_corpus_dir(), db=db, shards=shards) as corpus:
        assert corpus.report is not None
        assert not corpus.report.failed
        assert outputs(corpus) == one_process


def test_shards_without_pyarrow_name_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--shards without pyarrow: MissingExtraError naming clausediff[dask]."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtraError) as caught:
        Corpus.from_directory(bundled_corpus_dir(), db=tmp_path / "i.sqlite", shards=tmp_path)
    assert caught.value.extra == "dask"


_KILLED_WITH_WORKERS = """
import time
from clausediff.corpus.engines import ProcessPool

pool = ProcessPool(2)._start()
assert pool is not None
busy = [pool.submit(time.sleep, 60) for _ in range(3)]
time.sleep(0.5)
print(" ".join(map(str, pool._processes)), flush=True)
time.sleep(120)
"""


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie left for its parent to reap counts)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_pool_workers_end_when_their_starter_is_killed() -> None:
    """A process killed with its pool busy (SIGKILL: nothing of it runs) leaves no worker
    waiting for tasks for ever: each ends within a few of its looks (``WATCH``)."""
    import signal
    import subprocess
    import time

    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_WITH_WORKERS], stdout=subprocess.PIPE, text=True
    ) as starter:
        assert starter.stdout is not None
        workers = [int(pid) for pid in starter.stdout.readline().split()]
        assert len(workers) == 2
        assert not any(map(_gone, workers))
        starter.send_signal(signal.SIGKILL)
        starter.wait(timeout=30)
    deadline = time.monotonic() + 30
    while not all(map(_gone, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(map(_gone, workers))


_UNGUARDED = """
from clausediff.bundled import bundled_corpus_dir
from clausediff.corpus.facade import Corpus
from clausediff.report import render

corpus = Corpus.from_directory(bundled_corpus_dir(), db={db!r}, workers=2)
print(render(corpus.lineage(min_score=10, workers=2), "json").replace(corpus.name, "INDEX"))
"""


def test_a_script_without_a_main_guard_finishes_and_says_why(
    tmp_path: Path, one_process: list[str]
) -> None:
    """A script that asks for workers at its top level (no ``if __name__ ==
    "__main__":``): each worker process imports it again, and ran the build again, which
    waited for the lock the script held: it hung. Now the worker's run refuses at once,
    saying what to do, and the script finishes in its own process with the same lineage."""
    import subprocess

    script = tmp_path / "unguarded.py"
    script.write_text(_UNGUARDED.format(db=str(tmp_path / "index.sqlite")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == one_process[-1]
    assert 'if __name__ == "__main__":' in done.stderr


class _NoProcesses:
    """A process pool that may not start a process (a sandbox, a user with no right to)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def submit(self, *args: object) -> NoReturn:
        raise PermissionError("no process may be started here")

    def shutdown(self, **kwargs: object) -> None:
        pass


def test_a_pool_that_cannot_start_runs_here_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No worker process can start: the tasks run in this process, in order, and a
    ClauseDiffWarning says so (it was silent)."""
    from clausediff.corpus import engines
    from clausediff.errors import ClauseDiffWarning

    monkeypatch.setattr(engines, "ProcessPoolExecutor", _NoProcesses)
    pool = ProcessPool(2)
    with pytest.warns(ClauseDiffWarning, match="no worker process could be started"):
        assert list(pool.map(abs, [-1, -2, -3])) == [1, 2, 3]
    pool.close()


def test_the_cli_notes_a_pool_that_cannot_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`index --workers 2` where no process may start: the index is built here, and a note
    on stderr says why it took longer; exit status 0."""
    from clausediff.corpus import engines

    monkeypatch.setattr(engines, "ProcessPoolExecutor", _NoProcesses)
    db = tmp_path / "index.sqlite"
    status = main(["index", str(bundled_corpus_dir()), "--db", str(db), "--workers", "2"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "clausediff: note: no worker process could be started" in err
    with Corpus.open(db) as corpus:
        assert len(corpus) > 10
