#!/usr/bin/env python3
"""Parser accuracy and speed, measured with the shared scorers.

Runs, from the project root, with ``clausediff`` on PATH and ``../shared`` beside the checkout:

1. ``score_parse.py`` on both gold sets in the three layouts (plain, wrapped, inline), for
   clausediff and for the scorer's naive regex baseline;
2. the same comparison in-process with number forms reconciled: the scorer compares numbers as
   it canonicalizes them, which leaves some forms unconverted (Spanish ordinals such as
   ``segundo``, ``I bis``, ``1˚``) while clausediff converts them; this second figure
   canonicalizes the gold label with clausediff's own ``canonical_number`` instead, so that it
   counts segmentation errors only;
3. ``perf.py parse`` on one file of all ToTA texts (``make_corpus.py large``): clausediff's
   time over one bare regular-expression pass, in the same run.

Usage: python benchmarks/parse_accuracy.py [--shared ../shared] [--skip-speed]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str]) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    return result.stdout + result.stderr


def shared_scorer(bench: Path, gold: list[Path]) -> None:
    """Print the shared scorer's figures for clausediff and for its regex baseline."""
    for variant in ("plain", "wrapped", "inline"):
        for who in ("clausediff", "baseline"):
            extra = ["--baseline"] if who == "baseline" else []
            out = _run(
                [sys.executable, str(bench / "score_parse.py"), "--variant", variant, *extra]
                + [str(g) for g in gold]
            )
            for line in out.splitlines():
                if "F1=" in line:
                    print(f"{who:10s} {line}")


def reconciled(bench: Path, gold: list[Path]) -> None:
    """F1 with gold numbers canonicalized by clausediff (segmentation errors only)."""
    sys.path.insert(0, str(bench))
    sys.path.insert(0, str(ROOT / "src"))
    import degrade  # type: ignore[import-not-found]
    import extract  # type: ignore[import-not-found]

    from clausediff import NoArticlesError, canonical_number, parse_document

    for variant in ("plain", "wrapped", "inline"):
        for directory in gold:
            hits = predicted = expected = 0
            for path in sorted(directory.iterdir()):
                if path.suffix not in (".xml", ".md") or path.name == "README.md":
                    continue
                data = extract.extract(str(path))
                if variant != "plain":
                    data["plain_text"], data["articles"] = degrade.relay(data, variant)
                golds = []
                for article in data["articles"]:
                    if not article["number"]:
                        continue
                    number = canonical_number(article["number"]) or article["number"].lower()
                    golds.append((number, article["start"]))
                try:
                    doc = parse_document(data["plain_text"])
                    preds = [(a.number, a.text_span.start) for a in doc.articles]
                except NoArticlesError:
                    preds = []
                used: set[int] = set()
                for number, start in golds:
                    for i, (p_number, p_start) in enumerate(preds):
                        if i not in used and p_number == number and abs(p_start - start) <= 3:
                            used.add(i)
                            hits += 1
                            break
                predicted += len(preds)
                expected += len(golds)
            precision = hits / predicted if predicted else 0.0
            recall = hits / expected if expected else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            print(
                f"reconciled {directory.name} [{variant}]: gold={expected} predicted={predicted} "
                f"matched={hits} precision={precision:.4f} recall={recall:.4f} F1={f1:.4f}"
            )


def speed(bench: Path) -> None:
    """clausediff parse of all ToTA texts in one file, against one bare regex pass."""
    with tempfile.TemporaryDirectory() as tmp:
        _run([sys.executable, str(bench / "make_corpus.py"), "large", tmp])
        print(_run([sys.executable, str(bench / "perf.py"), "parse", f"{tmp}/big.txt"]).strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    bench = args.shared / "bench"
    gold = [args.shared / "gold" / "tota", args.shared / "gold" / "bwb_treaties_md"]
    if not bench.is_dir():
        sys.exit(f"{bench}: not found; pass --shared DIR")
    shared_scorer(bench, gold)
    reconciled(bench, gold)
    if not args.skip_speed:
        speed(bench)


if __name__ == "__main__":
    main()
