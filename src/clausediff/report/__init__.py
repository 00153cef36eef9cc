"""Renderers: pure functions from a result to a string, one module per format.

Formats register here, in one place: ``--format`` choices come from these tables. A renderer's
module is imported only when it is used, so that a command pays only for what it prints.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["COMPARE_FORMATS", "DOCUMENT_FORMATS", "SEARCH_FORMATS", "render"]

#: For each kind of result (by class name), its formats: the module and function rendering it.
#: Text renderers of comparisons and alignments take ``color``; the HTML renderer of a
#: comparison takes the two documents.
_RENDERERS: dict[str, dict[str, tuple[str, str]]] = {
    "Document": {
        "text": ("text", "render_document"),
        "json": ("json", "render_document"),
    },
    "Comparison": {
        "text": ("text", "render_comparison"),
        "json": ("json", "render_comparison"),
        "markdown": ("markdown", "render_comparison"),
        "html": ("html", "render_comparison"),
    },
    "Alignment": {
        "text": ("text", "render_alignment"),
        "json": ("json", "render_alignment"),
        "markdown": ("markdown", "render_alignment"),
        "html": ("html", "render_alignment"),
    },
    "SearchResult": {
        "text": ("search_text", "render_search"),
        "json": ("json", "render_search"),
    },
    "list": {  # a list of lineage families
        "text": ("search_text", "render_lineage"),
        "json": ("json", "render_lineage"),
    },
}
DOCUMENT_FORMATS: tuple[str, ...] = tuple(_RENDERERS["Document"])
COMPARE_FORMATS: tuple[str, ...] = tuple(_RENDERERS["Comparison"])
SEARCH_FORMATS: tuple[str, ...] = tuple(_RENDERERS["SearchResult"])
_TAKES_COLOR = {"render_comparison", "render_alignment", "render_search", "render_lineage"}


def render(
    result: Any,
    format: str = "text",
    *,
    color: bool = False,
    documents: tuple[Any, Any] | None = None,
) -> str:
    """Render a ``Document``, ``Comparison``, ``Alignment``, ``SearchResult`` or a list of
    lineage ``Family`` objects in one of its formats.

    ``color`` applies to text; ``documents`` (the two compared documents) lets the HTML page of
    a single comparison show their titles, dates and sources.

    Raises:
        TypeError: nothing renders this kind of result.
        ValueError: the format is not one this kind of result has.
    """
    kind = type(result).__name__
    renderers = _RENDERERS.get(kind)
    if renderers is None:
        raise TypeError(f"nothing renders a {kind}")
    if format not in renderers:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(renderers)}")
    module_name, function_name = renderers[format]
    module = importlib.import_module(f"clausediff.report.{module_name}")
    function = getattr(module, function_name)
    if format == "text" and function_name in _TAKES_COLOR:
        return str(function(result, color=color))
    if format == "html" and kind == "Comparison":
        return str(function(result, documents or ()))
    return str(function(result))
