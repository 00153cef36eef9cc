"""Renderers: pure functions from a result to a string, one module per format.

Formats register here, in one place, keyed by result type: ``--format`` choices come from this
table. Every renderer has one signature, ``(result, *, color: bool) -> str`` (formats that have
no colour ignore it). A type is named by its import path (``module:Class``), so that neither
the table nor a command loads a result type or a renderer it does not use; a result is matched
through its class's bases, so a subclass renders as its base. A format whose text can be far
larger than its result (a lineage of 1,000,000 articles: hundreds of megabytes of JSON) also
has a renderer in parts (``STREAMED``), which ``render_chunks`` uses: the same text, a piece at
a time, so that it is written without being held whole.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any, Protocol

__all__ = ["RENDERERS", "STREAMED", "Renderer", "formats", "render", "render_chunks"]


class Renderer(Protocol):
    """What every renderer is."""

    def __call__(self, result: Any, /, *, color: bool) -> str: ...


#: For each result type (``module:Class``), its formats and the renderer of each
#: (``module:function``, the module under ``clausediff.report``).
RENDERERS: dict[str, dict[str, str]] = {
    "clausediff.model:Document": {
        "outline": "text:render_document",
        "text": "extract:render_read_text",
        "json": "json:render_document",
        "akn": "akn:render_akn",
    },
    "clausediff.bundled:Catalog": {
        "text": "text:render_catalog",
        "json": "json:render_catalog",
    },
    "clausediff.readers.base:Reading": {
        "text": "extract:render_reading_text",
        "json": "extract:render_reading_json",
    },
    "clausediff.match.compare:Comparison": {
        "text": "text:render_comparison",
        "json": "json:render_comparison",
        "markdown": "markdown:render_comparison",
        "html": "html:render_comparison",
        "csv": "spreadsheet:render_comparison",
    },
    "clausediff.match.align:Alignment": {
        "text": "text:render_alignment",
        "json": "json:render_alignment",
        "markdown": "markdown:render_alignment",
        "html": "html:render_alignment",
        "csv": "spreadsheet:render_alignment",
    },
    "clausediff.corpus.search:SearchResult": {
        "text": "search_text:render_search",
        "json": "search_json:render_search",
        "html": "search_html:render_search_html",
        "csv": "spreadsheet:render_search",
    },
    "clausediff.corpus.lineage:Lineage": {
        "text": "search_text:render_lineage",
        "json": "search_json:render_lineage",
        "html": "search_html:render_lineage_html",
        "csv": "spreadsheet:render_lineage",
    },
}


#: For a result type, the formats it also renders in parts, and the renderer of each
#: (``module:function``, giving an iterator of strings that join to ``render``'s text).
STREAMED: dict[str, dict[str, str]] = {
    "clausediff.corpus.lineage:Lineage": {"json": "search_json:stream_lineage"},
}


def formats(type_path: str) -> tuple[str, ...]:
    """The formats a result type (``module:Class``) renders in."""
    return tuple(RENDERERS[type_path])


def _formats_of(result: Any, table: dict[str, dict[str, str]] = RENDERERS) -> dict[str, str] | None:
    for cls in type(result).__mro__:
        found = table.get(f"{cls.__module__}:{cls.__qualname__}")
        if found is not None:
            return found
    return None


def _load(path: str) -> Any:
    """The function ``module:function`` names (the module under ``clausediff.report``)."""
    module_name, _, function_name = path.partition(":")
    return getattr(importlib.import_module(f"clausediff.report.{module_name}"), function_name)


def render(result: Any, format: str | None = None, *, color: bool = False) -> str:
    """Render a result (``Document``, ``Comparison``, ``Alignment``, ``SearchResult``,
    ``Lineage``, ``Reading``) in one of its formats (default: the first the table lists, an
    outline for a document, text for the others); ``color`` applies to text.

    Raises:
        TypeError: nothing renders this kind of result.
        ValueError: the format is not one this kind of result has.
    """
    renderers = _formats_of(result)
    if renderers is None:
        raise TypeError(f"nothing renders a {type(result).__name__}")
    format = format or next(iter(renderers))  # the first format listed is the default
    if format not in renderers:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(renderers)}")
    function: Renderer = _load(renderers[format])
    return function(result, color=color)


def render_chunks(result: Any, format: str | None = None, *, color: bool = False) -> Iterator[str]:
    """``render``'s text in parts that join to it: a piece at a time where the format has a
    renderer in parts (``STREAMED``), else the whole text as one part.

    Raises:
        TypeError: nothing renders this kind of result.
        ValueError: the format is not one this kind of result has.
    """
    streamed = _formats_of(result, STREAMED) or {}
    if format is not None and format in streamed:
        return iter(_load(streamed[format])(result))
    return iter((render(result, format, color=color),))
