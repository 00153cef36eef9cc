"""CSV output: one row per aligned pair (one for a comparison), citation columns included,
safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

from clausediff import Metadata, load_bundled, parse_document
from clausediff.match.align import align_documents
from clausediff.match.compare import Clause, compare_clauses
from clausediff.report import render
from clausediff.report.spreadsheet import ALIGNMENT_COLUMNS, COMPARISON_COLUMNS


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_alignment_csv_has_a_row_per_pair_with_citations() -> None:
    """NATO / ANZUS: 15 rows (5 pairs, 9 removed, 1 added), each side cited in its columns,
    the overlap, the number bonus and the pair's coverage by name."""
    alignment = align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951.signed"))
    text = render(alignment, "csv")
    assert text.splitlines()[0] == ",".join(ALIGNMENT_COLUMNS)
    rows = _rows(text)
    assert len(rows) == len(alignment.pairs) == 15
    pair = next(r for r in rows if r["left_label"] == "Article 5")
    assert pair["right_label"] == "ARTICLE IV"
    assert pair["right_ref"] == "4"
    assert pair["left_title"] == "North Atlantic Treaty"
    assert pair["left_signed"] == "1949-04-04"
    assert pair["right_source"] == "Google Books vEI3AAAAIAAJ p. 880"
    assert pair["right_complete_copy"] == "no"
    assert (pair["status"], pair["overlap"], pair["number_bonus"]) == ("modified", "36.76", "0.0")
    assert float(pair["coverage"]) == alignment.pairs[4].comparison.scores.coverage  # type: ignore[union-attr]
    assert "Such measures shall be terminated" in pair["longest_shared"]
    removed = [r for r in rows if r["status"] == "removed"]
    assert len(removed) == 9
    assert {r["only_in_copy"] for r in removed} == {"yes"}
    assert all(r["right_document"] == "" and r["overlap"] == "" for r in removed)


def test_comparison_csv_is_one_row() -> None:
    """A clause comparison is one row: both citations, every measure, the summary."""
    old, new = load_bundled("ussr-dprk-1961"), load_bundled("russia-dprk-2024")
    comparison = compare_clauses(
        Clause.from_article(old, old.article("1")), Clause.from_article(new, new.article("4"))
    )
    rows = _rows(render(comparison, "csv"))
    assert list(rows[0]) == list(COMPARISON_COLUMNS)
    (row,) = rows
    assert (row["left_document"], row["left_label"]) == ("ussr-dprk-1961.en", "Article 1")
    assert row["right_signed"] == "2024-06-19"
    assert row["coverage"] == "22.22"
    assert (row["kept"], row["dropped"], row["added"]) == ("19", "62", "44")
    assert row["summary"].startswith("Kept: 19 of the 81 words")


def test_a_formula_in_a_cell_is_neutralized() -> None:
    """A title or clause starting with = + - @ is written with a leading apostrophe, so a
    spreadsheet shows it instead of computing it."""
    hostile = parse_document(
        'Article 1\n\n=HYPERLINK("http://x") the parties shall consult together.\n',
        id="hostile",
        metadata=Metadata(title="=1+1", signed="2020-01-01", source="@evil"),
    )
    other = parse_document("Article 1\n\nthe parties shall consult together.\n", id="other")
    rows = _rows(render(align_documents(hostile, other), "csv"))
    assert rows[0]["left_title"] == "'=1+1"
    assert rows[0]["left_source"] == "'@evil"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@")), value


def test_search_and_lineage_csv_cite_every_article() -> None:
    """A search gives a row per hit and a lineage a row per link, each article cited in its
    own columns (document, ref, label, page, title, date, source, whole copy or not)."""
    from clausediff import Corpus
    from clausediff.report.spreadsheet import LINEAGE_COLUMNS, SEARCH_COLUMNS

    with Corpus.bundled() as corpus:
        result = corpus.search_article("russia-dprk-2024", "4", sources=True, top=3)
        lineage = corpus.lineage()
    rows = _rows(render(result, "csv"))
    assert list(rows[0]) == list(SEARCH_COLUMNS)
    assert len(rows) == len(result.hits) == 3
    first = rows[0]
    assert (first["rank"], first["document"], first["label"]) == (
        "1",
        "ussr-dprk-1961.en",
        "Article 1",
    )
    assert first["signed"] == "1961-07-06"
    assert first["source"].startswith("https://issuhub.com/")
    assert float(first["weighted_coverage"]) == result.hits[0].score
    links = _rows(render(lineage, "csv"))
    assert list(links[0]) == list(LINEAGE_COLUMNS)
    assert len(links) == sum(len(f.links) for f in lineage)
    assert all(r["earlier_signed"] <= r["later_signed"] for r in links if r["later_signed"])
    # the flagship link cites the texts compared: the 1961 English Article 1, TASS's Article 4
    flagship = [r for r in links if r["later_document"] == "russia-dprk-2024.tass.en"]
    assert (flagship[0]["earlier_document"], flagship[0]["earlier_label"]) == (
        "ussr-dprk-1961.en", "Article 1"
    )  # fmt: skip
    assert flagship[0]["earlier_source"].startswith("https://issuhub.com/")
    assert flagship[0]["later_source"].startswith("https://fmimalta.com/")
