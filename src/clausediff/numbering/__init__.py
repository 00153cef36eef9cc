"""Article numbers: every printed form to one canonical string, and back to an order.

Printed forms and their canonical numbers::

    4, IV, iv, Four, Fourth, premier, 1er, primero, πρώτο, 第四條, 제4조   -> "4"
    Article 4, Άρθρο 4, Члан 4., 4. cikk (a whole heading label)        -> "4"
    4bis, 4 bis, 4-bis, 4 BIS, 35. bis, 102-undecies                    -> "4bis", "35bis", ...
    第三十八条の二, 제38조의2, 第三十八條之一, 第 38-1 條                  -> "38bis"
    4A, 4 a, 1er A, 5Α                                                  -> "4a", "1a", "5α"
    1.2, XIII.9, 1-01, 8BIS.1                                           -> "1.2", "13.9", "1-01",
                                                                           "8bis.1"
    a, b (articles lettered instead of numbered)                        -> "a", "b"

``canonical_number`` returns ``None`` for a string that is not a number; ``sort_key`` turns a
canonical number into a tuple that orders articles the way a treaty does (4 < 4bis < 4ter < 5).
The words it reads (the heading words of each language, the Latin suffixes, number words) are
tables in ``words``.
"""

from clausediff.numbering.canonical import (
    canonical_number,
    cjk_number,
    cjk_to_int,
    roman_to_int,
    sub_number_suffix,
    word_to_int,
)
from clausediff.numbering.order import is_successor, sort_key
from clausediff.numbering.words import (
    ARTICLE_WORDS,
    LATIN_SUFFIXES,
    SECTION_SIGNS,
    SUFFIX_RANK,
    HeadingWords,
    fold,
)

__all__ = [
    "ARTICLE_WORDS",
    "LATIN_SUFFIXES",
    "SECTION_SIGNS",
    "SUFFIX_RANK",
    "HeadingWords",
    "canonical_number",
    "cjk_number",
    "cjk_to_int",
    "fold",
    "is_successor",
    "roman_to_int",
    "sort_key",
    "sub_number_suffix",
    "word_to_int",
]
