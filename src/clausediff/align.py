"""Treaty against treaty: which article became which.

1. Score every article pair. Each article becomes the set of its 3-word shingles (normalized
   words, boilerplate variants made one); each shingle weighs log(N / df), where df is the
   number of articles of the two treaties that contain it, so "the present Convention shall"
   counts for little and a list of protected grounds for much. A pair's score (0-100) is the
   larger of the weighted Dice overlap and the weighted containment of the smaller article in
   the larger, the latter damped by the square root of the size ratio (past 2:1) so that a
   one-line article is not "contained" in every long one. An inverted index of the shingles
   found in at most a twentieth of the articles (or 8) proposes the pairs to score: two
   articles that share fewer than ``MIN_SHARED`` of them score 0.
2. Assign one to one, optimally: among pairs scoring at least ``min_score``, the assignment
   with the greatest total score (Hungarian algorithm, run on each connected group of
   candidate pairs). A shared article number adds ``SAME_NUMBER_BONUS`` to a pair's weight in
   the assignment only, as evidence of lineage when two candidates are close.
3. Name each pair: ``identical`` (same text after normalization, same number),
   ``renumbered`` (same text, another number), ``modified``; an unpaired left article is
   ``removed``, an unpaired right article ``added``. An article whose text lies in two or more
   articles of the other treaty (each holding at least ``SPLIT_SHARE`` of it) is flagged in
   ``split_into`` (left) or ``merged_from`` (right).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain

import attrs

from clausediff.compare import Clause, Comparison, compare_normalized
from clausediff.model import Document
from clausediff.normalize import DEFAULT_BOILERPLATE, Boilerplate, normalize, word_keys

__all__ = [
    "DEFAULT_MIN_SCORE",
    "SAME_NUMBER_BONUS",
    "AlignedPair",
    "Alignment",
    "align_documents",
    "assign",
]

DEFAULT_MIN_SCORE = 15.0
SAME_NUMBER_BONUS = 5.0
SPLIT_SHARE = 0.3
SHINGLE = 3
COMMON_FLOOR = 8
MIN_SHARED = 2  # distinctive shingles two articles must share to be scored at all
STATUSES = ("identical", "renumbered", "modified", "added", "removed")


@attrs.frozen
class AlignedPair:
    """One row of an alignment: a left article, a right article, or both."""

    left: str | None
    right: str | None
    score: float
    status: str = attrs.field(validator=attrs.validators.in_(STATUSES))
    split_into: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()
    comparison: Comparison | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Alignment:
    """Which article of ``left`` became which of ``right``.

    ``pairs`` run in the order of the left treaty, each added article placed after the pair
    that precedes it in the right treaty. ``matrix[i][j]`` is the score of the i-th left and
    j-th right article (0 where they share nothing).
    """

    left: Document = attrs.field(repr=False)
    right: Document = attrs.field(repr=False)
    pairs: tuple[AlignedPair, ...]
    matrix: tuple[tuple[float, ...], ...] = attrs.field(repr=False)
    min_score: float = DEFAULT_MIN_SCORE


def _shingles(text: str, table: tuple[Boilerplate, ...]) -> set[tuple[str, ...]]:
    words = word_keys(text, table)
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))


@attrs.frozen
class _Shingled:
    """Both treaties' articles as weighted shingle sets, and the pair scores."""

    lsets: list[set[tuple[str, ...]]]
    rsets: list[set[tuple[str, ...]]]
    weight: dict[tuple[str, ...], float]
    matrix: list[list[float]]

    def mass(self, shingles: Iterable[tuple[str, ...]]) -> float:
        return sum(map(self.weight.__getitem__, shingles))


