"""Where documents come from: bytes and files to text, and "a path or a bundled id" to a
``Document``. The one place that reads treaty files and turns ``OSError`` into clausediff's
errors, and the one place that knows the grammar of a document id.

Any supported format is read (plain text, PDF, HTML, DOCX, ODT, Akoma Ntoso: the readers
sniff it from the bytes). A file's id is its name without its extension (``.txt``, ``.pdf``,
...); ids follow the grammar of ``model.DocumentId``. A document's metadata is, field by
field, what the directory's ``catalog.toml`` says, else what the file itself says (a PDF's or
a page's title, Akoma Ntoso's FRBR date), else what the text says (the testimonium's date, a
guessed title).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from clausediff.errors import ClauseDiffError, InputError
from clausediff.model import Article, Document, Metadata, Span
from clausediff.parse.dates import read_testimonium_date
from clausediff.parse.document import article_refs, parse_document
from clausediff.readers import EXTENSIONS, Reading, read_bytes
from clausediff.readers.text import decode_bytes

__all__ = [
    "decode_text",
    "document_from_bytes",
    "document_from_reading",
    "file_id",
    "load_document",
    "merge_metadata",
    "open_document",
    "read_file",
    "read_files",
    "read_source",
    "treaty_files",
]


def decode_text(data: bytes, *, encoding: str | None = None, source: str | None = None) -> str:
    """Decode a plain-text file's bytes exactly (no newline translation; a byte-order mark is
    honoured and dropped). Without *encoding*: the byte-order mark, else UTF-8, else the
    encoding charset-normalizer detects.

    Raises:
        InputError: the data is empty, looks binary (NUL bytes), or *encoding* is unknown.
        DecodeError: the data is not valid in *encoding*; the error names the first bad byte.
        MojibakeError: the text decodes, but to mojibake (one encoding read as another).
    """
    return decode_bytes(data, encoding=encoding, source=source)[0]


def read_file(path: str | Path, *, source: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a regular file; *source* (default: the path) names it in errors, *limit*
    (bytes) bounds what is read.

    A FIFO, a device or a socket is refused for what it is (a FIFO with no writer would
    block, ``/dev/zero`` never ends), as is a symbolic link that leads nowhere.

    Raises:
        InputError: the path is a directory, no regular file, does not exist, cannot be
            read, or holds more than *limit* bytes.
    """
    path = Path(path)
    source = source or str(path)
    _check_regular(path, source)
    try:  # non-blocking: should a FIFO take the file's place, opening it cannot hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=source) from e
    with os.fdopen(fd, "rb") as stream:
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise InputError("is not a regular file", source=source)
            data = stream.read() if limit is None else stream.read(limit + 1)
        except OSError as e:
            raise InputError(f"cannot read the file ({e.strerror})", source=source) from e
    if limit is not None and len(data) > limit:
        raise InputError(
            f"the file is larger than the limit of {limit:,} bytes for it",
            source=source,
            hint="split it, or give the part that matters",
        )
    return data


_SPECIAL = (
    (stat.S_ISDIR, "is a directory", "give a file"),
    (stat.S_ISFIFO, "is a FIFO (a named pipe), not a file", "save what it gives to a file"),
    (stat.S_ISCHR, "is a device, not a file", "give a file"),
    (stat.S_ISBLK, "is a device, not a file", "give a file"),
    (stat.S_ISSOCK, "is a socket, not a file", "give a file"),
)


def _check_regular(path: Path, source: str) -> None:
    """Refuse *path* unless it is (or links to) a regular file, naming what it is."""
    try:
        mode = path.stat().st_mode
    except OSError as e:
        raise InputError(_missing(path, e), source=source) from e
    for test, problem, hint in _SPECIAL:
        if test(mode):
            raise InputError(problem, source=source, hint=hint)


def _missing(path: Path, error: OSError) -> str:
    """Why *path* cannot be opened, in words: a link loop or a dangling link are no
    missing file."""
    if error.errno == errno.ELOOP:
        return "is a loop of symbolic links (following them never reaches a file)"
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return f"is a symbolic link to {os.readlink(path)!r}, which does not exist"
        return "no such file"
    return f"cannot read the file ({error.strerror})"


