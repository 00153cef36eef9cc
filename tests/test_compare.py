"""Clause against clause: scores, shared passages and redlines, on real treaties and properties."""

from __future__ import annotations

import itertools
import random
from functools import cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from clausediff import Document, Span, load_bundled
from clausediff.match.boilerplate import word_keys
from clausediff.match.compare import MIN_PASSAGE_WORDS as MIN_MOVE_WORDS
from clausediff.match.compare import (
    Clause,
    Comparison,
    compare_clauses,
)
from clausediff.match.redline import OPS
from clausediff.match.scores import jaccard, partial_score
from clausediff.match.tokens import normalize, tokenize

SCORE_NAMES = (
    "ratio",
    "token_set",
    "partial",
    "jaccard5",
    "coverage",
    "coverage_left",
    "coverage_right",
)
SYMMETRIC = ("ratio", "token_set", "partial", "jaccard5", "coverage")

# NATO Article 5 and ANZUS Article IV: the vocabulary generated clauses are drawn from.
VOCABULARY = (
    *"""
    The Parties agree that an armed attack against one or more of them in Europe or North
    America shall be considered all and consequently they if such occurs each exercise right
    individual collective self-defence recognised by Article 51 Charter United Nations will
    assist Party so attacked taking forthwith individually concert with other action as it
    deems necessary including use force to restore maintain security Atlantic area Any
    measures taken result thereof immediately reported Security Council Such terminated when
    has international peace Each recognizes Pacific would be dangerous its own safety declares
    act meet common danger accordance constitutional processes Co-operation mutual assistance
    """.split(),
    "the other Contracting Party",
    "the other side",
    "co-\noperation",
    "Peo-\nple’s",
)
SEPARATORS = (" ", " ", " ", "\n", ", ", ". ", "; ", ": ", "-\n", " — ", "\n\n", "“", "” ")

words = st.sampled_from(VOCABULARY)
spaced_words = st.tuples(words, st.sampled_from(SEPARATORS)).map("".join)
pieces = st.one_of(spaced_words, words, st.text(max_size=4))
clause_texts = st.lists(pieces, max_size=40).map("".join)


@st.composite
def clauses(draw: st.DrawFn, document: str = "doc") -> Clause:
    """A clause with generated text, placed at a random offset of its document."""
    text = draw(clause_texts)
    start = draw(st.integers(min_value=0, max_value=5_000))
    return Clause(document, None, None, text, start)


@st.composite
def related_pairs(draw: st.DrawFn) -> tuple[Clause, Clause]:
    """A clause and a revision of it: chunks reordered, some pieces inserted between them."""
    left = draw(st.lists(st.one_of(spaced_words, spaced_words, pieces), min_size=8, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(left)), min_size=1, max_size=4)))
    chunks = [left[a:b] for a, b in zip([0, *cuts], [*cuts, len(left)], strict=True)]
    right: list[str] = []
    for k in draw(st.permutations(range(len(chunks)))):
        right += chunks[k] if draw(st.integers(0, 5)) else chunks[k][1:]
        right += draw(st.lists(pieces, max_size=2))
    starts = st.integers(min_value=0, max_value=5_000)
    return (
        Clause("left", None, None, "".join(left), draw(starts)),
        Clause("right", None, None, "".join(right), draw(starts)),
    )


clause_pairs = st.one_of(st.tuples(clauses("left"), clauses("right")), related_pairs())


@cache
def _document(name: str) -> Document:
    return load_bundled(name)


def _clause(name: str, article: str) -> Clause:
    document = _document(name)
    return Clause.from_article(document, document.article(article))


def _assert_redline_tiles(comparison: Comparison) -> None:
    """The left spans of the ops tile the left clause, the right spans the right clause."""
    for clause, spans in (
        (comparison.left, [op.left for op in comparison.redline if op.left is not None]),
        (comparison.right, [op.right for op in comparison.redline if op.right is not None]),
    ):
        if not tokenize(clause.text):
            continue
        assert spans
        assert spans[0].start == clause.start
        assert spans[-1].end == clause.end
        for before, after in itertools.pairwise(spans):
            assert before.end == after.start
        assert "".join(clause.quote(span) for span in spans) == clause.text


