"""Treaty text -> ``Document``: parse_document, and the articles, divisions and refs.

The heading words of every language are a table (``numbering.words.ARTICLE_WORDS``: adding a
language is one row); ``headings`` decides which candidate lines are headings. The rules, in
order:

1. Shape of the line after the number. ``Article 51 of the Charter``, ``Article 5, an armed
   attack``, ``Article 18.3 (c) determinará`` continue a sentence (a lower-case word, a comma,
   a bracketed reference), and so do ``Artikel 7 Abs. 3 Satz 1 findet ...`` (a reference
   noun after the number) and ``Article 5 TEU shall ...`` (a law's abbreviated name, then a
   lower-case word): never a heading. ``Article 4``, ``ARTICLE IV.``, ``Article 4 -
   Definitions``, ``ARTICLE 1.1: Scope``, ``Art. 1 [Errichtung der Organisation]``,
   ``제4조의2(건축위원회의 ...)`` and ``Article 1. The Parties ...`` are heading shapes.
2. Position. A heading opens a block: it is the first line of the text, or follows a blank line,
   a line that ends a sentence (``.``, ``:``, ``;``, ``。``), a short title line, or a title
   line of any length that need not end a sentence: a division heading, the title line under
   one, a line in capitals (``TITLE VII`` / ``GENERAL PROVISIONS GOVERNING THE ...`` /
   ``Article 51``). A line that follows prose wrapped mid-sentence (a long line ending in a
   word, a comma or a hyphen, or any line ending in ``of``, ``in``, ``del``, ``van`` ...)
   continues that sentence: ``...laid down in`` / ``Article 27.`` is a reference. Page-number
   lines are looked through.
3. Sequence. Where the position is in doubt (the line before is short and ends in a word: a
   title, or a narrow column), a heading with text on its line (``Article 12. The Parties``)
   must continue the numbering (``12`` after ``11``, ``4bis`` after ``4``, ``2.1`` after
   ``1.9``) or open one (``1``); otherwise it is taken for a sentence that starts with a
   reference. ``ARTICLE 24. the Council`` (a full stop, then lower case: OCR and typing slips)
   is a heading only after a blank line or a full stop, and in sequence. A heading alone on its
   line is kept even when it breaks the sequence: annexes, protocols and second language
   versions restart their numbering, chapter-based schemes jump (``105`` to ``201``), and a
   missing article must not hide the next. The same heading line again with nothing between
   (a doubled line, a repeated running head) is not a new article. ``ARTICLE L`` after
   ``ARTICLE XLIX`` is 50 (a lone ``L``, ``C``, ``D``, ``M`` is otherwise a lettered article).
4. A body follows. A heading alone on its line with the next heading right under it has no
   body: a list of headings, not articles (100,000 lines of ``Article N`` are one step of the
   scan). A table of contents (two or more entries in a row: a heading with at most two short
   title or page-number lines under it, ``Article 1 Definitions ........ 3``) whose numbers
   come again later is dropped, with the entry that ends it; so is the last of a list of bare
   headings whose number comes again.
5. Quotations. Headings out of the text's own sequence that an amending formula introduces
   (``werden folgende Artikel 1a und 1b eingefügt:``, ``... is replaced by the following:``,
   ``ως εξής:``), directly or through a quotation that opens on the formula's next line
   (``"Sechster Teil`` ... ``Artikel 230``), are the amended law's: they stay in the amending
   article until the quotation closes or the text's own numbering goes on.
6. Run-in headings. Only when no line opens with a heading (a one-line OCR dump): ``... of
   them: ARTICLE 1 Condemnation ...`` or ``... ARTICLE 3 1. The High ...`` after the end of a
   sentence, numbered 1, 2, 3 ...

The text is scanned as given: a byte-order mark or a form feed at a line start is looked
through, and lone carriage returns (old Mac files), line and paragraph separators and vertical
tabs are line ends (they are read as line feeds in a copy of equal length, so every offset is
an offset into the text as given).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from clausediff.errors import InputError, NoArticlesError
from clausediff.model import (
    Article,
    Division,
    Document,
    Furniture,
    Metadata,
    Page,
    Span,
)
from clausediff.parse.furniture import find_furniture
from clausediff.parse.guess import guess_language, guess_title
from clausediff.parse.headings import choose_headings, run_in_headings
from clausediff.parse.inside import article_title, paragraphs, title_line
from clausediff.parse.lines import opens_block, text_end
from clausediff.parse.nesting import division_depths
from clausediff.parse.scan import Candidate, scan_divisions, scan_headings, scan_markers

__all__ = ["article_refs", "parse_document"]

_TESTIMONIUM = re.compile(
    r"(?:^|\n)[ \t]*(?:IN WITNESS WHEREOF|In witness whereof|IN FAITH WHEREOF|In faith whereof"
    r"|DONE (?:at|AT|in|IN)\b|Done (?:at|in)\b|FAIT (?:à|A|À|en)\b|Fait (?:à|en)\b"
    r"|EN FOI DE QUOI|En foi de quoi|HECHO en|Hecho en|EN FE DE LO CUAL|En fe de lo cual"
    r"|GEDAAN te|Gedaan te|TEN BLIJKE WAARVAN|Ten blijke waarvan|Zu Urkund dessen"
    r"|Geschehen zu|Feito em|Em fé do que|Fatto a|In fede di che|Совершено в"
    r"|В удостоверение чего)",
    re.MULTILINE,
)


def parse_document(
    text: str,
    *,
    id: str = "document",
    metadata: Metadata | None = None,
    furniture: Sequence[Furniture] = (),
    pages: Sequence[Page] = (),
) -> Document:
    """Parse a treaty text into a ``Document`` of articles and paragraphs.

    Args:
        text: the treaty as decoded; it is kept exactly as given.
        id: the document's id (a corpus id or a file name).
        metadata: what is known about the document; a missing title or language is guessed
            from the text.
        furniture: page furniture a reader already knows from the source's layout (a PDF's
            page numbers and running heads); it is kept, in text order.
        pages: the source's printed pages, when it had pages.

    Raises:
        InputError: the text holds a NUL character (no treaty text does, and no index could
            keep what follows it).
        NoArticlesError: no line of the text is an article heading.
    """
    nul = text.find("\x00")
    if nul != -1:
        raise InputError(f"the text holds a NUL character at character {nul}", source=id)
    source = text
    text = _with_line_feeds(text)
    divisions = _choose_divisions(text)
    division_lines = {text.rfind("\n", 0, d.span.start) + 1 for d in divisions}
    headings = (
        choose_headings(text, scan_headings(text), division_lines)
        or run_in_headings(text)
        or choose_headings(text, scan_headings(text, "section_sign"), division_lines)
    )
    if not headings:
        raise NoArticlesError(id)
    headings, addenda = _before_addenda(text, headings)
    trailing_start = min(_trailing_start(text, headings[-1], divisions), addenda)
    articles = _build_articles(text, headings, divisions, trailing_start)
    first = headings[0].start
    meta = metadata or Metadata()
    if meta.title is None:
        meta = attrs.evolve(meta, title=guess_title(text, first))
    if meta.language is None:
        meta = attrs.evolve(meta, language=guess_language(text, headings))
    return Document(
        id=id,
        text=source,
        articles=articles,
        preamble=Span(0, first) if first > 0 else None,
        trailing=Span(trailing_start, len(text)) if trailing_start < len(text) else None,
        divisions=tuple(divisions),
        metadata=meta,
        furniture=_furniture(text, furniture),
        pages=tuple(pages),
    )


def _furniture(text: str, known: Sequence[Furniture]) -> tuple[Furniture, ...]:
    """What the reader knew of the page furniture, and what the plain text shows of it
    where the reader knew nothing there."""
    found = list(known)
    spans = sorted((f.span.start, f.span.end) for f in known)
    for item in find_furniture(text):
        at = bisect.bisect_left(spans, (item.span.start, item.span.start))
        overlaps = any(
            s < item.span.end and item.span.start < e for s, e in spans[max(0, at - 1) : at + 1]
        )
        if not overlaps:
            found.append(item)
    return tuple(sorted(found, key=lambda f: (f.span.start, f.span.end)))


_LINE_BREAKS = re.compile("\r(?!\n)|[\u2028\u2029\x85\x0b]")


def _with_line_feeds(text: str) -> str:
    """The text with every line break a line feed, for scanning: a lone carriage return (old
    Mac files), a line or paragraph separator, a vertical tab (a Word line break). Each is one
    character, so every offset into the copy is an offset into the text; CRLF stays as it is."""
    lone_cr = "\r" in text and text.count("\r") != text.count("\r\n")
    if lone_cr or any(c in text for c in "\u2028\u2029\x85\x0b"):
        return _LINE_BREAKS.sub("\n", text)
    return text


def _choose_divisions(text: str) -> list[Division]:
    divisions = []
    for start, line_end, kind, number in scan_divisions(text):
        line_start = text.rfind("\n", 0, start) + 1
        if opens_block(text, line_start):
            label = text[start:line_end].rstrip()
            title = title_line(text, line_end, len(text))
            divisions.append(Division(kind, label, number, title, Span(start, start + len(label))))
    return divisions


# A Korean statute's addenda (부칙, one block per amendment, each numbering its own 제1조 ...)
_ADDENDA = re.compile(r"\n[ \t]*부[ \t]?칙[ \t]*(?:<|\(|\n|$)")


def _before_addenda(text: str, headings: list[Candidate]) -> tuple[list[Candidate], int]:
    """The headings before a Korean statute's addenda (부칙), and where the addenda begin: they
    are the amending acts' transitional rules, not articles of the statute."""
    m = _ADDENDA.search(text, headings[0].line_end)
    if m is None:
        return headings, len(text)
    kept = [h for h in headings if h.start < m.start()]
    return (kept, m.start() + 1) if kept else (headings, len(text))


