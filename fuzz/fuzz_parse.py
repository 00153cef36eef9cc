#!/usr/bin/env python3
"""Coverage-guided fuzzing of the parser with atheris (pip install atheris).

Any input must either parse into a document whose spans tile the text, or raise
NoArticlesError, or (a text holding a NUL character, which clausediff refuses) InputError;
anything else (another exception, a gap, an overlap) is a crash.

    python fuzz/fuzz_parse.py -max_total_time=600 fuzz/corpus-parse
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from clausediff import InputError, NoArticlesError, parse_document

SEEDS = [
    "Preamble.\n\nArticle 1\n\nThe Parties agree.\n\nArticle 2. Text (a) one; (b) two.\n",
    "ARTICLE IV\nTitle\n\n1. A.\n2. B.\nDone at Washington.\n",
    "第一條\n\n締約雙方\n\n第二條之二\n\n제4조의2\n",
    "CHAPTER I\n\nArticle 1bis\n\nArticle 51 of the Charter\n12\nArticle 1-01: Scope\n",
]


def check(text: str) -> None:
    try:
        document = parse_document(text)
    except NoArticlesError:
        return
    except InputError:
        assert "\0" in text, text  # the one text the parser refuses: a NUL is no treaty's
        return
    at = 0
    if document.preamble is not None:
        assert document.preamble.start == 0
        at = document.preamble.end
    for article in document.articles:
        assert article.span.start == at, (at, article.span)
        assert article.span.start <= article.text_span.end <= article.span.end
        for paragraph in article.paragraphs:
            assert article.text_span.start <= paragraph.span.start <= paragraph.span.end
            assert paragraph.span.end <= article.text_span.end
        at = article.span.end
    if document.trailing is not None:
        assert document.trailing.start == at
        at = document.trailing.end
    assert at == len(text), (at, len(text))


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    check(text)
    if fdp.remaining_bytes() == 0 and text:
        # also the same text laid out as real copies arrive: headings on their own lines
        check("\n\n".join(f"Article {n}\n{line}" for n, line in enumerate(text.split("\n"), 1)))


def main() -> None:
    for seed in SEEDS:
        check(seed)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
