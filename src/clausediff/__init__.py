"""clausediff: parse treaty texts into articles and trace where a clause's language came from.

The front door: it re-exports the verbs, the types and the errors, and does nothing else.
"""

from clausediff.catalog import CatalogEntry, catalog, load_bundled
from clausediff.decoding import decode_text
from clausediff.errors import (
    ClauseDiffError,
    DecodeError,
    InputError,
    NoArticlesError,
    UnknownDocumentError,
)
from clausediff.model import Article, Division, Document, Paragraph, Position, Span
from clausediff.numbering import canonical_number
from clausediff.parse import parse_document

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CatalogEntry",
    "ClauseDiffError",
    "DecodeError",
    "Division",
    "Document",
    "InputError",
    "NoArticlesError",
    "Paragraph",
    "Position",
    "Span",
    "UnknownDocumentError",
    "__version__",
    "canonical_number",
    "catalog",
    "decode_text",
    "load_bundled",
    "parse_document",
]