def _trailing_start(text: str, last: Candidate, divisions: list[Division]) -> int:
    """Where the part after the last article begins: a testimonium, or a closing annex."""
    end = len(text)
    m = _TESTIMONIUM.search(text, last.line_end)
    if m is not None:
        end = m.start() + (text[m.start()] == "\n")
    for division in divisions:
        if division.span.start > last.line_end and division.kind.level == 0:
            end = min(end, text.rfind("\n", 0, division.span.start) + 1)
            break
    return end


def _build_articles(
    text: str, headings: list[Candidate], divisions: list[Division], trailing_start: int
) -> tuple[Article, ...]:
    contexts = _contexts(headings, divisions)
    refs = article_refs([h.number for h in headings], contexts)
    ends = [h.start for h in headings[1:]] + [trailing_start]
    starts = [d.span.start for d in divisions]
    markers = scan_markers(text, headings[0].line_end, trailing_start)
    marker_starts = [m.start for m in markers]
    articles = []
    for at, (heading, end) in enumerate(zip(headings, ends, strict=True)):
        # the article's text stops at the next division heading, if one comes before the end
        following = bisect.bisect_left(starts, heading.start)
        stop = starts[following] if following < len(starts) and starts[following] < end else end
        stop = text_end(text, heading.rest_start, stop)
        lo = bisect.bisect_left(marker_starts, heading.line_end)
        hi = bisect.bisect_left(marker_starts, stop)
        articles.append(
            Article(
                label=heading.label,
                number=heading.number,
                heading=article_title(text, heading, stop),
                span=Span(heading.start, end),
                text_span=Span(heading.start, stop),
                paragraphs=paragraphs(markers[lo:hi], text, heading.line_end, stop),
                divisions=contexts[at],
                ref=refs[at],
                index=at,
                document_text=text,  # the document's own text, unless line breaks were made LF
            )
        )
    return tuple(articles)


