"""Treaty against treaty: which article became which, on real treaties and random matrices."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff import Document, load_bundled, parse_document
from clausediff.match.align import (
    STATUSES,
    Alignment,
    align_documents,
    score_matrix,
)
from clausediff.match.assign import assign
from clausediff.match.boilerplate import word_keys
from clausediff.match.overlap import MIN_SHARED

ALLOWED_STATUSES = {"identical", "renumbered", "modified", "added", "removed"}
WORDS = tuple(
    "the parties agree that an armed attack against one or more of them shall be considered "
    "an attack against them all security council measures peace other side party".split()
)


@cache
def _document(name: str) -> Document:
    return load_bundled(name)


@cache
def _nato_anzus() -> Alignment:
    return align_documents(_document("nato-1949"), _document("anzus-1951.signed"))


def _paired(alignment: Alignment) -> set[tuple[str, str]]:
    return {
        (p.left, p.right) for p in alignment.pairs if p.left is not None and p.right is not None
    }


def _without_article(document: Document, number: str) -> Document:
    """The document re-parsed from its text with one article's region cut out."""
    span = document.article(number).span
    text = document.text[: span.start] + document.text[span.end :]
    return parse_document(text, id=f"{document.id}-without-{number}")


def _renumbered(document: Document, shift: int) -> Document:
    """The document re-parsed with every 'Article N' heading line made 'Article N+shift'."""
    text = re.sub(r"(?m)^Article (\d+)$", lambda m: f"Article {int(m[1]) + shift}", document.text)
    return parse_document(text, id=f"{document.id}-renumbered")


# --- NATO and ANZUS ----------------------------------------------------------------------


def test_nato_and_anzus_parallel_articles_are_paired() -> None:
    """NATO 4, 5, 6, 7, 9 become ANZUS III, IV, V, VI, VII, and nothing else is paired."""
    assert _paired(_nato_anzus()) == {("4", "3"), ("5", "4"), ("6", "5"), ("7", "6"), ("9", "7")}


def test_nato_and_anzus_every_article_appears_once() -> None:
    """Each article of either treaty is in exactly one row: none is used twice."""
    alignment = _nato_anzus()
    lefts = [p.left for p in alignment.pairs if p.left is not None]
    rights = [p.right for p in alignment.pairs if p.right is not None]
    assert sorted(lefts) == sorted(a.number for a in alignment.left.articles)
    assert sorted(rights) == sorted(a.number for a in alignment.right.articles)
    assert len(set(lefts)) == len(lefts)
    assert len(set(rights)) == len(rights)


def test_nato_and_anzus_statuses_and_scores() -> None:
    """Statuses come from the allowed set; paired rows are 'modified' and score at least 15."""
    alignment = _nato_anzus()
    assert set(STATUSES) == ALLOWED_STATUSES
    for pair in alignment.pairs:
        assert pair.status in ALLOWED_STATUSES
        if pair.left is not None and pair.right is not None:
            assert pair.status == "modified"
            assert alignment.min_score <= pair.score <= 100
            assert pair.comparison is not None
            assert pair.comparison.left.article == pair.left
            assert pair.comparison.right.article == pair.right
        elif pair.left is None:
            assert (pair.status, pair.score) == ("added", 0.0)
        else:
            assert (pair.status, pair.score) == ("removed", 0.0)
    assert [p.right for p in alignment.pairs if p.status == "added"] == ["8"]


def test_nato_and_anzus_pairs_follow_left_order() -> None:
    """Rows run in NATO's article order; ANZUS's unpaired VIII follows the row of VII."""
    alignment = _nato_anzus()
    lefts = [p.left for p in alignment.pairs if p.left is not None]
    assert lefts == [a.number for a in alignment.left.articles]
    rows = [(p.left, p.right) for p in alignment.pairs]
    assert rows.index((None, "8")) == rows.index(("9", "7")) + 1


def test_nato_and_anzus_matrix_has_a_score_per_article_pair() -> None:
    """The matrix is left articles by right articles, each score within 0-100."""
    alignment = _nato_anzus()
    assert len(alignment.matrix) == len(alignment.left.articles) == 14
    assert all(len(row) == len(alignment.right.articles) == 6 for row in alignment.matrix)
    assert all(0.0 <= score <= 100.0 for row in alignment.matrix for score in row)
    left = [a.number for a in alignment.left.articles]
    right = [a.number for a in alignment.right.articles]
    for pair in alignment.pairs:
        if pair.left is not None and pair.right is not None:
            assert alignment.matrix[left.index(pair.left)][right.index(pair.right)] == pair.score


# --- synthetic copies ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["nato-1949", "anzus-1951.signed", "ussr-dprk-1961"])
def test_a_treaty_against_itself_is_identical_throughout(name: str) -> None:
    """Every article aligned with its identical copy is 'identical' and scores 100."""
    document = _document(name)
    alignment = align_documents(document, document)
    assert [(p.left, p.right) for p in alignment.pairs] == [
        (a.number, a.number) for a in document.articles
    ]
    assert {(p.status, p.score) for p in alignment.pairs} == {("identical", 100.0)}


