"""The command line's entry point: the argument parser, and ``main``.

Exit status: 0 on success, 2 when the input or an option is bad (the message names the
problem; each error class carries its status), 1 for an internal error (a bug: the message
asks for a report), 130 when interrupted (Ctrl-C) and 143 when terminated (SIGTERM), each
after what the command held open is closed. Nothing else in clausediff prints or exits.
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO, cast

from clausediff import __version__
from clausediff.cli import corpus as corpus_commands
from clausediff.cli import documents, options
from clausediff.cli.common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    InertStream,
    error_line,
    warn,
)
from clausediff.errors import ClauseDiffError, ClauseDiffWarning
from clausediff.report import formats

__all__ = ["DEFAULT_MIN_SCORE", "build_parser", "main"]

DEFAULT_MIN_SCORE = documents.DEFAULT_MIN_SCORE
# lineage's defaults (corpus.lineage's, not imported here: every command would load it)
DEFAULT_MAX_P, DEFAULT_LINEAGE_SCORE = 1e-3, 10.0

# The result types each command renders, by import path: the --format choices come from the
# renderer registry without importing them.
_DOCUMENT = "clausediff.model:Document"
_READING = "clausediff.readers.base:Reading"
_CATALOG = "clausediff.bundled:Catalog"
_COMPARISON = "clausediff.match.compare:Comparison"
_SEARCH = "clausediff.corpus.search:SearchResult"
_LINEAGE = "clausediff.corpus.lineage:Lineage"


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors in clausediff's own words and exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"clausediff: error: {message}\n")


def _add_parse(commands: argparse._SubParsersAction[_Parser]) -> None:
    parse = commands.add_parser(
        "parse",
        help="split treaty texts into articles and paragraphs",
        description="Split each treaty text into its preamble, articles and paragraphs.",
    )
    parse.add_argument(
        "sources", nargs="+", metavar="FILE|ID",
        help="a text file, or the id of a document of the bundled corpus (see `clausediff corpus`)",
    )  # fmt: skip
    parse.add_argument(
        "--format", choices=formats(_DOCUMENT), default="outline",
        help="outline: a readable outline; text: the text as read; json: one object per "
        "document (JSON Lines for several); akn: Akoma Ntoso 3.0 XML",
    )  # fmt: skip
    options.add_encoding(parse, "the input files")
    parse.set_defaults(handler=documents.cmd_parse)


def _add_extract(commands: argparse._SubParsersAction[_Parser]) -> None:
    extract = commands.add_parser(
        "extract",
        help="print the text read from files of any format (PDF, HTML, DOCX, ODT, AKN)",
        description="Print the text clausediff reads from each file, before any parsing; "
        "with --format json, also its pages, page furniture, metadata and source map.",
    )
    extract.add_argument(
        "sources", nargs="+", metavar="FILE|ID", help="a file, or the id of a bundled text"
    )
    extract.add_argument("--format", choices=formats(_READING), default="text")
    options.add_encoding(extract, "text and HTML files")
    extract.set_defaults(handler=documents.cmd_extract)


def _add_compare(commands: argparse._SubParsersAction[_Parser]) -> None:
    compare = commands.add_parser(
        "compare",
        help="compare two clauses, or align two whole treaties",
        description=(
            "With --article, compare one article of A with one of B: scores, shared passages "
            "and a redline. Without it, align the two treaties article by article."
        ),
    )
    compare.add_argument(
        "left", metavar="A", nargs="?",
        help="a file (any format), a bundled corpus id, or - for a free text (--text or stdin)",
    )  # fmt: skip
    compare.add_argument("right", metavar="B", nargs="?", help="as A")
    compare.add_argument(
        "--text", metavar="TEXT", action="append", default=[],
        help="a free-text clause for a side given as - or left out (twice: both sides)",
    )  # fmt: skip
    compare.add_argument(
        "--article", metavar="X[:Y]",
        help="compare A's article X with B's article Y (X alone: the same on both sides); "
        "a number in any printed form (IV = 4), or a ref where numbers repeat (protocol-1/1)",
    )  # fmt: skip
    compare.add_argument(
        "--format", choices=formats(_COMPARISON), default=None,
        help="default: from the -o file's extension (.html, .md, .json), else text",
    )  # fmt: skip
    compare.add_argument(
        "--min-score", type=options.score, default=None, metavar="S",
        help="alignment only: pair articles scoring at least S, 0-100 "
        f"(default {DEFAULT_MIN_SCORE:g})",
    )  # fmt: skip
    compare.add_argument(
        "--from", dest="start", choices=("old", "new", "A", "B"), default=None,
        help="read the redline from the older text to the newer (old, the default, where both "
        "texts have a date), from the newer (new), or from A or from B as given",
    )  # fmt: skip
    compare.add_argument(
        "--stem", action="store_true",
        help="match inflected forms of a word (Snowball stemming in the texts' language)",
    )  # fmt: skip
    compare.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    compare.add_argument(
        "--encoding", type=options.sided_encoding, default=None, metavar="ENC[:ENC]",
        help="encoding of text and HTML inputs: ENC for both, LEFT:RIGHT for each side "
        "(an empty side: its default)",
    )  # fmt: skip
    compare.set_defaults(handler=documents.cmd_compare)


def _add_index(commands: argparse._SubParsersAction[_Parser]) -> None:
    index = commands.add_parser(
        "index",
        help="index a directory of treaty texts for search and lineage",
        description=(
            "Parse every treaty file of DIR (text, PDF, HTML, DOCX, ODT, Akoma Ntoso; id: "
            "the file name without its extension; titles and dates from DIR/catalog.toml) "
            "into an SQLite index. Run it again after the directory changes: only changed "
            "files are redone. A second run on the same index waits for the first."
        ),
    )
    index.add_argument("directory", metavar="DIR")
    index.add_argument(
        "--db", metavar="FILE", default=corpus_commands.DEFAULT_INDEX,
        help=f"the index file (default: {corpus_commands.DEFAULT_INDEX}, which search and "
        "lineage then use by default)",
    )  # fmt: skip
    options.add_encoding(index, "the files")
    options.add_engine(index, "parsing, tokenizing and fingerprinting", every_core=True)
    index.add_argument(
        "--shards", metavar="DIR",
        help="pass what the workers prepare through Parquet shards kept in DIR (needs "
        "clausediff[dask]); a later run reads an unchanged file's shard instead of parsing it",
    )  # fmt: skip
    index.set_defaults(handler=corpus_commands.cmd_index)


def _add_search(commands: argparse._SubParsersAction[_Parser]) -> None:
    search = commands.add_parser(
        "search",
        help="find the articles that share a clause's language",
        description=(
            "Rank the articles of an index that share language with a query, rarest shared "
            "language first, with the shared passages, each text's date, and how significant "
            "each match is (bit score, p-value, E-value)."
        ),
    )
    search.add_argument("text", nargs="?", metavar="TEXT", help="the query text")
    source = search.add_mutually_exclusive_group()
    source.add_argument("--query-file", metavar="F", help="read the query from a file")
    source.add_argument(
        "--article", metavar="DOC:N",
        help="use article N (a number or a ref) of document DOC of the index as the query "
        "(its treaty is left out of the hits)",
    )  # fmt: skip
    source.add_argument(
        "--queries", metavar="F.jsonl",
        help='batch: one {"id", "query"} object per line, optionally with "before", "after" '
        'and "exclude"; one result per line',
    )  # fmt: skip
    options.add_corpus_options(search)
    search.add_argument(
        "--top", type=options.positive, default=10, metavar="K", help="hits per query"
    )
    search.add_argument(
        "--exclude", metavar="TREATY", action="append", default=[],
        help="leave out a treaty, all its renderings (repeatable; adds to --article's own)",
    )  # fmt: skip
    search.add_argument(
        "--before", metavar="DATE", help="only texts signed on or before DATE (YYYY[-MM[-DD]])"
    )
    search.add_argument(
        "--after", metavar="DATE", help="only texts signed on or after DATE (YYYY[-MM[-DD]])"
    )
    search.add_argument(
        "--sources", action="store_true",
        help="with --article: only texts signed no later than its treaty (its possible sources)",
    )  # fmt: skip
    search.add_argument(
        "--format", choices=formats(_SEARCH), default=None,
        help="default: from the -o file's extension (.html, .json), else text",
    )  # fmt: skip
    search.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    options.add_encoding(search, "query and corpus files")
    search.set_defaults(handler=corpus_commands.cmd_search)


def _add_lineage(commands: argparse._SubParsersAction[_Parser]) -> None:
    lineage = commands.add_parser(
        "lineage",
        help="find families of articles that share language across treaties",
        description=(
            "Every pair of articles from different treaties that share language beyond "
            "chance, grouped into families, each a tree from its earliest text. A run that "
            "stops before its end (interrupted, terminated, killed) keeps its work, and the "
            "same lineage of the same index, run again, goes on from there."
        ),
    )
    options.add_corpus_options(lineage)
    lineage.add_argument(
        "--min-score", type=options.score, default=DEFAULT_LINEAGE_SCORE, metavar="S",
        help="link two articles only when their shared passages cover at least S of the "
        f"smaller one, 0-100, rarity-weighted (default {DEFAULT_LINEAGE_SCORE:g})",
    )  # fmt: skip
    lineage.add_argument(
        "--max-p", type=options.probability, default=DEFAULT_MAX_P, metavar="P",
        help="link two articles when the chance that unrelated texts of their lengths share "
        f"as much is at most P (default {DEFAULT_MAX_P:g})",
    )  # fmt: skip
    lineage.add_argument(
        "--format", choices=formats(_LINEAGE), default=None,
        help="default: from the -o file's extension (.html, .json), else text",
    )  # fmt: skip
    lineage.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    options.add_encoding(lineage, "corpus files")
    options.add_engine(lineage, "the finding and scoring of candidate pairs", every_core=False)
    lineage.set_defaults(handler=corpus_commands.cmd_lineage)


def _add_corpus(commands: argparse._SubParsersAction[_Parser]) -> None:
    corpus = commands.add_parser(
        "corpus",
        help="list the documents of the bundled corpus",
        description="List the ids, dates and titles of the bundled treaty texts; with --format "
        "json, everything the catalog says of each (parties, source, what a partial copy lacks).",
    )
    corpus.add_argument("--format", choices=formats(_CATALOG), default="text")
    corpus.set_defaults(handler=documents.cmd_corpus)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line: one sub-command per verb."""
    parser = _Parser(
        prog="clausediff",
        description="Parse treaty texts into articles and compare clauses across treaties.",
    )
    parser.add_argument("--version", action="version", version=f"clausediff {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_parse,
        _add_extract,
        _add_compare,
        _add_index,
        _add_search,
        _add_lineage,
        _add_corpus,
    ):
        add(commands)
    return parser


