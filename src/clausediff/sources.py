"""Where documents come from: bytes and files to text, and "a path or a bundled id" to a
``Document``. The one place that reads treaty files and turns ``OSError`` into clausediff's
errors, and the one place that knows the grammar of a document id.

A file's id is its name without ``.txt``; ids follow the grammar of ``model.DocumentId``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from clausediff.errors import ClauseDiffError, DecodeError, InputError
from clausediff.model import Document, Metadata
from clausediff.parse.document import parse_document

__all__ = [
    "decode_text",
    "document_from_bytes",
    "file_id",
    "load_document",
    "read_file",
    "read_files",
    "treaty_files",
]

_BINARY_PROBE = 8192


def decode_text(data: bytes, *, encoding: str = "utf-8", source: str | None = None) -> str:
    """Decode a treaty file's bytes exactly (no newline or BOM translation).

    Raises:
        InputError: the data is empty, looks binary (NUL bytes), or *encoding* is unknown.
        DecodeError: the data is not valid in *encoding*; the error names the first bad byte.
    """
    try:
        codecs.lookup(encoding)
    except LookupError as e:
        raise InputError(
            f"unknown encoding {encoding!r}", source=source, hint="name a Python codec, as cp1252"
        ) from e
    if not data:
        raise InputError("the file is empty", source=source)
    wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf-32", "utf16", "utf32"))
    if not wide and b"\x00" in data[:_BINARY_PROBE]:
        raise InputError(
            "this looks like a binary file (it holds NUL bytes), not a treaty text", source=source
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise DecodeError(
            f"not valid {encoding}: byte 0x{data[e.start]:02x} at byte offset {e.start} "
            f"({e.reason})",
            offset=e.start,
            source=source,
            hint="if the file uses another encoding, name it (for example cp1252 or latin-1)",
        ) from e


def read_file(path: str | Path, *, source: str | None = None) -> bytes:
    """The bytes of a file; *source* (default: the path) names it in errors.

    Raises:
        InputError: the path is a directory, does not exist, or cannot be read.
    """
    path = Path(path)
    source = source or str(path)
    if path.is_dir():
        raise InputError("is a directory", source=source, hint="give a file")
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise InputError("no such file", source=source) from e
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=source) from e


def file_id(path: Path) -> str:
    """The id of a treaty file: its name without ``.txt``."""
    return path.name.removesuffix(".txt")


def document_from_bytes(
    data: bytes,
    *,
    id: str,
    encoding: str = "utf-8",
    metadata: Metadata | None = None,
    source: str | None = None,
) -> Document:
    """Decode and parse one treaty file's bytes; *source* (default: *id*) names the file in
    errors.

    Raises:
        InputError, DecodeError: the bytes are not a text in *encoding*.
        NoArticlesError: the text has no article headings.
    """
    text = decode_text(data, encoding=encoding, source=source or id)
    return parse_document(text, id=id, metadata=metadata)


def load_document(path_or_id: str | Path, *, encoding: str | None = None) -> Document:
    """Parse a treaty file, or a document of the bundled corpus when no such file exists.

    Args:
        path_or_id: a path to a text file, or a bundled id (``nato-1949``,
            ``russia-dprk-2024.tass``).
        encoding: the file's encoding (default UTF-8); bundled texts are always UTF-8.

    Raises:
        InputError, DecodeError: the file cannot be read or decoded (a directory, binary).
        UnknownDocumentError: no such file, and no bundled document has this id.
        NoArticlesError: the text has no article headings.
    """
    from clausediff.bundled import load_bundled

    path = Path(path_or_id)
    if path.exists():  # a file, or a directory that read_file refuses
        data = read_file(path, source=str(path_or_id))
        return document_from_bytes(
            data, id=file_id(path), encoding=encoding or "utf-8", source=str(path_or_id)
        )
    return load_bundled(str(path_or_id))


def treaty_files(directory: str | Path) -> list[Path]:
    """The treaty text files of a directory (``*.txt``), in name order.

    Raises:
        InputError: *directory* is not a directory.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError("not a directory of treaty texts", source=str(directory))
    return sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())


def read_files(paths: Iterable[Path]) -> Iterator[tuple[str, bytes | ClauseDiffError]]:
    """Each file's id and bytes; a file that cannot be read gives the error instead, so that
    an indexer can report it like a file that does not parse."""
    for path in paths:
        name = file_id(path)
        try:
            yield name, read_file(path, source=name)
        except InputError as e:
            yield name, e
