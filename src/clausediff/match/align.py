"""Treaty against treaty: which article became which.

1. Score every article pair by the rarity-weighted 3-word shingles they share (see
   ``clausediff.match.overlap``): a weighted overlap 0-100, where a short article contained
   in a long one still scores, and pairs that share fewer than ``MIN_SHARED`` distinctive
   shingles score 0.
2. Assign one to one, optimally: among pairs scoring at least ``min_score``, the assignment
   with the greatest total score (Hungarian algorithm, run on each connected group of
   candidate pairs). A shared article number adds ``SAME_NUMBER_BONUS`` to a pair's weight in
   the assignment only, as evidence of lineage when two candidates are close; it never lets
   a pair scoring under ``min_score`` in, and each pair says whether it had it
   (``AlignedPair.number_bonus``).
3. Name each pair: ``identical`` (same text after normalization, same number),
   ``renumbered`` (same text, another number), ``modified``; an unpaired left article is
   ``removed``, an unpaired right article ``added``. An article whose text lies in two or more
   articles of the other treaty (each holding a different part, at least ``SPLIT_PART`` of
   it, and together ``SPLIT_COVER``) is flagged in ``split_into`` (left) or
   ``merged_from`` (right). A formula article (``[Deleted]``) pairs with its twin.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import overload

import attrs

from clausediff.match.assign import assign
from clausediff.match.boilerplate import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    collapse_boilerplate,
)
from clausediff.match.compare import Clause, Comparison, clause_tokens, compare_tokens
from clausediff.match.normalization import DEFAULT_STEPS, Normalizer, normalizer
from clausediff.match.overlap import (
    score_matrix,
    shingle_scores,
    spread,
)
from clausediff.match.tokens import Token, match_text
from clausediff.model import Document

__all__ = [
    "DEFAULT_MIN_SCORE",
    "SAME_NUMBER_BONUS",
    "AlignedPair",
    "Alignment",
    "ScoreMatrix",
    "ScoreRow",
    "Status",
    "align_documents",
    "score_matrix",
]

DEFAULT_MIN_SCORE = 15.0
SAME_NUMBER_BONUS = 5.0


class Status(enum.StrEnum):
    """What became of an article: the same text, the same text renumbered, a changed text;
    or no counterpart on the other side."""

    IDENTICAL = "identical"
    RENUMBERED = "renumbered"
    MODIFIED = "modified"
    ADDED = "added"
    REMOVED = "removed"


STATUSES: tuple[str, ...] = tuple(Status)


@attrs.frozen
class AlignedPair:
    """One row of an alignment: a left article, a right article, or both.

    ``left`` and ``right`` are the articles' canonical numbers, ``left_ref`` and
    ``right_ref`` their unique refs (``None`` on the side that has no article).
    ``split_into`` and ``merged_from`` name, by ref, the other side's articles that also hold
    parts of this one's text. ``score`` is the pair's overlap (the module docstring, step 1);
    ``number_bonus`` is what the shared article number added to its weight in the assignment
    (``SAME_NUMBER_BONUS`` or 0).
    """

    left: str | None
    right: str | None
    score: float
    status: Status = attrs.field(converter=Status)
    split_into: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()
    comparison: Comparison | None = attrs.field(default=None, eq=False, repr=False)
    left_ref: str | None = None
    right_ref: str | None = None
    number_bonus: float = 0.0


class ScoreRow(Sequence[float]):
    """One row of a ``ScoreMatrix``: reads as a list of ``width`` scores, holds only those
    above 0."""

    __slots__ = ("_cells", "_width")

    def __init__(self, cells: Mapping[int, float], width: int) -> None:
        self._cells = cells
        self._width = width

    def __len__(self) -> int:
        return self._width

    @overload
    def __getitem__(self, j: int) -> float: ...
    @overload
    def __getitem__(self, j: slice) -> list[float]: ...
    def __getitem__(self, j: int | slice) -> float | list[float]:
        if isinstance(j, slice):
            return [self[k] for k in range(*j.indices(self._width))]
        if not -self._width <= j < self._width:
            raise IndexError(f"column {j} is outside 0..{self._width - 1}")
        return self._cells.get(j % self._width, 0.0)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def nonzero(self) -> list[tuple[int, float]]:
        """The columns scoring above 0 and their scores, in column order."""
        return sorted(self._cells.items())


@attrs.frozen
class ScoreMatrix(Sequence[ScoreRow]):
    """The scores of every pair of articles, left by right: ``matrix[i][j]``. Held sparse
    (only pairs that share something score above 0), so that two treaties of 10,000 articles
    do not need 100,000,000 cells."""

    width: int
    cells: tuple[Mapping[int, float], ...] = attrs.field(repr=False)

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, i: int) -> ScoreRow: ...
    @overload
    def __getitem__(self, i: slice) -> list[ScoreRow]: ...
    def __getitem__(self, i: int | slice) -> ScoreRow | list[ScoreRow]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self.cells)))]
        return ScoreRow(self.cells[i], self.width)

    def columns(self) -> list[dict[int, float]]:
        """The same scores by column: ``columns()[j][i]``."""
        out: list[dict[int, float]] = [{} for _ in range(self.width)]
        for i, row in enumerate(self.cells):
            for j, score in row.items():
                out[j][i] = score
        return out


@attrs.frozen(repr=False)
class Alignment:
    """Which article of ``left`` became which of ``right``.

    ``pairs`` run in the order of the left treaty, each added article placed after the pair
    that precedes it in the right treaty. ``matrix[i][j]`` is the score of the i-th left and
    j-th right article (0 where they share nothing).
    """

    left: Document = attrs.field(repr=False)
    right: Document = attrs.field(repr=False)
    pairs: tuple[AlignedPair, ...]
    matrix: ScoreMatrix = attrs.field(repr=False)
    min_score: float = DEFAULT_MIN_SCORE

    def __repr__(self) -> str:
        counts = Counter(pair.status for pair in self.pairs)
        summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        return f"<Alignment {self.left.id} → {self.right.id}: {summary}>"

    def _repr_html_(self) -> str:
        """The alignment in a notebook: both treaties cited and the table of pairs."""
        from clausediff.report.notebook import alignment_html

        return alignment_html(self)


def align_documents(
    left: Document,
    right: Document,
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    redlines: bool = True,
    steps: Sequence[str] = DEFAULT_STEPS,
) -> Alignment:
    """Align the articles of two treaties (see the module docstring for the method).

    Args:
        min_score: the lowest score at which two articles are paired.
        boilerplate: phrases that match as one another (see ``tokens.Boilerplate``).
        redlines: compare every pair in full (scores, shared passages, redline), kept on
            ``AlignedPair.comparison``; ``False`` skips that work.
        steps: the normalization steps that make words match (``normalization.STEPS``).
    """
    table = tuple(boilerplate)
    steps = tuple(steps)
    lclauses = [Clause.from_article(left, a) for a in left.articles]
    rclauses = [Clause.from_article(right, a) for a in right.articles]
    ltokens = [clause_tokens(c, steps) for c in lclauses]
    rtokens = [clause_tokens(c, steps) for c in rclauses]
    lwords = _collapsed(ltokens, table, normalizer(steps, left.language))
    rwords = _collapsed(rtokens, table, normalizer(steps, right.language))
    lkeys = [[t.key for t in words] for words in lwords]
    rkeys = [[t.key for t in words] for words in rwords]
    scored = shingle_scores(lkeys, rkeys)
    matrix = scored.matrix
    weights = _with_number_bonus(matrix, left, right, min_score)
    pairing = assign(weights, min_score)
    scores = ScoreMatrix(len(right.articles), tuple(matrix))
    splits = spread(scored.lsets, scored.rsets, matrix, scored)
    merges = spread(scored.rsets, scored.lsets, scores.columns(), scored)

    def row(i: int) -> AlignedPair:
        la = left.articles[i]
        split_into = tuple(right.articles[c].ref for c in splits.get(i, ()))
        j = pairing.get(i)
        if j is None:
            return AlignedPair(
                la.number, None, 0.0, Status.REMOVED, split_into=split_into, left_ref=la.ref
            )
        ra = right.articles[j]
        if match_text(ltokens[i]) != match_text(rtokens[j]):
            status = Status.MODIFIED
        else:
            status = Status.IDENTICAL if la.number == ra.number else Status.RENUMBERED
        comparison = (
            compare_tokens(
                lclauses[i],
                rclauses[j],
                ltokens[i],
                rtokens[j],
                table,
                steps=steps,
                collapsed=(lwords[i], rwords[j]),
            )
            if redlines
            else None
        )
        merged_from = tuple(left.articles[r].ref for r in merges.get(j, ()))
        score = matrix[i].get(j, 0.0)
        bonus = SAME_NUMBER_BONUS if la.number == ra.number else 0.0
        return AlignedPair(
            la.number, ra.number, score, status, split_into, merged_from, comparison,
            left_ref=la.ref, right_ref=ra.ref, number_bonus=bonus,
        )  # fmt: skip

    def added(j: int) -> AlignedPair:
        ra = right.articles[j]
        merged_from = tuple(left.articles[r].ref for r in merges.get(j, ()))
        return AlignedPair(
            None, ra.number, 0.0, Status.ADDED, merged_from=merged_from, right_ref=ra.ref
        )

    pairs = _in_left_order(len(left.articles), len(right.articles), pairing, row, added)
    return Alignment(left, right, tuple(pairs), scores, min_score)


def _collapsed(
    articles: Sequence[Sequence[Token]], table: tuple[Boilerplate, ...], norm: Normalizer
) -> list[list[Token]]:
    """Each article's words, boilerplate collapsed (the pair comparisons later join the
    compounds one side writes closed and the other open)."""
    return [collapse_boilerplate(tokens, table, normalizer=norm) for tokens in articles]


def _with_number_bonus(
    matrix: Sequence[Mapping[int, float]], left: Document, right: Document, min_score: float
) -> list[dict[int, float]]:
    """The assignment's weights: the score of each pair scoring at least *min_score*, plus
    ``SAME_NUMBER_BONUS`` where both articles carry the same number (evidence of lineage
    when two candidates are close, never a way past the bar)."""
    return [
        {
            j: s + SAME_NUMBER_BONUS if la.number == right.articles[j].number else s
            for j, s in row.items()
            if s >= min_score
        }
        for row, la in zip(matrix, left.articles, strict=True)
    ]


def _in_left_order(
    lcount: int,
    rcount: int,
    pairing: dict[int, int],
    row: Callable[[int], AlignedPair],
    added: Callable[[int], AlignedPair],
) -> list[AlignedPair]:
    """The rows in the order of the left treaty, each added (unpaired right) article placed
    after the row of the paired article that precedes it on the right; one that precedes
    every paired article goes just before the first pair."""
    placed_right = {j: i for i, j in pairing.items()}
    added_after: dict[int, list[int]] = {}
    first_pair = min(pairing, default=lcount)
    for j in range(rcount):
        if j in placed_right:
            continue
        before = max((k for k in placed_right if k < j), default=None)
        key = first_pair - 1 if before is None else placed_right[before]
        added_after.setdefault(key, []).append(j)
    ordered = [added(j) for j in added_after.get(-1, ())]
    for i in range(lcount):
        ordered.append(row(i))
        ordered.extend(added(j) for j in added_after.get(i, ()))
    return ordered
