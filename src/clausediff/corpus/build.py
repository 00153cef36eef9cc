"""Building the corpus index: every article of a set of treaties, in one SQLite file.

The build runs in stages that can be run apart (and, but for the last two, in parallel):

1. **parse**: a file's bytes to a ``Document`` (the caller's *parse* function);
2. **prepare**: ``prepare_document`` tokenizes each article (page furniture left out) and
   fingerprints every shingle of it (``shingles``): a pure function of the document. With
   parsing, the map task ``prepare_file``, run on any process (``engines``);
3. **load**: one writer writes the prepared documents in the files' order, each in its own
   transaction (a batch of whole documents, about ``BATCH_POSTINGS`` postings, per
   transaction when other processes prepare them): their rows, their word counts, and their
   postings, staged to be merged at the end of the run;
4. **statistics**: ``refresh_statistics`` merges the staged postings in key order (a bulk
   load) and fits the significance model on a sample of unrelated pairs.

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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import attrs

from clausediff.corpus import storage
from clausediff.corpus.engines import Engine, InProcess
from clausediff.corpus.scoring import Weights, prefix_weights, shared_bits, shingled, weighed_keys
from clausediff.corpus.shingles import fingerprint, keyed_keys, keyed_text, text_fingerprints
from clausediff.corpus.significance import SAMPLE_PAIRS, fit_model, sample_pairs
from clausediff.errors import ClauseDiffError, ClusterError
from clausediff.match.compare import Clause
from clausediff.model import Document, DocumentId

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

#: Below this many articles the calibration sample is too small: the default model is used.
MIN_CALIBRATION_ARTICLES = 500
#: Pending postings merged into the main table once there are this many (and at the end).
MERGE_AT = 2_000_000
#: Postings written per transaction of a run (whole documents: an interrupted run loses at
#: most the batch it was writing, which the next run writes again).
BATCH_POSTINGS = 500_000


@attrs.frozen
class IndexReport:
    """What one run of ``index_documents`` did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (name, error message)
    articles: int


@attrs.frozen
class PreparedArticle:
    """An article ready to load: its names, the span and text compared, its page furniture,
    its word keys and its shingles' fingerprints."""

    number: str
    ref: str
    label: str
    start: int
    text: str
    furniture: tuple[tuple[int, int], ...]
    keys: tuple[str, ...]
    fingerprints: tuple[int, ...]
    sample: int
    page: str | None = None

    @property
    def end(self) -> int:
        """Where the compared text ends in the document."""
        return self.start + len(self.text)


@attrs.frozen
class PreparedDocument:
    """A document ready to load (``prepare_document``); ``source``, ``complete`` and
    ``missing`` are what a citation of it needs (its metadata's)."""

    name: str
    digest: str
    title: str | None
    language: str | None
    signed: str | None
    text: str
    articles: tuple[PreparedArticle, ...]
    source: str | None = None
    complete: bool | None = None
    missing: str | None = None


def prepare_document(name: str, digest: str, document: Document) -> PreparedDocument:
    """The prepare stage: tokenize and fingerprint every article of *document*."""
    articles = []
    for article in document.articles:
        clause = Clause.from_article(document, article)
        keyed = keyed_text(clause.text, clause.start, clause.furniture)
        articles.append(
            PreparedArticle(
                article.number,
                article.ref,
                article.label,
                clause.start,
                clause.text,
                tuple((s.start, s.end) for s in clause.furniture),
                tuple(keyed.keys),
                tuple(sorted(text_fingerprints(keyed))),
                fingerprint(("sample", name, article.ref)),
                clause.page,
            )
        )
    meta = document.metadata
    return PreparedDocument(
        name, digest, meta.title, meta.language, meta.signed, document.text, tuple(articles),
        meta.source, meta.complete, meta.missing,
    )  # fmt: skip


def remove_document(db: sqlite3.Connection, name: str) -> bool:
    """Remove a document, its postings and its word counts (inside the caller's
    transaction); whether it was there. Its postings are found again from its stored
    articles, so that none is left behind."""
    doc_id = storage.document_id(db, name)
    if doc_id is None:
        return False
    words: Counter[str] = Counter()
    postings: list[tuple[int, int]] = []
    tokens = 0
    rows = storage.keys_of(db, doc_id)
    for article, keys in rows:
        words.update(set(keys))
        postings.extend((f, article) for f in text_fingerprints(keyed_keys(keys)))
        tokens += len(keys)
    storage.delete_postings(db, sorted(postings))
    storage.add_words(db, sorted((w, -n) for w, n in words.items()))
    storage.add_counts(db, -len(rows), -tokens)
    storage.delete_document(db, doc_id)
    return True


