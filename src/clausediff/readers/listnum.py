"""Printed list and heading numbers: what Word's and OpenDocument's automatic numbering puts on
the page (``IV``, ``c``, ``12``, ``Twelfth``), where the file stores only a counter and a
format name."""

from __future__ import annotations

__all__ = ["format_number"]

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
            "nine": "ninth", "twelve": "twelfth"}  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    # Word's and ODF's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated)
    letter = chr(ord("a") + (number - 1) % 26)
    return letter * ((number - 1) // 26 + 1)


def _words(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" {_words(rest)}" if rest else "")


def _ordinal_words(number: int) -> str:
    words = _words(number)
    head, sep, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
    if last in _ORDINAL:
        last = _ORDINAL[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}{sep}{last}"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def format_number(number: int, style: str) -> str:
    """*number* as a list or heading number of *style* (Word's ``w:numFmt`` names:
    ``decimal``, ``upperRoman``, ``lowerLetter``, ``ordinal``, ``ordinalText``, ``bullet``,
    ``none`` ...; an unknown style prints decimal)."""
    if style in ("none", "bullet"):
        return ""
    if number <= 0:
        return str(number)
    if style in ("upperRoman", "lowerRoman"):
        text = _roman(number)
        return text.upper() if style == "upperRoman" else text
    if style in ("upperLetter", "lowerLetter"):
        text = _letters(number)
        return text.upper() if style == "upperLetter" else text
    if style == "decimalZero":
        return f"{number:02d}"
    if style == "ordinal":
        return _ordinal(number)
    if style == "cardinalText":
        return _words(number).capitalize()
    if style == "ordinalText":
        return _ordinal_words(number).capitalize()
    return str(number)
