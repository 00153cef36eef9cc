"""Find the lines that look like article headings, divisions and paragraph markers.

This module knows how headings *look* (with the table of ``patterns``); ``document`` decides
which of them *are* headings. A scan yields plain tuples rather than model objects: a 20 MB
text has hundreds of thousands of candidate lines, and the parser throws most of them away.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from clausediff.model import DivisionKind
from clausediff.numbering import (
    canonical_number,
    cjk_number,
    cjk_to_int,
    roman_to_int,
    sub_number_suffix,
)
from clausediff.parse.patterns import (
    AFTER_NEWLINE,
    BARE_RUN,
    BARE_RUN_SECTIONS,
    CJK_DIVISIONS,
    DIVISION_KIND,
    FIRST,
    KO_DIVISIONS,
    NUMBER,
    Shape,
    at_line_starts,
    line_start,
    may_match,
)

__all__ = [
    "Candidate",
    "Marker",
    "is_heading_line",
    "is_marker_line",
    "scan_divisions",
    "scan_headings",
    "scan_markers",
]


class Candidate(NamedTuple):
    """A line that looks like an article heading."""

    start: int  # offset of the label's first character
    line_start: int
    line_end: int
    label: str  # the heading as printed, up to and including the number
    number: str  # canonical number
    shape: Shape
    rest_start: int  # offset where the text after the number begins
    listed: bool = False  # the last line of a list of bare headings (no body between them)


class Marker(NamedTuple):
    """A paragraph marker at a line start."""

    start: int
    end: int
    line_start: int
    label: str
    level: int
    value: str  # "3", "c", "iv"


def is_heading_line(line: str, *, divisions: bool = True) -> bool:
    """Tell whether *line* (one line of text) opens with an article or (unless *divisions*
    is false) a division heading."""
    names = (
        ("article_any", "division", "division_cjk", "division_ko")
        if divisions
        else ("article_any",)
    )
    for name in names:
        m = FIRST[name].match(line) if may_match(name, line) else None
        if m is None:
            continue
        if name == "division":
            if m.group("dword") in DIVISION_KIND:
                return True
            continue
        if name == "article_any":
            reading = _read_heading(m, line)
            if reading is None:
                return False
            rest = line[reading[1] :]
            return (_shape(rest) if reading[3] else _cjk_shape(rest)) != Shape.XREF
        return True
    return False


def is_marker_line(line: str) -> bool:
    """Tell whether *line* opens with a paragraph marker: ``1.``, ``(a)``, ``(iv)``."""
    return FIRST["marker"].match(line) is not None


def _shape(after: str) -> Shape:
    """Classify the text that follows a heading's number on the same line."""
    s = after.strip(" \t\u00a0\r")
    if not s:
        return Shape.BARE
    head = s[0]
    if head == ":" and s[1:2].isdigit():
        return Shape.XREF  # GATT-style pinpoint: "Article XXIV:8", "Article I:3"
    if head == "." and after[:1] == "." and s[1:2].isalnum() and s[2:3] in ".:":
        return Shape.XREF  # a pinpoint into the article: "Article VI.J.1: ...", "Article I.A.1"
    if head in ".:":
        s = s[1:].lstrip(" \t\u00a0\r")
        if not s:
            return Shape.BARE
        if s[0] in "-–—":
            return Shape.TITLED if head == ":" else Shape.INLINE
        if s[0].islower():
            if s[1:2] in (")", "."):  # "Article 4. a) Celui qui": a paragraph marker
                return Shape.INLINE
            return Shape.LOWER if head == "." else Shape.XREF
        return Shape.TITLED if head == ":" else Shape.INLINE
    if head in "-–—":
        rest = s.lstrip("-–— \t")
        return Shape.TITLED if rest[:1].isupper() or not rest else Shape.XREF
    if head in "([":
        close = s.find(")" if head == "(" else "]")
        # "Article 5 (Definitions)" and "Art. 1 [Errichtung der Organisation]" alone on their
        # line are titles; "Article 5 (c) of" is not
        inside = s[1:close]
        # "(Definitions)"; "(weggefallen)", "(deleted)": a lower-case word, never "(iii)"
        titled = inside[:1].isupper() or (inside.isalpha() and not roman_to_int(inside))
        if close > 3 and not s[close + 1 :].strip() and titled:
            return Shape.TITLED
        return Shape.XREF
    if head.isupper():
        return Shape.XREF if _REFERENCE_GOES_ON.match(s) else Shape.TITLED
    return Shape.XREF


# After an article's number, the words that carry a reference on: "Artikel 9 Absatz 1 ist ...",
# "Art. 12 Abs. 2", "Article 5 TEU shall ...", "Artikel 3 GG gilt" (an abbreviated law's name
# followed by a lower-case word): never a title.
_REFERENCE_GOES_ON = re.compile(
    r"(?:Absatz|Absätze|Abs\.|Satz|Sätze|Nummer|Nummern|Nr\.|Buchstabe|Buchstaben|Buchst\."
    r"|Unterabsatz|Unterabsätze|Ziffer|Halbsatz|Paragraph|Paragraphs|Alinea|Lid)(?:[ \t\u00a0]|$)"
    r"|[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,4}[A-Z][ \t\u00a0]+[a-zäöüß]"
)


