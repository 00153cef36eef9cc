"""Treaty text -> ``Document``: the only module that knows treaty grammar.

How a heading is told from a cross-reference (the rule, in order):

1. Shape of the line after the number. ``Article 51 of the Charter``, ``Article 5, an armed
   attack``, ``Article 18.3 (c) determinará`` continue a sentence (a lower-case word, a comma,
   a bracketed reference): never a heading. ``Article 4``, ``ARTICLE IV.``, ``Article 4 -
   Definitions``, ``ARTICLE 1.1: Scope`` and ``Article 1. The Parties ...`` are heading shapes.
2. Position. A heading opens a block: it is the first line of the text, or follows a blank line,
   a line that ends a sentence (``.``, ``:``, ``;``, ``。``), or a short title line (a chapter
   heading). A line that follows prose wrapped mid-sentence (a long line ending in a word, a
   comma or a hyphen, or any line ending in ``of``, ``in``, ``del``, ``van`` ...) continues that
   sentence: ``...laid down in`` / ``Article 27.`` is a reference. Page-number lines are looked
   through.
3. Sequence. Where the position is in doubt (the line before is short and ends in a word: a
   title, or a narrow column), a heading with text on its line (``Article 12. The Parties``)
   must continue the numbering (``12`` after ``11``, ``4bis`` after ``4``, ``2.1`` after
   ``1.9``) or open one (``1``); otherwise it is taken for a sentence that starts with a
   reference. ``ARTICLE 24. the Council`` (a full stop, then lower case: OCR and typing slips)
   is a heading only after a blank line or a full stop, and in sequence. A heading alone on its
   line is kept even when it breaks the sequence: annexes, protocols and second language
   versions restart their numbering, chapter-based schemes jump (``105`` to ``201``), and a
   missing article must not hide the next.
4. Run-in headings. Only when no line opens with a heading (a one-line OCR dump): ``... of
   them: ARTICLE 1 Condemnation ...`` after the end of a sentence, numbered 1, 2, 3 ...
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

from clausediff._tokenize import (
    Candidate,
    Marker,
    Shape,
    scan_divisions,
    scan_headings,
    scan_markers,
)
from clausediff.errors import NoArticlesError
from clausediff.model import Article, Division, Document, Paragraph, Span
from clausediff.numbering import canonical_number, is_successor, roman_to_int

__all__ = ["parse_document"]

_TERMINAL = frozenset(".:;!?)]}\"'”’»。：；！？）」』")
_CONTINUING = frozenset(",-‐(‑/&")
# The last word of a line that cannot end a sentence: prepositions, articles and conjunctions
# that reach over a line break ("...paragraph 2 of" / "Article 5").
_FUNCTION_WORDS = frozenset(
    """
    of in to under with by and or the per from see as at on for pursuant into upon between
    del el de al en con y o la las los según conforme segun
    du à le des et ou par selon aux
    van het bij op ingevolge krachtens
    des der dem nach gemäß und oder von im zum zur
    do da no na os as e ou nos nas
    dell della dello di ai agli nel
    """.split()
)
_LONG_LINE = 50  # a line this long ending in a word is prose wrapped mid-sentence
_PAGE_NUMBER = re.compile(
    r"[ \t]*(?:(?:page|p\.|pag\.|página|seite|blz\.)[ \t]*)?[\-–—]?[ \t]*\d{1,4}[ \t]*[\-–—]?"
    r"(?:[ \t]*(?:of|/|de|van)[ \t]*\d{1,4})?[ \t]*\r?",
    re.IGNORECASE,
)
_PAGE_NUMBER_MAX = 24  # longer lines are never page numbers: skip the pattern
_TESTIMONIUM = re.compile(
    r"(?:^|\n)[ \t]*(?:IN WITNESS WHEREOF|In witness whereof|IN FAITH WHEREOF|In faith whereof"
    r"|DONE (?:at|AT|in|IN)\b|Done (?:at|in)\b|FAIT (?:à|A|À|en)\b|Fait (?:à|en)\b"
    r"|EN FOI DE QUOI|En foi de quoi|HECHO en|Hecho en|EN FE DE LO CUAL|En fe de lo cual"
    r"|GEDAAN te|Gedaan te|TEN BLIJKE WAARVAN|Ten blijke waarvan|Zu Urkund dessen"
    r"|Geschehen zu|Feito em|Em fé do que|Fatto a|In fede di che|Совершено в"
    r"|В удостоверение чего)",
    re.MULTILINE,
)
_DIVISION_LEVEL = {"protocol": 0, "annex": 0, "part": 1, "title": 2, "chapter": 3, "section": 4}
_HEADING_LANGUAGE = {
    "article": "en", "art.": "en", "artículo": "es", "articulo": "es", "artikel": "nl",
    "articolo": "it", "artigo": "pt", "статья": "ru", "ст.": "ru",
}  # fmt: skip


def parse_document(
    text: str, *, id: str = "document", metadata: Mapping[str, Any] | None = None
) -> Document:
    """Parse a treaty text into a ``Document`` of articles and paragraphs.

    Args:
        text: the treaty as decoded; it is kept exactly as given.
        id: the document's id (a corpus id or a file name).
        metadata: what is known about the document (``title``, ``language``, ...); a missing
            title or language is guessed from the text.

    Raises:
        NoArticlesError: no line of the text is an article heading.
    """
    headings = _choose_headings(text, scan_headings(text)) or _run_in_headings(text)
    if not headings:
        raise NoArticlesError(id)
    divisions = _choose_divisions(text)
    trailing_start = _trailing_start(text, headings[-1], divisions)
    articles = _build_articles(text, headings, divisions, trailing_start)
    first = headings[0].start
    meta = dict(metadata or {})
    if meta.get("title") is None:
        meta["title"] = _guess_title(text, first)
    if meta.get("language") is None:
        meta["language"] = _guess_language(headings)
    return Document(
        id=id,
        text=text,
        articles=articles,
        preamble=Span(0, first) if first > 0 else None,
        trailing=Span(trailing_start, len(text)) if trailing_start < len(text) else None,
        divisions=tuple(d for d in divisions),
        metadata=meta,
    )


def _previous_line(text: str, line_start: int) -> str | None:
    """Return the line before *line_start*, looking through page-number lines.

    ``None`` means there is none, or it is blank: the line at *line_start* opens a block.
    """
    end = line_start - 1
    while end >= 0:
        start = text.rfind("\n", 0, end) + 1
        if end - start > _PAGE_NUMBER_MAX or _PAGE_NUMBER.fullmatch(text, start, end) is None:
            line = text[start:end].strip()
            return line or None
        end = start - 1
    return None


def block_position(text: str, line_start: int) -> int:
    """How surely the line at *line_start* opens a block rather than continues a sentence.

    2: it follows the start of the text, a blank line or a line that ends a sentence;
    1: it follows a short line that ends in a word (a title, or a narrow column);
    0: it follows prose wrapped mid-sentence.
    """
    previous = _previous_line(text, line_start)
    if previous is None:
        return 2
    last = previous[-1]
    if last in _TERMINAL:
        return 2
    if last in _CONTINUING:
        return 0
    word = previous.rsplit(None, 1)[-1].lower()
    if word in _FUNCTION_WORDS:
        return 0
    return 1 if len(previous) < _LONG_LINE else 0


def opens_block(text: str, line_start: int) -> bool:
    """Tell whether the line at *line_start* can open a block rather than continue a sentence."""
    return block_position(text, line_start) > 0


def _choose_headings(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Keep the candidates that are headings (rules 1-3 of the module docstring)."""
    chosen: list[Candidate] = []
    previous: str | None = None
    for cand in candidates:
        if cand.shape == Shape.XREF:
            continue
        position = block_position(text, cand.line_start)
        if position == 0:
            continue
        fits = is_successor(previous, cand.number) or is_successor(None, cand.number)
        if cand.shape == Shape.LOWER and (position < 2 or not fits):
            continue
        if position == 1 and cand.shape == Shape.INLINE and not fits:
            continue
        chosen.append(cand)
        previous = cand.number
    return chosen


