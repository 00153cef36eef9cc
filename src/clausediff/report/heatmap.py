"""The alignment heatmap of the HTML report: one SVG, a cell per pair of articles that share
something.

Pairs that share nothing are one background rectangle, so the page grows with the pairs that
share something, not with every pair of articles (2,000 x 2,000 articles would otherwise be
4,000,000 cells). Both axes carry the articles' labels as printed, rotated on top, with room
computed from the longest label so that none is clipped. The colour scale starts at a visible
tint: a pair scoring 1 is never mistaken for one scoring 0.
"""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import AlignedPair, Alignment

__all__ = ["colour", "render_heatmap", "scale_legend"]

_CELL_MAX, _CELL_MIN = 28, 6
_HEATMAP_WIDTH = 1000
_CHAR = 6.5  # pixels: a generous average width of a 10px sans-serif character
_LABEL = 22  # characters of a label shown on an axis (the cell's title has it whole)
_ANGLE = math.radians(60)
_INK = (8, 48, 107)
_FLOOR = 0.14  # the tint of the lowest score above 0


def colour(score: float) -> str:
    """White for 0; above 0, from a pale blue that stays distinct from white (the tint
    ``_FLOOR`` of the scale) to dark blue (100)."""
    if score <= 0:
        return "#ffffff"
    t = _FLOOR + (1 - _FLOOR) * (min(score, 100.0) / 100) ** 0.8
    r, g, b = (round(255 + (c - 255) * t) for c in _INK)
    return f"#{r:02x}{g:02x}{b:02x}"


def scale_legend() -> str:
    """The colour scale as labelled swatches (0 outlined, since it is the page's white)."""
    return "".join(
        f'<span class="swatch" style="background:{colour(v)}"></span>{v}'
        for v in (0, 1, 25, 50, 75, 100)
    )


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= _LABEL else label[: _LABEL - 1] + "…"


def anchor(pair: AlignedPair) -> str:
    """The pair's element id, from both refs: unique, since each ref is unique on its side
    (a ref holds no ``_``, so making its ``-`` one keeps the two sides apart)."""

    def part(ref: str | None) -> str:
        return "none" if ref is None else ref.replace("-", "_")

    return f"pair-{part(pair.left_ref)}-{part(pair.right_ref)}"


def render_heatmap(alignment: Alignment) -> str:
    """The heatmap's SVG and its legend, as HTML."""
    left, right = alignment.left.articles, alignment.right.articles
    rows, cols = len(left), len(right)
    cell = max(_CELL_MIN, min(_CELL_MAX, _HEATMAP_WIDTH // max(cols, 1)))
    step = max(1, math.ceil(12 / cell))  # label every step-th article: 12px a line of text
    row_labels = [_short(a.label) for a in left]
    col_labels = [_short(a.label) for a in right]
    longest_col = max((len(label) for label in col_labels), default=0) * _CHAR
    top = math.ceil(longest_col * math.sin(_ANGLE)) + 12
    margin = math.ceil(max((len(x) for x in row_labels), default=0) * _CHAR) + 12
    # a column label rises to the right: the last one needs room beyond the last column
    lean = math.ceil(longest_col * math.cos(_ANGLE))
    width, height = margin + cols * cell + lean + 4, top + rows * cell + 4
    assigned = {
        (p.left_ref, p.right_ref): anchor(p) for p in alignment.pairs if p.left_ref and p.right_ref
    }
    by_left = {p.left_ref: anchor(p) for p in alignment.pairs if p.left_ref}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="article similarity heatmap">',
    ]
    for j, label in enumerate(col_labels):
        if j % step == 0:
            x, y = margin + j * cell + cell // 2, top - 6
            parts.append(
                f'<text x="{x}" y="{y}" transform="rotate(-60 {x} {y})">{escape(label)}</text>'
            )
    for i, label in enumerate(row_labels):
        if i % step == 0:
            y = top + i * cell + cell // 2 + 3
            parts.append(f'<text x="{margin - 4}" y="{y}" text-anchor="end">{escape(label)}</text>')
    parts.append(
        f'<rect x="{margin}" y="{top}" width="{cols * cell}" height="{rows * cell}" '
        f'fill="{colour(0.0)}" class="background"/>'
    )
    for i, la in enumerate(left):
        row = alignment.matrix[i].nonzero() if i < len(alignment.matrix) else []
        for j, score in row:
            ra = right[j]
            key = (la.ref, ra.ref)
            css = ' class="pair"' if key in assigned else ""
            target = assigned.get(key) or by_left.get(la.ref, "")
            rect = (
                f'<rect x="{margin + j * cell}" y="{top + i * cell}" width="{cell}" '
                f'height="{cell}" fill="{colour(score)}"{css}>'
                f"<title>{escape(la.label)} ↔ {escape(ra.label)}: overlap {score:.1f}</title>"
                "</rect>"
            )
            parts.append(f'<a href="#{escape(target)}">{rect}</a>' if target else rect)
    parts.append("</svg>")
    return (
        f'<div class="heatmap">{"".join(parts)}</div>'
        f'<p class="legend">Rows: {escape(alignment.left.id)}; columns: '
        f"{escape(alignment.right.id)}. Colour: the pair's overlap {scale_legend()}. "
        "Outlined: the pairs assigned. A click on a cell goes to its pair.</p>"
    )
