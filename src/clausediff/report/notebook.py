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

from clausediff.report.cite import Citation, cite_document, cite_hit, cite_member, partial_note
from clausediff.report.html import CSS, MARKS, linked, pair_section, pairs_table
from clausediff.report.rows import AlignmentTable
from clausediff.report.search_text import cited, figure
from clausediff.report.segments import display, status_summary

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.facade import IndexedDocument
    from clausediff.corpus.lineage import Lineage
    from clausediff.corpus.search import SearchResult
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Comparison
    from clausediff.model import Document

__all__ = [
    "alignment_html",
    "comparison_html",
    "corpus_html",
    "document_html",
    "lineage_html",
    "search_html",
]

_ROWS = 12  # articles (or documents, families) listed
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


def _table(head: tuple[str, ...], rows: list[list[str]]) -> str:
    cells = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="pairs"><tr>{cells}</tr>{body}</table>'


def corpus_html(name: str, documents: tuple[IndexedDocument, ...]) -> str:
    """An index: its name and its first documents, each cited."""
    rows = [
        [
            escape(d.id),
            linked(cited(Citation(d.id, d.title, d.signed, source=d.source), d.complete)),
            str(d.articles),
        ]
        for d in documents[:_ROWS]
    ]
    more = len(documents) - _ROWS
    return _box(
        f"<h3>{escape(name)}</h3>",
        f'<p class="meta">{len(documents)} documents</p>',
        _table(("id", "citation", "articles"), rows),
        f'<p class="meta">… and {more} more</p>' if more > 0 else "",
    )


def search_html(result: SearchResult) -> str:
    """A search result: the query, then each hit cited, with its figures and its longest
    shared passage."""
    rows = []
    for rank, hit in enumerate(result.hits, start=1):
        longest = max(hit.shared, key=lambda p: p.bits, default=None)
        rows.append(
            [
                str(rank),
                linked(cited(cite_hit(hit), hit.complete)),
                f"{hit.score:.1f}",
                f"{hit.bits:.1f}",
                figure(hit.pvalue),
                figure(hit.evalue),
                f"“{escape(display(longest.text))}”" if longest else "",
            ]
        )
    query = display(result.query)
    return _box(
        f"<h3>Where this language comes from: “{escape(query[:160])}"
        f"{'…' if len(query) > 160 else ''}”</h3>",
        f'<p class="meta">Index: {escape(result.index or "unnamed")}. Weighted coverage: the '
        "share of the smaller text, its words weighted by rarity, in shared passages (0-100); "
        "bits: rarity shared; p: chance for unrelated texts; E: expected by chance in this "
        "index.</p>",
        _table(("", "article", "weighted coverage", "bits", "p", "E", "longest shared"), rows)
        if rows
        else f"<p>{escape(result.note or 'No article shares three words or more of it.')}</p>",
    )


def lineage_html(lineage: Lineage) -> str:
    """A lineage: its first families, each member cited under its date, with the earlier
    member it most likely came from."""
    parts = [
        f"<h3>Families of shared language in {escape(lineage.index or 'an index')}</h3>",
        f'<p class="meta">{len(lineage.families)} families, most substantial first.</p>',
    ]
    for number, family in enumerate(lineage.families[:_ROWS], start=1):
        rows = []
        for member in family.members:
            came = family.members[member.source] if member.source is not None else None
            rows.append(
                [
                    escape(member.signed or "undated"),
                    linked(cited(cite_member(member), member.complete)),
                    escape(f"{came.document} {came.label}") if came else "",
                ]
            )
        parts.append(f"<p><strong>{number}.</strong> substance {family.substance:.1f}</p>")
        parts.append(_table(("signed", "article", "most likely source"), rows))
    more = len(lineage.families) - _ROWS
    if more > 0:
        parts.append(f'<p class="meta">… and {more} more families</p>')
    return _box(*parts)
