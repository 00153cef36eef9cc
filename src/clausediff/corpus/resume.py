"""Lineage that goes on where a stopped run left it.

Over a million articles lineage takes hours, and a run can stop before its end: killed by a
job's time limit or the out-of-memory killer, interrupted, its cluster gone. Its work is not
lost. The links are gathered a range of ``partitions.PART`` articles at a time into a
``LinkStore`` (and the texts prepared into a ``TextStore``) made for a ``scratchdir.Claim``:
the index file, what it holds (``prepared.index_state``), and every term the work depends
on (the thresholds, the size of a range, this module's ``FORMAT`` and clausediff's
version). Each range is recorded in the transaction that writes its pairs (or texts), and
a store whose run stops is left where it is. The next lineage of the same index, unchanged,
with the same terms takes the stores over, links only the ranges still to do and groups
everything again: the same families as a run that never stopped. A store whose index has
changed or gone is removed by the next lineage made in the same place
(``scratchdir.sweep``); one of an index held in memory is never kept.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

from clausediff.corpus import partitions, storage
from clausediff.corpus.documents import Documents
from clausediff.corpus.engines import Engine
from clausediff.corpus.linkstore import LinkStore
from clausediff.corpus.partitions import Progress, link_all, link_here, parts
from clausediff.corpus.prepared import TextStore, index_state
from clausediff.corpus.scratchdir import Claim
from clausediff.corpus.significance import Model
from clausediff.errors import ClauseDiffWarning

__all__ = ["FORMAT", "claims", "linked_store"]

#: The layout of the stores' files: a change to it (or to what a range's links are) makes
#: the work of earlier runs unusable, and this number must change with it.
FORMAT = 1


def claims(
    path: str | None, state: str, thresholds: tuple[float, float]
) -> tuple[Claim | None, Claim | None]:
    """The claims of the prepared texts and of the links of a lineage of the index file at
    *path* in *state* (``prepared.index_state``; *thresholds*: ``max_p``, ``min_score``);
    ``None`` for an index with no file."""
    if path is None:
        return None, None
    index = str(Path(path).resolve())
    common = f"format {FORMAT}; clausediff {_version()}; part {partitions.PART}"
    max_p, min_score = thresholds
    terms = f"links; {common}; block {partitions.BLOCK}; {max_p!r} {min_score!r}"
    return Claim(index, state, f"texts; {common}"), Claim(index, state, terms)


@contextlib.contextmanager
def linked_store(
    db: sqlite3.Connection,
    documents: Documents,
    model: Model,
    thresholds: tuple[float, float],
    progress: Progress,
    *,
    engine: Engine | None = None,
    path: str | None = None,
) -> Iterator[LinkStore]:
    """A ``LinkStore`` holding the linked pairs of every range of the index (found on
    *engine* from the file at *path* when both are given, else in this process; the texts
    prepared beside the index file), taken over from a stopped run of the same claim when
    there is one (a ``ClauseDiffWarning`` says so). The texts are removed once every range
    is linked, the links when the caller is done with them; both are kept when the work
    stops before (a warning says where).

    Raises:
        IndexFileError: the index changed while the engine's tasks read it.
        ClusterError: the engine's processes went away.
    """
    generation = storage.meta(db, "generation")
    texts_claim, links_claim = claims(path, index_state(db), thresholds)
    store = LinkStore(claim=links_claim)
    texts: TextStore | None = None
    try:
        total = _ranges(documents)
        if store.linked:
            warnings.warn(
                f"lineage goes on from a run of the same lineage that stopped: {len(store.linked)}"
                f" of {total} ranges of articles were linked ({store.directory})",
                ClauseDiffWarning,
                stacklevel=3,
            )
        texts = TextStore(path, texts_claim)
        if engine is not None and path is not None:
            found = link_all(
                documents, engine, path, generation, model, thresholds, progress,
                done=store.linked, texts=texts,
            )  # fmt: skip
        else:
            found = link_here(
                db, documents, model, thresholds, progress, done=store.linked, texts=texts
            )
        for first, linked in found:
            store.add(linked, first)
        texts.close()  # every range linked: the texts are not needed again
        texts = None
        yield store
    except BaseException as e:
        kept = _stopped(store, texts, total=_ranges(documents))
        if kept is not None:
            e.add_note(kept)  # on the exception too: warnings may be ignored, or errors
            with contextlib.suppress(Warning):  # made errors: the stop's own exception goes on
                warnings.warn(kept, ClauseDiffWarning, stacklevel=3)
        raise
    store.close()


def _stopped(store: LinkStore, texts: TextStore | None, *, total: int) -> str | None:
    """Keep the work of a run that stopped, when it is its claim's and did some, and say
    where (``None``: removed)."""
    if texts is not None and not texts.claimed:
        texts.close()
        texts = None
    keep = store.claimed and bool(store.linked or (texts is not None and texts.prepared))
    places = [store.directory] + ([texts.directory] if texts is not None else [])
    prepared = "" if texts is None else f" ({len(texts.prepared)} with their texts prepared)"
    if texts is not None:
        texts.close(keep=keep)
    store.close(keep=keep)
    if not keep:
        return None
    return (
        f"lineage stopped with {len(store.linked)} of {total} ranges of articles linked"
        f"{prepared}: its work is kept in {' and '.join(places)}, and the same lineage run "
        "again goes on from there (or delete them)"
    )


def _version() -> str:
    """The version of clausediff installed (a run of another version does other work)."""
    try:
        return importlib.metadata.version("clausediff")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "unknown"


def _ranges(documents: Documents) -> int:
    """How many ranges of ``partitions.PART`` articles the index's articles make."""
    rows = documents.rows
    if not rows:
        return 0
    return len(parts(min(r.first for r in rows), max(r.last for r in rows), partitions.PART))
