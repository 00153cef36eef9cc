#!/usr/bin/env python3
"""Search quality and speed, measured with the shared scorers (run from the project root).

1. Lays out the lineage corpus (``make_corpus.py lineage``) and turns
   ``benchmarks/lineage_queries.toml`` into the scorer's queries JSON (the clause texts are
   read from that corpus at run time).
2. ``score_lineage.py``: mean reciprocal rank and recall@1/@3 of the known sources, for
   clausediff; ``baseline.py``: the same for the regex splitter plus brute-force rapidfuzz.
3. ``perf.py search`` on ``make_corpus.py large`` (about 30,000 articles): index once, then one
   batch search of the queries, against brute-force token_set over the same articles.

Usage: python benchmarks/search_quality.py [--shared ../shared] [--skip-speed]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str]) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    return (result.stdout + result.stderr).strip()


def build_queries(spec: Path, corpus: Path) -> list[dict[str, object]]:
    """The scorer's queries, each cut from its article in *corpus* as *spec* describes."""
    sys.path.insert(0, str(ROOT / "src"))
    from clausediff import Clause, parse_document

    queries = []
    for item in tomllib.loads(spec.read_text(encoding="utf-8"))["query"]:
        path = corpus / f"{item['document']}.txt"
        document = parse_document(path.read_text(encoding="utf-8"), id=item["document"])
        text = Clause.from_article(document, document.article(item["article"])).text
        if "from" in item:
            start = text.index(item["from"])
            end = text.index(item["to"], start) + len(item["to"])
            text = text[start:end]
        queries.append(
            {
                "name": item["name"],
                "query": text,
                "exclude": item["exclude"],
                "expected": [
                    {"document": e.rsplit(":", 1)[0], "article": e.rsplit(":", 1)[1]}
                    for e in item["expected"]
                ],
            }
        )
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not bench.is_dir():
        sys.exit(f"{bench}: not found; pass --shared DIR")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "lineage"
        _run([sys.executable, str(bench / "make_corpus.py"), "lineage", str(corpus)])
        queries = build_queries(ROOT / "benchmarks" / "lineage_queries.toml", corpus)
        qfile = Path(tmp) / "queries.json"
        qfile.write_text(json.dumps(queries), encoding="utf-8")
        print(f"{len(queries)} queries")
        print(
            "clausediff:",
            _run(
                [
                    sys.executable,
                    str(bench / "score_lineage.py"),
                    str(corpus),
                    str(qfile),
                    "--min-r1",
                    str(int(0.9 * len(queries) + 0.999)),
                ]
            ),
        )
        print(
            "baseline:\n"
            + _run([sys.executable, str(bench / "baseline.py"), str(corpus), str(qfile)])
        )
        if not args.skip_speed:
            large = Path(tmp) / "large"
            _run([sys.executable, str(bench / "make_corpus.py"), "large", str(large)])
            print(
                _run(
                    [
                        sys.executable,
                        str(bench / "perf.py"),
                        "search",
                        str(large / "corpus"),
                        str(qfile),
                    ]
                )
            )


if __name__ == "__main__":
    main()
