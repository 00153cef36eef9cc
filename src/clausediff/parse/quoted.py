"""Rule 5 of ``document``'s docstring: the articles an amendment quotes are the amended
law's, not the amending text's own (``werden folgende Artikel 1a und 1b eingefügt:``, ``... is
replaced by the following:``, a quotation that opens on the formula's next line)."""

from __future__ import annotations

import bisect
import re

from clausediff.numbering import is_successor
from clausediff.parse.scan import Candidate

__all__ = ["without_quoted"]


# The line that introduces articles an amendment inserts or rewrites ("... werden folgende
# Artikel 1a und 1b eingefügt:", "... is replaced by the following:")
_AMENDING = re.compile(
    r"(?:eingefügt|angefügt|gefasst|ersetzt|Maßgaben vor|inserted|added|replaced by the"
    r" following|(?:read|worded|amended) as follows|ainsi rédigée?s?|rédigée?s? comme suit"
    r"|remplacée?s? par ce qui suit|ως εξής)[ \t]*:[ \t\r]*$",
    re.IGNORECASE,
)


def without_quoted(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop the articles an amendment quotes: headings out of the text's own sequence
    (``Artikel 1a`` after ``Artikel 4``) are the inserted text's when the line before them
    introduces it (``werden folgende Artikel 1a und 1b eingefügt:``), or when they stand inside
    a quotation that opens right after such a line (``folgender Teil angefügt:`` / ``"Sechster
    Teil`` ... ``Artikel 230``); they stay dropped until one continues the text's own
    numbering, or the quotation closes."""
    kept: list[Candidate] = []
    quotations: list[tuple[int, int]] | None = None  # found when first needed
    quoting_until = -1  # where the quoted text ends, as far as it is known
    for cand in chosen:
        outer = kept[-1].number if kept else None
        if outer is not None and not is_successor(outer, cand.number):
            if quoting_until <= cand.start:
                if _AMENDING.search(_line_before(text, cand.line_start)):
                    quoting_until = len(text)
                else:
                    if quotations is None:
                        quotations = _quotations(text)
                    at = bisect.bisect_left(quotations, (cand.start,)) - 1
                    quoting_until = quotations[at][1] if at >= 0 else -1
            if quoting_until > cand.start:
                continue
        quoting_until = -1
        kept.append(cand)
    return kept


def _line_before(text: str, line_start: int) -> str:
    """The last line with text before *line_start* (blank lines skipped)."""
    end = line_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[text.rfind("\n", 0, end) + 1 : end]


# A line that ends in a colon, then (blank and page-number lines aside) one that opens a
# quotation
_QUOTATION_OPENS = re.compile(
    r":[ \t]*\r?\n(?:[ \t]*(?:[-–—]?[ \t]*\d{1,4}[ \t]*[-–—]?[ \t]*)?\r?\n)*[ \t]*([\"„“«])"
)
_CLOSING_QUOTE = {'"': '"', "„": "“", "“": "”", "«": "»"}
_QUOTATION_MAX = 100_000  # characters: the longest quotation of amended text
_QUOTE_AT_LINE_END = re.compile(r"[.;,)]*[ \t]*\r?(?:\n|$)")


def _quotations(text: str) -> list[tuple[int, int]]:
    """Where quotations of amended text run (start, end), in text order: each opens on the
    line after an amending formula and closes where its quotation marks balance, at a line's
    end for straight quotes (``"`` closes there what ``"Sechster Teil`` opened, while
    ``"eingetragener Verein".`` inside it closes only the inner quotation). One left open
    (a mark missing) runs to the next amending formula's quotation, ``_QUOTATION_MAX``
    characters at most."""
    openings = [
        (m.start(1), m.group(1))
        for m in _QUOTATION_OPENS.finditer(text)
        if _AMENDING.search(text, text.rfind("\n", 0, m.start()) + 1, m.start() + 1)
    ]
    found: list[tuple[int, int]] = []
    closings: dict[str, dict[int, int]] = {}  # for each opening mark, where it closes
    for at, (begin, opener) in enumerate(openings):
        if found and begin < found[-1][1]:
            continue  # inside the quotation before
        if opener not in closings:
            closings[opener] = _closing_marks(text, opener)
        following = openings[at + 1][0] if at + 1 < len(openings) else len(text)
        end = closings[opener].get(begin, following)
        found.append((begin, min(end, begin + _QUOTATION_MAX)))
    return found


def _closing_marks(text: str, opener: str) -> dict[int, int]:
    """For each *opener* in the text, where the quotation it opens ends (just after its
    closing mark), found for all of them in one pass over the marks: typographic marks nest
    (the first later mark where the depth falls below the opener's); straight ones close at
    the first later mark at a line's end after an odd number of marks between."""
    closer = _CLOSING_QUOTE[opener]
    marks = [m.start() for m in re.finditer(re.escape(opener), text)]
    if opener != closer:  # (two literal searches are several times faster than one for both)
        marks = sorted(marks + [m.start() for m in re.finditer(re.escape(closer), text)])
    result: dict[int, int] = {}
    if opener == closer:
        ends = [_QUOTE_AT_LINE_END.match(text, at + 1) is not None for at in marks]
        following: list[int | None] = [None, None]  # next mark at a line's end, by parity
        for i in range(len(marks) - 1, -1, -1):
            # the quotation opened by mark i closes at a mark j > i with j - i odd
            j = following[(i + 1) % 2]
            if j is not None:
                result[marks[i]] = marks[j] + 1
            if ends[i]:
                following[i % 2] = i
        return result
    depth, depths = 0, []
    for at in marks:
        depth += 1 if text[at] == opener else -1
        depths.append(depth)
    stack: list[int] = []  # later marks, their depths increasing from the bottom
    for i in range(len(marks) - 1, -1, -1):
        while stack and depths[stack[-1]] >= depths[i]:
            stack.pop()
        if text[marks[i]] == opener and stack:
            result[marks[i]] = marks[stack[-1]] + 1
        stack.append(i)
    return result
