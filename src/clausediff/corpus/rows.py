"""The rows the index's storage hands out: a document and an article, as search and lineage
name and score them (plain values; ``storage`` reads and writes them)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ArticleRow", "DocumentRow"]


class DocumentRow(NamedTuple):
    """A document as search and lineage name it, with the range of its article ids, and
    what a citation of it needs (its source; whether the copy is whole, and what it lacks)."""

    id: int
    name: str
    treaty: str
    title: str | None
    signed: str | None
    first: int
    last: int
    source: str | None = None
    complete: bool | None = None
    missing: str | None = None


class ArticleRow(NamedTuple):
    """An article as search and lineage name and score it."""

    id: int
    document: int
    number: str
    ref: str
    label: str
    start: int
    end: int
    tokens: int
    furniture: tuple[tuple[int, int], ...]
    text: str
    page: str | None = None  # the printed page the article starts on, for a paged source
