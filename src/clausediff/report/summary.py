"""A clause comparison in one plain sentence, computed from its redline and shared passages.

Nothing here is judged or invented: the words kept are those the redline keeps (in place or
moved), the words dropped and added are those it deletes and inserts, and the passages quoted
are the longest shared ones and the longest runs deleted and inserted.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from clausediff.match.tokens import word_tokens
from clausediff.model import Span
from clausediff.report.segments import display
from clausediff.scripts import dominant_script, may_hold_units

if TYPE_CHECKING:  # annotations only
    from clausediff.match.compare import Clause, Comparison

__all__ = ["Summary", "summarize"]

_QUOTE = 70  # characters of a quoted run
_UNSPACED = {"han", "kana", "thai"}  # scripts whose tokens are characters


@attrs.frozen
class Summary:
    """What a redline did, in words (units, for Chinese and Japanese).

    ``kept`` counts the left clause's words the redline keeps, ``moved`` those of them that
    changed place; ``dropped`` the left words it deletes, ``added`` the right words it
    inserts. ``longest_kept`` quotes the longest shared passages (at most three, longest
    first), ``longest_dropped`` and ``longest_added`` the longest run deleted and inserted.
    """

    left_name: str
    right_name: str
    left_words: int
    right_words: int
    kept: int
    moved: int
    dropped: int
    added: int
    longest_kept: tuple[str, ...]
    longest_dropped: str | None
    longest_added: str | None
    unit: str = "words"

    def text(self) -> str:
        """The summary in three short plain sentences: kept, dropped, added."""
        unit = self.unit
        if self.left_words and self.kept == self.left_words and not self.added:
            return (
                f"Kept: all {self.left_words} {unit} of {self.left_name}; nothing dropped or "
                f"added in {self.right_name}."
            )
        shown = "; ".join(f"“{q}”" for q in self.longest_kept)
        moved = f", {self.moved} of them moved" if self.moved else ""
        longest = f" (the longest shared: {shown})" if shown else ""
        if not self.kept:
            kept = f"Kept: none of the {self.left_words} {unit} of {self.left_name}."
        elif self.kept == self.left_words:
            kept = f"Kept: all {self.left_words} {unit} of {self.left_name}{moved}{longest}."
        else:
            kept = (
                f"Kept: {self.kept} of the {self.left_words} {unit} of {self.left_name}"
                f"{moved}{longest}."
            )
        dropped = (
            "Dropped: nothing."
            if not self.dropped
            else f"Dropped: {self.dropped} {unit}"
            + (f" (the longest run: “{self.longest_dropped}”)." if self.longest_dropped else ".")
        )
        added = f"Added in {self.right_name}: " + (
            "nothing."
            if not self.added
            else f"{self.added} {unit}"
            + (f" (the longest run: “{self.longest_added}”)." if self.longest_added else ".")
        )
        return f"{kept} {dropped} {added}"

    def as_dict(self) -> dict[str, object]:
        """The summary's figures and its sentence, for JSON."""
        return {**attrs.asdict(self, recurse=False), "text": self.text()}


def _name(clause: Clause) -> str:
    return (
        f"{clause.document} {' '.join(clause.label.split())}" if clause.label else clause.document
    )


class _Words:
    """Counts a clause's words (units) in any span: from the offsets where its words start
    (the comparison's, else the clause tokenized once)."""

    def __init__(self, clause: Clause, starts: Sequence[int] | None) -> None:
        if starts is None:
            tokens = word_tokens(clause.text, clause.start, skip=clause.furniture)
            starts = [t.start for t in tokens]
        self.starts = starts

    def __call__(self, span: Span | None) -> int:
        if span is None or span.start == span.end:
            return 0
        return bisect.bisect_left(self.starts, span.end) - bisect.bisect_left(
            self.starts, span.start
        )


def _quote(clause: Clause, span: Span) -> str:
    """The text under *span* on one line, cut at about ``_QUOTE`` columns (a Chinese or
    Japanese character takes two), at a word's end where there are words."""
    # enough of the text for a quote: a long run is not reflowed whole to show its start
    head = clause.visible(Span(span.start, min(span.end, span.start + 4 * _QUOTE)))
    text = display(head).strip(" ,;:.")
    if span.end > span.start + 4 * _QUOTE:
        text = text[: 2 * _QUOTE]
    at = _cut_at(text)
    if at is None:
        return text
    cut = text[:at]
    space = cut.rfind(" ")
    return (cut[:space] if space > at // 2 else cut).rstrip(" ,;:") + "…"


def _cut_at(text: str) -> int | None:
    """Where *text* passes ``_QUOTE - 1`` columns, or ``None`` if it fits."""
    if text.isascii():
        return _QUOTE - 1 if len(text) > _QUOTE - 1 else None
    used = 0
    for at, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > _QUOTE - 1:
            return at
    return None


def _longest(clause: Clause, words: _Words, spans: list[Span]) -> str | None:
    if not spans:
        return None
    count, best = max(((words(s), -s.start), s) for s in spans)
    return _quote(clause, best) if count[0] else None


def summarize(comparison: Comparison) -> Summary:
    """What the comparison's redline kept, dropped and added (see ``Summary``)."""
    left, right = comparison.left, comparison.right
    starts = comparison.word_starts or (None, None)
    lwords, rwords = _Words(left, starts[0]), _Words(right, starts[1])
    kept = moved = dropped = added = 0
    deleted: list[Span] = []
    inserted: list[Span] = []
    for op in comparison.redline:
        if op.op in ("equal", "move"):
            words = lwords(op.left)
            kept += words
            moved += words if op.op == "move" else 0
            continue
        if op.left is not None:
            dropped += lwords(op.left)
            deleted.append(op.left)
        if op.right is not None:
            added += rwords(op.right)
            inserted.append(op.right)
    passages = sorted(comparison.shared, key=lambda p: (-p.words, p.left.start))[:3]
    both = left.text + right.text
    unspaced = may_hold_units(both) and dominant_script(both) in _UNSPACED
    return Summary(
        left_name=_name(left),
        right_name=_name(right),
        left_words=len(lwords.starts),
        right_words=len(rwords.starts),
        kept=kept,
        moved=moved,
        dropped=dropped,
        added=added,
        longest_kept=tuple(_quote(left, p.left) for p in passages),
        longest_dropped=_longest(left, lwords, deleted),
        longest_added=_longest(right, rwords, inserted),
        unit="characters" if unspaced else "words",
    )
