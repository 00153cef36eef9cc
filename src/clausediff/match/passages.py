"""Shared passages: the maximal runs of words two clauses have in common.

Greedy string tiling (the method of plagiarism detectors): take the longest common run of
tokens, mark it on both sides, and repeat with what is left, so that each word belongs to at
most one passage and passages may appear in a different order on each side (a moved sentence
is still shared). Runs are found from two-token seeds, so a passage in the middle of a long
article counts as much as one at its start (local, not global, alignment).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["common_runs"]

#: Seeds (token pairs) that occur more often than this on one side are not used to start a
#: run: they are function-word pairs ("of the"). A run that begins with such pairs is found
#: from its first rarer pair, then traced back to where it began. This bounds the work on
#: long, repetitive articles.
SEED_CAP = 64


def common_runs(
    left: Sequence[str], right: Sequence[str], *, min_length: int = 2
) -> list[tuple[int, int, int]]:
    """Tile *left* and *right* (token keys) with common runs; return ``(i, j, length)``.

    ``left[i:i + length] == right[j:j + length]`` for every run, runs do not overlap on
    either side, every run has at least *min_length* tokens, and the result is sorted by
    ``i``. The result depends only on the two sequences (ties are broken by position).
    """
    if min_length < 1:
        raise ValueError("min_length must be at least 1")
    if list(left) == list(right):
        return [(0, 0, len(left))] if len(left) >= min_length else []
    candidates = _maximal_runs(left, right, min_length)
    candidates += _prefix_and_suffix(left, right, min_length)
    return _tile(candidates, len(left), len(right), min_length)


def _maximal_runs(
    left: Sequence[str], right: Sequence[str], min_length: int
) -> list[tuple[int, int, int]]:
    """Every maximal common run found from a seed, as ``(-length, i, j)``.

    Seeds are token pairs (single tokens when a side has only one) that occur at most
    ``SEED_CAP`` times on each side; a run whose first pairs are too frequent to seed is
    found from a later pair and traced back to where it begins.
    """
    n, m = len(left), len(right)
    seed = 2 if min(n, m) >= 2 else 1
    lgrams: list[tuple[str, ...]] = list(pairwise(left)) if seed == 2 else [(t,) for t in left]
    rgrams: list[tuple[str, ...]] = list(pairwise(right)) if seed == 2 else [(t,) for t in right]
    index: dict[tuple[str, ...], list[int]] = {}
    for j, gram in enumerate(rgrams):
        index.setdefault(gram, []).append(j)
    left_counts = Counter(lgrams)

    def seeds(gram: tuple[str, ...]) -> bool:
        positions = index.get(gram)
        return (
            bool(positions) and len(positions or ()) <= SEED_CAP and left_counts[gram] <= SEED_CAP
        )

    runs: list[tuple[int, int, int]] = []
    started: set[tuple[int, int]] = set()
    for i, gram in enumerate(lgrams):
        if not seeds(gram):
            continue
        for j in index[gram]:
            a, b = i, j
            if a and b and left[a - 1] == right[b - 1]:
                if seeds(lgrams[a - 1]):
                    continue  # not maximal: the seed before starts this run
                # the run began in frequent pairs that seed nothing: find where it began
                while a and b and left[a - 1] == right[b - 1]:
                    a, b = a - 1, b - 1
                if (a, b) in started:
                    continue
                started.add((a, b))
            k = 0
            while a + k < n and b + k < m and left[a + k] == right[b + k]:
                k += 1
            if k >= min_length:
                runs.append((-k, a, b))
    return runs


def _prefix_and_suffix(
    left: Sequence[str], right: Sequence[str], min_length: int
) -> list[tuple[int, int, int]]:
    """The common prefix and suffix, as ``(-length, i, j)``: always candidates, however
    frequent their seeds."""
    n, m = len(left), len(right)
    found = []
    prefix = 0
    while prefix < min(n, m) and left[prefix] == right[prefix]:
        prefix += 1
    if prefix >= min_length:
        found.append((-prefix, 0, 0))
    suffix = 0
    while suffix < min(n, m) - prefix and left[n - 1 - suffix] == right[m - 1 - suffix]:
        suffix += 1
    if suffix >= min_length:
        found.append((-suffix, n - suffix, m - suffix))
    return found


def _tile(
    candidates: list[tuple[int, int, int]], n: int, m: int, min_length: int
) -> list[tuple[int, int, int]]:
    """Greedy tiling: accept the longest candidate whose tokens are free on both sides; a
    candidate that collides keeps its longest free stretch, which goes back in the queue."""
    heap = candidates
    heapq.heapify(heap)
    used_left = [False] * n
    used_right = [False] * m
    runs = []
    while heap:
        negative, i, j = heapq.heappop(heap)
        k = -negative
        free = [not used_left[i + t] and not used_right[j + t] for t in range(k)]
        if all(free):
            for t in range(k):
                used_left[i + t] = used_right[j + t] = True
            runs.append((i, j, k))
            continue
        best_start, best_len, start = 0, 0, None
        for t, ok in enumerate([*free, False]):
            if ok and start is None:
                start = t
            elif not ok and start is not None:
                if t - start > best_len:
                    best_start, best_len = start, t - start
                start = None
        if best_len >= min_length:
            heapq.heappush(heap, (-best_len, i + best_start, j + best_start))
    runs.sort()
    return runs
