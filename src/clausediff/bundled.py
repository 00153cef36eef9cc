"""The bundled corpus: treaty texts shipped with clausediff, and their catalog.

The corpus lives in ``clausediff/corpora`` inside an installed wheel, and in ``corpora/`` at the
top of a source checkout (an editable install). ``corpora/catalog.toml`` describes each file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs

from clausediff.errors import UnknownDocumentError
from clausediff.model import DEFAULT_LANGUAGE, Document, Metadata, resolve_name
from clausediff.parse.document import parse_document

__all__ = ["CatalogEntry", "bundled_corpus_dir", "catalog", "load_bundled", "resolve_id"]


@attrs.frozen
class CatalogEntry:
    """What the catalog knows about one bundled text."""

    id: str
    title: str
    parties: tuple[str, ...]
    signed: str
    language: str
    source: str
    complete: bool
    missing: str = ""
    place: str = ""
    rendering: str = ""

    def metadata(self) -> Metadata:
        """The entry as a document's metadata (empty fields unknown)."""
        return Metadata(
            title=self.title,
            parties=self.parties,
            signed=self.signed or None,
            place=self.place or None,
            language=self.language or None,
            rendering=self.rendering or None,
            source=self.source or None,
            complete=self.complete,
            missing=self.missing or None,
        )


def bundled_corpus_dir() -> Path:
    """Return the directory holding the bundled texts and ``catalog.toml``."""
    from importlib import resources  # here, not at the top: 10 ms of start-up for every command

    installed = resources.files("clausediff") / "corpora"
    if installed.is_dir():
        return Path(str(installed))
    # a source checkout: src/clausediff/bundled.py -> corpora/
    return Path(__file__).resolve().parents[2] / "corpora"


@cache
def catalog() -> dict[str, CatalogEntry]:
    """Return the catalog of the bundled corpus, by id."""
    import tomllib

    data = tomllib.loads((bundled_corpus_dir() / "catalog.toml").read_text(encoding="utf-8"))
    entries = {}
    for doc_id, fields in data["documents"].items():
        fields = dict(fields)
        fields["parties"] = tuple(fields.get("parties", ()))
        entries[doc_id] = CatalogEntry(id=doc_id, **fields)
    return entries


def resolve_id(name: str) -> str:
    """Return the catalog id that *name* means: itself, or its English text (``nato-1949``).

    Raises:
        UnknownDocumentError: no bundled document has this id (close ids are suggested).
    """
    import difflib

    entries = catalog()
    found = resolve_name(name, entries)
    if found is not None:
        return found
    suffix = f".{DEFAULT_LANGUAGE}"
    known = [*entries, *(k.removesuffix(suffix) for k in entries if k.endswith(suffix))]
    raise UnknownDocumentError(name, difflib.get_close_matches(name, known, n=3, cutoff=0.5))


def load_bundled(name: str) -> Document:
    """Parse a document of the bundled corpus by its id.

    Raises:
        UnknownDocumentError: no bundled document has this id.
    """
    doc_id = resolve_id(name)
    text = (bundled_corpus_dir() / f"{doc_id}.txt").read_text(encoding="utf-8")
    return parse_document(text, id=doc_id, metadata=catalog()[doc_id].metadata())
