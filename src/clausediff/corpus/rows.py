"""The rows the index's storage hands out: a document and an article, as search and lineage
name and score them (plain values; ``storage`` reads and writes them)."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["ArticleRow", "DocumentRow"]


class DocumentRow(NamedTuple):
    """A document as search and lineage name it, with the range of its article ids."""

    id: int
    name: str
    treaty: str
    title: str | None
    signed: str | None
    first: int
    last: int


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
