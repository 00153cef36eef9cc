"""Find the lines that may carry structure: one table of named, line-anchored patterns.

This module knows how headings *look*; ``parse`` decides which of them *are* headings. Every
pattern is anchored at a line start, uses bounded repetitions and no nested quantifiers, so a
scan is linear in the size of the text whatever the input (no catastrophic backtracking).

A scan yields plain tuples rather than model objects: a 20 MB text has hundreds of thousands
of candidate lines, and the parser throws most of them away.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from clausediff.numbering import canonical_number, cjk_to_int, roman_to_int, sub_number_suffix

__all__ = [
    "PATTERNS",
    "Candidate",
    "Marker",
    "Shape",
    "is_heading_line",
    "is_marker_line",
    "scan_divisions",
    "scan_headings",
    "scan_markers",
]

# Words that open an article heading, as printed: English/French, Spanish (with the OCR
# doubling seen in real copies: "ARTÍÍCULO"), Dutch/German, Italian, Portuguese, Russian.
_ARTICLE_WORDS = (
    r"ARTICLES?|Articles?|ART\.|Art\.|ART[IÍ]{1,2}(?:T[IÍ])?CULOS?|Art[ií]culos?|ARTIKEL|Artikel"
    r"|ARTICOLO|Articolo|ARTIGO|Artigo|СТАТЬЯ|Статья|Ст\.|ARTIICLE"
)


def _expand(alternatives: str) -> list[str]:
    """Spell out ``SECCI[OÓ]N|Secci[oó]n`` as the literal words it matches."""
    words = [""]
    for piece in re.split(r"(\[[^\]]+\])", alternatives):
        if piece.startswith("["):
            words = [w + c for w in words for c in piece[1:-1]]
        else:
            words = [w + piece for w in words]
    return [w for word in words for w in word.split("|") if w]


_DIVISION_WORDS = {
    "part": r"PART|Part|PARTIE|Partie|PARTE|Parte|TEIL|Teil|ЧАСТЬ|Часть|DEEL|Deel",
    "chapter": r"CHAPTER|Chapter|CHAPITRE|Chapitre|CAP[IÍ]TULO|Cap[ií]tulo|CAPITOLO|Capitolo"
    r"|HOOFDSTUK|Hoofdstuk|KAPITEL|Kapitel|ГЛАВА|Глава",
    "section": r"SECTION|Section|SECCI[OÓ]N|Secci[oó]n|SEZIONE|Sezione|SEC[CÇ][AÃ]O|Se[cç][aã]o"
    r"|AFDELING|Afdeling|ABSCHNITT|Abschnitt|РАЗДЕЛ|Раздел",
    "title": r"TITLE|Title|TITRE|Titre|T[IÍ]TULO|T[ií]tulo|TITOLO|Titolo|TITEL|Titel",
    "annex": r"ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|ANNEXE|Annexe|ANEXO|Anexo"
    r"|ALLEGATO|Allegato|BIJLAGE|Bijlage|ANLAGE|Anlage|ПРИЛОЖЕНИЕ|Приложение",
    "protocol": r"PROTOCOL|Protocol|PROTOCOLE|Protocole|PROTOCOLO|Protocolo|PROTOCOLLO|Protocollo"
    r"|PROTOCOL|PROTOKOLL|Protokoll|ПРОТОКОЛ|Протокол",
}
_DIVISION_KIND = {word: kind for kind, words in _DIVISION_WORDS.items() for word in _expand(words)}
_CJK_NUMERAL = r"[〇零一二三四五六七八九十百千两兩0-9０-９]{1,8}"
_CJK_DIVISIONS = {"編": "part", "编": "part", "部": "part", "章": "chapter", "節": "section",
                  "节": "section", "款": "section"}  # fmt: skip
_KO_DIVISIONS = {"편": "part", "장": "chapter", "절": "section", "관": "section"}

#: The named patterns, in one place. Each matches at a line start (see ``_at_line_starts``).
PATTERNS: dict[str, str] = {
    # "Article 4", "ARTÍCULO 1-01", "Art. 4bis", "Статья 4": the word, then the rest of the line
    "article": rf"[ \t]*(?=[AaСс])(?P<word>{_ARTICLE_WORDS})"
    # a word boundary, then something more on the line: "Article" alone is no heading; and
    # no article number has five digits ("Article 12345" is a count, a code or noise)
    r"(?=[ \t\u00a0\d.:])(?=[ \t\u00a0]*\S)(?![ \t\u00a0]*\d{5})(?P<after>[^\n]*)",
    # "第四条", "第四條", "第4条": Chinese and Japanese
    # "第八條之二" is Article 8 bis
    "article_cjk": rf"[ \t\u3000]*第(?P<cjk>{_CJK_NUMERAL})[条條]"
    r"(?:之(?P<cjksub>[二三四五六七八九十]{1,2}))?(?P<after_cjk>[^\n]*)",
    # "제4조", "제4조의2" (Article 4 bis): Korean
    "article_ko": r"[ \t\u3000]*제[ ]?(?P<ko>[0-9]{1,4})[ ]?조(?:의[ ]?(?P<kosub>[0-9]{1,3}))?"
    r"(?P<after_ko>[^\n]*)",
    # a capitalised word that starts like a division word; scan_divisions keeps the real ones
    "division": r"[ \t]*(?=" + "|".join(sorted({w[:2] for w in _DIVISION_KIND})) + ")"
    r"(?P<dword>[^\W\d_]{3,12})(?=[ \t\u00a0]|$)(?P<after>[^\n]*)",
    "division_cjk": rf"[ \t\u3000]*第(?P<cjk>{_CJK_NUMERAL})(?P<unit>[編编部章節节款])"
    r"(?P<after>[^\n]*)",
    "division_ko": r"[ \t\u3000]*제[ ]?(?P<ko>[0-9]{1,4})[ ]?(?P<unit>[편장절관])(?P<after>[^\n]*)",
    # numbered paragraphs at a line start: "1." "1)" "(1)" "(a)" "a)" "(iv)"
    # ("3.Drivers": a missing space after the full stop, as in real copies)
    "marker": r"[ \t]*(?=[\d(a-z])(?:(?P<num>\d{1,3})(?:[.)](?=[ \t\u00a0])|\.(?=[A-Z]))"
    r"|\((?P<pnum>\d{1,3})\)|\((?P<alpha>[a-z]{1,2})\)|(?P<alpha2>[a-z])\)(?=[ \t])"
    r"|\((?P<roman>[ivxl]{1,6})\))",
}
# One pass finds all three kinds of article heading; their group names are distinct.
PATTERNS["article_any"] = "|".join(
    f"(?:{PATTERNS[name]})" for name in ("article", "article_cjk", "article_ko")
)
# Each pattern twice: as is, for the first line, and after a newline, for every other line. A
# pattern that begins with a literal "\n" lets the engine jump from newline to newline, several
# times faster than "^" under re.MULTILINE, which tries every position.
_SCANNED = ("article_any", "division", "division_cjk", "division_ko", "marker")
_FIRST = {name: re.compile(PATTERNS[name], re.MULTILINE) for name in _SCANNED}
_AFTER_NEWLINE = {name: re.compile(f"\n(?:{PATTERNS[name]})", re.MULTILINE) for name in _SCANNED}


def _at_line_starts(
    name: str, text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of ``PATTERNS[name]`` that begin at a line start within ``text[start:end]``."""
    end = len(text) if end is None else end
    if start == 0 or text[start - 1] == "\n":
        first = _FIRST[name].match(text, start, end)
        if first is not None:
            yield first
    yield from _AFTER_NEWLINE[name].finditer(text, start, end)


