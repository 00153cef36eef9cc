"""What the DOCX and ODT readers share: the ZIP container, safe XML, and the text layout of
a word-processor document (body paragraphs, then notes, then headers and footers, each kept
and marked)."""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree import ElementTree as ET

from clausediff.errors import InputError
from clausediff.model import Furniture, FurnitureKind, Span
from clausediff.readers.base import TextBuilder

__all__ = ["append_apart", "open_zip", "parse_part"]

_MAX_PART = 200 * 1024 * 1024  # a part that inflates beyond this is a ZIP bomb, not a treaty


def open_zip(data: bytes, what: str, source: str | None) -> zipfile.ZipFile:
    """The document's ZIP container.

    Raises:
        InputError: the archive is damaged.
    """
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError) as e:
        raise InputError(
            f"a damaged {what} file (not a readable ZIP archive)", source=source
        ) from e


def parse_part(archive: zipfile.ZipFile, name: str, source: str | None) -> ET.Element | None:
    """One XML part of the container, parsed; ``None`` when the part is absent.

    Raises:
        InputError: the part is damaged, too large, or declares entities.
    """
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_PART:
        raise InputError(f"{name} inflates to {info.file_size} bytes: refused", source=source)
    try:
        data = archive.read(info)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
        zlib.error,
    ) as e:
        raise InputError(
            f"a damaged file: its part {name} cannot be unpacked ({e})", source=source
        ) from e
    if b"<!ENTITY" in data[:4096]:
        raise InputError(f"{name} declares XML entities: refused", source=source)
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(f"{name} is not well-formed XML ({e})", source=source) from e


def append_apart(out: TextBuilder, blocks: list[tuple[str, str]], kind: FurnitureKind) -> None:
    """Write notes, headers or footers after the body, each a block of its own, marked as
    furniture of *kind*; *blocks* are ``(place, text)`` pairs."""
    for place, text in blocks:
        text = text.strip()
        if not text:
            continue
        out.separate(2)
        out.anchor(place)
        start, end = out.write(text)
        out.furniture.append(Furniture(kind, Span(start, end)))
