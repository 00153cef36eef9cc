"""The document commands of the command line: parse, compare, corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
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
    from clausediff.match.compare import Clause
    from clausediff.model import Article, Document, Metadata

__all__ = [
    "DEFAULT_MIN_SCORE",
    "cmd_compare",
    "cmd_corpus",
    "cmd_extract",
    "cmd_parse",
    "pick_article",
]

# Each command imports what it needs when it runs: start-up is part of every command's time.
DEFAULT_MIN_SCORE = 15.0  # clausediff.match.align.DEFAULT_MIN_SCORE, checked by a test


def load(name: str, encoding: str | None) -> Document:
    """A document from a file or a bundled id; a note on stderr names an encoding that was
    detected rather than declared."""
    from clausediff.sources import open_document

    document, reading = open_document(name, encoding=encoding)
    if reading is not None and reading.detected:
        warn(f"{name}: not UTF-8; read as {reading.encoding} (detected)")
    return document


def cmd_parse(args: argparse.Namespace) -> int:
    """``clausediff parse``: an outline, the text, JSON or Akoma Ntoso of each source; a
    failure does not stop the others."""
    status = EXIT_OK
    for name in args.sources:
        try:
            document = load(name, args.encoding)
        except ClauseDiffError as e:
            print(error_line(e), file=sys.stderr)
            status = EXIT_USAGE
            continue
        output = render(document, args.format)
        if args.format in ("outline", "text") and len(args.sources) > 1:
            output += "\n"
        print(output)
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    """``clausediff extract``: the text read from each file (or it and its layout, as JSON)."""
    from clausediff.sources import read_source

    status = EXIT_OK
    for name in args.sources:
        try:
            reading = read_source(name, encoding=args.encoding)
        except ClauseDiffError as e:
            print(error_line(e), file=sys.stderr)
            status = EXIT_USAGE
            continue
        if reading.detected:
            warn(f"{name}: not UTF-8; read as {reading.encoding} (detected)")
        print(render(reading, args.format))
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


_EXTENSION_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown",
                      ".markdown": "markdown", ".json": "json", ".txt": "text",
                      ".csv": "csv"}  # fmt: skip


def _output_format(args: argparse.Namespace) -> str:
    """--format, else what the output file's extension says, else text."""
    if args.format is not None:
        return str(args.format)
    if args.output:
        from pathlib import Path

        return _EXTENSION_FORMATS.get(Path(args.output).suffix.lower(), "text")
    return "text"


def _sides(args: argparse.Namespace) -> list[tuple[str, str | None]]:
    """Each side as ``(name, free text)``: a file or id with ``None``, or ``-`` with its text
    (the next --text, else standard input)."""
    names = [n for n in (args.left, args.right) if n is not None]
    names += ["-"] * (2 - len(names))
    texts = list(args.text)
    if len(texts) > names.count("-"):
        raise UsageError("more --text than sides to fill: give A and B as - or leave them out")
    sides: list[tuple[str, str | None]] = []
    stdin_used = False
    for name in names:
        if name != "-":
            sides.append((name, None))
        elif texts:
            sides.append(("-", texts.pop(0)))
        elif stdin_used:
            raise UsageError("only one side can come from standard input: give --text")
        else:
            stdin_used = True
            sides.append(("-", sys.stdin.read()))
    for _, text in sides:
        if text is not None and not text.strip():
            raise UsageError("the free text is empty")
    return sides


def _free_encodings(value: str | None) -> tuple[str | None, str | None]:
    if value is None or ":" not in value:
        return value, value
    left, _, right = value.partition(":")
    return left or None, right or None


