"""Akoma Ntoso 3.0 for any parsed document (``clausediff parse X --format akn``).

One ``<act>``: the FRBR identification the schema requires (work, expression, manifestation,
each with this, uri, date and author; the work's country), a ``<preface>`` with the title, the
preamble as ``<preamble>``, each article as ``<article>`` with its ``<num>`` (the label as
printed), ``<heading>`` and its text as ``<content>`` paragraphs, and the trailing part as
``<conclusions>``. Read back by ``readers.akn``, it gives the same articles (numbers, refs'
numbers and labels). Every string is escaped; ids are the articles' refs made NCName-safe.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from clausediff.model import Document, Span

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
    return (
        f'      <article eId="{eid}">\n        <num>{_clean(article.label)}</num>{heading}\n'
        f"        <content>\n{_paragraphs(text.lstrip(' .:-–—'), '          ')}\n"
        "        </content>\n      </article>"
    )


def _part(document: Document, span: Span | None, element: str) -> str:
    if span is None or not document.quote(span).strip():
        return ""
    return f"    <{element}>\n{_paragraphs(document.quote(span), '      ')}\n    </{element}>\n"


def render_akn(document: Document, *, color: bool = False) -> str:
    """The document as an Akoma Ntoso 3.0 ``<act>`` (see the module's docstring)."""
    title = document.title or document.id
    articles = "\n".join(_article(document, i) for i in range(len(document.articles)))
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
