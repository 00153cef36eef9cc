"""What the command-line modules share: exit statuses, usage errors, colour, hints, output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from clausediff.errors import (
    ClauseDiffError,
    DecodeError,
    IndexFileError,
    InputError,
    MojibakeError,
    UnknownDocumentError,
)

__all__ = [
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "UsageError",
    "emit",
    "error_line",
    "use_color",
    "warn",
]

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2

_INDEX_COMMAND = "`clausediff index DIR --db FILE`"


class UsageError(ClauseDiffError):
    """Options that cannot go together, or an option value of the wrong form."""


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _hint(error: ClauseDiffError) -> str | None:
    """The error's hint in the command line's words: flags and commands, where the library
    can only say what to do."""
    if isinstance(error, DecodeError) and not isinstance(error, MojibakeError):
        return (
            "if the file uses another encoding, pass it with --encoding, "
            "for example --encoding cp1252 or --encoding latin-1"
        )
    if isinstance(error, UnknownDocumentError) and error.hint is not None:
        return "`clausediff corpus` lists the bundled ids"
    if isinstance(error, IndexFileError) and error.hint is not None:
        if error.hint.startswith("delete"):
            return f"delete the file and build the index again with {_INDEX_COMMAND}"
        return f"build one with {_INDEX_COMMAND}"
    return error.hint


def error_line(error: ClauseDiffError) -> str:
    """The one line that reports *error* on stderr: the problem, then what to do."""
    hint = _hint(error)
    return f"clausediff: error: {error}" + (f" ({hint})" if hint else "")


def emit(text: str, output: str | None) -> None:
    """Print *text*, or write it to the file *output*.

    Raises:
        InputError: the output file cannot be written.
    """
    if output is None:
        print(text)
        return
    try:
        Path(output).write_text(text + "\n", encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write the output file ({e.strerror})", source=output) from e


def warn(message: str) -> None:
    """A note on stderr that does not stop the command."""
    print(f"clausediff: note: {message}", file=sys.stderr)