def test_a_renumbered_copy_is_renumbered_throughout() -> None:
    """NATO against a copy whose headings run 11-24 pairs every N with N+10 as 'renumbered'."""
    nato = _document("nato-1949")
    copy = _renumbered(nato, 10)
    assert [a.number for a in copy.articles] == [str(n) for n in range(11, 25)]
    alignment = align_documents(nato, copy)
    assert [(p.left, p.right, p.status) for p in alignment.pairs] == [
        (str(n), str(n + 10), "renumbered") for n in range(1, 15)
    ]
    assert all(p.score == 100.0 for p in alignment.pairs)


def test_an_article_missing_on_the_right_is_removed() -> None:
    """Cutting NATO 7 from the right side leaves NATO 7 'removed' and the rest identical."""
    nato = _document("nato-1949")
    alignment = align_documents(nato, _without_article(nato, "7"), redlines=False)
    rows = [(p.left, p.right, p.status) for p in alignment.pairs]
    assert rows[6] == ("7", None, "removed")
    assert all(status == "identical" for left, _, status in rows if left != "7")
    assert len(rows) == 14
    assert all(p.comparison is None for p in alignment.pairs)


def test_an_article_missing_on_the_left_is_added_in_place() -> None:
    """Cutting NATO 7 from the left side makes NATO 7 'added', placed after the row of 6."""
    nato = _document("nato-1949")
    alignment = align_documents(_without_article(nato, "7"), nato, redlines=False)
    rows = [(p.left, p.right, p.status) for p in alignment.pairs]
    assert rows[5:8] == [("6", "6", "identical"), (None, "7", "added"), ("8", "8", "identical")]
    assert len(rows) == 14


# --- score_matrix ------------------------------------------------------------------------


def test_score_matrix_identical_and_unrelated_texts() -> None:
    """Identical texts score 100; texts sharing no words score 0."""
    nato5 = _document("nato-1949")
    text = nato5.quote(nato5.article("5").text_span)
    other = "Completely different wording about fisheries, shipping lanes and tariffs."
    assert score_matrix([text], [text, other]) == [[100.0, 0.0]]
    assert score_matrix([other], [text]) == [[0.0]]


def test_short_articles_are_their_words_in_order() -> None:
    """An article of one or two words is one shingle of exactly those words: "[Deleted]"
    pairs with "[Deleted]", and "alpha beta" shares nothing with "beta" or "beta alpha"."""
    assert score_matrix(["[Deleted]", "alpha beta"], ["[Deleted]", "beta", "beta alpha"]) == [
        [100.0, 0.0, 0.0],
        [0.0, 0.0, 0.0],
    ]
    assert score_matrix(["alpha beta"], ["beta"]) == [[0.0]]  # the first word numbered 0


def test_score_matrix_shape_and_empty_sides() -> None:
    """The matrix has a row per left text and a column per right text, empty sides included."""
    assert score_matrix([], ["a text"]) == []
    assert score_matrix(["a text", "another"], []) == [[], []]


@settings(max_examples=100, deadline=None)
@given(text=st.one_of(st.text(), st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join)))
def test_score_matrix_gives_100_for_any_identical_pair(text: str) -> None:
    """A text with MIN_SHARED distinct shingles scores 100 against itself; scores are symmetric."""
    keys = word_keys(text)
    if len(set(zip(keys, keys[1:], keys[2:], strict=False))) < MIN_SHARED:
        return
    other = "fisheries, shipping lanes and tariffs"
    assert score_matrix([text], [text]) == [[100.0]]
    forward = score_matrix([text, other], [other, text])
    backward = score_matrix([other, text], [text, other])
    assert forward == [list(row) for row in zip(*backward, strict=True)]
    assert forward[0][1] == forward[1][0] == 100.0


def test_score_matrix_uses_boilerplate() -> None:
    """Boilerplate variants match: 'the other side' and 'the other Contracting Party' agree."""
    left = "the other side shall render military assistance without delay"
    right = "the other Contracting Party shall render military assistance without delay"
    assert score_matrix([left], [right]) == [[100.0]]
    assert score_matrix([left], [right], boilerplate=())[0][0] < 100.0


# --- assign ------------------------------------------------------------------------------


def _best_total(weights: Sequence[Sequence[float]], min_weight: float) -> float:
    """The greatest total weight of a one-to-one matching over pairs >= min_weight."""
    columns = len(weights[0]) if weights else 0

    def best(row: int, used: frozenset[int]) -> float:
        if row == len(weights):
            return 0.0
        total = best(row + 1, used)
        for col in range(columns):
            if col not in used and weights[row][col] >= min_weight:
                total = max(total, weights[row][col] + best(row + 1, used | {col}))
        return total

    return best(0, frozenset())


