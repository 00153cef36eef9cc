"""Which words two texts keep in the same order.

``common_blocks`` finds a longest common subsequence of two key sequences (rapidfuzz's
bit-parallel LCS, in C++), as blocks of consecutive equal keys: the words a reader sees kept
in place. No sequence of the same words keeps more, so a redline built on it changes no more
words than any word-level diff. Long and very different texts are first cut at the keys that
occur once on each side (patience diff), and, where none does (a schedule that repeats one
paragraph), at the heaviest in-order chain of common runs, so that the work stays near-linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence

from rapidfuzz.distance import LCSseq

from clausediff.match.passages import common_runs

__all__ = ["LCS_CELLS", "common_blocks", "heaviest_chain"]

#: Past this product of lengths, a subsequence search is first cut into smaller ones.
LCS_CELLS = 16_000_000

Block = tuple[int, int, int]  # (i, j, length): a[i:i + length] == b[j:j + length]


def heaviest_chain(runs: Sequence[tuple[int, int, int]]) -> list[int]:
    """The positions, in *runs* (``(i, j, weight)`` sorted by ``i``, not overlapping), of the
    heaviest set that keeps its order on both sides (a weighted longest increasing
    subsequence on ``j``; a Fenwick tree of prefix maxima makes it O(r log r))."""
    if not runs:
        return []
    ranks = {j: r for r, j in enumerate(sorted({j for _, j, _ in runs}), start=1)}
    size = len(ranks)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0] * len(runs)
    back = [-1] * len(runs)
    for n, (_, j, weight) in enumerate(runs):
        r = ranks[j] - 1
        prior, prior_at = 0, -1
        while r > 0:
            if tree_best[r] > prior:
                prior, prior_at = tree_best[r], tree_at[r]
            r -= r & -r
        best[n], back[n] = prior + weight, prior_at
        r = ranks[j]
        while r <= size:
            if best[n] > tree_best[r]:
                tree_best[r], tree_at[r] = best[n], n
            r += r & -r
    at = max(range(len(runs)), key=lambda x: (best[x], -x))
    chain = []
    while at != -1:
        chain.append(at)
        at = back[at]
    return chain[::-1]


def common_blocks(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Block]:
    """The equal blocks ``(i, j, length)`` of a longest common subsequence of *a* and *b*, in
    order (see the module docstring for long texts)."""
    if not a or not b:
        return []
    if len(a) == len(b) and list(a) == list(b):
        return [(0, 0, len(a))]
    if len(a) * len(b) <= LCS_CELLS:
        return [
            (op.src_start, op.dest_start, op.src_end - op.src_start)
            for op in LCSseq.opcodes(a, b)
            if op.tag == "equal"
        ]
    anchors = _unique_anchors(a, b) or _run_anchors(a, b)
    blocks: list[Block] = []
    li = ri = 0
    for i, j, k in anchors:
        blocks += [(li + x, ri + y, n) for x, y, n in common_blocks(a[li:i], b[ri:j])]
        blocks.append((i, j, k))
        li, ri = i + k, j + k
    if anchors:
        blocks += [(li + x, ri + y, n) for x, y, n in common_blocks(a[li:], b[ri:])]
    return _merged(blocks)


def _unique_anchors(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Block]:
    """The keys found once on each side, the longest in-order chain of them."""
    ca, cb = Counter(a), Counter(b)
    unique_b = {x: j for j, x in enumerate(b) if cb[x] == 1 and ca[x] == 1}
    pairs = [(i, unique_b[x], 1) for i, x in enumerate(a) if x in unique_b]
    return [pairs[k] for k in heaviest_chain(pairs)]


def _run_anchors(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Block]:
    """No key is unique (repetitive text): the heaviest in-order chain of common runs."""
    runs = common_runs(a, b, min_length=2)
    return [runs[k] for k in heaviest_chain(runs)]


def _merged(blocks: list[Block]) -> list[Block]:
    """Adjacent blocks joined into one."""
    out: list[Block] = []
    for i, j, k in blocks:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            pi, pj, pk = out[-1]
            out[-1] = (pi, pj, pk + k)
        elif k:
            out.append((i, j, k))
    return out