def load_document(db: sqlite3.Connection, prepared: PreparedDocument) -> None:
    """The load stage: replace one document by its prepared version, in one transaction."""
    with storage.transaction(db):
        _write_document(db, prepared)
    if storage.pending_count(db) >= MERGE_AT:
        with storage.transaction(db):
            storage.merge_pending(db)


def _write_document(db: sqlite3.Connection, prepared: PreparedDocument) -> int:
    """Replace one document by its prepared version (inside the caller's transaction); how
    many postings it staged."""
    remove_document(db, prepared.name)
    treaty = DocumentId.parse(prepared.name).treaty
    doc_id = storage.insert_document(
        db,
        prepared.name,
        (treaty, prepared.digest, prepared.title, prepared.language, prepared.signed),
        prepared.text,
        (prepared.source, prepared.complete, prepared.missing),
    )
    words: Counter[str] = Counter()
    postings: list[tuple[int, int]] = []
    ids = []
    for a in prepared.articles:
        fields = (a.number, a.ref, a.label, a.start, a.end, len(a.keys), a.sample)
        article_id = storage.insert_article(db, doc_id, fields, a.furniture, a.text, a.keys, a.page)
        ids.append(article_id)
        words.update(set(a.keys))
        postings.extend((f, article_id) for f in a.fingerprints)
    if ids:
        storage.set_article_range(db, doc_id, ids[0], ids[-1])
    storage.stage_postings(db, postings)
    storage.add_words(db, sorted(words.items()))
    storage.add_counts(db, len(ids), sum(len(a.keys) for a in prepared.articles))
    return len(postings)


def refresh_statistics(db: sqlite3.Connection) -> None:
    """The statistics stage: merge the staged postings, then fit the significance model on
    a sample of pairs of articles from different treaties (``significance``), in one
    transaction."""
    with storage.transaction(db):
        storage.merge_pending(db)
        articles, _ = storage.counts(db)
        lengths = list(storage.token_counts(db))
        samples: list[tuple[float, int, int]] = []
        if articles >= MIN_CALIBRATION_ARTICLES:
            samples = _calibration_sample(db, articles)
        storage.set_calibration(db, fit_model(samples, lengths).as_dict())
        storage.set_meta(db, "stale", "0")


def _calibration_sample(db: sqlite3.Connection, articles: int) -> list[tuple[float, int, int]]:
    """``(shared bits, m, n)`` of the sample of pairs the model is fitted on, scored a batch
    of pairs at a time (memory holds one batch's texts, not the sample's)."""
    rows = storage.sample_articles(db, 2 * SAMPLE_PAIRS)
    treaty_of = {d.id: d.treaty for d in storage.document_rows(db)}
    pairs = sample_pairs([treaty_of[document] for _, document, _ in rows])
    found = []
    for at in range(0, len(pairs), _BATCH):
        batch = pairs[at : at + _BATCH]
        keys = storage.article_keys(db, {rows[i][0] for pair in batch for i in pair})
        texts = {i: shingled(keyed_keys(k)) for i, k in keys.items()}
        words = set().union(*(weighed_keys(t.keyed) for t in texts.values()))
        weights = Weights(storage.document_frequencies(db, words), articles)
        for a, b in batch:
            first, second = (texts[rows[i][0]] for i in (a, b))
            prefix = prefix_weights(first.keyed, weights)
            found.append((shared_bits(first, second, prefix), rows[a][2], rows[b][2]))
    return found


