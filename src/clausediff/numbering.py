"""Article numbers: every printed form to one canonical string, and back to an order.

Printed forms and their canonical numbers::

    4, IV, iv, Four, Fourth, premier, 1er, primero, 第四條, 제4조   -> "4"
    4bis, 4 bis, 4-bis, 4 BIS                                      -> "4bis"
    4A, 4 a                                                        -> "4a"
    1.2, XIII.9, 1-01, 8BIS.1                                      -> "1.2", "13.9", "1-01",
                                                                      "8bis.1"
    a, b (articles lettered instead of numbered)                   -> "a", "b"

``canonical_number`` returns ``None`` for a string that is not a number; ``sort_key`` turns a
canonical number into a tuple that orders articles the way a treaty does (4 < 4bis < 4ter < 5).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "LATIN_SUFFIXES",
    "canonical_number",
    "cjk_to_int",
    "is_successor",
    "roman_to_int",
    "sort_key",
    "sub_number_suffix",
    "word_to_int",
]

#: Latin multiplicative suffixes in treaty order (``4bis`` follows ``4``).
LATIN_SUFFIXES = (
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
)
_SUFFIX_RANK = {name: rank for rank, name in enumerate(LATIN_SUFFIXES, start=1)}
_SUFFIX_RANK["nonies"] = _SUFFIX_RANK["novies"]

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_UNITS = "zeroth first second third fourth fifth sixth seventh eighth ninth".split()
_ORDINAL_TEENS = (
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
    "eighteenth nineteenth"
).split()
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"

# Spanish, Portuguese and Italian ordinals (accents removed before lookup).
_ROMANCE_UNITS = {
    "primero": 1, "primer": 1, "primo": 1, "primeiro": 1, "segundo": 2, "secondo": 2,
    "tercero": 3, "tercer": 3, "terceiro": 3, "terzo": 3, "cuarto": 4, "quarto": 4,
    "quinto": 5, "sexto": 6, "sesto": 6, "septimo": 7, "setimo": 7, "settimo": 7,
    "octavo": 8, "oitavo": 8, "ottavo": 8, "noveno": 9, "nono": 9, "decimo": 10,
    "undecimo": 11, "duodecimo": 12,
}  # fmt: skip
_ROMANCE_TENS = {
    "decimo": 10, "vigesimo": 20, "trigesimo": 30, "cuadragesimo": 40, "quadragesimo": 40,
    "quincuagesimo": 50, "sexagesimo": 60, "septuagesimo": 70, "octogesimo": 80,
    "nonagesimo": 90,
}  # fmt: skip
_WORDS: dict[str, int] = {
    "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "unique": 1, "unico": 1, "only": 1,
    "sole": 1, "erster": 1, "eerste": 1,
}  # fmt: skip
_WORDS.update({w: n for n, w in enumerate(_UNITS)})
_WORDS.update({w: n for n, w in enumerate(_TEENS, start=10)})
_WORDS.update({w: n for n, w in enumerate(_ORDINAL_UNITS)})
_WORDS.update({w: n for n, w in enumerate(_ORDINAL_TEENS, start=10)})
for _i, _w in enumerate(_TENS, start=2):
    _WORDS[_w] = _i * 10
for _i, _w in enumerate(_ORDINAL_TENS.split(), start=2):
    _WORDS[_w] = _i * 10
# Articles named rather than numbered keep their name as their number.
NAMED_ARTICLES = frozenset({"transitorio", "transitoria", "transitoire", "final", "finale"})
_WORDS.update(_ROMANCE_UNITS)
_WORDS.update(_ROMANCE_TENS)

_CJK_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}

_ARABIC = re.compile(
    r"(?P<head>\d+)[ \-]?(?P<suffix>[a-z]+)?(?P<rest>(?:[.\-]\d+[a-z]*)*)",
)
_ORDINAL_SUFFIXES = frozenset({"er", "re", "st", "nd", "rd", "th"})  # not "d": 4a, 4b ... 4d
_ROMAN_DOTTED = re.compile(r"(?P<roman>[ivxlcdm]+)(?P<rest>(?:[.\-]\d+)+)")
_DEGREE = str.maketrans("", "", "°º˚ª")


def _fold(text: str) -> str:
    """Lower-case and strip accents and degree marks: ``Séptimo`` -> ``septimo``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_DEGREE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def roman_to_int(numeral: str) -> int | None:
    """Return the value of a well-formed roman numeral (any case), else ``None``."""
    s = numeral.lower()
    if not s or _ROMAN.fullmatch(s) is None:
        return None
    total = 0
    for here, after in zip(s, [*s[1:], ""], strict=True):
        value = _ROMAN_VALUES[here]
        total += -value if after and _ROMAN_VALUES[after] > value else value
    return total


_CJK_WRAPPER = re.compile(r"(?:第|제)\s*(?P<n>[^\s条條조]+)\s*(?:条|條|조)")


def cjk_to_int(numeral: str) -> int | None:
    """Return the value of a Chinese/Japanese numeral (``四十二``, ``一百零三``), else ``None``.

    Arabic and full-width digits are accepted too, and so is the heading wrapper: ``第四條``,
    ``第4条`` and ``제4조`` are 4.
    """
    folded = unicodedata.normalize("NFKC", numeral).strip()
    wrapped = _CJK_WRAPPER.fullmatch(folded)
    if wrapped is not None:
        folded = wrapped.group("n")
    if folded.isdigit():
        return int(folded)
    total, digit = 0, None
    for char in folded:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            total += (1 if digit is None else digit) * _CJK_UNITS[char]
            digit = None
        else:
            return None
    if digit is not None:
        # 一百零三: the zero marks a gap, the last digit is units
        total += digit
    return total if folded else None


