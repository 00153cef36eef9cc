#!/usr/bin/env python3
"""Calibration of search's significance figures (run from the project root).

1. Lays out the lineage corpus (``make_corpus.py lineage``, ~2,000 articles) and the large
   one (``make_corpus.py large``, ~30,000: the lineage corpus plus trade and bilateral
   treaties) and indexes each with ``clausediff index``.
2. Unrelated pairs: seeded random pairs of articles from treaties of different subjects
   (international humanitarian law, human rights, the UN system and diplomacy, alliances,
   and, in the large corpus, trade and bilateral treaties), so that no pair is of one
   family; each scored as search scores a hit (the first article as the query). Prints the
   share with p below 0.01 and 0.001 (targets: at most 1% and about 0.1%).
3. The same pair in both indexes: every documented pair of ``lineage_queries.toml`` (the
   query's article and each known source, scored as search scores it) gets a bit score in
   the 2,000- and the 30,000-article index; prints the largest ratio (target: within a
   factor of 2) and the E-values' ratio (which should grow with the index).
4. Fresh and incremental builds: the lineage corpus indexed at once and in two runs (half
   the files, then all); prints whether their calibration and every pair's figures agree.

Usage: python benchmarks/calibration.py [--shared ../shared] [--pairs 5000] [--skip-large]
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausediff.corpus import storage  # noqa: E402
from clausediff.corpus.facade import Corpus  # noqa: E402
from clausediff.corpus.scoring import (  # noqa: E402
    Weights,
    prefix_weights,
    shared_bits,
    shingled,
    weighed_keys,
)
from clausediff.corpus.shingles import keyed_keys  # noqa: E402
from clausediff.model import DocumentId  # noqa: E402

SUBJECTS = {
    "ihl": "gc-i gc-ii gc-iii gc-iv gc-ap1 gc-ap2 rome-statute genocide",
    "rights": "iccpr icescr iccpr-op1 iccpr-op2 op-icescr udhr cedaw icerd crc crpd cat refugee",
    "un": "un-charter icj-statute vclt vccr vcdr uncac unclos outer-space teu-2007",
    "alliances": (
        "nato-1949 anzus-1951 rio-1947 us-philippines-1951 us-japan-1960 ussr-dprk-1961 "
        "prc-dprk-1961 russia-dprk-2024 sino-soviet-1950 csto-1992 dunkirk-1947"
    ),
}
SUBJECT_OF = {t: s for s, treaties in SUBJECTS.items() for t in treaties.split()}


def subject(treaty: str) -> str:
    """A treaty's subject; treaties outside the lineage corpus (trade, bilateral) are
    'other'."""
    return SUBJECT_OF.get(treaty, "other")


class Index:
    """An index open for scoring pairs as search scores a hit."""

    def __init__(self, path: Path) -> None:
        self.corpus = Corpus.open(path)
        self.db = self.corpus.db
        self.documents, self.model = self.corpus._tables()
        self.articles, _ = storage.counts(self.db)
        rows = self.db.execute("SELECT a.id, d.name, a.ref FROM articles a JOIN documents d "
                               "ON d.id = a.document").fetchall()  # fmt: skip
        self.ids = {(name, ref): article for article, name, ref in rows}
        self.treaty = {article: DocumentId.parse(name).treaty for article, name, _ in rows}

    def figures(self, pairs: list[tuple[int, int]]) -> list[tuple[float, float, float]]:
        """Bits, p-value and E-value of each pair, the first article as the query."""
        keys = storage.article_keys(self.db, {i for pair in pairs for i in pair})
        texts = {i: shingled(keyed_keys(k)) for i, k in keys.items()}
        words = set().union(*(weighed_keys(t.keyed) for t in texts.values()))
        weights = Weights(storage.document_frequencies(self.db, words), self.articles)
        found = []
        for a, b in pairs:
            shared = shared_bits(texts[a], texts[b], prefix_weights(texts[a].keyed, weights))
            m, n = len(keys[a]), len(keys[b])
            found.append(
                (self.model.bits(shared), self.model.pvalue(shared, m, n),
                 self.model.evalue(shared, m))
            )  # fmt: skip
        return found


def unrelated(index: Index, count: int, seed: int) -> str:
    """The share of unrelated pairs with small p-values."""
    rng = random.Random(seed)
    ids = sorted(index.treaty)
    pairs: list[tuple[int, int]] = []
    while len(pairs) < count:
        a, b = rng.choice(ids), rng.choice(ids)
        if subject(index.treaty[a]) != subject(index.treaty[b]):
            pairs.append((a, b))
    ps = [p for _, p, _ in index.figures(pairs)]
    return (
        f"{len(pairs)} unrelated pairs: p<0.01 {sum(p < 0.01 for p in ps) / len(ps):.2%}, "
        f"p<0.001 {sum(p < 0.001 for p in ps) / len(ps):.2%}"
    )


def documented(spec: Path) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """The documented pairs of the lineage queries: (query document, article) and source."""
    pairs = []
    for item in tomllib.loads(spec.read_text(encoding="utf-8"))["query"]:
        for e in item["expected"]:
            document, article = e.rsplit(":", 1)
            pairs.append(((item["document"], item["article"]), (document, article)))
    return pairs


def _ids(index: Index, pairs: list, small: Index) -> list[tuple[int, int]]:
    """The article ids of documented pairs (by canonical number: the ref when unique)."""
    found = []
    for (qd, qa), (sd, sa) in pairs:
        a, b = _id(index, qd, qa), _id(index, sd, sa)
        if a is not None and b is not None and _id(small, qd, qa) and _id(small, sd, sa):
            found.append((a, b))
    return found


def _id(index: Index, document: str, number: str) -> int | None:
    return index.ids.get((document, number))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--pairs", type=int, default=5000)
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    make = args.shared / "bench" / "make_corpus.py"
    spec = ROOT / "benchmarks" / "lineage_queries.toml"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, str(make), "lineage", str(work / "lineage")], check=True)
        small_db = work / "small.sqlite"
        subprocess.run(["clausediff", "index", str(work / "lineage"), "--db", str(small_db)],
                       check=True, capture_output=True)  # fmt: skip
        small = Index(small_db)
        print(f"2,000-article index: {small.articles} articles, model {small.model}")
        print("  " + unrelated(small, args.pairs, seed=1))
        fresh_and_incremental(work, small)
        if args.skip_large:
            return
        subprocess.run([sys.executable, str(make), "large", str(work / "large")], check=True)
        large_db = work / "large.sqlite"
        subprocess.run(["clausediff", "index", str(work / "large" / "corpus"), "--db",
                        str(large_db)], check=True, capture_output=True)  # fmt: skip
        large = Index(large_db)
        print(f"30,000-article index: {large.articles} articles, model {large.model}")
        print("  " + unrelated(large, args.pairs, seed=2))
        pairs = documented(spec)
        in_small = small.figures(_ids(small, pairs, large))
        in_large = large.figures(_ids(large, pairs, small))
        ratios = [
            max(x[0], y[0]) / min(x[0], y[0]) for x, y in zip(in_small, in_large, strict=True)
        ]
        growth = [y[2] / x[2] for x, y in zip(in_small, in_large, strict=True)]
        print(
            f"{len(ratios)} documented pairs in both: bits ratio 30k/2k at most "
            f"{max(ratios):.2f} (median {sorted(ratios)[len(ratios) // 2]:.2f}); E grows "
            f"{min(growth):.1f}x to {max(growth):.1f}x (search spaces "
            f"{large.model.space / small.model.space:.1f}x)"
        )
        p_ratio = [
            math.log10(max(x[1], 1e-300) / max(y[1], 1e-300))
            for x, y in zip(in_small, in_large, strict=True)
        ]
        print(f"  p-values 2k/30k, log10: from {min(p_ratio):.1f} to {max(p_ratio):.1f}")


def fresh_and_incremental(work: Path, fresh: Index) -> None:
    """Index the lineage corpus in two runs and compare with the fresh index."""
    half = work / "half"
    half.mkdir()
    files = sorted((work / "lineage").glob("*.txt"))
    shutil.copyfile(work / "lineage" / "catalog.toml", half / "catalog.toml")
    for path in files[::2]:
        shutil.copyfile(path, half / path.name)
    db = work / "step.sqlite"
    subprocess.run(["clausediff", "index", str(half), "--db", str(db)], check=True,
                   capture_output=True)  # fmt: skip
    for path in files:
        shutil.copyfile(path, half / path.name)
    subprocess.run(["clausediff", "index", str(half), "--db", str(db)], check=True,
                   capture_output=True)  # fmt: skip
    step = Index(db)
    same_model = step.model == fresh.model
    keys = sorted(set(fresh.ids) & set(step.ids))
    rng = random.Random(3)
    chosen = rng.sample(keys, 400)
    pairs = list(zip(chosen[::2], chosen[1::2], strict=True))
    a = fresh.figures([(fresh.ids[x], fresh.ids[y]) for x, y in pairs])
    b = step.figures([(step.ids[x], step.ids[y]) for x, y in pairs])
    print(f"  fresh and incremental builds: same model {same_model}; same figures for "
          f"{sum(x == y for x, y in zip(a, b, strict=True))}/{len(pairs)} pairs")  # fmt: skip


if __name__ == "__main__":
    main()
