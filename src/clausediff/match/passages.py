"""Shared passages: the maximal runs of tokens two clauses have in common.

Greedy string tiling (the method of plagiarism detectors): take the longest common run of
tokens, mark it on both sides, and repeat with what is left, so that each token belongs to at
most one passage and passages may appear in a different order on each side (a moved sentence
is still shared). Runs are found from two-token seeds, so a passage in the middle of a long
article counts as much as one at its start (local, not global, alignment).

Repetition costs no matches and little time. A seed found a few times on each side is tried
at every pairing; a seed found many times (``of the``, or every pair of a paragraph a schedule
repeats) is tried at the occurrences of the same rank on the other side and its neighbours
(the third ``of the`` of one text against the second to fourth of the other), which is where
repeated text corresponds. A run is followed once per diagonal, so the work grows with the
length of the runs found, not with the number of ways to pair their occurrences.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Hashable, Sequence
from itertools import chain, pairwise

__all__ = ["common_runs"]

#: Seeds whose occurrences pair in more ways than this are tried by rank only.
ALL_PAIRS = 4096
#: How many occurrences on either side of the same rank a frequent seed is tried at.
RANK_WINDOW = 4
_BLOCK = 32  # tokens compared at once while a run is followed


def common_runs(
    left: Sequence[Hashable], right: Sequence[Hashable], *, min_length: int = 2
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
    ids = {key: n for n, key in enumerate(dict.fromkeys(chain(left, right)))}
    lints = list(map(ids.__getitem__, left))
    rints = list(map(ids.__getitem__, right))
    candidates = _maximal_runs(lints, rints, min_length, len(ids))
    candidates += _prefix_and_suffix(lints, rints, min_length)
    return _tile(candidates, len(lints), len(rints), min_length)


def _grams(tokens: list[int], seed: int, base: int) -> list[int]:
    if seed == 1:
        return tokens
    return [a * base + b for a, b in pairwise(tokens)]


def _maximal_runs(
    left: list[int], right: list[int], min_length: int, base: int
) -> list[tuple[int, int, int]]:
    """Every maximal common run found from a seed, as ``(-length, i, j)``."""
    n, m = len(left), len(right)
    seed = 2 if min(n, m) >= 2 else 1
    lgrams, rgrams = _grams(left, seed, base), _grams(right, seed, base)
    rpos: dict[int, list[int]] = {}
    for j, gram in enumerate(rgrams):
        rpos.setdefault(gram, []).append(j)
    lcount = Counter(lgrams)
    # the seeds tried by rank, and how many of each the left side has passed
    rank_of = {g: 0 for g, rights in rpos.items() if lcount[g] * len(rights) > ALL_PAIRS}
    runs: list[tuple[int, int, int]] = []
    reach: dict[int, int] = {}  # diagonal j - i -> where the last run found on it ends (in i)
    for i, gram in enumerate(lgrams):
        rights = rpos.get(gram)
        if rights is None:
            continue
        partners: Sequence[int] = rights
        if gram in rank_of:
            rank = rank_of[gram]
            rank_of[gram] = rank + 1
            centre = rank * len(rights) // lcount[gram]
            partners = rights[max(0, centre - RANK_WINDOW) : centre + RANK_WINDOW + 1]
        for j in partners:
            diagonal = j - i
            if reach.get(diagonal, -1) > i:
                continue  # inside a run already followed on this diagonal
            a, b = i, j
            while a and b and left[a - 1] == right[b - 1]:
                a, b = a - 1, b - 1
            k = i - a + seed
            while a + k < n and b + k < m and left[a + k] == right[b + k]:
                k += 1
                if k % _BLOCK == 0:  # a long run (near-identical texts): a block at a time
                    while (
                        a + k + _BLOCK <= n
                        and b + k + _BLOCK <= m
                        and left[a + k : a + k + _BLOCK] == right[b + k : b + k + _BLOCK]
                    ):
                        k += _BLOCK
            reach[diagonal] = a + k
            if k >= min_length:
                runs.append((-k, a, b))
    return runs


def _prefix_and_suffix(
    left: Sequence[int], right: Sequence[int], min_length: int
) -> list[tuple[int, int, int]]:
    """The common prefix and suffix, as ``(-length, i, j)``: always candidates."""
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
    used_left = bytearray(n)
    used_right = bytearray(m)
    runs = []
    while heap:
        negative, i, j = heapq.heappop(heap)
        k = -negative
        if not any(used_left[i : i + k]) and not any(used_right[j : j + k]):
            used_left[i : i + k] = b"\x01" * k
            used_right[j : j + k] = b"\x01" * k
            runs.append((i, j, k))
            continue
        best_start, best_len, start = 0, 0, -1
        for t in range(k + 1):
            free = t < k and not used_left[i + t] and not used_right[j + t]
            if free and start < 0:
                start = t
            elif not free and start >= 0:
                if t - start > best_len:
                    best_start, best_len = start, t - start
                start = -1
        if best_len >= min_length:
            heapq.heappush(heap, (-best_len, i + best_start, j + best_start))
    runs.sort()
    return runs
