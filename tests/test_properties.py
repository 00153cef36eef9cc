"""Invariants of parse_document over arbitrary texts and over generated treaties (hypothesis)."""

from __future__ import annotations

import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st

from clausediff import Document, InputError, NoArticlesError, Span, parse_document
from tests.strategies import GeneratedTreaty, any_texts, treaties

_TEXTS = st.one_of(any_texts(), treaties().map(lambda treaty: treaty.text))


def _parse_or_none(text: str) -> Document | None:
    try:
        return parse_document(text)
    except NoArticlesError:
        return None
    except InputError:
        assert "\x00" in text  # a NUL is refused, and nothing else is
        return None


def _assert_lossless(document: Document) -> None:
    """Preamble, article spans and trailing part tile the text; inner spans nest in order."""
    text = document.text
    tiles = [
        *([document.preamble] if document.preamble is not None else []),
        *(article.span for article in document.articles),
        *([document.trailing] if document.trailing is not None else []),
    ]
    assert tiles[0].start == 0
    assert tiles[-1].end == len(text)
    for before, after in itertools.pairwise(tiles):
        assert before.end == after.start
    assert all(len(tile) > 0 for tile in tiles)
    for article in document.articles:
        span, text_span = article.span, article.text_span
        assert 0 <= span.start == text_span.start <= text_span.end <= span.end <= len(text)
        assert document.quote(Span(span.start, span.start + len(article.label))) == article.label
        previous = text_span.start
        for paragraph in article.paragraphs:
            assert previous < paragraph.span.start <= paragraph.span.end <= text_span.end
            assert document.quote(paragraph.span).startswith(paragraph.label)
            previous = paragraph.span.start


@given(any_texts())
@settings(deadline=None)
def test_any_text_parses_or_raises_no_articles(text: str) -> None:
    """Random Unicode, RTL, combining and zero-width text, CRLF: a Document or NoArticlesError
    (or, for a text holding a NUL, the InputError that refuses it)."""
    document, error = None, None
    try:
        document = parse_document(text, id="random")
    except NoArticlesError as raised:
        error = raised
    except InputError:
        assert "\x00" in text
        return
    if document is None:
        assert error is not None
        assert error.document_id == "random"
    else:
        assert document.text == text
        assert document.articles


@given(_TEXTS)
@settings(deadline=None)
def test_spans_tile_the_text(text: str) -> None:
    """Nothing of the source is lost or counted twice, and every span stays in bounds."""
    document = _parse_or_none(text)
    if document is not None:
        _assert_lossless(document)


@given(_TEXTS)
@settings(deadline=None)
def test_parsing_is_deterministic(text: str) -> None:
    """The same text parses to equal documents (metadata included) every time."""
    first, second = _parse_or_none(text), _parse_or_none(text)
    assert first == second
    if first is not None and second is not None:
        assert first.metadata == second.metadata


@given(treaties())
@settings(max_examples=200, deadline=None)
def test_generated_treaties_parse_to_their_numbers(treaty: GeneratedTreaty) -> None:
    """Any numbering style, heading form, wrapping and page numbering parses back exactly."""
    document = parse_document(treaty.text)
    assert tuple(article.number for article in document.articles) == treaty.numbers
    assert tuple(article.label for article in document.articles) == treaty.labels
    assert document.trailing is None or document.quote(document.trailing).startswith("Done at")
    for article, title in zip(document.articles, treaty.titles, strict=True):
        if title is not None:
            assert article.heading == title
    _assert_lossless(document)


# Shrunk examples that hypothesis found for the two properties below.
_BARE_HEADING_WRAPPED_BODY = GeneratedTreaty(
    text="Article 1\n\nThe Parties undertake, as set forth in the\nCharter of the United Nations, "
    "to settle any\ninternational disputes in which they may be\ninvolved by peaceful means.\n",
    numbers=("1",),
    labels=("Article 1",),
    titles=(None,),
    paragraphs=(0,),
    style="arabic",
    form="bare",
)
_LONG_TITLED_HEADING_PARAGRAPHS = GeneratedTreaty(
    text="Article Nineteen - Peaceful settlement of disputes\n1. The Parties undertake, as set "
    "forth\nin the Charter of the United Nations, to\nsettle any international disputes in\n"
    "which they may be involved by peaceful\nmeans.",
    numbers=("19",),
    labels=("Article Nineteen",),
    titles=("Peaceful settlement of disputes",),
    paragraphs=(1,),
    style="words",
    form="same-line",
)


@given(treaties())
@settings(max_examples=200, deadline=None)
@example(_BARE_HEADING_WRAPPED_BODY)
def test_generated_bare_headings_have_no_title(treaty: GeneratedTreaty) -> None:
    """A heading without a title line gets no title from its hard-wrapped body."""
    document = parse_document(treaty.text)
    if treaty.form in ("bare", "inline"):
        assert [article.heading for article in document.articles] == [None] * len(treaty.numbers)


@given(treaties())
@settings(max_examples=200, deadline=None)
@example(_LONG_TITLED_HEADING_PARAGRAPHS)
def test_generated_paragraphs_are_found(treaty: GeneratedTreaty) -> None:
    """Numbered paragraphs ``1.``, ``2.`` in hard-wrapped bodies are all found, in order."""
    document = parse_document(treaty.text)
    counts = tuple(len(article.paragraphs) for article in document.articles)
    assert counts == treaty.paragraphs
    for article in document.articles:
        labels = [paragraph.label for paragraph in article.paragraphs]
        assert labels == [f"{n}." for n in range(1, len(labels) + 1)]
