"""Plain-text rendering for people: an outline of a parsed document."""

from __future__ import annotations

from clausediff.model import Document, Span

__all__ = ["render_document"]

_PREVIEW = 60


def _lines(document: Document, span: Span) -> str:
    first = document.position(span.start).line
    last = document.position(max(span.start, span.end - 1)).line
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _preview(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= _PREVIEW else words[: _PREVIEW - 1].rstrip() + "…"


def render_document(document: Document) -> str:
    """An outline: title, then one row per article with its number, heading, first words and
    line range."""
    count = len(document.articles)
    head = f"{document.id}: {document.title or '(untitled)'}"
    facts = [document.language or "language unknown", f"{count} article{'s' * (count != 1)}"]
    rows = [head, f"  {', '.join(facts)}"]
    if document.preamble is not None:
        rows.append(f"  preamble    {_lines(document, document.preamble)}")
    width = max(len(a.number) for a in document.articles)
    context: tuple[str, ...] = ()
    for article in document.articles:
        labels = tuple(d.label for d in article.divisions)
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
