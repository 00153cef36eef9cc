"""What a notebook shows for a result: small HTML in the report's styles.

Jupyter and its kin call an object's ``_repr_html_``; the model and result types answer with
these functions. Each output is one ``<div class="clausediff">`` carrying the report's CSS
(scoped to that class, so the notebook's own page is left alone) and no script. Outputs stay
small: a document shows its first articles, an alignment its table of pairs (not every
redline, which ``render(alignment, "html")`` gives), a comparison its pair side by side.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from clausediff.report.cite import cite_document, partial_note
from clausediff.report.html import CSS, MARKS, linked, pair_section, pairs_table
from clausediff.report.rows import AlignmentTable
from clausediff.report.segments import display, status_summary

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Comparison
    from clausediff.model import Document

__all__ = ["alignment_html", "comparison_html", "document_html"]

_ROWS = 12  # articles listed for a document
_PREVIEW = 90  # characters of an article's first words


def _box(*parts: str) -> str:
    return f'<div class="clausediff"><style>{CSS}</style>{"".join(parts)}</div>'


def document_html(document: Document) -> str:
    """A document: its citation, what a partial copy lacks, and its first articles."""
    count = len(document.articles)
    rows = []
    for article in document.articles[:_ROWS]:
        body = display(article.text[len(article.label) :]).strip(" .:-–—")
        if len(body) > _PREVIEW:
            body = body[: _PREVIEW - 1].rstrip() + "…"
        rows.append(
            f"<tr><td>{escape(article.ref)}</td><td>{escape(' '.join(article.label.split()))}"
            f"</td><td>{escape(body)}</td></tr>"
        )
    more = count - _ROWS
    partial = partial_note(document.id, document.metadata)
    return _box(
        f"<h3>{escape(document.title or document.id)}</h3>",
        f'<p class="meta">{linked(cite_document(document).text())}</p>',
        f'<p class="meta">id {escape(document.id)} · {count} article{"s" * (count != 1)} · '
        f"{len(document.text):,} characters</p>",
        f'<p class="partial">{escape(partial)}</p>' if partial else "",
        '<table class="pairs"><tr><th>ref</th><th>label</th><th>text</th></tr>',
        "".join(rows),
        "</table>",
        f'<p class="meta">… and {more} more</p>' if more > 0 else "",
    )


def comparison_html(comparison: Comparison) -> str:
    """A clause comparison: both citations, the scores by name, a summary, the redline side
    by side."""
    return _box(pair_section(comparison, "pair", full=True), MARKS)


def alignment_html(alignment: Alignment) -> str:
    """An alignment: both treaties cited, notes on partial copies, the table of pairs."""
    table = AlignmentTable.of(alignment)
    left, right = alignment.left, alignment.right
    return _box(
        f"<h3>{escape(left.title or left.id)} → {escape(right.title or right.id)}</h3>",
        f'<p class="meta">Left: {linked(cite_document(left).text())}</p>',
        f'<p class="meta">Right: {linked(cite_document(right).text())}</p>',
        *(f'<p class="partial">{escape(note)}</p>' for note in table.notes),
        f'<p class="meta">{escape(status_summary(alignment))}. {escape(table.legend)}</p>',
        pairs_table(table, links=False),
    )
