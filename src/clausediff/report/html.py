"""HTML rendering: one self-contained page, readable offline and printable.

The page holds its CSS and its SVG inline and loads nothing: no script (the heatmap's cells
are links within the page), no image, font or stylesheet; the only links out are the sources
of the texts, which a reader may follow. All treaty text is escaped: a clause holding
``<script>`` shows as text. For an alignment the page has a header (both treaties' titles,
dates, sources and what a partial copy lacks), an article-by-article heatmap (see
``heatmap``), the table of pairs, then every aligned pair side by side with shared passages
highlighted and the redline as ``<del>`` / ``<ins>`` (moved text marked apart), then the added
and removed articles. For a single comparison: the header, the scores, a summary and the pair.
Each clause is reflowed for reading (a printed line's end is not a break); its offsets still
point into the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from clausediff.model import Document, Metadata, Span
from clausediff.report.cite import cite_clause, cut_note
from clausediff.report.heatmap import anchor, render_heatmap
from clausediff.report.rows import ONLY_IN_COPY, AlignmentTable, article_name
from clausediff.report.segments import (
    display,
    length,
    ordered_scores,
    reflow,
    status_summary,
    visible,
)
from clausediff.report.summary import summarize

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import AlignedPair, Alignment
    from clausediff.match.compare import Clause, Comparison

__all__ = [
    "CSS",
    "MARKS",
    "linked",
    "pair_section",
    "pairs_table",
    "render_alignment",
    "render_comparison",
]

#: The report's styles, every rule under ``.clausediff`` so that a notebook can show a result
#: with them and leave the rest of its page alone.
CSS = """
.clausediff { --ink: #1b1f24; --muted: #5b6470; --line: #d0d7de; --mark: #fff3b0;
  --del: #ffd7d5; --ins: #ccf0d4; --move: #e8dcff; --warn: #8a4b00;
  font: 15px/1.5 Georgia, "Times New Roman", "Noto Serif CJK SC", "Songti SC", SimSun, serif;
  color: var(--ink); }
.clausediff * { box-sizing: border-box; }
.clausediff h1 { font-size: 22px; margin: 0 0 4px; }
.clausediff h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line);
  padding-bottom: 4px; }
