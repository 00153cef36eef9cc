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
import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain
from typing import overload

import attrs

from clausediff.match.assign import assign
from clausediff.match.compare import Clause, Comparison, clause_tokens, compare_tokens
from clausediff.match.normalization import DEFAULT_STEPS, Normalizer, normalizer
from clausediff.match.tokens import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    Token,
    collapse_boilerplate,
    match_text,
    word_keys,
)
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
SPLIT_PART = 0.15  # the least share of an article one part of a split holds
SPLIT_COVER = 0.6  # the least share of an article the parts of a split hold together
SHINGLE = 3
COMMON_FLOOR = 8
COMMON_CAP = 200  # a shingle in more articles than this finds no candidates, however many
MIN_SHARED = 2  # distinctive shingles two articles must share to be scored at all
CANDIDATES = 100  # pairs scored per article at most: those sharing the most distinctive shingles
KEPT = 25  # scores kept per article (its row's best or its column's best): the matrix is sparse


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


def _grams(words: Sequence[str]) -> set[tuple[str, ...]]:
    """The article's 3-word shingles."""
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return set(zip(*(words[k:] for k in range(SHINGLE)), strict=False))


@attrs.frozen
class _Shingled:
    """Both treaties' articles as weighted shingle sets (shingle numbers), and the pair
    scores."""

    lsets: list[set[int]]
    rsets: list[set[int]]
    weight: list[float]  # by shingle number
    matrix: list[dict[int, float]]  # sparse rows: the pairs that share something

    def mass(self, shingles: Iterable[int]) -> float:
        return sum(map(self.weight.__getitem__, shingles))


def _shingle_scores(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> _Shingled:
    """Scores of every pair of articles, given as their word keys."""
    lgrams = [_grams(words) for words in left]
    rgrams = [_grams(words) for words in right]
    # each shingle numbered once: sets of numbers hash and intersect faster than tuples
    ids = {gram: k for k, gram in enumerate(set().union(*lgrams, *rgrams))}
    lsets = [set(map(ids.__getitem__, grams)) for grams in lgrams]
    rsets = [set(map(ids.__getitem__, grams)) for grams in rgrams]
    counts = Counter(chain.from_iterable(chain(lsets, rsets)))  # documents per shingle
    total = len(lsets) + len(rsets)
    logs = {n: math.log(total / n) + 0.1 for n in set(counts.values())}
    weight = [logs[counts[k]] for k in range(len(ids))]
    lmass = [sum(map(weight.__getitem__, shingles)) for shingles in lsets]
    rmass = [sum(map(weight.__getitem__, shingles)) for shingles in rsets]
    # Candidates: pairs sharing a distinctive shingle (one in at most 1/20 of the articles).
    # Shingles common to many articles still count in the exact score below, but finding
    # pairs through them would visit most of the matrix for little.
    common = max(COMMON_FLOOR, min(total // 20, COMMON_CAP))
    distinctive = {k for k, n in counts.items() if n <= common}
    index: dict[int, list[int]] = {}
    for j, shingles in enumerate(rsets):
        for k in shingles & distinctive:
            index.setdefault(k, []).append(j)
    sizes = list(map(len, rsets))
    matrix: list[dict[int, float]] = [{} for _ in left]
    for i, shingles in enumerate(lsets):
        hits = Counter(chain.from_iterable(map(index.__getitem__, shingles & index.keys())))
        # a formula article ("[Deleted]") has fewer shingles than MIN_SHARED: all must match
        least = min(MIN_SHARED, len(shingles))
        eligible = [j for j, n in hits.items() if n >= least or n >= sizes[j]]
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
    return _Shingled(lsets, rsets, weight, _best_kept(matrix, len(right)))


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
    rows = _shingle_scores(
        [word_keys(text, table) for text in left], [word_keys(text, table) for text in right]
    ).matrix
    return [[row.get(j, 0.0) for j in range(len(right))] for row in rows]


def _spread(
    sets: list[set[int]],
    others: list[set[int]],
    matrix: Sequence[Mapping[int, float]],
    scored: _Shingled,
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
    lkeys = _article_keys(ltokens, table, normalizer(steps, left.language))
    rkeys = _article_keys(rtokens, table, normalizer(steps, right.language))
    scored = _shingle_scores(lkeys, rkeys)
    matrix = scored.matrix
    weights = _with_number_bonus(matrix, left, right, min_score)
    pairing = assign(weights, min_score)
    scores = ScoreMatrix(len(right.articles), tuple(matrix))
    splits = _spread(scored.lsets, scored.rsets, matrix, scored)
    merges = _spread(scored.rsets, scored.lsets, scores.columns(), scored)
    lnorm = [match_text(tokens) for tokens in ltokens]
    rnorm = [match_text(tokens) for tokens in rtokens]

    def row(i: int) -> AlignedPair:
        la = left.articles[i]
        split_into = tuple(right.articles[c].ref for c in splits.get(i, ()))
        j = pairing.get(i)
        if j is None:
            return AlignedPair(
                la.number, None, 0.0, Status.REMOVED, split_into=split_into, left_ref=la.ref
            )
        ra = right.articles[j]
        if lnorm[i] != rnorm[j]:
            status = Status.MODIFIED
        else:
            status = Status.IDENTICAL if la.number == ra.number else Status.RENUMBERED
        comparison = (
            compare_tokens(lclauses[i], rclauses[j], ltokens[i], rtokens[j], table, steps=steps)
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


def _article_keys(
    articles: Sequence[Sequence[Token]], table: tuple[Boilerplate, ...], norm: Normalizer
) -> list[list[str]]:
    """Each article's word keys, boilerplate collapsed (the pair comparisons later join the
    compounds one side writes closed and the other open)."""
    return [
        [t.key for t in collapse_boilerplate(tokens, table, normalizer=norm)] for tokens in articles
    ]


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