_RUN_IN = re.compile(
    r"(?<=[.:;] )(?P<word>ARTICLE|Article|ARTÍCULO|Artículo|ARTIKEL|Artikel)[ ]"
    r"(?P<number>\d{1,3}|[IVXLC]{1,7})(?P<after>\.?[ ](?=[A-Z]))"
)


def _run_in_headings(text: str) -> list[Candidate]:
    """Headings run into the text, as in one-line OCR dumps: ``... of them: ARTICLE 1 The ...``.

    Used only when no line opens with a heading. A run-in heading follows the end of a
    sentence, is followed by a capital letter, and the headings found must number 1, 2, 3 ...
    or continue each other from the first; at least two are needed.
    """
    chosen: list[Candidate] = []
    for m in _RUN_IN.finditer(text):
        number = canonical_number(m.group("number"))
        previous = chosen[-1].number if chosen else None
        if number is None or not is_successor(previous, number):
            continue
        start, rest = m.start(), m.start("after")
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        label = text[start:rest]
        chosen.append(Candidate(start, start, line_end, label, number, Shape.INLINE, rest))
    return chosen if len(chosen) >= 2 else []


def _choose_divisions(text: str) -> list[Division]:
    divisions = []
    for start, line_end, kind, number in scan_divisions(text):
        line_start = text.rfind("\n", 0, start) + 1
        if opens_block(text, line_start):
            label = text[start:line_end].rstrip()
            title = _title_line(text, line_end, len(text))
            divisions.append(Division(kind, label, number, title, Span(start, start + len(label))))
    return divisions


