"""Where a line stands: the evidence that it opens a block or carries a sentence on.

A heading or a numbered paragraph opens a block; a line that follows prose wrapped in the
middle of a sentence continues that sentence. These helpers read that evidence from the lines
around an offset, looking through page-number lines, without copying the text.
"""

from __future__ import annotations

import re

__all__ = [
    "CONTINUING",
    "FUNCTION_WORDS",
    "PAGE_NUMBER",
    "PAGE_NUMBER_MAX",
    "TERMINAL",
    "block_position",
    "next_line",
    "opens_block",
    "position_after",
    "previous_line",
    "previous_line_span",
    "rstrip_to",
    "text_end",
]

TERMINAL = frozenset(".:;!?)]}\"'”’»。：；！？）」』")
CONTINUING = frozenset(",-‐(‑/&")
# The last word of a line that cannot end a sentence: prepositions, articles and conjunctions
# that reach over a line break ("...paragraph 2 of" / "Article 5").
FUNCTION_WORDS = frozenset(
    """
    of in to under with by and or the per from see as at on for pursuant into upon between
    del el de al en con y o la las los según conforme segun
    du à le des et ou par selon aux
    van het bij op ingevolge krachtens
    des der dem nach gemäß und oder von im zum zur
    do da no na os as e ou nos nas
    dell della dello di ai agli nel
    """.split()
)
_LONG_LINE = 50  # a line this long ending in a word is prose wrapped mid-sentence
PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?:page|p\.|pag\.|página|seite|blz\.)[ \t]*)?[\-–—]?[ \t]*\d{1,4}[ \t]*[\-–—]?"
    r"(?:[ \t]*(?:of|/|de|van)[ \t]*\d{1,4})?[ \t]*\r?",
    re.IGNORECASE,
)
PAGE_NUMBER_MAX = 24  # longer lines are never page numbers: skip the pattern


# A sentence's end with a footnote mark after it: "... lender of last resort facilities.9"
_NOTE_MARK_END = re.compile(r"[.:;!?)\]”\"’][ ]?(?:\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\*{1,3})$")


def previous_line_span(text: str, line_start: int) -> tuple[int, int] | None:
    """Where the line before *line_start* begins and ends, looking through page-number lines.

    ``None`` means there is none, or it is blank: the line at *line_start* opens a block.
    """
    end = line_start - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if end - start > PAGE_NUMBER_MAX or PAGE_NUMBER.fullmatch(text, start, end) is None:
            return (start, end) if text[start:end].strip() else None
        end = start - 1
    return None


def previous_line(text: str, line_start: int) -> str | None:
    """Return the line before *line_start*, looking through page-number lines.

    ``None`` means there is none, or it is blank: the line at *line_start* opens a block.
    """
    span = previous_line_span(text, line_start)
    return None if span is None else text[span[0] : span[1]].strip()


def block_position(text: str, line_start: int) -> int:
    """How surely the line at *line_start* opens a block rather than continues a sentence.

    2: it follows the start of the text, a blank line or a line that ends a sentence;
    1: it follows a short line that ends in a word (a title, or a narrow column);
    0: it follows prose wrapped mid-sentence.
    """
    return position_after(previous_line(text, line_start))


def position_after(previous: str | None) -> int:
    """``block_position`` of a line that follows *previous* (``previous_line``'s answer)."""
    if previous is None:
        return 2
    last = previous[-1]
    # the mark is at most five characters from the end: searched for there only
    if last in TERMINAL or _NOTE_MARK_END.search(previous, len(previous) - 5):
        return 2
    if last in CONTINUING:
        return 0
    word = previous.rsplit(None, 1)[-1].lower()
    if word in FUNCTION_WORDS:
        return 0
    return 1 if len(previous) < _LONG_LINE else 0


def opens_block(text: str, line_start: int) -> bool:
    """Tell whether the line at *line_start* can open a block rather than continue a sentence."""
    return block_position(text, line_start) > 0


def next_line(text: str, pos: int, limit: int) -> tuple[int, int, bool]:
    """The next non-blank line at or after *pos* (page numbers skipped): its start, its end,
    and whether a blank line came first. ``(limit, limit, ...)`` when there is none."""
    blank = False
    while pos < limit:
        end = text.find("\n", pos, limit)
        end = limit if end == -1 else end
        line = text[pos:end].strip()
        if line and not (len(line) <= PAGE_NUMBER_MAX and PAGE_NUMBER.fullmatch(line)):
            return pos, end, blank
        blank = blank or not line
        pos = end + 1
    return limit, limit, blank


def text_end(text: str, floor: int, end: int) -> int:
    """Where an article's text ends: trailing blanks and page-number lines left out."""
    end = rstrip_to(text, floor, end)
    while end > floor:
        line_start = text.rfind("\n", floor, end) + 1
        if line_start <= floor or end - line_start > PAGE_NUMBER_MAX:
            break
        if PAGE_NUMBER.fullmatch(text, line_start, end) is None:
            break
        end = rstrip_to(text, floor, line_start)
    return end


def rstrip_to(text: str, floor: int, end: int) -> int:
    """Move *end* back over whitespace, but not before *floor*."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end
