"""Building the corpus index: every article of a set of treaties, in one SQLite file.

The build runs in stages that can be run apart (and, but for the last two, in parallel):

1. **parse**: a file's bytes to a ``Document`` (the caller's *parse* function);
2. **prepare**: tokenize and fingerprint each article, then encode the rows the index
   stores (``prepare``): pure functions of the document. With parsing, the map task
   ``encode_file``, run on any process (``engines``);
3. **load**: one writer inserts the rows in the files' order (``load``), each document in
   its own transaction (a batch of whole documents per transaction when other processes
   prepare them), the postings staged;
4. **statistics**: ``refresh_statistics`` loads the staged postings into their table in key
   order (one bulk load) and fits the significance model on a sample of unrelated pairs.

Updating is incremental: a file whose content hash (and catalog entry) is unchanged is not
read again; a changed or new file replaces its document inside one transaction, so an
interrupted run leaves the index as it was before the file (or batch) it was writing, and
the next run completes it.
Word frequencies and counts are kept exactly as documents come and go, and the calibration
sample is chosen by content, so a fresh build and an incremental one of the same files give
the same figures.
"""

from __future__ import annotations

import functools
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import attrs

from clausediff.corpus import storage
from clausediff.corpus.engines import Engine, InProcess
from clausediff.corpus.load import (
    Outcome,
    load_batches,
    load_document,
    refresh_statistics,
    remove_document,
    write_document,
)
from clausediff.corpus.prepare import (
    EncodedDocument,
    PreparedArticle,
    PreparedDocument,
    PrepareTask,
    encode_file,
    prepare_document,
    prepare_file,
)
from clausediff.errors import ClauseDiffError
from clausediff.model import Document

__all__ = [
    "IndexReport",
    "PrepareTask",
    "PreparedArticle",
    "PreparedDocument",
    "index_documents",
    "load_document",
    "prepare_document",
    "prepare_file",
    "refresh_statistics",
    "remove_document",
]


@attrs.frozen
class IndexReport:
    """What one run of ``index_documents`` did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (name, error message)
    articles: int


def _digest(data: bytes, stamp: bytes) -> str:
    """The content hash of a file and of what else its document is made from (its catalog
    entry: a changed date or title re-indexes the file)."""
    return hashlib.sha256(data + b"\x00" + stamp).hexdigest()


def index_documents(
    db: sqlite3.Connection,
    sources: Iterable[tuple[str, bytes | ClauseDiffError]],
    parse: Callable[[str, bytes], Document],
    *,
    progress: Callable[[str], None] | None = None,
    prune: bool = True,
    stamp: Callable[[str], bytes] | None = None,
    engine: Engine | None = None,
    shards: str | Path | None = None,
) -> IndexReport:
    """Bring the index up to date with *sources*: ``(name, file bytes)`` pairs (or the error
    that kept a file from being read, reported in ``failed``).

    *parse* turns a name and its bytes into a ``Document`` (it may raise
    ``ClauseDiffError``: the file is then reported in ``failed`` and left out, its earlier
    version included). Documents whose name is no longer among the sources are removed when
    *prune* is true. *stamp* gives, for a name, what else than its bytes its document is
    made from (a catalog entry), so that a change to it re-indexes the file. Parsing,
    preparing and encoding run on *engine* (default: this process; ``engines``), loading
    here, in the sources' order, so the index is the same however many processes built it.
    Each document is written in its own transaction (a batch per transaction on a pool or a
    cluster, or from shards); the staged postings are loaded and the statistics refreshed at
    the end of a run that changed anything (or that finishes an interrupted one). With a
    *shards* directory, the tasks write what they prepared there as Parquet shards
    (``shards``) and the index is loaded from the shards in batches, its postings in one
    bulk load; an unchanged file's shard is read instead of the file parsed.

    Raises:
        ClusterError: the engine's processes went away (the index keeps what was loaded).
        MissingExtraError: *shards* without pyarrow (``clausediff[dask]``).
    """
    known = storage.document_hashes(db)
    seen: set[str] = set()
    done: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": []}
    failed: list[tuple[str, str]] = []

    def tasks() -> Iterator[PrepareTask]:
        """The files to parse; the others' outcomes recorded on the way."""
        for name, data in sources:
            seen.add(name)
            if isinstance(data, ClauseDiffError):  # the file could not be read
                failed.append((name, str(data)))
            elif known.get(name) == (digest := _digest(data, stamp(name) if stamp else b"")):
                done["unchanged"].append(name)
            else:
                yield name, digest, data, _narrowed(parse, name)
                continue
            if progress is not None:
                progress(name)

    engine = engine or InProcess()
    results = engine.map(_map_task(shards), tasks())
    outcomes = {"known": known, "failed": failed, **done}
    write = functools.partial(_write_one, outcomes=outcomes, progress=progress)
    if engine.workers > 1 or shards is not None:
        load_batches(db, results, write)
    else:
        _load_each(db, results, outcomes, progress)
    removed = sorted(set(known) - seen) if prune else []
    for name in removed:
        with storage.transaction(db):
            remove_document(db, name)
    if storage.meta(db, "stale") == "1" or storage.calibration(db) is None:
        refresh_statistics(db, engine)
    return IndexReport(
        tuple(done["added"]),
        tuple(done["updated"]),
        tuple(done["unchanged"]),
        tuple(removed),
        tuple(failed),
        storage.counts(db)[0],
    )