# --- Clause ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "article", "label", "opening"),
    [
        ("nato-1949", "5", "Article 5", "The Parties agree that an armed attack"),
        ("anzus-1951.signed", "IV", "ARTICLE IV", "Each Party recognizes that an armed attack"),
        ("ussr-dprk-1961", "1", "Article 1", "The Contracting Parties declare that they will"),
        ("russia-dprk-2024", "4", "Article 4", "In case any one of the two sides is put"),
        ("prc-dprk-1961.zh-Hant", "2", "第二條", "締約雙方保證共同採取一切措施"),
    ],
)
def test_clause_from_article_starts_after_the_label(
    name: str, article: str, label: str, opening: str
) -> None:
    """The clause text starts after the label and its punctuation; offsets are the document's."""
    document = _document(name)
    found = document.article(article)
    clause = Clause.from_article(document, found)
    assert clause.label == label
    assert clause.article == found.number
    assert clause.document == document.id
    assert clause.text.startswith(opening)
    assert document.text[clause.start : clause.end] == clause.text
    assert clause.end == found.text_span.end
    assert clause.start > found.text_span.start
    assert clause.quote(Span(clause.start, clause.start + len(opening))) == opening


def test_clause_from_text_is_free_standing() -> None:
    """A free-standing clause starts at offset 0 of a document named 'free text' by default
    (the name its citation and summary give it)."""
    clause = Clause.from_text("the other side shall provide military assistance")
    assert (clause.document, clause.article, clause.label, clause.start) == (
        "free text",
        None,
        None,
        0,
    )
    assert clause.end == len(clause.text)
    assert clause.quote(Span(4, 14)) == "other side"
    assert Clause.from_text("x", document="query").document == "query"


# --- the flagship and other real pairs ------------------------------------------------------


def test_flagship_kcna_2024_shares_military_and_other_assistance_with_1961() -> None:
    """Russia-DPRK 2024 Art. 4 (KCNA) and USSR-DPRK 1961 Art. 1 share the assistance clause."""
    comparison = compare_clauses(_clause("russia-dprk-2024", "4"), _clause("ussr-dprk-1961", "1"))
    texts = [p.text for p in comparison.shared]
    assert any("military and other assistance" in text for text in texts)
    assert "in a state of war" in texts
    assert "the other side shall" in texts
    assert 0 < comparison.score < 100
    assert comparison.score == comparison.scores.coverage


@pytest.mark.parametrize(
    ("left", "right"),
    [
        (("russia-dprk-2024", "4"), ("ussr-dprk-1961", "1")),
        (("russia-dprk-2024.tass", "4"), ("ussr-dprk-1961", "1")),
        (("russia-dprk-2024.yonhap", "4"), ("ussr-dprk-1961", "1")),
        (("nato-1949", "5"), ("anzus-1951.signed", "IV")),
        (("anzus-1951.signed", "IV"), ("us-japan-1960", "V")),
    ],
)
def test_shared_passages_quote_their_text(left: tuple[str, str], right: tuple[str, str]) -> None:
    """Every shared passage's left span quotes its text; both sides have the same word keys."""
    comparison = compare_clauses(_clause(*left), _clause(*right))
    assert comparison.shared
    for passage in comparison.shared:
        assert comparison.left.quote(passage.left) == passage.text
        right_text = comparison.right.quote(passage.right)
        assert word_keys(passage.text) == word_keys(right_text)
        assert passage.words >= 3
    _assert_redline_tiles(comparison)


def test_tass_rendering_scores_higher_against_1961_than_kcna() -> None:
    """TASS's English of 2024 Art. 4 is closer to the 1961 Art. 1 than KCNA's is."""
    source = _clause("ussr-dprk-1961", "1")
    kcna = compare_clauses(_clause("russia-dprk-2024", "4"), source)
    tass = compare_clauses(_clause("russia-dprk-2024.tass", "4"), source)
    assert tass.score > kcna.score


def test_nato_5_and_anzus_iv_share_the_security_council_sentence() -> None:
    """NATO Art. 5 and ANZUS Art. IV share the 'Such measures shall be terminated' sentence."""
    comparison = compare_clauses(_clause("nato-1949", "5"), _clause("anzus-1951.signed", "IV"))
    sentence = (
        "Such measures shall be terminated when the Security Council has taken the measures "
        "necessary to restore and maintain international peace and security"
    )
    matches = [p for p in comparison.shared if p.text == sentence]
    assert len(matches) == 1
    assert comparison.right.quote(matches[0].right) == sentence
    assert matches[0].words == 22