def _parse_number(after: str) -> tuple[str, str, int] | None:
    """Split the start of *after* into (printed number, canonical number, length consumed)."""
    m = NUMBER.match(after, 0, 80)
    if m is None:
        return None
    if m.group("digits") or m.group("roman") or m.group("code"):
        printed = m.group("digits") or m.group("roman") or m.group("code")
        if printed.isdecimal():  # plain digits, the commonest by far: no need to read further
            return printed, str(int(printed)), m.end()
        canonical = canonical_number(printed)
        if canonical is None:
            return None
        return printed, canonical, m.end()
    words = m.group("words")
    first = re.split(r"[ \-]", words, maxsplit=1)[0]
    if len(first) > 1 and not (first.isupper() or first.islower()) and roman_to_int(first):
        return None  # "Article Xix Of The Gatt": a title-cased line, not a roman numeral
    # try "trigésimo cuarto" before "trigésimo", and never let a word swallow what follows
    pieces = re.split(r"([ \-])", words)
    for count in range(len(pieces), 0, -2):
        printed = "".join(pieces[:count])
        canonical = canonical_number(printed)
        if canonical is not None:
            return printed, canonical, m.start("words") + len(printed)
    return None


_new = tuple.__new__  # a NamedTuple's own __new__ is a Python function: slower
_NON_BLANK = re.compile(r"\S")


@functools.lru_cache(maxsize=256)
def _repeats(line: str) -> re.Pattern[str]:
    """A line repeated, each time on a line of its own, one or more times."""
    return re.compile("(?:\n" + re.escape(line) + "(?=\n|$))+")


def scan_headings(text: str, kind: str = "article_any") -> list[Candidate]:
    """Return every line that looks like an article heading, in text order (*kind*
    ``section_sign``: every line that looks like a section heading, ``§ 1``)."""
    found: list[Candidate] = []
    # A line seen before reads the same again: reuse its reading (offsets relative to the
    # line). Cheap, and it keeps a text of one heading repeated 100,000 times linear and fast.
    seen: dict[str, tuple[int, int, str, str, Shape] | None] = {}
    search = AFTER_NEWLINE[kind].search
    bare_run = BARE_RUN if kind == "article_any" else BARE_RUN_SECTIONS
    m = FIRST[kind].match(text) or search(text)
    listed = False  # the line is the last of a list of bare headings
    while m is not None:
        cur = m
        pos = line_start(cur)
        line_end = cur.end()
        line = text[pos:line_end]
        # the same line repeated right after (a doubled heading, 100,000 times in hostile
        # input) is one heading: skip the repeats in one step
        after = line_end
        if text.startswith("\n" + line, line_end):
            repeats = _repeats(line).match(text, line_end)
            if repeats is not None:
                after = repeats.end()
        m = search(text, after)
        if line not in seen:
            seen[line] = _reading(cur, text, pos)
        known = seen[line]
        if known is None:
            continue
        label_at, rest_at, label, number, shape = known
        if shape == Shape.BARE:
            # bare headings one under the other (a list, or 100,000 lines of them): none but
            # the last has a body, so none but the last is read, and that in one step
            run = bare_run.match(text, after)
            if run is not None:
                last = text.rfind("\n", after, run.end())
                m = search(text, last)
                # a list: three or more of them (two may be a reference and a heading)
                listed = _NON_BLANK.search(text, after, last) is not None
                continue
        found.append(
            _new(
                Candidate,
                (pos + label_at, pos, line_end, label, number, shape, pos + rest_at, listed),
            )
        )
        listed = False
    return _treaty_style_inserted(found)


def _treaty_style_inserted(found: list[Candidate]) -> list[Candidate]:
    """Renumber ``第八條之二`` as ``8bis`` where the text is a treaty's Chinese version.

    Statutes of China and Taiwan number the first article inserted after Article 15
    ``第十五條之一`` (printed ``第 15-1 條``): 15bis. The Chinese texts of UN treaties call
    Article 8 bis ``第八條之二`` and have no ``之一``. A text with ``之`` headings and none
    ``之一`` (nor a dashed one) is read the treaty way.
    """
    inserted = [c for c in found if "之" in c.label or ("-" in c.label and "第" in c.label)]
    if not inserted or any("-" in c.label or c.label.endswith(("之一", "之1")) for c in inserted):
        return found
    renumbered = {}
    for cand in inserted:
        head, _, sub = cand.label.rpartition("之")
        base, value = cjk_number(head), cjk_to_int(sub)
        suffix = sub_number_suffix(value) if value else None
        if base is not None and suffix is not None:
            renumbered[cand.start] = cand._replace(number=base + suffix)
    return [renumbered.get(c.start, c) for c in found]


