"""Akoma Ntoso in and out: the articles of the markup itself, and `--format akn` that reads
back to the same articles."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from clausediff.bundled import catalog, load_bundled
from clausediff.errors import InputError
from clausediff.readers.akn import read_akn
from clausediff.report import render
from clausediff.sources import document_from_bytes, document_from_reading

AKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AMENDING = f"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="{AKN3}"><act><meta><identification source="#x">
<FRBRWork><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2024-03-27" name="x"/>
<FRBRauthor href="#x"/><FRBRcountry value="de"/></FRBRWork>
<FRBRExpression><FRBRthis value="/a"/><FRBRuri value="/a"/><FRBRdate date="2024-03-27" name="x"/>
<FRBRauthor href="#x"/><FRBRlanguage language="deu"/></FRBRExpression></identification></meta>
<preface><p><docTitle>Zweites Gesetz</docTitle></p></preface>
<body><chapter eId="chp_1"><num>Kapitel 1</num><heading>Allgemeines</heading>
<article eId="art_1"><num>Artikel 1</num><heading>Änderung</heading>
<paragraph eId="art_1_para_1"><num>1.</num><content><p>§ 11 wird wie folgt gefasst:
<mod><quotedStructure><article eId="q_1"><num>§ 11</num><content><p>Neuer Text.</p></content>
</article></quotedStructure></mod></p></content></paragraph></article>
<article eId="art_2"><num>Artikel 2</num><heading>Inkrafttreten</heading>
<content><p>Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.<authorialNote eId="n1">
<p>Siehe BGBl.</p></authorialNote></p></content></article></chapter></body>
<conclusions><p>Berlin, den 27. März 2024</p></conclusions></act></akomaNtoso>
"""


def test_articles_come_from_the_markup() -> None:
    """Articles, numbers, headings, paragraphs and divisions are the markup's; an article
    quoted in an amendment stays inside the article that quotes it."""
    document = document_from_bytes(AMENDING.encode(), id="gesetz")
    assert [(a.label, a.number, a.heading) for a in document.articles] == [
        ("Artikel 1", "1", "Änderung"),
        ("Artikel 2", "2", "Inkrafttreten"),
    ]
    first = document.articles[0]
    assert "§ 11" in document.quote(first.text_span)
    assert [p.label for p in first.paragraphs] == ["1."]
    assert [d.label for d in first.divisions] == ["Kapitel 1"]
    assert document.metadata.signed == "2024-03-27"
    assert document.metadata.language == "de"
    assert document.metadata.title == "Zweites Gesetz"
    assert document.trailing is not None
    assert document.quote(document.trailing).strip() == "Berlin, den 27. März 2024"
    notes = [document.text[f.span.start : f.span.end] for f in document.furniture]
    assert notes == ["Siehe BGBl."]


def test_akn_2_sections_are_articles_when_there_are_no_articles() -> None:
    """An AKN 2.0 document that marks its articles as sections gives one article each."""
    xml = (
        '<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><act><meta/><body>'
        '<chapter id="c1"><num>Chapter One</num><section id="s1"><num>1</num>'
        "<heading>Sovereignty</heading><subsection><num>(1)</num><content><p>All power."
        '</p></content></subsection></section><section id="s2"><num>2</num><content><p>Text.'
        "</p></content></section></chapter></body></act></akomaNtoso>"
    )
    reading = read_akn(xml.encode())
    assert reading.articles is not None
    assert [(a.number, a.heading) for a in reading.articles] == [("1", "Sovereignty"), ("2", None)]
    assert reading.place(reading.articles[1].span.start) == "s2"


def test_undeclared_prefixes_are_read() -> None:
    """Proprietary elements with a prefix the file never declares (``<my:tag>``, as in the
    Akoma Ntoso 2.0 examples) do not stop the reading."""
    xml = (
        b'<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><act><meta><proprietary>'
        b"<my:tag>x</my:tag></proprietary></meta><body><article><num>Art. 1</num>"
        b"<content><p>Text.</p></content></article></body></act></akomaNtoso>"
    )
    reading = read_akn(xml)
    assert reading.articles is not None
    assert [a.number for a in reading.articles] == ["1"]