def _load_each(
    db: sqlite3.Connection,
    results: Iterator[tuple[str, Outcome]],
    outcomes: dict[str, Any],
    progress: Callable[[str], None] | None,
) -> None:
    """The load stage of a run in one process: each result in its own transaction
    (``load_document``), so an interrupted run keeps every document written before."""
    for name, outcome in results:
        ready = _ready(name, outcome, outcomes, progress)
        if ready is None:
            if name in outcomes["known"]:  # its old version no longer stands for the file
                with storage.transaction(db):
                    remove_document(db, name)
        else:
            load_document(db, ready)
            outcomes["added" if name not in outcomes["known"] else "updated"].append(name)


def _write_one(
    db: sqlite3.Connection,
    name: str,
    outcome: Outcome,
    outcomes: dict[str, Any],
    progress: Callable[[str], None] | None,
) -> int:
    """Write one result (rows, a prepared document, its shard, or why it failed) inside
    the caller's transaction; postings staged. *outcomes* collects what happened to each
    file (``known``: the indexed hashes; ``failed``, ``added``, ``updated``: lists)."""
    ready = _ready(name, outcome, outcomes, progress)
    if ready is None:
        if name in outcomes["known"]:  # its old version no longer stands for the file
            remove_document(db, name)
        return 0
    outcomes["added" if name not in outcomes["known"] else "updated"].append(name)
    return write_document(db, ready)


def _ready(
    name: str,
    outcome: Outcome,
    outcomes: dict[str, Any],
    progress: Callable[[str], None] | None,
) -> PreparedDocument | EncodedDocument | None:
    """A task's result ready to write (a shard read back), or ``None`` when the file
    failed, which is then recorded in ``outcomes["failed"]``; *progress* told of it."""
    if progress is not None:
        progress(name)
    if not isinstance(outcome, str | PreparedDocument | EncodedDocument):  # a shard
        outcome = _read(outcome.path, name)
    if isinstance(outcome, str):
        outcomes["failed"].append((name, outcome))
        return None
    return outcome


def _map_task(shards: str | Path | None) -> Callable[[PrepareTask], tuple[str, Outcome]]:
    """The map task of a build: prepare and encode, or prepare into a shard of *shards*.

    Raises:
        MissingExtraError: *shards* without pyarrow.
    """
    if shards is None:
        return encode_file
    from clausediff.corpus.shards import prepare_shard, require_arrow

    require_arrow()
    Path(shards).mkdir(parents=True, exist_ok=True)
    return functools.partial(prepare_shard, directory=str(shards))


def _read(path: str, name: str) -> PreparedDocument | str:
    """The prepared document of a shard a task wrote (or why it cannot be read)."""
    from clausediff.corpus.shards import read_shard

    prepared = read_shard(path)
    return f"{name}: its shard {path} cannot be read" if prepared is None else prepared


def _narrowed(
    parse: Callable[[str, bytes], Document], name: str
) -> Callable[[str, bytes], Document]:
    """*parse* with what it knows of *name* only, when it can say (``only``): a task sent to
    another process carries one catalog entry, not the whole catalog."""
    only = getattr(parse, "only", None)
    return parse if only is None else cast(Callable[[str, bytes], Document], only(name))
