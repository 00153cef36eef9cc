"""Article numbers: every printed form to one canonical string, its order, and its successors."""

from __future__ import annotations

import itertools

import pytest

from clausediff.numbering import (
    LATIN_SUFFIXES,
    canonical_number,
    cjk_to_int,
    is_successor,
    roman_to_int,
    sort_key,
    word_to_int,
)


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        # arabic, and the punctuation a heading leaves on its number
        ("4", "4"),
        ("12", "12"),
        ("4.", "4"),
        ("4:", "4"),
        ("9°", "9"),
        ("9º", "9"),
        ("１２", "12"),
        # roman numerals, either case; a lone i, v or x is roman
        ("IV", "4"),
        ("iv", "4"),
        ("IV.", "4"),
        ("XIII", "13"),
        ("MCMXLIX", "1949"),
        ("i", "1"),
        ("v", "5"),
        ("x", "10"),
        # words, cardinal and ordinal, English and Romance
        ("Four", "4"),
        ("Fourth", "4"),
        ("First", "1"),
        ("One", "1"),
        ("Twenty-one", "21"),
        ("premier", "1"),
        ("Premier", "1"),
        ("1er", "1"),
        ("1re", "1"),
        ("primero", "1"),
        ("Séptimo", "7"),
        ("trigésimo cuarto", "34"),
        # CJK numerals
        ("四", "4"),
        ("一百零三", "103"),
        pytest.param("第四條", "4", id="di-4-tiao"),
        pytest.param("제4조", "4", id="je-4-jo"),
        # inserted articles: Latin suffixes in every spelling, and letters
        ("4bis", "4bis"),
        ("4 bis", "4bis"),
        ("4-bis", "4bis"),
        ("4 BIS", "4bis"),
        ("4ter", "4ter"),
        ("4 quater", "4quater"),
        ("4A", "4a"),
        ("4 a", "4a"),
        # dotted and dashed schemes keep their parts
        ("1.2", "1.2"),
        ("1-01", "1-01"),
        ("XIII.9", "13.9"),
        ("8BIS.1", "8bis.1"),
        ("4.4bis", "4.4bis"),
        # lettered articles stay letters, except the lone roman numerals above
        ("a", "a"),
        ("b", "b"),
        ("c", "c"),
        ("d", "d"),
        ("l", "l"),
        ("m", "m"),
        # Italian suffixes past decies, Luxembourg's "35. bis", French "1er A", Greek letters
        ("102-undecies", "102undecies"),
        ("2-quinquiesdecies", "2quinquiesdecies"),
        ("1-vicies semel", "1viciessemel"),
        ("4-quinquagies", "4quinquagies"),
        ("35. bis", "35bis"),
        ("1er A", "1a"),
        ("5Α", "5α"),
        # whole heading labels, in any language of the word table
        ("Article 4", "4"),
        ("Art. 1er", "1"),
        ("Art 12a", "12a"),
        ("Άρθρο πρώτο", "1"),
        ("ΑΡΘΡΟ 5Α", "5α"),
        ("Άρθρο δέκατο τρίτο", "13"),
        ("Члан 12.", "12"),
        ("Član 3", "3"),
        ("1. cikk", "1"),
        ("5 artikla", "5"),
        ("第 2 條", "2"),
        pytest.param("第 2-1 條", "2bis", id="di-2-1-tiao"),
        pytest.param("第三十八条の二", "38bis", id="dai-38-jo-no-ni"),
        pytest.param("第八十四条の二の二", "84bis-2", id="dai-84-jo-no-ni-no-ni"),
        pytest.param("제4조의3", "4ter", id="je-4-jo-ui-3"),
        # a raised sub-number: the first (second) article inserted after 6, as Russian,
        # Ukrainian and Polish codes print it; never 61
        pytest.param("Статья 6¹", "6bis", id="statya-6-raised-1"),
        pytest.param("6²", "6ter", id="raised-2"),
        pytest.param("Art. 22¹.", "22bis", id="art-22-raised-1"),
        # a French code's articles, by book: L legislative, R regulatory (R* in Conseil
        # d'État), D decree, A order, LO organic; a dotted roman numeral stays one
        pytest.param("Article L1121-1", "l1121-1", id="code-L"),
        pytest.param("Art. L. 122-14-3", "l122-14-3", id="code-L-dotted"),
        pytest.param("R*123-4", "r*123-4", id="code-R-star"),
        pytest.param("D. 4121-1", "d4121-1", id="code-D"),
        pytest.param("LO. 132", "lo132", id="code-LO"),
        pytest.param("L.5", "50.5", id="roman-dotted-not-code"),
        # not numbers at all
        ("ARTICLE", None),
        ("Άρθρο", None),
        ("of", None),
        ("", None),
        ("   ", None),
        ("(4)", None),
        ("ab", None),
        ("IIII", None),
        ("4xyz", None),
    ],
)
def test_canonical_number(printed: str, expected: str | None) -> None:
    """A printed article number maps to its canonical form, or to None if it is no number."""
    assert canonical_number(printed) == expected


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("IV", 4),
        ("iv", 4),
        ("XIII", 13),
        ("XL", 40),
        ("MCMXLIX", 1949),
        ("MMMCMXCIX", 3999),
        ("", None),
        ("IIII", None),
        ("VX", None),
        ("IL", None),
        ("ABC", None),
    ],
)
def test_roman_to_int(numeral: str, expected: int | None) -> None:
    """Well-formed roman numerals of either case have a value; malformed ones have none."""
    assert roman_to_int(numeral) == expected


