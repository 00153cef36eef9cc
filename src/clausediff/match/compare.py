"""Clause against clause: scores that explain themselves, shared passages and a redline.

The headline ``score`` is the share of the two clauses' words that lie in passages they
share (runs of at least three words, after normalization and boilerplate matching), from 0
(nothing carried over) to 100 (the same words in the same runs). The other scores are on
rapidfuzz's 0-100 scale and named in every output:

``ratio``       character-level similarity of the normalized texts (rapidfuzz ``ratio``);
                like ``token_set`` and ``partial``, on the first ``CHARACTER_CAP``
                characters of each side when a clause is longer (a bound on time)
``token_set``   word-set similarity, blind to order and repetition (``token_set_ratio``)
``partial``     the best-matching window of the longer text against the shorter; windowed
                past ``PARTIAL_WINDOW`` characters so that long articles stay fast
``jaccard5``    Jaccard similarity of the sets of 5-character shingles, as in treaty
                text-as-data research
``coverage``    the headline: words in shared passages over all words, both sides together;
                ``coverage_left`` and ``coverage_right`` give each side alone
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from rapidfuzz import fuzz

from clausediff.match.normalization import normalize
from clausediff.match.passages import common_runs
from clausediff.match.redline import RedlineOp, build_redline, swap_sides
from clausediff.match.tokens import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    Token,
    collapse_boilerplate,
    tokenize,
)
from clausediff.model import Article, Document, Metadata, Span

__all__ = [
    "PARTIAL_WINDOW",
    "Clause",
    "Comparison",
    "Scores",
    "SharedPassage",
    "compare_clauses",
    "compare_normalized",
]

CHARACTER_CAP = 50_000  # characters compared by ratio, token_set and partial
PARTIAL_WINDOW = 64  # characters; rapidfuzz's partial_ratio leaves its fast path past this
MIN_PASSAGE_WORDS = 3
_LABEL_TAIL = " \t\r\n.:-–—)"


@attrs.frozen
class Clause:
    """The text being compared: a slice of a document, and where it sits in that document.

    ``document`` is the document's id; ``article``, ``label`` and ``ref`` are the article's
    canonical number, printed heading and unique ref (``None`` for free text); ``start`` is
    the offset of ``text`` in its document's source, so every span in a comparison is an
    offset into the document, not into ``text``. ``metadata`` is what is known about the
    document (title, date, source), and ``page`` the printed page the article starts on
    (paged sources only), for citing it.
    """

    document: str
    article: str | None
    label: str | None
    text: str
    start: int = 0
    ref: str | None = None
    metadata: Metadata | None = attrs.field(default=None, eq=False, repr=False)
    page: str | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def end(self) -> int:
        """Offset, in the document, just past the clause's text."""
        return self.start + len(self.text)

    @classmethod
    def from_article(cls, document: Document, article: Article) -> Clause:
        """The article's text after its label (``Article 4.``), title and body."""
        start = article.text_span.start + len(article.label)
        end = article.text_span.end
        while start < end and document.text[start] in _LABEL_TAIL:
            start += 1
        page = document.page_at(article.text_span.start)
        return cls(
            document.id,
            article.number,
            article.label,
            document.text[start:end],
            start,
            ref=article.ref,
            metadata=document.metadata,
            page=None if page is None else page.label or str(page.number),
        )

    @classmethod
    def from_text(cls, text: str, *, document: str = "text") -> Clause:
        """A free-standing clause (a query, a pasted paragraph)."""
        return cls(document, None, None, text, 0)

    def quote(self, span: Span) -> str:
        """The clause's text under *span* (document offsets)."""
        return self.text[span.start - self.start : span.end - self.start]


@attrs.frozen
class Scores:
    """Every similarity measure of a comparison, each 0-100 (see the module docstring)."""

    ratio: float
    token_set: float
    partial: float
    jaccard5: float
    coverage: float
    coverage_left: float
    coverage_right: float

    def as_dict(self) -> dict[str, float]:
        """The scores by name, in a fixed order."""
        return attrs.asdict(self)


@attrs.frozen
class SharedPassage:
    """A run of words both clauses contain; ``text`` is the left side's wording."""

    text: str
    left: Span
    right: Span
    words: int


@attrs.frozen
class Comparison:
    """The result of comparing two clauses."""

    left: Clause
    right: Clause
    score: float
    scores: Scores
    shared: tuple[SharedPassage, ...]
    redline: tuple[RedlineOp, ...]

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side."""
        return Comparison(
            left=self.right,
            right=self.left,
            score=self.score,
            scores=attrs.evolve(
                self.scores,
                coverage_left=self.scores.coverage_right,
                coverage_right=self.scores.coverage_left,
            ),
            shared=tuple(
                SharedPassage(self.right.quote(p.right), p.right, p.left, p.words)
                for p in sorted(self.shared, key=lambda p: p.right.start)
            ),
            redline=swap_sides(self.redline),
        )


def partial_score(shorter: str, longer: str) -> float:
    """The best ``ratio`` of *shorter* against a window of *longer*, bounded in time.

    Up to ``PARTIAL_WINDOW`` characters this is rapidfuzz's ``partial_ratio``; past it, the
    longer text is cut into windows of the shorter's length, overlapping by three quarters,
    and the best window's ``ratio`` is kept, so the cost grows linearly with the longer text.
    """
    if len(shorter) > len(longer):
        shorter, longer = longer, shorter
    if not shorter:
        return 100.0 if not longer else 0.0
    if len(shorter) <= PARTIAL_WINDOW:
        return float(fuzz.partial_ratio(shorter, longer))
    width = len(shorter)
    step = max(1, width // 4)
    last = max(0, len(longer) - width)
    starts = list(range(0, last + 1, step))
    if starts[-1] != last:
        starts.append(last)

    def window(at: int) -> float:
        return float(fuzz.ratio(shorter, longer[at : at + width]))

    best_at = max(starts, key=lambda at: (window(at), -at))
    best = window(best_at)
    # refine around the best coarse window, halving the step down to one character
    while step > 1 and best < 100.0:
        step //= 2
        for at in (best_at - step, best_at + step):
            if 0 <= at <= last:
                score = window(at)
                if score > best:
                    best, best_at = score, at
    return best


def _shingles(text: str, size: int = 5) -> set[str]:
    if len(text) <= size:
        return {text} if text else set()
    return {text[i : i + size] for i in range(len(text) - size + 1)}


def jaccard(left: str, right: str, size: int = 5) -> float:
    """Jaccard similarity (0-100) of the character shingles of two normalized texts."""
    a, b = _shingles(left, size), _shingles(right, size)
    if not a and not b:
        return 100.0
    return 100.0 * len(a & b) / len(a | b)


def _weight(token: Token) -> int:
    """Words a token stands for: one, or the canonical phrase's words for boilerplate."""
    return token.key.count(" ") + 1


