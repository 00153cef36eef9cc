"""Which reader a file needs, told from its bytes (the name's extension only breaks ties), and
the one function that reads any supported file: ``read_bytes``."""

from __future__ import annotations

import io
import re
import zlib

from clausediff.errors import InputError
from clausediff.readers.base import Format, Reading

__all__ = ["EXTENSIONS", "read_bytes", "sniff_format"]

#: The file name extensions of the formats clausediff reads (an id drops them).
EXTENSIONS: dict[str, Format] = {
    ".txt": Format.TEXT, ".text": Format.TEXT,
    ".pdf": Format.PDF,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML,
    ".docx": Format.DOCX, ".odt": Format.ODT,
    ".xml": Format.AKN, ".akn": Format.AKN,
}  # fmt: skip

_AKN = re.compile(r"<(?:\w+:)?akomaNtoso\b|legaldocml|akomantoso\.org", re.I)
_HTML = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<meta\s|<p[\s>]|<div[\s>]|<table[\s>]"
    r"|<br\s*/?>|<h[1-6][\s>]|<link\s",
    re.I,
)
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def _head(data: bytes) -> str:
    """The first few KB as text, whatever the encoding, for markup sniffing."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


def _zip_format(data: bytes, source: str | None) -> Format:
    import zipfile  # here: only a zip archive (DOCX, ODT) needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return Format.DOCX
            if "mimetype" in names and archive.read("mimetype").strip().startswith(_ODF_TEXT):
                return Format.ODT
            if "content.xml" in names:
                raise InputError(
                    "an OpenDocument file, but not a text document (a spreadsheet or slides?)",
                    source=source,
                    hint="save the treaty as a text document (.odt or .docx), or as PDF",
                )
    except (
        zipfile.BadZipFile,
        ValueError,
        EOFError,
        OSError,
        NotImplementedError,
        zlib.error,
    ) as e:
        raise InputError("a damaged ZIP archive (DOCX or ODT?)", source=source) from e
    raise InputError(
        "a ZIP archive that is neither a Word document (.docx) nor an OpenDocument text (.odt)",
        source=source,
    )


def sniff_format(data: bytes, *, name: str | None = None, source: str | None = None) -> Format:
    """The format of a file, from its first bytes; *name*'s extension breaks a tie between
    plain text and markup.

    Raises:
        InputError: a format clausediff does not read (a legacy ``.doc``, RTF, an image, a
            ZIP archive of something else), named with what to do.
    """
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return Format.PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(data, source)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "a Word 97-2003 document (.doc), which clausediff does not read",
            source=source,
            hint="save it as .docx (Word: File > Save As) or as PDF",
        )
    if data.startswith(b"{\\rtf"):
        raise InputError(
            "an RTF document, which clausediff does not read",
            source=source,
            hint="save it as .docx or as plain text",
        )
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise InputError(
            "an image, not a text",
            source=source,
            hint="run OCR on it (for example ocrmypdf on a PDF of the scan) and read the result",
        )
    head = _head(data)
    stripped = head.lstrip()
    if stripped.startswith("<"):
        if _AKN.search(head):
            return Format.AKN
        suffix = (name or "").lower().rpartition(".")[2]
        if _HTML.search(head) or suffix in ("html", "htm", "xhtml") or stripped.startswith("<?xml"):
            return Format.HTML
    return Format.TEXT


def read_bytes(
    data: bytes,
    *,
    name: str | None = None,
    encoding: str | None = None,
    source: str | None = None,
) -> Reading:
    """Read a file of any supported format: sniff it, then hand it to its reader.

    *encoding* applies to text and HTML (other formats carry their own); *source* names the
    file in errors.

    Raises:
        InputError: an unsupported or damaged file, or one without text (a scanned PDF).
        DecodeError, MojibakeError: text that cannot be decoded, or decodes to mojibake.
        MissingExtraError: the format's reader needs an extra that is not installed.
    """
    fmt = sniff_format(data, name=name, source=source)
    if fmt is Format.PDF:
        from clausediff.readers.pdf import read_pdf

        return read_pdf(data, source=source)
    if fmt is Format.DOCX:
        from clausediff.readers.docx import read_docx

        return read_docx(data, source=source)
    if fmt is Format.ODT:
        from clausediff.readers.odt import read_odt

        return read_odt(data, source=source)
    if fmt is Format.AKN:
        from clausediff.readers.akn import read_akn

        return read_akn(data, source=source)
    if fmt is Format.HTML:
        from clausediff.readers.html import read_html

        return read_html(data, encoding=encoding, source=source)
    from clausediff.readers.text import read_text

    return read_text(data, encoding=encoding, source=source)
