"""HTML: the text a browser shows as the page's content, with its block structure.

Headings, paragraphs, list items, table rows and line breaks become line and block breaks, so
the parser sees a heading where the page shows one; ordered lists get their printed numbers;
character references are decoded; scripts, styles, forms and navigation (``nav``, ``aside``,
``header``, ``footer`` and elements whose class or id says navigation, menu, sidebar, table of
contents, banner) are not text a person reads as the treaty and are left out. Footnotes
(elements whose class or id names a note) are kept and marked as furniture, and so are note
marks. The charset comes from the page (a byte-order mark, then ``<meta charset>``), else from
detection. Every block is anchored to its line in the source.

Standard library only (``html.parser``): it reads the broken markup real pages carry.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from clausediff.model import Furniture, FurnitureKind, Metadata, Span
from clausediff.readers.base import Format, Reading, TextBuilder, raised
from clausediff.readers.listnum import format_number
from clausediff.readers.text import decode_bytes

__all__ = ["declared_charset", "read_html"]

_SKIP = frozenset(
    "script style noscript template nav aside header footer form button select "
    "textarea svg math iframe object canvas map dialog".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK2 = frozenset(
    "p h1 h2 h3 h4 h5 h6 blockquote section article table ul ol dl pre hr address "
    "figure details summary main center div".split()
)
_BLOCK1 = frozenset("li tr dt dd caption br tbody thead tfoot fieldset legend".split())
_NAV_WORDS = frozenset(
    "nav navbar navigation menu menubar sidebar breadcrumb breadcrumbs toc banner cookie "
    "cookies skiplinks skip-links".split()
)
_NOTE_WORDS = frozenset("note notes footnote footnotes endnote endnotes".split())
_MARK_WORDS = frozenset("footnoteref noteref note-ref footnote-ref super sup".split())
_REF_WORDS = frozenset("ref reference references anchor call".split())
_TOKEN = re.compile(r"[\s_-]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)")
# A class a style sheet prints raised: ".sup { vertical-align: super; ... }"
_RAISED_CLASS = re.compile(
    r"\.([A-Za-z_][\w-]*)\s*\{[^}]*vertical-align\s*:\s*super", re.IGNORECASE
)
_SPACE = re.compile(r"[ \t\n\r\f\v\u200b]+")
_XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def _tokens(value: str | None) -> set[str]:
    return {t.lower() for t in _TOKEN.split(value or "") if t}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, or an XHTML page's
    ``<?xml ... encoding>``), if any."""
    found = _CHARSET.search(data[:4096]) or _XML_ENCODING.match(data[:200])
    if found is None:
        return None
    name = found.group(1).decode("ascii").lower()
    if "utf-8" in name or "utf8" in name:  # "UNICODE-1-1-UTF-8" on old EUR-Lex pages
        return "utf-8"
    return name


