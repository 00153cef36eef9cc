"""Search an index for the articles whose language a clause shares, ranked and explained.

1. Candidates. Every 3-word shingle of the query is looked up in the index's postings (the
   index keeps winnowed fingerprints, so a query is sure to be found only where it shares a
   run of six words, a boilerplate variant counting as one; shorter queries may be missed); each
   article found gains the rarity weight of the shingle (shingles in more than
   ``common_share`` of the articles, or in more than ``COMMON_CAP``, are skipped: they are
   boilerplate, not evidence).
2. Passages. The best candidates are compared with the query word by word (greedy string
   tiling, as in ``compare``): the shared passages of three words or more.
3. Score (0-100): the rarity-weighted words in shared passages over the weight of the smaller
   of query and article, so that a short query inside a long article and a short article
   inside a long query both count: it is the best-matching passage that ranks, not the
   article's length. A passage shorter than ``RUN_FULL`` words counts pro rata (copied text
   comes in long runs; paraphrase and later adaptations break them up). Damped while the
   shared weight is under ``EVIDENCE`` (a handful of rare words), so a few common words
   shared with a one-line article do not rank.
4. How unusual: each hit's score is placed among the scores of unrelated article pairs of the
   same index (a seeded sample of pairs from different documents): ``percentile`` is the share
   of that background scoring lower, ``zscore`` the distance from its mean in standard
   deviations. 99 means "closer than 99% of unrelated pairs"; copied text sits far above.

Ties on score are broken by the shared rarity weight, then by document name and article
order, so results are deterministic.
"""

from __future__ import annotations

import bisect
import math
import sqlite3
import statistics

import attrs

from clausediff.corpus import storage
from clausediff.corpus.build import fingerprints
from clausediff.corpus.scoring import (
    Scored,
    TokenizedArticle,
    article_tokens,
    background_scores,
    fetch_articles,
    score_pair,
    word_weights,
)
from clausediff.match.tokens import Token
from clausediff.model import Span

__all__ = [
    "COMMON_CAP",
    "COMMON_SHARE",
    "Hit",
    "SearchPassage",
    "SearchResult",
    "search_index",
]

COMMON_SHARE = 0.05
COMMON_CAP = 5000  # however large the corpus, a shingle in more articles is boilerplate
CANDIDATES = 20


@attrs.frozen
class SearchPassage:
    """A passage the query shares with a hit: its text (the hit's wording) and both spans."""

    text: str
    query: Span
    document: Span
    words: int


@attrs.frozen
class Hit:
    """One article that shares language with the query.

    ``document`` is the document's id, ``article`` the article's canonical number, ``ref``
    its unique ref, ``label`` its heading as printed; ``span`` is the compared text's place in
    the document. ``percentile`` and ``zscore`` place the score among unrelated pairs.
    """

    document: str
    article: str
    label: str
    score: float
    span: Span
    shared: tuple[SearchPassage, ...]
    percentile: float
    zscore: float
    document_title: str | None = None
    ref: str = attrs.field(default=attrs.Factory(lambda self: self.article, takes_self=True))

    @property
    def start(self) -> int:
        """Where the compared text begins in its document (``span.start``)."""
        return self.span.start

    @property
    def end(self) -> int:
        """Where the compared text ends in its document (``span.end``)."""
        return self.span.end


@attrs.frozen
class SearchResult:
    """The ranked hits of one query; ``id`` is the query's id in a batch, if it has one."""

    query: str
    hits: tuple[Hit, ...]
    id: str | None = None


def search_index(
    db: sqlite3.Connection,
    query: str,
    *,
    top: int = 10,
    exclude: str | None = None,
    query_id: str | None = None,
    common_share: float = COMMON_SHARE,
) -> SearchResult:
    """Rank the indexed articles that share language with *query* (module docstring).

    Args:
        top: how many hits to return.
        exclude: leave out documents whose name starts with this (the query's own treaty).
        query_id: carried into the result, for batches.
        common_share: shingles found in more than this share of the articles are skipped.

    All reads happen in one read transaction: a search sees one state of the index even
    while another process updates it. A search never writes.
    """
    with storage.snapshot(db):
        total = storage.article_count(db)
        tokens = article_tokens(query, 0)
        if not tokens or total == 0:
            return SearchResult(query, (), query_id)
        chosen = _candidates(db, tokens, total, top, exclude, common_share)
        if not chosen:
            return SearchResult(query, (), query_id)
        hits = _score_hits(db, tokens, total, chosen)
    return SearchResult(query, tuple(hits[:top]), query_id)


def _candidates(
    db: sqlite3.Connection,
    tokens: list[Token],
    total: int,
    top: int,
    exclude: str | None,
    common_share: float,
) -> list[int]:
    """The articles worth scoring: those gaining most rarity from the query's shingles."""
    cap = max(20, min(int(total * common_share), COMMON_CAP))
    gains: dict[int, float] = {}
    for fingerprint in sorted(fingerprints([t.key for t in tokens], window=1)):
        ids = storage.postings(db, fingerprint)
        if not ids or len(ids) > cap:
            continue
        gain = math.log(total / len(ids))
        for article_id in ids:
            gains[article_id] = gains.get(article_id, 0.0) + gain
    excluded = storage.articles_of_documents_starting(db, exclude) if exclude else set()
    ranked = sorted((a for a in gains if a not in excluded), key=lambda a: (-gains[a], a))
    return ranked[: max(CANDIDATES, 2 * top)]


def _score_hits(
    db: sqlite3.Connection, tokens: list[Token], total: int, chosen: list[int]
) -> list[Hit]:
    """Score each candidate against the query; the hits, best first."""
    fetched = fetch_articles(db, set(chosen))
    words = {t.key for t in tokens} | {t.key for a in fetched.values() for t in a.tokens}
    weight = word_weights(db, words, total)
    query_mass = sum(weight[t.key] for t in tokens)
    background = storage.background(db)
    if background is None:  # an index whose statistics were never completed: score it now
        background = background_scores(db, total)
    mean = statistics.fmean(background) if background else 0.0
    spread = statistics.pstdev(background) if len(background) > 1 else 0.0
    rows = storage.article_rows(db, chosen)
    ranked: list[tuple[tuple[float, float, str, int], Hit]] = []
    for article_id in chosen:
        article = fetched[article_id]
        scored = score_pair(tokens, article.tokens, weight, query_mass, article.mass)
        if scored.score <= 0:
            continue
        name = rows[article_id][0]
        hit = _hit(rows[article_id], article, scored, (background, mean, spread))
        ranked.append(((-scored.score, -scored.shared, name, article_id), hit))
    ranked.sort(key=lambda pair: pair[0])
    return [hit for _, hit in ranked]


def _hit(
    row: storage.ArticleRow,
    article: TokenizedArticle,
    scored: Scored,
    against: tuple[list[float], float, float],
) -> Hit:
    """The hit for one scored article, placed among the background scores (sorted, with
    their mean and standard deviation)."""
    name, number, ref, label, start, end, title = row
    background, mean, spread = against
    score = scored.score
    shared = tuple(
        SearchPassage(article.text[d.start - article.start : d.end - article.start], q, d, n)
        for q, d, n in scored.passages
    )
    percentile = (
        100.0 * bisect.bisect_left(background, score) / len(background) if background else 100.0
    )
    zscore = (score - mean) / spread if spread else 0.0
    return Hit(
        name, number, label, score, Span(start, end), shared, round(percentile, 1),
        round(zscore, 1), title, ref,
    )  # fmt: skip
