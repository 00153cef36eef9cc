"""Plain-text rendering for people: an outline of a parsed document."""

from __future__ import annotations

import re
import unicodedata

from clausediff.model import Document, Span

__all__ = ["render_document"]

_PREVIEW = 60


def _lines(document: Document, span: Span) -> str:
    first = document.position(span.start).line
    last = document.position(max(span.start, span.end - 1)).line
    return f"line {first}" if first == last else f"lines {first}-{last}"


_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=[a-z])")


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _preview(text: str) -> str:
    """The first words of *text* on one line, at most ``_PREVIEW`` columns wide."""
    words = " ".join(_HYPHEN_BREAK.sub("", text).split())
    used = 0
    for i, char in enumerate(words):
        used += _width(char)
        if used > _PREVIEW - 1 and i < len(words) - 1:
            return words[:i].rstrip() + "…"
    return words


def render_document(document: Document) -> str:
    """An outline: title, then one row per article with its number, heading, first words and
    line range."""
    count = len(document.articles)
    head = f"{document.id}: {document.title or '(untitled)'}"
    facts = [document.language or "language unknown", f"{count} article{'s' * (count != 1)}"]
    rows = [head, f"  {', '.join(facts)}"]
    if document.metadata.get("complete") is False:
        rows.append(f"  partial copy: {document.metadata.get('missing') or 'text missing'}")
    if document.preamble is not None:
        rows.append(f"  preamble    {_lines(document, document.preamble)}")
    width = max(len(a.number) for a in document.articles)
    context: tuple[str, ...] = ()
    for article in document.articles:
        labels = tuple(f"{d.label}: {d.title}" if d.title else d.label for d in article.divisions)
        if labels != context and labels:
            rows.append(f"  {' / '.join(labels)}")
        context = labels
        body = document.text[article.text_span.start : article.text_span.end]
        body = body[len(article.label) :]
        if article.heading:
            at = body.find(article.heading)
            if at != -1:
                body = body[at + len(article.heading) :]
        title = f"{article.heading}: " if article.heading else ""
        paras = len(article.paragraphs)
        extra = f" [{paras} para.]" if paras else ""
        rows.append(
            f"  {article.number:>{width}}  {_lines(document, article.text_span):<14} "
            f"{title}{_preview(body.lstrip(' .:-–—'))}{extra}"
        )
    if document.trailing is not None:
        rows.append(f"  trailing    {_lines(document, document.trailing)}")
    return "\n".join(rows)
