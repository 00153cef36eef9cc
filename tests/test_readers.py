"""The readers: every format read from real files made by real writers, the format told from
the bytes, encodings, furniture, pages, metadata and the errors of files that cannot be read."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff.bundled import read_catalog
from clausediff.errors import (
    ClauseDiffError,
    DecodeError,
    InputError,
    MojibakeError,
    NoTextLayerError,
)
from clausediff.model import Furniture, FurnitureKind, Span
from clausediff.readers import Format, read_bytes, sniff_format
from clausediff.readers.base import TextBuilder
from clausediff.sources import decode_text, file_id, load_document, read_source, treaty_files
from tests.fixtures_formats import (
    ARTICLES,
    RUNNING_HEAD,
    write_docx,
    write_odt,
    write_pdf,
    write_scan,
)


def _kinds(path: Path) -> dict[str, list[str]]:
    reading = read_source(path)
    found: dict[str, list[str]] = {}
    for piece in reading.furniture:
        found.setdefault(str(piece.kind), []).append(
            reading.text[piece.span.start : piece.span.end]
        )
    return found


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_articles_pages_and_furniture(tmp_path: Path) -> None:
    """A printed PDF gives its articles, each on its page; page numbers, running heads and the
    footnote are furniture; the page labels are the printed numbers."""
    path = write_pdf(tmp_path / "treaty.pdf")
    document = load_document(path)
    assert [a.label for a in document.articles] == [a for a, _ in ARTICLES]
    pages = [document.page_at(a.text_span.start) for a in document.articles]
    assert [p.label for p in pages if p is not None] == ["1", "2", "3", "4"]
    kinds = _kinds(path)
    assert kinds["page-number"] == ["1", "2", "3", "4"]
    assert kinds["running-head"] == [RUNNING_HEAD] * 4
    assert kinds["footnote"] == ["1 As amended by the Protocol of 1951."]
    assert kinds["footnote-mark"] == ["1"]
    assert document.metadata.title == "Treaty of Friendship"
    assert document.metadata.signed == "1949-04-04"


def test_pdf_keeps_line_end_hyphens(tmp_path: Path) -> None:
    """A word broken at a line end keeps its hyphen and line break in the text (matching joins
    the halves), and no PDFium private character is left."""
    text = read_source(write_pdf(tmp_path / "treaty.pdf")).text
    assert "con-\ntinue." in text
    assert "\ufffe" not in text


def test_pdf_two_columns_read_one_after_the_other(tmp_path: Path) -> None:
    """A bilingual page in two columns reads the English column, then the French one, so
    each language's articles are whole (PDFium alone runs lines across both columns)."""
    from tests.fixtures_formats import write_two_columns

    path = write_two_columns(tmp_path / "bilingual.pdf")
    reading = read_source(path)
    assert (
        "Article 1\nThe Parties undertake to settle any\ninternational dispute by" in reading.text
    )
    assert reading.text.index("peaceful relations.") < reading.text.index("Article premier")
    document = load_document(path)
    assert [a.ref for a in document.articles] == ["1", "2", "3", "1~2", "2~2", "3~2"]
    assert _kinds(path)["page-number"] == ["7"]


