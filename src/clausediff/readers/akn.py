"""Akoma Ntoso (2.0, 3.0 and the LegalDocML.de profile): the text, and the articles, numbers,
headings, paragraphs and divisions the markup itself declares.

The text is what the markup holds outside ``<meta>``: one line per block element (``num``,
``heading``, ``p``, ...), inline elements run on, ``<eol/>`` a line break. Articles are the
``<article>`` elements, or the ``<section>`` elements of a document that has no articles (as
the Kenyan constitution marks its articles); an article quoted inside an amendment
(``quotedStructure``, ``mod``) belongs to the article that quotes it and is never one of the
document's own. Notes (``authorialNote``) are kept in place and marked as footnotes. The
metadata comes from the FRBR identification (the work's date, the expression's language) and
the ``docTitle``. Each block is anchored to the nearest element id (``eId``, ``id``,
``xml:id``).
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

import attrs

from clausediff.errors import InputError
from clausediff.model import (
    Article,
    Division,
    DivisionKind,
    Furniture,
    FurnitureKind,
    Metadata,
    Paragraph,
    Span,
)
from clausediff.numbering import canonical_number
from clausediff.readers.base import Format, Reading, TextBuilder

__all__ = ["local_name", "num_number", "read_akn"]

_INLINE = frozenset(
    "b i u sup sub span a abbr ref mref rref docTitle docNumber docType docDate docProponent "
    "docStage docStatus docCommittee docIntroducer docJurisdiction docAuthority date time person "
    "role organization location term def entity inline marker concept object event quantity img "
    "affectedDocument relatedDocument session shortTitle legislature noteRef omissis placeholder "
    "vote outcome argument remark signature opinion change fillIn decoration courtType judge "
    "lawyer party neutralCitation".split()
)
_SKIP = frozenset(["meta", "componentRef"])
_QUOTED = frozenset(["quotedStructure", "quotedText", "embeddedStructure", "mod", "subFlow"])
_DIVISIONS = {
    "part": DivisionKind.PART, "chapter": DivisionKind.CHAPTER, "title": DivisionKind.TITLE,
    "book": DivisionKind.BOOK, "subpart": DivisionKind.PART, "subchapter": DivisionKind.CHAPTER,
    "subtitle": DivisionKind.TITLE, "attachment": DivisionKind.ANNEX,
}  # fmt: skip
_CONTAINERS = {"schedule": DivisionKind.ANNEX, "annex": DivisionKind.ANNEX,
               "protocol": DivisionKind.PROTOCOL}  # fmt: skip
_NUMBERED = frozenset("paragraph subparagraph point item alinea indent list".split())
_LANGUAGES = {"eng": "en", "fra": "fr", "fre": "fr", "esp": "es", "spa": "es", "deu": "de",
              "ger": "de", "ita": "it", "por": "pt", "rus": "ru", "nld": "nl", "dut": "nl",
              "zho": "zh", "chi": "zh", "jpn": "ja", "kor": "ko"}  # fmt: skip
_NUM_WORD = re.compile(r"^\s*(?:[^\W\d_]+\.?|§+)\s*", re.UNICODE)
_DIVISION_NUMBER = re.compile(r"\s*(?:[^\W\d_]+\.?\s+)?([^\W_]+(?:[.-][^\W_]+)*)", re.UNICODE)
_NUM_TAIL = re.compile(r"[\s.:\-–—)°º]+$")


def local_name(tag: object) -> str:
    """An element's name without its namespace (AKN 2.0, 3.0 and LegalDocML.de alike)."""
    return str(tag).rpartition("}")[2]


@attrs.define
class _Walk:
    out: TextBuilder = attrs.field(factory=TextBuilder)
    units: str = "article"
    articles: list[tuple[ET.Element, int, int, tuple[Division, ...]]] = attrs.field(factory=list)
    spans: dict[int, tuple[int, int]] = attrs.field(factory=dict)  # id(element) -> span
    divisions: list[Division] = attrs.field(factory=list)
    quoted: int = 0


def _element_id(element: ET.Element) -> str | None:
    for key, value in element.attrib.items():
        if local_name(key) in ("eId", "id", "wId", "GUID") and value:
            return value
    return None


