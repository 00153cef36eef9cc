"""Citations: how every renderer names a treaty and a clause so that a reader can cite it.

A citation is the treaty's title and date signed, the article's label as printed (and the
printed page, for a paged source), and the source of the copy. A partial copy says what it
lacks, and a clause whose copy stops inside it says so: a reader who quotes "nothing shared"
must know when the text that would have been shared is not in the copy.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from clausediff.model import Article, Document, Metadata

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.lineage import Family, Link, Member
    from clausediff.corpus.search import Hit
    from clausediff.match.compare import Clause

__all__ = [
    "Citation",
    "cite_article",
    "cite_clause",
    "cite_document",
    "cite_hit",
    "cite_link",
    "cite_member",
    "copy_stops_inside",
    "cut_article",
    "cut_note",
    "partial_note",
]

# What a text may end with where it is whole: a full stop, a closing bracket or quote, the
# ideographic full stop; a copy that stops on anything else stops inside its last sentence.
_WHOLE_END = re.compile(r"[.;:!?)\]\"'”’»。．；！？」』】）]\s*$")


@attrs.frozen
class Citation:
    """What a reader needs to cite a treaty, or one article of it.

    ``document`` is the id; ``title``, ``signed`` (an ISO date) and ``source`` come from the
    document's metadata (``None`` when unknown); ``label`` is the article's heading as printed
    and ``page`` its printed page (``None`` for a whole treaty, a free text, or a source
    without pages).
    """

    document: str
    title: str | None = None
    signed: str | None = None
    label: str | None = None
    page: str | None = None
    source: str | None = None

    @property
    def treaty(self) -> str:
        """The treaty as a reader names it: ``North Atlantic Treaty (signed 1949-04-04)``;
        the id where the title is unknown."""
        name = self.title or self.document
        return f"{name} (signed {self.signed})" if self.signed else name

    @property
    def place(self) -> str | None:
        """The article's place: ``Article 5``, ``ARTICLE IV, p. 880`` (``None`` for a whole
        treaty)."""
        if self.label is None:
            return None
        label = " ".join(self.label.split())
        return f"{label}, p. {self.page}" if self.page else label

    def text(self, *, source: bool = True) -> str:
        """The citation on one line: treaty, article and page, then the source when known
        (and *source* is true)."""
        parts = [self.treaty, *([self.place] if self.place else [])]
        cited = ", ".join(parts)
        if source and self.source:
            cited += f". Source: {self.source}"
        return cited

    def as_dict(self) -> dict[str, str | None]:
        """The citation's fields by name, for JSON and CSV."""
        return attrs.asdict(self)


def _from_metadata(document: str, meta: Metadata | None, **where: str | None) -> Citation:
    meta = meta or Metadata()
    return Citation(document, meta.title, meta.signed, source=meta.source, **where)


def cite_clause(clause: Clause) -> Citation:
    """The citation of a compared clause (a free text has its name only)."""
    return _from_metadata(clause.document, clause.metadata, label=clause.label, page=clause.page)


def cite_document(document: Document) -> Citation:
    """The citation of a whole treaty."""
    return _from_metadata(document.id, document.metadata)


def cite_article(document: Document, article: Article) -> Citation:
    """The citation of one article of *document*, with its printed page where the source had
    pages."""
    page = document.page_at(article.text_span.start)
    label = None if page is None else page.label or str(page.number)
    return _from_metadata(document.id, document.metadata, label=article.label, page=label)


def cite_hit(hit: Hit) -> Citation:
    """The citation of a search hit, from what the index keeps of its document."""
    return Citation(hit.document, hit.document_title, hit.signed, hit.label, hit.page, hit.source)


def cite_member(member: Member) -> Citation:
    """The citation of a lineage family's member (the rendering shown)."""
    return Citation(
        member.document, member.title, member.signed, member.label, member.page,
        member.copy_source,
    )  # fmt: skip


def cite_link(family: Family, link: Link, side: int) -> Citation:
    """The citation of one of the two articles a lineage link compared (*side* 0: the
    earlier, 1: the later): the rendering compared, which its member may not show."""
    member = family.members[(link.earlier, link.later)[side]]
    return Citation(
        link.documents[side], link.titles[side] or member.title, member.signed,
        link.labels[side], link.pages[side], link.sources[side],
    )  # fmt: skip


def partial_note(document: str, meta: Metadata | None) -> str | None:
    """``anzus-1951.en is a partial copy: starts at Article III ...`` for a copy its metadata
    says is partial; ``None`` otherwise."""
    if meta is None or meta.complete is not False:
        return None
    missing = meta.missing or "part of the treaty is missing"
    return f"{document} is a partial copy: {missing.rstrip('.')}."


def copy_stops_inside(meta: Metadata | None, text: str) -> bool:
    """Whether a clause of a partial copy is cut: the copy is partial and the clause's text
    stops without ending its sentence (``... with all means in its possession without``)."""
    return meta is not None and meta.complete is False and not _WHOLE_END.search(text)


def cut_note(clause: Clause) -> str | None:
    """``the copy stops inside this article: ...`` for a clause whose partial copy stops
    inside it (then "nothing shared" may only mean "not in the copy"); ``None`` otherwise."""
    if not copy_stops_inside(clause.metadata, clause.text):
        return None
    missing = clause.metadata.missing if clause.metadata else None
    return "the copy stops inside this article" + (f": {missing.rstrip('.')}" if missing else "")


def cut_article(document: Document) -> Article | None:
    """The article a partial copy stops inside (its last, when that stops mid-sentence and no
    closing part follows), or ``None``."""
    if document.trailing is not None or not document.articles:
        return None
    last = document.articles[-1]
    return last if copy_stops_inside(document.metadata, document.quote(last.text_span)) else None
