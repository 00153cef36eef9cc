"""The testimonium's date, in the languages the parser reads, and on real texts."""

from __future__ import annotations

import pytest

from clausediff.bundled import bundled_corpus_dir, catalog
from clausediff.parse.dates import read_testimonium_date

CASES = [
    ("Done at Washington, this fourth day of April 1949.", "1949-04-04"),
    ("DONE at Cha-am, Thailand, this Twenty-Seventh Day of February in the Year Two Thousand "
     "and Nine, in the English language.", "2009-02-27"),
    ("DONE at San Francisco the twenty-sixth day of June, one thousand nine hundred and "
     "forty-five.", "1945-06-26"),
    ("Done in Washington on January 19, 1960, in duplicate", "1960-01-19"),
    ("Done at Tokyo on 15 November 2020", "2020-11-15"),
    ("DONE at Washington, the fourth day of April, 1949.\n4", "1949-04-04"),
    ("Fait à Paris le 4 octobre 1958.", "1958-10-04"),
    ("Fait à Paris, le quatre avril mil neuf cent quarante-neuf", "1949-04-04"),
    ("Fait à Genève, le 1er juillet 1968", "1968-07-01"),
    ("Hecho en Río de Janeiro, a los dos días del mes de septiembre de mil novecientos "
     "cuarenta y siete.", "1947-09-02"),
    ("Geschehen zu Berlin am 3. Oktober 1990", "1990-10-03"),
    ("Gedaan te 's-Gravenhage, 12 maart 1980", "1980-03-12"),
    ("Совершено в Ташкенте 15 мая 1992 года", "1992-05-15"),
    ("本条约于一九六一年七月十一日在北京签订", "1961-07-11"),
    ("千九百六十年一月十九日にワシントンで", "1960-01-19"),
    ("2024년 6월 19일 평양에서 작성되었다", "2024-06-19"),
    ("Done at Geneva, this day of 1949.", None),
    ("The Parties may consult on 31 February 2001.", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_testimonium_dates(text: str, expected: str | None) -> None:
    """Each testimonium gives its date in ISO form; an incomplete or impossible one gives
    none."""
    assert read_testimonium_date(text) == expected


def test_bundled_texts_with_a_testimonium_give_their_catalog_date() -> None:
    """Every bundled text whose testimonium reads gives the date its catalog records."""
    read = 0
    for doc_id, entry in catalog().items():
        text = (bundled_corpus_dir() / f"{doc_id}.txt").read_text(encoding="utf-8")
        found = read_testimonium_date(text)
        if found is not None:
            read += 1
            assert found == entry.signed, doc_id
    assert read >= 2
