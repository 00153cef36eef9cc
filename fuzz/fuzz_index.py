#!/usr/bin/env python3
"""Coverage-guided fuzzing of the index and search round trip with atheris (pip install
atheris).

Any text that parses is indexed (in memory), and then every article comes back whole: its
stored text is the compared text of the parsed article, and a search with that text finds
the article among its hits (when the query shares a shingle, three words or their like, with
the indexed text, which leaves page furniture out). Anything else (an exception, a lost or
altered article) is a crash.

    python fuzz/fuzz_index.py -max_total_time=600 fuzz/corpus-index
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from clausediff import Clause, InputError, NoArticlesError, parse_document
    from clausediff.corpus import storage
    from clausediff.corpus.build import index_documents
    from clausediff.corpus.facade import Corpus
    from clausediff.corpus.shingles import keyed_text, text_fingerprints
    from clausediff.model import Document

SEEDS = [
    "Preamble.\n\nArticle 1\n\nThe Parties agree to consult together.\n\nArticle 2\n\nThe "
    "Parties agree to consult together.\n",
    "ARTICLE IV\nTitle\n\n1. A.\n2. B.\nDone at Washington.\n",
    "第一條\n\n締約雙方同意互相協商\n\n第二條\n\n本條約須經批准\n",
    "Article 1\n\nself-defence and self defence\n\nArticle 1\n\nthe 5th day of May 1950\n",
]


def check(text: str) -> None:
    try:
        document = parse_document(text, id="fuzzed")
    except (NoArticlesError, InputError):  # no headings; a NUL, which clausediff refuses
        return

    def parse(name: str, data: bytes) -> Document:
        return document

    db = storage.connect(":memory:", create=True)
    report = index_documents(db, [("fuzzed", text.encode("utf-8"))], parse)
    assert report.failed == (), report.failed
    with Corpus(db, name="fuzz") as corpus:
        for article in document.articles:
            clause = Clause.from_article(document, article)
            own = clause.text
            _label, stored = corpus.article_text("fuzzed", article.ref)
            assert stored == own, (article.ref, stored, own)
            indexed = text_fingerprints(keyed_text(own, clause.start, clause.furniture))
            if not indexed & text_fingerprints(keyed_text(own)):
                continue  # no shingle (three words) the query and the indexed text share:
                # too short, or its words split by page furniture, which the index leaves out
            hits = corpus.search(own, top=len(document.articles)).hits
            found = {h.ref for h in hits}
            assert article.ref in found, (article.ref, own, found)


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(len(data))
    check(text)
    if text:  # the same text laid out as real copies arrive: headings on their own lines
        check("\n\n".join(f"Article {n}\n{line}" for n, line in enumerate(text.split("\n"), 1)))


def main() -> None:
    for seed in SEEDS:
        check(seed)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