def test_an_article_ending_the_text_keeps_its_span() -> None:
    """An article whose element closes with trailing blanks at the very end of the text is
    cut at the text's end (a document collection of one empty component read so)."""
    xml = (
        '<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><act><body><article><num>1</num>'
        "<content><p>Text.</p><p>   </p></content></article></body></act></akomaNtoso>"
    )
    document = document_from_bytes(xml.encode(), id="x")
    assert document.quote(document.articles[0].text_span) == "1\nText."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<akomaNtoso><act>", "not well-formed XML"),
        (b"<root/>", "not Akoma Ntoso"),
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><akomaNtoso/>', "entities"),
    ],
)
def test_bad_xml_is_a_clear_error(data: bytes, message: str) -> None:
    """Broken, foreign or entity-laden XML is an input error, never a traceback."""
    with pytest.raises(InputError, match=message):
        read_akn(data)


@pytest.mark.parametrize("doc_id", sorted(catalog()))
def test_akn_output_reads_back_to_the_same_articles(doc_id: str) -> None:
    """`parse X --format akn` writes well-formed Akoma Ntoso 3.0 that reads back to the same
    articles: labels, numbers and refs."""
    document = load_bundled(doc_id)
    xml = render(document, "akn")
    root = ET.fromstring(xml)
    assert root.tag == f"{{{AKN3}}}akomaNtoso"
    for required in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
        assert root.find(f".//{{{AKN3}}}{required}") is not None
    back = document_from_reading(read_akn(xml.encode()), id=document.id)
    assert [(a.label, a.number, a.ref) for a in back.articles] == [
        (" ".join(a.label.split()), a.number, a.ref) for a in document.articles
    ]


SCHEMA = Path(__file__).resolve().parent / "data" / "akomantoso30.xsd"


@cache
def _schema() -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


@pytest.mark.parametrize("doc_id", sorted(catalog()))
def test_akn_output_is_valid_akoma_ntoso_3(doc_id: str) -> None:
    """`parse --format akn` is valid against OASIS's Akoma Ntoso 3.0 schema."""
    xml = render(load_bundled(doc_id), "akn")
    errors = [str(e)[:300] for e in _schema().iter_errors(xml)]
    assert errors == []


def test_akn_output_of_a_pdf_is_valid(tmp_path: Path) -> None:
    """The Akoma Ntoso of a PDF (page furniture, a footnote, a hyphen break) is valid and
    reads back to the same articles."""
    from clausediff.sources import load_document
    from tests.fixtures_formats import write_pdf

    document = load_document(write_pdf(tmp_path / "treaty.pdf"))
    xml = render(document, "akn")
    assert [str(e)[:300] for e in _schema().iter_errors(xml)] == []
    back = document_from_reading(read_akn(xml.encode()), id=document.id)
    assert [a.number for a in back.articles] == [a.number for a in document.articles]


def test_divisions_nest_and_refs_come_back() -> None:
    """Articles of an annex that restarts the numbering are written inside it, so the refs
    that tell them apart read back (``annex-1/1``), and the output stays valid."""
    from clausediff.parse.document import parse_document

    text = (
        "Article 1\n\nThe Parties agree.\n\nArticle 2\n\nThis Treaty enters into force.\n\n"
        "ANNEX 1\n\nArticle 1\n\nThe first rule of the annex.\n\n"
        "Article 2\n\nThe second rule of the annex.\n"
    )
    document = parse_document(text, id="treaty")
    xml = render(document, "akn")
    assert [str(e)[:300] for e in _schema().iter_errors(xml)] == []
    back = document_from_reading(read_akn(xml.encode()), id="treaty")
    refs = [a.ref for a in document.articles]
    assert refs == ["1", "2", "annex-1/1", "annex-1/2"]
    assert [a.ref for a in back.articles] == refs
