"""The map side of a build: a file's bytes to what the writer loads, on any process.

``prepare_document`` tokenizes each article of a parsed document (page furniture left out)
and fingerprints every shingle of it; ``encode_document`` then turns the prepared document
into the rows the index stores (texts compressed, word counts and fingerprints counted and
listed), so that the one writer has only to insert them. Both are pure functions of the
document; ``prepare_file`` and ``encode_file`` are the map tasks that run them, with parsing,
on any process (``engines``), with the file's parser (``parse_file``).
"""

from __future__ import annotations

import codecs
import json
import zlib
from collections import Counter
from collections.abc import Callable

import attrs

from clausediff.corpus.indexfile import pack_fingerprints
from clausediff.corpus.shingles import fingerprint, keyed_text, text_fingerprints
from clausediff.errors import ClauseDiffError
from clausediff.match.compare import Clause
from clausediff.model import Document, DocumentId, Metadata
from clausediff.sources import document_from_bytes

__all__ = [
    "EncodedDocument",
    "PrepareTask",
    "PreparedArticle",
    "PreparedDocument",
    "encode_document",
    "encode_file",
    "pack",
    "parse_file",
    "prepare_document",
    "prepare_file",
]


class parse_file:  # noqa: N801  (a function with a second face: what goes into the hash)
    """A parser of treaty file bytes in *encoding*, giving each file the metadata that
    *catalog* (a directory's ``catalog.toml``) holds for its name."""

    def __init__(self, encoding: str | None, catalog: dict[str, Metadata] | None = None):
        self.encoding = encoding
        self.catalog = catalog or {}

    def __call__(self, name: str, data: bytes) -> Document:
        """Read and parse one file."""
        return document_from_bytes(
            data, id=name, encoding=self.encoding, metadata=self.catalog.get(name)
        )

    def only(self, name: str) -> parse_file:
        """This parser with the catalog entry of *name* alone (what a task sent to another
        process needs)."""
        entry = self.catalog.get(name)
        return parse_file(self.encoding, {} if entry is None else {name: entry})

    def stamp(self, name: str) -> bytes:
        """What the catalog says of *name* and the encoding it is read in, as bytes for the
        content hash (neither: empty): a file read again in a corrected encoding is indexed
        again."""
        entry = self.catalog.get(name)
        stamp = b"" if entry is None else repr(entry).encode("utf-8")
        if self.encoding is not None:
            stamp += b"\x00encoding=" + codecs.lookup(self.encoding).name.encode("ascii")
        return stamp


#: A map task: a file's name, digest and bytes, and the parser of it.
PrepareTask = tuple[str, str, bytes, Callable[[str, bytes], Document]]


@attrs.frozen
class PreparedArticle:
    """An article ready to load: its names, the span and text compared, its page furniture,
    its word keys and its shingles' fingerprints."""

    number: str
    ref: str
    label: str
    start: int
    text: str
    furniture: tuple[tuple[int, int], ...]
    keys: tuple[str, ...]
    fingerprints: tuple[int, ...]
    sample: int
    page: str | None = None

    @property
    def end(self) -> int:
        """Where the compared text ends in the document."""
        return self.start + len(self.text)


@attrs.frozen
class PreparedDocument:
    """A document ready to load (``prepare_document``); ``source``, ``complete`` and
    ``missing`` are what a citation of it needs (its metadata's)."""

    name: str
    digest: str
    title: str | None
    language: str | None
    signed: str | None
    text: str
    articles: tuple[PreparedArticle, ...]
    source: str | None = None
    complete: bool | None = None
    missing: str | None = None


#: An article's row as stored: number, ref, label, start, end, tokens, sample, furniture
#: (JSON or ``None``), text and keys (compressed), page.
ArticleValues = tuple[str, str, str, int, int, int, int, str | None, bytes, bytes, str | None]


@attrs.frozen
class EncodedDocument:
    """A prepared document as the rows the index stores (``encode_document``): the
    document's fields (*fields*: treaty, sha256, title, language, signed; *citation*:
    source, complete, missing) and compressed text, each article's row and its
    fingerprints packed (``indexfile.pack_fingerprints``), the document frequency of each
    word key in it (sorted), and its numbers of word tokens and of postings."""

    name: str
    fields: tuple[str, str, str | None, str | None, str | None]
    text: bytes
    citation: tuple[str | None, bool | None, str | None]
    articles: tuple[ArticleValues, ...]
    fingerprints: tuple[bytes, ...]
    words: tuple[tuple[str, int], ...]
    tokens: int
    postings: int


def pack(text: str) -> bytes:
    """A text as the index stores it (zlib-compressed UTF-8)."""
    return zlib.compress(text.encode("utf-8"), 6)


def prepare_document(name: str, digest: str, document: Document) -> PreparedDocument:
    """The prepare stage: tokenize and fingerprint every article of *document*."""
    articles = []
    for article in document.articles:
        clause = Clause.from_article(document, article)
        keyed = keyed_text(clause.text, clause.start, clause.furniture)
        articles.append(
            PreparedArticle(
                article.number,
                article.ref,
                article.label,
                clause.start,
                clause.text,
                tuple((s.start, s.end) for s in clause.furniture),
                tuple(keyed.keys),
                tuple(sorted(text_fingerprints(keyed))),
                fingerprint(("sample", name, article.ref)),
                clause.page,
            )
        )
    meta = document.metadata
    return PreparedDocument(
        name, digest, meta.title, meta.language, meta.signed, document.text, tuple(articles),
        meta.source, meta.complete, meta.missing,
    )  # fmt: skip


def encode_document(prepared: PreparedDocument) -> EncodedDocument:
    """The rows of *prepared* as the index stores them: the work of loading that needs no
    index, done where the document was prepared (the writer only inserts)."""
    words: Counter[str] = Counter()
    rows: list[ArticleValues] = []
    for a in prepared.articles:
        furniture = json.dumps(list(a.furniture)) if a.furniture else None
        rows.append(
            (
                a.number, a.ref, a.label, a.start, a.end, len(a.keys), a.sample, furniture,
                pack(a.text), pack(" ".join(a.keys)), a.page,
            )
        )  # fmt: skip
        words.update(set(a.keys))
    treaty = DocumentId.parse(prepared.name).treaty
    fields = (treaty, prepared.digest, prepared.title, prepared.language, prepared.signed)
    return EncodedDocument(
        prepared.name,
        fields,
        pack(prepared.text),
        (prepared.source, prepared.complete, prepared.missing),
        tuple(rows),
        tuple(pack_fingerprints(a.fingerprints) for a in prepared.articles),
        tuple(sorted(words.items())),
        sum(len(a.keys) for a in prepared.articles),
        sum(len(a.fingerprints) for a in prepared.articles),
    )


def prepare_file(task: PrepareTask) -> tuple[str, PreparedDocument | str]:
    """A map task (parse, then prepare): a pure function of the file, run on any process.
    The file's name, and its prepared document or why it failed to parse."""
    name, digest, data, parse = task
    try:
        document = parse(name, data)
    except ClauseDiffError as e:
        return name, str(e)
    return name, prepare_document(name, digest, document)


def encode_file(task: PrepareTask) -> tuple[str, EncodedDocument | str]:
    """The map task of a build (parse, prepare, encode): the file's name, and the rows of
    its document or why it failed to parse."""
    name, outcome = prepare_file(task)
    return name, outcome if isinstance(outcome, str) else encode_document(outcome)
