"""Markdown rendering, for a report or an issue tracker.

Redlines use ``~~deleted~~`` and ``**inserted**``; a moved passage is shown in italics where
it left (struck through) and where it arrived, tagged with the move's number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clausediff.report.segments import citation, display, length, pair_notes, segments

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Comparison

__all__ = ["escape", "render_alignment", "render_comparison"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Treaty text made inert in Markdown (emphasis, links, tables, HTML)."""
    return _SPECIAL.sub(r"\\\1", text)


def _title(comparison: Comparison) -> str:
    def side(document: str, label: str | None) -> str:
        return f"{document} {label}" if label else document

    left, right = comparison.left, comparison.right
    return f"{side(left.document, left.label)} → {side(right.document, right.label)}"


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """The comparison as a Markdown section: scores table, shared passages, redline."""
    s = comparison.scores
    cited = [
        f"- {side}: {escape(text)}"
        for side, clause in (("Left", comparison.left), ("Right", comparison.right))
        if (text := citation(clause))
    ]
    out = [
        f"## {escape(_title(comparison))}",
        "",
        *([*cited, ""] if cited else []),
        f"**Score {comparison.score:.1f}**: the share of both clauses' words that lie in "
        "passages they share (three words or more, after normalization), 0-100.",
        "",
        "| ratio | token_set | partial | jaccard5 | coverage | coverage left | coverage right |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.ratio:.1f} | {s.token_set:.1f} | {s.partial:.1f} | {s.jaccard5:.1f} | "
        f"{s.coverage:.1f} | {s.coverage_left:.1f} | {s.coverage_right:.1f} |",
        "",
        f"### Shared passages ({len(comparison.shared)})",
        "",
    ]
    if not comparison.shared:
        out.append("None of three words or more.")
    for p in comparison.shared:
        out.append(
            f"- {length(p.words, p.text)}: “{escape(display(p.text))}” "
            f"(left {p.left.start}-{p.left.end}, right {p.right.start}-{p.right.end})"
        )
    out += ["", "### Redline", ""]
    pieces = []
    for segment in segments(comparison):
        body = segment.text.strip()
        if segment.kind == "equal" or not body:
            pieces.append(escape(segment.text))
            continue
        lead = segment.text[: len(segment.text) - len(segment.text.lstrip())]
        trail = segment.text[len(segment.text.rstrip()) :]
        text = escape(body)
        if segment.kind == "delete":
            marked = f"~~{text}~~"
        elif segment.kind == "insert":
            marked = f"**{text}**"
        elif segment.kind == "moved-away":
            marked = f"~~_{text}_~~ (moved {segment.move})"
        else:
            marked = f"**_{text}_** (moved {segment.move})"
        pieces.append(f"{lead}{marked}{trail}")
    out.append("".join(pieces).strip())
    return "\n".join(out)


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """The alignment as a Markdown table, one row per pair."""
    out = [
        f"## {escape(alignment.left.id)} → {escape(alignment.right.id)}",
        "",
        f"Articles paired one to one where their score is {alignment.min_score:g} or more "
        "(shared 3-word shingles weighted by rarity, 0-100).",
        "",
        "| left | right | score | status | notes |",
        "|---:|---:|---:|---|---|",
    ]
    for pair in alignment.pairs:
        notes = pair_notes(pair)
        score = f"{pair.score:.1f}" if pair.left and pair.right else ""
        out.append(
            f"| {escape(pair.left_ref or '')} | {escape(pair.right_ref or '')} | {score} | "
            f"{pair.status} | "
            f"{escape('; '.join(notes))} |"
        )
    return "\n".join(out)