def _shingle_scores(
    left: Sequence[str], right: Sequence[str], table: tuple[Boilerplate, ...]
) -> _Shingled:
    lsets = [_shingles(text, table) for text in left]
    rsets = [_shingles(text, table) for text in right]
    df = Counter(chain.from_iterable(lsets + rsets))
    total = len(lsets) + len(rsets)
    logs = {n: math.log(total / n) + 0.1 for n in set(df.values())}
    weight = {s: logs[n] for s, n in df.items()}
    lmass = [sum(map(weight.__getitem__, shingles)) for shingles in lsets]
    rmass = [sum(map(weight.__getitem__, shingles)) for shingles in rsets]
    # Candidates: pairs sharing a distinctive shingle (one in at most 1/20 of the articles).
    # Shingles common to many articles still count in the exact score below, but finding
    # pairs through them would visit most of the matrix for little.
    common = max(COMMON_FLOOR, total // 20)
    rare = {s for s, n in df.items() if n <= common}
    index: dict[tuple[str, ...], list[int]] = {}
    for j, shingles in enumerate(rsets):
        for s in shingles & rare:
            index.setdefault(s, []).append(j)
    matrix = [[0.0] * len(right) for _ in left]
    for i, shingles in enumerate(lsets):
        hits = Counter(chain.from_iterable(index[s] for s in shingles & index.keys()))
        for j in (j for j, n in hits.items() if n >= MIN_SHARED):
            mass = sum(map(weight.__getitem__, shingles & rsets[j]))
            small, large = sorted((lmass[i], rmass[j]))
            dice = 2 * mass / (small + large)
            damping = min(1.0, math.sqrt(2 * small / large))
            matrix[i][j] = round(100 * max(dice, mass / small * damping), 2)
    return _Shingled(lsets, rsets, weight, matrix)


def score_matrix(
    left: Sequence[str],
    right: Sequence[str],
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
) -> list[list[float]]:
    """Scores (0-100) of every pair of texts, as described in the module docstring."""
    return _shingle_scores(left, right, tuple(boilerplate)).matrix


def _hungarian(weights: list[list[float]]) -> list[int]:
    """Maximum-weight assignment of rows to columns (rows <= columns); returns a column per row.

    The classic O(n^2 m) potentials algorithm on costs = -weights.
    """
    n, m = len(weights), len(weights[0])
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match, way = [0] * (m + 1), [0] * (m + 1)
    for row in range(1, n + 1):
        match[0] = row
        col0 = 0
        least = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[col0] = True
            r0, delta, col1 = match[col0], inf, 0
            for col in range(1, m + 1):
                if not used[col]:
                    cost = -weights[r0 - 1][col - 1] - u[r0] - v[col]
                    if cost < least[col]:
                        least[col], way[col] = cost, col0
                    if least[col] < delta:
                        delta, col1 = least[col], col
            for col in range(m + 1):
                if used[col]:
                    u[match[col]] += delta
                    v[col] -= delta
                else:
                    least[col] -= delta
            col0 = col1
            if match[col0] == 0:
                break
        while col0:
            col1 = way[col0]
            match[col0] = match[col1]
            col0 = col1
    result = [-1] * n
    for col in range(1, m + 1):
        if match[col]:
            result[match[col] - 1] = col - 1
    return result


def assign(weights: Sequence[Sequence[float]], min_weight: float) -> dict[int, int]:
    """Optimal one-to-one assignment among the pairs weighing at least *min_weight*.

    Maximizes the total weight; returns ``{left index: right index}``. Solved separately for
    each connected group of candidate pairs, which keeps real treaties fast.
    """
    edges = {(i, j) for i, row in enumerate(weights) for j, w in enumerate(row) if w >= min_weight}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(("L", i))] = find(("R", j))
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for i, j in edges:
        rows, cols = groups.setdefault(find(("L", i)), (set(), set()))
        rows.add(i)
        cols.add(j)
    result: dict[int, int] = {}
    for rows_set, cols_set in groups.values():
        row_list, col_list = sorted(rows_set), sorted(cols_set)
        # one "stay unpaired" column per row (weight 0), and pairs under the bar forbidden:
        # a row may then go unpaired whenever pairing it would lower the total
        forbidden = -1e18
        sub = [
            [weights[i][j] if (i, j) in edges else forbidden for j in col_list]
            + [0.0] * len(row_list)
            for i in row_list
        ]
        for i, column in zip(row_list, _hungarian(sub), strict=True):
            if column < len(col_list) and (i, col_list[column]) in edges:
                result[i] = col_list[column]
    return result


