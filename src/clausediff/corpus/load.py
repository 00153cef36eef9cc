"""The load side of a build: the one writer that puts prepared documents into the index.

The writer inserts the rows the map tasks encoded (``prepare.encode_document``) in the
files' order: a document's row, its articles' rows (consecutive ids), its word counts, and
its postings, staged in ``pending`` as one row per article. The postings reach their
table in one bulk load at the end of the run (``refresh_statistics``): SQLite sorts every
staged posting and appends them in key order, one pass instead of a random insert into a
large tree per posting.

Each document is written in its own transaction when one process builds the index, a batch
of whole documents (about ``BATCH_POSTINGS`` postings) per transaction when other processes
prepare them: an interrupted run leaves the index as it was before the document or batch it
was writing (its staged postings included), and the next run completes it.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from clausediff.corpus import storage
from clausediff.corpus.engines import Engine, ProcessPool
from clausediff.corpus.prepare import EncodedDocument, PreparedDocument, encode_document
from clausediff.corpus.scoring import Weights, prefix_weights, shared_bits, shingled, weighed_keys
from clausediff.corpus.shingles import keyed_keys, text_fingerprints
from clausediff.corpus.significance import SAMPLE_PAIRS, fit_model, sample_pairs
from clausediff.errors import ClusterError

__all__ = [
    "BATCH_POSTINGS",
    "Outcome",
    "load_batches",
    "load_document",
    "refresh_statistics",
    "remove_document",
    "score_pairs",
    "write_document",
]

#: Below this many articles the calibration sample is too small: the default model is used.
MIN_CALIBRATION_ARTICLES = 500
#: Postings written per transaction of a run on many processes (whole documents: an
#: interrupted run loses at most the batch it was writing, which the next run writes again).
BATCH_POSTINGS = 500_000
_BATCH = 250  # pairs of the calibration sample scored at a time (a task on a pool)

#: What a map task gives the writer for one file: its rows, its prepared document, a shard
#: to read them from (``shards.Shard``), or why the file failed.
Outcome = EncodedDocument | PreparedDocument | Any | str


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
    if rows:
        storage.unstage_postings(db, rows[0][0], rows[-1][0])
    storage.add_words(db, sorted((w, -n) for w, n in words.items()))
    storage.add_counts(db, -len(rows), -tokens)
    storage.delete_document(db, doc_id)
    return True


def load_document(db: sqlite3.Connection, prepared: PreparedDocument | EncodedDocument) -> None:
    """Replace one document by its prepared (or encoded) version, in one transaction."""
    with storage.transaction(db):
        write_document(db, prepared)


def write_document(db: sqlite3.Connection, document: PreparedDocument | EncodedDocument) -> int:
    """Replace one document by its new version (inside the caller's transaction); how many
    postings it staged."""
    encoded = document if isinstance(document, EncodedDocument) else encode_document(document)
    remove_document(db, encoded.name)
    doc_id = storage.insert_document_row(
        db, encoded.name, encoded.fields, encoded.text, encoded.citation
    )
    if encoded.articles:
        first = storage.insert_article_rows(db, doc_id, encoded.articles)
        last = first + len(encoded.articles) - 1
        storage.set_article_range(db, doc_id, first, last)
        storage.stage_postings(db, first, encoded.fingerprints)
    storage.add_words(db, encoded.words)
    storage.add_counts(db, len(encoded.articles), encoded.tokens)
    return encoded.postings


def load_batches(
    db: sqlite3.Connection,
    results: Iterator[tuple[str, Outcome]],
    write: Callable[[sqlite3.Connection, str, Outcome], int],
    batch: int = BATCH_POSTINGS,
) -> None:
    """The load stage of a run on many processes: the map tasks' results, in order, written
    by *write* (postings staged), a batch of about *batch* postings per transaction (a commit
    per document costs the writer as much time again as the writing, the time the workers
    wait for it). When the engine fails, the documents written so far are committed before
    the error is raised (whole documents only: the next run completes the index).

    Raises:
        ClusterError: the engine's processes went away.
    """
    error: ClusterError | None = None
    more = True
    while more and error is None:
        staged = 0
        with storage.transaction(db):
            while staged < batch:
                try:
                    name, outcome = next(results)
                except StopIteration:
                    more = False
                    break
                except ClusterError as e:
                    error = e
                    break
                staged += write(db, name, outcome)
    if error is not None:
        raise error


def refresh_statistics(db: sqlite3.Connection, engine: Engine | None = None) -> None:
    """The statistics stage: load the staged postings into their table (the bulk load),
    then fit the significance model on a sample of pairs of articles from different
    treaties (``significance``). On a local pool, the pairs are scored on its processes
    (they read the articles and word counts committed before) while this one loads the
    postings; the model is stored, and the statistics marked fresh, in a last transaction."""
    articles, _ = storage.counts(db)
    batches = _calibration_batches(db) if articles >= MIN_CALIBRATION_ARTICLES else []
    path = storage.file_path(db)
    if batches and path and isinstance(engine, ProcessPool):
        tasks = [(path, articles, batch) for batch in batches]
        scored, failed = _in_background(lambda: engine.map(score_pairs, tasks))
        try:
            with storage.transaction(db):
                storage.merge_pending(db)
        finally:
            scored.join()
        if failed:
            raise failed[0]
        samples = [s for batch in scored.results for s in batch]
    else:
        with storage.transaction(db):
            storage.merge_pending(db)
        samples = [s for batch in batches for s in _score(db, articles, batch)]
    with storage.transaction(db):
        lengths = list(storage.token_counts(db))
        storage.set_calibration(db, fit_model(samples, lengths).as_dict())
        storage.set_meta(db, "stale", "0")


#: Pairs of the calibration sample, each article as its id and length in tokens.
Pairs = tuple[tuple[tuple[int, int], tuple[int, int]], ...]


def _calibration_batches(db: sqlite3.Connection) -> list[Pairs]:
    """The sample of pairs the model is fitted on, a batch of pairs at a time (memory holds
    one batch's texts, not the sample's)."""
    rows = storage.sample_articles(db, 2 * SAMPLE_PAIRS)
    treaty_of = {d.id: d.treaty for d in storage.document_rows(db)}
    pairs = sample_pairs([treaty_of[document] for _, document, _ in rows])
    listed = [((rows[a][0], rows[a][2]), (rows[b][0], rows[b][2])) for a, b in pairs]
    return [tuple(listed[at : at + _BATCH]) for at in range(0, len(listed), _BATCH)]


def score_pairs(task: tuple[str, int, Pairs]) -> list[tuple[float, int, int]]:
    """A map task: ``(shared bits, m, n)`` of a batch of the calibration sample, read from
    the index file (*task*: its path, its number of articles, the batch)."""
    path, articles, batch = task
    with contextlib.closing(storage.connect(path)) as db, storage.snapshot(db):
        return _score(db, articles, batch)


def _score(db: sqlite3.Connection, articles: int, batch: Pairs) -> list[tuple[float, int, int]]:
    """``(shared bits, m, n)`` of each pair of *batch*."""
    keys = storage.article_keys(db, {article for pair in batch for article, _ in pair})
    texts = {i: shingled(keyed_keys(k)) for i, k in keys.items()}
    words = set().union(*(weighed_keys(t.keyed) for t in texts.values()))
    weights = Weights(storage.document_frequencies(db, words), articles)
    found = []
    for (a, m), (b, n) in batch:
        prefix = prefix_weights(texts[a].keyed, weights)
        found.append((shared_bits(texts[a], texts[b], prefix), m, n))
    return found


class _Background(threading.Thread):
    """A thread that collects what an iterator gives (the results of map tasks)."""

    def __init__(self, produce: Callable[[], Iterable[Any]], failed: list[BaseException]):
        super().__init__(daemon=True)
        self.results: list[Any] = []
        self._produce, self._failed = produce, failed

    def run(self) -> None:
        """Collect the results; an error is kept for the caller to raise."""
        try:
            self.results.extend(self._produce())
        except BaseException as e:  # raised again in the caller's thread
            self._failed.append(e)


def _in_background(
    produce: Callable[[], Iterable[Any]],
) -> tuple[_Background, list[BaseException]]:
    """Start collecting *produce*'s results in a thread; the thread and where its error
    will be."""
    failed: list[BaseException] = []
    thread = _Background(produce, failed)
    thread.start()
    return thread, failed
