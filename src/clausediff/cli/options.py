"""The command line's shared options: the values an option may take (each refused with a
message naming it, as argparse shows it) and the groups of options several commands share.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "add_corpus_options",
    "add_encoding",
    "add_engine",
    "encoding",
    "positive",
    "probability",
    "score",
    "sided_encoding",
]

_N = TypeVar("_N", int, float)


def encoding(value: str) -> str:
    import codecs

    try:
        info = codecs.lookup(value)
    except LookupError as e:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from e
    if not getattr(info, "_is_text_encoding", True):
        raise argparse.ArgumentTypeError(f"{value!r} is not a text encoding, as cp1252 is")
    return value


def _number(value: str, kind: Callable[[str], _N], what: str) -> _N:
    """*value* read as *kind*, or argparse's error saying it is not *what*."""
    try:
        return kind(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"not {what}: {value!r}") from e


def score(value: str) -> float:
    number = _number(value, float, "a number")
    if not 0 <= number <= 100:
        raise argparse.ArgumentTypeError(f"{value} is outside 0-100")
    return number


def positive(value: str) -> int:
    number = _number(value, int, "a whole number")
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return number


def sided_encoding(value: str) -> str:
    for part in value.split(":"):
        if part:
            encoding(part)
    return value


def add_encoding(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--encoding", type=encoding, default=None, metavar="ENC",
        help=f"encoding of {what}, any Python codec, as cp1252 (default: the byte-order mark "
        "or the page's charset, else UTF-8, else detected and named on stderr)",
    )  # fmt: skip


def add_corpus_options(command: argparse.ArgumentParser) -> None:
    """--db FILE | --corpus DIR (neither: ./clausediff.sqlite if there is one, else the
    bundled corpus), for search and lineage."""
    where = command.add_mutually_exclusive_group()
    where.add_argument(
        "--db", metavar="FILE",
        help="an index built with `clausediff index` (default: ./clausediff.sqlite when it "
        "exists, else the bundled corpus)",
    )  # fmt: skip
    where.add_argument("--corpus", metavar="DIR", help="index DIR in memory and use it")


def probability(value: str) -> float:
    number = _number(value, float, "a number")
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not a probability above 0")
    return number


def add_engine(command: argparse.ArgumentParser, what: str, *, every_core: bool) -> None:
    """--workers and --scheduler: where the heavy work of *what* runs (by default on one
    process per core, or in this process)."""
    default = "one per core; 1: this process only" if every_core else "1: this process"
    command.add_argument(
        "--workers", type=positive, default=None if every_core else 1, metavar="N",
        help=f"run {what} on N local processes (default: {default})",
    )  # fmt: skip
    command.add_argument(
        "--scheduler", metavar="ADDRESS",
        help=f"run {what} on the dask.distributed cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; needs clausediff[dask]); the result is the same as a local run's",
    )  # fmt: skip
