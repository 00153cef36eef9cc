#!/usr/bin/env python3
"""Index builds on N local processes against one, in the same run, and the index they write.

Builds a fresh index of one directory (by default the ~30,000 articles of ``make_corpus.py
large``) with ``clausediff index DIR --workers 1`` and ``--workers N``, alternating which goes
first, ``--repeat`` times; prints each pair's wall times, their ratio (N over 1), the load
average of the machine before each build (shared machines: a ratio measured under a high
load is repeated), and the peak resident memory of the largest process of each build. Then
checks that the two indexes answer alike: the JSON of a batch of searches and of ``lineage``
(the index's file name left out) must be byte-identical.

Usage: python benchmarks/parallel_build.py [--corpus DIR] [--workers 2] [--repeat 2]
       [--shared ../shared] [--work DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUERIES = (
    "maintenance of international peace and security",
    "military and other assistance with all the means at its disposal",
    "an armed attack against one or more of them shall be considered an attack against them all",
    "The High Contracting Parties undertake to respect and to ensure respect",
    "shall be ratified and the instruments of ratification deposited",
    "No one shall be subjected to torture or to cruel, inhuman or degrading treatment",
)

_PEAK_OF_CHILDREN = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def build(corpus: Path, db: Path, options: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak MB of the largest process, and the 1-minute load before."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    load = os.getloadavg()[0]
    start = time.perf_counter()
    peak = subprocess.run(
        [sys.executable, "-c", _PEAK_OF_CHILDREN, "clausediff", "index", str(corpus),
         "--db", str(db), *options],
        check=True, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    return time.perf_counter() - start, float(peak), load


_TABLES = (
    "SELECT id, name, treaty, sha256, title, language, signed, text, first, last "
    "FROM documents ORDER BY id",
    "SELECT * FROM articles ORDER BY id",
    "SELECT * FROM postings ORDER BY fingerprint, article",
    "SELECT * FROM pending ORDER BY article",
    "SELECT * FROM words ORDER BY word",
    "SELECT key, value FROM meta WHERE key IN ('articles', 'tokens', 'calibration') ORDER BY key",
)


def answers(db: Path, queries: Path) -> list[str]:
    """A digest of every table, and the JSON of a batch search (the index's name replaced)."""
    found = []
    with contextlib.closing(sqlite3.connect(db)) as connection:
        for query in _TABLES:
            digest = hashlib.sha256()
            for row in connection.execute(query):
                digest.update(repr(row).encode("utf-8"))
            found.append(digest.hexdigest())
    argv = ["search", "--queries", str(queries), "--db", str(db), "--format", "json", "--top", "20"]
    out = subprocess.run(["clausediff", *argv], check=True, capture_output=True, text=True)
    found.append(out.stdout.replace(str(db), "INDEX"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="default: make_corpus.py large")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, help="where to write the indexes")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="clausediff-parallel-"))
    corpus = args.corpus
    if corpus is None:
        out = work / "large"
        subprocess.run([sys.executable, str(args.shared / "bench" / "make_corpus.py"), "large",
                        str(out)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        corpus = out / "corpus"
    one, many = work / "one.sqlite", work / "many.sqlite"
    ratios = []
    for n in range(args.repeat):
        runs = {}
        order = [1, args.workers] if n % 2 == 0 else [args.workers, 1]
        for workers in order:
            db = one if workers == 1 else many
            runs[workers] = build(corpus, db, ["--workers", str(workers)])
        (t1, p1, l1), (tn, pn, ln) = runs[1], runs[args.workers]
        ratios.append(tn / t1)
        print(
            f"run {n + 1}: --workers 1 {t1:.1f}s (load {l1:.2f}, peak {p1:.0f} MB); "
            f"--workers {args.workers} {tn:.1f}s (load {ln:.2f}, peak {pn:.0f} MB); "
            f"ratio {tn / t1:.3f}",
            flush=True,
        )
    print(f"ratio --workers {args.workers} / --workers 1: median {statistics.median(ratios):.3f}")
    queries = work / "queries.jsonl"
    queries.write_text(
        "".join(json.dumps({"id": f"q{i}", "query": q}) + "\n" for i, q in enumerate(QUERIES)),
        encoding="utf-8",
    )
    same = answers(one, queries) == answers(many, queries)
    print(f"every table and the batch search JSON identical: {same}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