def _line_start(m: re.Match[str]) -> int:
    at = m.start()
    return at + 1 if m.string[at : at + 1] == "\n" else at


# The number right after the article word: digits with suffixes and dotted parts, a roman
# numeral, or up to three words ("ONE", "premier", "trigésimo cuarto"). Applied to at most
# 80 characters of one line.
_NUMBER = re.compile(
    r"[ \t\u00a0]*(?:"
    r"(?P<digits>\d{1,4}"
    # 4bis, 4 bis, 4-BIS; 1er, 1st; 4A, 4-a; "5 A" only alone at the end of the line, since
    # "Article 5 A Member of ..." is Article 5 whose text begins "A Member"
    r"(?:[ \-]?(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies|BIS|TER"
    r"|QUATER)(?![A-Za-z])|(?:er|re|ER|st|nd|rd|th)(?![A-Za-z])|-?[A-Za-z](?![A-Za-z])"
    r"|[ ][A-Za-z](?=[ \t]*[.:]?[ \t\r]*$))?"
    r"(?:[.\-]\d{1,4}(?:bis|ter|quater|[A-Za-z])?(?![A-Za-z])){0,4}[°º˚]?)"
    r"|(?P<roman>[IVXLC]{1,8}(?:\.\d{1,4}){1,3}|[ivxlc]{1,8}(?:\.\d{1,4}){1,3})"
    r"|(?P<words>[^\W\d_]{1,14}(?:[ \-][^\W\d_]{1,14}){0,2})"
    r")"
)