@pytest.mark.parametrize(
    ("numeral", "expected"),
    [
        ("四", 4),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("四十二", 42),
        ("五十一", 51),
        ("一百零三", 103),
        ("千", 1000),
        ("4", 4),
        ("４", 4),
        ("４２", 42),
        ("", None),
        ("abc", None),
        ("第", None),
        pytest.param("第四條", 4, id="di-4-tiao"),
    ],
)
def test_cjk_to_int(numeral: str, expected: int | None) -> None:
    """Chinese and Japanese numerals, arabic and full-width digits have a value."""
    assert cjk_to_int(numeral) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Four", 4),
        ("Fourth", 4),
        ("First", 1),
        ("One", 1),
        ("Twenty-one", 21),
        ("twenty one", 21),
        ("forty-second", 42),
        ("premier", 1),
        ("Premier", 1),
        ("1er", 1),
        ("primero", 1),
        ("Séptimo", 7),
        ("trigésimo cuarto", 34),
        ("", None),
        ("ARTICLE", None),
        ("of", None),
        ("one two three four", None),
    ],
)
def test_word_to_int(words: str, expected: int | None) -> None:
    """Numbers written in words, in any case and with accents, have a value."""
    assert word_to_int(words) == expected


@pytest.mark.parametrize(
    "ordered",
    [
        ["4", "4bis", "4ter", "4quater", "5"],
        ["4", "4bis", "4a", "4b", "5"],
        ["1", "2", "9", "10", "11", "100"],
        ["5", "5.1", "5.2", "5.10", "6"],
        ["1.9", "2.1", "2.2"],
        ["1-01", "1-02", "1-10", "2-01"],
        ["8bis.1", "8bis.2", "8ter.1"],
        ["a", "b", "c"],
    ],
)
def test_sort_key_orders_as_a_treaty_does(ordered: list[str]) -> None:
    """Each canonical number sorts after the one before it in treaty order."""
    keys = [sort_key(number) for number in ordered]
    assert all(before < after for before, after in itertools.pairwise(keys))
    assert sorted(ordered[1:] + ordered[:1], key=sort_key) == ordered


def test_latin_suffixes_sort_in_their_listed_order() -> None:
    """Every Latin suffix sorts after the bare number and before the next one, in list order."""
    numbers = ["7", *(f"7{suffix}" for suffix in LATIN_SUFFIXES if suffix != "nonies"), "8"]
    assert sorted(numbers[1:] + numbers[:1], key=sort_key) == numbers


@pytest.mark.parametrize(
    ("previous", "number", "expected"),
    [
        ("4", "5", True),
        ("9", "10", True),
        ("4", "4bis", True),
        ("4", "4ter", True),
        ("4bis", "5", True),
        ("4", "4a", True),
        ("4a", "5", True),
        ("1.9", "2.1", True),
        ("13.9", "14.1", True),
        ("1.2", "1.3", True),
        ("3", "3.1", True),
        ("1-09", "1-10", True),
        ("1-09", "2-01", True),
        ("a", "b", True),
        (None, "1", True),
        (None, "1.1", True),
        (None, "1-01", True),
        (None, "a", True),
        ("4", "6", False),
        ("5", "4", False),
        ("4", "4", False),
        ("4bis", "4", False),
        ("1.2", "1.1", False),
        ("1.9", "2.2", False),
        ("1.9", "3.1", False),
        ("3", "3.2", False),
        ("a", "c", False),
        (None, "7", False),
        (None, "4bis", False),
        (None, "b", False),
        pytest.param("4bis", "4ter", True, id="4bis-4ter"),
        pytest.param("4ter", "4quater", True, id="4ter-4quater"),
        pytest.param("4a", "4b", True, id="4a-4b"),
        pytest.param("88-7", "89", True, id="88-7-89"),
        pytest.param("51-2", "53", False, id="51-2-53"),
        pytest.param("2decies", "2undecies", True, id="decies-undecies"),
        pytest.param("2noviesdecies", "2vicies", True, id="noviesdecies-vicies"),
        pytest.param("2viciesnovies", "2tricies", True, id="viciesnovies-tricies"),
    ],
)
def test_is_successor(previous: str | None, number: str, expected: bool) -> None:
    """A number may follow the one before it in a sequence, or open a sequence after None."""
    assert is_successor(previous, number) is expected
