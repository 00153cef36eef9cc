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

import bisect
from collections.abc import Iterable, Sequence

import attrs
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from clausediff.match.normalization import DEFAULT_STEPS, normalizer
from clausediff.match.passages import common_runs
from clausediff.match.redline import (
    LCS_CELLS,
    Op,
    RedlineOp,
    TokenRun,
    build_redline,
    heaviest_chain,
    swap_sides,
)
from clausediff.match.tokens import (
    DEFAULT_BOILERPLATE,
    Boilerplate,
    Token,
    collapse_boilerplate,
    is_unit,
    join_compounds,
    match_text,
    tokenize,
)
from clausediff.model import Article, Document, Metadata, Span

__all__ = [
    "PARTIAL_WINDOW",
    "Clause",
    "Comparison",
    "Scores",
    "SharedPassage",
    "clause_tokens",
    "compare_clauses",
    "compare_tokens",
]

CHARACTER_CAP = 50_000  # characters compared by ratio, token_set and partial
PARTIAL_WINDOW = 64  # characters; rapidfuzz's partial_ratio leaves its fast path past this
MIN_PASSAGE_WORDS = 3
MIN_PASSAGE_UNITS = 4  # characters of an unspaced script (Chinese, Japanese)
_LABEL_TAIL = " \t\r\n.:-–—)"


@attrs.frozen
class Clause:
    """The text being compared: a slice of a document, and where it sits in that document.

    ``document`` is the document's id; ``article``, ``label`` and ``ref`` are the article's
    canonical number, printed heading and unique ref (``None`` for free text); ``start`` is
    the offset of ``text`` in its document's source, so every span in a comparison is an
    offset into the document, not into ``text``. ``metadata`` is what is known about the
    document (title, date, source), for citing it.
    """

    document: str
    article: str | None
    label: str | None
    text: str
    start: int = 0
    ref: str | None = None
    metadata: Metadata | None = attrs.field(default=None, eq=False, repr=False)
    furniture: tuple[Span, ...] = attrs.field(default=(), eq=False, repr=False)

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


def _substantial(tokens: Sequence[Token], min_words: int) -> bool:
    """Whether a common run says that something was carried over: *min_words* words with one
    of four letters or more ("of the", "in a" say nothing), or four units of an unspaced
    script (four Chinese characters), or as much in a mix (a unit counts three quarters)."""
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


def _token_range(tokens: Sequence[Token], starts: list[int], span: Span) -> tuple[int, int]:
    """The indexes ``[a, b)`` of the tokens that lie in *span*."""
    return bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)


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
        whole = k == len(lw) == len(rw)  # the same words: shared, however few
        if not whole and not _substantial(tokens, min_words):
            continue
        words = sum(_weight(t) for t in tokens)
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
) -> Comparison:
    """``compare_clauses`` for callers that hold the clauses' tokens already
    (``clause_tokens``; alignment makes them once per article); ``None`` makes them."""
    steps = tuple(steps)
    ltokens = clause_tokens(left, steps) if left_tokens is None else left_tokens
    rtokens = clause_tokens(right, steps) if right_tokens is None else right_tokens
    if (left.text, left.document, left.start) > (right.text, right.document, right.start):
        return _compare(right, left, rtokens, ltokens, table, min_words, steps).swapped()
    return _compare(left, right, ltokens, rtokens, table, min_words, steps)


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
    table: tuple[Boilerplate, ...],
    min_words: int,
    steps: tuple[str, ...],
) -> Comparison:
    # a compound one side writes closed and the other open or spaced is one word on both
    lvocab = {t.key for t in ltokens if t.word}
    rvocab = {t.key for t in rtokens if t.word}
    ltokens, rtokens = join_compounds(ltokens, rvocab), join_compounds(rtokens, lvocab)
    lnorm, rnorm = normalizer(steps, left.language), normalizer(steps, right.language)
    lwords = collapse_boilerplate(ltokens, table, normalizer=lnorm)
    rwords = collapse_boilerplate(rtokens, table, normalizer=rnorm)
    shared, covered = _passages(left, lwords, rwords, min_words)
    total_left = len(lwords) + sum(t.key.count(" ") for t in lwords)
    total_right = len(rwords) + sum(t.key.count(" ") for t in rwords)
    both = total_left + total_right
    coverage = 100.0 if both == 0 else 100.0 * 2 * covered / both
    nl, nr = match_text(ltokens), match_text(rtokens)
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
        coverage_left=round(100.0 * covered / total_left if total_left else 100.0, 2),
        coverage_right=round(100.0 * covered / total_right if total_right else 100.0, 2),
    )
    redline = _redline(left, right, ltokens, rtokens, shared)
    return Comparison(left, right, scores.coverage, scores, tuple(shared), tuple(redline))


