"""Shingles: a fingerprint for every window of three words, so every shared run is found."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from clausediff.corpus.scoring import Weights, prefix_weights, run_bits, runs, shingled
from clausediff.corpus.shingles import (
    key_weight,
    keyed_keys,
    keyed_text,
    shingles,
    text_fingerprints,
    windows,
)
from clausediff.model import Span

WORDS = "peace war party state armed attack assistance military means disposal treaty".split()


def test_windows_are_three_words_or_four_characters() -> None:
    """Words come three at a time; Chinese characters four (0.75 each); a canonical phrase
    weighs its words."""
    assert list(windows(["a", "b", "c", "d"])) == [(0, 3), (1, 4)]
    assert list(windows(list("缔约另一方应"))) == [(0, 4), (1, 5), (2, 6)]
    assert list(windows(["the other party", "shall"])) == [(0, 1)]
    assert list(windows(["a", "b"])) == []
    assert (key_weight("缔"), key_weight("war"), key_weight("the other party")) == (0.75, 1, 3)


def test_variants_are_one_key_and_keep_the_raw_shingles() -> None:
    """ "the other side" and "the other Contracting Party" meet on their canonical key, and
    the words as printed keep their own shingles."""
    side = keyed_text("If the other side shall provide assistance")
    party = keyed_text("If the other Contracting Party shall provide assistance")
    assert (
        side.collapsed
        == party.collapsed
        == ["if", "the other party", "shall", "provide", "assistance"]
    )
    assert side.ranges[1] == (1, 4)
    assert party.ranges[1] == (1, 5)
    shared = text_fingerprints(side) & text_fingerprints(party)
    assert shared
    assert text_fingerprints(keyed_keys(side.keys)) == text_fingerprints(side)


def test_furniture_gives_no_tokens() -> None:
    """A page number inside a passage is left out: the run is unbroken."""
    text = "military and other 12 assistance with all the means"
    at = text.index("12")
    keyed = keyed_text(text, 0, [Span(at, at + 2)])
    assert "12" not in keyed.keys
    assert keyed.keys[:4] == ["military", "and", "other", "assistance"]


@given(
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=12),
    st.lists(st.sampled_from(WORDS), min_size=0, max_size=12),
    st.lists(st.sampled_from(WORDS), min_size=3, max_size=8),
)
def test_a_shared_run_of_three_words_shares_a_shingle(
    before: list[str], after: list[str], run: list[str]
) -> None:
    """Two texts holding the same run of three words or more share a fingerprint, and every
    word of the run is covered by the shingles they share."""
    left = shingled(keyed_keys(["alpha", *before, *run, "omega"]))
    right = shingled(keyed_keys(["beta", *after, *run, "gamma"]))
    shared = left.prints & right.prints
    assert shared
    start = 1 + len(before)
    covered = runs(left, shared)
    assert any(a <= start and start + len(run) <= b for a, b in covered)
    prefix = prefix_weights(left.keyed, Weights({}, 10))
    assert run_bits(covered, prefix).plain >= len(run) * Weights({}, 10).most - 1e-9


def test_every_shingle_covers_its_window() -> None:
    """Each shingle's keys are the window it was cut from."""
    keyed = keyed_text("the other side shall immediately extend military assistance")
    for s in shingles(keyed):
        assert 0 <= s.lo < s.stop <= len(keyed.keys)
        assert sum(key_weight(k) for k in keyed.keys[s.lo : s.stop]) >= 3


@given(st.lists(st.sampled_from([*WORDS, "the other side", "the other Contracting Party", "缔约"])))
def test_text_fingerprints_are_the_shingles_fingerprints(words: list[str]) -> None:
    """The fingerprints a build stores are exactly those of the text's shingles."""
    keyed = keyed_text(" ".join(words))
    assert text_fingerprints(keyed) == {s.fingerprint for s in shingles(keyed)}


def test_text_fingerprints_of_a_real_clause() -> None:
    """A clause with a variant ("the other side") and Chinese text: the same fingerprints as
    its shingles, the variant's own among them."""
    for text in (
        "If the other side shall be attacked, the Parties shall provide assistance forthwith",
        "缔约任何一方受到武装攻击时，另一方应立即尽其全力给予军事及其他援助。",
    ):
        keyed = keyed_text(text)
        prints = {s.fingerprint for s in shingles(keyed)}
        assert prints
        assert text_fingerprints(keyed) == prints
