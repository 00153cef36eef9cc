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

from collections.abc import Iterable, Sequence
from itertools import repeat

import attrs

from clausediff.match.boilerplate import DEFAULT_BOILERPLATE, Boilerplate, collapse_boilerplate
from clausediff.match.normalization import DEFAULT_STEPS, normalizer
from clausediff.match.passages import common_runs
from clausediff.match.redline import RedlineOp, anchored_redline, swap_sides
from clausediff.match.scores import character_scores
from clausediff.match.tokens import (
    Token,
    is_unit,
    join_compounds,
    match_text,
    tokenize,
)
from clausediff.model import Article, Document, Metadata, Span

__all__ = [
    "Clause",
    "Comparison",
    "Scores",
    "SharedPassage",
    "clause_tokens",
    "compare_clauses",
    "compare_tokens",
]

MIN_PASSAGE_WORDS = 3
MIN_PASSAGE_UNITS = 4  # characters of an unspaced script (Chinese, Japanese)
_LABEL_TAIL = " \t\r\n.:-–—)"


def _short(text: str, limit: int = 40) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


@attrs.frozen(repr=False)
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
    furniture: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)
    page: str | None = attrs.field(default=None, eq=False, repr=False)

    def __repr__(self) -> str:
        where = f" {' '.join(self.label.split())}" if self.label else ""
        return (
            f"<Clause {self.document}{where}: {_short(self.text)!r} "
            f"({len(self.text):,} characters at {self.start})>"
        )

    @property
    def end(self) -> int:
        """Offset, in the document, just past the clause's text."""
        return self.start + len(self.text)

    @property
    def language(self) -> str | None:
        """The language of the clause's document, when known."""
        return self.metadata.language if self.metadata else None

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
            furniture=tuple(
                f.span for f in document.furniture if f.span.end > start and f.span.start < end
            ),
            page=None if page is None else page.label or str(page.number),
        )

    @classmethod
    def from_text(cls, text: str, *, document: str = "free text") -> Clause:
        """A free-standing clause (a query, a pasted paragraph), cited by *document*."""
        return cls(document, None, None, text, 0)

    def quote(self, span: Span) -> str:
        """The clause's text under *span* (document offsets)."""
        return self.text[span.start - self.start : span.end - self.start]

    def visible(self, span: Span) -> str:
        """The clause's text under *span* with its page furniture (page numbers, running
        heads, note marks) left out: what a reader of the clause reads."""
        pieces, at = [], span.start
        for furniture in self.furniture:
            if furniture.end <= at or furniture.start >= span.end:
                continue
            if furniture.start > at:
                pieces.append(self.quote(Span(at, furniture.start)))
            at = max(at, furniture.end)
        if at < span.end:
            pieces.append(self.quote(Span(at, span.end)))
        return "".join(pieces)


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


@attrs.frozen(repr=False)
class Comparison:
    """The result of comparing two clauses. ``score`` is the headline measure, the
    ``coverage`` of ``scores``. ``word_starts`` holds, for each side, the offsets at which
    its words (units) start, as the comparison tokenized them (for counting the words of any
    span without tokenizing again; ``None`` when not known)."""

    left: Clause
    right: Clause
    score: float
    scores: Scores
    shared: tuple[SharedPassage, ...]
    redline: tuple[RedlineOp, ...]
    word_starts: tuple[tuple[int, ...], tuple[int, ...]] | None = attrs.field(
        default=None, eq=False
    )

    def __repr__(self) -> str:
        def side(clause: Clause) -> str:
            return (
                f"{clause.document} {' '.join(clause.label.split())}"
                if clause.label
                else clause.document
            )

        return (
            f"<Comparison {side(self.left)} → {side(self.right)}: coverage {self.score:.1f}, "
            f"{len(self.shared)} shared passage{'s' * (len(self.shared) != 1)}>"
        )

    def _repr_html_(self) -> str:
        """The comparison in a notebook: both clauses side by side with the redline."""
        from clausediff.report.notebook import comparison_html

        return comparison_html(self)

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
                SharedPassage(self.right.visible(p.right), p.right, p.left, p.words)
                for p in sorted(self.shared, key=lambda p: p.right.start)
            ),
            redline=swap_sides(self.redline),
            word_starts=None if self.word_starts is None else self.word_starts[::-1],
        )


def _weight(token: Token) -> int:
    """Words a token stands for: one, or the canonical phrase's words for boilerplate."""
    return token.key.count(" ") + 1


def _words(keys: Sequence[str]) -> int:
    """Words the keys stand for (a boilerplate key stands for its phrase's words)."""
    return len(keys) + sum(map(str.count, keys, repeat(" ")))


def _substantial(tokens: Sequence[Token], min_words: int) -> bool:
    """Whether a common run says that something was carried over: *min_words* words with one
    of four letters or more ("of the", "in a" say nothing), or four units of an unspaced
    script (four Chinese characters), or as much in a mix (a unit counts three quarters)."""
    if len(tokens) >= min_words and any(len(t[0]) >= 4 for t in tokens[:min_words]):
        return True  # the common case, decided by its first words
    words = units = 0
    long_word = False
    for t in tokens:
        if is_unit(t.key):
            units += 1
        else:
            words += _weight(t)
            long_word = long_word or len(t.key) >= 4
    if units >= MIN_PASSAGE_UNITS:
        return True
    return long_word and words + 0.75 * units >= min_words