def test_a_table_is_not_taken_for_two_columns(tmp_path: Path) -> None:
    """Rows of a two-column table (an article and its period) stay rows."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(tmp_path / "table.pdf"), pagesize=A4)
    pdf.setFont("Times-Roman", 10)
    pdf.drawString(60, 780, "Article 1")
    pdf.drawString(60, 766, "The Parties agree on the following transition periods:")
    for row in range(20):
        pdf.drawString(60, 740 - 14 * row, f"Provision {row + 1} on the release of goods")
        pdf.drawString(380, 740 - 14 * row, f"{row + 2} years")
    pdf.showPage()
    pdf.save()
    text = read_source(tmp_path / "table.pdf").text
    assert "Provision 1 on the release of goods 2 years" in text


def test_scanned_pdf_names_the_missing_text_layer(tmp_path: Path) -> None:
    """A PDF of images is a clear error that names the missing text layer and OCRmyPDF."""
    with pytest.raises(NoTextLayerError, match="no text layer") as error:
        read_source(write_scan(tmp_path / "scan.pdf"))
    assert error.value.hint is not None
    assert "ocrmypdf" in error.value.hint


def test_scanned_pdf_exits_2(tmp_path: Path) -> None:
    """On the command line a scan exits with status 2 and no traceback."""
    path = write_scan(tmp_path / "scan.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "parse", str(path)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no text layer" in result.stderr
    assert "ocrmypdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_comparison_cites_title_date_article_and_page(tmp_path: Path) -> None:
    """Text output names the treaty's title and date, the article and its page."""
    path = write_pdf(tmp_path / "treaty.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "compare", str(path), "nato-1949", "--article", "4"],
        capture_output=True, text=True, check=False, timeout=120,
        env={"NO_COLOR": "1", "PATH": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Treaty of Friendship (signed 1949-04-04), Article 4, p. 4" in result.stdout
    assert "North Atlantic Treaty (signed 1949-04-04), Article 4" in result.stdout


# --- Word and OpenDocument -----------------------------------------------------------------------


def test_docx_numbering_prints_the_article_headings(tmp_path: Path) -> None:
    """Headings that exist only in Word's numbering definitions ("Article %1") are found,
    lettered items are numbered as Word prints them, and the table of contents is left out."""
    path = write_docx(tmp_path / "draft.docx")
    document = load_document(path)
    assert [a.number for a in document.articles] == ["1", "2", "3", "4"]
    assert "Title\t1" not in document.text  # the table of contents is left out
    assert "(a)\tfirst item of the list\n(b)\tsecond item of the list" in document.text
    assert _kinds(path)["running-head"] == ["Confidential draft", RUNNING_HEAD]
    assert document.metadata.title == "Treaty of Friendship"


_TEXT_BOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r>'
    "<w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback>"
    "<w:pict><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent></w:pict>"
    "</mc:Fallback></mc:AlternateContent></w:r>"
)


def test_docx_numbering_through_the_heading_style(tmp_path: Path) -> None:
    """Headings numbered by their style (Heading 1 linked to an "ARTICLE %1" list, as Word's
    outline numbering does) print their numbers, counting on across the document."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    from tests.fixtures_formats import _ABSTRACT, _NUM

    document = Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(_ABSTRACT.replace("Article %1", "ARTICLE %1")))
    numbering.append(parse_xml(_NUM))
    style = document.styles["Heading 1"].element.get_or_add_pPr()
    numpr = style.makeelement(qn("w:numPr"), {})
    numpr.append(numpr.makeelement(qn("w:numId"), {qn("w:val"): "90"}))
    style.append(numpr)
    for title in ("Scope", "Definitions", "Entry into force"):
        document.add_heading(title, level=1)
        document.add_paragraph("The Parties agree on this.")
    document.save(str(tmp_path / "styled.docx"))
    parsed = load_document(tmp_path / "styled.docx")
    assert [a.label for a in parsed.articles] == ["ARTICLE 1", "ARTICLE 2", "ARTICLE 3"]
    assert [a.heading for a in parsed.articles] == ["Scope", "Definitions", "Entry into force"]


def test_odt_outline_numbering_prints_article_headings(tmp_path: Path) -> None:
    """ODT headings numbered by the outline style ("Article " before the number) are found."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties
    from odf.text import H, OutlineLevelStyle, OutlineStyle, P

    document = OpenDocumentText()
    outline = OutlineStyle(name="Outline")
    level = OutlineLevelStyle(level=1, numformat="1", numprefix="Article ", numsuffix=".")
    level.addElement(ListLevelProperties())
    outline.addElement(level)
    document.styles.addElement(outline)
    for title in ("Scope", "Definitions"):
        document.text.addElement(H(outlinelevel=1, text=title))
        document.text.addElement(P(text="The Parties agree on this."))
    document.save(str(tmp_path / "outline.odt"))
    parsed = load_document(tmp_path / "outline.odt")
    assert [a.label for a in parsed.articles] == ["Article 1", "Article 2"]
    assert "Article 1. Scope" in parsed.text


def test_docx_text_box_is_read_once(tmp_path: Path) -> None:
    """A text box Word stores twice (its drawing and a fallback picture) is read once."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    document.add_paragraph("Article 1")
    document.add_paragraph("The Parties agree.")._p.append(parse_xml(_TEXT_BOX))
    document.save(str(tmp_path / "box.docx"))
    text = read_source(tmp_path / "box.docx").text
    assert text.count("Box text") == 1


def test_odt_lists_notes_and_headers(tmp_path: Path) -> None:
    """An ODT gives its headings as articles, its list numbers, its note apart and its page
    header and footer as furniture."""
    path = write_odt(tmp_path / "draft.odt")
    document = load_document(path)
    assert [a.label for a in document.articles] == [a for a, _ in ARTICLES]
    assert "(a) first item of the list\n(b) second item of the list" in document.text
    kinds = _kinds(path)
    assert kinds["footnote"] == ["1 As amended by the Protocol of 1951."]
    assert kinds["footnote-mark"] == ["1"]
    assert kinds["running-head"] == [RUNNING_HEAD, "Confidential draft"]


def test_raised_numbers_in_word_and_opendocument(tmp_path: Path) -> None:
    """A superscript run in Word (``w:vertAlign``) and a raised span in OpenDocument
    (``style:text-position``) read as superscript digits: ``Статья 6¹``, the article
    inserted after 6, not ``Статья 61``."""
    from docx import Document
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import P, Span

    word = Document()
    for number, raised_part, body in (("6", "", "Первая."), ("6", "1", "Вторая."), ("7", "", "Т.")):
        heading = word.add_paragraph(f"Статья {number}")
        heading.add_run(raised_part).font.superscript = True
        word.add_paragraph(body)
    word.save(str(tmp_path / "code.docx"))
    odt = OpenDocumentText()
    up = Style(name="Up", family="text")
    up.addElement(TextProperties(textposition="super 58%"))
    odt.automaticstyles.addElement(up)
    for number, raised_part, body in (("6", "", "Первая."), ("6", "1", "Вторая."), ("7", "", "Т.")):
        heading = P(text=f"Статья {number}")
        heading.addElement(Span(stylename=up, text=raised_part))
        odt.text.addElement(heading)
        odt.text.addElement(P(text=body))
    odt.save(str(tmp_path / "code.odt"))
    for name in ("code.docx", "code.odt"):
        document = load_document(tmp_path / name)
        assert [a.label for a in document.articles] == ["Статья 6", "Статья 6¹", "Статья 7"]
        assert [a.number for a in document.articles] == ["6", "6bis", "7"]


# --- HTML ---------------------------------------------------------------------------------------

HTML_CASES = [
    ("entities", b"<p>Article 1</p><p>The Parties&nbsp;agree &amp; undertake&#x2026;</p>",
     "The Parties\u00a0agree & undertake…"),
    ("scripts and navigation dropped",
     b"<nav>Home | Article 9</nav><script>var a='Article 7';</script><style>p{}</style>"
     b"<p>Article 1</p><p>Text.</p><footer>Article 8</footer>", "Article 1\n\nText.\n"),
    ("a table of contents dropped, an anchor named after it kept",
     b"<div class='toc'>Article 7 Scope</div><div id='toc-TIT_I'><h1>Article 1</h1>"
     b"<p>Kept.</p></div>", "Article 1\n\nKept."),
    ("ordered list numbered", b"<p>Article 1</p><ol type='a'><li>one</li><li>two</li></ol>",
     "a. one\nb. two"),
    ("table rows are lines", b"<p>Article 1</p><table><tr><td>(a)</td><td>first</td></tr>"
     b"<tr><td>(b)</td><td>second</td></tr></table>", "(a) first\n(b) second"),
    ("headings are blocks", b"<h2>Article 1</h2><div>Scope</div>text",
     "Article 1\n\nScope\n\ntext"),
    # a raised number is a superscript, not a digit more: "6" and a raised "1" are not "61"
    ("sup", "<p>Статья 6<sup>1</sup></p>".encode(), "Статья 6¹\n"),
    ("vertical-align style", "<p>Статья 6<span style='vertical-align: super'>2</span></p>".encode(),
     "Статья 6²\n"),
    ("class raised by the style sheet",
     "<style>.s { font-size: 70%; vertical-align: super }</style>"
     "<p>Статья 6<span class='m s'>3</span> и 1<sup>er</sup> mars</p>".encode(),
     "Статья 6³ и 1er mars"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "page", "expected"), HTML_CASES, ids=[c[0] for c in HTML_CASES])
def test_html_text(case: str, page: bytes, expected: str) -> None:
    """The text of a page is what a browser shows, in blocks."""
    reading = read_bytes(b"<html><body>" + page + b"</body></html>", name="x.html")
    assert reading.format is Format.HTML
    assert expected in reading.text, (case, reading.text)
    assert "Article 7" not in reading.text
    assert "Article 9" not in reading.text


def test_eurlex_style_notes() -> None:
    """EUR-Lex's notes: a reference span around a link in the body is one mark; the list of
    notes, whose numbers link back, is one footnote block."""
    page = (
        b"<html><body><p>Article 1</p><p>The Commission<span class='FootnoteReference'>"
        b"<a class='footnoteRef' id='footnoteref2' href='#footnote2'>1</a></span> shall act.</p>"
        b"<dl id='footnotes'><dd id='footnote2'><span class='num'><a class='footnote' "
        b"href='#footnoteref2'>(1)</a></span> OJ L 1, 1.1.2020.</dd></dl></body></html>"
    )
    reading = read_bytes(page, name="eurlex.html")
    kinds = [(str(f.kind), reading.text[f.span.start : f.span.end]) for f in reading.furniture]
    assert kinds == [("footnote-mark", "1"), ("footnote", "(1) OJ L 1, 1.1.2020.")]


def test_furniture_is_kept_inside_the_final_text_without_its_blanks() -> None:
    """Every reader cuts its furniture the same way: blanks at a piece's ends are not part of
    it, nothing of it lies past the text's end, and a piece left empty goes."""
    out = TextBuilder()
    out.write("Article 1\nText.\n")
    notes = [(out.write(" 12 \n"), FurnitureKind.PAGE_NUMBER)]
    notes.append((out.write("Head\n\n"), FurnitureKind.RUNNING_HEAD))
    notes.append((out.write("  \n"), FurnitureKind.FOOTNOTE))
    out.furniture.extend(Furniture(kind, Span(*span)) for span, kind in notes)
    text = out.text().rstrip() + "\n"
    cut = out.furniture_within(text)
    assert [(f.kind, text[f.span.start : f.span.end]) for f in cut] == [
        (FurnitureKind.PAGE_NUMBER, "12"),
        (FurnitureKind.RUNNING_HEAD, "Head"),
    ]
    assert all(f.span.end <= len(text) for f in cut)


def test_xhtml_encoding_declaration_is_honoured() -> None:
    """An XHTML page's XML declaration names its encoding."""
    page = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><body><p>Article 1</p>'
        "<p>Les Parties conviennent à l'unanimité.</p></body></html>"
    ).encode("latin-1")
    reading = read_bytes(page, name="page.xhtml")
    assert "conviennent à l'unanimité" in reading.text
    assert reading.encoding == "iso8859-1"
    assert not reading.detected


