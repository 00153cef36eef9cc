"""Pages set in two columns (a bilingual treaty's languages side by side, a two-column
journal): PDFium's text runs line by line across the page, "Article 1 Article premier", so
such a page is read column by column instead, each column top to bottom.

A page is in two columns when a vertical gutter in its middle third crosses none of its text
runs (PDFium's text rectangles), each side holds at least a quarter of the runs (and six),
each side's lines fill their column (median width at least half the column's), and the two
columns' lines are of comparable width: a table whose right column holds short entries ("5
years") beside long ones stays a table, read row by row.
"""

from __future__ import annotations

import statistics
from typing import Any

import attrs

__all__ = ["Run", "column_lines", "looks_two_column", "split_columns", "text_runs"]

_MIN_RUNS = 6
_GUTTER = 12.0  # points: a gap this wide in the middle of a line is no word space


def looks_two_column(textpage: Any, lines: list[tuple[int, int]], width: float) -> bool:
    """A cheap first look, before the text runs are read: do most of a few long lines,
    ``(first, last)`` character indices, have a wide gap where they cross the page's middle?
    A binary search finds that crossing in a handful of character boxes per line."""
    long = [(a, b) for a, b in lines if b - a >= 24]
    sample = long[len(long) // 4 :: max(1, len(long) // 5)][:5]
    if len(sample) < 3:
        return False
    middle = width / 2
    gapped = 0
    for first, last in sample:
        low, high = first, last
        if textpage.get_charbox(low)[0] >= middle or textpage.get_charbox(high)[2] <= middle:
            continue  # the line does not cross the middle
        while high - low > 1:  # the first character starting right of the middle
            at = (low + high) // 2
            if textpage.get_charbox(at)[0] < middle:
                low = at
            else:
                high = at
        before, after = textpage.get_charbox(low), textpage.get_charbox(high)
        gapped += after[0] - before[2] >= _GUTTER
    return gapped * 2 > len(sample)


@attrs.frozen
class Run:
    """A run of text on the page and its box (PDF coordinates, origin at the bottom left)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str


def text_runs(textpage: Any) -> list[Run]:
    """The page's text runs, as PDFium's text rectangles cut them."""
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        if text.strip():
            runs.append(Run(left, bottom, right, top, text.strip()))
    return runs


def split_columns(runs: list[Run], width: float) -> tuple[list[Run], list[Run]] | None:
    """The left and right columns of a two-column page's body runs, or ``None`` when the
    page is not set in two columns."""
    if len(runs) < 2 * _MIN_RUNS:
        return None
    gutter = next(
        (
            x
            for x in (width * k / 24 for k in range(8, 17))  # the middle third, in steps
            if not any(r.left < x < r.right for r in runs)
        ),
        None,
    )
    if gutter is None:
        return None
    left = [r for r in runs if r.right <= gutter]
    right = [r for r in runs if r.left >= gutter]
    least = max(_MIN_RUNS, len(runs) // 4)
    if len(left) < least or len(right) < least:
        return None
    widths = []
    for column in (left, right):
        extent = max(r.right for r in column) - min(r.left for r in column)
        widths.append(statistics.median(r.right - r.left for r in column))
        if widths[-1] < 0.5 * extent:
            return None
    if min(widths) < 0.5 * max(widths):  # a table's short entries beside long ones
        return None
    return left, right


def column_lines(runs: list[Run]) -> list[tuple[str, float, float]]:
    """A column's runs as lines, top to bottom: ``(text, top, bottom)``; runs on one baseline
    are joined with a space."""
    lines: list[tuple[str, float, float]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines:
            text, top, bottom = lines[-1]
            if abs((top + bottom) / 2 - (run.top + run.bottom) / 2) < 0.5 * (top - bottom):
                lines[-1] = (f"{text} {run.text}", max(top, run.top), min(bottom, run.bottom))
                continue
        lines.append((run.text, run.top, run.bottom))
    return lines
