"""clausediff: parse treaty texts into articles and trace where a clause's language came from.

The front door: it re-exports the verbs, the types and the errors, and does nothing else.
"""

from clausediff.align import AlignedPair, Alignment, align_documents
from clausediff.catalog import CatalogEntry, catalog, load_bundled
from clausediff.compare import Clause, Comparison, Scores, SharedPassage, compare_clauses
from clausediff.decoding import decode_text
from clausediff.errors import (
    ArticleNotFoundError,
    ClauseDiffError,
    DecodeError,
    InputError,
    NoArticlesError,
    UnknownDocumentError,
)
from clausediff.model import Article, Division, Document, Paragraph, Position, Span
from clausediff.normalize import Boilerplate, normalize
from clausediff.numbering import canonical_number
from clausediff.parse import parse_document
from clausediff.redline import RedlineOp
from clausediff.report import render

__version__ = "0.1.0"

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
    "DecodeError",
    "Division",
    "Document",
    "InputError",
    "NoArticlesError",
    "Paragraph",
    "Position",
    "RedlineOp",
    "Scores",
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