def test_html_charset_title_and_notes() -> None:
    """The page's charset decodes it, its title is the document's, notes are furniture."""
    page = (
        '<html><head><meta charset="windows-1252"><title>Traité d’amitié</title></head><body>'
        "<p>Article 1</p><p>Les Parties conviennent<sup class='footnoteRef'>1</sup>.</p>"
        "<p class='note'>1 Voir le protocole.</p></body></html>"
    ).encode("cp1252")
    reading = read_bytes(page, name="traite.html")
    assert reading.metadata.title == "Traité d’amitié"
    assert reading.encoding == "cp1252"
    assert not reading.detected
    kinds = {str(f.kind): reading.text[f.span.start : f.span.end] for f in reading.furniture}
    # the mark reads as printed, raised ("conviennent¹."), never as a digit of the word before
    assert kinds == {"footnote-mark": "¹", "footnote": "1 Voir le protocole."}
    assert "conviennent¹." in reading.text


# --- sniffing, encodings ------------------------------------------------------------------------

SNIFF_CASES = [
    (b"%PDF-1.7\n...", "x.txt", Format.PDF),
    (b"Article 1\n\nText", "x.html", Format.TEXT),
    (b"<p>Article 1</p>", "x.txt", Format.HTML),
    (b'<?xml version="1.0"?><akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">',
     "x.txt", Format.AKN),
    ("\ufeff<meta charset=utf-8><p>Член 1</p>".encode(), None, Format.HTML),
]  # fmt: skip


