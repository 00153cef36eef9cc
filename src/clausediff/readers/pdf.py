"""PDF with a text layer (pypdfium2, PDFium's text extraction): the text of each page in
reading order, with page numbers, running heads and footnotes marked as furniture, and every
offset on a known page.

Each page's lines come from PDFium in content order; a line's position on the page (PDF
coordinates of its first character) says whether it sits in the top or bottom margin. A page
set in two columns is read column by column (``pdfcolumns``). Lines in
the bottom margin are moved after the page's body (a content stream may draw the page number
first). Then, over the whole document:

- a margin line that is a page number (``12``, ``- 12 -``, ``Page 3 of 40``, ``3-4``,
  ``10A-2``) is ``page-number`` furniture, and the page's printed label;
- a margin line whose text (digits aside) recurs in the margins of at least three pages, and of
  a fifth of them, is a ``running-head``;
- at the foot of a page, a block of lines set smaller than the body, opening with a note number
  or mark, is a ``footnote``; a figure or dagger set raised and smaller right after a word
  (``Parties¹``) is a ``footnote-mark``.

Pages follow one another with a single newline (a page break is no paragraph break), except
that a blank line sets a running head at the top of a page apart from the body; line-end
hyphens stay in the text (matching joins ``con-`` / ``tinue``). A PDF whose pages carry
(almost) no text is a scan: ``NoTextLayerError`` says how to add a text layer.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from typing import Any

import attrs

from clausediff.errors import InputError, MissingExtraError, NoTextLayerError
from clausediff.model import Furniture, FurnitureKind, Metadata, Page, Span
from clausediff.readers.base import Anchor, Format, Reading
from clausediff.readers.pdfcolumns import (
    column_lines,
    looks_two_column,
    split_columns,
    text_runs,
)

__all__ = ["read_pdf"]

_MARGIN = 0.085  # share of the page height that counts as top or bottom margin
_SEGMENT = re.compile(r"[^\r\n\ufffe]+\ufffe?|\ufffe")  # a line, or a line up to a hyphen break
_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?(?:(?:page|p\.|seite|página|pagina|страница|стр\.)\s*)?"
    r"(?P<label>\d{1,4}[A-Z]?(?:\s?[-–.]\s?\d{1,4})?|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})"
    r"(?:\s*(?:of|/|de|sur|von|из)\s*\d{1,4})?\s*(?:[-–—])?",
    re.I,
)
_NOTE_START = re.compile(
    r"\s*(?:\d{1,3}|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,3}\)|\[\d{1,3}\])(?:\s|[.)]|$|\D)"
)
_MARK_CANDIDATE = re.compile(
    r"(?<=[^\W\d_.,;:)\]”’\"]|[.,;:)\]”’\"])(?:\d{1,3}|[*†‡])(?=[\s.,;:)]|$)"
)
_SCAN_WATERMARKS = frozenset(["camscanner", "scanned with camscanner", "adobe scan"])


@attrs.define
class _Line:
    text: str
    top: float
    bottom: float
    height: float
    margin: str  # "top", "bottom" or ""
    kind: FurnitureKind | None = None
    marks: list[tuple[int, int]] = attrs.field(factory=list)  # note marks, offsets in text


def _open(data: bytes, source: str | None) -> Any:
    try:
        import pypdfium2 as pdfium
    except ImportError as e:
        raise MissingExtraError("PDF files", "pdf", source=source) from e
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e)
        if "password" in message.lower():
            raise InputError("the PDF is encrypted with a password", source=source,
                             hint="save an unprotected copy and read that") from e  # fmt: skip
        raise InputError(f"a damaged PDF ({message})", source=source) from e


def _margin(top: float, bottom: float, height: float) -> str:
    if top > height * (1 - _MARGIN):
        return "top"
    return "bottom" if bottom < height * _MARGIN else ""


def _column_lines(textpage: Any, width: float, height: float) -> list[_Line] | None:
    """A two-column page's lines, column by column (``None`` for any other page)."""
    runs = text_runs(textpage)
    body = [r for r in runs if not _margin(r.top, r.bottom, height)]
    columns = split_columns(body, width)
    if columns is None:
        return None
    lines = []
    margins = [r for r in runs if _margin(r.top, r.bottom, height)]
    for group in (
        [r for r in margins if _margin(r.top, r.bottom, height) == "top"],
        *columns,
        [r for r in margins if _margin(r.top, r.bottom, height) == "bottom"],
    ):
        for text, top, bottom in column_lines(group):
            lines.append(_Line(text, top, bottom, top - bottom, _margin(top, bottom, height)))
    return lines


