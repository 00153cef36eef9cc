"""The document model: frozen values whose spans point into the original text.

Nothing here copies or cleans the source. A ``Document`` keeps the text exactly as it was
read; every ``Article``, ``Paragraph`` and ``Division`` knows only the offsets of its part of
that text, so any result built on them can quote and cite the source exactly.

The preamble, the articles (each ``Article.span``) and the trailing part tile the whole text:
no gap, no overlap. ``Article.text_span`` is the article proper (label to last character of
its text), which leaves out the blank lines and any Part or Chapter heading that introduce the
next article.
"""

from __future__ import annotations

import bisect
from typing import Any

import attrs

from clausediff.errors import ArticleNotFoundError
from clausediff.numbering import canonical_number

__all__ = ["Article", "Division", "Document", "Paragraph", "Position", "Span"]


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


@attrs.frozen
class Division:
    """A Part, Chapter, Section, Title, Annex or Protocol heading: context, never an article.

    ``kind`` is the heading word in English (``"chapter"``), ``label`` the heading line as
    printed, ``number`` the canonical number when it has one, ``title`` the short line that
    names it when there is one (``CHAPTER I`` / ``Purposes and principles``).
    """

    kind: str
    label: str
    number: str | None
    title: str | None
    span: Span


@attrs.frozen
class Article:
    """One article of a treaty.

    ``label`` is the heading as printed (``"ARTICLE IV"``, ``"第四條"``); ``number`` its
    canonical form (``"4"``, ``"4bis"``, ``"1.2"``); ``heading`` the article's title when it has
    one. ``span`` is the region the article owns (up to the next article or the trailing
    part); ``text_span`` the article itself, from its label to the end of its text.
    ``divisions`` are the Part/Chapter/Section headings in force where the article starts,
    outermost first.
    """

    label: str
    number: str
    heading: str | None
    span: Span
    text_span: Span
    paragraphs: tuple[Paragraph, ...] = ()
    divisions: tuple[Division, ...] = ()


@attrs.frozen
class Document:
    """A parsed treaty text.

    ``text`` is the source exactly as decoded. ``preamble`` is everything before the first
    article (``None`` when the text starts with an article); ``trailing`` is what follows the
    last article's own text once the testimonium (``Done at ...``, ``IN WITNESS WHEREOF``)
    begins (``None`` when nothing does). ``metadata`` holds what is known about the document:
    ``title``, ``language``, ``parties``, ``signed``, ``source``, ``complete``.
    """

    id: str
    text: str = attrs.field(repr=False)
    articles: tuple[Article, ...]
    preamble: Span | None = None
    trailing: Span | None = None
    divisions: tuple[Division, ...] = ()
    metadata: dict[str, Any] = attrs.field(factory=dict, hash=False, eq=False)
    _line_starts: list[int] = attrs.field(
        init=False, repr=False, eq=False, hash=False, default=attrs.Factory(list)
    )

    @property
    def title(self) -> str | None:
        """The document's title, from its metadata."""
        value = self.metadata.get("title")
        return str(value) if value is not None else None

    @property
    def language(self) -> str | None:
        """The document's language tag (``en``, ``zh-Hant``), from its metadata."""
        value = self.metadata.get("language")
        return str(value) if value is not None else None

    def quote(self, span: Span) -> str:
        """Return the source text under *span*."""
        return span.slice(self.text)

    def article(self, number: str) -> Article:
        """Return the first article numbered *number*, in any printed form (``IV`` = ``4``).

        Raises:
            ArticleNotFoundError: no article has that number (the error lists those that do).
        """
        wanted = canonical_number(number) or number.strip()
        for article in self.articles:
            if article.number == wanted:
                return article
        raise ArticleNotFoundError(self.id, number, [a.number for a in self.articles])

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
