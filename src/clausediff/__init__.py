"""clausediff: parse treaty texts into articles and trace where a clause's language came from.

The front door: it re-exports the verbs, the types and the errors, and does nothing else.
One table, ``_EXPORTS``, says where each public name lives; it drives both ``__all__`` and
loading on first use (PEP 562), so that ``import clausediff`` and the command line start
fast, and ``from clausediff import compare_clauses`` works as usual. No public name is also
the name of a submodule, so what ``clausediff.<name>`` means never depends on what was
imported before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the same names for type checkers and editors (``X as X``: re-exported)
    from clausediff.bundled import CatalogEntry as CatalogEntry
    from clausediff.bundled import catalog as catalog
    from clausediff.bundled import load_bundled as load_bundled
    from clausediff.corpus.facade import Corpus as Corpus
    from clausediff.corpus.lineage import Family as Family
    from clausediff.corpus.lineage import Lineage as Lineage
    from clausediff.corpus.lineage import Member as Member
    from clausediff.corpus.search import Hit as Hit
    from clausediff.corpus.search import SearchPassage as SearchPassage
    from clausediff.corpus.search import SearchResult as SearchResult
    from clausediff.errors import AmbiguousArticleError as AmbiguousArticleError
    from clausediff.errors import ArticleNotFoundError as ArticleNotFoundError
    from clausediff.errors import ClauseDiffError as ClauseDiffError
    from clausediff.errors import ClusterError as ClusterError
    from clausediff.errors import DecodeError as DecodeError
    from clausediff.errors import IndexFileError as IndexFileError
    from clausediff.errors import InputError as InputError
    from clausediff.errors import NoArticlesError as NoArticlesError
    from clausediff.errors import UnknownDocumentError as UnknownDocumentError
    from clausediff.match.align import AlignedPair as AlignedPair
    from clausediff.match.align import Alignment as Alignment
    from clausediff.match.align import Status as Status
    from clausediff.match.align import align_documents as align_documents
    from clausediff.match.boilerplate import Boilerplate as Boilerplate
    from clausediff.match.compare import Clause as Clause
    from clausediff.match.compare import Comparison as Comparison
    from clausediff.match.compare import Scores as Scores
    from clausediff.match.compare import SharedPassage as SharedPassage
    from clausediff.match.compare import compare_clauses as compare_clauses
    from clausediff.match.redline import Op as Op
    from clausediff.match.redline import RedlineOp as RedlineOp
    from clausediff.match.tokens import normalize as normalize
    from clausediff.model import Article as Article
    from clausediff.model import Division as Division
    from clausediff.model import DivisionKind as DivisionKind
    from clausediff.model import Document as Document
    from clausediff.model import DocumentId as DocumentId
    from clausediff.model import Furniture as Furniture
    from clausediff.model import FurnitureKind as FurnitureKind
    from clausediff.model import Metadata as Metadata
    from clausediff.model import Page as Page
    from clausediff.model import Paragraph as Paragraph
    from clausediff.model import Position as Position
    from clausediff.model import Span as Span
    from clausediff.numbering import canonical_number as canonical_number
    from clausediff.parse.document import parse_document as parse_document
    from clausediff.report import render as render
    from clausediff.sources import decode_text as decode_text
    from clausediff.sources import load_document as load_document

__version__ = "0.1.0"

#: Every public name and the module that defines it.
_EXPORTS: dict[str, str] = {
    "AlignedPair": "clausediff.match.align",
    "Alignment": "clausediff.match.align",
    "AmbiguousArticleError": "clausediff.errors",
    "Article": "clausediff.model",
    "ArticleNotFoundError": "clausediff.errors",
    "Boilerplate": "clausediff.match.boilerplate",
    "CatalogEntry": "clausediff.bundled",
    "Clause": "clausediff.match.compare",
    "ClauseDiffError": "clausediff.errors",
    "ClusterError": "clausediff.errors",
    "Comparison": "clausediff.match.compare",
    "Corpus": "clausediff.corpus.facade",
    "DecodeError": "clausediff.errors",
    "Division": "clausediff.model",
    "DivisionKind": "clausediff.model",
    "Document": "clausediff.model",
    "DocumentId": "clausediff.model",
    "Family": "clausediff.corpus.lineage",
    "Furniture": "clausediff.model",
    "FurnitureKind": "clausediff.model",
    "Hit": "clausediff.corpus.search",
    "IndexFileError": "clausediff.errors",
    "InputError": "clausediff.errors",
    "Lineage": "clausediff.corpus.lineage",
    "Member": "clausediff.corpus.lineage",
    "Metadata": "clausediff.model",
    "NoArticlesError": "clausediff.errors",
    "Op": "clausediff.match.redline",
    "Page": "clausediff.model",
    "Paragraph": "clausediff.model",
    "Position": "clausediff.model",
    "RedlineOp": "clausediff.match.redline",
    "Scores": "clausediff.match.compare",
    "SearchPassage": "clausediff.corpus.search",
    "SearchResult": "clausediff.corpus.search",
    "SharedPassage": "clausediff.match.compare",
    "Span": "clausediff.model",
    "Status": "clausediff.match.align",
    "UnknownDocumentError": "clausediff.errors",
    "align_documents": "clausediff.match.align",
    "canonical_number": "clausediff.numbering",
    "catalog": "clausediff.bundled",
    "compare_clauses": "clausediff.match.compare",
    "decode_text": "clausediff.sources",
    "load_bundled": "clausediff.bundled",
    "load_document": "clausediff.sources",
    "normalize": "clausediff.match.tokens",
    "parse_document": "clausediff.parse.document",
    "render": "clausediff.report",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'clausediff' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return list(__all__)
