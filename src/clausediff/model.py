"""The document model: frozen values whose spans point into the original text.

Nothing here copies or cleans the source. A ``Document`` keeps the text exactly as it was
read; every ``Article``, ``Paragraph`` and ``Division`` knows only the offsets of its part of
that text, so any result built on them can quote and cite the source exactly.

The preamble, the articles (each ``Article.span``) and the trailing part tile the whole text:
no gap, no overlap. ``Article.text_span`` is the article proper (label to last character of
its text), which leaves out the blank lines and any Part or Chapter heading that introduce the
next article.

An article's ``number`` is what the treaty prints, canonicalized; it is not unique, since
annexes and protocols restart at Article 1. Its ``ref`` is unique within the document and is
what results, anchors and JSON use to name it (``4``, ``protocol-1/1``, ``annex-2/3``).
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Collection, Iterable
from typing import Any

import attrs

from clausediff.errors import AmbiguousArticleError, ArticleNotFoundError
from clausediff.numbering import canonical_number

__all__ = [
    "DEFAULT_LANGUAGE",
    "Article",
    "Division",
    "DivisionKind",
    "Document",
    "DocumentId",
    "Furniture",
    "FurnitureKind",
    "Metadata",
    "Page",
    "Paragraph",
    "Position",
    "Span",
    "find_article",
    "resolve_name",
]


@attrs.frozen(order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into a document's text."""

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        # one comparison chain rather than a validator per field: parsing makes 100,000s of spans
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end}): need 0 <= start <= end")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the part of *text* this span covers."""
        return text[self.start : self.end]


@attrs.frozen
class Position:
    """A 1-based line and column, for citing an offset to a person."""

    line: int
    column: int


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _count(items: tuple[object, ...]) -> str:
    """A long tuple in a repr: its length only (``<143>``)."""
    return f"<{len(items)}>"


@attrs.frozen
class Metadata:
    """What is known about a document, beyond its text. Every field may be unknown.

    ``signed`` is an ISO date (``1949-04-04``); ``rendering`` says whose text or translation
    this is; ``complete`` is ``False`` for a partial copy, whose ``missing`` says what it lacks.
    """

    title: str | None = None
    parties: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    signed: str | None = None
    place: str | None = None
    language: str | None = None
    rendering: str | None = None
    source: str | None = None
    complete: bool | None = None
    missing: str | None = None


@attrs.frozen
class Paragraph:
    """A numbered paragraph inside an article: ``1.``, ``(1)``, ``(a)``, ``(i)``.

    ``label`` is the marker as printed; ``level`` is 0 for arabic numbers, 1 for letters and
    2 for lower-case roman numerals; ``span`` runs from the marker to the end of the paragraph's
    text (trailing blanks excluded).
    """

    label: str
    level: int
    span: Span


class DivisionKind(enum.StrEnum):
    """The kinds of heading above articles. Protocols and annexes restart the numbering."""

    PROTOCOL = "protocol"
    ANNEX = "annex"
    BOOK = "book"
    PART = "part"
    TITLE = "title"
    CHAPTER = "chapter"
    SECTION = "section"

    @property
    def level(self) -> int:
        """The usual nesting depth: 0 for a protocol or annex (a separate instrument), then
        book or part, title, chapter and section (a document may nest them otherwise:
        ``parse.nesting``)."""
        return _DIVISION_LEVEL[self]


_DIVISION_LEVEL = {
    DivisionKind.PROTOCOL: 0,
    DivisionKind.ANNEX: 0,
    DivisionKind.BOOK: 1,
    DivisionKind.PART: 1,
    DivisionKind.TITLE: 2,
    DivisionKind.CHAPTER: 3,
    DivisionKind.SECTION: 4,
}


@attrs.frozen
class Division:
    """A Part, Chapter, Section, Title, Annex or Protocol heading: context, never an article.

    ``kind`` says which, ``label`` is the heading line as printed, ``number`` the canonical
    number when it has one, ``title`` the short line that names it when there is one
    (``CHAPTER I`` / ``Purposes and principles``).
    """

    kind: DivisionKind = attrs.field(converter=DivisionKind)
    label: str
    number: str | None
    title: str | None
    span: Span


