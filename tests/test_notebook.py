"""Notebook display and the values a Python user meets: short reprs, ``_repr_html_`` in the
report's styles, ``Article.text``."""

from __future__ import annotations

import attrs
import pytest

from clausediff import Article, Span, load_bundled, parse_document
from clausediff.match.align import align_documents
from clausediff.match.compare import Clause, compare_clauses

from .test_html import parse_html


def _flagship_parts() -> tuple[Clause, Clause]:
    old, new = load_bundled("ussr-dprk-1961"), load_bundled("russia-dprk-2024")
    return Clause.from_article(old, old.article("1")), Clause.from_article(new, new.article("4"))


def test_reprs_are_short() -> None:
    """Reprs say what a value is in a line: the UN Charter (56,071 characters, 111 articles)
    is not printed whole, nor is a clause, a comparison or an alignment."""
    charter = load_bundled("un-charter-1945")
    assert repr(charter) == (
        "Document('un-charter-1945.en', title='Charter of the United Nations', "
        "signed='1945-06-26', articles=<111>, text=<56,071 characters>)"
    )
    assert "paragraphs=<4>" in repr(charter.articles[0])
    assert len(repr(charter.articles[0])) < 250
    left, right = _flagship_parts()
    assert repr(left).startswith("<Clause ussr-dprk-1961.en Article 1: 'The Contracting Parties")
    assert len(repr(left)) < 120
    comparison = compare_clauses(left, right)
    assert repr(comparison) == (
        "<Comparison ussr-dprk-1961.en Article 1 → russia-dprk-2024.en Article 4: "
        "coverage 22.2, 3 shared passages>"
    )
    alignment = align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951.signed"))
    assert repr(alignment) == (
        "<Alignment nato-1949.en → anzus-1951.signed.en: 1 added, 5 modified, 9 removed>"
    )


def test_repr_html_is_small_styled_and_inert() -> None:
    """A document, a comparison and an alignment show in a notebook as one styled
    ``<div class="clausediff">`` with no script, a few kilobytes each."""
    nato, anzus = load_bundled("nato-1949"), load_bundled("anzus-1951.signed")
    comparison = compare_clauses(*_flagship_parts())
    alignment = align_documents(nato, anzus)
    for value, expected in (
        (nato, "North Atlantic Treaty"),
        (comparison, "military and other assistance"),
        (alignment, "ARTICLE IV"),
    ):
        html = value._repr_html_()
        assert html.startswith('<div class="clausediff"><style>')
        assert len(html) < 12_000
        page = parse_html(html)
        assert page.all("script") == []
        assert expected in "".join(page.text)
    assert (
        "anzus-1951.signed.en is a partial copy: starts at Article III" in alignment._repr_html_()
    )
    charter = load_bundled("un-charter-1945")._repr_html_()
    assert "… and 99 more" in charter
    assert len(charter) < 12_000


def test_article_text_is_the_article_as_printed() -> None:
    """``Article.text`` quotes its document's text, label to end, for every article."""
    for name in ("nato-1949", "prc-dprk-1961.zh-Hant", "un-charter-1945"):
        document = load_bundled(name)
        for article in document.articles:
            assert article.text == document.quote(article.text_span)
            assert article.text.startswith(article.label)
    assert load_bundled("nato-1949").article("5").text.startswith("Article 5\n\nThe Parties agree")


def test_article_text_follows_its_document() -> None:
    """A document made from another text's articles binds them to its own text; an article
    made by hand has no text, and says why."""
    first = parse_document("Article 1\n\nAlpha beta gamma.\n", id="a")
    second = attrs.evolve(first, text="Article 1\n\nDelta epsilon, zeta eta.\n")
    assert first.articles[0].text == "Article 1\n\nAlpha beta gamma."
    assert second.articles[0].text == "Article 1\n\nDelta epsilon, ze"  # the same span
    assert first.articles[0] == second.articles[0]  # the text is no part of equality
    loose = Article("Article 1", "1", None, Span(0, 9), Span(0, 9))
    with pytest.raises(ValueError, match="belongs to no document"):
        _ = loose.text


def test_corpus_lists_its_documents_and_searches_with_an_article() -> None:
    """``len(corpus)``, ``corpus.documents`` and ``corpus.search_article`` answer as the
    command line's ``search --article DOC:N [--sources]`` does; the corpus, a search result
    and a lineage print short and show in a notebook."""
    from clausediff import Corpus, catalog

    with Corpus.bundled() as corpus:
        assert len(corpus) == len(catalog())
        documents = {d.id: d for d in corpus.documents}
        assert set(documents) == set(catalog())
        anzus = documents["anzus-1951.en"]
        assert (anzus.articles, anzus.signed, anzus.complete) == (11, "1951-09-01", True)
        assert repr(corpus) == f"<Corpus the bundled corpus: {len(catalog())} documents>"
        result = corpus.search_article("russia-dprk-2024", "4", sources=True, top=3)
        assert result.hits[0].document == "ussr-dprk-1961.en"
        assert all(h.signed and h.signed <= "2024-06-19" for h in result.hits)
        assert all(not h.document.startswith("russia-dprk-2024") for h in result.hits)
        assert repr(result).startswith("<SearchResult 'In case any one of the two sides")
        assert repr(result.hits[0]).startswith("<Hit ussr-dprk-1961.en Article 1: weighted")
        lineage = corpus.lineage()
        assert repr(lineage) == f"<Lineage the bundled corpus: {len(lineage)} families>"
        for value, expected in ((corpus, "anzus-1951.en"), (result, "Article 1"),
                                (lineage, "sino-soviet-1950.zh-Hans")):  # fmt: skip
            html = value._repr_html_()
            assert html.startswith('<div class="clausediff"><style>')
            assert len(html) < 20_000
            assert parse_html(html).all("script") == []
            assert expected in html
