#!/usr/bin/env python3
"""Search and lineage quality, and search speed, on documented lineages (run from the
project root).

1. Lays out the lineage corpus (``make_corpus.py lineage``, with its ``catalog.toml`` of
   dates), indexes it once, and turns ``benchmarks/lineage_queries.toml`` into the scorer's
   queries (the clause texts are read from that corpus at run time).
2. Search without chronology: ``score_lineage.py`` (mean reciprocal rank, recall@1 and @3
   of the known sources, hits of the query's own treaty dropped), and the regex plus
   brute-force rapidfuzz baseline on the same set.
3. Search with chronology: the same queries as JSON Lines with ``"before"`` (the query's
   own date) and ``"exclude"`` (its treaty), one batch through ``clausediff search
   --queries``, scored the same way.
4. Lineage: ``clausediff lineage --format json`` at its defaults; how many of the
   documented pairs (each query's article with each of its expected sources) stand in one
   family, and whether the top families are final clauses.
5. ``perf.py search`` on ``make_corpus.py large`` (about 30,000 articles): index once, then
   one batch search, against brute-force token_set over the same articles.

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
    from clausediff import Clause
    from clausediff.sources import load_document

    queries = []
    for item in tomllib.loads(spec.read_text(encoding="utf-8"))["query"]:
        document = load_document(corpus / f"{item['document']}.txt")
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
                "signed": item["signed"],
                "expected": [
                    {"document": e.rsplit(":", 1)[0], "article": e.rsplit(":", 1)[1]}
                    for e in item["expected"]
                ],
            }
        )
    return queries


def score(queries: list[dict[str, object]], results: dict[str, list[tuple[str, str]]]) -> str:
    """MRR, recall@1 and @3 as ``score_lineage.py`` counts them (own treaty's hits dropped)."""
    reciprocal, first, third, misses = [], 0, 0, []
    for q in queries:
        family = str(q["exclude"]).split(".")[0]
        hits = [h for h in results.get(str(q["name"]), []) if not h[0].startswith(family)]
        expected = [(e["document"], e["article"]) for e in q["expected"]]  # type: ignore[attr-defined]
        ranks = [hits.index(e) + 1 for e in expected if e in hits]
        best = min(ranks) if ranks else None
        reciprocal.append(1 / best if best else 0.0)
        first += best == 1
        third += bool(best and best <= 3)
        if best != 1:
            misses.append(f"  {q['name']}: best expected rank {best}; top hits {hits[:3]}")
    n = len(queries)
    return "\n".join([*misses, f"MRR={sum(reciprocal) / n:.3f} R@1={first}/{n} R@3={third}/{n}"])


def with_chronology(queries: list[dict[str, object]], db: Path, work: Path) -> str:
    """One batch with each query's date and treaty as filters, scored."""
    batch = work / "dated.jsonl"
    batch.write_text(
        "".join(
            json.dumps({"id": q["name"], "query": q["query"], "before": q["signed"],
                        "exclude": q["exclude"]}) + "\n"
            for q in queries
        ),
        encoding="utf-8",
    )  # fmt: skip
    out = subprocess.run(
        ["clausediff", "search", "--queries", str(batch), "--db", str(db), "--top", "25",
         "--format", "json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    results = {}
    for line in out.splitlines():
        data = json.loads(line)
        results[data["id"]] = [(h["document"], h["article"]) for h in data["hits"]]
    return score(queries, results)


def lineage(queries: list[dict[str, object]], db: Path) -> str:
    """How many documented pairs the default lineage puts in one family."""
    sys.path.insert(0, str(ROOT / "src"))
    from clausediff.model import DocumentId

    out = subprocess.run(["clausediff", "lineage", "--db", str(db), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    data = json.loads(out)
    families: dict[tuple[str, str], set[int]] = {}
    for n, family in enumerate(data["families"]):
        for m in family["members"]:
            families.setdefault((m["treaty"], m["article"]), set()).add(n)
    pairs = set()
    for q in queries:
        query = (DocumentId.parse(str(q["document"])).treaty, str(q["article"]))
        for e in q["expected"]:  # type: ignore[attr-defined]
            pairs.add((query, (DocumentId.parse(e["document"]).treaty, e["article"])))
    linked = [p for p in pairs if families.get(p[0], set()) & families.get(p[1], set())]
    top = data["families"][:10]
    final = sum(1 for f in top if f["final_clauses"])
    missing = sorted(pairs - set(linked))
    return "\n".join(
        [
            *(f"  not in one family: {a} {b}" for a, b in missing),
            f"lineage: {len(data['families'])} families; documented pairs in one family "
            f"{len(linked)}/{len(pairs)}; final-clause families among the top 10: {final}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    bench = args.shared / "bench"
    if not bench.is_dir():
        sys.exit(f"{bench}: not found; pass --shared DIR")
    spec = ROOT / "benchmarks" / "lineage_queries.toml"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "lineage"
        _run([sys.executable, str(bench / "make_corpus.py"), "lineage", str(corpus)])
        queries = build_queries(spec, corpus)
        for q, item in zip(queries, tomllib.loads(spec.read_text())["query"], strict=True):
            q["document"], q["article"] = item["document"], item["article"]
        db = work / "index.sqlite"
        _run(["clausediff", "index", str(corpus), "--db", str(db)])
        qfile = work / "queries.json"
        qfile.write_text(json.dumps(queries), encoding="utf-8")
        print(f"{len(queries)} queries")
        print("clausediff, no chronology (score_lineage.py):")
        least = str(int(0.9 * len(queries) + 0.999))
        print(_run([sys.executable, str(bench / "score_lineage.py"), str(corpus), str(qfile),
                    "--db", str(db), "--min-r1", least]))  # fmt: skip
        print("clausediff, with chronology (before = the query's date, its treaty excluded):")
        print(with_chronology(queries, db, work))
        print(lineage(queries, db))
        print("baseline:\n" + _run([sys.executable, str(bench / "baseline.py"), str(corpus),
                                    str(qfile)]))  # fmt: skip
        if not args.skip_speed:
            large = work / "large"
            _run([sys.executable, str(bench / "make_corpus.py"), "large", str(large)])
            print(_run([sys.executable, str(bench / "perf.py"), "search", str(large / "corpus"),
                        str(qfile)]))  # fmt: skip


if __name__ == "__main__":
    main()