def test_an_article_against_itself_scores_100() -> None:
    """NATO Art. 5 against itself: every score 100 and a one-op 'equal' redline."""
    clause = _clause("nato-1949", "5")
    comparison = compare_clauses(clause, clause)
    assert comparison.score == 100.0
    assert set(comparison.scores.as_dict().values()) == {100.0}
    assert [op.op for op in comparison.redline] == ["equal"]
    assert comparison.shared[0].text == clause.text.rstrip(".")


# --- properties on generated clauses -------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(clause=clauses())
def test_self_comparison_redline_is_one_equal_op(clause: Clause) -> None:
    """A clause against itself is one 'equal' op spanning the whole clause on both sides."""
    comparison = compare_clauses(clause, clause)
    if not tokenize(clause.text):
        assert comparison.redline == ()
        return
    assert len(comparison.redline) == 1
    op = comparison.redline[0]
    assert op.op == "equal"
    assert op.left == op.right == Span(clause.start, clause.end)


@settings(max_examples=100, deadline=None)
@given(clause=clauses())
def test_self_comparison_character_scores_are_100(clause: Clause) -> None:
    """A clause against itself scores 100 on ratio, token_set, partial and jaccard5."""
    if not tokenize(clause.text):
        return
    scores = compare_clauses(clause, clause).scores
    assert (scores.ratio, scores.token_set, scores.partial, scores.jaccard5) == (100,) * 4


@settings(max_examples=100, deadline=None)
@example(clause=Clause.from_text("War."))
@given(clause=clauses())
def test_self_comparison_score_is_100(clause: Clause) -> None:
    """A clause with at least one token scores 100 (and 100 coverage) against itself."""
    if not tokenize(clause.text):
        return
    comparison = compare_clauses(clause, clause)
    assert comparison.score == 100.0
    assert comparison.scores.coverage_left == comparison.scores.coverage_right == 100.0


@pytest.mark.parametrize("text", ["War.", "Article 51", "to be or not to be", "as set out"])
def test_short_clauses_score_100_against_themselves(text: str) -> None:
    """Real short clauses score 100 against themselves."""
    clause = Clause.from_text(text)
    assert compare_clauses(clause, clause).score == 100.0


@settings(max_examples=100, deadline=None)
@given(pair=clause_pairs)
def test_scores_are_symmetric(pair: tuple[Clause, Clause]) -> None:
    """Swapping sides keeps every symmetric score and swaps coverage_left and coverage_right."""
    left, right = pair
    forward = compare_clauses(left, right)
    backward = compare_clauses(right, left)
    assert forward.score == backward.score
    for name in SYMMETRIC:
        assert getattr(forward.scores, name) == getattr(backward.scores, name)
    assert forward.scores.coverage_left == backward.scores.coverage_right
    assert forward.scores.coverage_right == backward.scores.coverage_left


@settings(max_examples=100, deadline=None)
@given(pair=clause_pairs, same_text=st.booleans())
def test_comparing_b_a_is_comparing_a_b_swapped(
    pair: tuple[Clause, Clause], same_text: bool
) -> None:
    """compare(b, a) equals compare(a, b).swapped(): scores, shared spans and redline."""
    left, right = pair
    if same_text:
        right = Clause("right", None, None, left.text, right.start)
    forward = compare_clauses(left, right).swapped()
    backward = compare_clauses(right, left)
    assert backward.left == right
    assert backward.right == left
    assert backward.scores == forward.scores
    assert [(p.left, p.right, p.text, p.words) for p in backward.shared] == [
        (p.left, p.right, p.text, p.words) for p in forward.shared
    ]
    assert backward.redline == forward.redline
    assert backward == forward
    assert forward.swapped() == compare_clauses(left, right)


@settings(max_examples=100, deadline=None)
@given(pair=clause_pairs)
def test_redline_reconstructs_both_texts(pair: tuple[Clause, Clause]) -> None:
    """The ops' left spans tile the left clause exactly, and the right spans the right clause."""
    _assert_redline_tiles(compare_clauses(*pair))