class FurnitureKind(enum.StrEnum):
    """What a piece of page furniture is: print apparatus that is not the treaty's wording."""

    PAGE_NUMBER = "page-number"  # a line holding only a page number: 12, - 12 -, Page 12 of 40
    RUNNING_HEAD = "running-head"  # a header or footer line repeated at page breaks
    FOOTNOTE_MARK = "footnote-mark"  # a note's mark in the body: a superscript 1, [12]
    FOOTNOTE = "footnote"  # a note's own text, kept apart from the body


@attrs.frozen
class Furniture:
    """A span of the text that is page furniture: kept in the text (nothing is lost), left out
    of matching, never shown as a change."""

    kind: FurnitureKind = attrs.field(converter=FurnitureKind)
    span: Span


@attrs.frozen
class Page:
    """A printed page of the source: ``number`` counts from 1, ``label`` is the number as
    printed on the page when known (``xii``, ``12``), ``span`` its part of the text."""

    number: int
    span: Span
    label: str | None = None


@attrs.frozen
class Article:
    """One article of a treaty.

    ``label`` is the heading as printed (``"ARTICLE IV"``, ``"第四條"``); ``number`` its
    canonical form (``"4"``, ``"4bis"``, ``"1.2"``); ``ref`` names it uniquely within its
    document (``"4"``, ``"protocol-1/1"``); ``index`` is its place among the articles, from 0.
    ``heading`` is the article's title when it has one. ``span`` is the region the article
    owns (up to the next article or the trailing part); ``text_span`` the article itself, from
    its label to the end of its text. ``divisions`` are the Part/Chapter/Section headings in
    force where the article starts, outermost first.

    ``text`` is the article as printed (``text_span`` of its document's text): a ``Document``
    binds each of its articles to its text, which is shared, never copied.
    """

    label: str
    number: str
    heading: str | None
    span: Span
    text_span: Span
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), repr=_count)
    divisions: tuple[Division, ...] = attrs.field(default=(), repr=_count)
    ref: str = attrs.field(default=attrs.Factory(lambda self: self.number, takes_self=True))
    index: int = 0
    _document_text: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @property
    def text(self) -> str:
        """The article as printed, from its label to the end of its text.

        Raises:
            ValueError: the article belongs to no document yet (it was made by hand).
        """
        if self._document_text is None:
            raise ValueError(f"{self.label}: the article belongs to no document, so has no text")
        return self.text_span.slice(self._document_text)


_LONGEST_KEY = 200  # characters: longer keys name no article


def find_article(document_id: str, key: str, articles: Iterable[tuple[str, str]]) -> int:
    """The position, among *articles* (``(ref, number)`` pairs), of the one *key* names.

    *key* is a ref (``protocol-1/1``; a plain number ref in any printed form, ``IV`` = ``4``)
    or, when no ref matches, a number that exactly one article carries.

    Raises:
        ArticleNotFoundError: no article has this ref or number.
        AmbiguousArticleError: the number is carried by several articles, none with it as ref.
    """
    listed = list(articles)
    wanted = key.strip()
    if len(wanted) > _LONGEST_KEY:  # no article is named so (and a 5,000-digit number costs)
        raise ArticleNotFoundError(document_id, key[:40] + "…", [ref for ref, _ in listed])
    head, slash, tail = wanted.rpartition("/")
    number = canonical_number(tail) or tail
    as_ref = f"{head}{slash}{number}"
    for at, (ref, _) in enumerate(listed):
        if ref in (wanted, as_ref):
            return at
    if not slash:
        carrying = [at for at, (_, found) in enumerate(listed) if found == number]
        if len(carrying) == 1:
            return carrying[0]
        if carrying:
            raise AmbiguousArticleError(document_id, key, [listed[at][0] for at in carrying])
    raise ArticleNotFoundError(document_id, key, [ref for ref, _ in listed])


_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?")
DEFAULT_LANGUAGE = "en"


@attrs.frozen
class DocumentId:
    """The parts of a document id, ``<treaty>[.<rendering>].<language>``: ``nato-1949.en``,
    ``russia-dprk-2024.tass.en``, ``prc-dprk-1961.zh-Hant``.

    ``treaty`` names the treaty, ``rendering`` whose text it is when one language has several
    (``tass``), ``language`` the language tag (``None`` when the id has none).
    """

    treaty: str
    rendering: str | None = None
    language: str | None = None

    @classmethod
    def parse(cls, name: str) -> DocumentId:
        """Split an id such as ``russia-dprk-2024.tass.en`` into its parts."""
        parts = name.split(".")
        language = parts.pop() if len(parts) > 1 and _LANGUAGE.fullmatch(parts[-1]) else None
        rendering = ".".join(parts[1:]) or None
        return cls(parts[0], rendering, language)

    def __str__(self) -> str:
        return ".".join(p for p in (self.treaty, self.rendering, self.language) if p)


