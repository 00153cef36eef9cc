"""JSON rendering: stable, versioned schemas for pipelines.

``clausediff.document/1``::

    {"schema": "clausediff.document/1", "id": str, "title": str | null, "language": str | null,
     "preamble": {"start": int, "end": int} | null,
     "trailing": {"start": int, "end": int} | null,
     "articles": [{"label": str, "number": str, "heading": str | null,
                   "start": int, "end": int,
                   "divisions": [{"kind": str, "label": str, "number": str | null,
                                  "title": str | null}],
                   "paragraphs": [{"label": str, "level": int, "start": int, "end": int}]}]}

Offsets are Python string indices into the decoded text. An article's ``start`` is where its
label begins and ``end`` where its text ends.
"""

from __future__ import annotations

import json
from typing import Any

from clausediff.model import Article, Document, Span

__all__ = ["DOCUMENT_SCHEMA", "document_to_dict", "render_document"]

DOCUMENT_SCHEMA = "clausediff.document/1"


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def _article(article: Article) -> dict[str, Any]:
    return {
        "label": article.label,
        "number": article.number,
        "heading": article.heading,
        "start": article.text_span.start,
        "end": article.text_span.end,
        "divisions": [
            {"kind": d.kind, "label": d.label, "number": d.number, "title": d.title}
            for d in article.divisions
        ],
        "paragraphs": [
            {"label": p.label, "level": p.level, "start": p.span.start, "end": p.span.end}
            for p in article.paragraphs
        ],
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    """The ``clausediff.document/1`` object for *document*."""
    return {
        "schema": DOCUMENT_SCHEMA,
        "id": document.id,
        "title": document.title,
        "language": document.language,
        "preamble": _span(document.preamble),
        "trailing": _span(document.trailing),
        "articles": [_article(article) for article in document.articles],
    }


def render_document(document: Document) -> str:
    """One line of JSON (no trailing newline): the document's structure and offsets."""
    return json.dumps(document_to_dict(document), ensure_ascii=False)