def compare_clauses(
    left: Clause,
    right: Clause,
    *,
    boilerplate: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    min_words: int = MIN_PASSAGE_WORDS,
    steps: Sequence[str] = DEFAULT_STEPS,
) -> Comparison:
    """Compare two clauses: scores, shared passages and a word-level redline.

    Args:
        left, right: the clauses (``Clause.from_article`` or ``Clause.from_text``).
        boilerplate: phrases that match as one another (see ``tokens.Boilerplate``).
        min_words: the fewest words a shared passage may have.
        steps: the normalization steps that make words match (names from
            ``normalization.STEPS``; add ``"stem"`` to match inflected forms).

    The result does not depend on argument order beyond swapping sides: comparing (b, a)
    gives ``compare_clauses(a, b).swapped()``.
    """
    return compare_tokens(left, right, None, None, tuple(boilerplate), min_words, steps)


def compare_tokens(
    left: Clause,
    right: Clause,
    left_tokens: list[Token] | None,
    right_tokens: list[Token] | None,
    table: tuple[Boilerplate, ...] = DEFAULT_BOILERPLATE,
    min_words: int = MIN_PASSAGE_WORDS,
    steps: Sequence[str] = DEFAULT_STEPS,
    *,
    collapsed: tuple[list[Token] | None, list[Token] | None] = (None, None),
) -> Comparison:
    """``compare_clauses`` for callers that hold the clauses' tokens already
    (``clause_tokens``; alignment makes them once per article); ``None`` makes them.
    *collapsed* may hold each side's tokens through ``collapse_boilerplate`` with *table*
    (alignment has them too), used where no compound is joined."""
    steps = tuple(steps)
    ltokens = clause_tokens(left, steps) if left_tokens is None else left_tokens
    rtokens = clause_tokens(right, steps) if right_tokens is None else right_tokens
    lcollapsed = collapsed[0] if left_tokens is not None else None
    rcollapsed = collapsed[1] if right_tokens is not None else None
    if (left.text, left.document, left.start) > (right.text, right.document, right.start):
        sides = (right, left, rtokens, ltokens, rcollapsed, lcollapsed)
        return _compare(*sides, table, min_words, steps).swapped()
    return _compare(left, right, ltokens, rtokens, lcollapsed, rcollapsed, table, min_words, steps)


def clause_tokens(clause: Clause, steps: Sequence[str] = DEFAULT_STEPS) -> list[Token]:
    """The clause's tokens in its language, its page furniture left out."""
    return tokenize(
        clause.text,
        clause.start,
        normalizer=normalizer(tuple(steps), clause.language),
        skip=clause.furniture,
    )


def _compare(
    left: Clause,
    right: Clause,
    ltokens: list[Token],
    rtokens: list[Token],
    lcollapsed: list[Token] | None,
    rcollapsed: list[Token] | None,
    table: tuple[Boilerplate, ...],
    min_words: int,
    steps: tuple[str, ...],
) -> Comparison:
    lprinted = [t for t in ltokens if t.word]
    rprinted = [t for t in rtokens if t.word]
    starts = (tuple(t.start for t in lprinted), tuple(t.start for t in rprinted))
    lvocab = {t.key for t in lprinted}
    rvocab = {t.key for t in rprinted}
    # a compound one side writes closed and the other open or spaced is one word on both
    ljoined = join_compounds(ltokens, rvocab, lvocab)
    rjoined = join_compounds(rtokens, lvocab, rvocab)
    if ljoined is not ltokens or lcollapsed is None:
        lnorm = normalizer(steps, left.language)
        lcollapsed = collapse_boilerplate(ljoined, table, normalizer=lnorm)
    if rjoined is not rtokens or rcollapsed is None:
        rnorm = normalizer(steps, right.language)
        rcollapsed = collapse_boilerplate(rjoined, table, normalizer=rnorm)
    ltokens, rtokens, lwords, rwords = ljoined, rjoined, lcollapsed, rcollapsed
    lkeys, rkeys = [t.key for t in lwords], [t.key for t in rwords]
    whole = lkeys == rkeys  # the same words: shared, however few
    runs = [
        run
        for run in common_runs(lkeys, rkeys, min_length=1)
        if whole or _substantial(lwords[run[0] : run[0] + run[2]], min_words)
    ]
    shared = [_passage(left, lwords, rwords, run) for run in runs]
    covered = sum(p.words for p in shared)
    total_left = _words(lkeys)
    total_right = _words(rkeys)
    both = total_left + total_right
    ratio, token_set, partial, jaccard5 = character_scores(match_text(ltokens), match_text(rtokens))
    scores = Scores(
        ratio=ratio,
        token_set=token_set,
        partial=partial,
        jaccard5=jaccard5,
        coverage=round(100.0 if both == 0 else 100.0 * 2 * covered / both, 2),
        coverage_left=round(100.0 * covered / total_left if total_left else 100.0, 2),
        coverage_right=round(100.0 * covered / total_right if total_right else 100.0, 2),
    )
    redline = anchored_redline(
        (Span(left.start, left.end), ltokens, lwords),
        (Span(right.start, right.end), rtokens, rwords),
        runs,
        same_words=whole,
    )
    return Comparison(
        left, right, scores.coverage, scores, tuple(shared), tuple(redline), word_starts=starts
    )


def _passage(
    left: Clause, lwords: Sequence[Token], rwords: Sequence[Token], run: tuple[int, int, int]
) -> SharedPassage:
    i, j, k = run
    lspan = Span(lwords[i].start, lwords[i + k - 1].end)
    rspan = Span(rwords[j].start, rwords[j + k - 1].end)
    words = _words([t[0] for t in lwords[i : i + k]])
    return SharedPassage(left.visible(lspan), lspan, rspan, words)
