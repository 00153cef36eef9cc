"""A corpus of treaties behind one object: build or open an index, search it, find lineages.

>>> corpus = Corpus.bundled()                      # the texts shipped with clausediff
>>> corpus = Corpus.from_directory("treaties/", db="treaties.sqlite")   # build or update
>>> corpus = Corpus.open("treaties.sqlite")        # an index built before
>>> corpus.search("military and other assistance", top=5).hits[0].document
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from clausediff.bundled import bundled_corpus_dir, catalog
from clausediff.corpus import storage
from clausediff.corpus.build import WINDOW, IndexReport, index_documents
from clausediff.corpus.lineage import DEFAULT_MIN_SCORE, Lineage, find_families
from clausediff.corpus.search import SearchResult, search_index
from clausediff.errors import UnknownDocumentError
from clausediff.model import Document, find_article, resolve_name
from clausediff.sources import document_from_bytes, read_files, treaty_files

__all__ = ["Corpus", "parse_file"]


def parse_file(encoding: str | None) -> Callable[[str, bytes], Document]:
    """A parser of treaty file bytes in *encoding*; a name of the bundled catalog gets the
    catalog's metadata."""

    def parse(name: str, data: bytes) -> Document:
        entry = catalog().get(name)
        metadata = entry.metadata() if entry is not None else None
        return document_from_bytes(data, id=name, encoding=encoding, metadata=metadata)

    return parse


class Corpus:
    """An index of treaties, open for searching. Close it with ``close()`` or ``with``.

    ``db`` is the index's SQLite connection; ``report`` says what the last build did, when
    this object built it.
    """

    def __init__(self, db: sqlite3.Connection, *, report: IndexReport | None = None) -> None:
        self.db = db
        self.report = report

    @classmethod
    def open(cls, path: str | Path) -> Corpus:
        """Open an index built before.

        Raises:
            IndexFileError: the file is missing, damaged, foreign or of another schema version.
        """
        return cls(storage.connect(path))

    @classmethod
    def from_directory(
        cls,
        directory: str | Path,
        *,
        db: str | Path = ":memory:",
        encoding: str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Corpus:
        """Index every ``*.txt`` file of *directory* (the id is the file name without
        ``.txt``) into *db*, redoing only the files whose content changed since last time.
        Files that fail to read or parse are reported in ``report.failed`` and skipped.

        Raises:
            InputError: *directory* is not a directory.
            IndexFileError: *db* exists and is not a usable index.
        """
        files = treaty_files(directory)
        connection = storage.connect(db, create=True, window=WINDOW)
        report = index_documents(
            connection, read_files(files), parse_file(encoding), progress=progress
        )
        return cls(connection, report=report)

    @classmethod
    def bundled(cls) -> Corpus:
        """The bundled corpus, indexed in memory."""
        return cls.from_directory(bundled_corpus_dir())

    def search(
        self, query: str, *, top: int = 10, exclude: str | None = None, query_id: str | None = None
    ) -> SearchResult:
        """The articles sharing language with *query*, ranked (see ``corpus.search``)."""
        return search_index(self.db, query, top=top, exclude=exclude, query_id=query_id)

    def search_many(
        self, queries: Sequence[tuple[str | None, str]], *, top: int = 10
    ) -> Iterator[SearchResult]:
        """Search each ``(id, query)`` in turn (batch mode)."""
        for query_id, text in queries:
            yield self.search(text, top=top, query_id=query_id)

    def article_text(self, document: str, key: str) -> tuple[str, str]:
        """The label and compared text of one article, e.g. to use it as a query. *key* is a
        ref or a number, as for ``Document.article``.

        Raises:
            UnknownDocumentError: the index has no such document.
            ArticleNotFoundError, AmbiguousArticleError: no such article, or several.
        """
        names = storage.document_names(self.db)
        name = resolve_name(document, names)
        if name is None:
            import difflib

            raise UnknownDocumentError(
                document, difflib.get_close_matches(document, names, n=3), index=True
            )
        rows = storage.document_articles(self.db, name)
        _, _, label, text = rows[find_article(name, key, ((r[1], r[0]) for r in rows))]
        return label, text

    def lineage(self, *, min_score: float = DEFAULT_MIN_SCORE) -> Lineage:
        """Families of articles from different treaties that share substantive language."""
        return find_families(self.db, min_score=min_score)

    def close(self) -> None:
        """Close the index."""
        self.db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
