"""How much two articles overlap: the scores alignment pairs articles by.

Each article is the set of its 3-word shingles (normalized words, boilerplate variants made
one); each shingle weighs log(N / df), where df is the number of articles of the two treaties
that contain it, so "the present Convention shall" counts for little and a list of protected
grounds for much. A pair's score (0-100) is the larger of the weighted Dice overlap and the
weighted containment of the smaller article in the larger, the latter damped by the square
root of the size ratio (past 2:1) so that a one-line article is not "contained" in every long
one. An inverted index of the shingles found in at most a twentieth of the articles (or
``COMMON_FLOOR``) proposes the pairs to score: two articles that share fewer than
``MIN_SHARED`` of them score 0. The same weighted sets tell where an article's text lies in
two or more articles of the other treaty (``spread``: splits and merges).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import attrs

from clausediff.match.boilerplate import DEFAULT_BOILERPLATE, Boilerplate, word_keys

__all__ = [
    "MIN_SHARED",
    "SPLIT_COVER",
    "SPLIT_PART",
    "Shingled",
    "score_matrix",
    "shingle_scores",
    "spread",
]

SPLIT_PART = 0.15  # the least share of an article one part of a split holds
SPLIT_COVER = 0.6  # the least share of an article the parts of a split hold together
SHINGLE = 3
COMMON_FLOOR = 8
COMMON_CAP = 200  # a shingle in more articles than this finds no candidates, however many
MIN_SHARED = 2  # distinctive shingles two articles must share to be scored at all
CANDIDATES = 100  # pairs scored per article at most: those sharing the most distinctive shingles
KEPT = 25  # scores kept per article (its row's best or its column's best): the matrix is sparse


def _codes(words: Sequence[int], base: int) -> set[int]:
    """The article's 3-word shingles, each as one number (its word numbers in base *base*)."""
    if len(words) < SHINGLE:
        # a short article's one shingle: its words (numbered from one, so that lengths differ),
        # told apart from 3-word codes by its sign
        code = 0
        for word in words:
            code = code * base + word + 1
        return {-code} if words else set()
    square = base * base
    return {a * square + b * base + c for a, b, c in zip(words, words[1:], words[2:], strict=False)}


@attrs.frozen
class Shingled:
    """Both treaties' articles as weighted shingle sets (each shingle one number), and the
    pair scores."""

    lsets: list[set[int]]
    rsets: list[set[int]]
    weight: dict[int, float]  # by shingle
    matrix: list[dict[int, float]]  # sparse rows: the pairs that share something

    def mass(self, shingles: Iterable[int]) -> float:
        return sum(map(self.weight.__getitem__, shingles))