def _trailing_start(text: str, last: Candidate, divisions: list[Division]) -> int:
    """Where the part after the last article begins: a testimonium, or a closing annex."""
    end = len(text)
    m = _TESTIMONIUM.search(text, last.line_end)
    if m is not None:
        end = m.start() + (text[m.start()] == "\n")
    for division in divisions:
        if division.span.start > last.line_end and _DIVISION_LEVEL[division.kind] == 0:
            end = min(end, text.rfind("\n", 0, division.span.start) + 1)
            break
    return end


def _build_articles(
    text: str, headings: list[Candidate], divisions: list[Division], trailing_start: int
) -> tuple[Article, ...]:
    articles = []
    context: dict[int, Division] = {}
    d = 0
    ends = [h.start for h in headings[1:]] + [trailing_start]
    markers = scan_markers(text, headings[0].line_end, trailing_start)
    marker_starts = [m.start for m in markers]
    for heading, end in zip(headings, ends, strict=True):
        while d < len(divisions) and divisions[d].span.start < heading.start:
            division = divisions[d]
            level = _DIVISION_LEVEL[division.kind]
            for deeper in [k for k in context if k >= level]:
                del context[deeper]
            context[level] = division
            d += 1
        text_end = end
        if d < len(divisions) and divisions[d].span.start < end:
            text_end = divisions[d].span.start
        text_end = _rstrip(text, heading.rest_start, text_end)
        lo = bisect.bisect_left(marker_starts, heading.line_end)
        hi = bisect.bisect_left(marker_starts, text_end)
        articles.append(
            Article(
                label=heading.label,
                number=heading.number,
                heading=_article_heading(text, heading, text_end),
                span=Span(heading.start, end),
                text_span=Span(heading.start, text_end),
                paragraphs=_paragraphs(markers[lo:hi], text, text_end),
                divisions=tuple(context[k] for k in sorted(context)),
            )
        )
    return tuple(articles)


def _rstrip(text: str, floor: int, end: int) -> int:
    """Move *end* back over whitespace, but not before *floor*."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


_TITLE_LEAD = re.compile(r"[ \t\u00a0\u3000]*[.:]?[ \t\u00a0\u3000]*[\-–—(（【]?[ \t\u00a0]*")


def _article_heading(text: str, heading: Candidate, text_end: int) -> str | None:
    """The article's title: on the heading line, or on the line after a bare heading."""
    if heading.shape == Shape.TITLED:
        lead = _TITLE_LEAD.match(text, heading.rest_start, heading.line_end)
        start = lead.end() if lead else heading.rest_start
        title = text[start : heading.line_end].strip().rstrip(")）】").strip()
        return title or None
    if heading.shape == Shape.INLINE:
        lead = _TITLE_LEAD.match(text, heading.rest_start, heading.line_end)
        if lead is None or not any(c in "-–—" for c in lead.group()):
            return None
        stop = text.find(". ", lead.end(), heading.line_end)
        title = text[lead.end() : stop if stop != -1 else heading.line_end].strip()
        return title or None
    return _title_line(text, heading.line_end, text_end)