@pytest.mark.parametrize(("data", "name", "expected"), SNIFF_CASES)
def test_format_from_bytes_not_name(data: bytes, name: str | None, expected: Format) -> None:
    """The bytes decide the format; the name's extension does not override them."""
    assert sniff_format(data, name=name) is expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "Word 97-2003"),
        (b"{\\rtf1\\ansi Article 1}", "RTF"),
        (b"PK\x03\x04garbage", "damaged ZIP"),
        (b"\x89PNG\r\n\x1a\n", "an image"),
    ],
)
def test_unsupported_formats_are_named(data: bytes, message: str) -> None:
    """A format clausediff does not read is an error that names it."""
    with pytest.raises(InputError, match=message):
        read_bytes(data, name="x.doc")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_honoured(codec: str) -> None:
    """UTF-8, UTF-16 and UTF-32 files with a byte-order mark read without being named."""
    text = "Article 1\n\nLes Parties conviennent à l'unanimité.\n"
    data = text.encode(codec)
    if codec.endswith(("-le", "-be")):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode_text(data) == text


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Article 1\n\nLes Parties conviennent à l'unanimité de ce qui suit.\n", "cp1252"),
        ("Статья 1\n\nСтороны договорились о нижеследующем и обязуются соблюдать.\n", "cp1251"),
    ],
)
def test_other_encodings_are_detected_and_named(text: str, codec: str) -> None:
    """Bytes that are not UTF-8 are decoded in the detected encoding, which is named."""
    reading = read_bytes(text.encode(codec), name="x.txt")
    assert reading.text == text
    assert reading.detected
    assert codecs.lookup(reading.encoding or "").name == codecs.lookup(codec).name


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Article 1\n\nLes Parties stipulé et accepté.\n".encode(), "cp1252"),
        ("Article 1\n\nLes Parties stipulé et accepté.\n".encode().decode("cp1252").encode(), None),
        ("Статья 1\n\nСтороны договорились.\n".encode(), "cp1251"),
    ],
)
def test_mojibake_is_an_error(data: bytes, encoding: str | None) -> None:
    """Text that decodes to mojibake (UTF-8 read as a code page, or converted twice) is an
    error, never a text to compare."""
    with pytest.raises(MojibakeError, match="mojibake"):
        decode_text(data, encoding=encoding)