@settings(max_examples=100, deadline=None)
@example(
    pair=(
        Clause("left", None, None, "The — TheThe ", 0),
        Clause("right", None, None, "TheTheThe", 0),
    )
)
@given(pair=clause_pairs)
def test_redline_ops_are_well_formed(pair: tuple[Clause, Clause]) -> None:
    """Ops are from OPS, equal ops join equal keys, and move ops come in left/right pairs."""
    comparison = compare_clauses(*pair)
    moves: dict[int, list[tuple[Span | None, Span | None]]] = {}
    for op in comparison.redline:
        assert op.op in OPS
        assert op.op in {"equal", "delete", "insert", "replace", "move"}
        if op.op == "equal":
            assert op.left is not None
            assert op.right is not None
            # the same letters: a compound one side writes open ("The The") or with a dash
            # ("The — TheThe") and the other closed ("TheTheThe") is one word on both; an
            # equal op of marks only (a comma) holds the same marks
            left = tokenize(comparison.left.quote(op.left))
            right = tokenize(comparison.right.quote(op.right))
            left_words = "".join(t.key for t in left if t.word)
            right_words = "".join(t.key for t in right if t.word)
            assert left_words == right_words
            if not left_words:
                assert [t.key for t in left] == [t.key for t in right]
                assert left
        elif op.op == "replace":
            assert op.left is not None
            assert op.right is not None
        elif op.op == "delete":
            assert op.left is not None
            assert op.right is None
        elif op.op == "insert":
            assert op.left is None
            assert op.right is not None
        if op.op == "move":
            assert op.move is not None
            moves.setdefault(op.move, []).append((op.left, op.right))
        else:
            assert op.move is None
    for halves in moves.values():
        assert len(halves) == 2
        (gone, none_right), (none_left, arrived) = sorted(halves, key=lambda h: h[0] is None)
        assert gone is not None
        assert none_right is None
        assert none_left is None
        assert arrived is not None
        moved = comparison.left.quote(gone)
        assert len([t for t in tokenize(moved) if t.word]) >= MIN_MOVE_WORDS
        # a moved passage is the same words (the marks inside it may differ, as passages are
        # runs of words)
        assert [t.key for t in tokenize(moved) if t.word] == [
            t.key for t in tokenize(comparison.right.quote(arrived)) if t.word
        ]


@settings(max_examples=100, deadline=None)
@given(pair=clause_pairs)
def test_scores_are_in_range_and_deterministic(pair: tuple[Clause, Clause]) -> None:
    """Every score is within 0-100, the headline is coverage, and a rerun gives the same."""
    left, right = pair
    comparison = compare_clauses(left, right)
    values = comparison.scores.as_dict()
    assert tuple(values) == SCORE_NAMES
    assert all(0.0 <= value <= 100.0 for value in values.values())
    assert comparison.score == comparison.scores.coverage
    assert compare_clauses(left, right) == comparison
    for passage in comparison.shared:
        assert comparison.left.quote(passage.left) == passage.text


# single words of four letters or more with distinct keys, so that two sentences built from
# them share nothing and each is a passage (a run of "of the an" says nothing, and moves nowhere)
MOVE_WORDS = tuple(
    {word.casefold(): word for word in VOCABULARY if " " not in word and len(word) >= 4}.values()
)
distinct_words = st.lists(
    st.sampled_from(MOVE_WORDS),
    min_size=2 * MIN_MOVE_WORDS,
    max_size=24,
    unique_by=str.casefold,
)


@settings(max_examples=50, deadline=None)
@given(vocabulary=distinct_words, cut=st.integers(min_value=MIN_MOVE_WORDS, max_value=12))
def test_swapped_sentences_are_a_move(vocabulary: list[str], cut: int) -> None:
    """Two sentences in swapped order give one equal op and a pair of move ops, nothing else."""
    cut = min(cut, len(vocabulary) - MIN_MOVE_WORDS)
    first = " ".join(vocabulary[:cut]) + "."
    second = " ".join(vocabulary[cut:]) + "."
    left = Clause("left", None, None, f"{first} {second}", 10)
    right = Clause("right", None, None, f"{second} {first}", 20)
    comparison = compare_clauses(left, right)
    ops = [op.op for op in comparison.redline]
    assert sorted(ops) == ["equal", "move", "move"]
    moves = [op for op in comparison.redline if op.op == "move"]
    assert moves[0].move == moves[1].move
    gone = next(op.left for op in moves if op.left is not None)
    arrived = next(op.right for op in moves if op.right is not None)
    moved = comparison.left.quote(gone).strip()
    assert moved in (first, second)
    assert comparison.right.quote(arrived).strip() == moved


