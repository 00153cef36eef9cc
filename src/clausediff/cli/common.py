"""What the command-line modules share: exit statuses, usage errors, colour, hints, output."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
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
    "InertStream",
    "UsageError",
    "emit",
    "error_line",
    "inert",
    "raw_stream",
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
        if "build" in error.hint:
            return f"build one with {_INDEX_COMMAND}"
    return error.hint


def error_line(error: ClauseDiffError) -> str:
    """The one line that reports *error* on stderr: the problem, then what to do."""
    hint = _hint(error)
    return f"clausediff: error: {error}" + (f" ({hint})" if hint else "")


# Control characters a terminal acts on: C0 but tab and line feed, DEL, C1. A treaty text (or
# a file name) that holds them must not set a window title, write the clipboard (OSC 52) or
# clear the screen: each is shown as its escape, \u001b, which reads as text and, inside a
# JSON string, still means the character. A lone carriage return is shown as a line break.
# Lone surrogates (half a character, from a JSON query's "\ud800" or a codec that escapes)
# cannot be written at all: they are shown the same way.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SGR = "\x1b\\[[0-9;]*m"  # colour, which clausediff's own terminal output uses
_CONTROL_OR_SGR = re.compile(f"{_SGR}|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _shown(m: re.Match[str]) -> str:
    char = m.group()
    if len(char) > 1:
        return char  # a colour sequence
    if char == "\r":
        return "\n"
    return f"\\u{ord(char):04x}"


def inert(text: str, *, colour: bool = False) -> str:
    """*text* with every control character made visible (``\\u001b``), but tabs, line breaks,
    and, where *colour* is true, colour sequences (``ESC [ 31 m``)."""
    text = text.replace("\r\n", "\n")
    pattern = _CONTROL_OR_SGR if colour else _CONTROL
    return pattern.sub(_shown, text) if pattern.search(text) else text


class InertStream:
    """A text stream that makes what is written to it inert (``inert``): the command line
    writes treaty text, titles and file names, and none may drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write *text*, made inert."""
        self._stream.write(inert(text, colour=True))
        return len(text)

    def flush(self) -> None:
        """Flush the stream underneath."""
        self._stream.flush()

    def isatty(self) -> bool:
        """Whether the stream underneath is a terminal."""
        return self._stream.isatty()

    def fileno(self) -> int:
        """The file descriptor underneath."""
        return self._stream.fileno()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream an ``InertStream`` writes to (for a progress bar that draws with cursor
    codes of its own); any other stream as it is."""
    return stream._stream if isinstance(stream, InertStream) else stream


def emit(
    text: str | Iterable[str], output: str | None, *, inputs: Sequence[str | Path] = ()
) -> None:
    """Print *text* (a string, or the parts of one: ``report.render_chunks``), or write it to
    the file *output*: whole or not at all (a temporary file beside it, renamed over it once
    written), never over one of the *inputs*; a device or a FIFO is written to as it is.

    Raises:
        InputError: the output file is one of the inputs, or cannot be written.
    """
    parts = (text,) if isinstance(text, str) else text
    if output is None:
        for part in parts:
            sys.stdout.write(part)
        print()
        return
    target = Path(output)
    for source in inputs:
        try:
            same = target.exists() and target.samefile(source)
        except OSError:
            same = False
        if same:
            raise InputError(
                "the output file is one of the inputs", source=output, hint="write elsewhere"
            )
    if target.exists() and not target.is_file():
        # a device (/dev/null, /dev/stdout) or a FIFO: written to, never replaced (renaming a
        # file over /dev/null, as root, puts a file in its place)
        _write(target, parts, output)
        return
    import tempfile  # here: 5 ms of start-up that only -o needs

    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent if target.parent else "."
        )
    except OSError as e:
        raise InputError(f"cannot write the output file ({e.strerror})", source=output) from e
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for part in parts:  # made while written: stopped (Ctrl-C, SIGTERM), the same
                stream.write(inert(part))
            stream.write("\n")
        os.replace(temporary, target)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write the output file ({e.strerror})", source=output) from e
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write(target: Path, parts: Iterable[str], output: str) -> None:
    """Write *parts* and a newline to *target* as it is (``emit``'s way for what is not a
    file).

    Raises:
        InputError: it cannot be written (a directory, one may not write to).
    """
    try:
        with target.open("w", encoding="utf-8") as stream:
            for part in parts:
                stream.write(inert(part))
            stream.write("\n")
    except OSError as e:
        raise InputError(f"cannot write the output file ({e.strerror})", source=output) from e


def warn(message: str) -> None:
    """A note on stderr that does not stop the command."""
    print(f"clausediff: note: {message}", file=sys.stderr)
