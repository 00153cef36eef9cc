"""Which of the candidate lines are article headings: rules 2 to 6 of ``document``'s docstring
(the shape, rule 1, is read in ``scan``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from clausediff.numbering import canonical_number, is_successor, roman_to_int, sort_key
from clausediff.parse.lines import (
    CONTINUING,
    FUNCTION_WORDS,
    block_position,
    next_line,
    previous_line_span,
)
from clausediff.parse.patterns import FIRST, WORDS_BEFORE, Shape
from clausediff.parse.quoted import without_quoted
from clausediff.parse.scan import Candidate, is_heading_line, is_marker_line

__all__ = ["choose_headings", "run_in_headings"]


def choose_headings(
    text: str, candidates: list[Candidate], division_lines: Collection[int]
) -> list[Candidate]:
    """Keep the candidates that are headings: rules 2 and 3 of ``document``'s docstring, then
    the ones that open a body (rule 4: no bare heading without a body, no table of contents)
    and are not quoted (rule 5).

    *division_lines* are the offsets of the lines that look like division headings.
    """
    chosen: list[Candidate] = []
    previous: str | None = None
    heading_end = 0  # where the last heading line (kept or repeated) ends
    heading_line = ""  # and what it says
    xref_lines = {c.line_start for c in candidates if c.shape == Shape.XREF}
    for cand in candidates:
        if cand.shape == Shape.XREF or _among_references(text, cand, xref_lines):
            continue
        if (
            chosen
            and cand.number == previous
            and not text[heading_end : cand.line_start].strip()
            and text[cand.line_start : cand.line_end].strip() == heading_line
        ):
            heading_end = cand.line_end
            continue  # the same heading again with nothing between: a running head, a doubled line
        position = block_position(text, cand.line_start)
        if position < 2:
            position = max(position, _under_a_title(text, cand.line_start, division_lines))
        if position == 0 and _capital_in_sequence(previous, cand):
            position = 1
        if position == 0:
            continue
        cand = _roman_in_sequence(previous, cand)
        doubtful = cand.shape == Shape.LOWER or (position == 1 and cand.shape == Shape.INLINE)
        if doubtful:
            fits = is_successor(previous, cand.number) or is_successor(None, cand.number)
            if not fits or (cand.shape == Shape.LOWER and position < 2):
                continue
        chosen.append(cand)
        previous = cand.number
        heading_end = cand.line_end
        heading_line = text[cand.line_start : cand.line_end].strip()
    chosen = _without_contents(text, _with_bodies(text, chosen))
    return _without_repeated_parts(without_quoted(text, chosen))


def _among_references(text: str, cand: Candidate, xref_lines: Collection[int]) -> bool:
    """A line of a list of references, not a heading: it carries text after its number, and
    the lines with text just before and just after it both cite an article (a table of
    amendments: ``Article I.A.1: Clause expanded ...``, ``Article II: Terms arranged in
    alphabetical order.``, ``Article IV.B.1.b: ...``)."""
    if not xref_lines or not text[cand.rest_start : cand.line_end].strip(" \t.:-–—\r"):
        return False  # a bare heading ("第 319-6 條"), whose body may open by citing another
    before = _line_start_before(text, cand.line_start)
    if before is None or before not in xref_lines:
        return False
    after = cand.line_end + 1
    while after < len(text) and text[after].isspace():
        after += 1
    return text.rfind("\n", 0, after) + 1 in xref_lines


def _line_start_before(text: str, line_start: int) -> int | None:
    """Where the last line with text before *line_start* begins (``None``: there is none)."""
    end = line_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text.rfind("\n", 0, end) + 1 if end > 0 else None


def _under_a_title(text: str, line_start: int, division_lines: Collection[int]) -> int:
    """How surely the line before is a title that need not end a sentence: 2 for a division
    heading (``TITLE II PROVISIONS ON ...``), the title line under one, or a line in capitals;
    1 for another heading line (the entries of a table of contents); else 0."""
    span = previous_line_span(text, line_start)
    if span is None:
        return 0
    if span[0] in division_lines:
        return 2
    line = text[span[0] : span[1]].strip()
    if line[-1] in CONTINUING or line.rsplit(None, 1)[-1].lower() in FUNCTION_WORDS:
        return 0  # "... laid down in" / "Article 27.": a sentence goes on
    if _in_capitals(line):
        return 2
    if FIRST["article_any"].match(line) and is_heading_line(line):
        return 1  # an entry of a table of contents under another, however long
    before = previous_line_span(text, span[0])
    return 2 if before is not None and before[0] in division_lines else 0


def _capital_in_sequence(previous: str | None, cand: Candidate) -> bool:
    """``ARTICLE 7.`` in capitals, next in the numbering: a heading even where the line before
    lacks its full stop (references are not written in capitals)."""
    word = cand.label.split()[0]
    return (
        len(word) > 3
        and word.isupper()
        and previous is not None
        and is_successor(previous, cand.number)
    )


def _in_capitals(line: str) -> bool:
    """A line in capital letters (a heading): no small ones, and some capitals; scripts
    without case (Chinese, Korean) have neither."""
    return len(line) >= 3 and line.isupper()


def _roman_in_sequence(previous: str | None, cand: Candidate) -> Candidate:
    """``ARTICLE L`` after ``ARTICLE XLIX`` is 50, not the lettered article l (and C, D, M)."""
    if len(cand.number) == 1 and cand.number in "lcdm" and previous and previous.isdigit():
        value = roman_to_int(cand.number)
        if value == int(previous) + 1:
            return cand._replace(number=str(value))
    return cand


def _with_bodies(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop a bare heading that no body follows: the next heading comes right after it
    (``Article 1`` / ``Article 2`` / ...: a list of headings, not articles). A bare heading
    right over a titled one of the same number (``Article 374`` / ``Article 374 Standardised
    method``) is one heading: the article starts at the first line."""
    kept = []
    listed = False
    doubled: Candidate | None = None  # "Article 374" over "Article 374 Standardised method"
    for at, cand in enumerate(chosen):
        if doubled is not None and cand.number == doubled.number:
            kept.append(doubled)
            doubled = None
            continue
        if cand.shape == Shape.BARE and at + 1 < len(chosen):
            following = chosen[at + 1].line_start
            seen = _NON_BLANK.search(text, cand.line_end, following)
            if seen is None or (
                text[seen.start()] in _MAY_OPEN_A_PAGE_NUMBER
                and next_line(text, cand.line_end + 1, following)[0] >= following
            ):
                if chosen[at + 1].number == cand.number and chosen[at + 1].shape != Shape.BARE:
                    doubled = cand  # the article starts at the first of the two lines
                else:
                    listed = True
                continue
        kept.append(cand._replace(listed=True) if listed else cand)
        listed = False
    return kept


