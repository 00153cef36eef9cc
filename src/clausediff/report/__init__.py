"""Renderers: pure functions from a result to a string, one module per format."""

from __future__ import annotations

from collections.abc import Callable

from clausediff.model import Document
from clausediff.report import json as json_report
from clausediff.report import text as text_report

__all__ = ["DOCUMENT_FORMATS", "render_document"]

#: ``--format`` choices for a parsed document, and the function that renders each.
DOCUMENT_FORMATS: dict[str, Callable[[Document], str]] = {
    "text": text_report.render_document,
    "json": json_report.render_document,
}


def render_document(document: Document, format: str = "text") -> str:
    """Render a parsed document in one of ``DOCUMENT_FORMATS``."""
    try:
        renderer = DOCUMENT_FORMATS[format]
    except KeyError:
        raise ValueError(
            f"unknown format {format!r}; choose from {', '.join(DOCUMENT_FORMATS)}"
        ) from None
    return renderer(document)
