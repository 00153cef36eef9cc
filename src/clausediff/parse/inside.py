"""Inside an article: its title, and its numbered paragraphs."""

from __future__ import annotations

import re

from clausediff.model import Paragraph, Span
from clausediff.numbering import roman_to_int
from clausediff.parse.lines import (
    FUNCTION_WORDS,
    TERMINAL,
    next_line,
    position_after,
    previous_line,
    rstrip_to,
)
from clausediff.parse.patterns import Shape
from clausediff.parse.scan import Candidate, Marker, is_heading_line, is_marker_line

__all__ = ["article_title", "paragraphs", "title_line"]

_CLOSING = {"(": ")", "（": "）", "【": "】", "[": "]"}
_TITLE_LEAD = re.compile(r"[ \t\u00a0\u3000]*[.:]?[ \t\u00a0\u3000]*[\-–—(（【\[]?[ \t\u00a0]*")


def article_title(text: str, heading: Candidate, text_end: int) -> str | None:
    """The article's title: on the heading line, or on the line after a bare heading."""
    if heading.shape == Shape.TITLED:
        lead = _TITLE_LEAD.match(text, heading.rest_start, heading.line_end)
        start = lead.end() if lead else heading.rest_start
        opened = text[start - 1] if start > heading.rest_start else ""
        close = text.find(_CLOSING.get(opened, "\n"), start, heading.line_end)
        if close != -1:  # "제4조의2(건축위원회의 건축 심의 등) ① ...": the title is in brackets
            return text[start:close].strip() or None
        title = text[start : heading.line_end].strip().rstrip(")）】]").strip()
        return title or None
    if heading.shape == Shape.INLINE:
        lead = _TITLE_LEAD.match(text, heading.rest_start, heading.line_end)
        if lead is None or not any(c in "-–—" for c in lead.group()):
            return None
        stop = text.find(". ", lead.end(), heading.line_end)
        title = text[lead.end() : stop if stop != -1 else heading.line_end].strip()
        return title or None
    return title_line(text, heading.line_end, text_end)


_TITLE_MAX = 160  # characters; UNCLOS has titles of 105
# Finite verbs that make a line a sentence rather than a title
_SENTENCE_VERB = re.compile(
    r"\b(?:shall|is|are|may|will|must|has|have|doit|doivent|est|sont|peut|deberá|será|es|son"
    r"|puede|zal|is|moet|wird|ist|sind|deve|è)\b",
    re.IGNORECASE,
)
_SHORT_TITLE = 40  # a title may run straight into the body only when this short


def title_line(text: str, after: int, limit: int) -> str | None:
    """The line right after a bare heading, when it names the article (or division).

    A title starts with a capital, a digit or a bracket, is at most ``_TITLE_MAX`` long, does
    not end in punctuation or in a word that carries the sentence on (``of``, ``their``), is
    not itself a heading, has no finite verb (``shall``, ``is``), and is followed by more
    text: after a blank line, or directly when the next line is a numbered paragraph or the
    title is at most ``_SHORT_TITLE`` long and the next line does not start in lower case.
    """
    start, end, _ = next_line(text, after, limit)
    if start >= limit:
        return None
    line = text[start:end].strip()
    if (line[:1] == "[" and line[-1:] == "]") or (line[:1] == "(" and line[-1:] == ")"):
        line = line[1:-1].strip()
    if (
        not line
        or len(line) > _TITLE_MAX
        or line[-1] in ".,;:。-‐"
        or not (line[0].isupper() or line[0].isdigit())
        or line.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS
        or is_heading_line(line)
    ):
        return None
    if _SENTENCE_VERB.search(line):
        return None  # "... is deemed to include ...", "This Treaty shall be ratified ..."
    body_start, body_end, blank = next_line(text, end + 1, limit)
    if body_start >= limit:
        # nothing after it: a title only when short (a copy cut after the title)
        return line if len(line) <= _SHORT_TITLE else None
    if blank:
        return line
    following = text[body_start:body_end].strip()
    if is_marker_line(following) or is_heading_line(following):
        return line
    return line if len(line) <= _SHORT_TITLE and not following[:1].islower() else None


_LIST_WORDS = ("and", "or", "et", "ou", "y", "o", "e", "und", "oder", "en", "of")


def _joins_list(line: str) -> bool:
    """Whether *line* ends in a list item's join, ``; and`` or ``, or``: read back from its
    end, not searched for along it (a line can be a whole paragraph long)."""
    tail = line[-4:].lower()
    for word in _LIST_WORDS:
        if tail.endswith(word):
            at = len(line) - len(word) - 1
            while at >= 0 and line[at].isspace():
                at -= 1
            if at >= 0 and line[at] in ";,":
                return True
    return False


def _marker_opens(text: str, marker: Marker, heading_end: int) -> bool:
    """A numbered paragraph opens a block: right under the heading line, after the end of a
    sentence or list item (``; and`` / ``; or`` included), or where any block may open."""
    if marker.line_start <= heading_end + 1:
        return True
    previous = previous_line(text, marker.line_start)
    if previous is None or previous[-1] in TERMINAL or _joins_list(previous):
        return True
    return position_after(previous) > 0


def paragraphs(
    markers: list[Marker], text: str, heading_end: int, text_end: int
) -> tuple[Paragraph, ...]:
    """Numbered paragraphs of one article, kept only where the numbering runs in sequence."""
    kept: list[Marker] = []
    number: int | None = None  # the last kept number (level 0), letter (1), roman value (2)
    letter: str | None = None
    roman: int | None = None
    for marker in markers:
        level, value = marker.level, marker.value
        if (  # "(i)" after "(h)" is a letter; else a roman numeral
            level == 1
            and value in _ROMAN_OR_LETTER
            and value != ("a" if letter is None else chr(ord(letter[-1]) + 1))
        ):
            level = 2
        if level == 0:
            ok = int(value) == (1 if number is None else number + 1)
        elif level == 1:
            ok = value == ("a" if letter is None else _next_letter(letter))
        else:
            value_of = roman_to_int(value) or 0
            ok = value_of == (1 if roman is None else roman + 1)
        if not ok or not _marker_opens(text, marker, heading_end):
            continue
        if level == 0:
            number, letter, roman = int(value), None, None
        elif level == 1:
            letter, roman = value, None
        else:
            roman = value_of
        kept.append(marker if marker.level == level else marker._replace(level=level))
    # a paragraph ends where the next one of its level or above starts: found from the right,
    # with a stack of the markers not yet closed (one pass, however many paragraphs)
    ends: list[int] = []
    open_after: list[Marker] = []
    for marker in reversed(kept):
        while open_after and open_after[-1].level > marker.level:
            open_after.pop()
        ends.append(open_after[-1].start if open_after else text_end)
        open_after.append(marker)
    return tuple(
        Paragraph(m.label, m.level, Span(m.start, rstrip_to(text, m.end, end)))
        for m, end in zip(kept, reversed(ends), strict=True)
    )


_ROMAN_OR_LETTER = frozenset(("i", "v", "x", "ii", "iii", "iv", "vi", "vii", "viii", "ix"))


def _next_letter(letter: str) -> str:
    if letter == "z":
        return "aa"
    if len(letter) == 2 and letter[0] == letter[1]:
        return chr(ord(letter[0]) + 1) * 2
    return chr(ord(letter[-1]) + 1)
