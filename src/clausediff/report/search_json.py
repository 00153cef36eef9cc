"""JSON rendering of search and lineage results: stable, versioned schemas for pipelines
(the documents, comparisons and alignments are in ``clausediff.report.json``).

``clausediff.search/2`` (one per query; ``id`` only in batch mode)::

    {"schema": "clausediff.search/2", "id": str, "index": str | null, "query": str,
     "filters": {"before": str | null, "after": str | null, "exclude": [str],
                 "undated_left_out": int},
     "origin": {"document": str, "ref": str, "label": str, "signed": str} | null,
     "common": [{"text": str, "articles": int}], "note": str | null,
     "hits": [{"document": str, "article": str, "ref": str, "label": str,
               "document_title": str | null, "signed": str | null,
               "citation": {...}, "complete": bool | null,
               "score": float, "weighted_coverage": float,
               "bits": float, "pvalue": float, "evalue": float,
               "later": bool, "start": int, "end": int, "text": str,
               "shared": [{"text": str, "words": int, "bits": float,
                           "query": [int, int], "document": [int, int]}]}]}

``clausediff.lineage/2``::

    {"schema": "clausediff.lineage/2", "index": str | null, "max_p": float,
     "min_score": float,
     "families": [{"substance": float, "final_clauses": bool,
                   "members": [{"document": str, "article": str, "ref": str, "label": str,
                                "treaty": str, "signed": str | null,
                                "renderings": [str], "source": int | null,
                                "citation": {...}, "complete": bool | null}],
                   "links": [{"earlier": int, "later": int, "documents": [str, str],
                              "labels": [str, str], "score": float,
                              "weighted_coverage": float, "bits": float,
                              "pvalue": float}]}]}

Version 2 of both (this release) replaced ``percentile`` and ``zscore`` by ``bits``,
``pvalue`` and ``evalue`` and added the index, the filters, dates and titles; lineage's
families became trees (``source``: the position of a member's source among the members;
``links`` between positions, ``earlier`` first), and renderings of one treaty one member.
``evalue`` is ``Infinity`` in JSON for a hit that shares nothing (never listed). A hit's and
a link's ``weighted_coverage`` (and ``score``, the same number) is the share of the smaller
text, its words weighted by rarity, in shared passages. ``citation`` is a hit's or a member's
citation (as in ``clausediff.comparison/1``: title, date, label as printed, page, source).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from clausediff.report.cite import cite_hit, cite_member
from clausediff.report.json import offsets, one_line

if TYPE_CHECKING:  # annotations only: importing these would load the index
    from clausediff.corpus.lineage import Family, Lineage, Member
    from clausediff.corpus.search import Hit, SearchResult

__all__ = [
    "LINEAGE_SCHEMA",
    "SEARCH_SCHEMA",
    "lineage_to_dict",
    "render_lineage",
    "render_search",
    "search_to_dict",
    "stream_lineage",
]

SEARCH_SCHEMA = "clausediff.search/2"
LINEAGE_SCHEMA = "clausediff.lineage/2"


def _hit(hit: Hit) -> dict[str, Any]:
    return {
        "document": hit.document,
        "article": hit.article,
        "ref": hit.ref,
        "label": hit.label,
        "document_title": hit.document_title,
        "signed": hit.signed,
        "citation": cite_hit(hit).as_dict(),
        "complete": hit.complete,
        "score": hit.score,
        "weighted_coverage": hit.score,
        "bits": hit.bits,
        "pvalue": hit.pvalue,
        "evalue": hit.evalue,
        "later": hit.later,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "shared": [
            {
                "text": p.text,
                "words": p.words,
                "bits": p.bits,
                "query": offsets(p.query),
                "document": offsets(p.document),
            }
            for p in hit.shared
        ],
    }


def search_to_dict(result: SearchResult) -> dict[str, Any]:
    """The ``clausediff.search/2`` object for one query's result."""
    data: dict[str, Any] = {"schema": SEARCH_SCHEMA}
    if result.id is not None:
        data["id"] = result.id
    origin = result.origin
    data.update(
        index=result.index,
        query=result.query,
        filters={
            "before": result.before,
            "after": result.after,
            "exclude": list(result.exclude),
            "undated_left_out": result.undated,
        },
        origin=None
        if origin is None
        else {
            "document": origin.document,
            "ref": origin.ref,
            "label": origin.label,
            "signed": origin.signed,
        },
        common=[{"text": c.text, "articles": c.articles} for c in result.common],
        note=result.note,
        hits=[_hit(hit) for hit in result.hits],
    )
    return data


def _member(member: Member) -> dict[str, Any]:
    return {
        "document": member.document,
        "article": member.article,
        "ref": member.ref,
        "label": member.label,
        "treaty": member.treaty,
        "signed": member.signed,
        "renderings": list(member.renderings),
        "source": member.source,
        "citation": cite_member(member).as_dict(),
        "complete": member.complete,
    }


def _family(family: Family) -> dict[str, Any]:
    return {
        "substance": family.substance,
        "final_clauses": family.final_clauses,
        "members": [_member(m) for m in family.members],
        "links": [
            {
                "earlier": link.earlier,
                "later": link.later,
                "documents": list(link.documents),
                "labels": list(link.labels),
                "score": link.score,
                "weighted_coverage": link.score,
                "bits": link.bits,
                "pvalue": link.pvalue,
            }
            for link in family.links
        ],
    }


def _lineage_head(lineage: Lineage) -> dict[str, Any]:
    """The ``clausediff.lineage/2`` object's keys before its families (the last key)."""
    return {
        "schema": LINEAGE_SCHEMA,
        "index": lineage.index,
        "max_p": lineage.max_p,
        "min_score": lineage.min_score,
    }


def lineage_to_dict(lineage: Lineage) -> dict[str, Any]:
    """The ``clausediff.lineage/2`` object for a lineage."""
    return {**_lineage_head(lineage), "families": [_family(family) for family in lineage]}


def render_search(result: SearchResult, *, color: bool = False) -> str:
    """One line of JSON for one query's result."""
    return one_line(search_to_dict(result))


def render_lineage(lineage: Lineage, *, color: bool = False) -> str:
    """One line of JSON: every family with its members and links."""
    return "".join(stream_lineage(lineage))


def stream_lineage(lineage: Lineage) -> Iterator[str]:
    """``render_lineage``'s line a family at a time: the text of 1,000,000 articles' lineage
    is hundreds of megabytes, and its objects several times that, held whole."""
    yield one_line(_lineage_head(lineage))[:-1] + ', "families": ['
    for n, family in enumerate(lineage):
        yield (", " if n else "") + one_line(_family(family))
    yield "]}"