_NON_BLANK = re.compile(r"\S")
_MAY_OPEN_A_PAGE_NUMBER = frozenset("0123456789-–—pPsSbB")
_ENTRY_MAX = 300  # characters: an entry of a table of contents is no longer
# "... του ν." wrapped before the law's number: an abbreviation, not the end of a sentence
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:[a-zα-ω]|παρ|περ|αρ|Nr|No|Art|Abs)\.$")
_NO_TITLE_END = frozenset(".;:!?,。；：！？，")


def _title_like(line: str) -> bool:
    """A line of a table of contents: it neither ends a sentence nor runs on (a page number
    may end it) and opens no numbered paragraph."""
    if line[-1] == "-":  # "con-" runs on; "Οδηγών - " divides a wrapped title
        return not line[-2:-1].isalpha()
    if line[-1] in _NO_TITLE_END and not _ABBREVIATION_END.search(line, max(0, len(line) - 8)):
        return False  # (the abbreviation ends the line: only its tail is searched)
    return not is_marker_line(line)


def _contents_entry(text: str, cand: Candidate, end: int) -> bool:
    """A heading that reads like an entry of a table of contents: the rest of its line and the
    lines under it (division headings in capitals aside) are few and short, and the entry
    ends as a title does (its lines before the last may end anyhow: a long title wrapped,
    ``... ιαματικής θεραπείας,`` / ``κέντρων ... 4442/2016``)."""
    total = 0
    last = rest = text[cand.rest_start : cand.line_end].lstrip(" \t.:-–—").rstrip()
    if rest:
        total = len(rest)
        if total > _ENTRY_MAX:
            return False
    pos, lines = cand.line_end + 1, 0
    while pos < end:
        start, stop, _ = next_line(text, pos, end)
        if start >= end:
            break
        line = text[start:stop].strip()
        pos = stop + 1
        if _in_capitals(line):
            continue  # a division heading between two entries ("ΚΕΦΑΛΑΙΟ Γ΄: ...")
        if is_heading_line(line, divisions=False):
            break  # the next entry, though the wrapped title above it hid its position
        if last and not _title_like(last) and not _wrapped(last, line):
            return False  # a line that ends a sentence, then more: prose
        lines += 1
        total += len(line)
        last = line
        if lines > 5 or total > _ENTRY_MAX:
            return False
    return not last or _title_like(last)


