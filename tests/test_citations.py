"""Citations: every output that names a clause lets a reader cite it (treaty title, date,
article as printed, page, source), and partial copies are flagged where they change the
reading."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html import escape

import pytest

from clausediff import Corpus, Document, Metadata, Page, Span, load_bundled, parse_document
from clausediff.match.align import Alignment, align_documents
from clausediff.match.compare import Clause, Comparison, compare_clauses
from clausediff.report import render
from clausediff.report.cite import (
    cite_article,
    cite_hit,
    cite_member,
    copy_stops_inside,
    cut_article,
)

PAGED_TEXT = (
    "Preamble of the paged treaty.\n\n"
    "Article 1\n\nThe Parties shall settle any international dispute by peaceful means.\n\n"
    "Article 2\n\nThe Parties will consult together whenever the security of any of them is "
    "threatened.\n"
)


def paged() -> Document:
    """A treaty whose source had printed pages: Article 1 on page 12, Article 2 on page 13."""
    second = PAGED_TEXT.index("Article 2")
    return parse_document(
        PAGED_TEXT,
        id="paged.en",
        metadata=Metadata(title="Paged Treaty", signed="1955-05-14", source="a printed volume"),
        pages=(Page(1, Span(0, second), "12"), Page(2, Span(second, len(PAGED_TEXT)), "13")),
    )


def _article(name: str, key: str) -> Clause:
    document = load_bundled(name)
    return Clause.from_article(document, document.article(key))


def _comparisons() -> list[Comparison]:
    doc = paged()
    nato = load_bundled("nato-1949")
    return [
        compare_clauses(_article("ussr-dprk-1961", "1"), _article("russia-dprk-2024", "4")),
        compare_clauses(_article("prc-dprk-1961", "2"), _article("ussr-dprk-1961", "1")),
        compare_clauses(
            Clause.from_article(doc, doc.article("2")), Clause.from_article(nato, nato.article("4"))
        ),
        compare_clauses(
            _article("prc-dprk-1961.zh-Hant", "2"), _article("sino-soviet-1950.zh-Hans", "1")
        ),
    ]


def _alignments() -> list[Alignment]:
    nato = load_bundled("nato-1949")
    return [
        align_documents(nato, load_bundled("anzus-1951.signed")),
        align_documents(paged(), nato),
        align_documents(load_bundled("prc-dprk-1961"), load_bundled("ussr-dprk-1961")),
    ]


def _flat(text: str) -> str:
    """Output with its line wrapping and Markdown escapes undone, for finding a citation."""
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def _assert_cites(output: str, clause: Clause) -> None:
    meta = clause.metadata
    assert meta is not None
    assert meta.title
    assert meta.signed
    assert meta.source
    flat = _flat(output)
    for part in (meta.title, f"signed {meta.signed}", meta.source, clause.label):
        assert part is not None
        assert " ".join(part.split()) in flat, (clause.document, part)
    if clause.page is not None:
        assert f"{' '.join((clause.label or '').split())}, p. {clause.page}" in flat


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("index", range(4))
def test_comparison_output_cites_both_clauses(fmt: str, index: int) -> None:
    """Text and Markdown name each compared clause with its treaty's title and date, the
    article as printed, its page where the source had pages, and the source."""
    comparison = _comparisons()[index]
    output = render(comparison, fmt)
    _assert_cites(output, comparison.left)
    _assert_cites(output, comparison.right)


def _row(lines: list[str], left: str, right: str) -> str:
    """The one table row of a text or Markdown alignment that names both articles."""

    def names(line: str, label: str) -> bool:
        return re.search(rf"(^|[\s|]){re.escape(label)}(\s|,|$|\|)", line) is not None

    found = [line for line in lines if names(line, left) and names(line, right)]
    assert len(found) >= 1, (left, right)
    return found[0]


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("index", range(3))
def test_alignment_output_cites_every_article(fmt: str, index: int) -> None:
    """An alignment cites both treaties (title, date, source) above its table, and each row
    names its articles as printed, with the page where the source had pages."""
    alignment = _alignments()[index]
    output = render(alignment, fmt)
    flat = _flat(output)
    for document in (alignment.left, alignment.right):
        meta = document.metadata
        assert meta.title
        assert meta.signed
        assert meta.source
        for part in (meta.title, f"signed {meta.signed}", meta.source):
            assert " ".join(part.split()) in flat
    lines = [_flat(line) for line in output.splitlines()]
    lrefs = {a.ref: a for a in alignment.left.articles}
    rrefs = {a.ref: a for a in alignment.right.articles}
    for pair in alignment.pairs:
        names = []
        for ref, refs, document in (
            (pair.left_ref, lrefs, alignment.left),
            (pair.right_ref, rrefs, alignment.right),
        ):
            if ref is None:
                names.append("-")
                continue
            citation = cite_article(document, refs[ref])
            names.append(citation.place or "")
        _row(lines, *names)


def test_pages_are_cited_where_known() -> None:
    """An article of a paged source is cited with its printed page in every format."""
    doc = paged()
    comparison = _comparisons()[2]
    assert comparison.left.page == "13"
    for fmt in ("text", "markdown", "html"):
        assert "Article 2, p. 13" in _flat(render(comparison, fmt))
    data = json.loads(render(comparison, "json"))
    assert data["left"]["citation"]["page"] == "13"
    alignment = align_documents(doc, load_bundled("nato-1949"))
    assert "Article 1, p. 12" in render(alignment, "text")
    pairs = json.loads(render(alignment, "json"))["pairs"]
    assert {p["left_citation"]["page"] for p in pairs if p["left_citation"]} == {"12", "13"}


@pytest.mark.parametrize(
    ("result", "paths"),
    [
        (lambda: _comparisons()[0], [("left", "citation"), ("right", "citation")]),
        (lambda: _alignments()[0], [("left", "citation"), ("right", "citation")]),
    ],
)
def test_json_carries_citations(
    result: Callable[[], Comparison | Alignment], paths: list[tuple[str, str]]
) -> None:
    """The JSON of a comparison and of an alignment carries a citation object for each side
    (and, in an alignment, for each article of each pair)."""
    data = json.loads(render(result(), "json"))
    for side, key in paths:
        citation = data[side][key]
        assert set(citation) == {"document", "title", "signed", "label", "page", "source"}
        assert citation["title"]
        assert citation["signed"]
        assert citation["source"]
    for pair in data.get("pairs", []):
        for side in ("left", "right"):
            label = pair[f"{side}_label"]
            citation = pair[f"{side}_citation"]
            assert (label is None) == (citation is None)
            if citation is not None:
                assert citation["label"] == label


def test_partial_side_is_flagged_above_the_table_and_in_its_rows() -> None:
    """NATO against the partial ANZUS copy: the output says the copy is partial and what it
    lacks, and marks the "removed" rows that the missing part may explain."""
    alignment = _alignments()[0]
    text = render(alignment, "text")
    head, _, table = text.partition("\n\n")
    assert "anzus-1951.signed.en is a partial copy: starts at Article III" in _flat(head)
    assert "Rows marked * are removed or added only as far as the copies show" in _flat(head)
    removed = [line for line in table.splitlines() if "removed" in line]
    assert len(removed) == 9
    assert all("removed*" in line for line in removed)
    assert "the copy of anzus-1951.signed.en stops inside ARTICLE VIII" in table
    data = json.loads(render(alignment, "json"))
    assert data["right"]["complete"] is False
    assert data["right"]["copy_stops_inside"] == "8"
    assert {p["only_in_copy"] for p in data["pairs"] if p["status"] == "removed"} == {True}
    assert "Partial copy: starts at Article III" in render(alignment, "html")


def test_complete_sides_mark_nothing() -> None:
    """Two whole copies: no partial note and no marked row."""
    nato = load_bundled("nato-1949")
    text = render(align_documents(nato, nato), "text")
    assert "partial copy" not in text
    assert "*" not in text


def test_a_cut_clause_is_flagged() -> None:
    """The PRC-DPRK English copy stops inside Article II, before its mutual-assistance
    sentence: comparing that article says so in every format; a whole article of a partial
    copy (USSR-DPRK Art. 1) is not flagged."""
    comparison = _comparisons()[1]
    assert copy_stops_inside(comparison.left.metadata, comparison.left.text)
    assert not copy_stops_inside(comparison.right.metadata, comparison.right.text)
    for fmt in ("text", "markdown", "html", "csv"):
        output = _flat(render(comparison, fmt)).lower()
        assert "the copy stops inside this article" in output or "stops inside article ii" in (
            output
        ), fmt
    assert json.loads(render(comparison, "json"))["left"]["copy_stops_inside"] is True
    flagship = render(_comparisons()[0], "text")
    assert "stops inside" not in flagship


def test_cut_article_needs_a_partial_copy() -> None:
    """Only a partial copy's last article, stopping mid-sentence, is cut."""
    assert cut_article(load_bundled("anzus-1951.signed")) is not None
    assert cut_article(load_bundled("nato-1949")) is None
    assert cut_article(load_bundled("russia-dprk-2024")) is None  # Art. 4, whole
    whole = parse_document("Article 1\n\nThe Parties agree that", id="x")
    assert cut_article(whole) is None  # nothing says the copy is partial


