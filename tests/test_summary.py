"""The plain summary of a comparison: what was kept, dropped and added, counted from the
redline and quoted from the passages, never invented."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff import load_bundled
from clausediff.match.compare import Clause, compare_clauses
from clausediff.report.segments import display
from clausediff.report.summary import summarize

_VOCABULARY = (
    "the parties shall attack armed of and other assistance military means immediately "
    "extend disposal war"
).split()
_SENTENCES = st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=40).map(" ".join)


def _article(name: str, key: str) -> Clause:
    document = load_bundled(name)
    return Clause.from_article(document, document.article(key))


def test_flagship_summary() -> None:
    """1961 Art. 1 -> 2024 Art. 4: the figures of the redline and the longest passages."""
    summary = summarize(
        compare_clauses(_article("ussr-dprk-1961", "1"), _article("russia-dprk-2024", "4"))
    )
    assert (summary.left_words, summary.right_words) == (81, 63)
    assert (summary.kept, summary.dropped, summary.added, summary.moved) == (19, 62, 44, 0)
    assert summary.longest_kept[0] == "military and other assistance with all"
    assert summary.text().startswith(
        "Kept: 19 of the 81 words of ussr-dprk-1961.en Article 1 (the longest shared: "
        "“military and other assistance with all”"
    )
    assert "Dropped: 62 words" in summary.text()
    assert "Added in russia-dprk-2024.en Article 4: 44 words" in summary.text()


def test_chinese_is_counted_in_characters() -> None:
    """A comparison of Chinese texts counts characters, and says so."""
    summary = summarize(
        compare_clauses(
            _article("prc-dprk-1961.zh-Hant", "2"), _article("sino-soviet-1950.zh-Hans", "1")
        )
    )
    assert summary.unit == "characters"
    assert summary.kept + summary.dropped == summary.left_words
    assert " characters of prc-dprk-1961.zh-Hant 第二條" in summary.text()


def test_identical_and_disjoint_clauses() -> None:
    """The same clause: all kept, nothing dropped or added; two clauses with no common word:
    none kept."""
    nato5 = _article("nato-1949", "5")
    same = summarize(compare_clauses(nato5, nato5))
    assert same.kept == same.left_words
    assert same.text().endswith("nothing dropped or added in nato-1949.en Article 5.")
    other = summarize(
        compare_clauses(Clause.from_text("alpha beta gamma"), Clause.from_text("delta epsilon"))
    )
    assert other.kept == 0
    assert other.text().startswith("Kept: none of the 3 words of free text.")


@given(left=_SENTENCES, right=_SENTENCES)
@settings(max_examples=150, deadline=None)
def test_counts_add_up_and_quotes_are_real(left: str, right: str) -> None:
    """Kept and dropped words make the left clause; every quoted run is text of its side."""
    comparison = compare_clauses(Clause.from_text(left), Clause.from_text(right))
    summary = summarize(comparison)
    assert summary.kept + summary.dropped == summary.left_words == len(left.split())
    assert summary.added <= summary.right_words == len(right.split())
    for quote in summary.longest_kept:
        assert quote.rstrip("…") in display(left)
    if summary.longest_dropped:
        assert summary.longest_dropped.rstrip("…") in left
    if summary.longest_added:
        assert summary.longest_added.rstrip("…") in right
