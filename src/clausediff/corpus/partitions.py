"""Lineage in parts, for many processes: the linked pairs of one range of article ids at a
time, each range a task any process can run (``engines``).

``links.linked_groups`` finds candidates by scanning every shared fingerprint of the index
at once, which holds every candidate pair in one process. Here the same candidates come from
a join of each article's fingerprints against the postings: a task takes the articles whose
ids fall in its range, looks up the articles holding each of their fingerprints (at most
``FAMILY_CAP`` + 1 per fingerprint, so a common one costs one short read), and counts, for
each later article of another treaty, the fingerprints the two share; the pairs that share
``MIN_SHARED`` are scored and joined as ``links`` does it. A task reads the index file
itself, in one read transaction checked to be of the generation the caller read, scores its
candidates a block of ``BLOCK`` later articles at a time, and gives back only the pairs it
links with the running weights of their articles: it holds the texts of at most ``PART`` +
``BLOCK`` articles at a time, whatever the size of the index (an article whose candidates
span several blocks is read once per block: the price of the bound).

The pairs come back in the order of their first article, so the caller sees them in the
order one process finds them, and lineage is the same however many processes ran it. Ranges
a stopped run already linked (*done*, kept by ``resume``) are not linked again, nor their
texts prepared: a range's candidates are its own and later articles, so the ranges left
need only their own texts.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

import attrs

from clausediff.corpus import storage
from clausediff.corpus.documents import Documents
from clausediff.corpus.engines import Engine
from clausediff.corpus.links import (
    FAMILY_CAP,
    MIN_SHARED,
    Linked,
    Node,
    Pair,
    Text,
    ready_texts,
    score_ready,
)
from clausediff.corpus.prepared import (
    PrepareTask,
    TextStore,
    load_texts,
    open_texts,
    prepare_part,
    prepare_range,
    unchanged_index,
)
from clausediff.corpus.significance import Model

__all__ = [
    "BLOCK",
    "LINKING",
    "PART",
    "PREPARING",
    "LinkTask",
    "Part",
    "Progress",
    "link_all",
    "link_here",
    "link_part",
    "link_range",
    "parts",
    "unreported",
]

#: Articles per task, and later articles per scoring block: a task holds the texts of at
#: most PART + BLOCK articles (their shingles and weights) at a time.
PART = 1000
BLOCK = 2000

#: Told how far a long run has gone: a stage's name, the steps done, and how many there are
#: (``None`` when that is not known beforehand).
Progress = Callable[[str, int, int | None], None]
#: The stages of finding the links, counted in ranges of ``PART`` articles.
PREPARING = "preparing texts"
LINKING = "linking"
#: One range's linked pairs, with the first id of the range.
Part = tuple[int, Linked]


def unreported(stage: str, done: int, total: int | None) -> None:
    """A ``Progress`` that tells no one."""


@attrs.frozen
class LinkTask:
    """One range of article ids ``[first, stop)`` of the index at *path*, as of
    *generation*, with the model and thresholds of the run."""

    path: str
    generation: str | None
    first: int
    stop: int
    model: Model
    max_p: float
    min_score: float
    texts: str | None = None


def parts(first: int, last: int, size: int = PART) -> list[tuple[int, int]]:
    """The ranges ``[lo, stop)`` of ids from *first* to *last* (inclusive), *size* each."""
    return [(lo, min(lo + size, last + 1)) for lo in range(first, last + 1, size)]


def link_part(task: LinkTask) -> Linked:
    """The map task: the linked pairs whose first article is in the task's range, read from
    the index file (module docstring).

    Raises:
        IndexFileError: the index changed since the caller read it (run lineage again).
    """
    with unchanged_index(task.path, task.generation) as db:
        documents = Documents.of(storage.document_rows(db))
        span = (task.first, task.stop)
        if task.texts is None:
            return link_range(db, documents, task.model, span, task.max_p, task.min_score)
        with contextlib.closing(open_texts(task.texts)) as texts:
            return link_range(
                db, documents, task.model, span, task.max_p, task.min_score, texts=texts
            )


def link_range(
    db: sqlite3.Connection,
    documents: Documents,
    model: Model,
    span: tuple[int, int],
    max_p: float,
    min_score: float,
    *,
    texts: sqlite3.Connection | None = None,
) -> Linked:
    """The linked pairs ``(a, b)``, ``a`` in ``[span)``, in ``(a, b)`` order, and the weight
    of each passage they join. Reads in the caller's snapshot; the articles' prepared texts
    from *texts*, a ``prepared.TextStore``'s file, when given, else from the index."""
    treaty: dict[int, str] = {}

    def read(ids: Iterable[int]) -> dict[int, Text]:
        return ready_texts(db, ids) if texts is None else load_texts(texts, ids)

    def treaty_of(article: int) -> str:
        if article not in treaty:
            row = documents.of_article(article)
            treaty[article] = row.treaty if row is not None else ""
        return treaty[article]

    own = read([i for i in range(*span) if treaty_of(i)])
    holding: dict[int, Sequence[int]] = {}  # a shingle's holders, when 2 to FAMILY_CAP
    blocks: dict[int, list[tuple[int, int]]] = {}
    for a, text in own.items():
        mine = treaty[a]
        seen: list[int] = []  # every holder of every shingle of a: a count per partner
        for print_ in text.prints:
            holders = holding.get(print_)
            if holders is None:
                holders = storage.postings(db, print_, FAMILY_CAP + 1)
                holding[print_] = holders = holders if 2 <= len(holders) <= FAMILY_CAP else ()
            seen += holders
        for b, n in Counter(seen).items():
            if n >= MIN_SHARED and b > a and treaty_of(b) not in ("", mine):
                blocks.setdefault(b // BLOCK, []).append((a, b))
    del holding
    pairs: list[Pair] = []
    weights: dict[Node, float] = {}
    for block in sorted(blocks):  # the texts of a block of later articles at a time
        candidates = sorted(blocks.pop(block))
        ready = read({b for _, b in candidates if b not in own})
        ready.update(own)  # one dict: a ChainMap's lookups cost a tenth of the scoring
        found, passages = score_ready(candidates, ready, model, max_p, min_score)
        pairs += found
        weights.update(passages)
    pairs.sort(key=lambda pair: (pair.a, pair.b))
    return pairs, weights


def link_here(
    db: sqlite3.Connection,
    documents: Documents,
    model: Model,
    thresholds: tuple[float, float],
    progress: Progress = unreported,
    *,
    done: Collection[int] = (),
    texts: TextStore | None = None,
) -> Iterator[Part]:
    """``link_all`` in this process, on the caller's connection (and in its snapshot): an
    index with no file, or no engine."""
    rows = documents.rows
    if not rows:
        return
    spans = parts(min(r.first for r in rows), max(r.last for r in rows), PART)
    todo = [span for span in spans if span[0] not in done]
    with _own(texts, None) as store:
        for n, span in _counted([s for s in todo if s[0] not in store.prepared], len(spans)):
            store.add(prepare_range(db, span), span[0])
            progress(PREPARING, n, len(spans))
        with contextlib.closing(open_texts(store.path)) as read:
            linked = (link_range(db, documents, model, s, *thresholds, texts=read) for s in todo)
            yield from _told(todo, linked, len(spans), progress)


def link_all(
    documents: Documents,
    engine: Engine,
    path: str,
    generation: str | None,
    model: Model,
    thresholds: tuple[float, float],
    progress: Progress = unreported,
    *,
    done: Collection[int] = (),
    texts: TextStore | None = None,
) -> Iterator[Part]:
    """The linked pairs of the whole index at *path* (*thresholds*: ``max_p``,
    ``min_score``), found a range of ``PART`` articles at a time on *engine*: each range's
    first id, its pairs and the weights of their passages, in the order one process finds
    them, but for the ranges *done* (their first ids). The articles are prepared first, a
    range at a time on the engine too, into *texts* (a ``TextStore`` beside the index, made
    and removed here when not given), but for those it holds already (``prepared``).
    *progress* is told the ranges prepared, then linked, out of all (``PREPARING``,
    ``LINKING``), as each range's results come back.

    Raises:
        IndexFileError: the index changed while the tasks read it.
        ClusterError: the engine's processes went away.
    """
    rows = documents.rows
    if not rows:
        return
    spans = parts(min(r.first for r in rows), max(r.last for r in rows), PART)
    todo = [span for span in spans if span[0] not in done]
    with _own(texts, path) as store:
        missing = [span for span in todo if span[0] not in store.prepared]
        prepare = (PrepareTask(path, generation, lo, stop) for lo, stop in missing)
        ready = engine.map(prepare_part, prepare)
        for (n, span), prepared in zip(_counted(missing, len(spans)), ready, strict=True):
            store.add(prepared, span[0])
            progress(PREPARING, n, len(spans))
        tasks = (
            LinkTask(path, generation, lo, stop, model, *thresholds, texts=store.path)
            for lo, stop in todo
        )
        yield from _told(todo, engine.map(link_part, tasks), len(spans), progress)


@contextlib.contextmanager
def _own(texts: TextStore | None, beside: str | None) -> Iterator[TextStore]:
    """*texts*, or a ``TextStore`` of our own (beside *beside*), removed at the end."""
    if texts is not None:
        yield texts
        return
    with TextStore(beside) as store:
        yield store


def _counted(todo: list[tuple[int, int]], total: int) -> Iterator[tuple[int, tuple[int, int]]]:
    """The ranges *todo* numbered as steps of *total*: the ranges not to do come first."""
    return enumerate(todo, total - len(todo) + 1)


def _told(
    todo: list[tuple[int, int]], linked: Iterable[Linked], total: int, progress: Progress
) -> Iterator[Part]:
    """Each range's pairs with its first id, *progress* told as each comes back."""
    if len(todo) < total:
        progress(LINKING, total - len(todo), total)
    for (n, span), found in zip(_counted(todo, total), linked, strict=True):
        yield span[0], found
        progress(LINKING, n, total)