@pytest.fixture(scope="module")
def bundled() -> Iterator[Corpus]:
    """The bundled corpus, indexed in memory once for these tests."""
    with Corpus.bundled() as corpus:
        yield corpus


def test_search_output_cites_every_hit(bundled: Corpus) -> None:
    """Each hit of a search is cited, in text, JSON, CSV and HTML: treaty title, date, the
    article as printed, the source of the copy, and a partial copy marked."""
    result = bundled.search_article("nato-1949", "5", top=6)
    assert result.hits
    text = _flat(render(result, "text"))
    for hit in result.hits:
        citation = cite_hit(hit)
        assert citation.title
        assert citation.signed
        assert citation.source
        expected = f"{citation.title} (signed {citation.signed}), {' '.join(hit.label.split())}"
        assert expected in text
        assert f"Source: {citation.source}" in text
        if hit.complete is False:
            assert f"{expected} [partial copy]" in text
    data = json.loads(render(result, "json"))
    assert [h["citation"]["source"] for h in data["hits"]] == [h.source for h in result.hits]
    assert all(h["weighted_coverage"] == h["score"] for h in data["hits"])
    html = render(result, "html")
    assert all(escape(cite_hit(hit).title or "") in html for hit in result.hits)


def test_lineage_output_cites_every_member(bundled: Corpus) -> None:
    """Each member of each family is cited under its line (title, date, label as printed),
    and the source of every copy shown is listed once at the end."""
    lineage = bundled.lineage()
    text = render(lineage, "text")
    flat = _flat(text)
    body, _, sources = text.partition("Sources of the copies:")
    assert sources
    for family in lineage:
        for member in family.members:
            citation = cite_member(member)
            assert citation.title
            assert citation.signed
            assert (
                f"{citation.title} (signed {citation.signed}), {' '.join(member.label.split())}"
                in flat
            )
            assert f"{member.document}: {citation.source}" in _flat(sources)
    assert "weighted coverage" in body