def _present(path: Path) -> bool:
    """Whether there is anything at *path*: a file, a directory, a FIFO, a link (even one that
    leads nowhere), or something one may not look at."""
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
    return True


def file_id(path: Path) -> str:
    """The id of a treaty file: its name without the extension of a format clausediff reads
    (``nato-1949.en.txt``, ``rcep.pdf`` -> ``nato-1949.en``, ``rcep``)."""
    name = path.name
    suffix = Path(name).suffix.lower()
    return name[: -len(suffix)] if suffix in EXTENSIONS else name


def merge_metadata(*layers: Metadata | None) -> Metadata:
    """Metadata field by field: the first layer that knows a field gives it."""
    fields: dict[str, object] = {}
    for layer in layers:
        if layer is None:
            continue
        for name, value in attrs.asdict(layer, recurse=False).items():
            if fields.get(name) in (None, ()) and value not in (None, ()):
                fields[name] = value
    return Metadata(**fields)  # type: ignore[arg-type]


def _from_markup(reading: Reading, id: str, metadata: Metadata) -> Document:
    """A document whose articles its markup declared (Akoma Ntoso): refs made unique, each
    article owning the text up to the next, the rest after the last one trailing."""
    from clausediff.errors import NoArticlesError
    from clausediff.parse.guess import guess_title

    marked = reading.articles or ()
    if not marked:
        raise NoArticlesError(id)
    text = reading.text
    refs = article_refs([a.number for a in marked], [a.divisions for a in marked])
    last_end = marked[-1].text_span.end
    trailing = Span(last_end, len(text)) if text[last_end:].strip() else None
    articles: list[Article] = []
    for index, (article, ref) in enumerate(zip(marked, refs, strict=True)):
        end = marked[index + 1].span.start if index + 1 < len(marked) else len(text)
        if trailing is not None and index + 1 == len(marked):
            end = trailing.start
        articles.append(attrs.evolve(article, span=Span(article.span.start, end), ref=ref,
                                     index=index))  # fmt: skip
    first = articles[0].span.start
    if metadata.title is None:
        metadata = attrs.evolve(metadata, title=guess_title(text, first))
    divisions = {d.label: d for a in articles for d in a.divisions}
    return Document(
        id=id, text=text, articles=tuple(articles),
        preamble=Span(0, first) if first > 0 else None, trailing=trailing,
        divisions=tuple(divisions.values()), metadata=metadata,
        furniture=tuple(sorted(reading.furniture, key=lambda f: (f.span.start, f.span.end))),
        pages=reading.pages,
    )  # fmt: skip


def document_from_reading(
    reading: Reading, *, id: str, metadata: Metadata | None = None
) -> Document:
    """The ``Document`` of what a reader read: articles from the markup where it declares them
    (Akoma Ntoso), else from parsing the text. *metadata* (a catalog's entry) outranks what the
    file says, which outranks the testimonium's date read from the text.

    Raises:
        NoArticlesError: the text has no article headings.
    """
    meta = merge_metadata(metadata, reading.metadata)
    if meta.signed is None:
        meta = attrs.evolve(meta, signed=read_testimonium_date(reading.text))
    if reading.articles is not None:
        return _from_markup(reading, id, meta)
    return parse_document(
        reading.text, id=id, metadata=meta, furniture=reading.furniture, pages=reading.pages
    )


def document_from_bytes(
    data: bytes,
    *,
    id: str,
    encoding: str | None = None,
    metadata: Metadata | None = None,
    source: str | None = None,
    name: str | None = None,
) -> Document:
    """Read and parse one treaty file's bytes, in any supported format; *source* (default:
    *id*) names the file in errors, *name* (its file name) breaks ties when sniffing.

    Raises:
        InputError, DecodeError, MojibakeError: the bytes cannot be read as a text.
        NoTextLayerError: a PDF without a text layer.
        MissingExtraError: the format needs an extra that is not installed.
        NoArticlesError: the text has no article headings.
    """
    reading = read_bytes(data, name=name, encoding=encoding, source=source or id)
    return document_from_reading(reading, id=id, metadata=metadata)