def _spread(
    sets: list[set[tuple[str, ...]]],
    others: list[set[tuple[str, ...]]],
    matrix: Sequence[Sequence[float]],
    scored: _Shingled,
) -> dict[int, list[int]]:
    """Articles whose text lies in two or more articles of the other side.

    For each candidate (a matrix score of at least ``100 * SPLIT_SHARE``), the share of the
    article's weighted shingles it holds must reach ``SPLIT_SHARE``, and the parts held by the
    candidates must be different parts: two candidates that hold the same sentence (a common
    formula) do not make a split.
    """
    spread = {}
    for i, row in enumerate(matrix):
        mine = sets[i]
        whole = scored.mass(mine)
        if not whole:
            continue
        held = {
            j: mine & others[j]
            for j, s in enumerate(row)
            if s >= 100 * SPLIT_SHARE and scored.mass(mine & others[j]) >= SPLIT_SHARE * whole
        }
        distinct = sorted(
            j
            for j in held
            if any(k != j and scored.mass(held[j] - held[k]) >= SPLIT_SHARE * whole for k in held)
        )
        if len(distinct) >= 2:
            spread[i] = distinct
    return spread


def align_documents(
    left: Document,
    right: Document,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    redlines: bool = True,
) -> Alignment:
    """Align the articles of two treaties (see the module docstring for the method).

    Args:
        min_score: the lowest score at which two articles are paired.
        redlines: compare every pair in full (scores, shared passages, redline), kept on
            ``AlignedPair.comparison``; ``False`` skips that work.
    """
    table = tuple(boilerplate)
    lclauses = [Clause.from_article(left, a) for a in left.articles]
    rclauses = [Clause.from_article(right, a) for a in right.articles]
    scored = _shingle_scores([c.text for c in lclauses], [c.text for c in rclauses], table)
    matrix = scored.matrix
    weights = [
        [
            s + SAME_NUMBER_BONUS if s and la.number == ra.number else s
            for s, ra in zip(row, right.articles, strict=True)
        ]
        for row, la in zip(matrix, left.articles, strict=True)
    ]
    pairing = assign(weights, min_score)
    splits = _spread(scored.lsets, scored.rsets, matrix, scored)
    columns = [list(col) for col in zip(*matrix, strict=True)] if matrix else []
    merges = _spread(scored.rsets, scored.lsets, columns, scored)
    lnorm = [normalize(c.text) for c in lclauses]
    rnorm = [normalize(c.text) for c in rclauses]
    rows: list[AlignedPair] = []
    placed_right = {j: i for i, j in pairing.items()}
    pending_added = [j for j in range(len(rclauses)) if j not in placed_right]
    for i, la in enumerate(left.articles):
        j = pairing.get(i)
        split_into = tuple(right.articles[c].number for c in splits.get(i, ()))
        if j is None:
            rows.append(AlignedPair(la.number, None, 0.0, "removed", split_into=split_into))
            continue
        ra = right.articles[j]
        same = lnorm[i] == rnorm[j]
        status = ("identical" if la.number == ra.number else "renumbered") if same else "modified"
        comparison = (
            compare_normalized(lclauses[i], rclauses[j], lnorm[i], rnorm[j], table)
            if redlines
            else None
        )
        merged_from = tuple(left.articles[r].number for r in merges.get(j, ()))
        rows.append(
            AlignedPair(
                la.number, ra.number, matrix[i][j], status, split_into, merged_from, comparison
            )
        )
    # each added article goes after the row of the paired article that precedes it on the
    # right; one that precedes every paired article goes just before the first pair
    ordered: list[AlignedPair] = []
    added_after: dict[int, list[int]] = {}
    first_pair = min(pairing, default=len(rows))
    for j in pending_added:
        before = max((k for k in placed_right if k < j), default=None)
        key = first_pair - 1 if before is None else placed_right[before]
        added_after.setdefault(key, []).append(j)

    def add_rows(key: int) -> None:
        for j in added_after.get(key, ()):
            merged_from = tuple(left.articles[r].number for r in merges.get(j, ()))
            ordered.append(
                AlignedPair(None, right.articles[j].number, 0.0, "added", merged_from=merged_from)
            )

    add_rows(-1)
    for i, row in enumerate(rows):
        ordered.append(row)
        add_rows(i)
    return Alignment(left, right, tuple(ordered), tuple(tuple(r) for r in matrix), min_score)