def _contexts(headings: list[Candidate], divisions: list[Division]) -> list[tuple[Division, ...]]:
    """The divisions in force at each heading, outermost first: a division holds until one of
    its depth or above comes (depths as this document nests them: ``nesting``)."""
    depth = division_depths(divisions, [h.start for h in headings])
    contexts = []
    context: dict[int, Division] = {}
    d = 0
    for heading in headings:
        while d < len(divisions) and divisions[d].span.start < heading.start:
            division = divisions[d]
            level = depth[division.kind]
            for deeper in [k for k in context if k >= level]:
                del context[deeper]
            context[level] = division
            d += 1
        contexts.append(tuple(context[k] for k in sorted(context)))
    return contexts


def _qualifier(division: Division) -> str:
    return f"{division.kind}-{division.number}" if division.number else str(division.kind)


def article_refs(numbers: Sequence[str], contexts: Sequence[tuple[Division, ...]]) -> list[str]:
    """A ref for each article, unique within the document, from its number and the
    divisions in force where it starts (outermost first).

    1. An article inside a protocol or an annex (a separate instrument that restarts the
       numbering) is qualified by it, ``protocol-1/1``, ``annex-2/3``, when the document has
       articles outside it; a text that is one protocol throughout keeps plain numbers.
    2. Articles whose refs still coincide (chapters that restart the numbering) are qualified
       by every division above them: ``part-2/chapter-1/3``.
    3. Any that still coincide (a second language version) take ``~2``, ``~3`` ... in text
       order; the first keeps the plain ref.
    """
    named: dict[int, str] = {}  # each division's qualifier, worked out once

    def qualifier(division: Division) -> str:
        found = named.get(id(division))
        if found is None:
            found = named[id(division)] = _qualifier(division)
        return found

    outer = [next((d for d in c if d.kind.level == 0), None) for c in contexts]
    mixed = len({-1 if d is None else d.span.start for d in outer}) > 1
    refs = [
        f"{qualifier(d)}/{number}" if mixed and d is not None else number
        for number, d in zip(numbers, outer, strict=True)
    ]
    counts = Counter(refs)
    if len(counts) == len(refs):
        return refs
    refs = [
        "/".join([*map(qualifier, context), number]) if counts[ref] > 1 else ref
        for number, context, ref in zip(numbers, contexts, refs, strict=True)
    ]
    seen: Counter[str] = Counter()
    unique = []
    for ref in refs:
        seen[ref] += 1
        unique.append(ref if seen[ref] == 1 else f"{ref}~{seen[ref]}")
    return unique
