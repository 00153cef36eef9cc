#!/usr/bin/env python3
"""Lineage on a large index: wall time and the peak memory of each process, for each
``--workers`` value given, in the same run.

Runs ``clausediff lineage --db FILE --format json --workers N`` for each N, sampling the
resident memory of the command and of every process it starts (the pool's workers) five
times a second (psutil, which ``clausediff[dask]`` brings); prints the wall time, the load
average before, the largest process's peak and the peak of the whole tree; then checks that
the JSON of every run is the same (the index's name left out).

Usage: python benchmarks/lineage_scale.py --db FILE [--workers 1 --workers 2] [--min-score S]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil


def run(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, the largest process's peak MB and the tree's peak MB of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(child.pid)
    peaks: dict[int, float] = {}
    tree = 0.0
    while child.poll() is None:
        try:
            processes = [root, *root.children(recursive=True)]
            sizes = {}
            for process in processes:
                with_info = process.memory_info()
                sizes[process.pid] = with_info.rss / 2**20
        except psutil.Error:
            continue
        for pid, size in sizes.items():
            peaks[pid] = max(peaks.get(pid, 0.0), size)
        tree = max(tree, sum(sizes.values()))
        time.sleep(0.2)
    if child.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {child.stderr.read().decode() if child.stderr else ''}")
    return time.perf_counter() - start, max(peaks.values(), default=0.0), tree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, action="append")
    parser.add_argument("--min-score", default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="clausediff-lineage-"))
    outputs = []
    for workers in args.workers or [1, 2]:
        out = work / f"lineage-{workers}.json"
        argv = ["clausediff", "lineage", "--db", str(args.db), "--format", "json",
                "--workers", str(workers), "-o", str(out)]  # fmt: skip
        if args.min_score:
            argv += ["--min-score", args.min_score]
        load = os.getloadavg()[0]
        wall, largest, tree = run(argv)
        outputs.append(out.read_text(encoding="utf-8"))
        print(f"--workers {workers}: {wall:.0f}s (load {load:.2f}), largest process "
              f"{largest:.0f} MB, all processes together {tree:.0f} MB", flush=True)  # fmt: skip
    print(f"lineage JSON identical across runs: {len(set(outputs)) == 1}")


if __name__ == "__main__":
    main()
