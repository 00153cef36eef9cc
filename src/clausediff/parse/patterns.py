"""The table of patterns that find the lines which may carry structure.

One table of named, line-anchored patterns (``PATTERNS``), the word lists they are built from,
and the pattern that reads the number after an article word. Every pattern is anchored at a
line start, uses bounded repetitions and no nested quantifiers, so a scan is linear in the size
of the text whatever the input (no catastrophic backtracking). Adding a heading word is one
entry in a word list.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator

from clausediff.model import DivisionKind

__all__ = [
    "AFTER_NEWLINE",
    "CJK_DIVISIONS",
    "DIVISION_KIND",
    "FIRST",
    "KO_DIVISIONS",
    "NUMBER",
    "PATTERNS",
    "Shape",
    "at_line_starts",
    "line_start",
]

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
DIVISION_KIND = {
    word: DivisionKind(kind) for kind, words in _DIVISION_WORDS.items() for word in _expand(words)
}
_CJK_NUMERAL = r"[〇零一二三四五六七八九十百千两兩0-9０-９]{1,8}"
_PART, _CHAPTER, _SECTION = DivisionKind.PART, DivisionKind.CHAPTER, DivisionKind.SECTION
CJK_DIVISIONS = {"編": _PART, "编": _PART, "部": _PART, "章": _CHAPTER, "節": _SECTION,
                 "节": _SECTION, "款": _SECTION}  # fmt: skip
KO_DIVISIONS = {"편": _PART, "장": _CHAPTER, "절": _SECTION, "관": _SECTION}

#: The named patterns, in one place. Each matches at a line start (see ``at_line_starts``).
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
    "division": r"[ \t]*(?=" + "|".join(sorted({w[:2] for w in DIVISION_KIND})) + ")"
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
FIRST = {name: re.compile(PATTERNS[name], re.MULTILINE) for name in _SCANNED}
AFTER_NEWLINE = {name: re.compile(f"\n(?:{PATTERNS[name]})", re.MULTILINE) for name in _SCANNED}


def at_line_starts(
    name: str, text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of ``PATTERNS[name]`` that begin at a line start within ``text[start:end]``."""
    end = len(text) if end is None else end
    if start == 0 or text[start - 1] == "\n":
        first = FIRST[name].match(text, start, end)
        if first is not None:
            yield first
    yield from AFTER_NEWLINE[name].finditer(text, start, end)


def line_start(m: re.Match[str]) -> int:
    at = m.start()
    return at + 1 if m.string[at : at + 1] == "\n" else at


# The number right after the article word: digits with suffixes and dotted parts, a roman
# numeral, or up to three words ("ONE", "premier", "trigésimo cuarto"). Applied to at most
# 80 characters of one line.
NUMBER = re.compile(
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


class Shape(enum.StrEnum):
    """What follows a heading's number on its line."""

    BARE = "bare"  # nothing, or only punctuation: "Article 4", "ARTICLE IV."
    TITLED = "titled"  # a title on the same line: "Article 4 - Definitions", "ARTICLE 1.1: Scope"
    INLINE = "inline"  # the article's text on the same line: "Article 1. The Parties ..."
    LOWER = "lower"  # a full stop, then lower case: "ARTICLE 24. the Council", "Artikel 15. l"
    XREF = "xref"  # a cross-reference: "Article 51 of the Charter", "Article 5, an armed ..."
