"""The table of patterns that find the lines which may carry structure.

One table of named, line-anchored patterns (``PATTERNS``), built from word tables: the article
words of every language (``numbering.ARTICLE_WORDS``: adding a language is one row there) and
the division words below. Every pattern is anchored at a line start, uses bounded repetitions
and no nested quantifiers, so a scan is linear in the size of the text whatever the input (no
catastrophic backtracking).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from clausediff.model import DivisionKind
from clausediff.numbering import ARTICLE_WORDS, SECTION_SIGNS
from clausediff.numbering.words import suffix_spellings

__all__ = [
    "AFTER_NEWLINE",
    "BARE_RUN",
    "BARE_RUN_SECTIONS",
    "CJK_DIVISIONS",
    "DIVISION_KIND",
    "FIRST",
    "KO_DIVISIONS",
    "NUMBER",
    "PATTERNS",
    "WORDS_BEFORE",
    "Shape",
    "at_line_starts",
    "line_start",
    "may_match",
]


def _capitals(words: Iterable[str]) -> set[str]:
    """Each word as printed, in capitals, and in capitals without accents (``ARTICULO``)."""
    found: set[str] = set()
    for word in words:
        upper = word.upper()
        plain = "".join(
            c for c in unicodedata.normalize("NFKD", upper) if not unicodedata.combining(c)
        )
        found.update((word, upper, unicodedata.normalize("NFC", plain)))
    return found


_Trie = dict[str, "_Trie"]


def _alternation(words: Iterable[str]) -> str:
    """A regex that matches any of *words*, the longest first (``Articles`` before
    ``Article``), written as a trie (``A(?:rt(?:icles?|\\.)|...)``) so that the engine tests
    each character once rather than once per word."""
    tree: _Trie = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie(tree)


def _trie(node: _Trie) -> str:
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer ones are tried first, then nothing
        return "(?:" + body + ")?" if len(branches) == 1 else body[:-1] + "|)"
    return body


WORDS_BEFORE = _capitals(w for row in ARTICLE_WORDS if not row.number_first for w in row.words)
_WORDS_AFTER = {
    variant
    for row in ARTICLE_WORDS
    if row.number_first
    for w in row.words
    for variant in (w, w.capitalize(), w.upper())
}

# Divisions: the words of each kind, title case; capitals are added. Each kind in English,
# French, Spanish and Catalan, Portuguese, Italian, Dutch, German, Russian, Serbian, Greek.
_DIVISION_WORDS = {
    DivisionKind.BOOK: "Book Livre Libro Llibre Livro Boek Buch Книга",
    DivisionKind.PART: ("Part Partie Parte Teil Deel Часть Део Deo Μέρος"),
    DivisionKind.CHAPTER: (
        "Chapter Chapitre Capítulo Capitulo Capítol Capitolo Capo Hoofdstuk Kapitel Глава "
        "Glava Κεφάλαιο Hlava Rozdział"
    ),
    DivisionKind.SECTION: (
        "Section Sección Seccion Secció Sezione Secção Seção Afdeling Abschnitt "
        "Unterabschnitt Раздел Одељак Odeljak Τμήμα"
    ),
    DivisionKind.TITLE: "Title Titre Título Titulo Títol Titolo Titel",
    DivisionKind.ANNEX: (
        "Annex Appendix Schedule Annexe Anexo Allegato Bijlage Anlage Anhang Приложение Прилог "
        "Prilog Παράρτημα"
    ),
    DivisionKind.PROTOCOL: (
        "Protocol Protocole Protocolo Protocollo Protokoll Протокол Πρωτόκολλο"
    ),
}
DIVISION_KIND = {
    word: kind for kind, words in _DIVISION_WORDS.items() for word in _capitals(words.split())
}
_CJK_NUMERAL = r"[〇零一二三四五六七八九十百千两兩0-9０-９]{1,8}"
_PART, _CHAPTER, _SECTION = DivisionKind.PART, DivisionKind.CHAPTER, DivisionKind.SECTION
CJK_DIVISIONS = {"編": _PART, "编": _PART, "部": _PART, "章": _CHAPTER, "節": _SECTION,
                 "节": _SECTION, "款": _SECTION}  # fmt: skip
KO_DIVISIONS = {"편": _PART, "장": _CHAPTER, "절": _SECTION, "관": _SECTION}

# blanks, a form feed (a new page), a byte-order mark; never given back (a possessive "*+"), so
# a line of a million blanks costs one pass
_LEAD = r"[ \t\f\ufeff]*+"
_LEAD_CJK = r"[ \t\f\ufeff\u3000]*+"
_CJK_SPACE = r"[ \u3000]?"  # Taiwan prints "第 1 條", "第 2-1 條"

#: The named patterns, in one place. Each matches at a line start (see ``at_line_starts``).
PATTERNS: dict[str, str] = {
    # "Article 4", "ARTÍCULO 1-01", "Art. 4bis", "Άρθρο 4", "Члан 4.": the word, then the rest
    # of the line, which must hold more than the word ("Article" alone is no heading)
    "article": _LEAD
    + "(?=["
    + "".join(sorted({w[0] for w in WORDS_BEFORE}))
    + "])(?P<word>"
    + _alternation(WORDS_BEFORE)
    + r")(?=[ \t\u00a0\d.:])(?=[ \t\u00a0]*\S)(?P<after>[^\n]*)",
    # "1. cikk", "5 artikla", "1. člen": the number first
    "article_after": _LEAD
    + r"(?P<nf>\d{1,6}[a-z]?)\.?[ \t\u00a0]+(?P<nfword>"
    + _alternation(_WORDS_AFTER)
    + r")(?![^\W\d_])(?P<after_nf>[^\n]*)",
    # "第四条", "第四條", "第 1 條", "第 2-1 條", "第八條之一", "第三十八条の二": Chinese, Japanese
    "article_cjk": _LEAD_CJK
    + "第"
    + _CJK_SPACE
    + f"(?P<cjk>{_CJK_NUMERAL})"
    + _CJK_SPACE
    + r"(?:[-－][0-9０-９]{1,3}"
    + _CJK_SPACE
    + ")?[条條]"
    + rf"(?:之{_CJK_NUMERAL}|の{_CJK_NUMERAL}(?:の{_CJK_NUMERAL})?)?(?P<after_cjk>[^\n]*)",
    # "제4조", "제4조의2" (Article 4 bis): Korean
    "article_ko": _LEAD_CJK + r"제[ ]?(?P<ko>[0-9]{1,4})[ ]?조(?:의[ ]?[0-9]{1,3})?"
    r"(?P<after_ko>[^\n]*)",
    # a capitalised word that starts like a division word; scan_divisions keeps the real ones
    "division": _LEAD + "(?=" + "|".join(sorted({w[:2] for w in DIVISION_KIND})) + ")"
    r"(?P<dword>[^\W\d_]{3,16})(?=[ \t\u00a0]|$)(?P<after>[^\n]*)",
    "division_cjk": _LEAD_CJK
    + "第"
    + _CJK_SPACE
    + f"(?P<cjk>{_CJK_NUMERAL})"
    + _CJK_SPACE
    + r"(?P<unit>[編编部章節节款])(?P<after>[^\n]*)",
    "division_ko": _LEAD_CJK + r"제[ ]?(?P<ko>[0-9]{1,4})[ ]?(?P<unit>[편장절관])(?P<after>[^\n]*)",
    # numbered paragraphs at a line start: "1." "1)" "(1)" "(a)" "a)" "(iv)"
    # ("3.Drivers": a missing space after the full stop, as in real copies)
    "marker": r"[ \t]*(?=[\d(a-z])(?:(?P<num>\d{1,3})(?:[.)](?=[ \t\u00a0])|\.(?=[A-Z]))"
    r"|\((?P<pnum>\d{1,3})\)|\((?P<alpha>[a-z]{1,2})\)|(?P<alpha2>[a-z])\)(?=[ \t])"
    r"|\((?P<roman>[ivxl]{1,6})\))",
}
# One pass finds every kind of article heading; their group names are distinct.
PATTERNS["article_any"] = "|".join(
    f"(?:{PATTERNS[name]})" for name in ("article", "article_cjk", "article_ko", "article_after")
)
# "§ 1", "§ 12a", "1 §", "2 a §": a statute numbered by sections, read only where no line is an
# article heading; the groups are the article patterns' ("word", "after"; "nf", "nfword")
_SIGNS_BEFORE = sorted({w for row in SECTION_SIGNS if not row.number_first for w in row.words})
_SIGNS_AFTER = sorted({w for row in SECTION_SIGNS if row.number_first for w in row.words})
PATTERNS["section_sign"] = (
    _LEAD
    + "(?:(?P<word>"
    + "|".join(map(re.escape, _SIGNS_BEFORE))
    + r")(?=[ \t\u00a0]*\d)(?P<after>[^\n]*)"
    + r"|(?P<nf>\d{1,6}(?:[ ]?[a-z])?)[ \t\u00a0]*(?P<nfword>"
    + "|".join(map(re.escape, _SIGNS_AFTER))
    + r")(?!\S)(?P<after_nf>[^\n]*))"
)
# Each pattern twice: as is, for the first line, and after a newline, for every other line. A
# pattern that begins with a literal "\n" lets the engine jump from newline to newline, several
# times faster than "^" under re.MULTILINE, which tries every position; and each starts with
# one look at the line's first character, so most lines cost one test, not one per alternative.
_LEAD_CHARS = " \t\f\ufeff\u3000"


def _guard(chars: Iterable[str], extra: str = "", more: str = "") -> str:
    chars = re.escape(_LEAD_CHARS + "".join(sorted(set(chars))))
    return f"(?=[{chars}{extra}]{more})"


_GUARDS = {
    # a number first only as in "1. cikk": digits, blanks, a letter
    "article_any": _guard(
        [w[0] for w in WORDS_BEFORE] + ["第", "제"], more=r"|\d{1,6}[a-z]?\.?[ \t\u00a0]+[^\W\d_]"
    ),
    "section_sign": _guard(
        [w[0] for w in _SIGNS_BEFORE],
        more=r"|\d{1,6}(?:[ ]?[a-z])?[ \t\u00a0]*[" + "".join(w[0] for w in _SIGNS_AFTER) + "]",
    ),
    "division": _guard(w[0] for w in DIVISION_KIND),
    "division_cjk": _guard("第"),
    "division_ko": _guard("제"),
    "marker": _guard("(", r"\da-z"),
}


class _Compiled(dict[str, re.Pattern[str]]):
    """The patterns by name, each compiled when first asked for (compiling all twelve took
    about 15 ms of every command, and a text in Latin script never needs the Chinese or
    Korean ones)."""

    def __init__(self, source: Callable[[str], str]) -> None:
        super().__init__()
        self._source = source

    def __missing__(self, name: str) -> re.Pattern[str]:
        if name not in _GUARDS:
            raise KeyError(name)
        pattern = self[name] = re.compile(self._source(name), re.MULTILINE)
        return pattern


FIRST = _Compiled(lambda name: _GUARDS[name] + PATTERNS[name])
AFTER_NEWLINE = _Compiled(lambda name: f"\n{_GUARDS[name]}(?:{PATTERNS[name]})")


#: A character without which a pattern cannot match (so a text without it needs no search).
_NEEDED = {"division_cjk": "第", "division_ko": "제"}


def may_match(name: str, text: str) -> bool:
    """Whether ``PATTERNS[name]`` can match in *text* at all (false: it lacks a character
    every match holds)."""
    needed = _NEEDED.get(name)
    return needed is None or needed in text


def at_line_starts(
    name: str, text: str, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """Matches of ``PATTERNS[name]`` that begin at a line start within ``text[start:end]``."""
    end = len(text) if end is None else end
    if not may_match(name, text):
        return
    if start == 0 or text[start - 1] == "\n":
        first = FIRST[name].match(text, start, end)
        if first is not None:
            yield first
    yield from AFTER_NEWLINE[name].finditer(text, start, end)


def line_start(m: re.Match[str]) -> int:
    """Where the line of a match begins (after the newline an ``AFTER_NEWLINE`` match holds)."""
    at = m.start()
    return at + 1 if m.string[at : at + 1] == "\n" else at


#: One or more bare heading lines ("Article 12", "ARTICLE XII.") under a line, blank lines
#: between them allowed: a list of headings without bodies. Possessive, so linear.
BARE_RUN = re.compile(
    r"(?:\n(?:[ \t\r]*+\n)*+"
    + _LEAD
    + "(?:"
    + _alternation(WORDS_BEFORE)
    + r")[ \t\u00a0]++(?:\d{1,6}[a-z]?|[IVXLC]{1,8})[.:]?[ \t\r]*+(?=\n|\Z))+"
)
#: The same for section headings ("§ 12", "2 a §").
BARE_RUN_SECTIONS = re.compile(
    r"(?:\n(?:[ \t\r]*+\n)*+"
    + _LEAD
    + r"(?:§[ \t\u00a0]++\d{1,6}[a-z]?|\d{1,6}(?:[ ]?[a-z])?[ \t\u00a0]*+§)"
    + r"[.:]?[ \t\r]*+(?=\n|\Z))+"
)

# Latin suffixes of inserted articles as printed: "bis", "vicies semel", "vicies-semel"
# (in lower case or capitals: "Artikel 2 Ter verbetering" is Dutch for "in order to improve")
# (written as a trie, the longest first as before: the pattern compiles in half the time)
_SUFFIXES = _alternation("\x00".join(parts) for parts in suffix_spellings()).replace(
    "\x00", r"[ \-]?"
)
_SUFFIXES_ANY = _SUFFIXES + "|" + _SUFFIXES.upper()

# The number right after the article word: digits with suffixes and dotted parts, a roman
# numeral, or up to three words ("ONE", "premier", "trigésimo cuarto", "δέκατο τρίτο").
# Applied to at most 80 characters of one line.
NUMBER = re.compile(
    r"[ \t\u00a0]*(?:"
    # a French (and Luxembourg) code's article: its book letter (legislative, regulatory,
    # decree, order; LO organic), then the number: "L1121-1", "R*123-4", "L. 121-1", "LO. 132"
    # ("L. 5" stays the roman 50 and its paragraph 5: the dotted form needs a dash)
    r"(?P<code>(?:LO|[LRDA])\*?(?:\d{1,6}(?:-\d{1,4}){0,3}|\.[ ]?\d{1,6}(?:-\d{1,4}){1,3})"
    r"|LO\.[ ]?\d{1,6})(?![^\W_])"
    r"|(?P<digits>\d{1,6}"
    # 4bis, 4 bis, 4-BIS, 35. bis, 102-undecies; 1er, 1st, 1ο, 1er A; 4A, 4-a, 5Α; "5 A" only
    # alone at the end of the line, since "Article 5 A Member of ..." is Article 5 whose text
    # begins "A Member"
    rf"(?:[ \-]?(?:{_SUFFIXES_ANY})(?![^\W\d_])|\.[ ](?:{_SUFFIXES})(?![^\W\d_])"
    r"|(?:er|re|ER|st|nd|rd|th|ο)(?:[ ][A-Z](?=[ \t]*[.:]?[ \t\r]*$))?(?![^\W\d_])"
    r"|-?[^\W\d_](?![^\W\d_])|[ ][A-Za-z](?=[ \t]*[.:]?[ \t\r]*$))?"
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