class Shape:
    """What follows a heading's number on its line (a small enum of strings)."""

    BARE = "bare"  # nothing, or only punctuation: "Article 4", "ARTICLE IV."
    TITLED = "titled"  # a title on the same line: "Article 4 - Definitions", "ARTICLE 1.1: Scope"
    INLINE = "inline"  # the article's text on the same line: "Article 1. The Parties ..."
    LOWER = (
        "lower"  # a full stop, then lower case: "ARTICLE 24. the Council", "Artikel 15. l. Deze"
    )
    XREF = "xref"  # a cross-reference: "Article 51 of the Charter", "Article 5, an armed ..."


class Candidate(NamedTuple):
    """A line that looks like an article heading."""

    start: int  # offset of the label's first character
    line_start: int
    line_end: int
    label: str  # the heading as printed, up to and including the number
    number: str  # canonical number
    shape: str
    rest_start: int  # offset where the text after the number begins


class Marker(NamedTuple):
    """A paragraph marker at a line start."""

    start: int
    end: int
    line_start: int
    label: str
    level: int
    value: str  # "3", "c", "iv"


def is_heading_line(line: str) -> bool:
    """Tell whether *line* (one line of text) opens with an article or division heading."""
    for name in ("article_any", "division", "division_cjk", "division_ko"):
        m = _FIRST[name].match(line)
        if m is None:
            continue
        if name == "division":
            if m.group("dword") in _DIVISION_KIND:
                return True
            continue
        if name == "article_any" and m.group("word") is not None:
            parsed = _parse_number(m.group("after"))
            return parsed is not None and _shape(line[m.start("after") + parsed[2] :]) != Shape.XREF
        return True
    return False


def is_marker_line(line: str) -> bool:
    """Tell whether *line* opens with a paragraph marker: ``1.``, ``(a)``, ``(iv)``."""
    return _FIRST["marker"].match(line) is not None


def _shape(after: str) -> str:
    """Classify the text that follows a heading's number on the same line."""
    s = after.strip(" \t\u00a0\r")
    if not s:
        return Shape.BARE
    head = s[0]
    if head == ":" and s[1:2].isdigit():
        return Shape.XREF  # GATT-style pinpoint: "Article XXIV:8", "Article I:3"
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
    if head == "(":
        close = s.find(")")
        # "Article 5 (Definitions)" alone on its line is a title; "Article 5 (c) of" is not
        if close > 3 and not s[close + 1 :].strip() and s[1:2].isupper():
            return Shape.TITLED
        return Shape.XREF
    if head.isupper():
        return Shape.TITLED
    return Shape.XREF


def _parse_number(after: str) -> tuple[str, str, int] | None:
    """Split the start of *after* into (printed number, canonical number, length consumed)."""
    m = _NUMBER.match(after, 0, 80)
    if m is None:
        return None
    if m.group("digits") or m.group("roman"):
        printed = m.group("digits") or m.group("roman")
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


@functools.lru_cache(maxsize=256)
def _repeats(line: str) -> re.Pattern[str]:
    """A line repeated, each time on a line of its own, one or more times."""
    return re.compile("(?:\n" + re.escape(line) + "(?=\n|$))+")