# each kind of mojibake spelled out as its own alternative: the plain form of the pattern
_LEADS = "\u00c2-\u00df", "\u00e0-\u00ef", "РС"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "aé Р С Â ß à ï ‚ „ … † € ‰ ‹ › ‘ ’ “ ” • – — ™ ° ± µ ¶ · \x80 \x99 \xbf ƒ ˆ Š Œ Ž"
        )
    )
)
def test_the_mojibake_pattern_finds_what_each_kind_alone_finds(text: str) -> None:
    """The mojibake pattern (one class of lead characters, then the kind) finds, at the same
    places, what the three kinds written as plain alternatives find."""
    from clausediff.readers import text as module

    cyrillic = module._MOJIBAKE.pattern.rsplit("(?<=[РС])", 1)[1].rstrip(")")
    plain = re.compile(
        f"[{_LEADS[0]}][{module._CONTINUATION}]|[{_LEADS[1]}][{module._CONTINUATION}]{{2}}"
        f"|[{_LEADS[2]}]{cyrillic}"
    )
    found = [m.span() for m in module._MOJIBAKE.finditer(text)]
    assert found == [m.span() for m in plain.finditer(text)]


def test_encoding_per_side_of_compare(tmp_path: Path) -> None:
    """--encoding LEFT:RIGHT decodes each side of a comparison in its own encoding."""
    clause = (
        "Article 1\n\nLes Parties conviennent de régler par des moyens pacifiques tout différend.\n"
    )
    (tmp_path / "a.txt").write_bytes(clause.encode("cp1252"))
    (tmp_path / "b.txt").write_bytes(clause.encode("utf-8"))
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "compare", "a.txt", "b.txt", "--article", "1",
         "--encoding", "cp1252:utf-8", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["score"] == 100.0
    wrong = subprocess.run(
        [sys.executable, "-m", "clausediff", "compare", "a.txt", "b.txt", "--article", "1",
         "--encoding", "cp1252"],
        capture_output=True, text=True, cwd=tmp_path, check=False, timeout=120,
    )  # fmt: skip
    assert wrong.returncode == 2
    assert "mojibake" in wrong.stderr


