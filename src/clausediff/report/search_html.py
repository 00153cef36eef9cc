"""HTML rendering of search results and lineage families: self-contained pages in the style
of the comparison report (inline CSS and SVG, no script, nothing fetched, every text
escaped).

A search page names the index, the query and its filters, then each hit with its title and
date, its figures, and its article's text with the passages it shares with the query
marked. A lineage page shows each family as a timeline drawn in SVG: one row per member in
date order, a dot at its date on a scale of years from the earliest text, and an arrow from
each member's source to it; undated members stand in a column of their own at the right.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from clausediff.model import Span
from clausediff.report.cite import cite_hit, cite_member
from clausediff.report.html import CSS, _page, linked
from clausediff.report.search_text import cited, figure, filters_line, link_arrow
from clausediff.report.segments import reflow

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.lineage import Family, Lineage
    from clausediff.corpus.search import Hit, SearchResult

__all__ = ["render_lineage_html", "render_search_html"]

_EXTRA_CSS = """
.clausediff .hit { margin: 20px 0; page-break-inside: avoid; }
.clausediff .figures span { margin-right: 14px; }
.clausediff .later { color: #9a6700; }
.clausediff .timeline { overflow-x: auto; border: 1px solid var(--line); padding: 8px;
  margin: 8px 0 16px; }
.clausediff .timeline svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.clausediff .timeline svg text.year { fill: var(--muted); }
.clausediff .timeline svg line.tick { stroke: var(--line); }
.clausediff .timeline svg path.edge { stroke: #0969da; stroke-width: 1.5; fill: none; }
.clausediff .timeline svg circle { fill: #0969da; }
.clausediff .timeline svg circle.root { fill: #d1242f; }
.clausediff table.members td, .clausediff table.members th { text-align: left; }
"""


def _marked(text: str, start: int, spans: Sequence[Span]) -> str:
    """*text* (which starts at document offset *start*) escaped and reflowed for reading (a
    printed line's end is no break), *spans* in ``<mark>``."""
    out, at = [], 0
    for span in sorted(spans):
        lo, hi = max(span.start - start, at), min(span.end - start, len(text))
        if hi <= lo:
            continue
        out.append(escape(reflow(text[at:lo])))
        out.append(f"<mark>{escape(reflow(text[lo:hi]))}</mark>")
        at = hi
    out.append(escape(reflow(text[at:])))
    return "".join(out)


def _hit_section(rank: int, hit: Hit, query: str) -> str:
    later = ' <span class="later">(signed after the query\'s text)</span>' if hit.later else ""
    passages = "".join(
        f"<li>{p.words} tokens, {p.bits:.1f} bits: “{escape(p.text)}” "
        f"(query: “{escape(query[p.query.start : p.query.end])}”)</li>"
        for p in hit.shared
    )
    marks = [p.document for p in hit.shared]
    return "\n".join(
        [
            f'<section class="hit" id="hit-{rank}">',
            f"<h3>{rank}. {escape(hit.document)} {escape(hit.label)}{later}</h3>",
            f'<p class="meta">{linked(cited(cite_hit(hit), hit.complete))} (ref '
            f"{escape(hit.ref)})</p>",
            f'<p class="sans figures"><span>bits {hit.bits:.1f}</span>'
            f"<span>p {figure(hit.pvalue)}</span><span>E {figure(hit.evalue)}</span>"
            f"<span>weighted coverage {hit.score:.1f}</span></p>",
            f'<pre class="clause">{_marked(hit.text, hit.start, marks)}</pre>',
            f'<ul class="plain sans">{passages}</ul>',
            "</section>",
        ]
    )


def render_search_html(result: SearchResult, *, color: bool = False) -> str:
    """One page: the query, its filters, and each hit with its shared passages marked."""
    head = [
        "<h1>Where this clause's language comes from</h1>",
        f'<p class="meta">Index: {escape(result.index or "unnamed")}</p>',
        f'<pre class="clause">{escape(result.query)}</pre>',
    ]
    filters = filters_line(result)
    if filters:
        head.append(f'<p class="meta">Filters: {escape(filters)}</p>')
    if result.origin is not None:
        o = result.origin
        head.append(
            f'<p class="meta">The query stands whole in {escape(o.document)} '
            f"{escape(o.label)} (signed {escape(o.signed)}): texts signed later rank below "
            "earlier ones that share nearly as much.</p>"
        )
    for phrase in result.common:
        head.append(
            f'<p class="meta">Common: “{escape(phrase.text)}” stands in {phrase.articles} '
            "articles.</p>"
        )
    if result.note or not result.hits:
        head.append(
            f"<p>{escape(result.note or 'No article shares three words or more of it.')}</p>"
        )
    else:
        head.append(
            '<p class="meta">bits: rarity of the shared language, the same in any index; p: the '
            "chance that unrelated texts of these lengths share as much; E: the matches this "
            "good expected by chance in this index; weighted coverage: the share of the "
            "smaller text, its words weighted by rarity, in shared passages (0-100).</p>"
        )
    sections = [_hit_section(rank, hit, result.query) for rank, hit in enumerate(result.hits, 1)]
    body = [*head, *sections]
    return _page("clausediff search", body).replace(CSS, CSS + _EXTRA_CSS)


_ROW, _TOP, _LEFT, _PLOT, _LABELS = 24, 34, 20, 360, 420


def _year(signed: str) -> float:
    """A date as a year with its fraction (1949-08-12 -> 1949.6)."""
    parts = [int(p) for p in signed.split("-")] + [1, 1]
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 1) / 365


def timeline(family: Family) -> str:
    """The family as an SVG timeline (module docstring)."""
    dated = [_year(m.signed) for m in family.members if m.signed]
    first, last = (min(dated), max(dated)) if dated else (0.0, 1.0)
    if last - first < 1:
        first, last = first - 0.5, last + 0.5
    undated_x = _LEFT + _PLOT + 30

    def x(at: int) -> float:
        signed = family.members[at].signed
        if not signed:
            return undated_x
        return _LEFT + (_year(signed) - first) / (last - first) * _PLOT

    height = _TOP + _ROW * len(family.members) + 10
    width = undated_x + _LABELS
    since = escape(family.root.signed or "an undated text")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'role="img" aria-label="timeline of the family from {since}">',
        '<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#0969da"/></marker>'
        "</defs>",
    ]
    for year in _ticks(first, last):
        tx = _LEFT + (year - first) / (last - first) * _PLOT
        parts.append(f'<line class="tick" x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{height - 6}"/>')
        parts.append(f'<text class="year" x="{tx:.1f}" y="12" text-anchor="middle">{year}</text>')
    if any(not m.signed for m in family.members):
        parts.append(
            f'<text class="year" x="{undated_x:.1f}" y="12" text-anchor="middle">undated</text>'
        )
    for at, member in enumerate(family.members):
        if member.source is not None:
            y0, y1 = _TOP + _ROW * member.source, _TOP + _ROW * at
            parts.append(
                f'<path class="edge" d="M{x(member.source):.1f},{y0} C{x(member.source):.1f},'
                f'{y1} {x(member.source):.1f},{y1} {x(at) - 5:.1f},{y1}" marker-end="url(#arrow)"/>'
            )
    for at, member in enumerate(family.members):
        y = _TOP + _ROW * at
        label = f"{member.document} {member.label} ({member.signed or 'undated'})"
        kind = ' class="root"' if at == 0 else ""
        parts.append(
            f'<circle{kind} cx="{x(at):.1f}" cy="{y}" r="5"><title>{escape(label)}</title></circle>'
        )
        parts.append(f'<text x="{x(at) + 9:.1f}" y="{y + 4}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _ticks(first: float, last: float) -> list[int]:
    span = last - first
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= 8)
    start = int(first // step + 1) * step
    return list(range(start, int(last) + 1, step))


def _family_section(number: int, family: Family) -> str:
    rows = []
    for at, member in enumerate(family.members):
        source = ""
        if member.source is not None:
            link = next(k for k in family.links if k.later == at and k.earlier == member.source)
            source = (
                f"{link_arrow(family, at)} {escape(link.documents[0])} "
                f"{escape(link.labels[0])} (bits {link.bits:.1f}, p {figure(link.pvalue)}, "
                f"weighted coverage "
                f"{link.score:.1f})"
            )
        also = [r for r in member.renderings if r != member.document]
        rows.append(
            f"<tr><td>{escape(member.signed or 'undated')}</td>"
            f"<td>{escape(member.document)} {escape(member.label)}"
            f"{' (also ' + escape(', '.join(also)) + ')' if also else ''}"
            f'<br><span class="meta">{linked(cited(cite_member(member), member.complete))}'
            f"</span></td><td>{source}</td></tr>"
        )
    root = family.root
    return "\n".join(
        [
            f'<section class="family" id="family-{number}">',
            f"<h2>{number}. {escape(root.document)} {escape(root.label)} and "
            f"{len(family.members) - 1} more</h2>",
            f'<p class="meta">substance {family.substance:.1f}</p>',
            f'<div class="timeline">{timeline(family)}</div>',
            '<table class="members"><tr><th>signed</th><th>article</th>'
            "<th>most likely source</th></tr>",
            *rows,
            "</table>",
            "</section>",
        ]
    )


def render_lineage_html(lineage: Lineage, *, color: bool = False) -> str:
    """One page: every family as a timeline and a table of members and their sources."""
    head = [
        "<h1>Families of shared language</h1>",
        f'<p class="meta">Index: {escape(lineage.index or "unnamed")} · linked where p ≤ '
        f"{figure(lineage.max_p)} · {len(lineage.families)} families, most substantial "
        "first</p>",
    ]
    if not lineage.families:
        head.append("<p>No articles of different treaties share language beyond chance.</p>")
    sections = [_family_section(n, f) for n, f in enumerate(lineage.families, start=1)]
    return _page("clausediff lineage", [*head, *sections]).replace(CSS, CSS + _EXTRA_CSS)
