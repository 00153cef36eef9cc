#!/usr/bin/env python3
"""An index and a lineage built on a real dask.distributed cluster against one process.

Starts a scheduler and two workers on 127.0.0.1 (``dask scheduler``, ``dask worker``, one
thread each, as separate processes), indexes a directory (by default the ~2,000 articles of
``make_corpus.py lineage``) through them (``clausediff index DIR --scheduler ADDRESS``) and
in one process (``--workers 1``), then compares the JSON of a batch search and of ``lineage``
(run locally on each index, and through the cluster on the cluster's index): they must be
byte-identical (the index's file name left out). Prints each step's wall time with the load
average before it; stops the cluster at the end. Needs ``clausediff[dask]``.

Usage: python benchmarks/dask_cluster.py [--corpus DIR] [--shared ../shared] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from parallel_build import QUERIES  # noqa: E402  (the same batch as the local benchmark)


def timed(argv: list[str], what: str) -> str:
    """Run a clausediff command; print its wall time and the load before it; its stdout."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    out = subprocess.run(["clausediff", *argv], check=True, capture_output=True, text=True)
    print(f"{what}: {time.perf_counter() - start:.1f}s (load {load:.2f})", flush=True)
    return out.stdout


def start_cluster(port: int, log: Path) -> list[subprocess.Popen[bytes]]:
    """A scheduler on 127.0.0.1:*port* and two single-threaded workers, logging to *log*."""
    dask = shutil.which("dask") or "dask"
    address = f"tcp://127.0.0.1:{port}"
    sink = log.open("ab")
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=sink,
            stderr=sink,
        )
    ]
    time.sleep(3)
    for n in range(2):
        worker = [dask, "worker", address, "--nthreads", "1", "--nworkers", "1",
                  "--no-dashboard", "--name", f"w{n}"]  # fmt: skip
        processes.append(subprocess.Popen(worker, stdout=sink, stderr=sink))
    from distributed import Client

    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    return processes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="default: make_corpus.py lineage")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--port", type=int, default=8786)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="clausediff-dask-"))
    corpus = args.corpus
    if corpus is None:
        corpus = work / "lineage"
        subprocess.run([sys.executable, str(args.shared / "bench" / "make_corpus.py"), "lineage",
                        str(corpus)], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    queries = work / "queries.jsonl"
    queries.write_text(
        "".join(json.dumps({"id": f"q{i}", "query": q}) + "\n" for i, q in enumerate(QUERIES)),
        encoding="utf-8",
    )
    address = f"tcp://127.0.0.1:{args.port}"
    cluster = start_cluster(args.port, work / "cluster.log")
    try:
        local, remote = work / "local.sqlite", work / "cluster.sqlite"
        for db in (local, remote):
            for stale in db.parent.glob(db.name + "*"):
                stale.unlink()
        timed(["index", str(corpus), "--db", str(local), "--workers", "1"], "index, one process")
        timed(["index", str(corpus), "--db", str(remote), "--scheduler", address],
              "index, scheduler + 2 workers")  # fmt: skip
        search = ["--queries", str(queries), "--format", "json", "--top", "20"]
        found = {}
        for name, db in (("local", local), ("cluster", remote)):
            found[f"search {name}"] = timed(
                ["search", "--db", str(db), *search], f"batch search, {name} index"
            ).replace(str(db), "INDEX")
            found[f"lineage {name}"] = timed(
                ["lineage", "--db", str(db), "--format", "json", "--workers", "1"],
                f"lineage, one process, {name} index",
            ).replace(str(db), "INDEX")
        found["lineage on the cluster"] = timed(
            ["lineage", "--db", str(remote), "--format", "json", "--scheduler", address],
            "lineage on the cluster, cluster index",
        ).replace(str(remote), "INDEX")
    finally:
        for process in reversed(cluster):
            process.terminate()
        for process in cluster:
            process.wait(timeout=60)
    same_search = found["search local"] == found["search cluster"]
    same_lineage = found["lineage local"] == found["lineage cluster"]
    same_cluster = found["lineage local"] == found["lineage on the cluster"]
    families = len(json.loads(found["lineage local"])["families"])
    print(f"batch search JSON identical (local index vs cluster index): {same_search}")
    print(f"lineage JSON identical (local index vs cluster index): {same_lineage}")
    print(f"lineage JSON identical (one process vs on the cluster): {same_cluster}")
    print(f"({families} families, {len(QUERIES)} queries)")
    if not (same_search and same_lineage and same_cluster):
        sys.exit(1)


if __name__ == "__main__":
    main()
