"""What every reader returns: the text a person would read, and what the layout told.

A ``Reading`` is the decoded text plus the facts a reader knows from the source's layout and
markup: page furniture and pages (as ``model`` defines them), the metadata the file states,
the encoding the bytes were read in, and ``anchors``, a map from text offsets back to where
each piece stands in the source (``page 12``, ``line 340``, ``word/document.xml paragraph 7``).
A reader never cleans text away: what it leaves out of the text (scripts, styles, markup) is
not text a person reads; what it keeps (footnotes, running heads) is marked, not dropped.
"""

from __future__ import annotations

import bisect
import enum

import attrs

from clausediff.model import Article, Furniture, Metadata, Page, Span

__all__ = ["Anchor", "Format", "Reading", "TextBuilder", "raised"]


class Format(enum.StrEnum):
    """The input formats clausediff reads."""

    TEXT = "text"
    PDF = "pdf"
    HTML = "html"
    DOCX = "docx"
    ODT = "odt"
    AKN = "akn"


@attrs.frozen
class Anchor:
    """From ``offset`` on (until the next anchor), the text comes from ``place`` in the
    source: ``page 12``, ``line 340``, ``word/footnotes.xml note 3``."""

    offset: int
    place: str


@attrs.frozen
class Reading:
    """The text read from one source file, and what its layout and markup said.

    ``encoding`` is the codec the bytes were decoded with (``None`` for formats that carry
    their own, as PDF and DOCX); ``detected`` is true when that codec was guessed from the
    bytes rather than declared (a byte-order mark, a charset, the caller). ``articles`` is set
    only by a reader whose markup says where the articles are (Akoma Ntoso): those articles,
    their refs not yet made unique.
    """

    text: str
    format: Format = attrs.field(converter=Format)
    metadata: Metadata = attrs.field(factory=Metadata)
    furniture: tuple[Furniture, ...] = ()
    pages: tuple[Page, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    encoding: str | None = None
    detected: bool = False
    articles: tuple[Article, ...] | None = None

    def place(self, offset: int) -> str | None:
        """Where the text at *offset* stands in the source, or ``None`` when not recorded."""
        at = bisect.bisect_right([a.offset for a in self.anchors], offset) - 1
        return self.anchors[at].place if at >= 0 else None


class TextBuilder:
    """Text assembled piece by piece, with anchors and furniture recorded at their offsets.

    Readers of markup build their text with it: blocks are separated by blank lines, lines
    by newlines, and every block can say where it came from.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.anchors: list[Anchor] = []
        self.furniture: list[Furniture] = []
        self._tail = ""  # the last characters written, to know how to separate blocks

    def write(self, text: str) -> tuple[int, int]:
        """Append *text*; return its span in the built text."""
        start = self.length
        if text:
            self.parts.append(text)
            self.length += len(text)
            self._tail = (self._tail + text)[-2:]
        return start, self.length

    def separate(self, newlines: int) -> None:
        """End the current line or block: at least *newlines* newlines before what follows
        (none at the very start)."""
        if not self.length:
            return
        have = len(self._tail) - len(self._tail.rstrip("\n"))
        if have < newlines:
            self.write("\n" * (newlines - have))

    def anchor(self, place: str) -> None:
        """What is written next comes from *place*."""
        if self.anchors and self.anchors[-1].offset == self.length:
            self.anchors[-1] = Anchor(self.length, place)
        elif not self.anchors or self.anchors[-1].place != place:
            self.anchors.append(Anchor(self.length, place))

    def anchors_within(self, size: int) -> tuple[Anchor, ...]:
        """The anchors recorded that fall within the final text of *size* characters (the
        built text with its trailing blanks cut): one recorded after the last character
        left says where nothing comes from, and goes."""
        return tuple(anchor for anchor in self.anchors if anchor.offset <= size)

    def furniture_within(self, text: str) -> tuple[Furniture, ...]:
        """The furniture recorded, inside the final *text* (the built text with its trailing
        blanks cut) and without the blanks at either end of a piece (a piece left empty
        goes)."""
        size = len(text)
        kept = []
        for piece in self.furniture:
            start, stop = min(piece.span.start, size), min(piece.span.end, size)
            while stop > start and text[stop - 1].isspace():
                stop -= 1
            while start < stop and text[start].isspace():
                start += 1
            if start < stop:
                kept.append(Furniture(piece.kind, Span(start, stop)))
        return tuple(kept)

    def text_tail(self) -> str:
        """The last characters written (up to two)."""
        return self._tail

    def text(self) -> str:
        """The text built so far."""
        return "".join(self.parts)


_TO_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def raised(text: str) -> str:
    """Text a document prints raised (``<sup>``, a superscript run), as a reader sees it: a
    short number in superscript digits, so that ``Статья 6`` and a raised ``1`` read
    ``Статья 6¹`` (an inserted article), not ``Статья 61``, and a note mark does not run into
    its word; other raised text (``1<sup>er</sup>``) as it is."""
    core = text.strip()
    if core and len(core) <= 3 and core.isascii() and core.isdecimal():
        return text.translate(_TO_SUPERSCRIPT)
    return text
