"""CSV rendering, for spreadsheets: one row per aligned pair (or one for a single comparison),
each with the citation of both sides in its own columns.

The first line names the columns. Numbers are plain (``36.8``); a side without an article has
empty cells. A cell that a spreadsheet would take for a formula (one starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe, the
usual guard: a treaty text cannot run a formula in the reader's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from clausediff.report.cite import (
    Citation,
    cite_article,
    cite_clause,
    cite_hit,
    cite_link,
    copy_stops_inside,
)
from clausediff.report.rows import AlignmentTable
from clausediff.report.segments import display
from clausediff.report.summary import summarize

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.lineage import Lineage, Member
    from clausediff.corpus.search import SearchResult
    from clausediff.match.align import Alignment
    from clausediff.match.compare import Comparison
    from clausediff.model import Article, Document, Metadata

__all__ = [
    "ALIGNMENT_COLUMNS",
    "COMPARISON_COLUMNS",
    "LINEAGE_COLUMNS",
    "SEARCH_COLUMNS",
    "render_alignment",
    "render_comparison",
    "render_lineage",
    "render_search",
]

_SIDE = ("document", "ref", "label", "page", "title", "signed", "source", "complete_copy")
_FINDINGS = (
    "coverage", "coverage_left", "coverage_right", "ratio", "token_set", "partial", "jaccard5",
    "shared_passages", "kept", "dropped", "added", "unit", "longest_shared", "summary",
)  # fmt: skip
COMPARISON_COLUMNS: tuple[str, ...] = (
    *(f"left_{c}" for c in _SIDE),
    *(f"right_{c}" for c in _SIDE),
    *_FINDINGS,
    "notes",
)
ALIGNMENT_COLUMNS: tuple[str, ...] = (
    "status", "only_in_copy", "overlap", "number_bonus", *COMPARISON_COLUMNS[:-1],
    "split_into", "merged_from", "notes",
)  # fmt: skip

SEARCH_COLUMNS: tuple[str, ...] = (
    "query_id", "rank", *_SIDE, "weighted_coverage", "bits", "pvalue", "evalue", "later",
    "shared_passages", "longest_shared", "index",
)  # fmt: skip
LINEAGE_COLUMNS: tuple[str, ...] = (
    "family", "substance", "final_clauses",
    *(f"earlier_{c}" for c in _SIDE), *(f"later_{c}" for c in _SIDE),
    "members", "weighted_coverage", "bits", "pvalue", "index",
)  # fmt: skip

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
Cell = str | float | int | bool | None


def _safe(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def _write(columns: Sequence[str], rows: Iterable[dict[str, Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else _safe(v) for k, v in row.items()})
    return buffer.getvalue().rstrip("\n")


def _side(
    prefix: str, citation: Citation | None, ref: str | None, meta: Metadata | None
) -> dict[str, Cell]:
    return _cited(prefix, citation, ref, None if meta is None else meta.complete)


def _cited(
    prefix: str, citation: Citation | None, ref: str | None, complete: bool | None
) -> dict[str, Cell]:
    """The ``_SIDE`` columns of one article, named with *prefix*."""
    if citation is None:
        return dict.fromkeys((f"{prefix}_{c}" for c in _SIDE), None)
    return {
        f"{prefix}_document": citation.document,
        f"{prefix}_ref": ref,
        f"{prefix}_label": " ".join(citation.label.split()) if citation.label else None,
        f"{prefix}_page": citation.page,
        f"{prefix}_title": citation.title,
        f"{prefix}_signed": citation.signed,
        f"{prefix}_source": citation.source,
        f"{prefix}_complete_copy": "" if complete is None else ("yes" if complete else "no"),
    }


def _findings(comparison: Comparison | None) -> dict[str, Cell]:
    if comparison is None:
        return dict.fromkeys(_FINDINGS)
    summary = summarize(comparison)
    longest = max(comparison.shared, key=lambda p: p.words, default=None)
    return {
        **comparison.scores.as_dict(),
        "shared_passages": len(comparison.shared),
        "kept": summary.kept,
        "dropped": summary.dropped,
        "added": summary.added,
        "unit": summary.unit,
        "longest_shared": display(longest.text) if longest else None,
        "summary": summary.text(),
    }


def _comparison_row(comparison: Comparison) -> dict[str, Cell]:
    left, right = comparison.left, comparison.right
    notes = [
        f"the copy of {clause.document} stops inside {clause.label}"
        for clause in (left, right)
        if clause.label and copy_stops_inside(clause.metadata, clause.text)
    ]
    return {
        **_side("left", cite_clause(left), left.ref, left.metadata),
        **_side("right", cite_clause(right), right.ref, right.metadata),
        **_findings(comparison),
        "notes": "; ".join(notes),
    }


def render_comparison(comparison: Comparison, *, color: bool = False) -> str:
    """CSV: a header and one row, the comparison with both citations."""
    return _write(COMPARISON_COLUMNS, [_comparison_row(comparison)])


def _cite(document: Document, article: Article | None) -> Citation | None:
    return None if article is None else cite_article(document, article)


def render_alignment(alignment: Alignment, *, color: bool = False) -> str:
    """CSV: a header and one row per aligned pair, removed or added article."""
    left, right = alignment.left, alignment.right
    rows = []
    for row in AlignmentTable.of(alignment).rows:
        pair, la, ra = row.pair, row.left_article, row.right_article
        both = la is not None and ra is not None
        rows.append(
            {
                "status": pair.status,
                "only_in_copy": "yes" if row.only_in_copy else "",
                "overlap": pair.score if both else None,
                "number_bonus": pair.number_bonus if both else None,
                **_side("left", _cite(left, la), pair.left_ref, left.metadata),
                **_side("right", _cite(right, ra), pair.right_ref, right.metadata),
                **_findings(pair.comparison),
                "split_into": " ".join(pair.split_into),
                "merged_from": " ".join(pair.merged_from),
                "notes": "; ".join(row.notes),
            }
        )
    return _write(ALIGNMENT_COLUMNS, rows)


def _plain(prefix: str, cells: dict[str, Cell]) -> dict[str, Cell]:
    """*cells* with their ``prefix_`` taken off the column names."""
    return {k.removeprefix(f"{prefix}_"): v for k, v in cells.items()}


def render_search(result: SearchResult, *, color: bool = False) -> str:
    """CSV: a header and one row per hit, ranked, each cited; the query's id in batches."""
    rows = []
    for rank, hit in enumerate(result.hits, start=1):
        longest = max(hit.shared, key=lambda p: p.bits, default=None)
        rows.append(
            {
                "query_id": result.id,
                "rank": rank,
                **_plain("hit", _cited("hit", cite_hit(hit), hit.ref, hit.complete)),
                "weighted_coverage": hit.score,
                "bits": hit.bits,
                "pvalue": hit.pvalue,
                "evalue": hit.evalue,
                "later": "yes" if hit.later else "",
                "shared_passages": len(hit.shared),
                "longest_shared": display(longest.text) if longest else None,
                "index": result.index,
            }
        )
    return _write(SEARCH_COLUMNS, rows)


def _member_name(member: Member) -> str:
    return f"{member.document} {' '.join(member.label.split())}"


def render_lineage(lineage: Lineage, *, color: bool = False) -> str:
    """CSV: a header and one row per link of each family (an article and the earlier one it
    most likely came from), both cited."""
    rows = []
    for number, family in enumerate(lineage.families, start=1):
        for link in family.links:
            earlier, later = family.members[link.earlier], family.members[link.later]
            rows.append(
                {
                    "family": number,
                    "substance": family.substance,
                    "final_clauses": "yes" if family.final_clauses else "",
                    **_cited("earlier", cite_link(family, link, 0), earlier.ref, link.complete[0]),
                    **_cited("later", cite_link(family, link, 1), later.ref, link.complete[1]),
                    "members": f"{_member_name(earlier)} ~ {_member_name(later)}",
                    "weighted_coverage": link.score,
                    "bits": link.bits,
                    "pvalue": link.pvalue,
                    "index": lineage.index,
                }
            )
    return _write(LINEAGE_COLUMNS, rows)
