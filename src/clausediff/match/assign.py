"""Optimal one-to-one assignment: which left item goes with which right item.

``assign`` maximizes the total weight of the pairs it makes, among pairs that reach a bar,
and may leave an item unpaired when pairing it would lower the total. It solves each connected
group of candidate pairs apart (the Hungarian algorithm on each), which keeps real treaties
fast: most articles have a handful of candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from clausediff.match.groups import DisjointSets

__all__ = ["assign"]


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


def _cells(row: Sequence[float] | Mapping[int, float]) -> Iterable[tuple[int, float]]:
    return row.items() if isinstance(row, Mapping) else enumerate(row)


def assign(
    weights: Sequence[Sequence[float] | Mapping[int, float]], min_weight: float
) -> dict[int, int]:
    """Optimal one-to-one assignment among the pairs weighing at least *min_weight*.

    *weights* are rows of scores, dense (lists) or sparse (``{column: weight}``; a missing
    column weighs 0). Maximizes the total weight; returns ``{left index: right index}``.
    Solved separately for each connected group of candidate pairs, which keeps real treaties
    fast.
    """
    weight = {(i, j): w for i, row in enumerate(weights) for j, w in _cells(row) if w >= min_weight}
    edges = weight.keys()
    sets: DisjointSets[tuple[str, int]] = DisjointSets()
    for i, j in edges:
        sets.union(("L", i), ("R", j))
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for i, j in sorted(edges):
        rows, cols = groups.setdefault(sets.find(("L", i)), (set(), set()))
        rows.add(i)
        cols.add(j)
    result: dict[int, int] = {}
    for rows_set, cols_set in groups.values():
        row_list, col_list = sorted(rows_set), sorted(cols_set)
        # one "stay unpaired" column per row (weight 0), and pairs under the bar forbidden:
        # a row may then go unpaired whenever pairing it would lower the total
        forbidden = -1e18
        sub = [
            [weight.get((i, j), forbidden) for j in col_list] + [0.0] * len(row_list)
            for i in row_list
        ]
        for i, column in zip(row_list, _hungarian(sub), strict=True):
            if column < len(col_list) and (i, col_list[column]) in edges:
                result[i] = col_list[column]
    return result
