"""The corpus commands of the command line: index, search, lineage."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clausediff.cli.common import EXIT_OK, UsageError, emit, inert, raw_stream, use_color, warn
from clausediff.errors import InputError
from clausediff.report import render, render_chunks

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from clausediff.corpus.facade import Corpus

__all__ = ["DEFAULT_INDEX", "cmd_index", "cmd_lineage", "cmd_search"]

#: The index file `index` writes and `search` and `lineage` read when given none.
DEFAULT_INDEX = "clausediff.sqlite"
_FORMATS_BY_EXTENSION = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv"}


def _bar(description: str, total: int | None) -> tuple[Progress, TaskID]:
    """A rich progress bar on stderr, started, and its one task. The bar draws with cursor
    codes, so it writes to the terminal itself (not through the inert stream): what it
    shows must be made inert by the caller."""
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(transient=True, console=Console(file=raw_stream(sys.stderr)))
    task = bar.add_task(description, total=total)
    bar.start()
    return bar, task


def _progress(total: int) -> tuple[Callable[[str], None], Callable[[], None]]:
    """A progress bar of files indexed on stderr when it is a terminal; otherwise nothing."""
    if not sys.stderr.isatty() or total < 2:
        return (lambda name: None), (lambda: None)
    from rich.markup import escape

    bar, task = _bar("indexing", total)

    def step(name: str) -> None:  # file names made inert and escaped from rich's markup
        bar.update(task, advance=1, description=f"indexing {escape(inert(name[:40]))}")

    return step, bar.stop


def _stages() -> tuple[Callable[[str, int, int | None], None], Callable[[], None]]:
    """A progress bar on stderr, when it is a terminal, for a command of several stages
    (``Corpus.lineage``'s *progress*); otherwise nothing."""
    if not sys.stderr.isatty():
        return (lambda stage, done, total: None), (lambda: None)
    bar, task = _bar("lineage", None)

    def tell(stage: str, done: int, total: int | None) -> None:
        bar.update(task, description=f"lineage: {stage}", completed=done, total=total)

    return tell, bar.stop


def _open_corpus(args: argparse.Namespace) -> Corpus:
    """The index the options name: --db, --corpus, else ./clausediff.sqlite where `index`
    wrote one, else the bundled corpus."""
    from clausediff.corpus.facade import Corpus

    if args.db:
        return Corpus.open(args.db)
    if args.corpus:
        return _build(args.corpus, ":memory:", args.encoding, _engine(args))
    if Path(DEFAULT_INDEX).is_file():
        return Corpus.open(DEFAULT_INDEX)
    return Corpus.bundled()


def _engine(args: argparse.Namespace) -> dict[str, Any]:
    """Where the heavy work runs (--workers, --scheduler; default: every core)."""
    workers = getattr(args, "workers", 1)
    if workers is None:
        from clausediff.corpus.engines import cpu_count

        workers = cpu_count()
    return {"workers": workers, "scheduler": getattr(args, "scheduler", None)}


def _index_options(args: argparse.Namespace) -> dict[str, Any]:
    """Where and how `index` builds: the engine, and --shards."""
    return {**_engine(args), "shards": args.shards}


def _build(
    directory: str, db: str, encoding: str | None, engine: dict[str, Any] | None = None
) -> Corpus:
    import gc

    from clausediff.corpus.facade import Corpus
    from clausediff.sources import treaty_files

    gc.enable()  # indexing a large directory runs long: keep memory in check
    step, done = _progress(len(treaty_files(Path(directory))))

    def waiting() -> None:
        warn(f"another `clausediff index` run is updating {db}; waiting for it to finish")

    try:
        corpus = Corpus.from_directory(
            directory, db=db, encoding=encoding, progress=step, on_wait=waiting, **(engine or {})
        )
    finally:
        done()
    assert corpus.report is not None
    for name, problem in corpus.report.failed:  # reported, not raised: the rest is indexed
        named = problem if problem.startswith(f"{name}:") else f"{name}: {problem}"
        print(f"clausediff: skipped {named}", file=sys.stderr)
    return corpus


def cmd_index(args: argparse.Namespace) -> int:
    """``clausediff index``: build or update an index file; one summary line."""
    with _build(args.directory, args.db, args.encoding, _index_options(args)) as corpus:
        report = corpus.report
        assert report is not None
        print(
            f"{args.db}: {report.articles} articles; files: {len(report.added)} added, "
            f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.removed)} removed, {len(report.failed)} skipped"
        )
    return EXIT_OK


