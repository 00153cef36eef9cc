"""Building the corpus index: every article of a set of treaties, in one SQLite file.

Each article's words (normalized, boilerplate variants made one) are cut into 3-word
shingles; each shingle has a 64-bit fingerprint, and winnowing keeps the smallest
fingerprint of every window of ``WINDOW`` shingles, so any run of ``WINDOW + 2`` words that
two texts share leaves a fingerprint in both. The postings map fingerprints to articles; the
word table holds document frequencies for rarity weights; an article's mass is the sum of the
rarity weights of its words. (The tables themselves: ``storage``.)

Updating is incremental: a file whose content hash is unchanged is not read again; a changed
or new file replaces its document in one transaction, so an interrupted run leaves the index
as it was before that file, and the next run completes it. The statistics (document
frequencies, masses, the background of unrelated pairs) are refreshed at the end of a run
that changed anything, in one transaction.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from clausediff.corpus import storage
from clausediff.corpus.scoring import background_scores, word_weight
from clausediff.errors import ClauseDiffError
from clausediff.match.compare import Clause
from clausediff.match.tokens import word_keys
from clausediff.model import Document

__all__ = [
    "SHINGLE",
    "WINDOW",
    "IndexReport",
    "fingerprints",
    "index_documents",
]

WINDOW = 4  # winnowing window: every shared run of 6 words or more leaves a fingerprint
SHINGLE = 3


@attrs.frozen
class IndexReport:
    """What one run of ``index_documents`` did."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (name, error message)
    articles: int


def _fingerprint(shingle: str) -> int:
    data = shingle.encode("utf-8")
    value = (zlib.crc32(data) << 32) | zlib.adler32(data)
    return value - (1 << 63)  # SQLite integers are signed 64-bit


def fingerprints(keys: Sequence[str], window: int = WINDOW) -> set[int]:
    """The winnowed fingerprints of a sequence of word keys.

    With ``window=1`` every shingle's fingerprint is kept (what a query uses).
    """
    if len(keys) < SHINGLE:
        return {_fingerprint(" ".join(keys))} if keys else set()
    prints = [_fingerprint(" ".join(keys[i : i + SHINGLE])) for i in range(len(keys) - SHINGLE + 1)]
    if window <= 1 or len(prints) <= window:
        return set(prints) if window <= 1 else {min(prints)}
    return {min(prints[i : i + window]) for i in range(len(prints) - window + 1)}


def index_documents(
    db: sqlite3.Connection,
    sources: Iterable[tuple[str, bytes | ClauseDiffError]],
    parse: Callable[[str, bytes], Document],
    *,
    progress: Callable[[str], None] | None = None,
    prune: bool = True,
) -> IndexReport:
    """Bring the index up to date with *sources*: ``(name, file bytes)`` pairs (or the error
    that kept a file from being read, reported in ``failed``).

    *parse* turns a name and its bytes into a ``Document`` (it may raise
    ``ClauseDiffError``: the file is then reported in ``failed`` and left out, its earlier
    version included). Documents whose name is no longer among the sources are removed when
    *prune* is true. Each document is written in its own transaction; the statistics are
    refreshed at the end.
    """
    known = storage.document_hashes(db)
    seen: set[str] = set()
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    failed: list[tuple[str, str]] = []
    stale = False
    for name, data in sources:
        seen.add(name)
        if progress is not None:
            progress(name)
        if isinstance(data, ClauseDiffError):  # the file could not be read
            failed.append((name, str(data)))
            continue
        digest = hashlib.sha256(data).hexdigest()
        if known.get(name) == digest:
            unchanged.append(name)
            continue
        try:
            document = parse(name, data)
        except ClauseDiffError as e:
            failed.append((name, str(e)))
            if name in known:  # its old version no longer stands for the file: leave it out
                with storage.transaction(db):
                    storage.delete_document(db, name)
                stale = True
            continue
        _write_document(db, name, digest, document)
        (updated if name in known else added).append(name)
    removed = sorted(set(known) - seen) if prune else []
    for name in removed:
        with storage.transaction(db):
            storage.delete_document(db, name)
    if added or updated or removed or stale or storage.meta(db, "stale") == "1":
        _refresh_statistics(db)
    return IndexReport(
        tuple(added),
        tuple(updated),
        tuple(unchanged),
        tuple(removed),
        tuple(failed),
        storage.article_count(db),
    )


def _write_document(db: sqlite3.Connection, name: str, digest: str, document: Document) -> None:
    """Replace one document, its articles and their postings, atomically.

    Each article's rarity mass is computed at once from the word statistics in the index, so
    that readers never see an article without weight; the end of the run refreshes them all.
    The index is marked stale until then, so that an interrupted run is finished next time.
    """
    with storage.transaction(db):
        storage.delete_document(db, name)
        doc_id = storage.insert_document(
            db, name, digest, document.title, document.language, document.text
        )
        total = int(storage.meta(db, "articles") or 0)
        postings: list[tuple[int, int]] = []
        for article in document.articles:
            clause = Clause.from_article(document, article)
            keys = word_keys(clause.text)
            counts = Counter(keys)
            df = storage.document_frequencies(db, counts.keys())
            mass = sum(word_weight(df.get(w, 0), total + 1) * n for w, n in counts.items())
            article_id = storage.insert_article(
                db, doc_id, article.number, article.ref, article.label,
                clause.start, clause.end, mass,
            )  # fmt: skip
            postings.extend((f, article_id) for f in fingerprints(keys))
        postings.sort()
        storage.insert_postings(db, postings)
        storage.set_meta(db, "stale", "1")


def _refresh_statistics(db: sqlite3.Connection) -> None:
    """Recount word document frequencies, recompute every article's rarity mass, and score
    the background of unrelated pairs, in one transaction.

    Two passes over the texts, one document at a time, so memory holds one text and the
    word table, never the corpus's word counts.
    """
    df: Counter[str] = Counter()
    total = 0
    for _, text in storage.article_texts(db):
        df.update(set(word_keys(text)))
        total += 1
    weight = {word: word_weight(n, total) for word, n in df.items()}
    with storage.transaction(db):
        storage.replace_words(db, sorted(df.items()))
        del df
        batch: list[tuple[float, int]] = []
        for article_id, text in storage.article_texts(db):
            counts = Counter(word_keys(text))
            batch.append((sum(weight[w] * n for w, n in counts.items()), article_id))
            if len(batch) >= 10_000:
                storage.update_masses(db, batch)
                batch.clear()
        storage.update_masses(db, batch)
        del weight, batch  # the background below needs neither: keep the peak down
        storage.set_meta(db, "articles", str(total))
        storage.set_background(db, background_scores(db, total))
        storage.set_meta(db, "stale", "0")
