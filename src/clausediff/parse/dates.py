"""The date a treaty was done, read from its testimonium: ``Done at Washington, this fourth
day of April 1949``, ``Fait à Paris le 4 octobre 1958``, ``Hecho en Río de Janeiro, a los dos
días del mes de septiembre de mil novecientos cuarenta y siete``, ``Совершено в Ташкенте 15
мая 1992 года``, ``一九六一年七月十一日订于北京``, ``2024년 6월 19일 평양에서``.

After each testimonium opener (``Done at``, ``Fait à``, ``Hecho en``, ``Geschehen zu``,
``Gedaan te``, ``Feito em``, ``Fatto a``, ``Совершено в`` ...), the next few lines are read as
words: a month name, the day before it and the year after it, each in figures (``4``,
``27th``, ``1er``) or in words of English, French, Spanish, Portuguese, Italian, German or
Dutch (``twenty-seventh``, ``mil neuf cent quarante-neuf``, ``two thousand and nine``).
Chinese, Japanese and Korean dates (``年月日``, ``년 월 일``) are read near the end of the text.
"""

from __future__ import annotations

import datetime
import re

from clausediff.numbering import cjk_to_int

__all__ = ["read_testimonium_date"]

# Case matters: a testimonium opens a sentence ("Done at", "DONE at"); "done in a manner"
# is prose.
_OPENERS = re.compile(
    r"\b(?:Done|DONE)\s+(?:at|in|AT|IN)\b|\b(?:Fait|FAIT)\s+(?:à|a|en|À|A|EN)\b"
    r"|\b(?:Hecho|HECHO)\s+en\b|\b(?:Geschehen|GESCHEHEN)\s+zu\b|\b(?:Gedaan|GEDAAN)\s+te\b"
    r"|\b(?:Feito|FEITO)\s+em\b|\b(?:Fatto|FATTO)\s+a\b|\b(?:Совершено|СОВЕРШЕНО)\s+в\b"
    r"|\b(?:Подписано|ПОДПИСАНО)\s+в\b"
)
_SIGNED = re.compile(r"\b(?:Signed|SIGNED)\s+(?:at|in|AT|IN)\b")
_WITNESS_PHRASES = (
    "in witness whereof", "in faith whereof", "en foi de quoi", "en fe de lo cual",
    "ten blijke waarvan", "zu urkund dessen", "em fé do que", "in fede di che",
    "в удостоверение чего",
)  # fmt: skip
_OPENER_WORDS = tuple(
    form
    for word in "Done Fait Hecho Geschehen Gedaan Feito Fatto Совершено Подписано".split()
    for form in (word, word.upper())
)
_WINDOW = 320
_MONTHS: dict[str, int] = {}
for _month, _names in enumerate(
    (
        "january janvier enero janeiro gennaio januar januari января январь",
        "february février fevrier febrero fevereiro febbraio februar februari февраля февраль",
        "march mars marzo março marco märz maart марта март",
        "april avril abril aprile april апреля апрель",
        "may mai mayo maio maggio mei мая май",
        "june juin junio junho giugno juni июня июнь",
        "july juillet julio julho luglio juli июля июль",
        "august août aout agosto augustus августа август",
        "september septembre septiembre setiembre setembro settembre сентября сентябрь",
        "october octobre octubre outubro ottobre oktober oktober октября октябрь",
        "november novembre noviembre novembro novembre ноября ноябрь",
        "december décembre decembre diciembre dezembro dicembre dezember desember декабря декабрь",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _month

_UNITS = {
    # English cardinals and ordinals
    "one": 1, "first": 1, "two": 2, "second": 2, "three": 3, "third": 3, "four": 4, "fourth": 4,
    "five": 5, "fifth": 5, "six": 6, "sixth": 6, "seven": 7, "seventh": 7, "eight": 8,
    "eighth": 8, "nine": 9, "ninth": 9, "ten": 10, "tenth": 10, "eleven": 11, "eleventh": 11,
    "twelve": 12, "twelfth": 12, "thirteen": 13, "thirteenth": 13, "fourteen": 14,
    "fourteenth": 14, "fifteen": 15, "fifteenth": 15, "sixteen": 16, "sixteenth": 16,
    "seventeen": 17, "seventeenth": 17, "eighteen": 18, "eighteenth": 18, "nineteen": 19,
    "nineteenth": 19, "twenty": 20, "twentieth": 20, "thirty": 30, "thirtieth": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # French
    "un": 1, "une": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60,
    # Spanish and Portuguese
    "uno": 1, "primero": 1, "primeiro": 1, "dos": 2, "dois": 2, "duas": 2, "tres": 3, "três": 3,
    "cuatro": 4, "quatro": 4, "cinco": 5, "seis": 6, "siete": 7, "sete": 7, "ocho": 8,
    "oito": 8, "nueve": 9, "nove": 9, "diez": 10, "dez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "vinte": 20, "veintiuno": 21,
    "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
    "trinta": 30, "cuarenta": 40, "quarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "doscientos": 200, "trescientos": 300,
    "cuatrocientos": 400, "quinientos": 500, "seiscientos": 600, "setecientos": 700,
    "ochocientos": 800, "novecientos": 900, "novecentos": 900,
}  # fmt: skip
_HUNDRED = frozenset(["hundred", "cent", "cents", "cien", "ciento", "cem", "cento"])
_THOUSAND = frozenset(["thousand", "mille", "mil", "mill"])
_FILLER = frozenset(
    "the this of on day days in year and et y e de del mes día días dia dias le el a los las "
    "en l an año ano l'an am im jahre jahr den der des van op het ano, du".split()
)
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
_ORDINAL_TAIL = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|er|e|re|º|°|o|a)?$")
_CJK = re.compile(
    r"(?P<y>[0-9０-９〇零一二三四五六七八九十百千]{2,8})\s*年\s*"
    r"(?P<m>[0-9０-９一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[0-9０-９一二三四五六七八九十]{1,3})\s*日"
)
_KO = re.compile(r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일")
_CJK_DIGITS = str.maketrans("〇零一二三四五六七八九０１２３４５６７８９", "001234567890123456789")


def _word_value(word: str) -> int | None:
    """A number word's value; figures with an ordinal tail (``27th``, ``1er``) too."""
    found = _ORDINAL_TAIL.match(word)
    if found:
        return int(found.group(1))
    if word in _UNITS:
        return _UNITS[word]
    if word in _HUNDRED:
        return 100
    if word in _THOUSAND:
        return 1000
    return None


def _number(words: list[str]) -> int | None:
    """The number that a run of words spells (fillers such as ``and``, ``y`` skipped)."""
    total = current = 0
    seen = False
    for word in words:
        value = _word_value(word)
        if value is None:
            continue
        seen = True
        if value == 100:
            current = max(current, 1) * 100
        elif value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 20 and current % 100 == 4:  # quatre-vingt(s): 80
            current += 76
        else:
            current += value
    return total + current if seen else None


def _numeric_run(words: list[str], *, backwards: bool) -> list[str]:
    """The number words next to a month name (before it: the day; after it: the year)."""
    run: list[str] = []
    for word in reversed(words) if backwards else words:
        figures = [w for w in run if w[:1].isdigit()]
        if figures and (backwards or len(figures) > 1 or len(figures[0]) >= 4):
            break  # a figure is a whole day or year: what follows it is something else
        if (
            _word_value(word) is not None
            or word in _FILLER
            or ("-" in word and all(_word_value(p) is not None for p in word.split("-") if p))
        ):
            run.append(word)
        else:
            break
    return list(reversed(run)) if backwards else run


def _split(words: list[str]) -> list[str]:
    return [part for word in words for part in word.split("-") if part]


def _date(year: int | None, month: int, day: int | None) -> str | None:
    if year is None or day is None or not 1000 <= year <= 2999:
        return None
    if year < 100:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _read_window(window: str) -> str | None:
    words = [w.lower() for w in re.findall(r"[^\s,;:()«»“”\"]+", window)]
    words = [w.strip(".'’") for w in words]
    for at, word in enumerate(words):
        month = _MONTHS.get(word)
        if month is None:
            continue
        before = _split(_numeric_run(words[max(0, at - 12) : at], backwards=True))
        after = _split(_numeric_run(words[at + 1 : at + 16], backwards=False))
        day = _number([w for w in before if w not in _FILLER])
        year = _number([w for w in after if w not in _FILLER])
        if day is None and year is not None and after:  # "April 4, 1949"
            first = _word_value(after[0]) if after[0] not in _FILLER else None
            if first is not None and first <= 31 and len(after) > 1:
                day, year = first, _number([w for w in after[1:] if w not in _FILLER])
        found = _date(year, month, day)
        if found:
            return found
    return None


def _cjk_int(value: str) -> int | None:
    plain = value.translate(_CJK_DIGITS)
    if plain.isdigit():
        return int(plain)
    return cjk_to_int(value)


def _read_east_asian(text: str) -> str | None:
    tail = text[-3000:]
    for pattern in (_KO, _CJK):
        for found in reversed(list(pattern.finditer(tail))):
            year, month, day = (_cjk_int(found.group(k)) for k in ("y", "m", "d"))
            if year is not None and month is not None and 1 <= month <= 12:
                date = _date(year, month, day)
                if date:
                    return date
    return None


def read_testimonium_date(text: str) -> str | None:
    """The date the text says it was done or signed, as an ISO date (``1949-04-04``), read
    from its testimonium; ``None`` when no testimonium gives a whole date."""
    for opener in _ranked_openers(text):
        found = _read_window(text[opener : opener + _WINDOW])
        if found:
            return found
    return _read_east_asian(text)


def _openers(text: str, pattern: re.Pattern[str], words: tuple[str, ...]) -> list[re.Match[str]]:
    """The openers of *pattern* in *text*, found by a plain search for their first words (a
    pattern that opens with ``\\b`` and spaces costs twice as much on a long text), each then
    matched where it stands."""
    found = []
    for word in re.finditer("|".join(words), text):
        at = word.start()
        if at == 0 or not text[at - 1].isalnum():
            opener = pattern.match(text, at)
            if opener is not None:
                found.append(opener)
    return found


def _ranked_openers(text: str) -> list[int]:
    """Where a testimonium may begin, most likely first: after an ``IN WITNESS WHEREOF``
    clause, then at the start of a line or a sentence; ``Signed at`` after the others. An
    opener inside a sentence ("the Agreement done at Marrakesh on 15 April 1994") cites
    another instrument and is never read."""
    ranked: list[tuple[int, int, int]] = []
    for rank, openers in ((0, _openers(text, _OPENERS, _OPENER_WORDS)),
                          (2, _openers(text, _SIGNED, ("Signed", "SIGNED")))):  # fmt: skip
        for found in openers:
            before = text[max(0, found.start() - 600) : found.start()]
            line = before.split("\n")[-1].rstrip(" \t\u00a0")
            lowered = before.lower()
            if any(phrase in lowered for phrase in _WITNESS_PHRASES):
                ranked.append((rank, found.start(), found.end()))
            elif not line.strip() or line.endswith((".", ";", ":")):
                ranked.append((rank + 1, found.start(), found.end()))
    return [end for _, _, end in sorted(ranked)]