def resolve_name(name: str, known: Collection[str]) -> str | None:
    """The id among *known* that *name* means: itself, or else its English text
    (``nato-1949`` means ``nato-1949.en``); ``None`` when neither is known."""
    if name in known:
        return name
    english = f"{name}.{DEFAULT_LANGUAGE}"
    return english if english in known else None


def _bind_articles(articles: Iterable[Article], document: Any) -> tuple[Article, ...]:
    """The articles, each bound to the document's text (a copy of any bound to another).
    *document* is the ``Document`` being made (attrs types it as any attrs instance)."""
    text: str = document.text
    return tuple(
        a if a._document_text is text else attrs.evolve(a, document_text=text) for a in articles
    )


@attrs.frozen(repr=False)
class Document:
    """A parsed treaty text.

    ``text`` is the source exactly as decoded. ``preamble`` is everything before the first
    article (``None`` when the text starts with an article); ``trailing`` is what follows the
    last article's own text once the testimonium (``Done at ...``, ``IN WITNESS WHEREOF``)
    begins (``None`` when nothing does). ``metadata`` holds what is known about the document.
    ``furniture`` lists the spans that are page furniture (page numbers, running heads, note
    marks), in text order; ``pages`` the printed pages, when the source had pages.
    """

    id: str
    text: str
    articles: tuple[Article, ...] = attrs.field(
        converter=attrs.Converter(_bind_articles, takes_self=True)  # type: ignore[misc]
    )
    preamble: Span | None = None
    trailing: Span | None = None
    divisions: tuple[Division, ...] = attrs.field(default=(), repr=False)
    metadata: Metadata = attrs.field(factory=Metadata, hash=False, eq=False)
    furniture: tuple[Furniture, ...] = attrs.field(default=(), repr=False)
    pages: tuple[Page, ...] = attrs.field(default=(), repr=False)
    _line_starts: list[int] = attrs.field(
        init=False, repr=False, eq=False, hash=False, default=attrs.Factory(list)
    )

    def __repr__(self) -> str:
        signed = f", signed={self.metadata.signed!r}" if self.metadata.signed else ""
        return (
            f"Document({self.id!r}, title={self.title!r}{signed}, "
            f"articles=<{len(self.articles)}>, text=<{len(self.text):,} characters>)"
        )

    def _repr_html_(self) -> str:
        """The document in a notebook: its citation and a table of its articles."""
        from clausediff.report.notebook import document_html

        return document_html(self)

    @property
    def title(self) -> str | None:
        """The document's title, from its metadata."""
        return self.metadata.title

    @property
    def language(self) -> str | None:
        """The document's language tag (``en``, ``zh-Hant``), from its metadata."""
        return self.metadata.language

    def quote(self, span: Span) -> str:
        """Return the source text under *span*."""
        return span.slice(self.text)

    def article(self, key: str) -> Article:
        """Return the article *key* names: its ref, or a number (in any printed form, ``IV`` =
        ``4``) that only one article carries.

        Raises:
            ArticleNotFoundError: no article has this ref or number (the error lists the refs).
            AmbiguousArticleError: several articles carry this number (the error lists their
                refs).
        """
        at = find_article(self.id, key, ((a.ref, a.number) for a in self.articles))
        return self.articles[at]

    def page_at(self, offset: int) -> Page | None:
        """The page *offset* lies on, or ``None`` when the source had no pages."""
        at = bisect.bisect_right([p.span.start for p in self.pages], offset) - 1
        return self.pages[at] if at >= 0 else None

    def position(self, offset: int) -> Position:
        """Return the 1-based line and column of *offset* in the text."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the text (0..{len(self.text)})")
        starts = self._line_starts
        if not starts:
            starts.append(0)
            find = self.text.find
            at = find("\n")
            while at != -1:
                starts.append(at + 1)
                at = find("\n", at + 1)
        line = bisect.bisect_right(starts, offset)
        return Position(line=line, column=offset - starts[line - 1] + 1)
