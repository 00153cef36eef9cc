"""Page furniture in plain text: the apparatus of a printed page that is not the treaty's
wording, found so that matching can leave it out (the text keeps it: nothing is lost).

- Page-number lines: ``12``, ``- 12 -``, ``-- 13 --``, ``Page 12``, ``Page 12 of 40``,
  ``p. 12``. A line that says *page*, or wears dashes on both sides, is one wherever it stands;
  a bare number is one when another bare number line, at least ``MIN_PAGE_LINES`` lines away,
  continues its count (12 ... 13), so that a list of numbers is not taken for pages.
- Running heads and footers: a short line that comes back at least ``MIN_REPEATS`` times next
  to page numbers or page breaks (form feeds), its numbers aside (``UNITED NATIONS - TREATY
  SERIES 1961 12``).
- Note marks: superscript digits after a word (``Parties¹``).
"""

from __future__ import annotations

import re
from collections import defaultdict

from clausediff.model import Furniture, FurnitureKind, Span

__all__ = ["MIN_PAGE_LINES", "MIN_REPEATS", "find_furniture"]

MIN_PAGE_LINES = 10  # lines between two pages' numbers, at the least
MIN_REPEATS = 3  # a running head comes back on this many pages at the least
_NEAR = 2  # lines from a page number or a page break where heads and footers stand
_HEAD_MAX = 100  # characters: longer lines are text, not heads

# Matched from the line break before the line (a literal the regular-expression engine looks
# for at C speed, where a "^" is tried at every character of a long text); the text is read
# with a line break before it.
_PAGE_LINE = re.compile(
    r"\n[ \t\f]*(?P<word>(?i:page|p\.|pag\.|pág\.|página|seite|blz\.|стр\.|страница)[ \t]*)?"
    r"(?P<before>[-–—]+[ \t]*)?(?P<number>\d{1,4})(?P<after>[ \t]*[-–—]+)?"
    r"(?:[ \t]*(?i:of|/|de|van|von|из)[ \t]*\d{1,4})?[ \t]*\r?(?=\n|$)"
)
_DIGITS = re.compile(r"\d+")
# an article or division heading repeated near page breaks is the text's own, not a head
_HEADING_WORD = re.compile(
    r"(?:article|art\.|artículo|artigo|articolo|artikel|статья|chapter|part|section|annex"
    r"|chapitre|titre|第|제)",
    re.IGNORECASE,
)
_SUPERSCRIPT_CHARS = "¹²³\u2070\u2074\u2075\u2076\u2077\u2078\u2079"


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end == -1 else end
    if end > start and text[end - 1] == "\r":
        end -= 1
    return start, end


def _page_numbers(text: str) -> list[tuple[int, int, int]]:
    """Page-number lines as ``(start, end, line number)`` spans of the number's line."""
    found: list[tuple[int, int, int, int, bool]] = []  # start, end, line, value, sure
    line_no = 0
    counted = 0
    # in "\n" + text, a match starts at its line break, which is one character before the
    # line in the text: so the line starts in the text at m.start()
    for m in _PAGE_LINE.finditer("\n" + text):
        line_no += text.count("\n", counted, m.start())
        counted = m.start()
        sure = bool(m.group("word") or (m.group("before") and m.group("after")))
        content = m.group()[1:]
        start = m.start() + len(content) - len(content.lstrip(" \t\f"))
        end = m.end() - 1 - (1 if content.endswith("\r") else 0)
        found.append((start, end, line_no, int(m.group("number")), sure))
    kept = []
    for k, (start, end, line, value, sure) in enumerate(found):
        if not sure:
            before = found[k - 1] if k else None
            after = found[k + 1] if k + 1 < len(found) else None
            sure = any(
                other is not None
                and abs(other[2] - line) >= MIN_PAGE_LINES
                and 0 < (value - other[3]) * (1 if other[2] < line else -1) <= 2
                for other in (before, after)
            )
        if sure:
            kept.append((start, end, line))
    return kept


def _running_heads(text: str, breaks: list[int], numbers: set[int]) -> list[Span]:
    """Short lines that come back near page breaks (*breaks*: the start of the text, page-number
    lines (their starts in *numbers*) and form feeds), at least ``MIN_REPEATS`` times, their
    digits aside."""
    seen: dict[str, list[Span]] = defaultdict(list)
    taken: set[int] = set()
    for at in breaks:
        start, end = _line_bounds(text, at)
        cursor_back, cursor_on = start, end
        # the line of a form feed or the text's first line may be a head itself
        lines = [] if at in numbers else [(start, end)]
        for _ in range(_NEAR):  # lines before the break
            if cursor_back == 0:
                break
            cursor_back = text.rfind("\n", 0, cursor_back - 1) + 1
            lines.append(_line_bounds(text, cursor_back))
        for _ in range(_NEAR):  # lines after it
            if cursor_on >= len(text):
                break
            nxt = text.find("\n", cursor_on)
            if nxt == -1:
                break
            cursor_on = nxt + 1
            lines.append(_line_bounds(text, cursor_on))
        for line_start, line_end in lines:
            line = text[line_start:line_end]
            stripped = line.strip(" \t\f")
            if (
                not stripped
                or len(stripped) > _HEAD_MAX
                or line_start in taken
                or _HEADING_WORD.match(stripped)
            ):
                continue
            taken.add(line_start)
            lead = len(line) - len(line.lstrip(" \t\f"))
            span = Span(line_start + lead, line_start + lead + len(stripped))
            seen[_DIGITS.sub("#", stripped)].append(span)
    # a head or footer stands on most pages (or every other page): a line that comes back
    # near a few breaks out of many is the text's own
    enough = max(MIN_REPEATS, len(breaks) // 4)
    heads = [span for spans in seen.values() if len(spans) >= enough for span in spans]
    return sorted(heads)


def find_furniture(text: str) -> list[Furniture]:
    """The page furniture of a plain text, in text order (see the module docstring)."""
    pages = _page_numbers(text)
    found = [Furniture(FurnitureKind.PAGE_NUMBER, Span(start, end)) for start, end, _ in pages]
    numbers = {start for start, _, _ in pages}
    breaks = [0, *sorted(numbers)]  # the text opens a page too
    at = text.find("\f")
    while at != -1:
        breaks.append(at)
        at = text.find("\f", at + 1)
    if len(breaks) > 1:
        found += [
            Furniture(FurnitureKind.RUNNING_HEAD, span)
            for span in _running_heads(text, breaks, numbers)
            if span.start not in numbers
        ]
    found += _note_marks(text)
    return sorted(found, key=lambda f: (f.span.start, f.span.end))


def _note_marks(text: str) -> list[Furniture]:
    """Superscript figures on a word or a full stop (a superscript alone is something else).
    Each figure is looked for with ``str.find``: most texts hold none, and a character class
    run over a long text costs ten times as much."""
    present = [char for char in _SUPERSCRIPT_CHARS if char in text]
    if not present:
        return []
    at_marks = set()
    for char in present:
        at = text.find(char)
        while at != -1:
            at_marks.add(at)
            at = text.find(char, at + 1)
    marks = []
    for at in sorted(at_marks):
        if at - 1 in at_marks:
            continue  # inside a run already taken
        end = at + 1
        while end in at_marks:
            end += 1
        before = text[at - 1] if at else ""
        if before.isalpha() or (before and before in ".,;:)]"):
            marks.append(Furniture(FurnitureKind.FOOTNOTE_MARK, Span(at, end)))
    return marks
