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

from clausediff.catalog import bundled_corpus_dir, catalog
from clausediff.decoding import decode_text
from clausediff.errors import ClauseDiffError, InputError
from clausediff.index import IndexReport, connect, index_documents
from clausediff.lineage import Family, find_families
from clausediff.model import Document
from clausediff.parse import parse_document
from clausediff.search import SearchResult, background_scores, search_index

__all__ = ["Corpus", "treaty_files"]


def treaty_files(directory: Path) -> list[Path]:
    """The treaty text files of a directory (``*.txt``), in name order."""
    if not directory.is_dir():
        raise InputError("not a directory of treaty texts", source=str(directory))
    return sorted(p for p in directory.iterdir() if p.suffix == ".txt" and p.is_file())


def _parse_file(encoding: str) -> Callable[[str, bytes], Document]:
    def parse(name: str, data: bytes) -> Document:
        text = decode_text(data, encoding=encoding, source=name)
        metadata = catalog()[name].metadata() if name in catalog() else None
        return parse_document(text, id=name, metadata=metadata)

    return parse


class Corpus:
    """An index of treaties, open for searching. Close it with ``close()`` or ``with``."""

    def __init__(self, db: sqlite3.Connection, *, report: IndexReport | None = None) -> None:
        self.db = db
        self.report = report

    @classmethod
    def open(cls, path: str | Path) -> Corpus:
        """Open an index built before.

        Raises:
            IndexFileError: the file is missing, damaged, foreign or of another schema version.
        """
        return cls(connect(path))

    @classmethod
    def from_directory(
        cls,
        directory: str | Path,
        *,
        db: str | Path = ":memory:",
        encoding: str = "utf-8",
        progress: Callable[[str], None] | None = None,
    ) -> Corpus:
        """Index every ``*.txt`` file of *directory* (the id is the file name without
        ``.txt``) into *db*, redoing only the files whose content changed since last time.
        Files that fail to parse are reported in ``report.failed`` and skipped."""
        connection = connect(db, create=True)
        files = treaty_files(Path(directory))
        report = index_documents(
            connection,
            _read(files),
            _parse_file(encoding),
            progress=progress,
        )
        # the background of unrelated pairs is part of the index, not of the first search
        background_scores(connection, report.articles)
        return cls(connection, report=report)

    @classmethod
    def bundled(cls) -> Corpus:
        """The bundled corpus, indexed in memory."""
        return cls.from_directory(bundled_corpus_dir())

    def search(
        self, query: str, *, top: int = 10, exclude: str | None = None, query_id: str | None = None
    ) -> SearchResult:
        """The articles sharing language with *query*, ranked (see ``clausediff.search``)."""
        return search_index(self.db, query, top=top, exclude=exclude, query_id=query_id)

    def search_many(
        self, queries: Sequence[tuple[str | None, str]], *, top: int = 10
    ) -> Iterator[SearchResult]:
        """Search each ``(id, query)`` in turn (batch mode)."""
        for query_id, text in queries:
            yield self.search(text, top=top, query_id=query_id)

    def article_text(self, document: str, number: str) -> tuple[str, str]:
        """The label and compared text of one article, e.g. to use it as a query.

        Raises:
            ArticleNotFoundError, UnknownDocumentError: no such document or article.
        """
        from clausediff.errors import ArticleNotFoundError, UnknownDocumentError
        from clausediff.numbering import canonical_number

        names = [r[0] for r in self.db.execute("SELECT name FROM documents ORDER BY name")]
        name = document if document in names else f"{document}.en"
        if name not in names:
            import difflib

            raise UnknownDocumentError(document, difflib.get_close_matches(document, names, n=3))
        wanted = canonical_number(number) or number
        rows = self.db.execute(
            'SELECT a.number, a.label, substr(d.text, a.start + 1, a."end" - a.start) '
            "FROM articles a JOIN documents d ON d.id = a.document WHERE d.name = ? "
            "ORDER BY a.id",
            (name,),
        ).fetchall()
        for found, label, text in rows:
            if found == wanted:
                return label, text
        raise ArticleNotFoundError(name, number, [r[0] for r in rows])

    def lineage(self, *, min_score: float = 50.0) -> list[Family]:
        """Families of articles from different treaties that share substantive language."""
        return find_families(self.db, min_score=min_score)

    def close(self) -> None:
        """Close the index."""
        self.db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read(files: Sequence[Path]) -> Iterator[tuple[str, bytes | ClauseDiffError]]:
    """Each file's name and bytes; a file that cannot be read gives the error instead, and
    the indexer reports it like a file that does not parse."""
    for path in files:
        name = path.name.removesuffix(".txt")
        try:
            yield name, path.read_bytes()
        except OSError as e:
            yield name, InputError(f"cannot read the file ({e.strerror})", source=name)
