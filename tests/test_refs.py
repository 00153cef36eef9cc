"""Article identity: every article has a ref unique within its document, and everything that
names an article (pairs, hits, lineage members, anchors, JSON, ``--article``) uses it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from clausediff import (
    AmbiguousArticleError,
    ArticleNotFoundError,
    Clause,
    Corpus,
    align_documents,
    compare_clauses,
    parse_document,
    render,
)
from clausediff.cli import main

# A treaty whose Protocol restarts at Article 1, as the Warsaw Pact's and many bilateral
# treaties' protocols do.
WITH_PROTOCOL = """TREATY OF FRIENDSHIP AND CONSULTATION

The Parties have agreed as follows:

Article 1

The Parties shall settle their international disputes by peaceful means and refrain from the
threat or use of force against the territorial integrity of either of them.

Article 2

Each Party shall consult the other whenever, in the opinion of either, the security of either
of them is threatened by armed attack from any quarter.

Article 3

This Treaty shall be ratified and shall enter into force on the exchange of the instruments.

PROTOCOL

Article 1

The consultations provided for in Article 2 of the Treaty shall be held in the capitals of the
Parties in turn, at the level of ministers for foreign affairs, every six months.

Article 2

This Protocol forms an integral part of the Treaty and enters into force together with it.

DONE at Geneva, in two copies.
"""

# Two annexes, each with its own numbering: Article 2 is in both.
ANNEXES = "ANNEX I\n\nArticle 1\n\nOne.\n\nArticle 2\n\nTwo.\n\nANNEX II\n\nArticle 2\n\nMore.\n"


def test_protocol_articles_are_qualified() -> None:
    """The Protocol's articles are ``protocol/1`` and ``protocol/2``; the Treaty's keep their
    numbers; ``index`` counts from 0."""
    doc = parse_document(WITH_PROTOCOL, id="friendship")
    assert [a.ref for a in doc.articles] == ["1", "2", "3", "protocol/1", "protocol/2"]
    assert [a.number for a in doc.articles] == ["1", "2", "3", "1", "2"]
    assert [a.index for a in doc.articles] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        # a numbered annex, whose articles restart
        (
            "Article 1\n\nFirst.\n\nArticle 2\n\nSecond.\n\nANNEX II\n\nArticle 1\n\nAnnexed.\n",
            ["1", "2", "annex-2/1"],
        ),
        # a text that is one protocol throughout keeps plain numbers
        (
            "PROTOCOL\n\nArticle 1\n\nFirst.\n\nArticle 2\n\nSecond.\n",
            ["1", "2"],
        ),
        # chapters that restart the numbering are told apart by their path
        (
            "CHAPTER I\n\nArticle 1\n\nOne.\n\nArticle 2\n\nTwo.\n\n"
            "CHAPTER II\n\nArticle 1\n\nAgain one.\n",
            ["chapter-1/1", "2", "chapter-2/1"],
        ),
        # a second language version after the first, with nothing between
        (
            "Article 1\n\nThe Parties agree.\n\nArticle 2\n\nIt enters into force.\n\n"
            "Article 1\n\nLes Parties conviennent.\n\nArticle 2\n\nIl entre en vigueur.\n",
            ["1", "2", "1~2", "2~2"],
        ),
    ],
    ids=["annex", "one-protocol", "chapters", "second-version"],
)
def test_refs_are_unique(text: str, refs: list[str]) -> None:
    """Refs follow the documented rules and never repeat."""
    doc = parse_document(text, id="t")
    assert [a.ref for a in doc.articles] == refs
    assert len(set(refs)) == len(refs)


def test_article_by_ref_number_and_printed_form() -> None:
    """A ref names one article; a plain number is its ref; a printed form (``II``) works."""
    doc = parse_document(WITH_PROTOCOL, id="friendship")
    assert doc.article("protocol/1").text_span.start > doc.article("3").text_span.start
    assert doc.article("II") is doc.article("2")
    assert doc.article("protocol/II") is doc.article("protocol/2")


def test_ambiguous_number_lists_refs() -> None:
    """A number that two articles carry, neither as its ref, is an error naming both refs."""
    doc = parse_document(ANNEXES, id="annexes")
    assert [a.ref for a in doc.articles] == ["annex-1/1", "annex-1/2", "annex-2/2"]
    assert doc.article("1").ref == "annex-1/1"  # carried by one article only
    with pytest.raises(AmbiguousArticleError) as caught:
        doc.article("2")
    assert caught.value.refs == ("annex-1/2", "annex-2/2")
    assert "annex-1/2, annex-2/2" in str(caught.value)
    with pytest.raises(ArticleNotFoundError) as missing:
        doc.article("7")
    assert missing.value.available == ("annex-1/1", "annex-1/2", "annex-2/2")


def test_self_alignment_has_distinct_refs_and_html_ids() -> None:
    """Aligning the treaty with itself pairs every article with itself, by ref; the HTML
    report's ids are all distinct and every link lands on one."""
    doc = parse_document(WITH_PROTOCOL, id="friendship")
    alignment = align_documents(doc, doc)
    rows = [(p.left_ref, p.right_ref) for p in alignment.pairs]
    assert rows == [(a.ref, a.ref) for a in doc.articles]
    assert len(set(rows)) == len(rows)
    html = render(alignment, "html")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == len(doc.articles)
    hrefs = set(re.findall(r'href="#([^"]+)"', html))
    assert hrefs <= set(ids)
    data = json.loads(render(alignment, "json"))
    assert [(p["left_ref"], p["right_ref"]) for p in data["pairs"]] == rows


