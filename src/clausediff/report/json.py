"""JSON rendering: stable, versioned schemas for pipelines.

``clausediff.document/1``::

    {"schema": "clausediff.document/1", "id": str, "title": str | null, "language": str | null,
     "preamble": {"start": int, "end": int} | null,
     "trailing": {"start": int, "end": int} | null,
     "articles": [{"label": str, "number": str, "ref": str, "heading": str | null,
                   "start": int, "end": int,
                   "divisions": [{"kind": str, "label": str, "number": str | null,
                                  "title": str | null}],
                   "paragraphs": [{"label": str, "level": int, "start": int, "end": int}]}]}

``clausediff.comparison/1``::

    {"schema": "clausediff.comparison/1",
     "left": {"document": str, "article": str | null, "ref": str | null,
              "label": str | null, "start": int, "end": int, "text": str,
              "citation": {"document", "title", "signed", "label", "page", "source"},
              "complete": bool | null, "missing": str | null, "copy_stops_inside": bool},
     "right": {...}, "score": float,
     "scores": {"ratio", "token_set", "partial", "jaccard5", "coverage", "coverage_left",
                "coverage_right": float},
     "summary": {"left_name", "right_name": str, "left_words", "right_words", "kept", "moved",
                 "dropped", "added": int, "longest_kept": [str], "longest_dropped",
                 "longest_added": str | null, "unit": str, "text": str},
     "shared": [{"text": str, "words": int, "left": [int, int], "right": [int, int]}],
     "redline": [{"op": "equal" | "delete" | "insert" | "replace" | "move",
                  "left": [int, int] | null, "right": [int, int] | null,
                  "move": int | null}]}

``clausediff.alignment/1``::

    {"schema": "clausediff.alignment/1", "min_score": float,
     "left": {"document": str, "title": str | null, "citation": {...},
              "complete": bool | null, "missing": str | null,
              "copy_stops_inside": str | null}, "right": {...},
     "pairs": [{"left": str | null, "right": str | null,
                "left_ref": str | null, "right_ref": str | null,
                "left_label": str | null, "right_label": str | null,
                "left_citation": {...} | null, "right_citation": {...} | null,
                "score": float, "overlap": float, "number_bonus": float,
                "status": "identical" | "renumbered" | "modified" | "added" | "removed",
                "only_in_copy": bool, "split_into": [str], "merged_from": [str],
                "comparison": {"score", "scores", "summary", "shared", "redline"} | null}]}

``clausediff.corpus/1`` (the bundled catalog)::

    {"schema": "clausediff.corpus/1",
     "documents": [{"id", "treaty": str, "rendering_id": str | null, "language", "title": str,
                    "parties": [str], "signed", "place", "rendering", "source": str | null,
                    "complete": bool, "missing": str | null}]}

The schemas of search and lineage are in ``clausediff.report.search_json``.

``article`` (and ``number``, ``left``, ``right``) is an article's canonical number, which
repeats where a protocol or an annex restarts the numbering; ``ref`` names it uniquely within
its document, and ``split_into`` and ``merged_from`` list refs. A comparison's ``score`` is its
``coverage``; an aligned pair's ``score`` is its ``overlap`` (the names say what each measures;
``score`` stays for pipelines that read it).

Offsets are Python string indices into each document's decoded text: an article's ``start``
is where its label begins, ``end`` where its text ends; in a comparison, ``text`` is the
compared text and ``text[s - start : e - start]`` is the passage at ``[s, e]``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from clausediff.model import DocumentId
from clausediff.report.cite import (
    cite_article,
    cite_clause,
    cite_document,
    copy_stops_inside,
    cut_article,
)
from clausediff.report.rows import AlignmentTable
from clausediff.report.summary import summarize

if TYPE_CHECKING:  # annotations only: importing these would load the index for every command
    from clausediff.bundled import Catalog
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Clause, Comparison
    from clausediff.model import Article, Document, Metadata, Span

__all__ = [
    "ALIGNMENT_SCHEMA",
    "CATALOG_SCHEMA",
    "COMPARISON_SCHEMA",
    "DOCUMENT_SCHEMA",
    "alignment_to_dict",
    "catalog_to_dict",
    "comparison_to_dict",
    "document_to_dict",
    "offsets",
    "one_line",
    "render_alignment",
    "render_catalog",
    "render_comparison",
    "render_document",
]

DOCUMENT_SCHEMA = "clausediff.document/1"
COMPARISON_SCHEMA = "clausediff.comparison/1"
ALIGNMENT_SCHEMA = "clausediff.alignment/1"


def _span(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


def offsets(span: Span | None) -> list[int] | None:
    """A span as ``[start, end]`` (``None`` stays ``None``)."""
    return None if span is None else [span.start, span.end]


def _article(article: Article) -> dict[str, Any]:
    return {
        "label": article.label,
        "number": article.number,
        "ref": article.ref,
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


def _copy(meta: Metadata | None) -> dict[str, Any]:
    """Whether the copy is whole, and what it lacks."""
    return {
        "complete": None if meta is None else meta.complete,
        "missing": None if meta is None else meta.missing,
    }


def _clause(clause: Clause) -> dict[str, Any]:
    return {
        "document": clause.document,
        "article": clause.article,
        "ref": clause.ref,
        "label": clause.label,
        "start": clause.start,
        "end": clause.end,
        "text": clause.text,
        "citation": cite_clause(clause).as_dict(),
        **_copy(clause.metadata),
        "copy_stops_inside": copy_stops_inside(clause.metadata, clause.text),
    }


def _findings(comparison: Comparison) -> dict[str, Any]:
    return {
        "score": comparison.score,
        "scores": comparison.scores.as_dict(),
        "summary": summarize(comparison).as_dict(),
        "shared": [
            {"text": p.text, "words": p.words, "left": offsets(p.left), "right": offsets(p.right)}
            for p in comparison.shared
        ],
        "redline": [
            {"op": op.op, "left": offsets(op.left), "right": offsets(op.right), "move": op.move}
            for op in comparison.redline
        ],
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The ``clausediff.comparison/1`` object for *comparison*."""
    return {
        "schema": COMPARISON_SCHEMA,
        "left": _clause(comparison.left),
        "right": _clause(comparison.right),
        **_findings(comparison),
    }


