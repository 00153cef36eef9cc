"""OpenDocument text (ODT): paragraphs and headings in order, with the numbers that list and
outline numbering print, then the notes, then the page headers and footers, each marked as
furniture.

Lists number their items from their list style (``text:list-level-style-number``: format,
prefix, suffix, start value, how many levels are shown); headings from the outline style. A
generated table of contents is navigation and is left out (see ``docx``). A note's citation
stays in the body, marked; its text goes after the body, marked as a footnote.
"""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

from clausediff.errors import InputError
from clausediff.model import Furniture, FurnitureKind, Metadata, Span
from clausediff.readers.base import Format, Reading, TextBuilder, raised
from clausediff.readers.listnum import format_number
from clausediff.readers.office import append_apart, open_zip, parse_part

__all__ = ["read_odt"]

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman"}  # fmt: skip
_SKIP = frozenset(f"{TEXT}{n}" for n in ("table-of-content", "tracked-changes", "note-body",
                                         "sequence-decls", "bookmark-ref-end"))  # fmt: skip

_LevelStyle = tuple[str, str, str, int, int]  # format, prefix, suffix, start, levels shown


def _list_styles(*roots: ET.Element | None) -> dict[str, dict[int, _LevelStyle]]:
    styles: dict[str, dict[int, _LevelStyle]] = {}
    for root in roots:
        if root is None:
            continue
        for style in [*root.iter(f"{TEXT}list-style"), *root.iter(f"{TEXT}outline-style")]:
            # the one outline style numbers headings, whatever its name: key ""
            outline = style.tag.endswith("outline-style")
            name = "" if outline else style.get(f"{STYLE}name") or "?"
            levels: dict[int, _LevelStyle] = {}
            for level in style:
                if not level.tag.endswith(("level-style-number", "outline-level-style")):
                    continue
                number = int(level.get(f"{TEXT}level") or 1)
                fmt = level.get(f"{STYLE}num-format") or ""
                start = level.get(f"{TEXT}start-value") or "1"
                shown = level.get(f"{TEXT}display-levels") or "1"
                levels[number] = (_FORMATS.get(fmt, "none" if not fmt else "decimal"),
                                  level.get(f"{STYLE}num-prefix") or "",
                                  level.get(f"{STYLE}num-suffix") or "",
                                  int(start) if start.isdigit() else 1,
                                  int(shown) if shown.isdigit() else 1)  # fmt: skip
            styles[name] = levels
    return styles


class _Body:
    def __init__(self, styles: dict[str, dict[int, _LevelStyle]], out: TextBuilder) -> None:
        self.styles = styles
        self.out = out
        self.notes: list[tuple[str, str]] = []
        self.raised_styles: frozenset[str] = frozenset()  # text styles printed raised
        self.counters: dict[str, list[int]] = {}
        self.paragraphs = 0

    def block(self, element: ET.Element, lists: tuple[tuple[str, int], ...] = ()) -> None:
        """Read the paragraphs, headings, lists and tables under *element*; *lists* are the
        open lists (style name, level)."""
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in (f"{TEXT}p", f"{TEXT}h"):
                label = ""
                if tag == f"{TEXT}h" and not lists:
                    label = self._number("", int(child.get(f"{TEXT}outline-level") or 1), ())
                self.paragraph(child, label)
            elif tag == f"{TEXT}list":
                name = child.get(f"{TEXT}style-name") or (lists[-1][0] if lists else "")
                if child.get(f"{TEXT}continue-numbering") != "true" and not lists:
                    self.counters.pop(name, None)
                self.block(child, (*lists, (name, len(lists) + 1)))
            elif tag in (f"{TEXT}list-item", f"{TEXT}list-header"):
                self.item(child, lists, tag.endswith("header"))
            elif tag == f"{TABLE}table-row":
                self.out.separate(1)
                self.block(child, lists)
            else:
                self.block(child, lists)
                if tag == f"{TABLE}table":
                    self.out.separate(2)

    def item(self, item: ET.Element, lists: tuple[tuple[str, int], ...], header: bool) -> None:
        """A list item: its first paragraph carries the item's number (none for a header)."""
        name, level = lists[-1] if lists else ("", 1)
        label = "" if header else self._number(name, level, lists)
        first = True
        for child in item:
            if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                self.paragraph(child, label if first else "")
                first = False
            else:
                self.block(child, lists)

    def _number(self, name: str, level: int, lists: tuple[tuple[str, int], ...]) -> str:
        style = self.styles.get(name, {})
        if level not in style:
            return ""
        counters = self.counters.setdefault(name, [])
        while len(counters) < level:
            counters.append(style.get(len(counters) + 1, ("", "", "", 1, 1))[3] - 1)
        del counters[level:]
        counters[level - 1] += 1
        fmt, prefix, suffix, _, shown = style[level]
        if fmt == "none":
            return ""
        parts = []
        for at in range(max(1, level - shown + 1), level + 1):
            level_fmt = style.get(at, ("decimal", "", "", 1, 1))[0]
            parts.append(format_number(counters[at - 1], level_fmt))
        return f"{prefix}{'.'.join(parts)}{suffix} "

    def paragraph(self, p: ET.Element, label: str) -> None:
        """Write one paragraph or heading after its printed number *label*."""
        self.paragraphs += 1
        pieces: list[tuple[str, bool]] = []
        self.runs(p, pieces)
        text = "".join(t for t, _ in pieces)
        if not text.strip() and not label.strip():
            self.out.separate(2)
            return
        self.out.separate(1 if label else 2)
        self.out.anchor(f"content.xml paragraph {self.paragraphs}")
        self.out.write(label)
        lead = True
        for piece, mark in pieces:
            if lead:  # carriage returns and spaces that open a paragraph print nothing
                piece = piece.lstrip("\r\n ")
                lead = not piece
            start, end = self.out.write(piece.replace("\r", "\n"))
            if mark and end > start:
                self.out.furniture.append(Furniture(FurnitureKind.FOOTNOTE_MARK, Span(start, end)))
        self.out.separate(1)

    def runs(self, element: ET.Element, pieces: list[tuple[str, bool]], up: bool = False) -> None:
        """Collect a paragraph's text as ``(text, is a note mark)`` pieces; notes go apart
        (*up*: inside a span printed raised)."""
        if element.text:
            pieces.append((raised(element.text) if up else element.text, False))
        for child in element:
            tag = child.tag
            if tag == f"{TEXT}s":
                pieces.append((" " * int(child.get(f"{TEXT}c") or 1), False))
            elif tag == f"{TEXT}tab":
                pieces.append(("\t", False))
            elif tag == f"{TEXT}line-break":
                pieces.append(("\n", False))
            elif tag == f"{TEXT}note":
                citation = child.find(f"{TEXT}note-citation")
                mark = "".join(citation.itertext()) if citation is not None else ""
                pieces.append((mark, True))
                body = child.find(f"{TEXT}note-body")
                if body is not None:
                    note = " ".join("".join(body.itertext()).split())
                    self.notes.append((f"content.xml note {mark}", f"{mark} {note}"))
            elif tag not in _SKIP:
                style = child.get(f"{TEXT}style-name") if tag == f"{TEXT}span" else None
                self.runs(child, pieces, up or style in self.raised_styles)
            if child.tail:
                pieces.append((raised(child.tail) if up else child.tail, False))