def _walk(element: ET.Element, walk: _Walk, context: tuple[Division, ...], place: str) -> None:
    name = local_name(element.tag)
    if name in _SKIP or not isinstance(element.tag, str):
        return
    place = _element_id(element) or place
    out = walk.out
    inline = name in _INLINE
    if not inline:
        out.separate(1)
        out.anchor(place)
    start = out.length
    if name in _QUOTED:
        walk.quoted += 1
    if name in _DIVISIONS and not walk.quoted:
        context = (*context, _division(element, _DIVISIONS[name], start))
    elif name == "hcontainer" and element.get("name") in _CONTAINERS and not walk.quoted:
        context = (*context, _division(element, _CONTAINERS[element.get("name") or ""], start))
    elif name == "section" and walk.units == "article" and not walk.quoted:
        context = (*context, _division(element, DivisionKind.SECTION, start))
    if name == "eol" or name == "eop":
        out.separate(1)
    if element.text:
        _write(out, element.text)
    for child in element:
        _walk(child, walk, context, place)
        if child.tail:
            _write(out, child.tail)
    end = out.length
    if name in _QUOTED:
        walk.quoted -= 1
    if not inline:
        out.separate(1)
    walk.spans[id(element)] = (start, end)
    if name == walk.units and not walk.quoted:
        walk.articles.append((element, start, end, context))
    if name == "authorialNote" and end > start:
        out.furniture.append(Furniture(FurnitureKind.FOOTNOTE, Span(start, end)))
    elif name == "noteRef" and end > start:
        out.furniture.append(Furniture(FurnitureKind.FOOTNOTE_MARK, Span(start, end)))


def _write(out: TextBuilder, text: str) -> None:
    words = " ".join(text.split())
    if not words:
        if text and out.length and not out.text_tail().endswith(("\n", " ")):
            out.write(" ")
        return
    if text[:1].isspace() and out.length and not out.text_tail().endswith(("\n", " ")):
        out.write(" ")
    out.write(words)
    if text[-1:].isspace():
        out.write(" ")


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if local_name(c.tag) == name), None)


