"""The exceptions clausediff raises: one base class, one subclass per kind of problem.

Each error's message names the problem in the library's own terms; ``hint``, when there is
one, says what to do about it. The command line prints both and exits with the class's
``exit_status`` (click's pattern): 2 for bad input, which is everything raised here.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "AmbiguousArticleError",
    "ArticleNotFoundError",
    "ClauseDiffError",
    "ClauseDiffWarning",
    "ClusterError",
    "DecodeError",
    "IndexFileError",
    "InputError",
    "MissingExtraError",
    "MojibakeError",
    "NoArticlesError",
    "NoTextLayerError",
    "UnknownDocumentError",
]


class ClauseDiffError(Exception):
    """Base class of every error clausediff raises on purpose.

    ``hint`` is a suggestion for the person who met the error, or ``None``; ``exit_status``
    is what the command line exits with.
    """

    exit_status: int = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InputError(ClauseDiffError):
    """A file or text that cannot be used: missing, a directory, binary, undecodable."""

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.source = source

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message


class DecodeError(InputError):
    """Bytes that are not valid in the expected encoding; ``offset`` is the first bad byte."""

    def __init__(
        self, message: str, *, offset: int, source: str | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, source=source, hint=hint)
        self.offset = offset


class NoArticlesError(ClauseDiffError):
    """A text in which no article heading was found."""

    def __init__(self, document_id: str) -> None:
        super().__init__(
            f"{document_id}: no article headings found (looked at line starts for the article "
            "words of some 40 languages, 'Article 1', 'ARTICLE I', 'Art. 1', 'Artículo 1', "
            "'Artikel 1', 'Άρθρο 1', 'Статья 1', '第一条', '제1조' among them, and for '§ 1')"
        )
        self.document_id = document_id


class UnknownDocumentError(ClauseDiffError):
    """A name that is neither an existing file nor an id of the bundled corpus, or, with
    *index*, not the id of a document of the index searched; ``suggestions`` are close ids."""

    def __init__(self, name: str, suggestions: Sequence[str] = (), *, index: bool = False):
        close = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        if index:
            super().__init__(f"{name}: no document of the index has this id{close}")
        else:
            super().__init__(
                f"{name}: no such file, and no document of the bundled corpus has this id{close}",
                hint="clausediff.catalog() lists the bundled ids",
            )
        self.name = name
        self.suggestions = tuple(suggestions)


class ArticleNotFoundError(ClauseDiffError, KeyError):
    """An article the document does not have; ``available`` lists the refs of those it has."""

    def __init__(self, document_id: str, number: str, available: Sequence[str]) -> None:
        shown = ", ".join(available[:40]) + (", ..." if len(available) > 40 else "")
        super().__init__(f"{document_id} has no article {number}; its articles are: {shown}")
        self.document_id = document_id
        self.number = number
        self.available = tuple(available)

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousArticleError(ClauseDiffError, KeyError):
    """An article number that several articles of the document carry (a protocol or an annex
    restarts the numbering); ``refs`` are the unique refs that tell them apart."""

    def __init__(self, document_id: str, number: str, refs: Sequence[str]) -> None:
        super().__init__(
            f"{document_id}: article {number} is ambiguous, {len(refs)} articles carry that "
            f"number: {', '.join(refs)}",
            hint="name the article by its ref",
        )
        self.document_id = document_id
        self.number = number
        self.refs = tuple(refs)

    def __str__(self) -> str:
        return str(self.args[0])


class ClusterError(ClauseDiffError):
    """The processes an index build or a lineage ran on went away: a worker process died,
    or the connection to a dask scheduler was lost."""


class IndexFileError(ClauseDiffError):
    """An index file that cannot be used: missing, damaged, foreign, or of another schema
    version."""

    def __init__(self, message: str, *, path: str | None = None, hint: str | None = None):
        super().__init__(f"{path}: {message}" if path else message, hint=hint)
        self.path = path


class MojibakeError(DecodeError):
    """Bytes that decode without error but into mojibake (``stipulÃ©``): text in one encoding
    read as another."""


class NoTextLayerError(InputError):
    """A PDF whose pages are images (a scan) with no text layer to read."""


class MissingExtraError(ClauseDiffError):
    """A file format whose reader needs an optional dependency that is not installed;
    ``extra`` names the extra that brings it (``pdf``)."""

    def __init__(
        self, what: str, extra: str, *, source: str | None = None, verb: str = "reading"
    ) -> None:
        named = f"{source}: " if source else ""
        super().__init__(
            f"{named}{verb} {what} needs the optional dependencies of clausediff[{extra}], "
            "which are not installed",
            hint=f"pip install 'clausediff[{extra}]'",
        )
        self.extra = extra


class ClauseDiffWarning(UserWarning):
    """What clausediff notes without stopping: the work goes on, done another way than asked
    (the command line prints it as a note on stderr)."""