def cmd_compare(args: argparse.Namespace) -> int:
    """``clausediff compare``: one clause against another, or two treaties aligned; either
    side may be a free text."""
    from clausediff.match.compare import compare_clauses
    from clausediff.match.normalization import DEFAULT_STEPS

    steps = (*DEFAULT_STEPS, "stem") if args.stem else DEFAULT_STEPS
    (lname, ltext), (rname, rtext) = _sides(args)
    lenc, renc = _free_encodings(args.encoding)
    left = load(lname, lenc) if ltext is None else None
    right = load(rname, renc) if rtext is None else None
    fmt = _output_format(args)
    color = args.output is None and use_color(sys.stdout)
    if args.article is None and left is not None and right is not None:
        from clausediff.match.align import align_documents

        min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
        if _reverse(args.start, (lname, left.metadata), (rname, right.metadata)):
            left, right = right, left
        alignment = align_documents(left, right, min_score=min_score, steps=steps)
        emit(render(alignment, fmt, color=color), args.output, inputs=_paths(lname, rname))
        return EXIT_OK
    if args.min_score is not None:
        raise UsageError("--min-score applies to whole-treaty alignment, not to one clause")
    x, y = _article_keys(args.article)
    lclause = _clause(left, ltext, x if left is not None else None, rtext)
    rclause = _clause(right, rtext, (y or x) if right is not None else None, lclause.text)
    if _reverse(args.start, (lname, lclause.metadata), (rname, rclause.metadata)):
        lclause, rclause = rclause, lclause
    comparison = compare_clauses(lclause, rclause, steps=steps)
    emit(render(comparison, fmt, color=color), args.output, inputs=_paths(lname, rname))
    return EXIT_OK


def _reverse(
    start: str | None, left: tuple[str, Metadata | None], right: tuple[str, Metadata | None]
) -> bool:
    """Whether to read B → A: ``--from B``, or ``--from old`` (the default) / ``new`` where
    both texts' dates say B is the older / newer. A note on stderr says when the order given
    is turned round, or when the dates cannot tell the order that was asked for."""
    if start in ("A", "B"):
        return start == "B"
    dates = [meta.signed if meta else None for _, meta in (left, right)]
    if None in dates or dates[0] == dates[1]:
        if start is not None:
            warn(f"--from {start}: the dates do not tell which text is the {start}er; "
                 "reading A → B")  # fmt: skip
        return False
    reverse = (dates[0] > dates[1]) == ((start or "old") == "old")  # type: ignore[operator]
    if reverse:
        (lname, _), (rname, _) = left, right
        warn(f"reading from the {start or 'old'}er text: {rname} ({dates[1]}) → {lname} "
             f"({dates[0]}); --from A keeps the order given")  # fmt: skip
    return reverse


def _paths(*names: str | None) -> list[str]:
    """The inputs that are files: an output may not overwrite them."""
    return [name for name in names if name and name != "-" and Path(name).is_file()]


def _article_keys(spec: str | None) -> tuple[str | None, str | None]:
    if spec is None:
        return None, None
    x, _, y = spec.partition(":")
    if not x or (spec.endswith(":") and not y):
        raise UsageError(f"--article {spec!r}: expected X or X:Y, as in 4 or 4:1")
    return x or None, y or None


def _clause(
    document: Document | None, text: str | None, key: str | None, other: str | None
) -> Clause:
    """One side of a clause comparison: a free text, the article *key* names, or (no key)
    the article that best matches the other side's text."""
    from clausediff.match.compare import Clause

    if document is None:
        assert text is not None
        return Clause.from_text(text)
    if key is not None:
        return Clause.from_article(document, pick_article(document, key))
    if other is None:
        raise UsageError("--article is needed to compare a treaty with a clause")
    article = best_article(document, other)
    warn(f"{document.id}: comparing with {article.label} (ref {article.ref}), its article "
         "closest to the free text; choose another with --article")  # fmt: skip
    return Clause.from_article(document, article)


def best_article(document: Document, text: str) -> Article:
    """The article of *document* whose words overlap *text*'s most (shared 3-word runs, then
    shared words), for comparing a free clause with a whole treaty."""
    from clausediff.match.boilerplate import word_keys
    from clausediff.match.compare import Clause

    keys = word_keys(text)
    grams = set(zip(keys, keys[1:], keys[2:], strict=False))
    words = set(keys)

    def overlap(article: Article) -> tuple[int, int]:
        other = word_keys(Clause.from_article(document, article).text)
        shared = grams & set(zip(other, other[1:], other[2:], strict=False))
        return len(shared), len(words & set(other))

    return max(document.articles, key=overlap)


def cmd_corpus(args: argparse.Namespace) -> int:
    """``clausediff corpus``: the bundled documents, one line each, or as JSON."""
    from clausediff.bundled import Catalog

    print(render(Catalog.bundled(), args.format))
    return EXIT_OK
