"""Redline segments shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

import functools
import io
import re
import textwrap
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from clausediff.model import Span
from clausediff.scripts import UNIT_CHARS, may_hold_units, unit_char

if TYPE_CHECKING:  # annotations only
    from rich.text import Text

    from clausediff.match.align import AlignedPair, Alignment
    from clausediff.match.compare import Clause, Comparison, Scores

__all__ = [
    "Segment",
    "display",
    "hanging",
    "length",
    "ordered_scores",
    "pair_notes",
    "reflow",
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


_BLANK_LINES = re.compile(r"[ \t]*\r?\n(?:[ \t]*\r?\n)+[ \t]*")
# a line that opens a numbered paragraph keeps its line break: 1. 2) (a) (iv) a)
_PARAGRAPH_LINE = re.compile(
    r"[ \t]*\r?\n[ \t]*(?=\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)][ \t])", re.IGNORECASE
)
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")


def reflow(text: str) -> str:
    """Source text for reading as running prose: a printed line's end joins the next line
    (a hyphen at a line end is dropped where the word goes on; between two Chinese or
    Japanese characters nothing is put), while blank lines and the lines that open a numbered
    paragraph keep their break.

    For display only; offsets always refer to the source as it is.
    """
    text = _HYPHEN_BREAK.sub("", text)
    paragraphs = []
    for paragraph in _BLANK_LINES.split(text):
        # a break kept is marked first (U+0000 is in no treaty text), the others joined
        paragraph = _PARAGRAPH_LINE.sub("\x00", paragraph)
        if may_hold_units(paragraph):
            paragraph = _unit_line_break().sub("", paragraph)
        paragraphs.append(_LINE_BREAK.sub(" ", paragraph).replace("\x00", "\n"))
    return "\n\n".join(paragraphs)


@functools.cache
def _unit_line_break() -> re.Pattern[str]:
    """A line break between two Chinese or Japanese characters."""
    return re.compile(f"(?<=[{UNIT_CHARS}])[ \t]*\r?\n[ \t]*(?=[{UNIT_CHARS}])")


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
    # (the space between two words may lie on one side only: "war" kept, then " by ..."
    # inserted, reads as "war by", not "warby")
    out = [segment for segment in out if segment.text]
    for k in range(1, len(out)):
        before, here = out[k - 1], out[k]
        last, first = before.text[-1], here.text[0]
        if not last.strip() or not first.strip() or (_is_unit_char(last) and _is_unit_char(first)):
            continue
        if (before.kind != "equal" and here.kind != "equal") or (
            last.isalnum() and first.isalnum()
        ):
            out[k - 1] = before._replace(text=before.text + " ")
    return out


_HEADLINE_FIRST = ("coverage", "coverage_left", "coverage_right")


def ordered_scores(scores: Scores) -> dict[str, float]:
    """A comparison's measures by name, the headline (coverage, then each side's) first."""
    values = scores.as_dict()
    return {
        **{name: values[name] for name in _HEADLINE_FIRST},
        **{k: v for k, v in values.items() if k not in _HEADLINE_FIRST},
    }


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


def hanging(head: str, text: str, *, width: int, indent: int | None = None) -> str:
    """*text* wrapped to *width* columns after *head*, its later lines indented by *indent*
    (default: under the text's first). A long word (a URL) is not broken; a line of Chinese
    or Japanese, which has no spaces to break at, is broken between characters (each two
    columns wide)."""
    indent_text = " " * (len(head) if indent is None else indent)
    if not any(unicodedata.east_asian_width(c) in "WF" for c in text):
        return textwrap.fill(
            " ".join(text.split()), width=width, initial_indent=head, subsequent_indent=indent_text,
            break_long_words=False, break_on_hyphens=False,
        )  # fmt: skip
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), width=width, no_color=True, color_system=None)
    lines = Text(" ".join(text.split())).wrap(console, max(20, width - len(head)))
    return "\n".join(
        (indent_text if k else head) + line.plain.rstrip() for k, line in enumerate(lines)
    )
