"""A corpus of treaties behind one object: build or open an index, search it, find lineages.

>>> corpus = Corpus.bundled()                      # the texts shipped with clausediff
>>> corpus = Corpus.from_directory("treaties/", db="treaties.sqlite")   # build or update
>>> corpus = Corpus.open("treaties.sqlite")        # an index built before
>>> corpus.search("military and other assistance", top=5).hits[0].document
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from clausediff.bundled import bundled_corpus_dir, read_catalog
from clausediff.corpus import storage
from clausediff.corpus.build import IndexReport, index_documents
from clausediff.corpus.documents import DateRange, Documents, date_bounds
from clausediff.corpus.engines import InProcess, make_engine
from clausediff.corpus.failures import deadline, guarded
from clausediff.corpus.lineage import DEFAULT_MAX_P, DEFAULT_MIN_SCORE, Lineage, find_families
from clausediff.corpus.lock import writer_lock
from clausediff.corpus.partitions import Progress
from clausediff.corpus.prepare import parse_file
from clausediff.corpus.search import Query, SearchResult, search_index
from clausediff.corpus.shards import require_arrow
from clausediff.corpus.significance import DEFAULT, Model
from clausediff.errors import InputError, UnknownDocumentError
from clausediff.model import find_article, resolve_name
from clausediff.sources import read_files, treaty_files

__all__ = [
    "QUERY_LIMIT",
    "SEARCH_TIMEOUT",
    "ArticleQuery",
    "Corpus",
    "IndexedDocument",
]

#: The longest query, in characters (a long treaty's whole text is some 500,000).
QUERY_LIMIT = 4_000_000
#: The seconds a search may take by default (a search of a large index takes well under one).
SEARCH_TIMEOUT = 120.0


@attrs.frozen
class IndexedDocument:
    """A document of an index: its id, treaty, title, date signed, the source of its copy,
    whether the copy is whole, and how many articles it has."""

    id: str
    treaty: str
    title: str | None
    signed: str | None
    source: str | None
    complete: bool | None
    articles: int


@attrs.frozen
class ArticleQuery:
    """An article of the index used as a query: its document, treaty, date, ref, label and
    compared text."""

    document: str
    treaty: str
    signed: str | None
    ref: str
    label: str
    text: str


class Corpus:
    """An index of treaties, open for searching. Close it with ``close()`` or ``with``.

    ``db`` is the index's SQLite connection; ``name`` says which index it is (its file, or
    the directory indexed in memory); ``report`` says what the last build did, when this
    object built it; ``path`` is the index file (``None`` in memory).
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        *,
        name: str,
        report: IndexReport | None = None,
        path: str | None = None,
    ) -> None:
        self.db = db
        self.path = path
        self.name = name
        self.report = report
        self._documents: tuple[str | None, Documents] | None = None

    @classmethod
    def open(cls, path: str | Path) -> Corpus:
        """Open an index built before.

        Raises:
            IndexFileError: the file is missing, damaged, foreign or of another schema version.
        """
        return cls(storage.connect(path), name=str(path), path=str(path))

    @classmethod
    def from_directory(
        cls,
        directory: str | Path,
        *,
        db: str | Path = ":memory:",
        encoding: str | None = None,
        progress: Callable[[str], None] | None = None,
        on_wait: Callable[[], None] | None = None,
        workers: int | None = None,
        scheduler: str | None = None,
        shards: str | Path | None = None,
    ) -> Corpus:
        """Index every treaty file of *directory* (any format clausediff reads; the id is the
        file name without its extension; ``catalog.toml`` gives titles and dates) into
        *db*, redoing only the files whose content changed since last time. Files that fail
        to read or parse are reported in ``report.failed`` and skipped. Another run on the
        same file is waited for (*on_wait* is called first). Files are parsed and prepared
        on *workers* local processes (default: this one), or on the ``dask.distributed``
        cluster whose scheduler is at *scheduler*; the index is the same either way. With a
        *shards* directory, what they prepare goes through Parquet shards kept there
        (``corpus.shards``; an unchanged file's shard is read instead of the file parsed).

        Raises:
            InputError: *directory* is not a directory, or its catalog is not valid.
            IndexFileError: *db* exists and is not a usable index.
            MissingExtraError: *scheduler* or *shards* without ``clausediff[dask]``.
            ClusterError: the worker processes or the cluster went away (what was loaded
                is kept; the next run completes the index).
        """
        files = treaty_files(directory)
        parse = parse_file(encoding, read_catalog(directory))
        if shards is not None:
            require_arrow()  # before the index file is made: a missing extra leaves nothing
        memory = str(db) == ":memory:"
        lock = contextlib.nullcontext() if memory else writer_lock(Path(db), on_wait)
        # the engine first: one that may not start (a worker process running an unguarded
        # script again) refuses before the lock, which the script's own run holds
        with contextlib.closing(make_engine(workers, scheduler)) as engine, lock:
            connection = storage.connect(db, create=True)
            try:
                with guarded(connection):  # a damaged file, a full disk: IndexFileError
                    report = index_documents(
                        connection, read_files(files), parse, progress=progress,
                        stamp=parse.stamp, engine=engine, shards=shards,
                    )  # fmt: skip
            except BaseException:
                connection.close()
                raise
        name = f"{directory} (indexed in memory)" if memory else str(db)
        return cls(connection, name=name, report=report, path=None if memory else str(db))

    @classmethod
    def bundled(cls) -> Corpus:
        """The bundled corpus, indexed in memory."""
        corpus = cls.from_directory(bundled_corpus_dir())
        corpus.name = "the bundled corpus"
        return corpus

    def _tables(self) -> tuple[Documents, Model]:
        """The document table and significance model (inside the caller's snapshot)."""
        generation = storage.meta(self.db, "generation")
        if self._documents is None or self._documents[0] != generation:
            self._documents = (generation, Documents.of(storage.document_rows(self.db)))
        stored = storage.calibration(self.db)  # floats, as Model.as_dict gave them
        model = (
            Model.of(stored) if stored else DEFAULT.with_space(list(storage.token_counts(self.db)))
        )
        return self._documents[1], model

    def search(
        self,
        query: str,
        *,
        top: int = 10,
        exclude: str | Iterable[str] = (),
        before: str | None = None,
        after: str | None = None,
        query_id: str | None = None,
        timeout: float | None = SEARCH_TIMEOUT,
    ) -> SearchResult:
        """The articles sharing language with *query*, ranked (see ``corpus.search``).

        Args:
            top: how many hits.
            exclude: treaty ids (or document ids: their treaty) to leave out, renderings
                and all.
            before, after: keep texts signed on or before, on or after these dates
                (YYYY, YYYY-MM or YYYY-MM-DD).
            query_id: carried into the result, for batches.
            timeout: seconds the search may take (``None``: no bound), so that a hostile
                or damaged index cannot make it run for ever.

        All reads happen in one read transaction: a search sees one state of the index even
        while another process updates it.

        Raises:
            InputError: a date that is not one, a query longer than ``QUERY_LIMIT``
                characters, or a search past *timeout*.
            IndexFileError: the index is damaged.
        """
        if len(query) > QUERY_LIMIT:
            raise InputError(
                f"the query is {len(query):,} characters long, over the limit of "
                f"{QUERY_LIMIT:,} characters for a query",
                hint="search with the part that matters",
            )
        excluded = (exclude,) if isinstance(exclude, str) else tuple(exclude)
        dates = _dates(before, after)
        with storage.snapshot(self.db), deadline(self.db, timeout, "the search"):
            documents, model = self._tables()
            return search_index(
                self.db,
                Query(query, top, excluded, dates, query_id),
                documents,
                model,
                index=self.name,
            )

    def search_article(
        self,
        document: str,
        article: str,
        *,
        top: int = 10,
        sources: bool = False,
        exclude: str | Iterable[str] = (),
        before: str | None = None,
        after: str | None = None,
    ) -> SearchResult:
        """Search with an article of the index as the query: where did its language come
        from, or go? Its own treaty (every rendering of it) is left out.

        Args:
            document, article: the document's id and the article's ref or number (as for
                ``Document.article``).
            sources: only texts signed no later than the article's own (its possible
                sources).
            top, exclude, before, after: as for ``search``.

        Raises:
            UnknownDocumentError, ArticleNotFoundError, AmbiguousArticleError: no such
                document or article, or several articles with this number.
            InputError: *sources* for a document without a date.
        """
        found = self.article(document, article)
        excluded = [exclude] if isinstance(exclude, str) else list(exclude)
        if sources:
            if found.signed is None:
                raise InputError(
                    f"{found.document} has no date, so its sources cannot be told",
                    hint="give its date in the directory's catalog.toml (signed = ...)",
                )
            if before is None or date_bounds(found.signed)[1] < date_bounds(before)[1]:
                before = found.signed
        return self.search(
            found.text, top=top, exclude=[*excluded, found.treaty], before=before, after=after
        )

    @property
    def documents(self) -> tuple[IndexedDocument, ...]:
        """The documents of the index, in the order they were indexed."""
        with storage.snapshot(self.db):
            rows, _ = self._tables()
        return tuple(
            IndexedDocument(
                row.name, row.treaty, row.title, row.signed, row.source, row.complete,
                row.last - row.first + 1,
            )
            for row in rows.rows
        )  # fmt: skip

    def __len__(self) -> int:
        """How many documents the index holds."""
        with storage.snapshot(self.db):
            rows, _ = self._tables()
        return len(rows.rows)

    def __repr__(self) -> str:
        return f"<Corpus {self.name}: {len(self)} documents>"

    def _repr_html_(self) -> str:
        """The index in a notebook: its documents, cited."""
        from clausediff.report.notebook import corpus_html

        return corpus_html(self.name, self.documents)

    def search_many(
        self, queries: Sequence[tuple[str | None, str]], *, top: int = 10
    ) -> Iterator[SearchResult]:
        """Search each ``(id, query)`` in turn (batch mode)."""
        for query_id, text in queries:
            yield self.search(text, top=top, query_id=query_id)

    def article(self, document: str, key: str) -> ArticleQuery:
        """One article of the index, e.g. to use it as a query. *key* is a ref or a number,
        as for ``Document.article``.

        Raises:
            UnknownDocumentError: the index has no such document.
            ArticleNotFoundError, AmbiguousArticleError: no such article, or several.
        """
        with storage.snapshot(self.db):
            documents, _ = self._tables()
            names = [row.name for row in documents.rows]
            name = resolve_name(document, names)
            if name is None:
                import difflib

                raise UnknownDocumentError(
                    document, difflib.get_close_matches(document, names, n=3), index=True
                )
            row = documents.by_name(name)
            assert row is not None
            rows = storage.articles_of(self.db, row.id)
        article = rows[find_article(name, key, ((r.ref, r.number) for r in rows))]
        return ArticleQuery(name, row.treaty, row.signed, article.ref, article.label, article.text)

    def article_text(self, document: str, key: str) -> tuple[str, str]:
        """The label and compared text of one article (see ``article``)."""
        found = self.article(document, key)
        return found.label, found.text

    def lineage(
        self,
        *,
        max_p: float = DEFAULT_MAX_P,
        min_score: float = DEFAULT_MIN_SCORE,
        workers: int | None = None,
        scheduler: str | None = None,
        progress: Progress | None = None,
    ) -> Lineage:
        """Families of passages that articles of different treaties share (see
        ``corpus.lineage``): pairs linked when their per-pair p-value is at most *max_p* and
        their shared passages cover *min_score* (0-100) of the smaller article. One read
        transaction, as for ``search``. With *workers* (more than one) or *scheduler* (a
        ``dask.distributed`` scheduler's address), an index file's pairs are found and scored
        in parts on those processes (``corpus.partitions``; each reads the file, so a
        cluster's workers must reach it at the same path): the same families. *progress*,
        when given, is called with each stage's name, the steps done and their number
        (``None`` when not known): texts prepared and articles linked, in ranges of 1,000,
        then groups made, then families made.

        Raises:
            MissingExtraError: *scheduler* without ``clausediff[dask]`` installed.
            ClusterError: the worker processes or the cluster went away.
            IndexFileError: the index changed while the workers read it (run it again).
        """
        parallel = self.path is not None and (scheduler or (workers or 1) > 1)
        engine = make_engine(workers, scheduler) if parallel else None
        with storage.snapshot(self.db), contextlib.closing(engine or InProcess()):
            documents, model = self._tables()
            found = find_families(
                self.db, documents, model, max_p=max_p, min_score=min_score, engine=engine,
                path=self.path, progress=progress,
            )  # fmt: skip
        return attrs.evolve(found, index=self.name)

    def close(self) -> None:
        """Close the index."""
        self.db.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _dates(before: str | None, after: str | None) -> DateRange:
    """The date range of a search, its dates checked.

    Raises:
        InputError: a date that is not one, or a range that holds no day.
    """
    from clausediff.corpus.documents import date_bounds

    if before is not None and after is not None:
        if date_bounds(after)[0] > date_bounds(before)[1]:
            raise InputError(f"no date is both on or after {after} and on or before {before}")
    else:
        for value in (before, after):
            if value is not None:
                date_bounds(value)
    return DateRange(before, after)