def _redline(
    left: Clause,
    right: Clause,
    ltokens: list[Token],
    rtokens: list[Token],
    shared: Sequence[SharedPassage],
) -> list[RedlineOp]:
    """The redline, anchored on the passages that keep their order. Where that keeps fewer
    words than a longest common subsequence of the words would (repetitive text, where the
    heaviest chain of passages can crowd out single words), the subsequence is the anchor
    instead and only passages it leaves wholly aside are moves: no redline changes more
    words than a word-level diff."""
    whole = Span(left.start, left.end), Span(right.start, right.end)
    ranges, chain = _passage_ranges(shared, ltokens, rtokens)
    anchors = [r for k, r in enumerate(ranges) if k in chain]
    moves = [r for k, r in enumerate(ranges) if k not in chain]
    redline = build_redline(ltokens, rtokens, *whole, anchors=anchors, moves=moves)
    lwords = [t.key for t in ltokens if t.word]
    rwords = [t.key for t in rtokens if t.word]
    if not moves or len(lwords) * len(rwords) > LCS_CELLS:
        return redline
    best = int(LCSseq.similarity(lwords, rwords))
    if _kept_words(redline, ltokens) >= best:
        return redline
    lindex = [i for i, t in enumerate(ltokens) if t.word]
    rindex = [j for j, t in enumerate(rtokens) if t.word]
    kept_left: set[int] = set()
    kept_right: set[int] = set()
    for op in LCSseq.opcodes(lwords, rwords):
        if op.tag == "equal":
            kept_left.update(lindex[op.src_start : op.src_end])
            kept_right.update(rindex[op.dest_start : op.dest_end])
    aside = [
        (a, b, c, d)
        for a, b, c, d in ranges
        if kept_left.isdisjoint(range(a, b)) and kept_right.isdisjoint(range(c, d))
    ]
    return build_redline(ltokens, rtokens, *whole, moves=aside)


def _kept_words(redline: Sequence[RedlineOp], tokens: Sequence[Token]) -> int:
    """How many of the left side's words the redline keeps (equal or moved)."""
    starts = [t.start for t in tokens]
    kept = 0
    for op in redline:
        if op.left is not None and op.op in (Op.EQUAL, Op.MOVE):
            a, b = _token_range(tokens, starts, op.left)
            kept += sum(1 for t in tokens[a:b] if t.word)
    return kept


def _passage_ranges(
    shared: Sequence[SharedPassage], ltokens: Sequence[Token], rtokens: Sequence[Token]
) -> tuple[list[TokenRun], set[int]]:
    """The shared passages as token ranges of the full token lists (with the marks that
    both sides print around them: a full stop moves with its sentence), in left order, and
    the positions among them of the heaviest chain that keeps its order on both sides."""
    lstarts = [t.start for t in ltokens]
    rstarts = [t.start for t in rtokens]
    ranges = sorted(
        (*_token_range(ltokens, lstarts, p.left), *_token_range(rtokens, rstarts, p.right))
        for p in shared
    )
    taken_left = {i for a, b, _, _ in ranges for i in range(a, b)}
    taken_right = {j for _, _, c, d in ranges for j in range(c, d)}

    def same_mark(i: int, j: int) -> bool:
        return (
            0 <= i < len(ltokens)
            and 0 <= j < len(rtokens)
            and not ltokens[i].word
            and ltokens[i].key == rtokens[j].key
            and i not in taken_left
            and j not in taken_right
        )

    widened = []
    for a, b, c, d in ranges:
        while same_mark(b, d):
            taken_left.add(b)
            taken_right.add(d)
            b, d = b + 1, d + 1
        while same_mark(a - 1, c - 1):
            a, c = a - 1, c - 1
            taken_left.add(a)
            taken_right.add(c)
        widened.append((a, b, c, d))
    return widened, set(heaviest_chain([(a, c, b - a) for a, b, c, _ in widened]))
