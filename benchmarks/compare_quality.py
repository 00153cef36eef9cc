#!/usr/bin/env python3
"""Comparison and alignment, measured with the shared scorers (run from the project root).

1. ``score_align.py`` on ``benchmarks/align_gold.json``: recall and precision of known article
   parallels (Geneva Conventions, the 1966 Covenants, the Pacific pacts) over the corpus that
   ``make_corpus.py lineage`` lays out;
2. ``check_compare.py`` on the flagship comparison (2024 Art. 4 against 1961 Art. 1) in each
   English rendering: honest spans, a complete redline, "military and other assistance" shared;
3. ``perf.py align`` on Geneva Conventions III and IV (143 x 159 articles, full alignment and
   redlines, process start included) against the difflib baseline, three runs.

Usage: python benchmarks/compare_quality.py [--shared ../shared] [--runs 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _stdout(cmd: list[str]) -> str:
    """What *cmd* prints on stdout (its notes on stderr apart)."""
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False).stdout


def _run(cmd: list[str], stdin: str | None = None) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, input=stdin, check=False)
    return (result.stdout + result.stderr).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not bench.is_dir():
        sys.exit(f"{bench}: not found; pass --shared DIR")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "lineage"
        _run([sys.executable, str(bench / "make_corpus.py"), "lineage", str(corpus)])
        print(
            _run(
                [
                    sys.executable,
                    str(bench / "score_align.py"),
                    str(corpus),
                    str(ROOT / "benchmarks" / "align_gold.json"),
                    "--min-recall",
                    "1.0",
                    "--min-precision",
                    "0.97",
                ]
            )
        )
        for rendering in ("russia-dprk-2024", "russia-dprk-2024.tass", "russia-dprk-2024.yonhap"):
            command = ["clausediff", "compare", rendering, "ussr-dprk-1961", "--article", "4:1"]
            comparison = _stdout([*command, "--format", "json"])
            verdict = _run(
                [sys.executable, str(bench / "check_compare.py"), "military and other assistance"],
                stdin=comparison,
            )
            print(f"check_compare {rendering} vs ussr-dprk-1961: {verdict}")
        left, right = corpus / "gc-iii.en.txt", corpus / "gc-iv.en.txt"
        for _ in range(args.runs):
            print(_run([sys.executable, str(bench / "perf.py"), "align", str(left), str(right)]))


if __name__ == "__main__":
    main()
