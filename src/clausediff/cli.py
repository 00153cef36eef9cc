"""The command line: read arguments and files, call the library, print, set the exit status.

Exit status: 0 on success, 2 when the input or an option is bad (the message names the
problem), 1 for an internal error (a bug: the message asks for a report).
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from clausediff import __version__
from clausediff import _cli_corpus as corpus_commands
from clausediff._cli_common import EXIT_OK, EXIT_USAGE, UsageError, use_color
from clausediff.errors import ClauseDiffError, InputError
from clausediff.report import COMPARE_FORMATS, DOCUMENT_FORMATS, SEARCH_FORMATS, render

if TYPE_CHECKING:
    from clausediff.model import Document

# Each command imports what it needs when it runs: start-up is part of every command's time.
DEFAULT_MIN_SCORE = 15.0  # clausediff.align.DEFAULT_MIN_SCORE, checked by a test

__all__ = ["main"]

EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors in clausediff's own words and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"clausediff: error: {message}\n")


def _add_corpus_options(command: argparse.ArgumentParser) -> None:
    """--db FILE | --corpus DIR (neither: the bundled corpus), for search and lineage."""
    where = command.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="FILE", help="an index built with `clausediff index`")
    where.add_argument("--corpus", metavar="DIR", help="index DIR in memory and use it")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="clausediff",
        description="Parse treaty texts into articles and compare clauses across treaties.",
    )
    parser.add_argument("--version", action="version", version=f"clausediff {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    parse = commands.add_parser(
        "parse",
        help="split treaty texts into articles and paragraphs",
        description="Split each treaty text into its preamble, articles and paragraphs.",
    )
    parse.add_argument(
        "sources",
        nargs="+",
        metavar="FILE|ID",
        help="a text file, or the id of a document of the bundled corpus (see `clausediff corpus`)",
    )
    parse.add_argument(
        "--format",
        choices=DOCUMENT_FORMATS,
        default="text",
        help="text: a readable outline; json: one object per document (JSON Lines for several)",
    )
    parse.add_argument(
        "--encoding",
        type=_encoding,
        default="utf-8",
        help="encoding of the input files (default: utf-8)",
    )
    parse.set_defaults(handler=_cmd_parse)

    compare = commands.add_parser(
        "compare",
        help="compare two clauses, or align two whole treaties",
        description=(
            "With --article, compare one article of A with one of B: scores, shared passages "
            "and a redline. Without it, align the two treaties article by article."
        ),
    )
    compare.add_argument("left", metavar="A", help="a text file or a bundled corpus id")
    compare.add_argument("right", metavar="B", help="a text file or a bundled corpus id")
    compare.add_argument(
        "--article",
        metavar="X[:Y]",
        help="compare A's article X with B's article Y (X alone: the same number on both "
        "sides); numbers match in any printed form (IV = 4)",
    )
    compare.add_argument("--format", choices=COMPARE_FORMATS, default="text")
    compare.add_argument(
        "--min-score",
        type=_score,
        default=None,
        metavar="S",
        help="alignment only: pair articles scoring at least S, 0-100 "
        f"(default {DEFAULT_MIN_SCORE:g})",
    )
    compare.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    compare.add_argument(
        "--encoding", type=_encoding, default="utf-8", help="encoding of input files"
    )
    compare.set_defaults(handler=_cmd_compare)

    index = commands.add_parser(
        "index",
        help="index a directory of treaty texts for search and lineage",
        description=(
            "Parse every *.txt file of DIR (id: the file name without .txt) into an SQLite "
            "index. Run it again after the directory changes: only changed files are redone."
        ),
    )
    index.add_argument("directory", metavar="DIR")
    index.add_argument(
        "--db", metavar="FILE", default="clausediff.sqlite",
        help="the index file (default: clausediff.sqlite)",
    )  # fmt: skip
    index.add_argument("--encoding", type=_encoding, default="utf-8", help="encoding of the files")
    index.set_defaults(handler=corpus_commands.cmd_index)

    search = commands.add_parser(
        "search",
        help="find the articles that share a clause's language",
        description=(
            "Rank the articles of an index (default: the bundled corpus) that share language "
            "with a query, with the shared passages and how unusual each match is."
        ),
    )
    search.add_argument("text", nargs="?", metavar="TEXT", help="the query text")
    source = search.add_mutually_exclusive_group()
    source.add_argument("--query-file", metavar="F", help="read the query from a file")
    source.add_argument(
        "--article", metavar="DOC:N", help="use article N of document DOC of the index as query"
    )
    source.add_argument(
        "--queries", metavar="F.jsonl",
        help='batch: one {"id", "query"} object per line; one result per line',
    )  # fmt: skip
    _add_corpus_options(search)
    search.add_argument("--top", type=_positive, default=10, metavar="K", help="hits per query")
    search.add_argument(
        "--exclude", metavar="PREFIX",
        help="leave out documents whose id starts with PREFIX (with --article: its own document)",
    )  # fmt: skip
    search.add_argument("--format", choices=SEARCH_FORMATS, default="text")
    search.add_argument(
        "--encoding", type=_encoding, default="utf-8", help="encoding of query and corpus files"
    )
    search.set_defaults(handler=corpus_commands.cmd_search)

    lineage = commands.add_parser(
        "lineage",
        help="find families of articles that share language across treaties",
        description=(
            "Every pair of articles from different treaties that share substantive language, "
            "grouped into families (default corpus: the bundled one)."
        ),
    )
    _add_corpus_options(lineage)
    lineage.add_argument(
        "--min-score", type=_score, default=50.0, metavar="S",
        help="the lowest pair score to link two articles, 0-100 (default 50)",
    )  # fmt: skip
    lineage.add_argument("--format", choices=SEARCH_FORMATS, default="text")
    lineage.add_argument(
        "--encoding", type=_encoding, default="utf-8", help="encoding of corpus files"
    )
    lineage.set_defaults(handler=corpus_commands.cmd_lineage)

    corpus = commands.add_parser(
        "corpus",
        help="list the documents of the bundled corpus",
        description="List the ids, dates and titles of the bundled treaty texts.",
    )
    corpus.set_defaults(handler=_cmd_corpus)
    return parser


def load_source(name: str, *, encoding: str = "utf-8") -> Document:
    """Parse a file path, or a bundled corpus id when no such file exists."""
    from clausediff.catalog import load_bundled
    from clausediff.decoding import decode_text
    from clausediff.parse import parse_document

    path = Path(name)
    if path.is_dir():
        raise InputError("is a directory; give a treaty text file", source=name)
    if path.is_file():
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read the file ({e.strerror})", source=name) from None
        text = decode_text(data, encoding=encoding, source=name)
        return parse_document(text, id=path.name.removesuffix(".txt"))
    return load_bundled(name)


def _cmd_parse(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.sources:
        try:
            document = load_source(name, encoding=args.encoding)
        except ClauseDiffError as e:
            print(f"clausediff: error: {e}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        output = render(document, args.format)
        if args.format == "text" and len(args.sources) > 1:
            output += "\n"
        print(output)
    return status


def _encoding(value: str) -> str:
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None
    return value


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-100")
    return score


def _emit(text: str, output: str | None) -> None:
    if output is None:
        print(text)
        return
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write the output file ({e.strerror})", source=output) from None


def _cmd_compare(args: argparse.Namespace) -> int:
    from clausediff.align import align_documents
    from clausediff.compare import Clause, compare_clauses

    left = load_source(args.left, encoding=args.encoding)
    right = load_source(args.right, encoding=args.encoding)
    color = args.output is None and use_color(sys.stdout)
    if args.article is not None:
        if args.min_score is not None:
            raise UsageError("--min-score applies to whole-treaty alignment, not to --article")
        x, _, y = args.article.partition(":")
        if not x or (args.article.endswith(":") and not y):
            raise UsageError(f"--article {args.article!r}: expected X or X:Y, as in 4 or 4:1")
        comparison = compare_clauses(
            Clause.from_article(left, left.article(x)),
            Clause.from_article(right, right.article(y or x)),
        )
        _emit(render(comparison, args.format, color=color, documents=(left, right)), args.output)
        return EXIT_OK
    min_score = DEFAULT_MIN_SCORE if args.min_score is None else args.min_score
    alignment = align_documents(left, right, min_score=min_score)
    _emit(render(alignment, args.format, color=color), args.output)
    return EXIT_OK


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def _cmd_corpus(args: argparse.Namespace) -> int:
    from clausediff.catalog import catalog

    entries = catalog()
    width = max(len(doc_id) for doc_id in entries)
    for doc_id, entry in sorted(entries.items()):
        note = "" if entry.complete else "  (partial)"
        print(f"{doc_id:<{width}}  {entry.signed}  {entry.title}{note}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    # A command is one short run that makes many small objects and few cycles: the cyclic
    # garbage collector's passes would cost it 10-20% for nothing (reference counting still
    # frees memory as it goes).
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = _build_parser()
        args = parser.parse_args(argv)
        return int(args.handler(args))
    except ClauseDiffError as e:
        print(f"clausediff: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("clausediff: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # the last line of defence: no traceback reaches the user
        print(
            f"clausediff: internal error: {type(e).__name__}: {e}\n"
            "This is a bug in clausediff: please report it to the clausediff developers "
            "with the command you ran and its input.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        if collecting:
            gc.enable()