def shingle_scores(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> Shingled:
    """Scores of every pair of articles, given as their word keys."""
    # words numbered once, in the order they first appear: a shingle is then one number,
    # which hashes and intersects faster than a tuple of three strings
    seen = dict.fromkeys(chain.from_iterable(chain(left, right)))
    vocabulary = {word: k for k, word in enumerate(seen)}
    base = len(vocabulary) + 1
    number = vocabulary.__getitem__
    lsets = [_codes(list(map(number, article)), base) for article in left]
    rsets = [_codes(list(map(number, article)), base) for article in right]
    counts = Counter(chain.from_iterable(chain(lsets, rsets)))  # documents per shingle
    total = len(lsets) + len(rsets)
    logs = {n: math.log(total / n) + 0.1 for n in set(counts.values())}
    weight = {k: logs[n] for k, n in counts.items()}
    lmass = [sum(map(weight.__getitem__, shingles)) for shingles in lsets]
    rmass = [sum(map(weight.__getitem__, shingles)) for shingles in rsets]
    # Candidates: pairs sharing a distinctive shingle (one in at most 1/20 of the articles).
    # Shingles common to many articles still count in the exact score below, but finding
    # pairs through them would visit most of the matrix for little.
    common = max(COMMON_FLOOR, min(total // 20, COMMON_CAP))
    frequent = {k for k, n in counts.items() if n > common}
    # Where each distinctive shingle is on the right. Most are in one article: one mapping
    # to it, made in C (dict.fromkeys); the few in several articles get a list.
    only: dict[int, int] = {}
    for j, shingles in enumerate(rsets):
        only.update(dict.fromkeys(shingles, j))
    several: dict[int, list[int]] = {}
    if len(only) < sum(map(len, rsets)):
        repeated = Counter(chain.from_iterable(rsets))
        several = {k: [] for k, n in repeated.items() if n > 1 and k not in frequent}
        for j, shingles in enumerate(rsets):
            for k in shingles & several.keys():
                several[k].append(j)
    for k in chain(frequent, several):
        only.pop(k, None)
    sizes = list(map(len, rsets))
    matrix: list[dict[int, float]] = [{} for _ in left]
    for i, shingles in enumerate(lsets):
        hits = Counter(map(only.__getitem__, shingles & only.keys()))
        shared = shingles & several.keys()
        if shared:
            hits.update(chain.from_iterable(map(several.__getitem__, shared)))
        # a formula article ("[Deleted]") has fewer shingles than MIN_SHARED: all must match
        least = min(MIN_SHARED, len(shingles))
        # in the order of the right treaty: the row does not depend on how sets iterate
        eligible = sorted(j for j, n in hits.items() if n >= least or n >= sizes[j])
        if len(eligible) > CANDIDATES:  # a long, repetitive treaty: the likeliest only
            eligible = heapq.nlargest(CANDIDATES, eligible, key=lambda j: (hits[j], -j))
        row = matrix[i]
        for j in eligible:
            mass = sum(map(weight.__getitem__, shingles & rsets[j]))
            small, large = sorted((lmass[i], rmass[j]))
            dice = 2 * mass / (small + large)
            damping = min(1.0, math.sqrt(2 * small / large))
            score = round(100 * max(dice, mass / small * damping), 2)
            if score > 0:
                row[j] = score
    return Shingled(lsets, rsets, weight, _best_kept(matrix, len(right)))


def _best_kept(matrix: list[dict[int, float]], width: int) -> list[dict[int, float]]:
    """Each pair that is among the ``KEPT`` best of its row or of its column: the rest of a
    dense row (two treaties of 10,000 articles that share boilerplate) says nothing the
    assignment or a reader needs, and would fill the memory."""
    if all(len(row) <= KEPT for row in matrix):
        return matrix
    columns: list[list[tuple[float, int]]] = [[] for _ in range(width)]
    for i, row in enumerate(matrix):
        for j, score in row.items():
            columns[j].append((score, -i))
    keep = {
        (-negative, j)
        for j, column in enumerate(columns)
        for _, negative in heapq.nlargest(KEPT, column)
    }
    return [
        {j: score for j, score in row.items() if (i, j) in keep or score >= _kth(row, KEPT)}
        for i, row in enumerate(matrix)
    ]


def _kth(row: dict[int, float], k: int) -> float:
    """The k-th best score of a row (0 when it has fewer)."""
    return heapq.nlargest(k, row.values())[-1] if len(row) >= k else 0.0


def score_matrix(
    left: Sequence[str],
    right: Sequence[str],
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
) -> list[list[float]]:
    """Scores (0-100) of every pair of texts, as described in the module docstring."""
    table = tuple(boilerplate)
    rows = shingle_scores(
        [word_keys(text, table) for text in left], [word_keys(text, table) for text in right]
    ).matrix
    return [[row.get(j, 0.0) for j in range(len(right))] for row in rows]


def spread(
    sets: list[set[int]],
    others: list[set[int]],
    matrix: Sequence[Mapping[int, float]],
    scored: Shingled,
) -> dict[int, list[int]]:
    """Articles whose text lies in two or more articles of the other side.

    The candidates (a matrix score of at least ``100 * SPLIT_PART``) are taken, the largest
    share first, each one that adds at least ``SPLIT_PART`` of the article's weighted
    shingles that the ones before did not hold; two or more such parts that together hold
    ``SPLIT_COVER`` of the article make a split. Two candidates that hold the same sentence
    (a common formula) add nothing to each other and make none.
    """
    spread = {}
    for i, row in enumerate(matrix):
        mine = sets[i]
        whole = scored.mass(mine)
        if not whole:
            continue
        held = {
            j: mine & others[j]
            for j, s in row.items()
            if s >= 100 * SPLIT_PART and scored.mass(mine & others[j]) >= SPLIT_PART * whole
        }
        parts: list[int] = []
        covered: set[int] = set()
        for j in sorted(held, key=lambda j: (-scored.mass(held[j]), j)):
            if scored.mass(held[j] - covered) >= SPLIT_PART * whole:
                parts.append(j)
                covered |= held[j]
        if len(parts) >= 2 and scored.mass(covered) >= SPLIT_COVER * whole:
            spread[i] = sorted(parts)
    return spread