_BATCH = 250


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
    made from (a catalog entry), so that a change to it re-indexes the file. Parsing and
    preparing run on *engine* (default: this process; ``engines``), loading here, in the
    sources' order, so the index is the same however many processes built it. Each document
    is written in its own transaction (a batch per transaction on a pool or a cluster); the
    statistics are refreshed at
    the end of a run that changed anything (or that finishes an interrupted one). With a *shards*
    directory, the tasks write what they prepared there as Parquet shards (``shards``) and
    the loader reads them; an unchanged file's shard is read instead of the file parsed.

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
    if engine.workers > 1:
        _load_results(db, results, outcomes, progress, BATCH_POSTINGS)
    else:
        _load_each(db, results, outcomes, progress)
    removed = sorted(set(known) - seen) if prune else []
    for name in removed:
        with storage.transaction(db):
            remove_document(db, name)
    if storage.meta(db, "stale") == "1" or storage.calibration(db) is None:
        refresh_statistics(db)
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
    results: Iterator[tuple[str, PreparedDocument | Any | str]],
    outcomes: dict[str, Any],
    progress: Callable[[str], None] | None,
) -> None:
    """The load stage of a run in one process: each result in its own transaction
    (``load_document``), so an interrupted run keeps every document written before."""
    for name, outcome in results:
        if progress is not None:
            progress(name)
        if not isinstance(outcome, str | PreparedDocument):  # a shard: read it back
            outcome = _read(outcome.path, name)
        if isinstance(outcome, str):
            outcomes["failed"].append((name, outcome))
            if name in outcomes["known"]:  # its old version no longer stands for the file
                with storage.transaction(db):
                    remove_document(db, name)
        else:
            load_document(db, outcome)
            outcomes["added" if name not in outcomes["known"] else "updated"].append(name)


def _load_results(
    db: sqlite3.Connection,
    results: Iterator[tuple[str, PreparedDocument | Any | str]],
    outcomes: dict[str, Any],
    progress: Callable[[str], None] | None,
    batch: int,
) -> None:
    """The load stage of a run on many processes: the map tasks' results, in order, written
    a batch of about *batch* postings per transaction (a commit per document costs the
    writer as much time again as the writing, the time the workers wait for it); *outcomes*
    collects what happened to each file (``known``: the indexed hashes; ``failed``,
    ``added``, ``updated``: lists). When the engine fails, the documents written so far are
    committed before the error is raised (whole documents only: the next run completes the
    index).

    Raises:
        ClusterError: the engine's processes went away.
    """
    error: ClusterError | None = None
    more = True
    while more and error is None:
        staged = 0
        with storage.transaction(db):
            while True:
                try:
                    name, outcome = next(results)
                except StopIteration:
                    more = False
                    break
                except ClusterError as e:
                    error = e
                    break
                if progress is not None:
                    progress(name)
                staged += _load_one(db, name, outcome, outcomes)
                if staged >= batch:
                    break
            if storage.pending_count(db) >= MERGE_AT:
                storage.merge_pending(db)
    if error is not None:
        raise error


def _load_one(
    db: sqlite3.Connection,
    name: str,
    outcome: PreparedDocument | Any | str,
    outcomes: dict[str, Any],
) -> int:
    """Write one result (a prepared document, its shard, or why it failed); postings staged."""
    if not isinstance(outcome, str | PreparedDocument):  # a shard: read it back
        outcome = _read(outcome.path, name)
    if isinstance(outcome, str):
        outcomes["failed"].append((name, outcome))
        if name in outcomes["known"]:  # its old version no longer stands for the file
            remove_document(db, name)
        return 0
    outcomes["added" if name not in outcomes["known"] else "updated"].append(name)
    return _write_document(db, outcome)


#: A map task: a file's name, digest and bytes, and the parser of it.
PrepareTask = tuple[str, str, bytes, Callable[[str, bytes], Document]]


def prepare_file(task: PrepareTask) -> tuple[str, PreparedDocument | str]:
    """The map task of a build (parse, then prepare): a pure function of the file, run on
    any process. The file's name, and its prepared document or why it failed to parse."""
    name, digest, data, parse = task
    try:
        document = parse(name, data)
    except ClauseDiffError as e:
        return name, str(e)
    return name, prepare_document(name, digest, document)


def _map_task(
    shards: str | Path | None,
) -> Callable[[PrepareTask], tuple[str, PreparedDocument | Any | str]]:
    """The map task of a build: prepare, or prepare into a shard of *shards*.

    Raises:
        MissingExtraError: *shards* without pyarrow.
    """
    if shards is None:
        return prepare_file
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
