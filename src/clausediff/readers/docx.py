"""Word documents (DOCX): the paragraphs in order, with the numbers Word's automatic numbering
prints, then the footnotes and endnotes, then the headers and footers, each marked as
furniture.

Tables are read row by row, cell by cell; tracked deletions are left out and insertions kept;
a field shows its result, never its code. A table of contents (paragraphs of the ``TOC``
styles) is navigation Word generates from the headings, and is left out, like a web page's
menu: read, it would give every article twice. A footnote's mark in the body is its number,
marked as a note mark. Each body paragraph is anchored to its number in
``word/document.xml``.
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree as ET

from clausediff.errors import InputError
from clausediff.model import Furniture, FurnitureKind, Metadata, Span
from clausediff.readers.base import Format, Reading, TextBuilder, raised
from clausediff.readers.office import append_apart, open_zip, parse_part
from clausediff.readers.wordnum import Numbering, W

__all__ = ["read_docx"]

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Deleted text, field codes, properties; and the fallback copy of content Word also gives in
# its modern form (a text box drawn twice: mc:Choice and mc:Fallback), read once
_SKIPPED = frozenset(
    [
        *(f"{W}{name}" for name in ("del", "moveFrom", "instrText", "delText", "fldData")),
        *(f"{W}{name}" for name in ("rPr", "pPr", "sectPr")),
        f"{_MC}Fallback",
    ]
)
_TOC = re.compile(r"^(?:TOC|toc|Contents|TableofContents|Inhaltsverzeichnis|Tabledesmati)", re.I)
_DC = "{http://purl.org/dc/elements/1.1/}"


class _Body:
    """Walks ``w:body``, writing paragraphs into a ``TextBuilder``."""

    def __init__(self, numbering: Numbering, out: TextBuilder) -> None:
        self.numbering = numbering
        self.out = out
        self.paragraphs = 0
        self.notes: dict[tuple[str, str], str] = {}  # (kind, id) -> printed mark

    def block(self, element: ET.Element) -> None:
        """Read the paragraphs, tables and content controls of a body or a table cell."""
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                for row in child.iter(f"{W}tr"):
                    self.out.separate(1)
                    for cell in row.iter(f"{W}tc"):
                        self.block(cell)
                self.out.separate(2)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins",
                         f"{_MC}AlternateContent", f"{_MC}Choice",
                         f"{W}smartTag", f"{W}moveTo") and not _is_toc_block(child):  # fmt: skip
                self.block(child)

    def paragraph(self, p: ET.Element) -> None:
        """Write one paragraph: its printed number, then its runs (note marks marked)."""
        self.paragraphs += 1
        props = p.find(f"{W}pPr")
        style = numid = None
        ilvl: int | None = None
        if props is not None:
            style = _attribute(props.find(f"{W}pStyle"))
            numpr = props.find(f"{W}numPr")
            if numpr is not None:
                numid = _attribute(numpr.find(f"{W}numId"))
                level = _attribute(numpr.find(f"{W}ilvl"))
                ilvl = int(level) if level and level.isdigit() else None
        if style and _TOC.match(style):
            return
        pieces: list[tuple[str, bool]] = []  # (text, is a note mark)
        self.runs(p, pieces)
        text = "".join(t for t, _ in pieces)
        label = self.numbering.label(numid, ilvl, style)
        if not text.strip() and not label.strip():
            self.out.separate(2)
            return
        self.out.separate(2 if not label else 1)
        self.out.anchor(f"word/document.xml paragraph {self.paragraphs}")
        self.out.write(label)
        for piece, mark in pieces:
            start, end = self.out.write(piece)
            if mark and end > start:
                self.out.furniture.append(Furniture(FurnitureKind.FOOTNOTE_MARK, Span(start, end)))
        self.out.separate(1)

    def runs(self, element: ET.Element, pieces: list[tuple[str, bool]], up: bool = False) -> None:
        """Collect the text of a paragraph's runs as ``(text, is a note mark)`` pieces (*up*:
        inside a run printed raised)."""
        for child in element:
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == f"{W}t":
                pieces.append((raised(child.text or "") if up else child.text or "", False))
            elif tag == f"{W}r":
                self.runs(child, pieces, _is_raised(child))
            elif tag == f"{W}tab":
                pieces.append(("\t", False))
            elif tag in (f"{W}br", f"{W}cr"):
                pieces.append(("\n", False))
            elif tag == f"{W}noBreakHyphen":
                pieces.append(("-", False))
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "footnote" if "foot" in tag else "endnote"
                key = (kind, child.get(f"{W}id") or "")
                mark = self.notes.setdefault(key, str(sum(k[0] == kind for k in self.notes) + 1))
                pieces.append((mark, True))
            elif tag == f"{W}p":  # a text box's paragraphs inside a run
                pieces.append(("\n", False))
                self.runs(child, pieces)
            else:
                self.runs(child, pieces)


def _is_raised(run: ET.Element) -> bool:
    """A run printed as a superscript (``w:vertAlign w:val="superscript"``)."""
    props = run.find(f"{W}rPr")
    align = None if props is None else props.find(f"{W}vertAlign")
    return _attribute(align) == "superscript"


def _attribute(element: ET.Element | None) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _is_toc_block(element: ET.Element) -> bool:
    gallery = element.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "Contents" in (gallery.get(f"{W}val") or "")


def _plain(element: ET.Element) -> str:
    pieces: list[tuple[str, bool]] = []
    lines = []
    for p in element.iter(f"{W}p"):
        pieces.clear()
        _Body(Numbering(None, None), TextBuilder()).runs(p, pieces)
        lines.append("".join(t for t, _ in pieces).strip())
    return "\n".join(line for line in lines if line)


def _notes(archive: zipfile.ZipFile, body: _Body, source: str | None) -> list[tuple[str, str]]:
    found = []
    for kind in ("footnote", "endnote"):
        root = parse_part(archive, f"word/{kind}s.xml", source)
        if root is None:
            continue
        texts = {note.get(f"{W}id") or "": note for note in root.iter(f"{W}{kind}")}
        for (noted, note_id), mark in body.notes.items():
            if noted == kind and note_id in texts:
                found.append((f"word/{kind}s.xml {kind} {note_id}",
                              f"{mark} {_plain(texts[note_id])}"))  # fmt: skip
    return found


def _title(archive: zipfile.ZipFile, source: str | None) -> str | None:
    core = parse_part(archive, "docProps/core.xml", source)
    if core is None:
        return None
    title = core.find(f"{_DC}title")
    value = " ".join((title.text or "").split()) if title is not None else ""
    return value or None


def read_docx(data: bytes, *, source: str | None = None) -> Reading:
    """Read a Word document: its paragraphs as printed, then notes, headers and footers.

    Raises:
        InputError: the file is damaged or holds no ``word/document.xml``.
    """
    with open_zip(data, "DOCX", source) as archive:
        document = parse_part(archive, "word/document.xml", source)
        if document is None:
            raise InputError("a DOCX without word/document.xml", source=source)
        numbering = Numbering(parse_part(archive, "word/numbering.xml", source),
                              parse_part(archive, "word/styles.xml", source))  # fmt: skip
        out = TextBuilder()
        body = _Body(numbering, out)
        for element in document.iter(f"{W}body"):
            body.block(element)
        append_apart(out, _notes(archive, body, source), FurnitureKind.FOOTNOTE)
        furniture = []
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                part = parse_part(archive, name, source)
                if part is not None:
                    furniture.append((name, _plain(part)))
        append_apart(out, furniture, FurnitureKind.RUNNING_HEAD)
        title = _title(archive, source)
    text = out.text().rstrip() + "\n"
    if not text.strip():
        raise InputError("the document holds no text", source=source)
    return Reading(
        text,
        Format.DOCX,
        metadata=Metadata(title=title),
        furniture=out.furniture_within(text),
        anchors=out.anchors_within(len(text)),
    )
