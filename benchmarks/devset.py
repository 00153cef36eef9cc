#!/usr/bin/env python3
"""Article segmentation on a development set of real legal texts in many languages.

The texts and their gold articles come from their publishers' markup (``devset_sources``:
statutes of Taiwan, Japan, Korea, Germany, France, Serbia and Greece, the constitutions of
Spain, Italy and Andorra, treaties in English and Chinese, an EU proposal); each is laid out
as the shared gold extractor lays texts out, then scored as ``score_parse.py`` scores
(canonical number, start within 3 characters) in two layouts: ``plain``, and ``pdf``,
hard-wrapped at 72 columns with page-number lines (``degrade.py``'s ``wrapped`` variant, the
PDF-like copy of the held-out set). Gold numbers are read with clausediff's own
``canonical_number`` from the printed label, so the figure counts segmentation errors, not
spellings.

Usage (from the project root; ``--sources`` holds the repositories, ``--shared`` the shared
data):

    python benchmarks/devset.py --sources /work/.mirror --sources /work/devset-parse
    python benchmarks/devset.py --show 5 --language el     # the errors of one language
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from devset_sources import SOURCES, documents, render  # noqa: E402

from clausediff import NoArticlesError, canonical_number, parse_document  # noqa: E402


def score(text: str, gold: list[dict[str, object]]) -> tuple[int, int, int, list[str]]:
    """(matched, predicted, gold) and a line for each error, as score_parse.py matches."""
    expected = [
        (canonical_number(str(a["number"])) or str(a["number"]).lower(), int(str(a["start"])))
        for a in gold
    ]
    try:
        found = [(a.number, a.text_span.start) for a in parse_document(text).articles]
    except NoArticlesError:
        found = []
    unused = list(found)
    errors = []
    hits = 0
    for number, start in expected:
        match = next((p for p in unused if p[0] == number and abs(p[1] - start) <= 3), None)
        if match is None:
            errors.append(f"missed {number!r} at {start}: {text[start : start + 60]!r}")
        else:
            unused.remove(match)
            hits += 1
    for number, start in unused:
        errors.append(f"extra {number!r} at {start}: {text[max(0, start - 30) : start + 40]!r}")
    return hits, len(found), len(expected), errors


def _f1(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=Path, action="append", default=[])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--language", action="append", default=[])
    parser.add_argument("--show", type=int, default=0, help="errors to show per document")
    args = parser.parse_args()
    sys.path.insert(0, str(args.shared / "bench"))
    import degrade  # type: ignore[import-not-found]

    roots = args.sources or [Path("/work/.mirror")]
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for source in SOURCES:
        if args.language and source.language not in args.language:
            continue
        for name, blocks in documents(source, roots, args.shared):
            rendered = render(blocks)
            data = {"plain_text": rendered.text, "articles": rendered.articles}
            layouts = {"plain": (rendered.text, rendered.articles)}
            layouts["pdf"] = degrade.relay(data, "wrapped")
            for layout, (text, gold) in layouts.items():
                hits, predicted, expected, errors = score(text, gold)
                total = totals[(source.language, layout)]
                total[0] += hits
                total[1] += predicted
                total[2] += expected
                total[3] += 1
                if args.show and errors:
                    print(f"{source.language} {layout} {source.repo}:{name}: {len(errors)} errors")
                    for line in errors[: args.show]:
                        print("   ", line)
    print(f"{'language':8s} {'layout':6s} {'docs':>4s} {'gold':>6s} {'found':>6s} "
          f"{'P':>6s} {'R':>6s} {'F1':>6s}")  # fmt: skip
    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for (language, layout), (hits, predicted, expected, docs) in sorted(totals.items()):
        precision, recall, f1 = _f1(hits, predicted, expected)
        print(f"{language:8s} {layout:6s} {docs:4d} {expected:6d} {predicted:6d} "
              f"{precision:6.4f} {recall:6.4f} {f1:6.4f}")  # fmt: skip
        for i, value in enumerate((hits, predicted, expected, docs)):
            overall[layout][i] += value
    for layout, (hits, predicted, expected, docs) in sorted(overall.items()):
        precision, recall, f1 = _f1(hits, predicted, expected)
        print(f"{'all':8s} {layout:6s} {docs:4d} {expected:6d} {predicted:6d} "
              f"{precision:6.4f} {recall:6.4f} {f1:6.4f}")  # fmt: skip


if __name__ == "__main__":
    main()
