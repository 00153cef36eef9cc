"""clausediff: parse treaty texts into articles and trace where a clause's language came from.

The front door: it re-exports the verbs, the types and the errors, and does nothing else.
Names are loaded on first use (PEP 562), so that ``import clausediff`` and the command line
start fast; ``from clausediff import compare_clauses`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from clausediff.errors import (
    ArticleNotFoundError,
    ClauseDiffError,
    DecodeError,
    InputError,
    NoArticlesError,
    UnknownDocumentError,
)

if TYPE_CHECKING:
    from clausediff.align import AlignedPair, Alignment, align_documents
    from clausediff.catalog import CatalogEntry, catalog, load_bundled
    from clausediff.compare import Clause, Comparison, Scores, SharedPassage, compare_clauses
    from clausediff.corpus import Corpus
    from clausediff.decoding import decode_text
    from clausediff.index import IndexFileError
    from clausediff.model import Article, Division, Document, Paragraph, Position, Span
    from clausediff.normalize import Boilerplate, normalize
    from clausediff.numbering import canonical_number
    from clausediff.parse import parse_document
    from clausediff.redline import RedlineOp
    from clausediff.report import render
    from clausediff.search import Hit, SearchResult

__version__ = "0.1.0"

_LAZY = {
    "AlignedPair": "align",
    "Alignment": "align",
    "align_documents": "align",
    "CatalogEntry": "catalog",
    "catalog": "catalog",
    "load_bundled": "catalog",
    "Clause": "compare",
    "Comparison": "compare",
    "Scores": "compare",
    "SharedPassage": "compare",
    "compare_clauses": "compare",
    "Corpus": "corpus",
    "decode_text": "decoding",
    "IndexFileError": "index",
    "Article": "model",
    "Division": "model",
    "Document": "model",
    "Paragraph": "model",
    "Position": "model",
    "Span": "model",
    "Boilerplate": "normalize",
    "normalize": "normalize",
    "canonical_number": "numbering",
    "parse_document": "parse",
    "RedlineOp": "redline",
    "render": "report",
    "Hit": "search",
    "SearchResult": "search",
}

__all__ = [
    "AlignedPair",
    "Alignment",
    "Article",
    "ArticleNotFoundError",
    "Boilerplate",
    "CatalogEntry",
    "Clause",
    "ClauseDiffError",
    "Comparison",
    "Corpus",
    "DecodeError",
    "Division",
    "Document",
    "Hit",
    "IndexFileError",
    "InputError",
    "NoArticlesError",
    "Paragraph",
    "Position",
    "RedlineOp",
    "Scores",
    "SearchResult",
    "SharedPassage",
    "Span",
    "UnknownDocumentError",
    "__version__",
    "align_documents",
    "canonical_number",
    "catalog",
    "compare_clauses",
    "decode_text",
    "load_bundled",
    "normalize",
    "parse_document",
    "render",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'clausediff' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"clausediff.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
