"""Renderers: pure functions from a result to a string, one module per format.

Formats register here, in one place: ``--format`` choices come from these tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clausediff.align import Alignment
from clausediff.compare import Comparison
from clausediff.model import Document
from clausediff.report import html as html_report
from clausediff.report import json as json_report
from clausediff.report import markdown as markdown_report
from clausediff.report import text as text_report

__all__ = ["COMPARE_FORMATS", "DOCUMENT_FORMATS", "render"]

_Renderer = Callable[..., str]

#: For each kind of result, its formats and the function that renders each. Text renderers
#: take ``color``; the others ignore it.
_RENDERERS: dict[type, dict[str, _Renderer]] = {
    Document: {
        "text": text_report.render_document,
        "json": json_report.render_document,
    },
    Comparison: {
        "text": text_report.render_comparison,
        "json": json_report.render_comparison,
        "markdown": markdown_report.render_comparison,
        "html": html_report.render_comparison,
    },
    Alignment: {
        "text": text_report.render_alignment,
        "json": json_report.render_alignment,
        "markdown": markdown_report.render_alignment,
        "html": html_report.render_alignment,
    },
}
DOCUMENT_FORMATS: tuple[str, ...] = tuple(_RENDERERS[Document])
COMPARE_FORMATS: tuple[str, ...] = tuple(_RENDERERS[Comparison])


def render(
    result: Any,
    format: str = "text",
    *,
    color: bool = False,
    documents: tuple[Document, Document] | None = None,
) -> str:
    """Render a ``Document``, ``Comparison`` or ``Alignment`` in one of its formats.

    ``color`` applies to text; ``documents`` (the two compared documents) lets the HTML page of
    a single comparison show their titles, dates and sources.

    Raises:
        ValueError: the format is not one this kind of result has.
    """
    renderers = _RENDERERS.get(type(result))
    if renderers is None:
        raise TypeError(f"nothing renders a {type(result).__name__}")
    if format not in renderers:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(renderers)}")
    if format == "text" and type(result) is not Document:
        return renderers[format](result, color=color)
    if format == "html" and type(result) is Comparison:
        return renderers[format](result, documents or ())
    return renderers[format](result)
