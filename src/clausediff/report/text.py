"""Text rendering for people: document outlines, comparisons and alignments.

With ``color=True`` the output carries ANSI styles (rich): deletions red and struck through,
insertions green and underlined, moved passages magenta, shared passages bold. Without colour
the same content is marked in plain characters: ``[-deleted-]``, ``{+inserted+}``,
``[>1 moved away<]`` and ``{>1 moved here<}`` (the number links the two halves of a move).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from clausediff.model import Document, Span
from clausediff.report.cite import Citation, cite_clause, cite_document, cut_note
from clausediff.report.rows import AlignmentTable
from clausediff.report.segments import (
    display,
    hanging,
    length,
    rich_to_text,
    segments,
    status_summary,
)
from clausediff.report.summary import summarize

if TYPE_CHECKING:  # annotations only
    from rich.text import Text

    from clausediff.bundled import Catalog
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Clause, Comparison

__all__ = [
    "comparison_head",
    "render_alignment",
    "render_catalog",
    "render_comparison",
    "render_document",
]

_PREVIEW = 60
_WIDTH = 100
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=[a-z])")
_PLAIN = {
    "delete": ("[-", "-]"),
    "insert": ("{+", "+}"),
    "moved-away": ("[>", "<]"),
    "moved-here": ("{>", "<}"),
}
_STYLE = {
    "delete": "red strike",
    "insert": "green underline",
    "moved-away": "magenta strike",
    "moved-here": "magenta underline",
}


def _lines(document: Document, span: Span) -> str:
    first = document.position(span.start).line
    last = document.position(max(span.start, span.end - 1)).line
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _preview(text: str, limit: int = _PREVIEW) -> str:
    """The first words of *text* on one line, at most *limit* columns wide."""
    words = " ".join(_HYPHEN_BREAK.sub("", text).split())
    used = 0
    for i, char in enumerate(words):
        used += _width(char)
        if used > limit - 1 and i < len(words) - 1:
            return words[:i].rstrip() + "…"
    return words


def render_document(document: Document, *, color: bool = False) -> str:
    """An outline: title, then one row per article with its number, heading, first words and
    line range."""
    count = len(document.articles)
    head = f"{document.id}: {document.title or '(untitled)'}"
    facts = [document.language or "language unknown", f"{count} article{'s' * (count != 1)}"]
    rows = [head, f"  {', '.join(facts)}"]
    if document.metadata.complete is False:
        rows.append(f"  partial copy: {document.metadata.missing or 'text missing'}")
    if document.preamble is not None:
        rows.append(f"  preamble    {_lines(document, document.preamble)}")
    width = max(len(a.ref) for a in document.articles)
    context: tuple[str, ...] = ()
    for article in document.articles:
        labels = tuple(f"{d.label}: {d.title}" if d.title else d.label for d in article.divisions)
        if labels != context and labels:
            rows.append(f"  {' / '.join(labels)}")
        context = labels
        body = document.text[article.text_span.start : article.text_span.end]
        body = body[len(article.label) :]
        if article.heading:
            at = body.find(article.heading)
            if at != -1:
                body = body[at + len(article.heading) :]
        title = f"{article.heading}: " if article.heading else ""
        paras = len(article.paragraphs)
        extra = f" [{paras} para.]" if paras else ""
        rows.append(
            f"  {article.ref:>{width}}  {_lines(document, article.text_span):<14} "
            f"{title}{_preview(body.lstrip(' .:-–—'))}{extra}"
        )
    if document.trailing is not None:
        rows.append(f"  trailing    {_lines(document, document.trailing)}")
    return "\n".join(rows)


def render_catalog(catalog: Catalog, *, color: bool = False) -> str:
    """The bundled corpus, one line a text: id, date signed, title, and whether it is
    partial."""
    width = max((len(entry.id) for entry in catalog.entries), default=0)
    return "\n".join(
        f"{entry.id:<{width}}  {entry.signed}  {entry.title}"
        + ("" if entry.complete else "  (partial)")
        for entry in catalog.entries
    )


def _side(clause: Clause) -> str:
    where = f" {clause.label}" if clause.label else ""
    return f"{clause.document}{where}"


def _cited(head: str, citation: Citation, note: str | None, width: int) -> str:
    text = citation.text() + (f" [{note}]" if note else "")
    return hanging(head, text, width=width)


def comparison_head(comparison: Comparison, *, width: int) -> list[str]:
    """The citations of both clauses and what the scores measure, as plain lines."""
    rows = []
    for head, clause in (("  left:  ", comparison.left), ("  right: ", comparison.right)):
        rows.append(_cited(head, cite_clause(clause), cut_note(clause), width))
    s = comparison.scores
    rows.append(
        hanging(
            f"coverage {s.coverage:.1f} ",
            f"(left {s.coverage_left:.1f}, right {s.coverage_right:.1f}): the share of both "
            "clauses' words that lie in passages they share, 0-100",
            width=width,
            indent=2,
        )
    )
    rows.append(
        f"  also: ratio {s.ratio:.1f} · token_set {s.token_set:.1f} · "
        f"partial {s.partial:.1f} · jaccard5 {s.jaccard5:.1f}"
    )
    rows.append(hanging("  ", summarize(comparison).text(), width=width))
    return rows


def render_comparison(comparison: Comparison, *, color: bool = False, width: int = _WIDTH) -> str:
    """Citations, scores, a summary, the shared passages and the redline of a comparison."""
    from rich.text import Text

    out = Text()
    out.append(f"{_side(comparison.left)}  →  {_side(comparison.right)}\n", style="bold")
    out.append("\n".join(comparison_head(comparison, width=width)) + "\n\n")
    out.append(f"Shared passages ({len(comparison.shared)})\n", style="bold")
    if not comparison.shared:
        out.append("  none of three words or more\n")
    for p in comparison.shared:
        count, unit = length(p.words, p.text).split(" ")
        out.append(f"  {count:>3} {unit}  ")
        out.append(f"“{display(p.text)}”", style="bold yellow")
        out.append(f"  left {p.left.start}-{p.left.end}, right {p.right.start}-{p.right.end}\n")
    out.append("\nRedline (left → right)\n", style="bold")
    out.append(_redline(comparison, color))
    return rich_to_text(out, color=color, width=width, wrap=True)


def _redline(comparison: Comparison, color: bool) -> Text:
    from rich.text import Text

    line = Text("  ")
    for segment in segments(comparison):
        text = segment.text
        if segment.kind == "equal":
            line.append(text)
            continue
        body = text.strip()
        if not body:
            line.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        tag = f"{segment.move} " if segment.move is not None else ""
        line.append(lead)
        if color:
            line.append(f"{tag}{body}", style=_STYLE[segment.kind])
        else:
            opening, closing = _PLAIN[segment.kind]
            line.append(f"{opening}{tag}{body}{closing}")
        line.append(trail)
    return line


def render_alignment(alignment: Alignment, *, color: bool = False, width: int = _WIDTH) -> str:
    """A table: which article of the left treaty became which of the right one, under both
    treaties' citations and what the figures measure."""
    table = AlignmentTable.of(alignment)
    rows = [f"{alignment.left.id} → {alignment.right.id}: {status_summary(alignment)}"]
    for head, document in (("  left:  ", alignment.left), ("  right: ", alignment.right)):
        rows.append(hanging(head, cite_document(document).text(), width=width))
    for note in table.notes:
        rows.append(hanging("  ", note, width=width))
    rows.append(hanging("  ", table.legend, width=width))
    lw = max([len("left"), *(len(r.left) for r in table.rows)])
    rw = max([len("right"), *(len(r.right) for r in table.rows)])
    rows += ["", f"  {'left':<{lw}}  {'right':<{rw}}  overlap  number  coverage  status     notes"]
    for row in table.rows:
        comparison = row.pair.comparison
        longest = max(comparison.shared, key=lambda p: p.words) if comparison else None
        preview = [f"“{_preview(longest.text, 40)}”"] if longest else []
        notes = "; ".join([*row.notes, *preview])
        rows.append(
            f"  {row.left:<{lw}}  {row.right:<{rw}}  {row.overlap:>7}  {row.bonus:>6}  "
            f"{row.coverage:>8}  {row.status:<9}  {notes}"
        )
    return "\n".join(row.rstrip() for row in rows)