def _passages(
    left: Clause, lw: list[Token], rw: list[Token], min_words: int
) -> tuple[list[SharedPassage], int]:
    """Shared passages, and how many words they cover (the same on each side: the keys are
    equal)."""
    runs = common_runs([t.key for t in lw], [t.key for t in rw], min_length=1)
    passages = []
    covered = 0
    for i, j, k in runs:
        tokens = lw[i : i + k]
        words = sum(_weight(t) for t in tokens)
        whole = k == len(lw) == len(rw)  # the same words: shared, however few
        if not whole and (words < min_words or not any(len(t.key) >= 4 for t in tokens)):
            continue  # "of the", "in a": too small to say anything was carried over
        lspan = Span(tokens[0].start, tokens[-1].end)
        rspan = Span(rw[j].start, rw[j + k - 1].end)
        passages.append(SharedPassage(left.quote(lspan), lspan, rspan, words))
        covered += words
    return passages, covered


def compare_clauses(
    left: Clause,
    right: Clause,
    *,
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    min_words: int = MIN_PASSAGE_WORDS,
) -> Comparison:
    """Compare two clauses: scores, shared passages and a word-level redline.

    Args:
        left, right: the clauses (``Clause.from_article`` or ``Clause.from_text``).
        boilerplate: phrases that match as one another (see ``normalize.Boilerplate``).
        min_words: the fewest words a shared passage may have.

    The result does not depend on argument order beyond swapping sides: comparing (b, a)
    gives ``compare_clauses(a, b).swapped()``.
    """
    return compare_normalized(left, right, None, None, tuple(boilerplate), min_words)


def compare_normalized(
    left: Clause,
    right: Clause,
    left_normal: str | None,
    right_normal: str | None,
    table: tuple[Boilerplate, ...] = DEFAULT_BOILERPLATE,
    min_words: int = MIN_PASSAGE_WORDS,
) -> Comparison:
    """``compare_clauses`` for callers that hold the clauses' ``normalize``d texts already
    (alignment normalizes every article once); ``None`` computes them."""
    if (left.text, left.document, left.start) > (right.text, right.document, right.start):
        return _compare(right, left, right_normal, left_normal, table, min_words).swapped()
    return _compare(left, right, left_normal, right_normal, table, min_words)


def _compare(
    left: Clause,
    right: Clause,
    left_normal: str | None,
    right_normal: str | None,
    table: tuple[Boilerplate, ...],
    min_words: int,
) -> Comparison:
    ltokens, rtokens = tokenize(left.text, left.start), tokenize(right.text, right.start)
    lwords, rwords = collapse_boilerplate(ltokens, table), collapse_boilerplate(rtokens, table)
    shared, covered = _passages(left, lwords, rwords, min_words)
    cov_left = cov_right = covered
    total_left = len(lwords) + sum(t.key.count(" ") for t in lwords)
    total_right = len(rwords) + sum(t.key.count(" ") for t in rwords)
    both = total_left + total_right
    coverage = 100.0 if both == 0 else 100.0 * (cov_left + cov_right) / both
    nl = normalize(left.text) if left_normal is None else left_normal
    nr = normalize(right.text) if right_normal is None else right_normal
    # rapidfuzz's ratios cost the product of the lengths: past CHARACTER_CAP they are taken
    # on the first CHARACTER_CAP characters of each side (the other scores see everything)
    cl, cr = nl[:CHARACTER_CAP], nr[:CHARACTER_CAP]
    same = nl == nr  # every character score is then 100: no need to compute them
    scores = Scores(
        ratio=100.0 if same else round(float(fuzz.ratio(cl, cr)), 2),
        token_set=100.0 if same else round(float(fuzz.token_set_ratio(cl, cr)), 2),
        partial=100.0 if same else round(partial_score(cl, cr), 2),
        jaccard5=100.0 if same else round(jaccard(nl, nr), 2),
        coverage=round(coverage, 2),
        coverage_left=round(100.0 * cov_left / total_left if total_left else 100.0, 2),
        coverage_right=round(100.0 * cov_right / total_right if total_right else 100.0, 2),
    )
    redline = build_redline(
        ltokens, rtokens, Span(left.start, left.end), Span(right.start, right.end)
    )
    return Comparison(left, right, scores.coverage, scores, tuple(shared), tuple(redline))
