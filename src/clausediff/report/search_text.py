"""Text rendering of search results and lineage families, for people."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clausediff.report.cite import Citation, cite_hit, cite_member
from clausediff.report.segments import display, hanging, rich_to_text

if TYPE_CHECKING:  # annotations only
    from clausediff.corpus.lineage import Family, Lineage
    from clausediff.corpus.search import Hit, SearchResult

__all__ = ["cited", "figure", "filters_line", "link_arrow", "render_lineage", "render_search"]

_WIDTH = 100
_LEGEND = (
    "bits: rarity shared (the same in any index) · p: chance for unrelated texts of these "
    "lengths · E: matches this good expected by chance in this index · weighted coverage: "
    "share of the smaller text, its words weighted by rarity, in shared passages (0-100)"
)


def _shorten(text: str, limit: int) -> str:
    text = display(text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure(value: float) -> str:
    """A probability or an expectation in a few characters: ``0.021``, ``3.2e-09``."""
    if value != value or value == float("inf"):
        return "inf"
    if value >= 1000:
        return f"{value:.3g}" if value < 1e6 else f"{value:.1e}"
    if value >= 0.001 or value == 0:
        return f"{value:.3g}"
    return f"{value:.1e}"


def filters_line(result: SearchResult) -> str | None:
    """The filters of a search in words, or ``None``."""
    parts = []
    if result.after:
        parts.append(f"signed on or after {result.after}")
    if result.before:
        parts.append(f"signed on or before {result.before}")
    if result.exclude:
        parts.append("leaving out " + ", ".join(result.exclude))
    if result.undated:
        parts.append(f"{result.undated} undated articles left out")
    return "; ".join(parts) or None


def cited(citation: Citation, complete: bool | None, *, source: bool = True) -> str:
    """A citation on one line, marked where the copy is partial; its source last (with
    *source*)."""
    text = citation.text(source=False) + (" [partial copy]" if complete is False else "")
    return text + (f". Source: {citation.source}" if source and citation.source else "")


def render_search(result: SearchResult, *, color: bool = False, width: int = _WIDTH) -> str:
    """A ranked table of hits, each with its title, date, figures and shared passages."""
    from rich.text import Text

    out = Text()
    out.append(f"index: {result.index or 'unnamed'}\n", style="dim")
    head = f"query {result.id}: " if result.id is not None else "query: "
    out.append(head, style="bold")
    out.append(_shorten(result.query, 80) + "\n")
    filters = filters_line(result)
    if filters:
        out.append(f"filters: {filters}\n", style="dim")
    if result.origin is not None:
        o = result.origin
        out.append(
            f"query found whole in {o.document} {o.label} ({o.signed}): later texts count "
            "half, marked (later)\n",
            style="dim",
        )
    if result.common:
        named = ", ".join(f"“{c.text}” ({c.articles} articles)" for c in result.common)
        out.append(f"common phrases: {named}\n", style="dim")
    if result.note:
        out.append(f"{result.note}\n")
    elif not result.hits:
        out.append("no article shares three words or more of it\n")
    else:
        out.append(_LEGEND + "\n", style="dim")
    for rank, hit in enumerate(result.hits, start=1):
        _hit(out, rank, hit, color, width)
    return rich_to_text(out, color=color, width=width, wrap=False)


def _hit(out: object, rank: int, hit: Hit, color: bool, width: int) -> None:
    from rich.text import Text

    assert isinstance(out, Text)
    out.append(f"{rank:>2}. ", style="bold")
    out.append(f"{hit.document} {hit.label}", style="bold")
    later = "  (later)" if hit.later else ""
    out.append(
        f"  bits {hit.bits:.1f}  p {figure(hit.pvalue)}  E {figure(hit.evalue)}  "
        f"weighted coverage {hit.score:.1f}{later}\n"
    )
    out.append(
        hanging("      ", cited(cite_hit(hit), hit.complete), width=width) + "\n", style="dim"
    )
    longest = sorted(hit.shared, key=lambda p: (-p.bits, p.query.start))
    for passage in longest[:4]:
        out.append("      ")
        if color:
            out.append(_shorten(passage.text, width - 10), style="bold yellow")
        else:
            out.append(f"“{_shorten(passage.text, width - 12)}”")
        out.append("\n")
    if len(hit.shared) > 4:
        out.append(f"      and {len(hit.shared) - 4} more passages\n", style="dim")


def _member_line(family: Family, at: int, width: int) -> str:
    """A member: its date, its article, the earlier member it came from; its citation below."""
    member = family.members[at]
    citation = cited(cite_member(member), member.complete, source=False)
    return _link_line(family, at) + "\n" + hanging(" " * 15, citation, width=width)


def link_arrow(family: Family, at: int) -> str:
    """``←`` from a member's source when both are dated; ``↔`` when either is undated (the
    order of the two is then unknown: they share language, but which came first is not
    known)."""
    member = family.members[at]
    source = None if member.source is None else family.members[member.source]
    return "←" if member.signed and source is not None and source.signed else "↔"


def _link_line(family: Family, at: int) -> str:
    member = family.members[at]
    date = member.signed or "undated   "
    others = [r for r in member.renderings if r != member.document]
    also = f" (also {', '.join(others)})" if others else ""
    line = f"   {date}  {member.document} {member.label}{also}"
    if member.source is not None:
        link = next(k for k in family.links if k.later == at and k.earlier == member.source)
        line += (
            f"  {link_arrow(family, at)} {link.documents[0]} {link.labels[0]}"
            f"  bits {link.bits:.1f}  p {figure(link.pvalue)}"
            f"  weighted coverage {link.score:.1f}"
        )
    elif at and member.signed is None:
        line += "  (undated; it shares language with members listed below it)"
    elif at:
        line += "  (no earlier text of the family shares its language)"
    return line


def render_lineage(lineage: Lineage, *, color: bool = False, width: int = _WIDTH) -> str:
    """Each family as a tree: members in date order, each with the earlier text it most
    likely came from."""
    head = [f"index: {lineage.index or 'unnamed'}"]
    families = lineage.families
    if not families:
        return "\n".join([*head, "no articles of different treaties share language beyond chance"])
    head.append(
        f"{len(families)} families of articles that share language across treaties "
        f"(linked where p <= {figure(lineage.max_p)} and the weighted coverage, the share of "
        f"the smaller article, its words weighted by rarity, in shared passages, is "
        f"{lineage.min_score:g} or more; most substantial first)"
    )
    rows = [*head, ""]
    for number, family in enumerate(families, start=1):
        root = family.root
        kind = ", final clauses" if family.final_clauses else ""
        rows.append(
            f"{number}. {root.document} {root.label} and {len(family.members) - 1} more"
            f"  (substance {family.substance:.1f}{kind})"
        )
        rows.extend(_member_line(family, at, width) for at in range(len(family.members)))
        rows.append("")
    sources = {m.document: m.copy_source for f in families for m in f.members}
    for family in families:
        for link in family.links:
            sources.update(zip(link.documents, link.sources, strict=True))
    rows.append("Sources of the copies:")
    rows += [
        hanging(f"  {name}: ", source or "unknown", width=width)
        for name, source in sorted(sources.items())
    ]
    return "\n".join(rows).rstrip()
