"""Every printed article number, or a whole heading label, to one canonical string."""

from __future__ import annotations

import functools
import re
import unicodedata

from clausediff.numbering.words import (
    ARTICLE_WORDS,
    LATIN_SUFFIXES,
    NAMED_ARTICLES,
    NUMBER_WORDS,
    SECTION_SIGNS,
    SUFFIX_RANK,
    fold,
)

__all__ = [
    "canonical_number",
    "cjk_number",
    "cjk_to_int",
    "roman_to_int",
    "sub_number_suffix",
    "word_to_int",
]

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")


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


_CJK_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_WRAPPER = re.compile(r"(?:第|제)\s*(?P<n>[^\s条條조]+)\s*(?:条|條|조)")


def cjk_to_int(numeral: str) -> int | None:
    """Return the value of a Chinese/Japanese numeral (``四十二``, ``一百零三``), else ``None``.

    Arabic and full-width digits are accepted too, and so is the heading wrapper: ``第四條``,
    ``第4条``, ``第 4 條`` and ``제4조`` are 4.
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


def sub_number_suffix(sub: int) -> str | None:
    """The Latin suffix of an inserted article's sub-number: 2 -> ``bis``, 3 -> ``ter`` ...

    ``第三十八条の二`` and ``제8조의2`` are the second Article 38 and 8: ``38bis``, ``8bis``.
    """
    return LATIN_SUFFIXES[sub - 2] if 2 <= sub <= len(LATIN_SUFFIXES) + 1 else None


def _inserted(base: int, sub: int) -> str:
    suffix = sub_number_suffix(sub)
    return f"{base}{suffix}" if suffix else f"{base}-{sub}"


_CJK_NUMERAL = r"[〇零一二三四五六七八九十百千两兩0-9]{1,8}"
_CJK_LABEL = re.compile(
    rf"第\s*(?P<n>{_CJK_NUMERAL})\s*(?:-\s*(?P<dash>[0-9]{{1,3}})\s*)?[条條]"
    rf"(?:之(?P<zh>{_CJK_NUMERAL})|の(?P<ja>{_CJK_NUMERAL})(?:の(?P<ja2>{_CJK_NUMERAL}))?)?"
    r"|제\s*(?P<ko>[0-9]{1,4})\s*조(?:\s*의\s*(?P<kosub>[0-9]{1,3}))?"
)


# An article number with a raised sub-number, as Russian, Ukrainian and Polish codes print
# an inserted article ("Статья 6¹", "Art. 22¹"): the first inserted after 6 is "6bis"
_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
_RAISED = re.compile(rf"(?P<base>.*?\d)(?P<sub>[{_SUPERSCRIPT_DIGITS}]{{1,3}})")


def cjk_number(label: str) -> str | None:
    """The canonical number of a Chinese, Japanese or Korean heading label, else ``None``.

    An inserted article is the same number in all three: ``第三十八条の二`` (Japanese: the
    second Article 38), ``제38조의2`` (Korean) and ``第三十八條之一``, ``第 38-1 條`` (Chinese:
    the first article inserted after 38, as Taiwan prints it) are all ``38bis``.
    """
    m = _CJK_LABEL.fullmatch(unicodedata.normalize("NFKC", label).strip())
    if m is None:
        return None
    if m.group("ko") is not None:
        base, sub = int(m.group("ko")), m.group("kosub")
        return _inserted(base, int(sub)) if sub else str(base)
    value = cjk_to_int(m.group("n"))
    if value is None:
        return None
    for group, shift in (("dash", 1), ("zh", 1), ("ja", 0)):
        if m.group(group) is not None:
            sub = cjk_to_int(m.group(group))
            if not sub:
                return None
            number = _inserted(value, sub + shift)
            deeper = cjk_to_int(m.group("ja2") or "") if group == "ja" else None
            return f"{number}-{deeper}" if deeper else number
    return str(value)


def word_to_int(words: str) -> int | None:
    """Return the value of a number written in words (``Twenty-one``, ``trigésimo cuarto``,
    ``δέκατο τρίτο``)."""
    parts = [p for p in re.split(r"[\s\-]+", fold(words)) if p]
    if not parts or len(parts) > 3:
        return None
    total = 0
    for part in parts:
        value = NUMBER_WORDS.get(part)
        if value is None:
            return None
        total += value
    return total


def _label_pattern() -> re.Pattern[str]:
    """The heading words of every language, folded, as they open a label."""
    rows = ARTICLE_WORDS + SECTION_SIGNS
    before = sorted(
        {fold(w) for row in rows if not row.number_first for w in row.words},
        key=lambda w: (-len(w), w),
    )
    after = sorted({fold(w) for row in rows if row.number_first for w in row.words})
    return re.compile(
        "(?:" + "|".join(re.escape(w) for w in before) + r")\.?(?:\s+|(?<=\.))(?P<rest>.+)"
        r"|(?P<first>.+?)\.?\s+(?:" + "|".join(re.escape(w) for w in after) + ")"
    )


_LABEL = _label_pattern()
_ARABIC = re.compile(
    r"(?P<head>\d+)[ \-]?(?P<suffix>[^\W\d_]+)?(?P<rest>(?:[.\-]\d+[^\W\d_]*)*)",
)
_ORDINAL_SUFFIXES = frozenset({"er", "re", "st", "nd", "rd", "th", "o", "η", "ος"})
# A French code's article: book letter, then number ("l. 5" stays the roman 50, paragraph 5)
_CODE_ARTICLE = re.compile(
    r"(?P<book>(?:lo|[lrda])\*?)(?:(?P<plain>\d{1,6}(?:-\d{1,4}){0,3})"
    r"|\. ?(?P<dashed>\d{1,6}(?:-\d{1,4}){1,3})|(?<=o)\. ?(?P<organic>\d{1,6}))"
)
_ROMAN_DOTTED = re.compile(r"(?P<roman>[ivxlcdm]+)(?P<rest>(?:[.\-]\d+)+)")
_COMPOUND_SUFFIX = re.compile(r"(vicies|tricies|quadragies)[ \-](?=[a-z])")


@functools.lru_cache(maxsize=8192)
def canonical_number(printed: str) -> str | None:
    """Return the canonical form of a printed article number, or ``None`` if it is not one.

    A whole heading label is read too: ``Article 4``, ``Άρθρο πρώτο``, ``1. cikk``, ``第 2-1 條``.

    >>> canonical_number("IV"), canonical_number("4 bis"), canonical_number("第四條")
    ('4', '4bis', '4')
    """
    if not printed.isascii():
        cjk = cjk_number(printed)
        if cjk is not None:
            return cjk
        raised = _RAISED.fullmatch(printed.strip().rstrip(".:)"))
        if raised is not None:  # "6¹": the first article inserted after 6, as "第 6-1 條"
            base = canonical_number(raised.group("base"))
            sub = int(raised.group("sub").translate(_FROM_SUPERSCRIPT))
            return _inserted(int(base), sub + 1) if base and base.isdigit() and sub else None
    s = re.sub(r"\s+", " ", fold(printed).rstrip(".:)")).strip()
    label = _LABEL.fullmatch(s)
    if label is not None:
        s = (label.group("rest") or label.group("first") or "").strip().rstrip(".:)")
    s = _COMPOUND_SUFFIX.sub(r"\1", s)
    return _read(s) if s else None


def _read(s: str) -> str | None:
    """The canonical number of a folded label without its heading word."""
    m = _CODE_ARTICLE.fullmatch(s)
    if m is not None:  # "l. 121-1", "l1121-1", "r*123-4", "lo. 132": a French code's article
        return m.group("book") + (m.group("plain") or m.group("dashed") or m.group("organic"))
    m = _ARABIC.fullmatch(s)
    if m is not None:
        suffix = m.group("suffix") or ""
        if suffix in _ORDINAL_SUFFIXES:
            suffix = ""  # 1er, 1st, 2nd, 1ο: an ordinal, not an inserted article
        elif suffix and suffix not in SUFFIX_RANK and len(suffix) > 1:
            return None
        return str(int(m.group("head"))) + suffix + m.group("rest").replace(" ", "")
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
    if len(spaced) == 2 and (spaced[1] in SUFFIX_RANK or _is_letter(spaced[1])):
        # "4 bis", "35. bis", "1er A"
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
    if _is_letter(squeezed) and squeezed.isascii():
        return squeezed
    return None


def _is_letter(s: str) -> bool:
    return len(s) == 1 and s.isalpha()