def word_to_int(words: str) -> int | None:
    """Return the value of a number written in words (``Twenty-one``, ``trigésimo cuarto``)."""
    parts = [p for p in re.split(r"[\s\-]+", _fold(words)) if p]
    if not parts or len(parts) > 3:
        return None
    total = 0
    for part in parts:
        value = _WORDS.get(part)
        if value is None:
            return None
        total += value
    return total


def sub_number_suffix(sub: int) -> str | None:
    """The Latin suffix for an inserted article's sub-number: 2 -> ``bis``, 3 -> ``ter`` ...

    ``第八條之二`` and ``제8조의2`` are Article 8 bis, the second Article 8.
    """
    return LATIN_SUFFIXES[sub - 2] if 2 <= sub <= len(LATIN_SUFFIXES) else None


@functools.lru_cache(maxsize=8192)
def canonical_number(printed: str) -> str | None:
    """Return the canonical form of a printed article number, or ``None`` if it is not one.

    >>> canonical_number("IV"), canonical_number("4 bis"), canonical_number("第四條")
    ('4', '4bis', '4')
    """
    if not printed.isascii():
        value = cjk_to_int(printed)
        if value is not None:
            return str(value)
    s = _fold(printed).rstrip(".:)")
    s = re.sub(r"\s+", " ", s).strip()
    if not s:
        return None
    m = _ARABIC.fullmatch(s)
    if m is not None:
        suffix = m.group("suffix") or ""
        if suffix in _ORDINAL_SUFFIXES:
            suffix = ""  # 1er, 1st, 2nd: an ordinal, not an inserted article
        elif suffix and suffix not in _SUFFIX_RANK and len(suffix) > 1:
            return None
        head = str(int(m.group("head")))
        rest = m.group("rest").replace(" ", "")
        return head + suffix + rest
    squeezed = s.replace(" ", "")
    value = roman_to_int(squeezed)
    if value is not None and (len(squeezed) > 1 or squeezed in ("i", "v", "x")):
        # a lone c, d, l or m is a lettered article ("Article c"), not 100, 500, 50 or 1000
        return str(value)
    m = _ROMAN_DOTTED.fullmatch(squeezed)
    if m is not None:
        roman_head = roman_to_int(m.group("roman"))
        if roman_head is not None:
            return f"{roman_head}{m.group('rest')}"
    spaced = s.split(" ")
    if len(spaced) == 2 and spaced[1] in _SUFFIX_RANK:
        base = canonical_number(spaced[0])
        if base is not None and base.isdigit():
            return base + spaced[1]
    value = word_to_int(s)
    if value is not None:
        return str(value)
    if s in NAMED_ARTICLES:
        return s
    value = cjk_to_int(s)
    if value is not None:
        return str(value)
    if len(squeezed) == 1 and squeezed.isalpha() and squeezed.isascii():
        return squeezed
    return None


_KEY_PART = re.compile(r"(\d+)([a-z]*)")


@functools.lru_cache(maxsize=4096)
def sort_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Order canonical numbers as a treaty does: ``4 < 4bis < 4a < 5 < 5.1 < 5.2``."""
    key = []
    for part in re.split(r"[.\-]", number):
        m = _KEY_PART.fullmatch(part)
        if m is None:
            key.append((0, 0, part))
            continue
        suffix = m.group(2)
        rank = _SUFFIX_RANK.get(suffix, 100 + (ord(suffix[0]) - 96 if suffix else -100))
        key.append((int(m.group(1)), rank, suffix))
    return tuple(key)


def is_successor(previous: str | None, number: str) -> bool:
    """Tell whether *number* may follow *previous* in one numbering sequence.

    ``5`` follows ``4``, ``4bis`` or ``4a``; ``4bis`` and ``4a`` follow ``4``, ``4ter`` follows
    ``4bis`` and ``4b`` follows ``4a``; ``2.1`` follows
    ``1.9``; ``1.3`` follows ``1.2``; ``b`` follows ``a``. Anything may open a sequence
    (``previous`` is ``None``) if it is a first number: ``1``, ``1.1``, ``1-01``, ``a``.
    """
    if previous is None:
        return _is_first(number)
    if len(previous) == len(number) == 1 and previous.isalpha() and number.isalpha():
        return ord(number) == ord(previous) + 1
    prev, cur = sort_key(previous), sort_key(number)
    if len(prev) != len(cur):
        return (
            len(cur) > len(prev) and cur[: len(prev)] == prev and _is_first_tail(cur[len(prev) :])
        )
    *prev_head, prev_last = prev
    *cur_head, cur_last = cur
    if prev_head == cur_head:
        if cur_last[0] == prev_last[0] + 1 and cur_last[2] == "":
            return True
        return cur_last[0] == prev_last[0] and cur_last[1] > prev_last[1]
    if len(prev) >= 2 and cur_last[0] in (0, 1) and not cur_last[2]:
        # 1.9 -> 2.1: the chapter number moves on and the article number restarts
        return cur_head[:-1] == prev_head[:-1] and cur_head[-1][0] == prev_head[-1][0] + 1
    return False


def _is_first(number: str) -> bool:
    key = sort_key(number)
    return _is_first_tail(key[-1:]) or number == "a"


def _is_first_tail(key: tuple[tuple[int, int, str], ...]) -> bool:
    return all(part[0] in (0, 1) and not part[2] for part in key)