def _reading(m: re.Match[str], text: str, pos: int) -> tuple[int, int, str, str, Shape] | None:
    """A heading line's label and rest offsets (relative to the line at *pos*), its label,
    canonical number and shape; ``None`` when it has no number."""
    reading = _read_heading(m, text)
    if reading is None:
        return None
    label_start, rest_start, number, is_word = reading
    rest = text[rest_start : m.end()]
    shape = _shape(rest) if is_word else _cjk_shape(rest)
    label = text[label_start:rest_start].rstrip()
    return label_start - pos, rest_start - pos, label, number, shape


def _read_heading(m: re.Match[str], text: str) -> tuple[int, int, str, bool] | None:
    """Where a heading match's label starts, where its rest starts, its canonical number, and
    whether it is worded (``Article 4``) rather than CJK (``第四條``); ``None``: no number."""
    if m.group("word") is not None:
        after = m.group("after")
        # "Article. I." (the US Constitution's transcript): a full stop after the word
        skip = 1 if after[:2] == ". " and not m.group("word").endswith(".") else 0
        parsed = _parse_number(after[skip:])
        if parsed is None:
            return None
        return m.start("word"), m.start("after") + skip + parsed[2], parsed[1], True
    if m.group("nf") is not None:
        number = canonical_number(m.group("nf"))
        if number is None:
            return None
        return m.start("nf"), m.end("nfword"), number, True
    if m.group("after_cjk") is not None:
        label_start, rest_start = m.start("cjk"), m.start("after_cjk")
        label_start = text.rindex("第", m.start(), label_start)
    else:
        rest_start = m.start("after_ko")
        label_start = text.rindex("제", m.start(), m.start("ko"))
    number = cjk_number(text[label_start:rest_start])
    return None if number is None else (label_start, rest_start, number, False)


_CJK_CLOSING = {"(": ")", "（": "）", "【": "】", "[": "]"}


def _cjk_shape(after: str) -> Shape:
    s = after.strip(" \t\u3000\r")
    if not s:
        return Shape.BARE
    if s[0] in _CJK_CLOSING:
        # "제4조의2(건축위원회의 건축 심의 등) ① ...": a title, then the text after a space;
        # "第百八条（現住建造物等放火）及び第百九条": a reference with the article's caption
        close = s.find(_CJK_CLOSING[s[0]])
        if close == -1 or close + 1 == len(s) or s[close + 1] in " \t\u3000":
            return Shape.TITLED
        return Shape.XREF
    if after[:1] in " \t\u3000":
        return Shape.INLINE
    # "第五十一條規定" runs straight into a sentence: a reference, not a heading
    return Shape.XREF


def scan_divisions(text: str) -> list[tuple[int, int, DivisionKind, str | None]]:
    """Return (start, line_end, kind, canonical number) for lines that look like divisions."""
    found: list[tuple[int, int, DivisionKind, str | None]] = []
    for m in at_line_starts("division", text):
        kind = DIVISION_KIND.get(m.group("dword"))
        if kind is None:
            continue
        after = m.group("after").strip()
        number = None
        if after:
            token = re.split(r"[ \t\u00a0:.\-–—]+", after, maxsplit=1)[0]
            number = canonical_number(token) if token else None
            if number is None and after[:1].islower():
                continue  # "Part of the ...", "Section shall ..."
        if len(after) > 160:
            continue
        found.append((m.start("dword"), m.end(), kind, number))
    for m in at_line_starts("division_cjk", text):
        value = cjk_to_int(m.group("cjk"))
        if value is not None and _cjk_shape(m.group("after")) != Shape.XREF:
            kind = CJK_DIVISIONS[m.group("unit")]
            found.append((m.start("cjk") - 1, m.end(), kind, str(value)))
    for m in at_line_starts("division_ko", text):
        if _cjk_shape(m.group("after")) != Shape.XREF:
            kind = KO_DIVISIONS[m.group("unit")]
            found.append((m.start("ko") - 1, m.end(), kind, str(int(m.group("ko")))))
    found.sort()
    return found


def scan_markers(text: str, start: int, end: int) -> list[Marker]:
    """Return paragraph markers at line starts within ``text[start:end]``."""
    found: list[Marker] = []
    for m in at_line_starts("marker", text, start, end):
        group = m.lastgroup or "roman"  # the one group that matched: num, pnum, alpha ...
        value = m.group(group)
        if group in _NUMBERED:
            level, value = 0, str(int(value))
        else:
            level = 1 if group in _LETTERED else 2
        # "(1)", "(a)", "(iv)": the label takes in the opening bracket
        label_start = m.start(group) - (group in _BRACKETED)
        label = text[label_start : m.end()]
        found.append(_new(Marker, (label_start, m.end(), line_start(m), label, level, value)))
    return found


_NUMBERED = frozenset(("num", "pnum"))
_LETTERED = frozenset(("alpha", "alpha2"))
_BRACKETED = frozenset(("pnum", "alpha", "roman"))