def test_swapped_treaty_sentences_are_a_move() -> None:
    """NATO 5's last two sentences, swapped, are reported as a move, not a delete and insert."""
    reported = (
        "Any such armed attack and all measures taken as a result thereof shall immediately "
        "be reported to the Security Council."
    )
    terminated = (
        "Such measures shall be terminated when the Security Council has taken the measures "
        "necessary to restore and maintain international peace and security."
    )
    left = Clause.from_text(f"{reported} {terminated}", document="nato")
    right = Clause.from_text(f"{terminated} {reported}", document="swapped")
    comparison = compare_clauses(left, right)
    assert [(op.op, op.move) for op in comparison.redline] == [
        ("move", 0),
        ("equal", None),
        ("move", 0),
    ]
    first, _, last = comparison.redline
    assert first.left is not None
    assert last.right is not None
    assert first.right is None
    assert last.left is None
    assert comparison.left.quote(first.left) == reported + " "
    assert comparison.right.quote(last.right) == reported
    assert comparison.score == 100.0


# --- partial and jaccard -----------------------------------------------------------------


def _long_text(position: int) -> tuple[str, str]:
    """A 200-word passage and a 20,000-word text holding it at word *position*."""
    vocabulary = normalize(_document("un-charter-1945").text).split()
    rng = random.Random(1945)
    passage = [rng.choice(vocabulary) for _ in range(200)]
    filler = [rng.choice(vocabulary) for _ in range(20_000)]
    return " ".join(passage), " ".join(filler[:position] + passage + filler[position:])


@pytest.mark.parametrize("position", [0, 20_000])
def test_partial_score_finds_a_passage_at_either_end_of_a_long_text(position: int) -> None:
    """A 200-word passage at the very start or end of a 20,000-word text scores 100."""
    passage, longer = _long_text(position)
    assert len(longer.split()) == 20_200
    assert partial_score(passage, longer) == 100.0
    assert partial_score(longer, passage) == 100.0


def test_partial_score_finds_a_passage_inside_a_long_text() -> None:
    """A 200-word passage anywhere inside a 20,000-word text scores at least 95."""
    found = {}
    for position in (2_000, 3_000, 9_000, 10_000, 11_000):
        passage, longer = _long_text(position)
        found[position] = partial_score(passage, longer)
    assert min(found.values()) >= 95, found


@pytest.mark.parametrize(
    ("shorter", "longer", "expected"),
    [
        ("", "", 100.0),
        ("", "armed attack", 0.0),
        ("armed attack", "", 0.0),
        ("armed attack", "an armed attack against one", 100.0),
        ("armed attack", "armed attack", 100.0),
    ],
)
def test_partial_score_edge_cases(shorter: str, longer: str, expected: float) -> None:
    """Empty texts and short texts inside longer ones give exact partial scores."""
    assert partial_score(shorter, longer) == expected


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("", "", 100.0),
        ("", "peace", 0.0),
        ("peace", "", 0.0),
        ("war", "war", 100.0),
        ("war", "was", 0.0),
        ("peace", "peace", 100.0),
        ("abcdef", "abcdeg", 100.0 / 3),
        ("armed attack", "armed attack", 100.0),
        ("armed attack", "naval blockade", 0.0),
    ],
)
def test_jaccard_edge_cases(left: str, right: str, expected: float) -> None:
    """Jaccard of 5-shingles: two empty texts are alike, one empty text shares nothing."""
    assert jaccard(left, right) == pytest.approx(expected)
    assert jaccard(right, left) == pytest.approx(expected)


def test_jaccard_with_another_shingle_size() -> None:
    """The shingle size is a parameter: 1-shingles are the sets of characters."""
    assert jaccard("ab", "ba", size=1) == 100.0
    assert jaccard("ab", "bc", size=1) == pytest.approx(100.0 / 3)


def test_a_passage_after_a_frequent_pair_is_shared_in_a_long_article() -> None:
    """A 10-word passage opening with 'of the' is shared even when 'of the' is frequent."""
    left = " ".join(f"the rights of the member{k} and duties{k}" for k in range(70))
    left += " of the Security Council shall take action to restore peace, and so on."
    right = "The members of the Security Council shall take action to restore peace in the region."
    comparison = compare_clauses(
        Clause.from_text(left, document="long"), Clause.from_text(right, document="short")
    )
    assert [p.text for p in comparison.shared] == [
        "of the Security Council shall take action to restore peace"
    ]
