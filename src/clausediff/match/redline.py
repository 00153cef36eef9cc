"""A word-level redline: the edit script that turns one clause into the other.

Ops are ``equal``, ``delete``, ``insert``, ``replace`` and ``move``. Their spans tile each
clause in order, punctuation and spacing included: concatenating the left spans of the ops
gives the left text, the right spans the right text, so the script can be applied and checked.
A passage of at least ``MIN_MOVE_WORDS`` words that was deleted in one place and inserted in
another is a ``move``: one op on the left (where it left) and one on the right (where it
arrived), linked by the same ``move`` id, instead of an unrelated delete and insert.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from clausediff.match.passages import common_runs
from clausediff.match.tokens import Token
from clausediff.model import Span

__all__ = ["MIN_MOVE_WORDS", "OPS", "Op", "RedlineOp", "build_redline", "swap_sides"]

MIN_MOVE_WORDS = 3


class Op(enum.StrEnum):
    """What one step of a redline does."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"
    REPLACE = "replace"
    MOVE = "move"

    def swapped(self) -> Op:
        """The same step read from right to left: a deletion is an insertion."""
        return _SWAP.get(self, self)


_SWAP = {Op.DELETE: Op.INSERT, Op.INSERT: Op.DELETE}
OPS: tuple[str, ...] = tuple(Op)


@attrs.frozen
class RedlineOp:
    """One step of a redline; ``left``/``right`` are document offsets or ``None``."""

    op: Op = attrs.field(converter=Op)
    left: Span | None
    right: Span | None
    move: int | None = None


def swap_sides(ops: Sequence[RedlineOp]) -> tuple[RedlineOp, ...]:
    """The same redline read from right to left (deletions become insertions)."""
    return tuple(RedlineOp(o.op.swapped(), o.right, o.left, o.move) for o in ops)


# An op before spans are known: token index ranges on each side ([start, end) or None).
_Pending = tuple[Op, tuple[int, int] | None, tuple[int, int] | None, int | None]


