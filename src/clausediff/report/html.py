"""HTML rendering: one self-contained page, readable offline and printable.

The page holds its CSS and its SVG inline and makes no request of any kind; its only script is
none at all (the heatmap's cells are links). All treaty text is escaped: a clause holding
``<script>`` shows as text. For an alignment the page has a header (both treaties' titles,
dates and sources), an article-by-article heatmap (one ``<rect>`` per pair of articles, its
colour the pair's score, its title the two labels and the score, assigned pairs outlined; a
click on a cell jumps to that pair), then every aligned pair side by side with shared passages
highlighted and the redline as ``<del>`` / ``<ins>`` (moved text marked apart), then the added
and removed articles. For a single comparison: the header, the scores and the pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from clausediff.model import Document, Metadata, Span
from clausediff.report.segments import length, status_summary, visible

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import AlignedPair, Alignment
    from clausediff.match.compare import Clause, Comparison

__all__ = ["render_alignment", "render_comparison"]

_CSS = """
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d0d7de; --mark: #fff3b0;
        --del: #ffd7d5; --ins: #ccf0d4; --move: #e8dcff; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0;
       background: #fff; }
main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line);
     padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; }
.sans, table, .meta, .legend, .scores { font-family: system-ui, -apple-system, "Segoe UI",
       Roboto, sans-serif; font-size: 13px; }