def _format(args: argparse.Namespace) -> str:
    """--format, else what the output file's extension says, else text."""
    if args.format is not None:
        return str(args.format)
    if args.output:
        return _FORMATS_BY_EXTENSION.get(Path(args.output).suffix.lower(), "text")
    return "text"


def _read_text(name: str, encoding: str | None, limit: int) -> str:
    from clausediff.sources import decode_text, read_file

    return decode_text(read_file(name, limit=limit), encoding=encoding, source=name)


# The largest --query-file (a query is at most 4,000,000 characters) and --queries file.
_QUERY_FILE_LIMIT, _QUERIES_LIMIT = 16 * 2**20, 256 * 2**20


def _batch(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The queries of a JSON Lines file: ``id`` and ``query``, and optionally ``before``,
    ``after`` and ``exclude`` (a treaty id or a list of them)."""
    import json

    queries: list[dict[str, Any]] = []
    lines = _read_text(args.queries, args.encoding, _QUERIES_LIMIT).splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            exclude = item.get("exclude") or []
            exclude = [exclude] if isinstance(exclude, str) else [str(e) for e in exclude]
            queries.append(
                {
                    "query_id": str(item["id"]),
                    "query": str(item["query"]),
                    "before": _optional(item.get("before")) or args.before,
                    "after": _optional(item.get("after")) or args.after,
                    "exclude": [*args.exclude, *exclude],
                }
            )
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise InputError(
                f"line {number} is not a JSON object with 'id' and 'query' (and optionally "
                "'before', 'after', 'exclude')",
                source=args.queries,
            ) from e
    return queries


def _optional(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("a date is a string")
    return value


def _queries(args: argparse.Namespace, corpus: Corpus) -> list[dict[str, Any]]:
    """The keyword arguments of ``Corpus.search`` for each query the options name."""
    if args.queries:
        return _batch(args)
    common = {"before": args.before, "after": args.after, "exclude": list(args.exclude)}
    if args.query_file:
        return [{"query": _read_text(args.query_file, args.encoding, _QUERY_FILE_LIMIT), **common}]
    if args.article:
        document, _, key = args.article.rpartition(":")
        if not document or not key:
            raise UsageError(f"--article {args.article!r}: expected DOC:N, as in nato-1949:5")
        return [{"document": document, "article": key, "sources": args.sources, **common}]
    if args.text is None or not args.text.strip():
        raise UsageError("give a query: TEXT, --query-file F, --article DOC:N or --queries F")
    return [{"query": args.text, **common}]


def cmd_search(args: argparse.Namespace) -> int:
    """``clausediff search``: the ranked hits of each query."""
    if args.text is not None and (args.query_file or args.article or args.queries):
        raise UsageError("give the query once: TEXT or one of --query-file, --article, --queries")
    if args.sources and not args.article:
        raise UsageError("--sources needs --article DOC:N (the article whose sources to find)")
    fmt = _format(args)
    if fmt == "html" and args.queries:
        raise UsageError("--format html shows one query; use json for a batch")
    with _open_corpus(args) as corpus:
        queries = _queries(args, corpus)
        color = args.output is None and use_color(sys.stdout)
        outputs = []
        for options in queries:
            if "article" in options:  # the query is an article of the index
                result = corpus.search_article(top=args.top, **options)
            else:
                result = corpus.search(options.pop("query"), top=args.top, **options)
            outputs.append(render(result, fmt, color=color))
    if fmt == "csv":  # one table: the first result's header, every result's rows
        outputs = outputs[:1] + [out.partition("\n")[2] for out in outputs[1:]]
    separator = "\n" if fmt in ("json", "csv") else "\n\n"
    emit(separator.join(o for o in outputs if o), args.output, inputs=_inputs(args))
    return EXIT_OK


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files a command reads, which its output may not overwrite."""
    names = (getattr(args, n, None) for n in ("db", "query_file", "queries"))
    return [name for name in names if name]


def cmd_lineage(args: argparse.Namespace) -> int:
    """``clausediff lineage``: the families of articles that share language."""
    fmt = _format(args)
    with _open_corpus(args) as corpus:
        tell, done = _stages()
        try:
            lineage = corpus.lineage(
                max_p=args.max_p, min_score=args.min_score, progress=tell, **_engine(args)
            )
        finally:
            done()
        # in parts: the JSON of a large corpus's lineage is written without being held whole
        chunks = render_chunks(lineage, fmt, color=args.output is None and use_color(sys.stdout))
    emit(chunks, args.output, inputs=_inputs(args))
    return EXIT_OK
