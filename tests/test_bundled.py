"""The bundled corpus: every text loads with its catalog entry, the files are the stored copies
(with only the edits the catalog states), and the texts show what the README says they show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clausediff import Clause, align_documents, catalog, compare_clauses, load_bundled
from clausediff.bundled import bundled_corpus_dir


@pytest.mark.parametrize("doc_id", sorted(catalog()))
def test_every_text_loads_with_its_catalog_entry(doc_id: str) -> None:
    """Each bundled text parses into articles and carries its title, date, source and, for a
    partial copy, what it lacks."""
    document = load_bundled(doc_id)
    meta = document.metadata
    assert document.articles
    assert meta.title
    assert meta.signed
    assert meta.source
    assert meta.language
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.signed)
    if meta.complete is False:
        assert meta.missing


# second-pass texts: bundled id -> the stored copy's file name, and the edits the catalog states
SECOND_PASS = {
    "anzus-1951.en": ("anzus-1951.dafp.en.txt", []),
    "anzus-1951.signed.en": ("anzus-1951.en.txt", []),
    "rio-1947.en": ("rio-1947.gibler.en.txt", []),
    "rio-1947.stat.en": ("rio-1947.en.txt", []),
    "rio-1947.es": (
        "rio-1947.stat-ocr.es.txt",
        [
            ("ARTfCULO", "ARTÍCULO"),
            (" ARTÍCULO 2", "\nARTÍCULO 2"),
            (" ARTÍCULO 3", "\nARTÍCULO 3"),
        ],
    ),
    "csto-1992.en": ("csto-1992.en.txt", [("Article 31)", "Article 3")]),
    "teu-2007.nl": ("teu-2007.nl.txt", []),
    "teu-2007.en": (
        "teu-2007.clingendael.en.txt",
        [
            ("Box 1)\n\nArticle 42(7) TEU\n\n", 'Box 1: "Article 42(7) TEU")\n\nArticle 42\n\n7. '),
        ],
    ),
    "sino-soviet-1950.zh-Hans": ("sino-soviet-1950.zh-Hans.txt", []),
    "ussr-dprk-1961.worldjpn.zh-Hans": ("ussr-dprk-1961.worldjpn.zh-Hans.txt", []),
}


@pytest.mark.parametrize("doc_id", sorted(SECOND_PASS))
def test_second_pass_texts_are_the_stored_copies(doc_id: str, shared_dir: Path) -> None:
    """Each text added in the second pass is its stored copy, but for the stated edits."""
    stored, edits = SECOND_PASS[doc_id]
    text = (shared_dir / "corpora" / stored).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    bundled = (bundled_corpus_dir() / f"{doc_id}.txt").read_text(encoding="utf-8")
    assert bundled == text


def test_complete_anzus_aligns_with_nato() -> None:
    """The full ANZUS text against NATO: Article 1 is identical, and the consultation,
    armed-attack, Charter, council, ratification, withdrawal and deposit clauses pair with
    their NATO models."""
    alignment = align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951"))
    pairs = {(p.left, p.right) for p in alignment.pairs if p.left and p.right}
    assert pairs == {
        ("1", "1"), ("3", "2"), ("4", "3"), ("5", "4"), ("6", "5"), ("7", "6"), ("9", "7"),
        ("11", "9"), ("13", "10"), ("14", "11"),
    }  # fmt: skip
    assert alignment.pairs[0].status == "identical"
    assert "partial" not in _render_text(alignment)


def _render_text(result: object) -> str:
    from clausediff import render

    return render(result, "text")


def _article(doc_id: str, key: str) -> Clause:
    document = load_bundled(doc_id)
    return Clause.from_article(document, document.article(key))


@pytest.mark.parametrize(
    ("left", "right", "phrase"),
    [
        (
            ("sino-soviet-1950.zh-Hans", "1"),
            ("prc-dprk-1961.zh-Hant", "2"),
            "即尽其全力给予军事及其他援助",
        ),
        (
            ("ussr-dprk-1961.worldjpn.zh-Hans", "1"),
            ("prc-dprk-1961.zh-Hant", "2"),
            "立即尽其全力给予军事及其他援助",
        ),
        (
            ("rio-1947", "3"),
            ("nato-1949", "5"),
            "The High Contracting Parties agree that an armed attack",
        ),
    ],
)
def test_the_formulas_the_readme_names_are_shared(
    left: tuple[str, str], right: tuple[str, str], phrase: str
) -> None:
    """The README's findings hold on the bundled texts: the Chinese assistance formula of 1950
    and 1961, and the Rio Treaty's armed-attack sentence in NATO's Article 5."""
    comparison = compare_clauses(_article(*left), _article(*right))
    shared = [" ".join(p.text.split()) for p in comparison.shared]
    assert any(phrase in text or phrase in text.replace(" ", "") for text in shared)


def test_tass_keeps_the_1961_words() -> None:
    """TASS's English shares 'immediately' and 'at its disposal' with the 1961 text; KCNA's and
    Yonhap's have neither and say 'without delay' and 'in its possession'."""
    old = _article("ussr-dprk-1961", "1").text
    assert "immediately" in old
    assert "at its disposal" in old
    tass = _article("russia-dprk-2024.tass", "4").text
    assert "immediately" in tass
    assert "at its disposal" in tass
    for rendering in ("russia-dprk-2024", "russia-dprk-2024.yonhap"):
        text = _article(rendering, "4").text
        assert "immediately" not in text
        assert "at its disposal" not in text
        assert "without delay" in text
        assert "in its possession" in text
        assert "armed invasion" in text


def test_tass_shares_the_phrases_the_readme_quotes() -> None:
    """TASS's Article 4 against 1961 Art. 1: coverage 38.2, and the four passages the README
    quotes (in the 1961 wording) among those shared."""
    comparison = compare_clauses(
        _article("ussr-dprk-1961", "1"), _article("russia-dprk-2024.tass", "4")
    )
    assert round(comparison.score, 1) == 38.2
    shared = " | ".join(" ".join(p.text.split()) for p in comparison.shared)
    for phrase in (
        "armed attack by any State or",
        "in a state of war, the other Contracting Party",
        "military and other assistance",
        "means at its disposal",
    ):
        assert phrase in shared
