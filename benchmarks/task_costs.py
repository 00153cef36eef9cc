#!/usr/bin/env python3
"""Per-task costs and interchange volumes of a build and a lineage, for the scale-out model
in benchmarks/README.md.

In one process, on the first ``--files`` files of a directory (by default the corpus of
``make_corpus.py large``): the map task (read, parse, tokenize, fingerprint, encode the rows)
per 1,000 articles; the writer's load per 1,000 articles; the bulk load of the postings; the
statistics stage; and what crosses between processes per article: the file's bytes (to a
worker), the pickled rows and the prepared document's Parquet shard (back to the writer),
the postings written. Then lineage's map task
on an index (``--db``, default the one just built): the preparation of every article
(``prepared.prepare_part``, a range of 1,000 at a time, into a ``TextStore``: seconds per
1,000 articles and bytes per article), then the link task (``partitions.link_part``) on
ranges of 1,000 articles: seconds per range, links per range, and the pickled size of what a
range sends back. Prints one line per figure with the load average.

Usage: python benchmarks/task_costs.py [--corpus DIR] [--files 80] [--db FILE] [--parts 3]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--files", type=int, default=80)
    parser.add_argument("--db", type=Path, help="an index for lineage's tasks")
    parser.add_argument("--parts", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    from clausediff.corpus import storage
    from clausediff.corpus.build import (
        PreparedDocument,
        load_document,
        prepare_file,
        refresh_statistics,
    )
    from clausediff.corpus.facade import parse_file
    from clausediff.corpus.partitions import PART, LinkTask, link_part, parts
    from clausediff.corpus.prepare import EncodedDocument, encode_document
    from clausediff.corpus.prepared import PrepareTask, TextStore, prepare_part
    from clausediff.corpus.shards import shard_path, write_shard
    from clausediff.corpus.significance import Model
    from clausediff.sources import treaty_files

    work = Path(tempfile.mkdtemp(prefix="clausediff-costs-"))
    corpus = args.corpus
    if corpus is None:
        subprocess.run([sys.executable, str(args.shared / "bench" / "make_corpus.py"), "large",
                        str(work / "large")], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        corpus = work / "large" / "corpus"
    files = [p for p in treaty_files(corpus) if p.suffix == ".txt"][: args.files]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    parse = parse_file(None)
    prepared: list[PreparedDocument] = []
    encoded: list[EncodedDocument] = []
    sent = 0
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        data = path.read_bytes()
        sent += len(data)
        _, outcome = prepare_file((path.stem, "digest", data, parse))
        if isinstance(outcome, PreparedDocument):
            prepared.append(outcome)
            encoded.append(encode_document(outcome))
    mapped, mapped_cpu = time.perf_counter() - start, time.process_time() - cpu
    articles = sum(len(p.articles) for p in prepared)
    postings = sum(len(a.fingerprints) for p in prepared for a in p.articles)
    pickled = sum(len(pickle.dumps(p)) for p in encoded)
    shards = work / "shards"
    shards.mkdir()
    for p in prepared:
        write_shard(p, shard_path(shards, p.name, p.digest))
    parquet = sum(f.stat().st_size for f in shards.glob("*.parquet"))
    db_path = work / "index.sqlite"
    db = storage.connect(db_path, create=True)
    start, cpu = time.perf_counter(), time.process_time()
    for e in encoded:
        load_document(db, e)
    loaded, loaded_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    with storage.transaction(db):
        storage.merge_pending(db)
    bulk, bulk_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    refresh_statistics(db)
    stats, stats_cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    k = articles / 1000
    print(f"{len(prepared)} documents, {articles} articles, {postings / articles:.0f} postings "
          "per article")  # fmt: skip
    print(f"map (read, parse, tokenize, fingerprint, encode) per 1,000 articles: "
          f"{mapped / k:.2f} s wall, {mapped_cpu / k:.2f} s CPU")  # fmt: skip
    print(f"load (one writer) per 1,000 articles: {loaded / k:.2f} s wall, "
          f"{loaded_cpu / k:.2f} s CPU")  # fmt: skip
    print(f"bulk load of the staged postings per 1,000 articles: {bulk / k:.2f} s wall, "
          f"{bulk_cpu / k:.2f} s CPU")  # fmt: skip
    print(f"statistics (fit the model) for {articles} articles: {stats:.1f} s "
          f"wall, {stats_cpu:.1f} s CPU")  # fmt: skip
    print(f"to a worker: {sent / articles / 1024:.1f} KB per article (file bytes)")
    print(
        f"back to the writer: {pickled / articles / 1024:.1f} KB per article pickled (rows), "
        f"{parquet / articles / 1024:.1f} KB as Parquet (zstd)"
    )
    index = args.db or db_path
    with contextlib.closing(storage.connect(index)) as reader, storage.snapshot(reader):
        generation = storage.meta(reader, "generation")
        model = Model.of(storage.calibration(reader) or {})
        rows = storage.document_rows(reader)
        total, _ = storage.counts(reader)
    first, last = min(r.first for r in rows), max(r.last for r in rows)
    ranges = parts(first, last)
    step = max(1, len(ranges) // args.parts)
    with TextStore(str(index)) as store:
        start, cpu, size = time.perf_counter(), time.process_time(), 0
        for lo, stop in ranges:
            prepared = prepare_part(PrepareTask(str(index), generation, lo, stop))
            size += sum(len(blob) for _, blob in prepared)
            store.add(prepared)
        took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"lineage preparation of {total} articles: {took / total * 1000:.2f} s wall, "
              f"{took_cpu / total * 1000:.2f} s CPU per 1,000 articles, {size / total / 1024:.1f} "
              f"KB per article (load {os.getloadavg()[0]:.2f})", flush=True)  # fmt: skip
        for lo, stop in ranges[::step][: args.parts]:
            start, cpu = time.perf_counter(), time.process_time()
            task = LinkTask(str(index), generation, lo, stop, model, 1e-3, 10.0, store.path)
            pairs, weights = link_part(task)
            took, took_cpu = time.perf_counter() - start, time.process_time() - cpu
            size = len(pickle.dumps((pairs, weights)))
            print(f"lineage part [{lo}, {stop}) of {total} articles ({PART} per part): "
                  f"{took:.1f} s wall, {took_cpu:.1f} s CPU, {len(pairs)} links, "
                  f"{size / 1024:.0f} KB sent back (load {os.getloadavg()[0]:.2f})",
                  flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
