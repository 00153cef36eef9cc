"""What a reader read, rendered: the text itself, or the text with its pages, furniture,
metadata, encoding and source map as JSON (``clausediff extract``)."""

from __future__ import annotations

import json
from typing import Any

import attrs

from clausediff.model import Document
from clausediff.readers.base import Reading

__all__ = ["render_read_text", "render_reading_json", "render_reading_text"]


def render_reading_text(reading: Reading, *, color: bool = False) -> str:
    """The text as read, exactly (without a final newline, which printing adds)."""
    return reading.text.removesuffix("\n")


def render_read_text(document: Document, *, color: bool = False) -> str:
    """A parsed document's text as read, exactly (without a final newline)."""
    return document.text.removesuffix("\n")


def render_reading_json(reading: Reading, *, color: bool = False) -> str:
    """``clausediff.extract/1``: the text and what the layout told, offsets into the text."""
    meta: dict[str, Any] = {
        k: list(v) if isinstance(v, tuple) else v
        for k, v in attrs.asdict(reading.metadata, recurse=False).items()
    }
    data = {
        "schema": "clausediff.extract/1",
        "format": str(reading.format),
        "encoding": reading.encoding,
        "detected": reading.detected,
        "metadata": meta,
        "pages": [
            {"number": p.number, "label": p.label, "start": p.span.start, "end": p.span.end}
            for p in reading.pages
        ],
        "furniture": [
            {"kind": str(f.kind), "start": f.span.start, "end": f.span.end}
            for f in reading.furniture
        ],
        "anchors": [{"offset": a.offset, "place": a.place} for a in reading.anchors],
        "text": reading.text,
    }
    return json.dumps(data, ensure_ascii=False)
