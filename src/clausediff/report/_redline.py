"""Redline segments shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from clausediff.compare import Comparison
from typing import NamedTuple

__all__ = ["Segment", "display", "segments"]

_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=[a-z])")
_SPACES = re.compile(r"\s+")


def display(text: str) -> str:
    """Source text for reading on one line: hyphenated line breaks joined, spaces collapsed.

    For display only; offsets always refer to the source as it is.
    """
    return _SPACES.sub(" ", _HYPHEN_BREAK.sub("", text))


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
        ltext = display(left.quote(op.left)) if op.left else ""
        rtext = display(right.quote(op.right)) if op.right else ""
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
    # two changes side by side read as one word unless something parts them
    for k in range(1, len(out)):
        before, here = out[k - 1], out[k]
        if (
            before.kind != "equal"
            and here.kind != "equal"
            and before.text[-1:].strip()
            and here.text[:1].strip()
        ):
            out[k - 1] = before._replace(text=before.text + " ")
    return out
