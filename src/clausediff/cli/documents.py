"""The document commands of the command line: parse, compare, corpus."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from clausediff.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    emit,
    error_line,
    use_color,
    warn,
)
from clausediff.errors import ClauseDiffError
from clausediff.report import render

if TYPE_CHECKING:
    from clausediff.model import Article, Document

__all__ = ["DEFAULT_MIN_SCORE", "cmd_compare", "cmd_corpus", "cmd_parse", "pick_article"]

# Each command imports what it needs when it runs: start-up is part of every command's time.
DEFAULT_MIN_SCORE = 15.0  # clausediff.match.align.DEFAULT_MIN_SCORE, checked by a test


def cmd_parse(args: argparse.Namespace) -> int:
    """``clausediff parse``: an outline or JSON of each source; a failure does not stop the
    others."""
    from clausediff.sources import load_document

    status = EXIT_OK
    for name in args.sources:
        try:
            document = load_document(name, encoding=args.encoding)
        except ClauseDiffError as e:
            print(error_line(e), file=sys.stderr)
            status = EXIT_USAGE
            continue
        output = render(document, args.format)
        if args.format == "text" and len(args.sources) > 1:
            output += "\n"
        print(output)
    return status


def pick_article(document: Document, key: str) -> Article:
    """The article *key* names; a note on stderr when the number also names other articles
    (a protocol or an annex restarting the numbering), so the choice is never silent."""
    article = document.article(key)
    if "/" in key or "~" in key:
        return article  # a qualified ref: nothing to say
    others = [a.ref for a in document.articles if a.number == article.number and a is not article]
    if others:
        warn(
            f"{document.id}: article {key} is taken as ref {article.ref}; "
            f"its number is also carried by {', '.join(others)}"
        )
    return article


def cmd_compare(args: argparse.Namespace) -> int:
    """``clausediff compare``: one clause against another, or two treaties aligned."""
    from clausediff.sources import load_document

    left = load_document(args.left, encoding=args.encoding)
    right = load_document(args.right, encoding=args.encoding)
    color = args.output is None and use_color(sys.stdout)
    if args.article is None:
        from clausediff.match.align import align_documents

        min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
        alignment = align_documents(left, right, min_score=min_score)
        emit(render(alignment, args.format, color=color), args.output)
        return EXIT_OK
    from clausediff.match.compare import Clause, compare_clauses

    if args.min_score is not None:
        raise UsageError("--min-score applies to whole-treaty alignment, not to --article")
    x, _, y = args.article.partition(":")
    if not x or (args.article.endswith(":") and not y):
        raise UsageError(f"--article {args.article!r}: expected X or X:Y, as in 4 or 4:1")
    comparison = compare_clauses(
        Clause.from_article(left, pick_article(left, x)),
        Clause.from_article(right, pick_article(right, y or x)),
    )
    emit(render(comparison, args.format, color=color), args.output)
    return EXIT_OK


def cmd_corpus(args: argparse.Namespace) -> int:
    """``clausediff corpus``: the bundled documents, one line each."""
    from clausediff.bundled import catalog

    entries = catalog()
    width = max(len(doc_id) for doc_id in entries)
    for doc_id, entry in sorted(entries.items()):
        note = "" if entry.complete else "  (partial)"
        print(f"{doc_id:<{width}}  {entry.signed}  {entry.title}{note}")
    return EXIT_OK