# --- metadata and directories -------------------------------------------------------------------


def test_catalog_beside_the_file_outranks_the_file(tmp_path: Path) -> None:
    """catalog.toml gives the title, parties and date; the file's own title yields to it."""
    write_pdf(tmp_path / "friendship.pdf")
    (tmp_path / "catalog.toml").write_text(
        '[documents."friendship"]\ntitle = "Friendship Treaty (catalog)"\n'
        'parties = ["A", "B"]\nsigned = "1950-01-02"\n',
        encoding="utf-8",
    )
    document = load_document(tmp_path / "friendship.pdf")
    assert document.metadata.title == "Friendship Treaty (catalog)"
    assert document.metadata.parties == ("A", "B")
    assert document.metadata.signed == "1950-01-02"


def test_catalog_schema_errors_are_named(tmp_path: Path) -> None:
    """A catalog field the schema does not have is an error naming it."""
    (tmp_path / "catalog.toml").write_text('[documents."x"]\ntitel = "typo"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown field 'titel'"):
        read_catalog(tmp_path)


def test_the_shared_bench_catalog_reads(shared_dir: Path, tmp_path: Path) -> None:
    """The catalog make_corpus.py writes (title and date only) reads as metadata."""
    (tmp_path / "catalog.toml").write_bytes((shared_dir / "bench" / "dates.toml").read_bytes())
    entries = read_catalog(tmp_path)
    assert entries["gc-iii.en"].signed == "1949-08-12"
    assert entries["gc-iii.en"].title is not None
    assert "Prisoners of War" in entries["gc-iii.en"].title


def test_index_reads_every_format(tmp_path: Path) -> None:
    """A directory of PDF, DOCX, ODT and text files is indexed whole; ids drop extensions."""
    from clausediff.corpus.facade import Corpus

    write_pdf(tmp_path / "a.pdf")
    write_docx(tmp_path / "b.docx")
    write_odt(tmp_path / "c.odt")
    (tmp_path / "d.en.txt").write_text("Article 1\n\nText of the treaty.\n", encoding="utf-8")
    assert [file_id(p) for p in treaty_files(tmp_path)] == ["a", "b", "c", "d.en"]
    with Corpus.from_directory(tmp_path) as corpus:
        assert corpus.report is not None
        assert sorted(corpus.report.added) == ["a", "b", "c", "d.en"]
        assert corpus.report.failed == ()


# --- the command line ---------------------------------------------------------------------------


def _cli(*argv: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clausediff", *argv],
        capture_output=True, text=True, cwd=cwd, input=stdin, check=False, timeout=120,
    )  # fmt: skip


def test_extract_and_parse_text_print_what_was_read(tmp_path: Path) -> None:
    """`extract` and `parse --format text` print the text read; extract's JSON carries the
    pages and furniture with offsets into that text."""
    path = write_pdf(tmp_path / "treaty.pdf")
    extracted = _cli("extract", str(path), cwd=tmp_path)
    parsed = _cli("parse", str(path), "--format", "text", cwd=tmp_path)
    assert extracted.returncode == parsed.returncode == 0
    assert extracted.stdout == parsed.stdout
    assert extracted.stdout + "" == read_source(path).text
    data = json.loads(_cli("extract", str(path), "--format", "json", cwd=tmp_path).stdout)
    assert data["schema"] == "clausediff.extract/1"
    assert data["format"] == "pdf"
    first = data["furniture"][0]
    assert data["text"][first["start"] : first["end"]] == RUNNING_HEAD
    assert [p["label"] for p in data["pages"]] == ["1", "2", "3", "4"]


def test_extract_reads_a_bundled_text(tmp_path: Path) -> None:
    """`extract` takes a bundled id as `parse` does: the text exactly as shipped."""
    from clausediff.bundled import bundled_corpus_dir

    result = _cli("extract", "nato-1949", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    shipped = (bundled_corpus_dir() / "nato-1949.en.txt").read_text(encoding="utf-8")
    assert result.stdout == shipped.removesuffix("\n") + "\n"
    missing = _cli("extract", "nato-1984", cwd=tmp_path)
    assert missing.returncode == 2
    assert "did you mean" in missing.stderr


def test_compare_free_text_from_option_and_stdin(tmp_path: Path) -> None:
    """A free clause compares from --text or standard input, on either side."""
    clause = "The Parties will consult together whenever the security of any of them is threatened"
    by_option = _cli("compare", "nato-1949", "--text", clause, "--article", "4", cwd=tmp_path)
    by_stdin = _cli("compare", "-", "nato-1949", "--article", "4", cwd=tmp_path, stdin=clause)
    assert by_option.returncode == by_stdin.returncode == 0
    assert "the parties will consult together whenever" in by_option.stdout.lower()
    assert by_stdin.stdout.startswith("free text  →  nato-1949.en Article 4")
    best = _cli("compare", "nato-1949", "--text", clause, cwd=tmp_path)
    assert best.returncode == 0
    assert "Article 4" in best.stderr


def test_output_format_follows_the_extension(tmp_path: Path) -> None:
    """-o report.html without --format writes HTML; .md writes Markdown."""
    for name, opening in (("report.html", "<!DOCTYPE html>"), ("report.md", "## ")):
        result = _cli("compare", "nato-1949", "anzus-1951.signed", "--article", "5:4", "-o", name,
                      cwd=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(opening)


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without pypdfium2, a PDF is an error that names the extra to install."""
    import builtins

    from clausediff.errors import MissingExtraError

    real = builtins.__import__

    def refuse(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pypdfium2"):
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    path = write_pdf(tmp_path / "treaty.pdf")
    monkeypatch.setattr(builtins, "__import__", refuse)
    with pytest.raises(MissingExtraError, match=r"clausediff\[pdf\]") as error:
        read_source(path)
    assert error.value.hint == "pip install 'clausediff[pdf]'"
    assert isinstance(error.value, ClauseDiffError)
    assert error.value.exit_status == 2


def test_decode_error_names_the_byte() -> None:
    """With an encoding named, bytes not valid in it are an error at their offset."""
    with pytest.raises(DecodeError) as error:
        decode_text(b"Article 1 \xe0", encoding="utf-8")
    assert error.value.offset == 10