class _Extractor(HTMLParser):
    """Walks the page once, writing the visible text into a ``TextBuilder``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = TextBuilder()
        self.skip: list[str] = []  # the open skipped element and its nested same-name tags
        self.pre = 0
        self.space = False  # a space is owed before the next word
        self.lists: list[list[object]] = []  # [kind, next number, style] per open list
        # open notes and note marks: [tag ("mark:" before a mark's), start offset, same tags
        # nested inside it]
        self.notes: list[list[object]] = []
        self.title: list[str] | None = None
        self.titles: list[str] = []
        self.meta: dict[str, str] = {}
        self.cells = 0
        self.raised: list[list[object]] = []  # [tag, same tags nested] of open raised elements
        self.css: list[str] = []  # the page's style sheets
        self.raised_classes: set[str] | None = None  # the classes they print raised

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, a skipped region, a list, a note or a mark."""
        attributes = dict(attrs)
        if self.skip:
            if tag == self.skip[0] and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag == "title":
            self.title = []
            return
        if tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key and attributes.get("content"):
                self.meta[key] = attributes["content"] or ""
            return
        words = _tokens(attributes.get("class")) | _tokens(attributes.get("id"))
        style = (attributes.get("style") or "").replace(" ", "")
        hidden = ("hidden" in attributes and tag != "input") or "display:none" in style
        # navigation by its class, or by an id that is nothing else ("toc-TIT_I" is the
        # anchor of a title a table of contents links to: content)
        navigation = bool(_tokens(attributes.get("class")) & _NAV_WORDS) or (
            (attributes.get("id") or "").lower() in _NAV_WORDS
        )
        if tag in _SKIP or navigation or attributes.get("role") == "navigation" or hidden:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        self._open_block(tag, attributes)
        self._open_note(tag, attributes, words)
        self._open_raised(tag, style, attributes)

    def _open_raised(self, tag: str, style: str, attributes: dict[str, str | None]) -> None:
        """Text printed raised begins here: ``<sup>``, a ``vertical-align: super`` style, or
        a class the page's style sheet raises; or a same-named element nests in one."""
        if tag in _VOID:
            return
        if self.raised and self.raised[-1][0] == tag:
            self.raised[-1][1] = int(str(self.raised[-1][1])) + 1
            return
        if self.raised_classes is None:
            self.raised_classes = set(_RAISED_CLASS.findall("".join(self.css)))
        classes = set((attributes.get("class") or "").split())
        if (
            tag == "sup"
            or "vertical-align:super" in style.lower()
            or not classes.isdisjoint(self.raised_classes)
        ):
            self.raised.append([tag, 0])

    def _open_note(self, tag: str, attributes: dict[str, str | None], words: set[str]) -> None:
        """A note mark (``<sup class="noteref">``, ``<a href="#footnote2">``) or a note's own
        text (``<dl id="footnotes">``, ``<p class="note">``) begins here, or a same-named
        element nests in one."""
        if tag in _VOID:
            return
        if self.notes and self.notes[-1][0] in (tag, "mark:" + tag):
            self.notes[-1][2] = int(str(self.notes[-1][2])) + 1
            return
        inside = bool(self.notes)  # a note's own number, a mark's inner link: already marked
        raw = {(attributes.get("class") or "").lower(), (attributes.get("id") or "").lower()}
        referring = bool(words & _NOTE_WORDS and words & _REF_WORDS) or bool(
            (words | raw) & _MARK_WORDS
        )
        if (
            not inside
            and tag in ("sup", "a", "span")
            and (referring or _is_note_link(tag, attributes))
        ):
            self.notes.append(["mark:" + tag, self.out.length, 0])
        elif not inside and words & _NOTE_WORDS and not referring and tag != "a":
            self.notes.append([tag, self.out.length, 0])

    def _open_block(self, tag: str, attributes: dict[str, str | None]) -> None:
        line = self.getpos()[0]
        if tag in _BLOCK2:
            self._break(2)
            self.out.anchor(f"line {line}")
        elif tag in _BLOCK1:
            self._break(1)
            self.out.anchor(f"line {line}")
        if tag == "pre":
            self.pre += 1
        elif tag in ("ol", "ul"):
            start = attributes.get("start") or "1"
            number = int(start) if start.lstrip("-").isdigit() else 1
            self.lists.append([tag, number, attributes.get("type") or "1"])
        elif tag == "li" and self.lists and self.lists[-1][0] == "ol":
            current = self.lists[-1]
            value = attributes.get("value")
            if value and value.isdigit():
                current[1] = int(value)
            number = int(str(current[1]))
            self.out.write(format_number(number, _OL_STYLE.get(str(current[2]), "decimal")) + ". ")
            current[1] = number + 1
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            if self.cells:
                self._text(" ")
            self.cells += 1

    def handle_endtag(self, tag: str) -> None:
        """Close what the tag opened: a skipped region, a note (as furniture), a block."""
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag == "title" and self.title is not None:
            self.titles.append(" ".join("".join(self.title).split()))
            self.title = None
            return
        if self.raised and self.raised[-1][0] == tag:
            if self.raised[-1][1]:
                self.raised[-1][1] = int(str(self.raised[-1][1])) - 1
            else:
                self.raised.pop()
        if self.notes and str(self.notes[-1][0]).removeprefix("mark:") == tag:
            if self.notes[-1][2]:
                self.notes[-1][2] = int(str(self.notes[-1][2])) - 1
            else:
                kind, start, _ = self.notes.pop()
                what = FurnitureKind.FOOTNOTE_MARK if str(kind).startswith("mark:") else None
                self.out.furniture.append(
                    Furniture(
                        what or FurnitureKind.FOOTNOTE, Span(int(str(start)), self.out.length)
                    )
                )
        if tag == "pre":
            self.pre = max(0, self.pre - 1)
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag in _BLOCK2:
            self._break(2)
        elif tag in _BLOCK1 and tag != "br":
            self._break(1)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closing tag: opened and, unless void, closed at once."""
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        """Text: the title's, or the page's (spaces collapsed), unless skipped."""
        if self.title is not None:
            self.title.append(data)
            return
        if self.skip:
            if self.skip[0] == "style":
                self.css.append(data)
                self.raised_classes = None
            return
        self._text(raised(data) if self.raised else data)

    def _text(self, data: str) -> None:
        if self.pre:
            self.out.write(data)
            return
        words = _SPACE.sub(" ", data.replace("\u00a0", "\u00a0"))
        if not words.strip():
            self.space = self.space or bool(words)
            return
        at_line_start = not self.out.length or self.out.text_tail().endswith("\n")
        if (words[0] == " " or self.space) and not at_line_start:
            self.out.write(" ")
        self.out.write(words.strip(" "))
        self.space = words.endswith(" ")

    def _break(self, newlines: int) -> None:
        self.space = False
        self.out.separate(newlines)


_OL_STYLE = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
             "I": "upperRoman"}  # fmt: skip


def _is_note_link(tag: str, attributes: dict[str, str | None]) -> bool:
    """A link to a note (``#footnote2``, ``#ftn3``); a note's link back to its mark
    (``#footnoteref2``) is not one."""
    href = (attributes.get("href") or "").lower()
    return (
        tag == "a"
        and href.startswith("#")
        and any(w in href for w in ("note", "ftn", "fn"))
        and "ref" not in href
    )


def _title(extractor: _Extractor) -> str | None:
    meta = extractor.meta
    for key in ("dc.title", "og:title"):
        value = " ".join(meta.get(key, "").split())
        if value and "eur-lex" not in value.lower():
            return value
    if "dc.description" in meta and any("eur-lex" in t.lower() for t in extractor.titles):
        return " ".join(meta["dc.description"].split()) or None
    for value in extractor.titles:
        if re.search(r"[^\W\d_]{3,}", value) and " " in value and "eur-lex" not in value.lower():
            return value
    return None


def read_html(data: bytes, *, encoding: str | None = None, source: str | None = None) -> Reading:
    """Read an HTML page (or a fragment of one): its visible text, blocks as line breaks.

    Raises:
        InputError, DecodeError, MojibakeError: the bytes cannot be decoded (see
            ``readers.text.decode_bytes``).
    """
    text, codec, detected = decode_bytes(data, encoding=encoding or _declared(data), source=source)
    extractor = _Extractor()
    extractor.feed(text)
    extractor.close()
    built = extractor.out
    body = built.text().rstrip()
    text = body + ("\n" if body else "")
    return Reading(
        text,
        Format.HTML,
        metadata=Metadata(title=_title(extractor)),
        furniture=built.furniture_within(text),
        anchors=built.anchors_within(len(text)),
        encoding=codec,
        detected=detected and encoding is None,
    )


def _declared(data: bytes) -> str | None:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return None  # a byte-order mark outranks the page's own declaration
    declared = declared_charset(data)
    if declared is None:
        return None
    import codecs

    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None