class _Terminated(BaseException):
    """SIGTERM, raised where the command is, as Ctrl-C raises KeyboardInterrupt: what the
    command holds open is closed on the way out (its temporary files removed, a build's
    last transaction rolled back, its worker processes stopped) before it exits."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise _Terminated


def _note(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """Show a warning: clausediff's own as a note on stderr, any other as Python does."""
    if issubclass(category, ClauseDiffWarning):
        warn(str(message))
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


def _on_sigterm() -> Callable[[], None]:
    """Raise ``_Terminated`` on SIGTERM; the function that puts the handler before back
    (nothing to do outside the main thread, where no handler may be set)."""
    try:
        before = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread
        return lambda: None

    def restore() -> None:
        signal.signal(signal.SIGTERM, before)

    return restore


def _drop_stdout() -> None:
    """What is left in the standard output's buffer goes nowhere: the interpreter would try
    to write it again on exit, and fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    # A command is one short run that makes many small objects and few cycles: the cyclic
    # garbage collector's passes would cost it 10-20% for nothing (reference counting still
    # frees memory as it goes).
    collecting = gc.isenabled()
    gc.disable()
    streams = sys.stdout, sys.stderr
    # what the command prints is inert: treaty text and file names cannot drive the terminal
    sys.stdout = cast(TextIO, InertStream(sys.stdout))
    sys.stderr = cast(TextIO, InertStream(sys.stderr))
    restore = _on_sigterm()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ClauseDiffWarning)  # a note each time, never an error
            warnings.showwarning = _note
            args = build_parser().parse_args(argv)
            status = int(args.handler(args))
            sys.stdout.flush()
            return status
    except ClauseDiffError as e:
        print(error_line(e), file=sys.stderr)
        return e.exit_status
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:  # the standard output is full or gone
        _drop_stdout()
        print(f"clausediff: error: cannot write the output ({e.strerror or e})", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("clausediff: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("clausediff: terminated", file=sys.stderr)
        return 128 + signal.SIGTERM
    except Exception as e:  # the last line of defence: no traceback reaches the user
        print(
            f"clausediff: internal error: {type(e).__name__}: {e}\n"
            "This is a bug in clausediff: please report it to the clausediff developers "
            "with the command you ran and its input.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    finally:
        restore()
        sys.stdout, sys.stderr = streams
        if collecting:
            gc.enable()