@st.composite
def matrices(draw: st.DrawFn) -> list[list[float]]:
    """Weight matrices up to 5x5, scores 0-100 with many ties and zeros."""
    rows = draw(st.integers(min_value=0, max_value=5))
    cols = draw(st.integers(min_value=1, max_value=5))
    weight = st.one_of(
        st.sampled_from([0.0, 15.0, 20.0, 50.0, 100.0]),
        st.floats(min_value=0, max_value=105, allow_nan=False),
    )
    return draw(
        st.lists(st.lists(weight, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    )


@settings(max_examples=100, deadline=None)
@given(weights=matrices(), min_weight=st.floats(min_value=0.0, max_value=100.0))
def test_assign_is_an_optimal_one_to_one_matching(
    weights: list[list[float]], min_weight: float
) -> None:
    """assign() is one-to-one, uses only pairs >= min_weight, and reaches the optimum total."""
    result = assign(weights, min_weight)
    assert len(set(result.values())) == len(result)
    assert all(weights[i][j] >= min_weight for i, j in result.items())
    total = sum(weights[i][j] for i, j in result.items())
    assert total == pytest.approx(_best_total(weights, min_weight), abs=1e-6)
    assert assign(weights, min_weight) == result


@pytest.mark.parametrize(
    ("weights", "min_weight", "expected"),
    [
        ([], 15.0, {}),
        ([[]], 15.0, {}),
        ([[10.0]], 15.0, {}),
        ([[15.0]], 15.0, {0: 0}),
        ([[20.0, 30.0], [30.0, 0.0]], 15.0, {0: 1, 1: 0}),
        ([[90.0, 80.0], [85.0, 0.0]], 15.0, {0: 1, 1: 0}),
        ([[50.0], [60.0], [40.0]], 15.0, {1: 0}),
        ([[50.0, 60.0, 40.0]], 15.0, {0: 1}),
    ],
)
def test_assign_small_cases(
    weights: list[list[float]], min_weight: float, expected: dict[int, int]
) -> None:
    """Small matrices give exactly the optimal assignment, not the greedy one."""
    assert assign(weights, min_weight) == expected


def test_assign_with_negative_weights_is_optimal() -> None:
    """With negative weights allowed by min_weight, assign() still maximizes the total."""
    weights = [[-10.0, -30.0], [30.0, 33.0]]
    assert assign(weights, -20.0) == {1: 1}


# --- ICCPR and ICESCR (../shared) ---------------------------------------------------------

COVENANT_PAIRS = [
    (1, 1),
    (2, 2),
    (3, 3),
    (5, 5),
    (22, 8),
    (46, 24),
    (47, 25),
    (48, 26),
    (49, 27),
    (50, 28),
    (51, 29),
    (52, 30),
    (53, 31),
]


@pytest.fixture
def open_treaties(shared_dir: Path) -> Callable[[str], Document]:
    """A loader of the rendered open-treaties texts; skips when they are absent."""
    source = shared_dir / "open-treaties"
    if not source.is_dir():
        pytest.skip("../shared/open-treaties is not present")
    sys.path.insert(0, str(shared_dir / "bench"))
    try:
        import render_open_treaties  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(shared_dir / "bench"))

    def load(name: str) -> Document:
        data = json.loads((source / f"{name}.json").read_text(encoding="utf-8"))
        return parse_document(render_open_treaties.render(data), id=name)

    return load


@pytest.mark.shared
def test_iccpr_and_icescr_common_articles_are_aligned(
    open_treaties: Callable[[str], Document],
) -> None:
    """ICCPR and ICESCR: self-determination, non-discrimination and final clauses pair up."""
    iccpr, icescr = open_treaties("iccpr"), open_treaties("icescr")
    assert (len(iccpr.articles), len(icescr.articles)) == (53, 31)
    alignment = align_documents(iccpr, icescr, redlines=False)
    paired = _paired(alignment)
    missing = [(a, b) for a, b in COVENANT_PAIRS if (str(a), str(b)) not in paired]
    assert missing == []
    statuses = {(p.left, p.right): p.status for p in alignment.pairs}
    assert statuses[("46", "24")] == statuses[("47", "25")] == "renumbered"
    assert statuses[("1", "1")] == "modified"
    lefts = [p.left for p in alignment.pairs if p.left is not None]
    assert lefts == [str(n) for n in range(1, 54)]


@pytest.mark.parametrize("min_score", [0.0, 10.0, 30.0, 50.0, 90.0])
def test_every_pair_reaches_the_bar_without_its_bonus(min_score: float) -> None:
    """Whatever the bar, a paired article's overlap (the score shown) reaches it: the number
    bonus weighs in the choice between candidates only, and each pair says whether it had it."""
    for left, right in (
        ("nato-1949", "anzus-1951.signed"),
        ("russia-dprk-2024", "russia-dprk-2024.yonhap"),
    ):
        alignment = align_documents(_document(left), _document(right), min_score=min_score)
        for pair in alignment.pairs:
            if pair.left is None or pair.right is None:
                assert pair.number_bonus == 0.0
                continue
            assert pair.score >= min_score
            assert pair.number_bonus == (5.0 if pair.left == pair.right else 0.0)
