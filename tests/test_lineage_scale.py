"""Lineage in bounded memory: links gathered in a temporary file and grouped there, texts
prepared once; the same families as the in-memory path."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from array import array
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff.corpus import lineage, partitions, storage
from clausediff.corpus.documents import Documents
from clausediff.corpus.facade import Corpus
from clausediff.corpus.lineage import Lineage, find_families
from clausediff.corpus.links import (
    LARGEST,
    OVERLAP,
    Pair,
    _candidates,
    group_pairs,
    linked_groups,
    ready_texts,
    score_candidates,
)
from clausediff.corpus.linkstore import LinkStore, _find, _overlaps, _union
from clausediff.corpus.partitions import link_here
from clausediff.corpus.prepared import TextStore, pack, unpack
from clausediff.corpus.significance import Model
from clausediff.errors import IndexFileError
from clausediff.report import render

#: Every pair covering 10 of the smaller article linked, whatever its p-value: many links,
#: and groups large enough to be split again.
MAX_P, MIN_SCORE = 1.0, 10.0


@pytest.fixture
def index(bundled_index: Path) -> Path:
    """The bundled corpus indexed to a file."""
    return bundled_index


@contextlib.contextmanager
def opened(db: Path) -> Iterator[tuple[sqlite3.Connection, Documents, Model]]:
    """A connection to the index, in one snapshot, with its documents and model."""
    with contextlib.closing(storage.connect(db)) as connection, storage.snapshot(connection):
        documents = Documents.of(storage.document_rows(connection))
        yield connection, documents, Model.of(storage.calibration(connection) or {})


def families(db: Path, *, in_memory: bool) -> Lineage:
    """The lineage of the index at *db* with ``MANY``'s thresholds."""
    with opened(db) as (connection, documents, model):
        return find_families(
            connection, documents, model, max_p=MAX_P, min_score=MIN_SCORE, in_memory=in_memory
        )


