"""Markdown rendering, for a report or an issue tracker.

Redlines use ``~~deleted~~`` and ``**inserted**``; a moved passage is shown in italics where
it left (struck through) and where it arrived, tagged with the move's number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from clausediff.report.cite import cite_clause, cite_document, cut_note
from clausediff.report.rows import AlignmentTable
from clausediff.report.segments import display, length, segments, status_summary
from clausediff.report.summary import summarize

if TYPE_CHECKING:  # annotations only
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Clause, Comparison

__all__ = ["comparison_section", "escape", "render_alignment", "render_comparison"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Treaty text made inert in Markdown (emphasis, links, tables, HTML)."""
    return _SPECIAL.sub(r"\\\1", text)


def _title(comparison: Comparison) -> str:
    def side(document: str, label: str | None) -> str:
        return f"{document} {' '.join(label.split())}" if label else document

    left, right = comparison.left, comparison.right
    return f"{side(left.document, left.label)} → {side(right.document, right.label)}"


def _cut_note(clause: Clause) -> str:
    note = cut_note(clause)
    return f" **{escape(note[0].upper() + note[1:])}.**" if note else ""


def _redline(comparison: Comparison) -> str:
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
    return "".join(pieces).strip()


def comparison_section(comparison: Comparison, *, level: int = 2, title: str | None = None) -> str:
    """A comparison as a Markdown section with headings at *level*: both citations, the
    scores by name, a summary, the shared passages and the redline."""
    s = comparison.scores
    hashes = "#" * level
    cited = [
        f"- {side}: {escape(cite_clause(clause).text())}{_cut_note(clause)}"
        for side, clause in (("Left", comparison.left), ("Right", comparison.right))
    ]
    out = [
        f"{hashes} {escape(title or _title(comparison))}",
        "",
        *cited,
        "",
        f"**Coverage {s.coverage:.1f}** (left {s.coverage_left:.1f}, right "
        f"{s.coverage_right:.1f}): the share of both clauses' words that lie in passages they "
        "share (three words or more, after normalization), 0-100.",
        "",
        "| coverage | coverage left | coverage right | ratio | token_set | partial | jaccard5 |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.coverage:.1f} | {s.coverage_left:.1f} | {s.coverage_right:.1f} | {s.ratio:.1f} | "
        f"{s.token_set:.1f} | {s.partial:.1f} | {s.jaccard5:.1f} |",
        "",
        escape(summarize(comparison).text()),
        "",
        f"{hashes}# Shared passages ({len(comparison.shared)})",
        "",
    ]
    if not comparison.shared:
        out.append("None of three words or more.")
    for p in comparison.shared:
        out.append(
            f"- {length(p.words, p.text)}: “{escape(display(p.text))}” "
            f"(left {p.left.start}-{p.left.end}, right {p.right.start}-{p.right.end})"
        )
    out += ["", f"{hashes}# Redline (left → right)", "", _redline(comparison)]
    return "\n".join(out)


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """The comparison as a Markdown section: citations, scores, summary, shared passages,
    redline."""
    return comparison_section(comparison)


def _cell(text: str) -> str:
    return escape(text).replace("\n", " ")


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """The alignment as Markdown: both treaties cited, notes on partial copies, a table of
    pairs, then each aligned pair's passages and redline."""
    left, right = alignment.left, alignment.right
    table = AlignmentTable.of(alignment)
    out = [
        f"## {escape(left.id)} → {escape(right.id)}",
        "",
        f"- Left: {escape(cite_document(left).text())}",
        f"- Right: {escape(cite_document(right).text())}",
        "",
        *[f"> {escape(note)}\n" for note in table.notes],
        f"{escape(status_summary(alignment))}. {escape(table.legend)}",
        "",
        "| left | right | overlap | number | coverage | status | notes |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for row in table.rows:
        out.append(
            f"| {_cell(row.left)} | {_cell(row.right)} | {row.overlap} | {row.bonus} | "
            f"{row.coverage} | {_cell(row.status)} | {_cell('; '.join(row.notes))} |"
        )
    for row in table.rows:
        if row.pair.comparison is None:
            continue
        title = f"{row.left} → {row.right} ({row.status}, overlap {row.overlap})"
        out += ["", comparison_section(row.pair.comparison, level=3, title=title)]
    return "\n".join(out)