def scan_headings(text: str) -> list[Candidate]:
    """Return every line that looks like an article heading, in text order."""
    found: list[Candidate] = []
    # A line seen before reads the same again: reuse its reading (offsets relative to the
    # line). Cheap, and it keeps a text of one heading repeated 100,000 times linear and fast.
    seen: dict[str, tuple[int, int, str, str, str] | None] = {}
    search = _AFTER_NEWLINE["article_any"].search
    m = _FIRST["article_any"].match(text) or search(text)
    while m is not None:
        cur = m
        pos = _line_start(cur)
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
        if line in seen:
            known = seen[line]
            if known is not None:
                label_at, rest_at, label, number, shape = known
                found.append(
                    _new(
                        Candidate,
                        (pos + label_at, pos, line_end, label, number, shape, pos + rest_at),
                    )
                )
            continue
        seen[line] = None
        is_word = cur.group("word") is not None
        if is_word:
            after_start = cur.start("after")
            parsed = _parse_number(cur.group("after"))
            if parsed is None:
                continue
            _printed, number, used = parsed
            rest_start = after_start + used
            label_start = cur.start("word")
        elif cur.group("cjk") is not None:
            value = cjk_to_int(cur.group("cjk"))
            if value is None:
                continue
            number = str(value)
            if cur.group("cjksub"):
                number += sub_number_suffix(cjk_to_int(cur.group("cjksub")) or 0) or ""
            rest_start = cur.start("after_cjk")
            label_start = cur.start("cjk") - 1
        else:
            number = str(int(cur.group("ko")))
            if cur.group("kosub"):
                number += (
                    sub_number_suffix(int(cur.group("kosub"))) or f"-{int(cur.group('kosub'))}"
                )
            rest_start = cur.start("after_ko")
            label_start = text.rindex("제", pos, cur.start("ko"))
        rest = text[rest_start:line_end]
        shape = _shape(rest) if is_word else _cjk_shape(rest)
        label = text[label_start:rest_start].rstrip()
        seen[line] = (label_start - pos, rest_start - pos, label, number, shape)
        found.append(Candidate(label_start, pos, line_end, label, number, shape, rest_start))
    return found


def _cjk_shape(after: str) -> str:
    s = after.strip(" \t\u3000\r")
    if not s:
        return Shape.BARE
    if s[0] in "(（【[":
        return Shape.TITLED
    if after[:1] in " \t\u3000":
        return Shape.INLINE
    # "第五十一條規定" runs straight into a sentence: a reference, not a heading
    return Shape.XREF


def scan_divisions(text: str) -> list[tuple[int, int, str, str | None]]:
    """Return (start, line_end, kind, canonical number) for lines that look like divisions."""
    found: list[tuple[int, int, str, str | None]] = []
    for m in _at_line_starts("division", text):
        kind = _DIVISION_KIND.get(m.group("dword"))
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
    for m in _at_line_starts("division_cjk", text):
        value = cjk_to_int(m.group("cjk"))
        if value is not None and _cjk_shape(m.group("after")) != Shape.XREF:
            kind = _CJK_DIVISIONS[m.group("unit")]
            found.append((m.start("cjk") - 1, m.end(), kind, str(value)))
    for m in _at_line_starts("division_ko", text):
        if _cjk_shape(m.group("after")) != Shape.XREF:
            kind = _KO_DIVISIONS[m.group("unit")]
            found.append((m.start("ko") - 1, m.end(), kind, str(int(m.group("ko")))))
    found.sort()
    return found


def scan_markers(text: str, start: int, end: int) -> list[Marker]:
    """Return paragraph markers at line starts within ``text[start:end]``."""
    found: list[Marker] = []
    for m in _at_line_starts("marker", text, start, end):
        if m.group("num") is not None:
            level, value, group = 0, str(int(m.group("num"))), "num"
        elif m.group("pnum") is not None:
            level, value, group = 0, str(int(m.group("pnum"))), "pnum"
        elif m.group("alpha") is not None:
            level, value, group = 1, m.group("alpha"), "alpha"
        elif m.group("alpha2") is not None:
            level, value, group = 1, m.group("alpha2"), "alpha2"
        else:
            level, value, group = 2, m.group("roman"), "roman"
        label_start = m.start(group)
        if group in ("pnum", "alpha", "roman"):
            label_start -= 1
        found.append(
            Marker(label_start, m.end(), _line_start(m), text[label_start : m.end()], level, value)
        )
    return found