def read_source(path_or_id: str | Path, *, encoding: str | None = None) -> Reading:
    """Read a file of any supported format, or a text of the bundled corpus when no such file
    exists, without parsing it: the text and what the layout told.

    Raises:
        InputError, DecodeError, MojibakeError, NoTextLayerError, MissingExtraError: as for
            ``document_from_bytes``.
        UnknownDocumentError: no such file, and no bundled document has this id.
    """
    path = Path(path_or_id)
    if not _present(path):
        from clausediff.bundled import bundled_corpus_dir, resolve_id

        path = bundled_corpus_dir() / f"{resolve_id(str(path_or_id))}.txt"
        encoding = "utf-8"  # the bundled texts are UTF-8
    data = read_file(path, source=str(path_or_id))
    return read_bytes(data, name=path.name, encoding=encoding, source=str(path_or_id))


def _catalog_entry(path: Path, doc_id: str) -> Metadata | None:
    from clausediff.bundled import read_catalog
    from clausediff.model import resolve_name

    entries = read_catalog(path.parent)
    found = resolve_name(doc_id, entries)
    return entries[found] if found is not None else None


def open_document(
    path_or_id: str | Path, *, encoding: str | None = None
) -> tuple[Document, Reading | None]:
    """``load_document``, and the ``Reading`` of the file (``None`` for a bundled id), which
    says in what encoding, and how surely, the file was read.

    Raises:
        as ``load_document``.
    """
    from clausediff.bundled import load_bundled

    path = Path(path_or_id)
    if _present(path):  # a file, or what read_file refuses (a directory, a FIFO, a loop)
        data = read_file(path, source=str(path_or_id))
        doc_id = file_id(path)
        reading = read_bytes(data, name=path.name, encoding=encoding, source=str(path_or_id))
        document = document_from_reading(reading, id=doc_id, metadata=_catalog_entry(path, doc_id))
        return document, reading
    return load_bundled(str(path_or_id)), None


def load_document(path_or_id: str | Path, *, encoding: str | None = None) -> Document:
    """Parse a treaty file, or a document of the bundled corpus when no such file exists.

    Args:
        path_or_id: a path to a text file, or a bundled id (``nato-1949``,
            ``russia-dprk-2024.tass``).
        encoding: a text or HTML file's encoding (default: its byte-order mark or declared
            charset, else UTF-8, else detected); bundled texts are always UTF-8.

    A ``catalog.toml`` beside the file gives its metadata (see ``bundled.read_catalog``).

    Raises:
        InputError, DecodeError, MojibakeError: the file cannot be read or decoded (a
            directory, binary, a scanned PDF, a damaged file).
        UnknownDocumentError: no such file, and no bundled document has this id.
        NoArticlesError: the text has no article headings.
    """
    return open_document(path_or_id, encoding=encoding)[0]


def treaty_files(directory: str | Path) -> list[Path]:
    """The treaty files of a directory (every format clausediff reads, by extension), in
    name order.

    Raises:
        InputError: *directory* is not a directory, or cannot be read.
    """
    directory = Path(directory)
    try:
        if not directory.is_dir():
            raise InputError("not a directory of treaty texts", source=str(directory))
        return sorted(
            p for p in directory.iterdir() if p.suffix.lower() in EXTENSIONS and p.is_file()
        )
    except OSError as e:
        raise InputError(f"cannot read the directory ({e.strerror})", source=str(directory)) from e


def read_files(paths: Iterable[Path]) -> Iterator[tuple[str, bytes | ClauseDiffError]]:
    """Each file's id and bytes; a file that cannot be read gives the error instead, so that
    an indexer can report it like a file that does not parse."""
    for path in paths:
        name = file_id(path)
        try:
            yield name, read_file(path, source=name)
        except InputError as e:
            yield name, e
