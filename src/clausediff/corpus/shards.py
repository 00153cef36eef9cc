"""Prepared documents as Parquet shards: the columnar interchange between the processes that
prepare documents and the one that loads them into the SQLite index (``clausediff[dask]``).

With a shard directory, a build's map task writes what it prepared (``build.prepare_file``)
to a Parquet file there and hands back only its path; the writer reads the shard and loads
it. The shards stay: a shard is named by the document's name and content hash, so the next
build of an unchanged file (into this index or into a new one) reads its shard instead of
parsing the file again, and a corpus too large for one SQLite file keeps its prepared form,
sharded, for any engine that reads Parquet.

A shard is one table, one row per article: ``number``, ``ref``, ``label``, ``start``,
``text``, ``furniture_start`` and ``furniture_end`` (lists), ``keys`` (list of strings),
``fingerprints`` (list of int64), ``sample``, ``page``; the document's own fields (name,
hash, title, language, date, source, whether the copy is whole, what it lacks) and its text
are in the file's key-value metadata, with the shard format's version.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import attrs

from clausediff.corpus.build import PreparedArticle, PreparedDocument, PrepareTask, prepare_file
from clausediff.errors import MissingExtraError

__all__ = [
    "SHARD_VERSION",
    "Shard",
    "prepare_shard",
    "read_shard",
    "require_arrow",
    "shard_path",
    "write_shard",
]

SHARD_VERSION = "1"
_DOCUMENT, _TEXT, _VERSION = b"clausediff.document", b"clausediff.text", b"clausediff.shard"
_FIELDS = ("name", "digest", "title", "language", "signed", "source", "complete", "missing")


@attrs.frozen
class Shard:
    """Where a map task wrote a prepared document."""

    path: str


def require_arrow() -> Any:
    """pyarrow and its Parquet module.

    Raises:
        MissingExtraError: pyarrow is not installed (``clausediff[dask]``).
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise MissingExtraError("Parquet shards", "dask", verb="writing") from e
    return pyarrow


def shard_path(directory: str | Path, name: str, digest: str) -> Path:
    """The shard of document *name* whose content hash is *digest*."""
    key = hashlib.sha256(f"{name}\x00{digest}".encode()).hexdigest()[:32]
    return Path(directory) / f"{key}.parquet"


def write_shard(prepared: PreparedDocument, path: Path) -> None:
    """Write *prepared* to the Parquet file *path* (whole or not at all: written beside it,
    then renamed)."""
    pa = require_arrow()
    articles = prepared.articles
    table = pa.table(
        {
            "number": pa.array([a.number for a in articles], pa.string()),
            "ref": pa.array([a.ref for a in articles], pa.string()),
            "label": pa.array([a.label for a in articles], pa.string()),
            "start": pa.array([a.start for a in articles], pa.int64()),
            "text": pa.array([a.text for a in articles], pa.large_string()),
            "furniture_start": pa.array([[s for s, _ in a.furniture] for a in articles],
                                        pa.list_(pa.int64())),
            "furniture_end": pa.array([[e for _, e in a.furniture] for a in articles],
                                      pa.list_(pa.int64())),
            "keys": pa.array([list(a.keys) for a in articles], pa.list_(pa.string())),
            "fingerprints": pa.array([list(a.fingerprints) for a in articles],
                                     pa.list_(pa.int64())),
            "sample": pa.array([a.sample for a in articles], pa.int64()),
            "page": pa.array([a.page for a in articles], pa.string()),
        }
    )  # fmt: skip
    document = {field: getattr(prepared, field) for field in _FIELDS}
    table = table.replace_schema_metadata(
        {
            _VERSION: SHARD_VERSION.encode(),
            _DOCUMENT: json.dumps(document).encode("utf-8"),
            _TEXT: prepared.text.encode("utf-8"),
        }
    )
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    pa.parquet.write_table(table, partial, compression="zstd")
    os.replace(partial, path)


def read_shard(path: str | Path) -> PreparedDocument | None:
    """The prepared document of a shard, or ``None`` when the file is missing, unreadable
    or of another shard version (it is then prepared again)."""
    pa = require_arrow()
    try:
        table = pa.parquet.read_table(path)
    except (OSError, pa.ArrowException):
        return None
    meta = table.schema.metadata or {}
    if meta.get(_VERSION) != SHARD_VERSION.encode():
        return None
    document = json.loads(meta[_DOCUMENT])
    columns = table.to_pydict()
    articles = tuple(
        PreparedArticle(
            columns["number"][i], columns["ref"][i], columns["label"][i], columns["start"][i],
            columns["text"][i],
            tuple(zip(columns["furniture_start"][i], columns["furniture_end"][i], strict=True)),
            tuple(columns["keys"][i]), tuple(columns["fingerprints"][i]), columns["sample"][i],
            columns["page"][i],
        )
        for i in range(table.num_rows)
    )  # fmt: skip
    return PreparedDocument(
        document["name"], document["digest"], document["title"], document["language"],
        document["signed"], meta[_TEXT].decode("utf-8"), articles, document["source"],
        document["complete"], document["missing"],
    )  # fmt: skip


def prepare_shard(task: PrepareTask, directory: str) -> tuple[str, Shard | str]:
    """The map task of a sharded build: the document's shard in *directory*, written unless
    a good one is there already; or why the file failed to parse."""
    name, digest, _, _ = task
    path = shard_path(directory, name, digest)
    if _holds(path, name, digest):
        return name, Shard(str(path))
    _, outcome = prepare_file(task)
    if isinstance(outcome, str):
        return name, outcome
    write_shard(outcome, path)
    return name, Shard(str(path))


def _holds(path: Path, name: str, digest: str) -> bool:
    """Whether *path* is a good shard of this version for document *name* at *digest*
    (its metadata read, not its rows)."""
    pa = require_arrow()
    try:
        meta = pa.parquet.read_schema(path).metadata or {}
    except (OSError, pa.ArrowException):
        return False
    if meta.get(_VERSION) != SHARD_VERSION.encode() or _DOCUMENT not in meta:
        return False
    document = json.loads(meta[_DOCUMENT])
    return bool(document["name"] == name and document["digest"] == digest)
