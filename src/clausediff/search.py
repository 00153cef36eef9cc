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
import contextlib
import json
import math
import random
import sqlite3
import statistics

import attrs

from clausediff.index import fingerprints, word_weight
from clausediff.model import Span
from clausediff.normalize import Token, collapse_boilerplate, word_tokens
from clausediff.passages import common_runs

__all__ = [
    "EVIDENCE",
    "Hit",
    "SearchPassage",
    "SearchResult",
    "background_scores",
    "fetch_articles",
    "score_pair",
    "search_index",
    "word_weights",
]

EVIDENCE = 20.0  # rarity weight of shared words below which a hit's score is damped
RUN_FULL = 8  # words from which a shared passage counts in full; shorter ones count pro rata
MIN_WORDS = 3
COMMON_SHARE = 0.05
COMMON_CAP = 5000  # however large the corpus, a shingle in more articles is boilerplate
CANDIDATES = 20
BACKGROUND_PAIRS = 400


@attrs.frozen
class SearchPassage:
    """A passage the query shares with a hit: its text (the hit's wording) and both spans."""

    text: str
    query: Span
    document: Span
    words: int


@attrs.frozen
class Hit:
    """One article that shares language with the query."""

    document: str
    article: str
    label: str
    score: float
    start: int
    end: int
    shared: tuple[SearchPassage, ...]
    percentile: float
    zscore: float
    document_title: str | None = None


@attrs.frozen
class SearchResult:
    """The ranked hits of one query; ``id`` is the query's id in a batch, if it has one."""

    query: str
    hits: tuple[Hit, ...]
    id: str | None = None


@attrs.frozen
class _Scored:
    score: float
    shared: float
    passages: tuple[tuple[Span, Span, int], ...]


def word_weights(db: sqlite3.Connection, words: set[str], total: int) -> dict[str, float]:
    found: dict[str, int] = {}
    listed = sorted(words)
    for at in range(0, len(listed), 500):
        chunk = listed[at : at + 500]
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"SELECT word, df FROM words WHERE word IN ({marks})", chunk))
    return {w: word_weight(found.get(w, 0), total) for w in words}


def score_pair(
    query: list[Token],
    target: list[Token],
    weight: dict[str, float],
    query_mass: float,
    target_mass: float,
) -> _Scored:
    """Shared passages of two word-token lists and the score they earn (module docstring)."""
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
        return _Scored(0.0, 0.0, ())
    containment = min(1.0, shared / small)
    score = 100 * containment * min(1.0, shared / EVIDENCE)
    return _Scored(round(score, 2), shared, tuple(passages))


def _article_tokens(text: str, offset: int) -> list[Token]:
    return collapse_boilerplate(word_tokens(text, offset))


def background_scores(db: sqlite3.Connection, total: int) -> list[float]:
    """Scores of a seeded sample of article pairs from different documents (cached)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'background'").fetchone()
    if row and row[0]:
        cached: list[float] = json.loads(row[0])
        return cached
    ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    scores: list[float] = []
    if len(ids) >= 2:
        rng = random.Random(1949)
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
    with contextlib.suppress(sqlite3.OperationalError):  # read-only: compute again next time
        db.execute("INSERT OR REPLACE INTO meta VALUES ('background', ?)", (json.dumps(scores),))
    return scores


@attrs.frozen
class _Article:
    tokens: list[Token]
    document: int
    mass: float
    text: str
    start: int


def fetch_articles(db: sqlite3.Connection, ids: set[int]) -> dict[int, _Article]:
    """Word tokens (document offsets), document, mass and text of the given articles."""
    out: dict[int, _Article] = {}
    listed = sorted(ids)
    for at in range(0, len(listed), 500):
        chunk = listed[at : at + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            "SELECT id, document, start, substr((SELECT text FROM documents d WHERE d.id = "
            'a.document), start + 1, "end" - start), mass FROM articles a '
            f"WHERE id IN ({marks})",
            chunk,
        )
        for article_id, document, start, text, mass in rows:
            out[article_id] = _Article(_article_tokens(text, start), document, mass, text, start)
    return out


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

    All reads happen in one read transaction: a search sees one state of the index even
    while another process updates it.
    """
    own = not db.in_transaction
    if own:
        db.execute("BEGIN")
    try:
        return _search(db, query, top, exclude, query_id, common_share)
    finally:
        if own:
            db.execute("COMMIT")


def _search(
    db: sqlite3.Connection,
    query: str,
    top: int,
    exclude: str | None,
    query_id: str | None,
    common_share: float,
) -> SearchResult:
    total = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    tokens = _article_tokens(query, 0)
    if not tokens or total == 0:
        return SearchResult(query, (), query_id)
    cap = max(20, min(int(total * common_share), COMMON_CAP))
    gains: dict[int, float] = {}
    for fingerprint in sorted(fingerprints([t.key for t in tokens], window=1)):
        ids = [
            r[0]
            for r in db.execute(
                "SELECT article FROM postings WHERE fingerprint = ?", (fingerprint,)
            )
        ]
        if not ids or len(ids) > cap:
            continue
        gain = math.log(total / len(ids))
        for article_id in ids:
            gains[article_id] = gains.get(article_id, 0.0) + gain
    excluded: set[int] = set()
    if exclude:
        excluded = {
            r[0]
            for r in db.execute(
                "SELECT a.id FROM articles a JOIN documents d ON d.id = a.document "
                "WHERE substr(d.name, 1, ?) = ?",
                (len(exclude), exclude),
            )
        }
    ranked = sorted((a for a in gains if a not in excluded), key=lambda a: (-gains[a], a))
    chosen = ranked[: max(CANDIDATES, 2 * top)]
    if not chosen:
        return SearchResult(query, (), query_id)
    fetched = fetch_articles(db, set(chosen))
    words = {t.key for t in tokens} | {t.key for a in fetched.values() for t in a.tokens}
    weight = word_weights(db, words, total)
    query_mass = sum(weight[t.key] for t in tokens)
    background = background_scores(db, total)
    mean = statistics.fmean(background) if background else 0.0
    spread = statistics.pstdev(background) if len(background) > 1 else 0.0
    meta = {
        r[0]: r[1:]
        for r in db.execute(
            'SELECT a.id, d.name, a.number, a.label, a.start, a."end", d.title '
            "FROM articles a JOIN documents d ON d.id = a.document "
            f"WHERE a.id IN ({','.join('?' * len(chosen))})",
            chosen,
        )
    }
    hits = []
    for article_id in chosen:
        article = fetched[article_id]
        scored = score_pair(tokens, article.tokens, weight, query_mass, article.mass)
        if scored.score <= 0:
            continue
        name, number, label, start, end, title = meta[article_id]
        passages = tuple(
            SearchPassage(article.text[d.start - article.start : d.end - article.start], q, d, n)
            for q, d, n in scored.passages
        )
        percentile = (
            100.0 * bisect.bisect_left(background, scored.score) / len(background)
            if background
            else 100.0
        )
        zscore = (scored.score - mean) / spread if spread else 0.0
        hits.append(
            (
                (-scored.score, -scored.shared, name, article_id),
                Hit(
                    name,
                    number,
                    label,
                    scored.score,
                    start,
                    end,
                    passages,
                    round(percentile, 1),
                    round(zscore, 1),
                    title,
                ),
            )
        )
    hits.sort(key=lambda pair: pair[0])
    return SearchResult(query, tuple(hit for _, hit in hits[:top]), query_id)