def _treaty(document: Document) -> dict[str, Any]:
    cut = cut_article(document)
    return {
        "document": document.id,
        "title": document.title,
        "citation": cite_document(document).as_dict(),
        **_copy(document.metadata),
        "copy_stops_inside": None if cut is None else cut.ref,
    }


def _side(document: Document, article: Article | None, prefix: str) -> dict[str, Any]:
    if article is None:
        return {f"{prefix}_label": None, f"{prefix}_citation": None}
    return {
        f"{prefix}_label": article.label,
        f"{prefix}_citation": cite_article(document, article).as_dict(),
    }


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    """The ``clausediff.alignment/1`` object for *alignment*."""
    table = AlignmentTable.of(alignment)
    return {
        "schema": ALIGNMENT_SCHEMA,
        "min_score": alignment.min_score,
        "left": _treaty(alignment.left),
        "right": _treaty(alignment.right),
        "pairs": [
            {
                "left": pair.left,
                "right": pair.right,
                "left_ref": pair.left_ref,
                "right_ref": pair.right_ref,
                **_side(alignment.left, row.left_article, "left"),
                **_side(alignment.right, row.right_article, "right"),
                "score": pair.score,
                "overlap": pair.score,
                "number_bonus": pair.number_bonus,
                "status": pair.status,
                "only_in_copy": row.only_in_copy,
                "split_into": list(pair.split_into),
                "merged_from": list(pair.merged_from),
                "comparison": None if pair.comparison is None else _findings(pair.comparison),
            }
            for row in table.rows
            for pair in (row.pair,)
        ],
    }


def one_line(data: dict[str, Any]) -> str:
    """*data* as one line of JSON, text as printed (not escaped to ASCII)."""
    return json.dumps(data, ensure_ascii=False)


def render_document(document: Document, *, color: bool = False) -> str:
    """One line of JSON: the document's structure and offsets."""
    return one_line(document_to_dict(document))


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """One line of JSON: the comparison's clauses, scores, shared passages and redline."""
    return one_line(comparison_to_dict(comparison))


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """One line of JSON: the alignment's pairs, each with its comparison."""
    return one_line(alignment_to_dict(alignment))


CATALOG_SCHEMA = "clausediff.corpus/1"


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The ``clausediff.corpus/1`` object: every bundled text and what the catalog says of it."""
    documents = []
    for entry in catalog.entries:
        parts = DocumentId.parse(entry.id)
        documents.append(
            {
                "id": entry.id,
                "treaty": parts.treaty,
                "rendering_id": parts.rendering,
                "language": entry.language or parts.language,
                "title": entry.title,
                "parties": list(entry.parties),
                "signed": entry.signed or None,
                "place": entry.place or None,
                "rendering": entry.rendering or None,
                "source": entry.source or None,
                "complete": entry.complete,
                "missing": entry.missing or None,
            }
        )
    return {"schema": CATALOG_SCHEMA, "documents": documents}


def render_catalog(catalog: Catalog, *, color: bool = False) -> str:
    """One line of JSON: the bundled corpus's catalog."""
    return one_line(catalog_to_dict(catalog))