def _page_lines(page: Any) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        height = page.get_height() or 1.0
        width = page.get_width() or 1.0
        spans = [(m.start(), m.end() - 1) for m in _SEGMENT.finditer(text) if m.end() > m.start()]
        if len(spans) >= 12 and looks_two_column(textpage, spans, width):
            columns = _column_lines(textpage, width, height)
            if columns is not None:
                return columns
        lines = []
        for found in _SEGMENT.finditer(text):
            piece = found.group()
            if piece.endswith("\ufffe"):  # PDFium's mark for a hyphen that ends a line
                piece = piece[:-1] + "-"
            if not piece.strip():
                continue
            first = found.start() + len(piece) - len(piece.lstrip())
            _, bottom, _, top = textpage.get_charbox(first)
            line = _Line(piece.rstrip(), top, bottom, max(top - bottom, 0.0),
                         _margin(top, bottom, height))  # fmt: skip
            line.marks = _note_marks(textpage, found.start(), line.text)
            lines.append(line)
        return lines
    finally:
        textpage.close()


def _note_marks(textpage: Any, first: int, text: str) -> list[tuple[int, int]]:
    """The note marks of a line: figures or daggers set raised and smaller right after a word
    (``Parties¹``), as ``(start, end)`` offsets in the line."""
    marks = []
    for found in _MARK_CANDIDATE.finditer(text):
        at = first + found.start()
        letter = found.start() - 1  # the nearest letter before: punctuation boxes are small
        while letter > 0 and found.start() - letter < 4 and not text[letter].isalpha():
            letter -= 1
        # loose boxes: the font's whole height, so a letter's x-height does not hide a size
        _, bottom, _, top = textpage.get_charbox(at, loose=True)
        _, before_bottom, _, before_top = textpage.get_charbox(first + letter, loose=True)
        size = before_top - before_bottom
        if size > 0 and bottom > before_bottom + 0.2 * size and top - bottom < 0.85 * size:
            marks.append((found.start(), found.end()))
    return marks


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _mark_furniture(pages: list[list[_Line]]) -> None:
    shapes = Counter(
        shape for lines in pages for shape in {_shape(ln.text) for ln in lines if ln.margin}
    )
    repeated = max(3, len(pages) // 5)
    heights = [ln.height for lines in pages for ln in lines if not ln.margin and ln.height > 0]
    body = statistics.median(heights) if heights else 0.0
    for lines in pages:
        for line in lines:
            if not line.margin and line not in (lines[0], lines[-1]):
                continue
            if _PAGE_NUMBER.fullmatch(line.text.strip()):
                line.kind = FurnitureKind.PAGE_NUMBER
            elif line.margin and shapes[_shape(line.text)] >= repeated:
                line.kind = FurnitureKind.RUNNING_HEAD
        _mark_footnotes(lines, body)


def _mark_footnotes(lines: list[_Line], body: float) -> None:
    """The block of small lines at the foot of the page that opens with a note mark."""
    if body <= 0:
        return
    end = len(lines)
    while end and lines[end - 1].kind is not None:
        end -= 1
    start = end
    while start and 0 < lines[start - 1].height < body * 0.88 and lines[start - 1].kind is None:
        start -= 1
    for at in range(start, end):  # the block begins at its first note mark
        if _NOTE_START.match(lines[at].text):
            for line in lines[at:end]:
                line.kind = FurnitureKind.FOOTNOTE
            return


def _ordered(lines: list[_Line]) -> list[_Line]:
    """The page's lines in reading order: top margin, body, bottom margin."""
    top = [ln for ln in lines if ln.margin == "top"]
    body = [ln for ln in lines if not ln.margin]
    bottom = sorted((ln for ln in lines if ln.margin == "bottom"), key=lambda ln: -ln.top)
    return top + body + bottom


def _title(document: Any) -> str | None:
    try:
        title = " ".join(str(document.get_metadata_dict().get("Title", "")).split())
    except Exception:  # a damaged info dictionary only costs the title
        return None
    if (
        not title
        or "microsoft word" in title.lower()
        or re.search(r"\.(docx?|pdf|rtf)$", title, re.I)
    ):
        return None
    return title


def _is_scan(pages: list[list[_Line]]) -> bool:
    chars = sum(
        len(ln.text.strip()) for lines in pages for ln in lines
        if ln.text.strip().lower() not in _SCAN_WATERMARKS
    )  # fmt: skip
    return chars < 40 * max(len(pages), 1) * 0.5


def read_pdf(data: bytes, *, source: str | None = None) -> Reading:
    """Read a PDF's text layer, page by page (see the module's docstring).

    Raises:
        MissingExtraError: pypdfium2 (``clausediff[pdf]``) is not installed.
        InputError: the PDF is damaged or encrypted.
        NoTextLayerError: the pages are images with no text layer (a scan).
    """
    document = _open(data, source)  # names the missing extra when pypdfium2 is absent
    import pypdfium2 as pdfium

    try:
        pages = []
        for number in range(len(document)):
            try:
                pages.append(_ordered(_page_lines(document[number])))
            except pdfium.PdfiumError as e:
                raise InputError(f"a damaged PDF: page {number + 1} cannot be read ({e})",
                                 source=source) from e  # fmt: skip
        title = _title(document)
    finally:
        document.close()
    if _is_scan(pages):
        raise NoTextLayerError(
            "the PDF has no text layer: "
            + ("its page is an image" if len(pages) == 1 else f"its {len(pages)} pages are images")
            + " (a scan), with no text to read",
            source=source,
            hint="add a text layer with OCR, for example `ocrmypdf -l eng scan.pdf text.pdf` "
            "(OCRmyPDF, with Tesseract), and read the new file",
        )
    _mark_furniture(pages)
    return _assemble(pages, title)


def _assemble(pages: list[list[_Line]], title: str | None) -> Reading:
    parts: list[str] = []
    length = 0
    furniture: list[Furniture] = []
    spans: list[Page] = []
    anchors: list[Anchor] = []
    for number, lines in enumerate(pages, start=1):
        page_start = length
        anchors.append(Anchor(length, f"page {number}"))
        label = None
        for at, line in enumerate(lines):
            # a running head at the top stands apart from the page's first line, which opens a
            # block as a heading would: a blank line, as on the page, says so to the parser
            apart = (
                line.kind is FurnitureKind.RUNNING_HEAD
                and line.margin == "top"
                and at + 1 < len(lines)
                and lines[at + 1].kind is None
            )
            parts.append(line.text + ("\n\n" if apart else "\n"))
            if line.kind is None:
                furniture.extend(
                    Furniture(FurnitureKind.FOOTNOTE_MARK, Span(length + a, length + b))
                    for a, b in line.marks
                )
            else:
                furniture.append(Furniture(line.kind, Span(length, length + len(line.text))))
                if line.kind is FurnitureKind.PAGE_NUMBER and label is None:
                    found = _PAGE_NUMBER.fullmatch(line.text.strip())
                    label = found.group("label") if found else None
            length += len(line.text) + 1 + apart
        spans.append(Page(number, Span(page_start, length), label))
    return Reading(
        "".join(parts),
        Format.PDF,
        metadata=Metadata(title=title),
        furniture=tuple(furniture),
        pages=tuple(spans),
        anchors=tuple(anchors),
    )
