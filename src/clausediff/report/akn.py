"""Akoma Ntoso 3.0 for any parsed document (``clausediff parse X --format akn``).

One ``<act>``: the FRBR identification the schema requires (work, expression, manifestation,
each with this, uri, date and author; the work's country), a ``<preface>`` with the title, the
preamble as ``<preamble>``, each article as ``<article>`` with its ``<num>`` (the label as
printed), ``<heading>`` and its text as ``<content>`` paragraphs, nested in its divisions
(``<part>``, ``<chapter>``, ``<title>``, ``<section>``, and ``<hcontainer name="annex">`` or
``name="protocol"``), and the trailing part as ``<conclusions>``. It is valid against OASIS's
Akoma Ntoso 3.0 schema, and ``readers.akn`` reads it back to the same articles (numbers, refs,
labels). Every string is escaped; ids are the articles' refs made NCName-safe.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from clausediff.model import Division, DivisionKind, Document, Span
from clausediff.readers.akn import num_number

__all__ = ["render_akn"]

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
# characters XML 1.0 cannot carry at all (C0 controls but tab, newline, return)
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return escape(_INVALID.sub("", text))


def _paragraphs(text: str, indent: str) -> str:
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    return "\n".join(f"{indent}<p>{_clean(b)}</p>" for b in blocks) or f"{indent}<p/>"


def _identification(document: Document) -> str:
    date = document.metadata.signed or "0001-01-01"
    name = _UNSAFE.sub("-", document.id) or "document"
    language = (document.language or "und").split("-")[0]
    work = f"/akn/un/act/{date}/{name}"
    expression = f"{work}/{language}@"
    return f"""    <identification source="#clausediff">
      <FRBRWork>
        <FRBRthis value="{work}/main"/>
        <FRBRuri value="{work}"/>
        <FRBRdate date="{date}" name="{"signature" if document.metadata.signed else "unknown"}"/>
        <FRBRauthor href="#clausediff"/>
        <FRBRcountry value="un"/>
      </FRBRWork>
      <FRBRExpression>
        <FRBRthis value="{expression}/main"/>
        <FRBRuri value="{expression}"/>
        <FRBRdate date="{date}" name="expression"/>
        <FRBRauthor href="#clausediff"/>
        <FRBRlanguage language={quoteattr(language)}/>
      </FRBRExpression>
      <FRBRManifestation>
        <FRBRthis value="{expression}/main.xml"/>
        <FRBRuri value="{expression}.akn"/>
        <FRBRdate date="{date}" name="generation"/>
        <FRBRauthor href="#clausediff"/>
      </FRBRManifestation>
    </identification>"""


def _article(document: Document, index: int) -> str:
    article = document.articles[index]
    eid = "art_" + _UNSAFE.sub("_", article.ref)
    body_start = article.text_span.start + len(article.label)
    text = document.text[body_start : article.text_span.end]
    if article.heading:
        at = text.find(article.heading)
        if at != -1 and not text[:at].strip(" \t\n.:-–—"):
            text = text[at + len(article.heading) :]
    heading = f"\n        <heading>{_clean(article.heading)}</heading>" if article.heading else ""
    # the label as printed, unless it does not carry the number (a heading without one)
    num = article.label if num_number(article.label) == article.number else article.number
    return (
        f'      <article eId="{eid}">\n        <num>{_clean(num)}</num>{heading}\n'
        f"        <content>\n{_paragraphs(text.lstrip(' .:-–—'), '          ')}\n"
        "        </content>\n      </article>"
    )


# Each division as the element Akoma Ntoso has for it; annexes and protocols, which have none of
# their own, as generic containers named so.
_ELEMENTS = {
    DivisionKind.BOOK: ("book", ""),
    DivisionKind.PART: ("part", ""),
    DivisionKind.CHAPTER: ("chapter", ""),
    DivisionKind.TITLE: ("title", ""),
    DivisionKind.SECTION: ("section", ""),
    DivisionKind.ANNEX: ("hcontainer", ' name="annex"'),
    DivisionKind.PROTOCOL: ("hcontainer", ' name="protocol"'),
}


def _open(division: Division, depth: int) -> str:
    element, name = _ELEMENTS[division.kind]
    indent = "  " * depth
    heading = f"\n{indent}  <heading>{_clean(division.title)}</heading>" if division.title else ""
    return f"{indent}<{element}{name}>\n{indent}  <num>{_clean(division.label)}</num>{heading}"


def _body(document: Document) -> str:
    """The articles, nested in their divisions (Part, Chapter, Annex ...) as they open and
    close along the text."""
    lines: list[str] = []
    stack: list[tuple[tuple[str, str, int], str]] = []  # (division key, closing tag)
    for index, article in enumerate(document.articles):
        keys = [(str(d.kind), d.label, d.span.start) for d in article.divisions]
        kept = 0
        while kept < min(len(stack), len(keys)) and stack[kept][0] == keys[kept]:
            kept += 1
        while len(stack) > kept:
            lines.append(stack.pop()[1])
        for division, key in zip(article.divisions[kept:], keys[kept:], strict=True):
            depth = 3 + len(stack)
            lines.append(_open(division, depth))
            stack.append((key, f"{'  ' * depth}</{_ELEMENTS[division.kind][0]}>"))
        lines.append(_indent(_article(document, index), len(stack)))
    while stack:
        lines.append(stack.pop()[1])
    return "\n".join(lines)


def _indent(text: str, depth: int) -> str:
    return "\n".join("  " * depth + line for line in text.split("\n")) if depth else text


def _part(document: Document, span: Span | None, element: str) -> str:
    if span is None or not document.quote(span).strip():
        return ""
    return f"    <{element}>\n{_paragraphs(document.quote(span), '      ')}\n    </{element}>\n"


def render_akn(document: Document, *, color: bool = False) -> str:
    """The document as an Akoma Ntoso 3.0 ``<act>`` (see the module's docstring)."""
    title = document.title or document.id
    articles = _body(document)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<akomaNtoso xmlns="{AKN_NAMESPACE}">\n'
        f"  <act name={quoteattr(_UNSAFE.sub('-', document.id))}>\n"
        f"    <meta>\n{_identification(document)}\n"
        '    <references source="#clausediff">\n'
        '      <TLCOrganization eId="clausediff" href="/ontology/organization/clausediff" '
        'showAs="clausediff"/>\n    </references>\n    </meta>\n'
        + f"    <preface>\n      <p><docTitle>{_clean(title)}</docTitle></p>\n    </preface>\n"
        + _part(document, document.preamble, "preamble")
        + f"    <body>\n{articles}\n    </body>\n"
        + _part(document, document.trailing, "conclusions")
        + "  </act>\n</akomaNtoso>"
    )