def _chain(runs: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The heaviest set of runs in the same order on both sides (weighted LIS on ``j``).

    *runs* are sorted by ``i`` and do not overlap, so a chain only needs ``j`` to increase.
    A Fenwick tree of prefix maxima over the ranks of ``j`` makes it O(r log r).
    """
    if not runs:
        return []
    ranks = {j: r for r, j in enumerate(sorted({j for _, j, _ in runs}), start=1)}
    size = len(ranks)
    tree_best = [0] * (size + 1)
    tree_at = [-1] * (size + 1)
    best = [0] * len(runs)
    back = [-1] * len(runs)
    for n, (_, j, k) in enumerate(runs):
        r = ranks[j] - 1
        prior, prior_at = 0, -1
        while r > 0:
            if tree_best[r] > prior:
                prior, prior_at = tree_best[r], tree_at[r]
            r -= r & -r
        best[n], back[n] = prior + k, prior_at
        r = ranks[j]
        while r <= size:
            if best[n] > tree_best[r]:
                tree_best[r], tree_at[r] = best[n], n
            r += r & -r
    at = max(range(len(runs)), key=lambda x: (best[x], -x))
    chain = []
    while at != -1:
        chain.append(runs[at])
        at = back[at]
    return chain[::-1]


def _pieces(
    indexes: range, moved: dict[int, int], plain: Op
) -> list[tuple[Op, tuple[int, int], int | None]]:
    """Cut a token range into runs of ``plain`` ops and ``move`` ops."""
    pieces: list[tuple[Op, tuple[int, int], int | None]] = []
    for i in indexes:
        move = moved.get(i)
        op = Op.MOVE if move is not None else plain
        if pieces and pieces[-1][0] == op and pieces[-1][2] == move:
            pieces[-1] = (op, (pieces[-1][1][0], i + 1), move)
        else:
            pieces.append((op, (i, i + 1), move))
    return pieces


def _gap(
    left: Sequence[Token],
    right: Sequence[Token],
    span: tuple[int, int, int, int],
    moved_left: dict[int, int],
    moved_right: dict[int, int],
) -> list[_Pending]:
    """Ops between two anchors: equal tokens at both ends, then moves and replace/delete/insert."""
    a, b, c, d = span

    def same(i: int, j: int) -> bool:
        return left[i].key == right[j].key and i not in moved_left and j not in moved_right

    head: list[_Pending] = []
    tail: list[_Pending] = []
    while a < b and c < d and same(a, c):
        head.append((Op.EQUAL, (a, a + 1), (c, c + 1), None))
        a, c = a + 1, c + 1
    while b > a and d > c and same(b - 1, d - 1):
        tail.append((Op.EQUAL, (b - 1, b), (d - 1, d), None))
        b, d = b - 1, d - 1
    middle: list[_Pending] = []
    lmid, rmid = range(a, b), range(c, d)
    has_move = any(i in moved_left for i in lmid) or any(j in moved_right for j in rmid)
    if lmid and rmid and not has_move:
        middle.append((Op.REPLACE, (a, b), (c, d), None))
    else:
        for op, piece, move in _pieces(lmid, moved_left, Op.DELETE):
            middle.append((op, piece, None, move))
        for op, piece, move in _pieces(rmid, moved_right, Op.INSERT):
            middle.append((op, None, piece, move))
    return head + middle + tail[::-1]


def _merge_equal(pending: list[_Pending]) -> list[_Pending]:
    merged: list[_Pending] = []
    for item in pending:
        prev = merged[-1] if merged else None
        if prev and item[0] == prev[0] == Op.EQUAL and prev[1] and prev[2] and item[1] and item[2]:
            merged[-1] = (Op.EQUAL, (prev[1][0], item[1][1]), (prev[2][0], item[2][1]), None)
        else:
            merged.append(item)
    return merged


def _words(tokens: Sequence[Token]) -> int:
    return sum(1 for t in tokens if t.word)


def build_redline(
    left: Sequence[Token], right: Sequence[Token], left_span: Span, right_span: Span
) -> list[RedlineOp]:
    """The redline between two token sequences whose text spans are *left_span*/*right_span*.

    Anchors are the common runs of at least two words that keep their order on both sides
    (the heaviest such chain). Common runs of ``MIN_MOVE_WORDS`` words or more outside that
    chain are moves. Between anchors, equal tokens at the ends of a gap stay equal and the
    rest is one replace, or deletes and inserts around the moves.
    """
    lkeys, rkeys = [t.key for t in left], [t.key for t in right]
    runs = [
        (i, j, k)
        for i, j, k in common_runs(lkeys, rkeys, min_length=1)
        if _words(left[i : i + k]) >= 2 or k == len(lkeys) == len(rkeys)
    ]
    anchors = _chain(runs)
    anchored = set(anchors)
    moved_left: dict[int, int] = {}
    moved_right: dict[int, int] = {}
    for i, j, k in runs:
        if (i, j, k) in anchored or _words(left[i : i + k]) < MIN_MOVE_WORDS:
            continue
        move = len({*moved_left.values()})
        for t in range(k):
            moved_left[i + t] = moved_right[j + t] = move
    pending: list[_Pending] = []
    li = ri = 0
    for i, j, k in [*anchors, (len(left), len(right), 0)]:
        pending.extend(_gap(left, right, (li, i, ri, j), moved_left, moved_right))
        if k:
            pending.append((Op.EQUAL, (i, i + k), (j, j + k), None))
        li, ri = i + k, j + k
    pending = _merge_equal(pending)
    left_spans = _spans([p[1] for p in pending], left, left_span)
    right_spans = _spans([p[2] for p in pending], right, right_span)
    return [
        RedlineOp(op, lspan, rspan, move_id)
        for (op, _, _, move_id), lspan, rspan in zip(pending, left_spans, right_spans, strict=True)
    ]


def _spans(
    ranges: list[tuple[int, int] | None], tokens: Sequence[Token], whole: Span
) -> list[Span | None]:
    """Turn token ranges into character spans that tile *whole*: each op keeps the spacing
    after its tokens, and the first keeps whatever precedes the first token."""
    starts = [None if r is None else tokens[r[0]].start for r in ranges]
    spans: list[Span | None] = [None] * len(ranges)
    following = whole.end
    first = True
    for k in range(len(ranges) - 1, -1, -1):
        start = starts[k]
        if start is None:
            continue
        spans[k] = Span(start, following)
        following = start
    for k, start in enumerate(starts):
        if start is not None and first:
            span = spans[k]
            assert span is not None
            spans[k] = Span(whole.start, span.end)
            first = False
    return spans