def _title_line(text: str, after: int, limit: int) -> str | None:
    """A short line right after a bare heading that names the article, if there is one."""
    pos = after
    while pos < limit and text[pos] in " \t\r\n\u00a0\u3000":
        pos += 1
    if pos >= limit:
        return None
    end = text.find("\n", pos, limit)
    end = limit if end == -1 else end
    line = text[pos:end].strip()
    if (
        not line
        or len(line) > 100
        or line[-1] in ".,;:。"
        or not (line[0].isupper() or line[0] == "(")
    ):
        return None
    if line[0] == "(" and not line.endswith(")"):
        return None
    following = text[end + 1 : end + 2] if end < limit else ""
    if following not in ("", "\n", "\r") and len(line) >= 60:
        return None  # a wrapped first line of the body, not a title
    if end < limit and following and following not in "\n\r":
        next_line_end = text.find("\n", end + 1, limit)
        next_line = text[end + 1 : limit if next_line_end == -1 else next_line_end].strip()
        if next_line[:1].islower():
            return None
    return line.strip("()") if line.startswith("(") else line


def _paragraphs(markers: list[Marker], text: str, text_end: int) -> tuple[Paragraph, ...]:
    """Numbered paragraphs of one article, kept only where the numbering runs in sequence."""
    kept: list[Marker] = []
    last: list[int | str | None] = [None, None, None]
    for marker in markers:
        level, value = marker.level, marker.value
        if level == 1 and value in ("i", "v", "x", "ii", "iii", "iv", "vi", "vii", "viii", "ix"):
            expected = "a" if last[1] is None else chr(ord(str(last[1])[-1]) + 1)
            if value != expected:
                level = 2
        if level == 0:
            number = int(value)
            ok = number == 1 if last[0] is None else number == int(str(last[0])) + 1
        elif level == 1:
            previous = last[1]
            ok = value == "a" if previous is None else _next_letter(str(previous)) == value
        else:
            number = roman_to_int(value) or 0
            ok = number == 1 if last[2] is None else number == int(str(last[2])) + 1
        if not ok or not opens_block(text, marker.line_start):
            continue
        last[level] = value if level == 1 else (roman_to_int(value) if level == 2 else value)
        for deeper in range(level + 1, 3):
            last[deeper] = None
        kept.append(marker._replace(level=level))
    paragraphs = []
    for i, marker in enumerate(kept):
        end = text_end
        for later in kept[i + 1 :]:
            if later.level <= marker.level:
                end = later.start
                break
        end = _rstrip(text, marker.end, end)
        paragraphs.append(Paragraph(marker.label, marker.level, Span(marker.start, end)))
    return tuple(paragraphs)


def _next_letter(letter: str) -> str:
    if letter == "z":
        return "aa"
    if len(letter) == 2 and letter[0] == letter[1]:
        return chr(ord(letter[0]) + 1) * 2
    return chr(ord(letter[-1]) + 1)


def _guess_title(text: str, first_article: int) -> str | None:
    """The first line of the preamble, when it reads like a title."""
    for line in text[:first_article].splitlines():
        line = line.strip()
        if line:
            titled = len(line) <= 200 and line[-1] not in ",;:" and not line[0].islower()
            return line if titled else None
    return None


def _guess_language(headings: list[Candidate]) -> str | None:
    counts: dict[str, int] = {}
    for heading in headings:
        label = heading.label
        if label.startswith("第"):
            language = "zh" if label.endswith(("條", "条")) else None
        elif label.startswith("제"):
            language = "ko"
        else:
            language = _HEADING_LANGUAGE.get(label.split()[0].lower().replace("í", "i"))
            if language is None and label[:3].lower() == "art":
                language = "es" if "culo" in label.lower() else None
        if language:
            counts[language] = counts.get(language, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
