"""The words of article numbering, as data: adding a language is one row of a table.

``ARTICLE_WORDS`` names an article in each language (``Article``, ``Άρθρο``, ``Члан``,
``cikk``); the parser builds its heading patterns from it and ``canonical_number`` reads whole
labels with it. ``LATIN_SUFFIXES`` are the suffixes of inserted articles (``4bis`` ...
``4quinquagies``); the number words are the cardinals and ordinals that print a number.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

__all__ = [
    "ARTICLE_WORDS",
    "LATIN_SUFFIXES",
    "NAMED_ARTICLES",
    "NUMBER_WORDS",
    "SECTION_SIGNS",
    "SUFFIX_RANK",
    "HeadingWords",
    "fold",
    "suffix_spellings",
]


class HeadingWords(NamedTuple):
    """The words that name an article in one language.

    ``words`` are printed as in running text (``Article``, ``Art.``); the parser adds their
    capitals (``ARTICLE``, ``ΑΡΘΡΟ``) itself. Lower-case forms are not headings, except in the
    languages that print the number first (``1. cikk``, ``5 artikla``): ``number_first``.
    ``language`` is an ISO 639-1 code; a word that several rows share names no language.
    """

    language: str
    words: tuple[str, ...]
    number_first: bool = False


#: One row a language. Words shared by several languages (``Article``, ``Art.``) are listed in
#: each; the text's own words then tell the language.
ARTICLE_WORDS: tuple[HeadingWords, ...] = (
    HeadingWords("en", ("Article", "Articles", "Art.")),
    HeadingWords("fr", ("Article", "Art.")),
    HeadingWords("ca", ("Article", "Art.")),
    HeadingWords("es", ("Artículo", "Articulo", "Artículos", "Art.")),
    HeadingWords("pt", ("Artigo", "Art.")),
    HeadingWords("it", ("Articolo", "Art.")),
    HeadingWords("ro", ("Articolul", "Art.")),
    HeadingWords("nl", ("Artikel", "Art.")),
    HeadingWords("de", ("Artikel", "Art.", "Art")),  # "Art 1": the Grundgesetz as published
    HeadingWords("lb", ("Artikel", "Art.")),
    HeadingWords("sv", ("Artikel",)),
    HeadingWords("da", ("Artikel",)),
    HeadingWords("no", ("Artikkel",)),
    HeadingWords("et", ("Artikkel",)),
    HeadingWords("pl", ("Artykuł", "Art.")),
    HeadingWords("cs", ("Článek", "Čl.")),
    HeadingWords("sk", ("Článok", "Čl.")),
    HeadingWords("hr", ("Članak",)),
    HeadingWords("sr", ("Члан", "Član")),
    HeadingWords("bg", ("Член", "Чл.")),
    HeadingWords("ru", ("Статья", "Ст.")),
    HeadingWords("uk", ("Стаття",)),
    HeadingWords("el", ("Άρθρο", "Αρθρο", "Άρθρον")),
    HeadingWords("mt", ("Artikolu",)),
    HeadingWords("ga", ("Airteagal",)),
    HeadingWords("sq", ("Neni",)),
    HeadingWords("tr", ("Madde",)),
    HeadingWords("id", ("Pasal",)),
    HeadingWords("vi", ("Điều",)),
    HeadingWords("hu", ("cikk",), number_first=True),
    HeadingWords("fi", ("artikla",), number_first=True),
    HeadingWords("lv", ("pants",), number_first=True),
    HeadingWords("lt", ("straipsnis",), number_first=True),
    HeadingWords("sl", ("člen",), number_first=True),
    # typing and OCR slips seen in real copies (ToTA)
    HeadingWords("en", ("ARTIICLE",)),
    HeadingWords("es", ("ARTÍÍCULO", "ARTIICULO", "ARTÍTÍCULO", "ARTITICULO")),
)

#: Statutes numbered by the section sign instead of articles: ``§ 1``, ``§ 12a`` (German,
#: Austrian, Czech, Slovak, Danish, Norwegian), ``1 §``, ``2 a §`` (Swedish, Finnish). The parser
#: reads them only in a text with no article heading at all (an article's text may quote a
#: section: ``§ 1 Entmündigung`` in an annex of the Unification Treaty).
SECTION_SIGNS: tuple[HeadingWords, ...] = (
    HeadingWords("", ("§",)),
    HeadingWords("", ("§",), number_first=True),
)

# Latin multiplicative suffixes of inserted articles, in treaty order: 4bis is the second
# Article 4. Italian statutes go on past decies to quinquagies (50); 21 to 29 are "vicies
# semel" ... "vicies novies", and so on for each ten.
_UNITS = ("semel", "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies")
_TEENS = (
    "decies undecies duodecies terdecies quaterdecies quinquiesdecies sexiesdecies "
    "septiesdecies octiesdecies noviesdecies"
).split()
_TENS = {"vicies": 20, "tricies": 30, "quadragies": 40}

#: Every suffix in order, one spelling each (``bis`` = 2 ... ``quinquagies`` = 50); a compound
#: is written without its space (``viciessemel``).
LATIN_SUFFIXES: tuple[str, ...] = (
    *_UNITS[1:],
    *_TEENS,
    *(name for tens in _TENS for name in (tens, *(tens + unit for unit in _UNITS))),
    "quinquagies",
)
#: Rank of every spelling, variants included (``nonies`` = ``novies`` = 9).
SUFFIX_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LATIN_SUFFIXES, start=2)}
SUFFIX_RANK.update(
    nonies=9, quindecies=15, sedecies=16, duodevicies=18, undevicies=19, unvicies=21
)  # fmt: skip


def suffix_spellings() -> list[tuple[str, ...]]:
    """Every suffix as the words it is printed in (``("vicies", "semel")``), longest first."""
    spelled = []
    for name in SUFFIX_RANK:
        tens = next((t for t in _TENS if name.startswith(t) and name != t), None)
        spelled.append((tens, name[len(tens) :]) if tens else (name,))
    return sorted(spelled, key=lambda parts: -len("".join(parts)))


def fold(text: str) -> str:
    """Lower-case and strip accents and ordinal marks: ``Séptimo`` -> ``septimo``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DEGREE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