.meta { color: var(--muted); margin: 0 0 8px; }
.treaties { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
.treaty { border-left: 4px solid var(--line); padding-left: 12px; }
.heatmap { overflow-x: auto; border: 1px solid var(--line); padding: 8px; }
.heatmap svg text { font: 10px system-ui, sans-serif; fill: var(--muted); }
.heatmap rect.pair { stroke: #d1242f; stroke-width: 2; }
.legend span { display: inline-block; width: 14px; height: 10px; margin: 0 2px -1px 8px; }
.pair { margin: 24px 0; page-break-inside: avoid; }
.pair .status { font-family: system-ui, sans-serif; font-size: 12px; padding: 1px 6px;
       border-radius: 8px; background: #eef1f4; margin-left: 6px; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.clause { white-space: pre-wrap; border: 1px solid var(--line); border-radius: 4px;
          padding: 10px 12px; margin: 0; font: inherit; }
mark { background: var(--mark); }
del { background: var(--del); text-decoration: line-through; }
ins { background: var(--ins); text-decoration: none; }
del.moved, ins.moved { background: var(--move); }
del.moved { text-decoration: line-through dotted; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: right; }
th { background: #f6f8fa; }
ul.plain { padding-left: 18px; }
@media print { main { padding: 0; } .heatmap { overflow: visible; } }
"""

_CELL_MAX, _CELL_MIN = 28, 6
_HEATMAP_WIDTH = 1000


def _colour(score: float) -> str:
    """White (0) to dark blue (100)."""
    t = max(0.0, min(score, 100.0)) / 100
    r, g, b = (int(255 + (c - 255) * t) for c in (8, 48, 107))
    return f"#{r:02x}{g:02x}{b:02x}"


def _facts(meta: Metadata) -> str:
    parts = []
    if meta.signed:
        parts.append(f"signed {escape(meta.signed)}")
    if meta.parties:
        parts.append(escape(", ".join(meta.parties)))
    if meta.language:
        parts.append(f"language {escape(meta.language)}")
    lines = [f'<p class="meta">{" · ".join(parts)}</p>'] if parts else []
    if meta.source:
        lines.append(f'<p class="meta">Source: {escape(meta.source)}</p>')
    if meta.complete is False and meta.missing:
        lines.append(f'<p class="meta">Partial copy: {escape(meta.missing)}</p>')
    return "\n".join(lines)


def _treaty_header(
    side: str, document_id: str, meta: Metadata | None, articles: int | None = None
) -> str:
    meta = meta or Metadata()
    title = escape(meta.title or document_id)
    count = f", {articles} articles" if articles is not None else ""
    return (
        f'<div class="treaty"><h3>{side}: {title}</h3>'
        f'<p class="meta">id {escape(document_id)}{count}</p>'
        f"{_facts(meta)}</div>"
    )


def _document_header(document: Document, side: str) -> str:
    return _treaty_header(side, document.id, document.metadata, len(document.articles))


def _page(title: str, body: Iterable[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
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
            out.append(escape(visible(clause, Span(at, lo))))
        out.append(f"<mark>{escape(visible(clause, Span(lo, hi)))}</mark>")
        at = hi
    if at < end:
        out.append(escape(visible(clause, Span(at, end))))
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
        pieces.append(escape(clause.text))
    return f'<pre class="clause">{"".join(pieces)}</pre>'


def _scores_table(comparison: Comparison) -> str:
    scores = comparison.scores.as_dict()
    head = "".join(f"<th>{escape(name)}</th>" for name in ["score", *scores])
    cells = "".join(f"<td>{value:.1f}</td>" for value in [comparison.score, *scores.values()])
    return f'<table class="scores"><tr>{head}</tr><tr>{cells}</tr></table>'


def _label(clause: Clause) -> str:
    return escape(clause.label or clause.article or clause.document)


def _pair_section(comparison: Comparison, anchor: str, status: str | None = None) -> str:
    badge = f'<span class="status">{escape(status)}</span>' if status else ""
    passages = "".join(
        f"<li>{length(p.words, p.text)}: “{escape(p.text)}”</li>" for p in comparison.shared
    )
    return "\n".join(
        [
            f'<section class="pair" id="{escape(anchor)}">',
            f"<h3>{_label(comparison.left)} → {_label(comparison.right)}{badge}</h3>",
            _scores_table(comparison),
            '<div class="columns">',
            f"<div><h3>{_label(comparison.left)}</h3>{_column(comparison, True)}</div>",
            f"<div><h3>{_label(comparison.right)}</h3>{_column(comparison, False)}</div>",
            "</div>",
            f'<details class="sans"><summary>{len(comparison.shared)} shared passages'
            f'</summary><ul class="plain">{passages}</ul></details>',
            "</section>",
        ]
    )


def _anchor(pair: AlignedPair) -> str:
    """The pair's element id, from both refs: unique, since each ref is unique on its side
    (a ref holds no ``_``, so making its ``-`` one keeps the two sides apart)."""

    def part(ref: str | None) -> str:
        return "none" if ref is None else ref.replace("-", "_")

    return f"pair-{part(pair.left_ref)}-{part(pair.right_ref)}"


def _heatmap(alignment: Alignment) -> str:
    left, right = alignment.left.articles, alignment.right.articles
    rows, cols = len(left), len(right)
    cell = max(_CELL_MIN, min(_CELL_MAX, _HEATMAP_WIDTH // max(cols, 1)))
    margin = 44
    width, height = margin + cols * cell + 4, margin + rows * cell + 4
    assigned = {
        (p.left_ref, p.right_ref): _anchor(p) for p in alignment.pairs if p.left_ref and p.right_ref
    }
    by_left = {p.left_ref: _anchor(p) for p in alignment.pairs if p.left_ref}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="article similarity heatmap">',
    ]
    step = max(1, 12 // cell + (1 if cell < 12 else 0))
    for j, article in enumerate(right):
        if j % step == 0:
            x = margin + j * cell + cell // 2
            parts.append(
                f'<text x="{x}" y="{margin - 6}" text-anchor="end" '
                f'transform="rotate(-60 {x} {margin - 6})">{escape(article.ref)}</text>'
            )
    for i, article in enumerate(left):
        if i % step == 0:
            y = margin + i * cell + cell // 2 + 3
            parts.append(
                f'<text x="{margin - 4}" y="{y}" text-anchor="end">{escape(article.ref)}</text>'
            )
    # pairs that share nothing are the background; only the others are drawn, so the page
    # grows with the pairs that share something, not with every pair of articles
    parts.append(
        f'<rect x="{margin}" y="{margin}" width="{cols * cell}" height="{rows * cell}" '
        f'fill="{_colour(0.0)}"/>'
    )
    for i, la in enumerate(left):
        row = alignment.matrix[i].nonzero() if i < len(alignment.matrix) else []
        for j, score in row:
            ra = right[j]
            key = (la.ref, ra.ref)
            css = ' class="pair"' if key in assigned else ""
            target = assigned.get(key) or by_left.get(la.ref, "")
            rect = (
                f'<rect x="{margin + j * cell}" y="{margin + i * cell}" width="{cell}" '
                f'height="{cell}" fill="{_colour(score)}"{css}>'
                f"<title>{escape(la.label)} ↔ {escape(ra.label)}: {score:.1f}</title></rect>"
            )
            parts.append(f'<a href="#{escape(target)}">{rect}</a>' if target else rect)
    parts.append("</svg>")
    legend = "".join(
        f'<span style="background:{_colour(v)}"></span>{v}' for v in (0, 25, 50, 75, 100)
    )
    return (
        f'<div class="heatmap">{"".join(parts)}</div>'
        f'<p class="legend">Rows: {escape(alignment.left.id)}; columns: '
        f"{escape(alignment.right.id)}. Colour: alignment score {legend}. "
        "Outlined: the pairs assigned. Click a cell to go to its pair.</p>"
    )


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """A self-contained HTML page for a whole-treaty alignment."""
    left, right = alignment.left, alignment.right
    summary = status_summary(alignment)
    body = [
        f"<h1>{escape(left.title or left.id)} → {escape(right.title or right.id)}</h1>",
        f'<p class="meta">{escape(summary)}. Pairs scoring {alignment.min_score:g} or more '
        "are assigned one to one.</p>",
        f'<div class="treaties">{_document_header(left, "Left")}'
        f"{_document_header(right, 'Right')}</div>",
        "<h2>Which article became which</h2>",
        _heatmap(alignment),
        "<h2>Aligned articles</h2>",
    ]
    for pair in alignment.pairs:
        if pair.comparison is not None:
            body.append(_pair_section(pair.comparison, _anchor(pair), pair.status))
    removed = [p for p in alignment.pairs if p.status == "removed"]
    added = [p for p in alignment.pairs if p.status == "added"]
    body.append("<h2>Removed and added articles</h2>")
    for name, rows, doc in (("Removed", removed, left), ("Added", added, right)):
        by_ref = {a.ref: a for a in doc.articles}
        items = []
        for pair in rows:
            ref = pair.left_ref if doc is left else pair.right_ref
            assert ref is not None  # a removed pair has a left article, an added one a right
            article = by_ref[ref]
            preview = escape(" ".join(doc.quote(article.text_span).split())[:160])
            items.append(
                f'<li id="{escape(_anchor(pair))}"><strong>{escape(article.label)}</strong> '
                f"{preview}…</li>"
            )
        body.append(f'<h3>{name} ({len(items)})</h3><ul class="plain">{"".join(items)}</ul>')
    return _page(f"{left.id} → {right.id}", body)


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """A self-contained HTML page for one clause comparison."""
    left, right = comparison.left, comparison.right
    body = [
        f"<h1>{_label(left)} of {escape(left.document)} → "
        f"{_label(right)} of {escape(right.document)}</h1>",
        '<p class="meta">Score: the share of both clauses\' words that lie in passages they '
        "share (three words or more, after normalization), 0-100.</p>",
    ]
    if left.metadata is not None or right.metadata is not None:
        body.append(
            f'<div class="treaties">{_treaty_header("Left", left.document, left.metadata)}'
            f"{_treaty_header('Right', right.document, right.metadata)}</div>"
        )
    body.append(_pair_section(comparison, "pair"))
    return _page(f"{left.document} → {right.document}", body)
