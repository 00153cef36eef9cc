"""Redline segments shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

import functools
import io
import re
from typing import TYPE_CHECKING, NamedTuple

from clausediff.model import Span
from clausediff.scripts import UNIT_CHARS, may_hold_units, unit_char

if TYPE_CHECKING:  # annotations only
    from rich.text import Text

    from clausediff.match.align import AlignedPair, Alignment
    from clausediff.match.compare import Clause, Comparison

__all__ = [
    "Segment",
    "citation",
    "display",
    "length",
    "pair_notes",
    "rich_to_text",
    "segments",
    "status_summary",
    "visible",
]

_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=[a-z])")
_SPACES = re.compile(r"\s+")


@functools.cache
def _unit_gap() -> re.Pattern[str]:
    """A line break (or a stray space) between two Chinese or Japanese characters: no space."""
    return re.compile(f"(?<=[{UNIT_CHARS}])\\s+(?=[{UNIT_CHARS}])")


def _is_unit_char(char: str) -> bool:
    return char >= "\u0e01" and unit_char().match(char) is not None


def display(text: str) -> str:
    """Source text for reading on one line: hyphenated line breaks joined, spaces collapsed,
    none between Chinese or Japanese characters.

    For display only; offsets always refer to the source as it is.
    """
    text = _HYPHEN_BREAK.sub("", text)
    if may_hold_units(text):
        text = _unit_gap().sub("", text)
    return _SPACES.sub(" ", text)


def length(words: int, text: str) -> str:
    """A passage's length in a reader's unit: ``5 words``, or ``14 characters`` for a passage
    in Chinese or Japanese."""
    stripped = text.strip()
    if stripped and _is_unit_char(stripped[0]) and _is_unit_char(stripped[-1]):
        return f"{words} characters"
    return f"{words} words" if words != 1 else "1 word"


def visible(clause: Clause, span: Span) -> str:
    """The clause's text under *span*, its page furniture left out (``Clause.visible``)."""
    return clause.visible(span)


class Segment(NamedTuple):
    """A piece of the redline to show: ``kind`` is equal, delete, insert, moved-away or
    moved-here; ``move`` links the two halves of a move."""

    kind: str
    text: str
    move: int | None = None


def segments(comparison: Comparison) -> list[Segment]:
    """The redline as a reading of the left clause turned into the right one."""
    left, right = comparison.left, comparison.right
    out: list[Segment] = []
    for op in comparison.redline:
        ltext = display(visible(left, op.left)) if op.left else ""
        rtext = display(visible(right, op.right)) if op.right else ""
        if op.op == "equal":
            out.append(Segment("equal", ltext))
        elif op.op == "delete":
            out.append(Segment("delete", ltext))
        elif op.op == "insert":
            out.append(Segment("insert", rtext))
        elif op.op == "replace":
            out.append(Segment("delete", ltext))
            out.append(Segment("insert", rtext))
        elif op.left is not None:
            out.append(Segment("moved-away", ltext, op.move))
        else:
            out.append(Segment("moved-here", rtext, op.move))
    # two changes side by side read as one word unless something parts them (but Chinese
    # and Japanese are read without spaces)
    out = [segment for segment in out if segment.text]
    for k in range(1, len(out)):
        before, here = out[k - 1], out[k]
        if (
            before.kind != "equal"
            and here.kind != "equal"
            and before.text[-1:].strip()
            and here.text[:1].strip()
            and not (_is_unit_char(before.text[-1]) and _is_unit_char(here.text[0]))
        ):
            out[k - 1] = before._replace(text=before.text + " ")
    return out


def status_summary(alignment: Alignment) -> str:
    """``"1 added, 5 modified, 9 removed"``: how many pairs have each status."""
    counts: dict[str, int] = {}
    for pair in alignment.pairs:
        counts[pair.status] = counts.get(pair.status, 0) + 1
    return ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))


def pair_notes(pair: AlignedPair) -> list[str]:
    """The split and merge notes of an aligned pair, in words."""
    notes = []
    if pair.split_into:
        notes.append(f"text also in {', '.join(pair.split_into)} (split)")
    if pair.merged_from:
        notes.append(f"holds text of {', '.join(pair.merged_from)} (merged)")
    return notes


def rich_to_text(text: Text, *, color: bool, width: int, wrap: bool) -> str:
    """Print rich *text* to a string: ANSI styles with *color*, plain characters without;
    trailing spaces of wrapped lines removed."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    console.print(text, soft_wrap=not wrap, crop=False, end="")
    return "\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n"))


def citation(clause: Clause) -> str | None:
    """How a person cites a compared clause: the treaty's title and date, the article as
    printed, and its page where the source had pages (``None`` for a free text)."""
    meta = clause.metadata
    if meta is None and clause.label is None:
        return None
    parts = []
    if meta is not None and meta.title:
        parts.append(meta.title + (f" (signed {meta.signed})" if meta.signed else ""))
    elif meta is not None and meta.signed:
        parts.append(f"{clause.document} (signed {meta.signed})")
    if clause.label:
        parts.append(" ".join(clause.label.split()))
    if clause.page:
        parts.append(f"p. {clause.page}")
    return ", ".join(parts) or None