_DEGREE = str.maketrans("", "", "°º˚ª")

_EN_UNITS = "zero one two three four five six seven eight nine".split()
_EN_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINAL_UNITS = "zeroth first second third fourth fifth sixth seventh eighth ninth".split()
_EN_ORDINAL_TEENS = (
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
    "eighteenth nineteenth"
).split()
_EN_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"

# Spanish, Portuguese and Italian ordinals, folded (accents removed).
_ROMANCE = {
    "primero": 1, "primer": 1, "primo": 1, "primeiro": 1, "segundo": 2, "secondo": 2,
    "tercero": 3, "tercer": 3, "terceiro": 3, "terzo": 3, "cuarto": 4, "quarto": 4,
    "quinto": 5, "sexto": 6, "sesto": 6, "septimo": 7, "setimo": 7, "settimo": 7,
    "octavo": 8, "oitavo": 8, "ottavo": 8, "noveno": 9, "nono": 9, "decimo": 10,
    "undecimo": 11, "duodecimo": 12, "vigesimo": 20, "trigesimo": 30, "cuadragesimo": 40,
    "quadragesimo": 40, "quincuagesimo": 50, "sexagesimo": 60, "septuagesimo": 70,
    "octogesimo": 80, "nonagesimo": 90,
}  # fmt: skip
# Greek ordinals (neuter, as "Άρθρο πρώτο"), folded; the older "-ον" forms are added below.
_GREEK = {
    "πρωτο": 1, "δευτερο": 2, "τριτο": 3, "τεταρτο": 4, "πεμπτο": 5, "εκτο": 6, "εβδομο": 7,
    "ογδοο": 8, "ενατο": 9, "εννατο": 9, "δεκατο": 10, "ενδεκατο": 11, "δωδεκατο": 12,
    "εικοστο": 20, "τριακοστο": 30, "τεσσαρακοστο": 40, "πεντηκοστο": 50, "εξηκοστο": 60,
    "εβδομηκοστο": 70, "ογδοηκοστο": 80, "ενενηκοστο": 90, "εκατοστο": 100, "μονο": 1,
}  # fmt: skip

#: Folded number words and their values; a number in words is the sum of up to three of them
#: (``twenty-one``, ``trigésimo cuarto``, ``δέκατο τρίτο``).
NUMBER_WORDS: dict[str, int] = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "unique": 1, "unico": 1, "only": 1,
    "sole": 1, "erster": 1, "eerste": 1,
}  # fmt: skip
NUMBER_WORDS.update({w: n for n, w in enumerate(_EN_UNITS)})
NUMBER_WORDS.update({w: n for n, w in enumerate(_EN_TEENS.split(), start=10)})
NUMBER_WORDS.update({w: n for n, w in enumerate(_EN_ORDINAL_UNITS)})
NUMBER_WORDS.update({w: n for n, w in enumerate(_EN_ORDINAL_TEENS, start=10)})
NUMBER_WORDS.update({w: n * 10 for n, w in enumerate(_EN_TENS, start=2)})
NUMBER_WORDS.update({w: n * 10 for n, w in enumerate(_EN_ORDINAL_TENS.split(), start=2)})
NUMBER_WORDS.update(_ROMANCE)
NUMBER_WORDS.update(_GREEK)
NUMBER_WORDS.update({w + "ν": n for w, n in _GREEK.items()})

#: Articles named rather than numbered keep their name as their number.
NAMED_ARTICLES = frozenset({"transitorio", "transitoria", "transitoire", "final", "finale"})
