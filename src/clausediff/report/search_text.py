"""Text rendering of search results and lineage families, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clausediff.report.segments import display, rich_to_text

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.lineage import Lineage
    from clausediff.corpus.search import SearchResult

__all__ = ["render_lineage", "render_search"]

_WIDTH = 100


def _shorten(text: str, limit: int) -> str:
    text = display(text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_search(result: SearchResult, *, color: bool = False, width: int = _WIDTH) -> str:
    """A ranked table of hits, each with its shared passages highlighted."""
    from rich.text import Text

    out = Text()
    head = f"query {result.id}: " if result.id is not None else "query: "
    out.append(head, style="bold")
    out.append(_shorten(result.query, 80) + "\n")
    if not result.hits:
        out.append("no article shares three words or more of it\n")
    else:
        out.append(
            "score: share of the smaller text in shared passages, weighted by rarity (0-100); "
            "pct: above this share of unrelated article pairs\n",
            style="dim",
        )
    for rank, hit in enumerate(result.hits, start=1):
        out.append(f"{rank:>2}. ", style="bold")
        out.append(f"{hit.document} {hit.label}", style="bold")
        out.append(f"  score {hit.score:.1f}  pct {hit.percentile:.1f}  z {hit.zscore:.1f}\n")
        longest = sorted(hit.shared, key=lambda p: (-p.words, p.query.start))
        for passage in longest[:4]:
            out.append("      ")
            if color:
                out.append(_shorten(passage.text, width - 10), style="bold yellow")
            else:
                out.append(f"“{_shorten(passage.text, width - 12)}”")
            out.append("\n")
        if len(hit.shared) > 4:
            out.append(f"      and {len(hit.shared) - 4} more passages\n", style="dim")
    return rich_to_text(out, color=color, width=width, wrap=False)


def render_lineage(lineage: Lineage, *, color: bool = False) -> str:
    """Each family: its members, then its scored pairs."""
    families = lineage.families
    if not families:
        return "no articles of different treaties share substantive language"
    rows = [f"{len(families)} families of articles that share language across treaties", ""]
    for number, family in enumerate(families, start=1):
        members = ", ".join(f"{m.document} {m.label}" for m in family.members)
        rows.append(f"{number}. {len(family.members)} articles: {members}")
        for pair in family.pairs:
            rows.append(
                f"     {pair.score:5.1f}  {pair.left.document} {pair.left.label}"
                f"  ~  {pair.right.document} {pair.right.label}"
            )
        rows.append("")
    return "\n".join(rows).rstrip()
