#!/usr/bin/env python3
"""Lineage on a large index: wall time and the peak memory of each process, for each
``--workers`` value given, in the same run.

Runs ``clausediff lineage --db FILE --format json --workers N`` for each N, sampling the
resident memory of the command and of every process it starts (the pool's workers) five
times a second (``sampling.py``); prints the wall time, the CPU
time of the command and its processes, the load average before and after, the peak of each
process (the command first), of the largest and of the whole tree; then checks that the JSON
of every run is the same (the index's name left out), and, with ``--expect FILE``, the same
as that of an earlier run (another version of clausediff, say).

Usage: python benchmarks/lineage_scale.py --db FILE [--workers 1 --workers 2] [--min-score S]
       [--expect FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import tempfile
from pathlib import Path

from sampling import sample


def _masked(path: Path) -> str:
    """A lineage JSON's text with the index's name left out (byte for byte otherwise)."""
    text = path.read_text(encoding="utf-8")
    head, tail = text[:4096], text[4096:]
    return re.sub(r'"index": ("(?:[^"\\]|\\.)*"|null)', '"index": null', head, count=1) + tail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--workers", type=int, action="append")
    parser.add_argument("--min-score", default=None)
    parser.add_argument("--expect", type=Path, help="a lineage JSON the runs must equal")
    parser.add_argument("--keep", type=Path, help="where to write the runs' JSON")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="clausediff-lineage-"))
    work.mkdir(parents=True, exist_ok=True)
    outputs = []
    for workers in args.workers or [1, 2]:
        out = work / f"lineage-{workers}.json"
        argv = ["clausediff", "lineage", "--db", str(args.db), "--format", "json",
                "--workers", str(workers), "-o", str(out)]  # fmt: skip
        if args.min_score:
            argv += ["--min-score", args.min_score]
        load = os.getloadavg()[0]
        seen = sample(argv)
        outputs.append(_masked(out))
        peaks = seen.peaks
        each = ", ".join(f"{peak:.0f}" for peak in peaks.values())
        print(f"--workers {workers}: {seen.wall:.0f}s wall, {sum(seen.cpu.values()):.0f}s CPU "
              f"(load {load:.2f} before, {os.getloadavg()[0]:.2f} after); peak of each process "
              f"(the command first): {each} MB; largest {max(peaks.values()):.0f} MB, all "
              f"together {seen.tree:.0f} MB; "
              f"JSON {out.stat().st_size / 1e6:.1f} MB", flush=True)  # fmt: skip
    print(f"lineage JSON identical across runs: {len(set(outputs)) == 1}")
    if args.expect:
        print(f"identical to {args.expect}: {outputs[0] == _masked(args.expect)}")


if __name__ == "__main__":
    main()
