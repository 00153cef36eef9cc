"""The corpus commands of the command line: index, search, lineage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clausediff.cli.common import EXIT_OK, UsageError, inert, raw_stream, use_color
from clausediff.errors import InputError
from clausediff.report import render

if TYPE_CHECKING:
    from clausediff.corpus.facade import Corpus

__all__ = ["cmd_index", "cmd_lineage", "cmd_search"]


def _progress(total: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A rich progress bar on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty() or total < 2:
        return (lambda name: None), (lambda: None)
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress

    # the bar draws with cursor codes, so it writes to the terminal itself (not through the
    # inert stream); the file names it shows are made inert and escaped from rich's markup
    bar = Progress(transient=True, console=Console(file=raw_stream(sys.stderr)))
    task = bar.add_task("indexing", total=total)
    bar.start()

    def step(name: str) -> None:
        bar.update(task, advance=1, description=f"indexing {escape(inert(name[:40]))}")

    return step, bar.stop


def _open_corpus(args: argparse.Namespace) -> Corpus:
    from clausediff.corpus.facade import Corpus

    if args.db:
        return Corpus.open(args.db)
    if args.corpus:
        return _build(args.corpus, ":memory:", args.encoding)
    return Corpus.bundled()


def _build(directory: str, db: str, encoding: str | None) -> Corpus:
    import gc

    from clausediff.corpus.facade import Corpus
    from clausediff.sources import treaty_files

    gc.enable()  # indexing a large directory runs long: keep memory in check
    step, done = _progress(len(treaty_files(Path(directory))))
    try:
        corpus = Corpus.from_directory(directory, db=db, encoding=encoding, progress=step)
    finally:
        done()
    assert corpus.report is not None
    for name, problem in corpus.report.failed:  # reported, not raised: the rest is indexed
        named = problem if problem.startswith(f"{name}:") else f"{name}: {problem}"
        print(f"clausediff: skipped {named}", file=sys.stderr)
    return corpus


def cmd_index(args: argparse.Namespace) -> int:
    """``clausediff index``: build or update an index file; one summary line."""
    with _build(args.directory, args.db, args.encoding) as corpus:
        report = corpus.report
        assert report is not None
        print(
            f"{args.db}: {report.articles} articles; files: {len(report.added)} added, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed, {len(report.failed)} skipped"
        )
    return EXIT_OK


def _queries(args: argparse.Namespace, corpus: Corpus) -> list[tuple[str | None, str, str | None]]:
    """(id, query text, document prefix to exclude) for each query the options name."""
    import json

    if args.queries:
        queries: list[tuple[str | None, str, str | None]] = []
        lines = _read_text(args.queries, args.encoding).splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                queries.append((str(item["id"]), str(item["query"]), args.exclude))
            except (ValueError, KeyError, TypeError) as e:
                raise InputError(
                    f"line {number} is not a JSON object with 'id' and 'query'",
                    source=args.queries,
                ) from e
        return queries
    if args.query_file:
        return [(None, _read_text(args.query_file, args.encoding), args.exclude)]
    if args.article:
        document, _, number = args.article.rpartition(":")
        if not document or not number:
            raise UsageError(f"--article {args.article!r}: expected DOC:N, as in nato-1949:5")
        from clausediff.model import DocumentId

        _, text = corpus.article_text(document, number)
        return [(None, text, args.exclude or DocumentId.parse(document).treaty)]
    if args.text is None or not args.text.strip():
        raise UsageError("give a query: TEXT, --query-file F, --article DOC:N or --queries F")
    return [(None, args.text, args.exclude)]


def _read_text(name: str, encoding: str | None) -> str:
    from clausediff.sources import decode_text, read_file

    return decode_text(read_file(name), encoding=encoding, source=name)


def cmd_search(args: argparse.Namespace) -> int:
    """``clausediff search``: the ranked hits of each query."""
    if args.text is not None and (args.query_file or args.article or args.queries):
        raise UsageError("give the query once: TEXT or one of --query-file, --article, --queries")
    with _open_corpus(args) as corpus:
        queries = _queries(args, corpus)
        color = use_color(sys.stdout)
        for query_id, text, exclude in queries:
            result = corpus.search(text, top=args.top, exclude=exclude, query_id=query_id)
            output = render(result, args.format, color=color)
            print(output if args.format == "json" or len(queries) == 1 else output + "\n")
    return EXIT_OK


def cmd_lineage(args: argparse.Namespace) -> int:
    """``clausediff lineage``: the families of articles that share language."""
    with _open_corpus(args) as corpus:
        lineage = corpus.lineage(min_score=args.min_score)
        print(render(lineage, args.format, color=use_color(sys.stdout)))
    return EXIT_OK
