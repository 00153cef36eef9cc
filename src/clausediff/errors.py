"""The exceptions clausediff raises: one base class, one subclass per kind of problem."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ArticleNotFoundError",
    "ClauseDiffError",
    "DecodeError",
    "InputError",
    "NoArticlesError",
    "UnknownDocumentError",
]


class ClauseDiffError(Exception):
    """Base class of every error clausediff raises on purpose."""


class InputError(ClauseDiffError):
    """A file or text that cannot be used: missing, a directory, binary, undecodable."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        message = super().__str__()
        return f"{self.source}: {message}" if self.source else message


class DecodeError(InputError):
    """Bytes that are not valid in the expected encoding; ``offset`` is the first bad byte."""

    def __init__(self, message: str, *, offset: int, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.offset = offset


class NoArticlesError(ClauseDiffError):
    """A text in which no article heading was found."""

    def __init__(self, document_id: str) -> None:
        super().__init__(
            f"{document_id}: no article headings found (looked for 'Article 1', 'ARTICLE I', "
            "'Art. 1', 'Artículo 1', 'Artikel 1', 'Статья 1', '第一条', '제1조' at line starts)"
        )
        self.document_id = document_id


class UnknownDocumentError(ClauseDiffError):
    """A name that is neither an existing file nor an id of the bundled corpus."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"{name}: no such file, and no document of the bundled corpus has this id{hint} "
            "(`clausediff corpus` lists the ids)"
        )
        self.name = name
        self.suggestions = tuple(suggestions)


class ArticleNotFoundError(ClauseDiffError, KeyError):
    """An article number the document does not have; ``available`` lists those it has."""

    def __init__(self, document_id: str, number: str, available: Sequence[str]) -> None:
        shown = ", ".join(available[:40]) + (", ..." if len(available) > 40 else "")
        super().__init__(f"{document_id} has no article {number}; its articles are: {shown}")
        self.document_id = document_id
        self.number = number
        self.available = tuple(available)

    def __str__(self) -> str:
        return str(self.args[0])