def _wrapped(line: str, following: str) -> bool:
    """*line* breaks off where a long title was wrapped: after a comma, or before a line
    that goes on in lower case."""
    return line.endswith(",") or following[:1].islower()


def _without_contents(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop a table of contents: a run of two or more entries (``Article 1 Definitions``,
    ``Article 2 Scope`` ...), at least two and a quarter of whose numbers come again later,
    under the real headings (the others may name articles that later text quotes). The
    heading that ends the run (its last entry, with the preamble under it) goes too when it
    continues the run's numbering and its number also comes again; so does the last of a list
    of bare headings (the others have gone for want of a body) when its number comes again."""
    counts = Counter(c.number for c in chosen)
    if all(n == 1 for n in counts.values()):
        return chosen  # no number comes twice: there is no table of contents to drop
    final = {c.number: at for at, c in enumerate(chosen)}  # where each number comes last
    drop: set[int] = set()
    seen: Counter[str] = Counter()
    for cand in chosen:
        seen[cand.number] += 1
        if cand.listed and seen[cand.number] < counts[cand.number]:
            drop.add(cand.start)  # the last of a list of bare headings, which come again later
    at = 0
    while at < len(chosen):
        run = at
        while run + 1 < len(chosen) and _contents_entry(
            text, chosen[run], chosen[run + 1].line_start
        ):
            run += 1
        entries, last = chosen[at:run], chosen[run]
        # a table of contents lists what comes later; some of its entries may name articles
        # that amendments quote, which come later only inside quotation marks
        again = sum(final[c.number] >= run for c in entries) if len(entries) >= 2 else 0
        if again >= 2 and 4 * again >= len(entries):
            drop.update(c.start for c in entries)
            if is_successor(entries[-1].number, last.number) and final[last.number] > run:
                drop.add(last.start)
        at = run + 1
    return [c for c in chosen if c.start not in drop] if drop else chosen


def _without_repeated_parts(chosen: list[Candidate]) -> list[Candidate]:
    """Drop a chapter-numbered heading (``Article 4.9``) that repeats one before it, unless a
    numbering restarts there (``1.1``, a second language version) or runs on from it: the
    rows of an annex's tables that name the chapter's articles are not articles."""
    seen: set[str] = set()
    kept: list[Candidate] = []
    for cand in chosen:
        repeated = cand.number in seen and len(sort_key(cand.number)) > 1
        seen.add(cand.number)
        if repeated and not (
            is_successor(None, cand.number) or (kept and is_successor(kept[-1].number, cand.number))
        ):
            continue
        kept.append(cand)
    return kept


_RUN_IN_WORDS = "|".join(re.escape(w) for w in sorted(WORDS_BEFORE, key=len, reverse=True))
_RUN_IN = re.compile(
    rf"(?<=[.:;] )(?P<word>{_RUN_IN_WORDS})"
    r"[ ](?P<number>\d{1,3}|[IVXLC]{1,7})(?P<after>\.?[ ](?:\(?\d{1,2}[.)][ ])?(?=[A-Z]))"
)


def run_in_headings(text: str) -> list[Candidate]:
    """Headings run into the text, as in one-line OCR dumps: ``... of them: ARTICLE 1 The ...``
    or ``... ARTICLE 3 1. The High Contracting Parties ...``.

    Used only when no line opens with a heading. A run-in heading follows the end of a
    sentence, is followed by a capital letter (or a paragraph number and a capital), and the
    headings found must number 1, 2, 3 ... or continue each other from the first; at least two
    are needed.
    """
    chosen: list[Candidate] = []
    for m in _RUN_IN.finditer(text):
        number = canonical_number(m.group("number"))
        previous = chosen[-1].number if chosen else None
        if number is None or not is_successor(previous, number):
            continue
        start, rest = m.start(), m.start("after")
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        label = text[start:rest]
        chosen.append(Candidate(start, start, line_end, label, number, Shape.INLINE, rest))
    return chosen if len(chosen) >= 2 else []