def _plain(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    return " ".join("".join(element.itertext()).split()) or None


def _division(element: ET.Element, kind: DivisionKind, start: int) -> Division:
    num, heading = _plain(_child(element, "num")), _plain(_child(element, "heading"))
    label = num or heading or kind.value
    number = None
    if num:  # "ANNEX 2 : GEEC", "CHAPTER IV", "Part I": the first token after the word
        token = _DIVISION_NUMBER.match(num)
        plain = token.group(1) if token else ""
        # a canonical number, or a letter or figure-letter mark (ANNEX B, ANNEX 8A); a word
        # ("ANNEX ON INVESTMENT") is no number
        number = canonical_number(plain) or (
            plain.lower() if len(plain) == 1 or any(c.isdigit() for c in plain) else None
        )
    return Division(kind, label, number, heading if num else None, Span(start, start))


def num_number(printed: str) -> str:
    """The canonical number of an article's ``<num>``: ``Artículo 1°.-`` -> ``1``, ``§ 59``
    -> ``59``, ``Art. 2.`` -> ``2``."""
    bare = _NUM_TAIL.sub("", _NUM_WORD.sub("", printed.strip(), count=1)) or printed.strip()
    return canonical_number(bare) or canonical_number(printed) or bare


def _paragraph_level(label: str) -> int:
    bare = label.strip("().] ")
    if bare.isdigit():
        return 0
    if re.fullmatch(r"[ivxlc]+", bare) and bare not in ("i", "v", "x", "l", "c"):
        return 2
    return 1


def _paragraphs(article: ET.Element, walk: _Walk) -> tuple[Paragraph, ...]:
    found = []
    for element in article.iter():
        if local_name(element.tag) in _NUMBERED and element is not article:
            num = _child(element, "num")
            label = _plain(num)
            span = walk.spans.get(id(element))
            if label and span and span[1] > span[0]:
                found.append(Paragraph(label, _paragraph_level(label), Span(*span)))
    return tuple(sorted(found, key=lambda p: p.span.start))


def _articles(walk: _Walk, text: str) -> tuple[Article, ...]:
    articles = []
    for index, (element, start, end, context) in enumerate(walk.articles):
        start, end = min(start, len(text)), min(end, len(text))
        while end > start and text[end - 1].isspace():
            end -= 1
        num = _plain(_child(element, "num"))
        heading = _plain(_child(element, "heading"))
        label = num or heading or f"{walk.units} {index + 1}"
        number = num_number(num) if num else str(index + 1)
        divisions = tuple(attrs.evolve(d, span=Span(d.span.start, d.span.start)) for d in context)
        articles.append(Article(label, number, heading, Span(start, end), Span(start, end),
                                _paragraphs(element, walk), divisions, index=index))  # fmt: skip
    return tuple(articles)


def _metadata(root: ET.Element) -> Metadata:
    def first(name: str, attribute: str) -> str | None:
        for element in root.iter():
            if local_name(element.tag) == name and element.get(attribute):
                return element.get(attribute)
        return None

    work = next((e for e in root.iter() if local_name(e.tag) == "FRBRWork"), None)
    signed = None
    if work is not None:
        date = next((e for e in work.iter() if local_name(e.tag) == "FRBRdate"), None)
        signed = date.get("date") if date is not None else None
    language = first("FRBRlanguage", "language")
    if language:
        language = _LANGUAGES.get(
            language.lower(), language.lower() if len(language) == 2 else None
        )
    title = None
    for name in ("docTitle", "longTitle", "shortTitle"):
        element = next((e for e in root.iter() if local_name(e.tag) == name), None)
        if element is not None and _plain(element):
            title = _plain(element)
            break
    if signed and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", signed):
        signed = None
    return Metadata(title=title, signed=signed, language=language)


def _parse_xml(data: bytes, source: str | None) -> ET.Element:
    if b"<!ENTITY" in data[:4096]:
        raise InputError("the XML declares entities, which clausediff does not expand",
                         source=source)  # fmt: skip
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        if "unbound prefix" in str(e):
            declared = _declare_prefixes(data)
            if declared is not None:
                try:
                    return ET.fromstring(declared)
                except ET.ParseError:
                    pass
        raise InputError(f"not well-formed XML ({e})", source=source) from e


_PREFIX_USE = re.compile(rb"<(?!/)([A-Za-z_][\w.-]*):|\s([A-Za-z_][\w.-]*):[\w.-]+\s*=")
_ROOT_TAG = re.compile(rb"<(?:[\w.-]+:)?akomaNtoso\b")


def _declare_prefixes(data: bytes) -> bytes | None:
    """The document with a namespace declared on its root for each prefix it uses without
    declaring (real files carry proprietary ``<my:tag>`` elements): the elements stay, in a
    namespace of their own."""
    used = {m.group(1) or m.group(2) for m in _PREFIX_USE.finditer(data)}
    missing = sorted(
        p for p in used
        if p not in (b"xml", b"xmlns") and b"xmlns:" + p + b"=" not in data
    )  # fmt: skip
    root = _ROOT_TAG.search(data)
    if not missing or root is None:
        return None
    declarations = b"".join(b' xmlns:%s="urn:undeclared:%s"' % (p, p) for p in missing)
    return data[: root.end()] + declarations + data[root.end() :]


def read_akn(data: bytes, *, source: str | None = None) -> Reading:
    """Read an Akoma Ntoso document: its text, and the articles its markup declares.

    Raises:
        InputError: the XML is not well-formed, or is not an Akoma Ntoso document.
    """
    root = _parse_xml(data, source)
    if local_name(root.tag) != "akomaNtoso":
        raise InputError(f"XML whose root is <{local_name(root.tag)}>, not Akoma Ntoso's "
                         "<akomaNtoso>", source=source)  # fmt: skip
    document = next((c for c in root if isinstance(c.tag, str)), None)
    if document is None:
        raise InputError("an empty Akoma Ntoso document", source=source)
    has_articles = any(
        local_name(e.tag) == "article" for e in document.iter() if isinstance(e.tag, str)
    )
    walk = _Walk(units="article" if has_articles else "section")
    _walk(document, walk, (), local_name(document.tag))
    _nested_out(walk)
    text = walk.out.text().rstrip() + "\n"
    return Reading(
        text,
        Format.AKN,
        metadata=_metadata(root),
        furniture=walk.out.furniture_within(text),
        anchors=walk.out.anchors_within(len(text)),
        encoding="utf-8",
        articles=_articles(walk, text),
    )


def _nested_out(walk: _Walk) -> None:
    """An article inside another article (not a quoted one) is part of it."""
    kept: list[tuple[ET.Element, int, int, tuple[Division, ...]]] = []
    for item in sorted(walk.articles, key=lambda a: (a[1], -a[2])):
        if kept and item[1] < kept[-1][2]:
            continue
        kept.append(item)
    walk.articles = kept