def _raised_styles(*roots: ET.Element | None) -> frozenset[str]:
    """The names of the text styles printed raised (``style:text-position="super 58%"`` or a
    positive percentage)."""
    names = set()
    for root in roots:
        if root is None:
            continue
        for style in root.iter(f"{STYLE}style"):
            props = style.find(f"{STYLE}text-properties")
            position = "" if props is None else props.get(f"{STYLE}text-position") or ""
            first = position.split(" ", 1)[0]
            if first == "super" or (
                first.endswith("%")
                and first[:-1].replace(".", "").isdigit()
                and float(first[:-1]) > 0
            ):
                names.add(style.get(f"{STYLE}name") or "")
    return frozenset(names)


def _headers(styles: ET.Element | None) -> list[tuple[str, str]]:
    found = []
    if styles is not None:
        for page in styles.iter(f"{STYLE}master-page"):
            for part in page:
                if part.tag in (f"{STYLE}header", f"{STYLE}footer"):
                    lines = [" ".join("".join(p.itertext()).split()) for p in part.iter(f"{TEXT}p")]
                    found.append((f"styles.xml {part.tag.rpartition('}')[2]}",
                                  "\n".join(line for line in lines if line)))  # fmt: skip
    return found


def _title(archive: zipfile.ZipFile, source: str | None) -> str | None:
    meta = parse_part(archive, "meta.xml", source)
    title = None if meta is None else meta.find(f".//{_DC}title")
    value = " ".join((title.text or "").split()) if title is not None else ""
    return value or None


def read_odt(data: bytes, *, source: str | None = None) -> Reading:
    """Read an OpenDocument text: its paragraphs as printed, then notes, headers, footers.

    Raises:
        InputError: the file is damaged or holds no text body.
    """
    with open_zip(data, "ODT", source) as archive:
        content = parse_part(archive, "content.xml", source)
        styles = parse_part(archive, "styles.xml", source)
        title = _title(archive, source)
    body = None if content is None else content.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise InputError("an ODT without a text body (content.xml)", source=source)
    out = TextBuilder()
    walker = _Body(_list_styles(content, styles), out)
    walker.raised_styles = _raised_styles(content, styles)
    walker.block(body)
    append_apart(out, walker.notes, FurnitureKind.FOOTNOTE)
    append_apart(out, _headers(styles), FurnitureKind.RUNNING_HEAD)
    text = out.text().rstrip() + "\n"
    if not text.strip():
        raise InputError("the document holds no text", source=source)
    size = len(text)
    return Reading(
        text,
        Format.ODT,
        metadata=Metadata(title=title),
        furniture=out.furniture_within(text),
        anchors=out.anchors_within(size),
    )
