"""How two articles of an index are scored against each other: rarity weights, the shared
passages and the score they earn, and the background of unrelated pairs that says how unusual
a score is. Search, lineage and the index build share these, so a figure means the same in
each.
"""

from __future__ import annotations

import math
import random
import sqlite3

import attrs

from clausediff.corpus import storage
from clausediff.match.passages import common_runs
from clausediff.match.tokens import Token, collapse_boilerplate, word_tokens
from clausediff.model import Span

__all__ = [
    "BACKGROUND_PAIRS",
    "EVIDENCE",
    "MIN_WORDS",
    "RUN_FULL",
    "Scored",
    "TokenizedArticle",
    "article_tokens",
    "background_scores",
    "fetch_articles",
    "score_pair",
    "word_weight",
    "word_weights",
]

EVIDENCE = 20.0  # rarity weight of shared words below which a hit's score is damped
RUN_FULL = 8  # words from which a shared passage counts in full; shorter ones count pro rata
MIN_WORDS = 3
BACKGROUND_PAIRS = 400
_BACKGROUND_SEED = 1949


def word_weight(df: int, articles: int) -> float:
    """The rarity weight of a word found in *df* of *articles* articles (smoothed IDF)."""
    return math.log((articles + 1) / (df + 1)) + 0.05


def word_weights(db: sqlite3.Connection, words: set[str], total: int) -> dict[str, float]:
    """The rarity weight of each of *words* in an index of *total* articles."""
    found = storage.document_frequencies(db, words)
    return {w: word_weight(found.get(w, 0), total) for w in words}


def article_tokens(text: str, offset: int) -> list[Token]:
    """The word tokens an index scores, boilerplate collapsed, at document offsets."""
    return collapse_boilerplate(word_tokens(text, offset))


@attrs.frozen
class Scored:
    """A pair's score, the rarity weight it shares, and its passages (query span, target
    span, words)."""

    score: float
    shared: float
    passages: tuple[tuple[Span, Span, int], ...]


def score_pair(
    query: list[Token],
    target: list[Token],
    weight: dict[str, float],
    query_mass: float,
    target_mass: float,
) -> Scored:
    """Shared passages of two word-token lists and the score they earn.

    The score (0-100) is the rarity-weighted words in shared passages (three words or more,
    one of four letters or more) over the weight of the smaller side, a passage under
    ``RUN_FULL`` words counting pro rata, damped while the shared weight is under
    ``EVIDENCE``.
    """
    runs = common_runs([t.key for t in query], [t.key for t in target], min_length=1)
    shared = 0.0
    passages = []
    for i, j, k in runs:
        words = query[i : i + k]
        count = sum(t.key.count(" ") + 1 for t in words)
        if count < MIN_WORDS or not any(len(t.key) >= 4 for t in words):
            continue
        # copied text comes in long runs: a run counts fully from RUN_FULL words up
        shared += sum(weight.get(t.key, 0.0) for t in words) * min(1.0, count / RUN_FULL)
        passages.append(
            (
                Span(words[0].start, words[-1].end),
                Span(target[j].start, target[j + k - 1].end),
                count,
            )
        )
    small = min(query_mass, target_mass)
    if shared <= 0 or small <= 0:
        return Scored(0.0, 0.0, ())
    containment = min(1.0, shared / small)
    score = 100 * containment * min(1.0, shared / EVIDENCE)
    return Scored(round(score, 2), shared, tuple(passages))


@attrs.frozen
class TokenizedArticle:
    """An indexed article ready to score: its tokens (document offsets), document id, mass,
    compared text and that text's offset."""

    tokens: list[Token]
    document: int
    mass: float
    text: str
    start: int


def fetch_articles(db: sqlite3.Connection, ids: set[int]) -> dict[int, TokenizedArticle]:
    """The given articles, tokenized, by id."""
    return {
        article_id: TokenizedArticle(article_tokens(text, start), document, mass, text, start)
        for article_id, document, start, text, mass in storage.compared_texts(db, ids)
    }


def background_scores(db: sqlite3.Connection, total: int) -> list[float]:
    """Scores, sorted, of a seeded sample of article pairs from different documents."""
    ids = storage.article_ids(db)
    scores: list[float] = []
    if len(ids) >= 2:
        rng = random.Random(_BACKGROUND_SEED)
        pairs = [tuple(rng.sample(ids, 2)) for _ in range(BACKGROUND_PAIRS)]
        fetched = fetch_articles(db, {i for pair in pairs for i in pair})
        word_set = {t.key for article in fetched.values() for t in article.tokens}
        weight = word_weights(db, word_set, total)
        for a, b in pairs:
            first, second = fetched[a], fetched[b]
            if first.document == second.document:
                continue
            scores.append(
                score_pair(first.tokens, second.tokens, weight, first.mass, second.mass).score
            )
    scores.sort()
    return scores
