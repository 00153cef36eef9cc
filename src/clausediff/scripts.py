"""Writing systems: which characters belong to scripts that do not space their words, and which
script and language a text is written in.

Han characters, kana and the scripts of South-East Asia run words together: a reader sees no
boundary and a line break may fall anywhere. The token layer cuts such text into single
characters (``UNIT``), and the parser tells Japanese from Chinese by its kana.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

__all__ = [
    "UNIT",
    "UNIT_CHARS",
    "dominant_script",
    "is_unit",
    "may_hold_units",
    "script_language",
    "unit_char",
]

# Han (CJK ideographs and their extensions, compatibility ideographs, iteration marks), kana
# (with the prolonged-sound mark and half-width forms), Bopomofo, Thai, Lao, Khmer, Myanmar.
UNIT_CHARS = (
    "\u3005-\u3007\u3021-\u3029\u3038-\u303b"  # 々〆〇, Hangzhou numerals
    "\u3041-\u3096\u309d-\u309f"  # hiragana
    "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d"  # katakana
    "\u3105-\u312f\u31a0-\u31bf"  # bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # han
    "\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46"  # thai letters and vowels that stand alone
    "\u0e81-\u0eb0\u0eb2\u0eb3\u0ebd-\u0ec6\u0edc-\u0edf"  # lao
    "\u1780-\u17b3"  # khmer
    "\u1000-\u102a\u103f-\u1055\u105a-\u105d\u1061\u1065\u1066\u106e-\u1070\u1075-\u1081"  # myanmar
)
# Marks that belong to the unit before them (Thai, Lao and Khmer vowel signs and tones,
# Myanmar signs, kana voicing marks, variation selectors).
_UNIT_MARKS = (
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc\u0ec8-\u0ecd\u17b4-\u17d3"
    "\u102b-\u103e\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074"
    "\u1082-\u108d\u108f\u109a-\u109d\u3099\u309a\ufe00-\ufe0f"
)
#: One unit of an unspaced script: a character and the marks that sit on it.
UNIT = f"[{UNIT_CHARS}][{_UNIT_MARKS}]*"
# Classes of tens of thousands of characters take milliseconds to compile: those patterns are
# compiled when a text first needs them. What may need them is found on the UTF-8 bytes: the
# lead bytes of kana and Han (E3-E9), of compatibility forms and the astral planes (EF, F0),
# of Thai and Lao (E0 B8-BB), of Myanmar and Khmer (E1 80-82, E1 9E-9F).
_UNIT_BYTES = re.compile(rb"[\xe3-\xe9\xef\xf0]|\xe0[\xb8-\xbb]|\xe1[\x80-\x82\x9e\x9f]")


def may_hold_units(text: str) -> bool:
    """Whether *text* may hold units of an unspaced script (false: it surely holds none)."""
    return (
        not text.isascii() and _UNIT_BYTES.search(text.encode("utf-8", "surrogatepass")) is not None
    )


@functools.cache
def unit_char() -> re.Pattern[str]:
    """A pattern for one character that opens a unit."""
    return re.compile(f"[{UNIT_CHARS}]")


_SCRIPT_RANGES: tuple[tuple[str, str], ...] = (
    ("kana", "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9d"),
    ("han", "\u3005\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"),
    ("hangul", "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"),
    ("cyrillic", "\u0400-\u052f"),
    ("greek", "\u0370-\u03ff\u1f00-\u1fff"),
    ("arabic", "\u0600-\u06ff\u0750-\u077f"),
    ("hebrew", "\u0590-\u05ff"),
    ("devanagari", "\u0900-\u097f"),
    ("thai", "\u0e00-\u0e7f"),
    ("latin", "A-Za-z\u00c0-\u024f\u1e00-\u1eff"),
)


@functools.cache
def _script_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<{name}>[{chars}])" for name, chars in _SCRIPT_RANGES))


_SAMPLE = 20_000  # characters looked at: the first pages tell the script


def is_unit(key: str) -> bool:
    """Whether a token key is one unit of an unspaced script (a Han character, a kana)."""
    if not key or len(key) > 2 or key[0] < "\u0e01":
        return False
    return unit_char().match(key) is not None


def dominant_script(text: str) -> str | None:
    """The script most of the first pages' letters are written in (``latin``, ``han``,
    ``cyrillic`` ...), where kana count as Japanese even among more Han characters;
    ``None`` for a text without letters."""
    counts = Counter(m.lastgroup for m in _script_pattern().finditer(text, 0, _SAMPLE))
    if not counts:
        return None
    cjk = counts["han"] + counts["kana"]
    # Japanese prose is a third or more kana; a Chinese text holds none, or a stray one
    if counts["kana"] >= 0.1 * cjk and counts["kana"] >= 5:
        counts["kana"] = cjk
        del counts["han"]
    script, _ = max(counts.items(), key=lambda item: (item[1], item[0] or ""))
    return script


_LANGUAGE_OF_SCRIPT = {"kana": "ja", "han": "zh", "hangul": "ko", "greek": "el"}


def script_language(text: str) -> str | None:
    """The language a script alone tells (``ja`` for kana, ``zh`` for Han only, ``ko`` for
    Hangul, ``el`` for Greek); ``None`` where the script is shared by many languages."""
    script = dominant_script(text)
    return _LANGUAGE_OF_SCRIPT.get(script or "")