.clausediff h3 { font-size: 15px; margin: 0 0 6px; }
.clausediff .sans, .clausediff table, .clausediff .meta, .clausediff .legend,
.clausediff .partial, .clausediff .summary { font-family: system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; font-size: 13px; }
.clausediff .meta { color: var(--muted); margin: 0 0 8px; }
.clausediff .partial { color: var(--warn); margin: 0 0 8px; }
.clausediff .summary { margin: 0 0 10px; }
.clausediff .lead { font-size: 16px; margin: 0 0 8px; }
.clausediff a { color: #0a58ca; }
.clausediff .treaties { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.clausediff .treaty { border-left: 4px solid var(--line); padding-left: 12px; }
.clausediff .heatmap { overflow-x: auto; border: 1px solid var(--line); padding: 8px; }
.clausediff .heatmap svg text { font: 10px system-ui, sans-serif; fill: var(--muted); }
.clausediff .heatmap rect.pair { stroke: #d1242f; stroke-width: 2; }
.clausediff .heatmap rect.background { stroke: var(--line); }
.clausediff .swatch { display: inline-block; width: 14px; height: 10px;
  margin: 0 2px -1px 8px; border: 1px solid var(--line); }
.clausediff .pair { margin: 24px 0; page-break-inside: avoid; }
.clausediff .pair .status { font-family: system-ui, sans-serif; font-size: 12px;
  padding: 1px 6px; border-radius: 8px; background: #eef1f4; margin-left: 6px; }
.clausediff .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.clausediff .clause { white-space: pre-wrap; border: 1px solid var(--line);
  border-radius: 4px; padding: 10px 12px; margin: 0; font: inherit; }
.clausediff mark { background: var(--mark); color: inherit; }
.clausediff del { background: var(--del); text-decoration: line-through; }
.clausediff ins { background: var(--ins); text-decoration: none; }
.clausediff del.moved, .clausediff ins.moved { background: var(--move); }
.clausediff del.moved { text-decoration: line-through dotted; }
.clausediff table { border-collapse: collapse; margin: 6px 0 12px; }
.clausediff th, .clausediff td { border: 1px solid var(--line); padding: 3px 8px;
  text-align: right; }
.clausediff table.pairs td, .clausediff table.pairs th { text-align: left; }
.clausediff th { background: #f6f8fa; }
.clausediff ul.plain { padding-left: 18px; }
"""

_PAGE_CSS = """
body { margin: 0; background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
@media print { main { padding: 0; } .clausediff .heatmap { overflow: visible; } }
"""

_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:)]")


def linked(text: str) -> str:
    """*text* escaped, its web addresses made links (opened apart from the report)."""
    out, at = [], 0
    for m in _URL.finditer(text):
        out.append(escape(text[at : m.start()]))
        url = escape(m.group(), quote=True)
        out.append(f'<a href="{url}" rel="noopener noreferrer">{escape(m.group())}</a>')
        at = m.end()
    out.append(escape(text[at:]))
    return "".join(out)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _facts(meta: Metadata) -> str:
    parts = []
    if meta.signed:
        parts.append(f"signed {escape(meta.signed)}")
    if meta.place:
        parts.append(f"at {escape(meta.place)}")
    if meta.parties:
        parts.append(escape(", ".join(meta.parties)))
    if meta.language:
        parts.append(f"language {escape(meta.language)}")
    lines = [f'<p class="meta">{" · ".join(parts)}</p>'] if parts else []
    if meta.rendering:
        lines.append(f'<p class="meta">Text: {escape(meta.rendering)}</p>')
    if meta.source:
        lines.append(f'<p class="meta">Source: {linked(meta.source)}</p>')
    if meta.complete is False:
        lacks = escape(meta.missing or "part of the treaty is missing")
        lines.append(f'<p class="partial">Partial copy: {lacks}</p>')
    elif meta.missing:
        lines.append(f'<p class="meta">Lacks: {escape(meta.missing)}</p>')
    return "\n".join(lines)


def _treaty_header(
    side: str, document_id: str, meta: Metadata | None, articles: int | None = None
) -> str:
    meta = meta or Metadata()
    title = escape(meta.title or document_id)
    count = f", {_plural(articles, 'article')}" if articles is not None else ""
    return (
        f'<div class="treaty"><h3>{side}: {title}</h3>'
        f'<p class="meta">id {escape(document_id)}{count}</p>'
        f"{_facts(meta)}</div>"
    )


def _document_header(document: Document, side: str) -> str:
    return _treaty_header(side, document.id, document.metadata, len(document.articles))


#: The legend of the redline's marks.
MARKS = (
    '<p class="legend">Marks: <mark>shared passage</mark> <del>deleted</del> '
    '<ins>inserted</ins> <del class="moved">moved away</del> <ins class="moved">moved '
    "here</ins>. The redline reads from the left text to the right.</p>"
)


def _page(title: str, body: Iterable[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}{_PAGE_CSS}</style>",
            "</head>",
            "<body>",
            '<main class="clausediff">',
            *body,
            '<p class="meta">Made with clausediff. Offsets and spans refer to the source texts '
            "as given.</p>",
            "</main>",
            "</body>",
            "</html>",
        ]
    )


def _marked(clause: Clause, start: int, end: int, shared: Sequence[Span]) -> str:
    """Escaped text of ``[start, end)`` with the parts inside shared passages in ``<mark>``
    and page furniture (page numbers, running heads) left out."""
    out, at = [], start
    for span in shared:
        if span.end <= at or span.start >= end:
            continue
        lo, hi = max(span.start, at), min(span.end, end)
        if lo > at:
            out.append(escape(reflow(visible(clause, Span(at, lo)))))
        out.append(f"<mark>{escape(reflow(visible(clause, Span(lo, hi))))}</mark>")
        at = hi
    if at < end:
        out.append(escape(reflow(visible(clause, Span(at, end)))))
    return "".join(out)


def _column(comparison: Comparison, left: bool) -> str:
    """One clause with its side of the redline marked and shared passages highlighted."""
    clause = comparison.left if left else comparison.right
    shared = sorted(p.left if left else p.right for p in comparison.shared)
    pieces = []
    changed_tag = "del" if left else "ins"
    for op in comparison.redline:
        span = op.left if left else op.right
        if span is None:
            continue
        # shared passages are marked where the redline keeps them: a boilerplate variant
        # inside a passage ("side" for "Contracting Party") is shown changed, not shared
        kept = op.op in ("equal", "move")
        text = _marked(clause, span.start, span.end, shared if kept else ())
        if op.op == "equal":
            pieces.append(text)
        elif op.op == "move":
            where = "moved away" if left else "moved here"
            pieces.append(
                f'<{changed_tag} class="moved" title="{where} (move {op.move})">{text}'
                f"</{changed_tag}>"
            )
        else:
            pieces.append(f"<{changed_tag}>{text}</{changed_tag}>")
    if not comparison.redline:
        pieces.append(escape(reflow(clause.text)))
    return f'<pre class="clause">{"".join(pieces)}</pre>'


def _scores_table(comparison: Comparison, pair: AlignedPair | None) -> str:
    scores = ordered_scores(comparison.scores)
    names = list(scores)
    values = [f"{v:.1f}" for v in scores.values()]
    if pair is not None:
        names = ["overlap", "number bonus", *names]
        values = [
            f"{pair.score:.1f}",
            f"+{pair.number_bonus:g}" if pair.number_bonus else "",
            *values,
        ]
    head = "".join(f"<th>{escape(name)}</th>" for name in names)
    cells = "".join(f"<td>{value}</td>" for value in values)
    return f'<table class="scores"><tr>{head}</tr><tr>{cells}</tr></table>'


def _label(clause: Clause) -> str:
    return escape(" ".join((clause.label or clause.article or clause.document).split()))


def _cited(clause: Clause) -> str:
    """A column's heading: the article as printed, then its citation and a cut copy's note."""
    note = cut_note(clause)
    cut = f'<p class="partial">{escape(note[0].upper() + note[1:])}.</p>' if note else ""
    return f'<h3>{_label(clause)}</h3><p class="meta">{linked(cite_clause(clause).text())}</p>{cut}'


def pair_section(
    comparison: Comparison, anchor: str, pair: AlignedPair | None = None, *, full: bool = False
) -> str:
    """One comparison as a section: the scores by name, a summary, both clauses side by side
    with their citations and the redline, and the shared passages. *full* names the documents
    in its heading too (a comparison shown on its own)."""
    left, right = comparison.left, comparison.right
    title = (
        f"{escape(left.document)} {_label(left)} → {escape(right.document)} {_label(right)}"
        if full
        else f"{_label(left)} → {_label(right)}"
    )
    badge = f'<span class="status">{escape(pair.status)}</span>' if pair else ""
    passages = "".join(
        f"<li>{length(p.words, p.text)}: “{escape(display(p.text))}”</li>"
        for p in comparison.shared
    )
    return "\n".join(
        [
            f'<section class="pair" id="{escape(anchor)}">',
            f"<h3>{title}{badge}</h3>",
            _scores_table(comparison, pair),
            f'<p class="summary">{escape(summarize(comparison).text())}</p>',
            '<div class="columns">',
            f"<div>{_cited(comparison.left)}{_column(comparison, True)}</div>",
            f"<div>{_cited(comparison.right)}{_column(comparison, False)}</div>",
            "</div>",
            f'<details class="sans"><summary>{_plural(len(comparison.shared), "shared passage")}'
            f'</summary><ul class="plain">{passages}</ul></details>',
            "</section>",
        ]
    )


def pairs_table(table: AlignmentTable, *, links: bool = True) -> str:
    """The alignment's table of pairs; with *links*, an aligned pair's left article links to
    its section of the page."""
    head = "".join(
        f"<th>{name}</th>"
        for name in ("left", "right", "overlap", "number", "coverage", "status", "notes")
    )
    rows = []
    for row in table.rows:
        name = (
            escape(row.left)
            if row.pair.comparison is None or not links
            else (f'<a href="#{escape(anchor(row.pair))}">{escape(row.left)}</a>')
        )
        cells = [name, escape(row.right), row.overlap, escape(row.bonus), row.coverage,
                 escape(row.status), escape("; ".join(row.notes))]  # fmt: skip
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="pairs"><tr>{head}</tr>{"".join(rows)}</table>'


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """A self-contained HTML page for a whole-treaty alignment."""
    left, right = alignment.left, alignment.right
    table = AlignmentTable.of(alignment)
    body = [
        f"<h1>{escape(left.title or left.id)} → {escape(right.title or right.id)}</h1>",
        f'<p class="meta">{escape(status_summary(alignment))}.</p>',
        f'<div class="treaties">{_document_header(left, "Left")}'
        f"{_document_header(right, 'Right')}</div>",
        *([f'<p class="partial">{escape(table.marked)}</p>'] if table.marked else []),
        "<h2>Which article became which</h2>",
        render_heatmap(alignment),
        f'<p class="legend">{escape(table.legend)}</p>',
        pairs_table(table),
        "<h2>Aligned articles</h2>",
        MARKS,
    ]
    for row in table.rows:
        if row.pair.comparison is not None:
            body.append(pair_section(row.pair.comparison, anchor(row.pair), row.pair))
    body.append("<h2>Removed and added articles</h2>")
    for name, status, doc in (("Removed", "removed", left), ("Added", "added", right)):
        items = []
        for row in table.rows:
            article = row.left_article if doc is left else row.right_article
            if row.pair.status != status or article is None:
                continue
            preview = escape(reflow(doc.quote(article.text_span))[:160])
            mark = f' <span class="partial">{ONLY_IN_COPY}</span>' if row.only_in_copy else ""
            items.append(
                f'<li id="{escape(anchor(row.pair))}"><strong>{escape(article_name(doc, article))}'
                f"</strong>{mark} {preview}…</li>"
            )
        body.append(f'<h3>{name} ({len(items)})</h3><ul class="plain">{"".join(items)}</ul>')
    return _page(f"{left.id} → {right.id}", body)


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """A self-contained HTML page for one clause comparison."""
    left, right = comparison.left, comparison.right
    s = comparison.scores
    lcite, rcite = cite_clause(left), cite_clause(right)
    body = [
        f"<h1>{_label(left)} → {_label(right)}</h1>",
        f'<p class="lead">From {escape(lcite.text(source=False))} to '
        f"{escape(rcite.text(source=False))}.</p>",
        f'<p class="meta">Coverage {s.coverage:.1f} (left {s.coverage_left:.1f}, right '
        f"{s.coverage_right:.1f}): the share of both clauses' words that lie in passages they "
        "share (three words or more, after normalization), 0-100. The other measures are "
        "named in the table.</p>",
    ]
    if left.metadata is not None or right.metadata is not None:
        body.append(
            f'<div class="treaties">{_treaty_header("Left", left.document, left.metadata)}'
            f"{_treaty_header('Right', right.document, right.metadata)}</div>"
        )
    body += [MARKS, pair_section(comparison, "pair")]
    return _page(f"{left.document} {_label(left)} → {right.document} {_label(right)}", body)
