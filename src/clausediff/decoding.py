"""Bytes -> text, with errors that say where and what to do."""

from __future__ import annotations

import codecs

from clausediff.errors import DecodeError, InputError

__all__ = ["decode_text"]

_BINARY_PROBE = 8192


def decode_text(data: bytes, *, encoding: str = "utf-8", source: str | None = None) -> str:
    """Decode a treaty file's bytes exactly (no newline or BOM translation).

    Raises:
        InputError: the data is empty, looks binary (NUL bytes), or *encoding* is unknown.
        DecodeError: the data is not valid in *encoding*; the error names the first bad byte.
    """
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", source=source) from None
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
            f"({e.reason}); if the file uses another encoding, pass it with --encoding "
            "(for example --encoding cp1252 or --encoding latin-1)",
            offset=e.start,
            source=source,
        ) from None
