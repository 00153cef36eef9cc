"""A word-level redline: the edit script that turns one clause into the other.

Ops are ``equal``, ``delete``, ``insert``, ``replace`` and ``move``. Their spans tile each
clause in order, punctuation and spacing included: concatenating the left spans of the ops
gives the left text, the right spans the right text, so the script can be applied and checked.

The redline agrees with the shared passages. The passages that keep their order on both sides
(the heaviest such chain) are its anchors; a passage outside that chain was deleted in one
place and inserted in another, and is a pair of ``move`` ops (one on each side, linked by the
same ``move`` id). Between and inside the anchors, a longest common subsequence of the tokens
keeps every word both sides keep in order: a word is never deleted and inserted again, so the
redline changes no more words than a word-level diff does. What is left is ``replace`` where
both sides changed, ``delete`` or ``insert`` where one did.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Sequence

import attrs
from rapidfuzz.distance import LCSseq

from clausediff.match.diff import LCS_CELLS, common_blocks, heaviest_chain
from clausediff.match.tokens import Token
from clausediff.model import Span

__all__ = [
    "OPS",
    "Op",
    "RedlineOp",
    "Side",
    "TokenRun",
    "anchored_redline",
    "build_redline",
    "swap_sides",
]


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


#: A passage as token index ranges: ``(left_start, left_end, right_start, right_end)``.
TokenRun = tuple[int, int, int, int]
# An op before spans are known: token index ranges on each side ([start, end) or None).
_Pending = tuple[Op, tuple[int, int] | None, tuple[int, int] | None, int | None]


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


def _changed(
    lrange: range, rrange: range, moved_left: dict[int, int], moved_right: dict[int, int]
) -> list[_Pending]:
    """Ops for tokens that no common subsequence keeps: one replace where both sides changed
    and nothing moved, else deletes and inserts around the moves."""
    if not lrange and not rrange:
        return []
    lmoves = bool(moved_left) and any(i in moved_left for i in lrange)
    rmoves = bool(moved_right) and any(j in moved_right for j in rrange)
    if not lmoves and not rmoves:
        if lrange and rrange:
            return [(Op.REPLACE, (lrange.start, lrange.stop), (rrange.start, rrange.stop), None)]
        if lrange:
            return [(Op.DELETE, (lrange.start, lrange.stop), None, None)]
        return [(Op.INSERT, None, (rrange.start, rrange.stop), None)]
    out: list[_Pending] = []
    for op, piece, move in _pieces(lrange, moved_left, Op.DELETE):
        out.append((op, piece, None, move))
    for op, piece, move in _pieces(rrange, moved_right, Op.INSERT):
        out.append((op, None, piece, move))
    return out


def _segment(
    left: Sequence[Token],
    right: Sequence[Token],
    bounds: tuple[int, int, int, int],
    moved_left: dict[int, int],
    moved_right: dict[int, int],
) -> list[_Pending]:
    """The ops of one stretch of both clauses: equal where a longest common subsequence of
    the words keeps a word (moved words never match here), marks matched between them,
    changed ops for the rest."""
    a, b, c, d = bounds
    lwords = [i for i in range(a, b) if left[i].word]
    rwords = [j for j in range(c, d) if right[j].word]
    lkeys: list[object] = [left[i].key if i not in moved_left else (None, i) for i in lwords]
    rkeys: list[object] = [right[j].key if j not in moved_right else (j, None) for j in rwords]
    out: list[_Pending] = []
    li, ri = a, c
    for x, y, k in common_blocks(lkeys, rkeys):
        # a block of kept words is one equal op where the marks between them agree too
        i, j = lwords[x], rwords[y]
        out += _between(left, right, (li, i, ri, j), moved_left, moved_right)
        run_i, run_j = i, j
        for t in range(1, k):
            ni, nj = lwords[x + t], rwords[y + t]
            if ni - i != nj - j or any(
                left[i + u].key != right[j + u].key for u in range(1, ni - i)
            ):
                out.append((Op.EQUAL, (run_i, i + 1), (run_j, j + 1), None))
                out += _between(left, right, (i + 1, ni, j + 1, nj), moved_left, moved_right)
                run_i, run_j = ni, nj
            i, j = ni, nj
        out.append((Op.EQUAL, (run_i, i + 1), (run_j, j + 1), None))
        li, ri = i + 1, j + 1
    out += _between(left, right, (li, b, ri, d), moved_left, moved_right)
    return out


def _between(
    left: Sequence[Token],
    right: Sequence[Token],
    bounds: tuple[int, int, int, int],
    moved_left: dict[int, int],
    moved_right: dict[int, int],
) -> list[_Pending]:
    """Ops for tokens between two kept words: the marks both sides open and close the stretch
    with (a comma, a full stop) equal, the rest changed. Marks among changed words stay in
    the change: the full stop of "U.N." is not the one that ends the other sentence."""
    a, b, c, d = bounds

    def same_mark(i: int, j: int) -> bool:
        return (
            not left[i].word
            and left[i].key == right[j].key
            and i not in moved_left
            and j not in moved_right
        )

    head = 0
    while a + head < b and c + head < d and same_mark(a + head, c + head):
        head += 1
    tail = 0
    while b - tail > a + head and d - tail > c + head and same_mark(b - 1 - tail, d - 1 - tail):
        tail += 1
    out: list[_Pending] = [
        (Op.EQUAL, (a + t, a + t + 1), (c + t, c + t + 1), None) for t in range(head)
    ]
    out += _changed(range(a + head, b - tail), range(c + head, d - tail), moved_left, moved_right)
    out += [(Op.EQUAL, (b - t, b - t + 1), (d - t, d - t + 1), None) for t in range(tail, 0, -1)]
    return out


def _merge_equal(pending: list[_Pending]) -> list[_Pending]:
    merged: list[_Pending] = []
    for item in pending:
        prev = merged[-1] if merged else None
        if prev and item[0] == prev[0] == Op.EQUAL and prev[1] and prev[2] and item[1] and item[2]:
            merged[-1] = (Op.EQUAL, (prev[1][0], item[1][1]), (prev[2][0], item[2][1]), None)
        else:
            merged.append(item)
    return merged


def build_redline(
    left: Sequence[Token],
    right: Sequence[Token],
    left_span: Span,
    right_span: Span,
    *,
    anchors: Sequence[TokenRun] = (),
    moves: Sequence[TokenRun] = (),
) -> list[RedlineOp]:
    """The redline between two token sequences whose text spans are *left_span*/*right_span*.

    *anchors* are the shared passages that keep their order (token index ranges, in order on
    both sides), *moves* the passages that moved. Without anchors the whole clauses are one
    stretch. Inside and between anchors, a longest common subsequence of the tokens decides
    what is equal.
    """
    moved_left: dict[int, int] = {}
    moved_right: dict[int, int] = {}
    for move, (a, b, c, d) in enumerate(sorted(moves)):
        for i in range(a, b):
            moved_left[i] = move
        for j in range(c, d):
            moved_right[j] = move
    pending: list[_Pending] = []
    lkeys, rkeys = [t[0] for t in left], [t[0] for t in right]
    li = ri = 0
    for a, b, c, d in [*anchors, (len(left), len(left), len(right), len(right))]:
        if li < a or ri < c:
            pending += _segment(left, right, (li, a, ri, c), moved_left, moved_right)
        if lkeys[a:b] == rkeys[c:d]:  # the anchor as printed on both sides: one equal op
            if b > a:
                pending.append((Op.EQUAL, (a, b), (c, d), None))
        else:
            pending += _segment(left, right, (a, b, c, d), moved_left, moved_right)
        li, ri = b, d
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
    for k in range(len(ranges) - 1, -1, -1):
        start = starts[k]
        if start is None:
            continue
        spans[k] = Span(start, following)
        following = start
    for k, start in enumerate(starts):
        if start is not None:
            span = spans[k]
            assert span is not None
            spans[k] = Span(whole.start, span.end)
            break
    return spans


#: One side of a redline: the clause's whole span, its tokens, its words (boilerplate collapsed).
Side = tuple[Span, list[Token], list[Token]]


def anchored_redline(
    left: Side, right: Side, runs: Sequence[tuple[int, int, int]], *, same_words: bool
) -> list[RedlineOp]:
    """The redline, anchored on the shared passages (*runs*, in words) that keep their order
    on both sides (the heaviest chain); the others are moves (see
    ``build_redline``). Where that keeps fewer words than a longest common
    subsequence of the printed words would (repetitive text, where the chain of passages
    crowds out single words, or a boilerplate variant that hides a shared "the"), that
    subsequence is the anchor instead and only passages it leaves wholly aside are moves:
    no redline changes more words than a word-level diff."""
    (lwhole, ltokens, lwords), (rwhole, rtokens, rwords) = left, right
    whole = lwhole, rwhole
    lstarts, rstarts = [t.start for t in ltokens], [t.start for t in rtokens]
    ranges = [
        (
            *_token_range(lstarts, Span(lwords[i].start, lwords[i + k - 1].end)),
            *_token_range(rstarts, Span(rwords[j].start, rwords[j + k - 1].end)),
        )
        for i, j, k in runs
    ]
    chain = set(heaviest_chain([(i, j, k) for i, j, k in runs]))
    anchors = [r for n, r in enumerate(ranges) if n in chain]
    moved = _with_marks([r for n, r in enumerate(ranges) if n not in chain], ltokens, rtokens)
    redline = build_redline(ltokens, rtokens, *whole, anchors=anchors, moves=moved)
    if same_words:
        return redline
    lprinted = [t.key for t in ltokens if t.word]
    rprinted = [t.key for t in rtokens if t.word]
    if len(lprinted) * len(rprinted) > LCS_CELLS:
        return redline
    if _kept_words(redline, ltokens) >= LCSseq.similarity(lprinted, rprinted):
        return redline
    lindex = [i for i, t in enumerate(ltokens) if t.word]
    rindex = [j for j, t in enumerate(rtokens) if t.word]
    kept_left: set[int] = set()
    kept_right: set[int] = set()
    printed = []
    for i, j, k in common_blocks(lprinted, rprinted):
        kept_left.update(lindex[i : i + k])
        kept_right.update(rindex[j : j + k])
        printed.append((lindex[i], lindex[i + k - 1] + 1, rindex[j], rindex[j + k - 1] + 1))
    aside = [
        (a, b, c, d)
        for a, b, c, d in moved
        if kept_left.isdisjoint(range(a, b)) and kept_right.isdisjoint(range(c, d))
    ]
    return build_redline(ltokens, rtokens, *whole, anchors=printed, moves=aside)


def _token_range(starts: list[int], span: Span) -> tuple[int, int]:
    """The indexes ``[a, b)`` of the tokens that lie in *span*."""
    return bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)


def _kept_words(redline: Sequence[RedlineOp], tokens: Sequence[Token]) -> int:
    """How many of the left side's words the redline keeps (equal or moved)."""
    starts = [t.start for t in tokens]
    kept = 0
    for op in redline:
        if op.left is not None and op.op in (Op.EQUAL, Op.MOVE):
            a, b = _token_range(starts, op.left)
            kept += sum(1 for t in tokens[a:b] if t.word)
    return kept


def _with_marks(
    moves: list[TokenRun], ltokens: Sequence[Token], rtokens: Sequence[Token]
) -> list[TokenRun]:
    """Moved passages widened over the marks both sides print around them (a full stop moves
    with its sentence), never into another move."""
    taken_left = bytearray(len(ltokens) + 1)
    taken_right = bytearray(len(rtokens) + 1)
    for a, b, c, d in moves:
        taken_left[a:b] = b"\x01" * (b - a)
        taken_right[c:d] = b"\x01" * (d - c)

    def same_mark(i: int, j: int) -> bool:
        return (
            0 <= i < len(ltokens)
            and 0 <= j < len(rtokens)
            and not ltokens[i].word
            and ltokens[i].key == rtokens[j].key
            and not taken_left[i]
            and not taken_right[j]
        )

    widened = []
    for a, b, c, d in moves:
        while same_mark(b, d):
            taken_left[b] = taken_right[d] = 1
            b, d = b + 1, d + 1
        while same_mark(a - 1, c - 1):
            a, c = a - 1, c - 1
            taken_left[a] = taken_right[c] = 1
        widened.append((a, b, c, d))
    return widened
