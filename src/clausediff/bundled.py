"""The bundled corpus: treaty texts shipped with clausediff, and their catalog.

The corpus lives in ``clausediff/corpora`` inside an installed wheel, and in ``corpora/`` at the
top of a source checkout (an editable install). ``corpora/catalog.toml`` describes each file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import attrs

from clausediff.errors import InputError, UnknownDocumentError
from clausediff.model import DEFAULT_LANGUAGE, Document, Metadata, resolve_name
from clausediff.parse.document import parse_document

__all__ = [
    "CATALOG_NAME",
    "Catalog",
    "CatalogEntry",
    "bundled_corpus_dir",
    "catalog",
    "load_bundled",
    "read_catalog",
    "resolve_id",
]

CATALOG_NAME = "catalog.toml"


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


@attrs.frozen
class Catalog:
    """The bundled corpus's catalog as one value, its entries in id order (for rendering)."""

    entries: tuple[CatalogEntry, ...]

    @classmethod
    def bundled(cls) -> Catalog:
        """The catalog of the bundled corpus."""
        return cls(tuple(entry for _, entry in sorted(catalog().items())))


_TEXT_FIELDS = ("title", "signed", "place", "language", "rendering", "source", "missing")


def _entry_metadata(doc_id: str, fields: dict[str, object], source: str) -> Metadata:
    """One ``[documents."ID"]`` table of a catalog as metadata; every field may be left out.

    Raises:
        InputError: a field the schema does not have, or a value of the wrong type.
    """
    known = {*_TEXT_FIELDS, "parties", "complete"}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise InputError(
            f"documents.{doc_id!r} has unknown field {unknown[0]!r}",
            source=source,
            hint=f"the fields are {', '.join(sorted(known))}",
        )
    values: dict[str, object] = {}
    for name in _TEXT_FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"documents.{doc_id!r}.{name} is not a string", source=source)
        values[name] = str(value) if value else None  # "" means unknown, as in the bundled one
    parties = fields.get("parties", ())
    if not isinstance(parties, list | tuple) or not all(isinstance(p, str) for p in parties):
        raise InputError(f"documents.{doc_id!r}.parties is not a list of strings", source=source)
    complete = fields.get("complete")
    if complete is not None and not isinstance(complete, bool):
        raise InputError(f"documents.{doc_id!r}.complete is not true or false", source=source)
    return Metadata(parties=tuple(parties), complete=complete, **values)  # type: ignore[arg-type]


def read_catalog(directory: str | Path) -> dict[str, Metadata]:
    """The metadata of a directory's own texts, by id, from its ``catalog.toml`` (the bundled
    catalog's schema: one ``[documents."ID"]`` table per text, every field optional); empty
    when the directory has no catalog.

    Raises:
        InputError: the catalog is not valid TOML or does not follow the schema.
    """
    path = Path(directory) / CATALOG_NAME
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"cannot read the catalog ({e})", source=str(path)) from e
    import tomllib  # here: 5 ms of start-up that a directory without a catalog never pays

    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"not valid TOML ({e})", source=str(path)) from e
    documents = data.get("documents", {})
    if not isinstance(documents, dict):
        raise InputError("'documents' is not a table of documents", source=str(path))
    found = {}
    for doc_id, fields in documents.items():
        if not isinstance(fields, dict):
            raise InputError(f"documents.{doc_id!r} is not a table", source=str(path))
        found[doc_id] = _entry_metadata(doc_id, fields, str(path))
    return found


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