def test_comparison_and_outline_carry_refs() -> None:
    """A comparison's JSON names each side's ref; the parse outline and JSON show refs."""
    doc = parse_document(WITH_PROTOCOL, id="friendship")
    comparison = compare_clauses(
        Clause.from_article(doc, doc.article("2")),
        Clause.from_article(doc, doc.article("protocol/1")),
    )
    data = json.loads(render(comparison, "json"))
    assert (data["left"]["ref"], data["right"]["ref"]) == ("2", "protocol/1")
    outline = render(doc, "outline")
    assert "  protocol/1  " in outline
    parsed = json.loads(render(doc, "json"))
    assert [a["ref"] for a in parsed["articles"]] == [a.ref for a in doc.articles]


def test_cli_article_takes_refs_and_says_when_a_number_repeats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--article protocol/1`` compares the Protocol's article; ``--article 1`` takes the
    Treaty's and says on stderr that the Protocol also has an Article 1."""
    path = tmp_path / "friendship.txt"
    path.write_text(WITH_PROTOCOL, encoding="utf-8")
    status = main(
        ["compare", str(path), str(path), "--article", "3:protocol/1", "--format", "json"]
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert json.loads(out)["right"]["ref"] == "protocol/1"
    assert err == ""
    status = main(["compare", str(path), str(path), "--article", "1", "--format", "json"])
    out, err = capsys.readouterr()
    assert status == 0
    assert json.loads(out)["left"]["ref"] == "1"
    assert "article 1 is taken as ref 1; its number is also carried by protocol/1" in err


def test_cli_ambiguous_article_exits_2_with_refs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An ambiguous number on the command line is exit status 2 and lists the refs."""
    path = tmp_path / "annexes.txt"
    path.write_text(ANNEXES, encoding="utf-8")
    status = main(["compare", str(path), str(path), "--article", "2"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert "article 2 is ambiguous" in err
    assert "annex-1/2, annex-2/2" in err
    assert "(name the article by its ref)" in err


def test_index_search_and_lineage_carry_refs(tmp_path: Path) -> None:
    """The index stores refs: a hit on the Protocol's article names it ``protocol/1``, the
    article is found by ref as a query, and lineage members carry refs."""
    (tmp_path / "friendship.txt").write_text(WITH_PROTOCOL, encoding="utf-8")
    copy = WITH_PROTOCOL.replace("TREATY OF FRIENDSHIP", "TREATY OF AMITY")
    (tmp_path / "amity.txt").write_text(copy, encoding="utf-8")
    (tmp_path / "annexes.txt").write_text(ANNEXES, encoding="utf-8")
    with Corpus.from_directory(tmp_path) as corpus:
        query = "shall be held in the capitals of the Parties in turn, at the level of ministers"
        hits = corpus.search(query).hits
        assert {(h.document, h.ref, h.article) for h in hits[:2]} == {
            ("amity", "protocol/1", "1"),
            ("friendship", "protocol/1", "1"),
        }
        label, text = corpus.article_text("friendship", "protocol/1")
        assert label == "Article 1"
        assert text.startswith("The consultations provided for")
        with pytest.raises(AmbiguousArticleError) as caught:
            corpus.article_text("annexes", "2")
        assert caught.value.refs == ("annex-1/2", "annex-2/2")
        refs = {(m.document, m.ref) for family in corpus.lineage() for m in family.members}
        assert ("friendship", "protocol/1") in refs
        assert ("amity", "protocol/1") in refs