def test_streamed_families_are_those_found_in_memory(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With many links, and ranges of 7 articles, the families gathered through the
    temporary store give byte for byte the JSON of every pair held in memory at once."""
    before = render(families(index, in_memory=True), "json")
    monkeypatch.setattr(partitions, "PART", 7)
    after = render(families(index, in_memory=False), "json")
    assert before.count('"earlier"') > 50
    assert after == before


def test_the_store_groups_as_memory_does(index: Path) -> None:
    """The store's union-find gives the groups ``links`` finds in memory, in the same order,
    each pair with the same passages, in the same order, a group of more than ``LARGEST``
    articles split again."""
    with opened(index) as (db, documents, model):
        pairs, _ = score_candidates(db, _candidates(db, documents), model, MAX_P, MIN_SCORE)
        unsplit = [{i for p, _ in g for i in (p.a, p.b)} for g in group_pairs(pairs)]
        expected, weights = linked_groups(db, documents, model, MAX_P, MIN_SCORE)
        with LinkStore() as store:
            for first, linked in link_here(db, documents, model, (MAX_P, MIN_SCORE)):
                store.add(linked, first)
            found = list(store.groups(MIN_SCORE))
            nodes = {node for group in found for _, brought in group for node in brought}
            stored = store.weights(nodes)
    assert [[(p, list(n)) for p, n in g] for g in found] == [
        [(p, list(n)) for p, n in g] for g in expected
    ]
    assert len(found) > 10
    assert max(map(len, unsplit)) > LARGEST  # a group split a level down
    assert any(len({i for p, _ in g for i in (p.a, p.b)}) > 2 for g in found)
    assert stored == {node: weights[node] for node in stored}


def test_prepared_texts_come_back_the_same(index: Path) -> None:
    """A text packed and unpacked has every figure of the text prepared from the index:
    the same shingles in the same order, repeats, running weights and word counts."""
    with opened(index) as (connection, _, _):
        texts = ready_texts(connection, range(1, 10_000))
    assert len(texts) > 150
    assert any(text.repeats for text in texts.values())
    assert any(text.words[-1] != text.length for text in texts.values())  # Chinese units
    for text in texts.values():
        back = unpack(pack(text))
        assert list(back.first.items()) == list(text.first.items())
        assert back.repeats == text.repeats
        assert back.prefix == text.prefix
        assert back.words == text.words
        assert back.length == text.length


def test_temporary_files_are_removed(tmp_path: Path) -> None:
    """The stores' files go when they are closed; a text store sits beside the index."""
    index = tmp_path / "index.sqlite"
    with TextStore(str(index)) as texts, LinkStore(str(tmp_path)) as links:
        assert Path(texts.path).parent.parent == tmp_path
        assert any(tmp_path.iterdir())
        assert links.pairs == 0
    assert list(tmp_path.iterdir()) == []


_TERMINATED_WHILE_LINKING = """
import sys, time
from pathlib import Path
from clausediff.cli import main
from clausediff.corpus import partitions
from clausediff.corpus.linkstore import LinkStore

partitions.PART = 40
adding = LinkStore.add

def add(self, linked, first=None):  # two ranges linked: say so, then wait for SIGTERM
    adding(self, linked, first)
    if len(self.linked) == 2:
        Path(sys.argv[2]).touch()
        time.sleep(60)

LinkStore.add = add
sys.exit(main(["lineage", "--db", sys.argv[1], "--workers", "2", "--format", "json"]))
"""


def test_lineage_terminated_keeps_its_work_for_the_next_run(index: Path, tmp_path: Path) -> None:
    """SIGTERM while lineage runs (as ``kill`` or a job's time limit sends it): exit status
    143 and a message, and the work done so far kept, where a note says (the prepared texts
    beside the index, the links in the temporary directory); the next run of the same
    lineage goes on from there (a note says so), gives the JSON of a run that never
    stopped, and leaves nothing behind."""
    import os
    import signal
    import subprocess
    import sys
    import time

    copy = tmp_path / "index" / "index.sqlite"
    copy.parent.mkdir()
    shutil.copy(index, copy)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    ready = tmp_path / "ready"
    env = {**os.environ, "TMPDIR": str(scratch)}
    child = subprocess.Popen(
        [sys.executable, "-c", _TERMINATED_WHILE_LINKING, str(copy), str(ready)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not ready.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ready.exists(), child.communicate(timeout=60)[1]
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143
    assert "clausediff: terminated" in err
    assert "Traceback" not in err
    texts = list(copy.parent.glob(".clausediff-texts-*"))
    links = list(scratch.glob("clausediff-links-*"))
    assert len(texts) == len(links) == 1
    assert "note: lineage stopped with 2 of" in err
    assert str(texts[0]) in err
    assert str(links[0]) in err
    command = [sys.executable, "-m", "clausediff", "lineage", "--db", str(copy), "--format", "json"]
    # ranges of 40 articles, as in the stopped run: PART is one of the lineage's terms
    again = subprocess.run(
        [sys.executable, "-c", _WITH_PART_40, *command[3:]],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "goes on from a run of the same lineage that stopped: 2 of" in again.stderr
    assert list(copy.parent.glob(".clausediff-texts-*")) == []
    assert list(scratch.glob("clausediff-links-*")) == []
    fresh = subprocess.run(
        [sys.executable, "-c", _WITH_PART_40, *command[3:]],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    assert "goes on" not in fresh.stderr
    assert again.stdout == fresh.stdout


_WITH_PART_40 = """
import sys
from clausediff.cli import main
from clausediff.corpus import partitions

partitions.PART = 40
sys.exit(main(sys.argv[1:]))
"""


def test_a_temporary_file_that_fails_says_so(tmp_path: Path) -> None:
    """A links file that may not be written (as a full disk refuses) is a typed error naming
    the file and the cause, with a hint; not SQLite's traceback."""
    pair = Pair(1, 2, 50.0, 30.0, 1e-6, (((1, 0, 5), (2, 0, 5)),))
    with LinkStore(str(tmp_path)) as store:
        store.db.execute("PRAGMA query_only = 1")
        with pytest.raises(IndexFileError) as caught:
            store.add(([pair], {(1, 0, 5): 9.0, (2, 0, 5): 9.0}))
    assert "temporary file" in str(caught.value)
    assert "links.sqlite" in str(caught.value)
    assert caught.value.hint


@given(
    st.lists(st.tuples(st.integers(0, 80), st.integers(1, 40)), max_size=40),
    st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=10),
)
@settings(max_examples=1000)
def test_overlapping_passages_join_as_measuring_every_pair_would(
    spans: list[tuple[int, int]], links: list[tuple[int, int]]
) -> None:
    """The passages of one article joined by their overlaps (passages already joined by
    links skipped) fall into the sets that joining every pair that overlaps enough gives,
    each named by its smallest member."""
    nodes = sorted({(lo, lo + length) for lo, length in spans})
    ordered = [(rank, lo, stop) for rank, (lo, stop) in enumerate(nodes)]
    links = [(a, b) for a, b in links if a < len(nodes) and b < len(nodes)]
    parent = array("q", range(len(nodes)))
    expected = array("q", range(len(nodes)))
    for a, b in links:
        _union(parent, a, b)
        _union(expected, a, b)
    for x, (lo, stop) in enumerate(nodes):
        for y, (other_lo, other_stop) in enumerate(nodes):
            overlap = min(stop, other_stop) - max(lo, other_lo)
            if x < y and overlap >= OVERLAP * min(stop - lo, other_stop - other_lo):
                _union(expected, x, y)
    _overlaps(parent, ordered)
    assert [_find(parent, x) for x in range(len(nodes))] == [
        _find(expected, x) for x in range(len(nodes))
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_lineage_tells_how_far_it_has_gone(
    index: Path, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``progress`` hears every stage in order, each counted up to its number (texts
    prepared and articles linked a range at a time, here of 10 articles; groups; families),
    in this process and on two; the families are those found without it."""
    monkeypatch.setattr(partitions, "PART", 10)
    with opened(index) as (_, documents, _):
        first, last = min(r.first for r in documents.rows), max(r.last for r in documents.rows)
    ranges = len(partitions.parts(first, last, 10))
    heard: list[tuple[str, int, int | None]] = []
    with Corpus.open(index) as corpus:
        quiet = corpus.lineage(workers=workers)
        told = corpus.lineage(workers=workers, progress=lambda *step: heard.append(step))
    assert render(told, "json") == render(quiet, "json")
    stages = [stage for stage, _, _ in heard]
    order = [partitions.PREPARING, partitions.LINKING, lineage.GROUPING, lineage.FAMILIES]
    assert stages == sorted(stages, key=order.index)
    assert set(stages) == set(order)
    assert ranges > 10
    for stage in order:
        steps = [(done, total) for name, done, total in heard if name == stage]
        if stage in (partitions.PREPARING, partitions.LINKING):
            assert steps == [(n, ranges) for n in range(1, ranges + 1)]
        assert [done for done, _ in steps] == sorted(done for done, _ in steps)
        assert steps[-1][0] == steps[-1][1]
    assert heard[-1] == (lineage.FAMILIES, len(told), len(told))
