#!/usr/bin/env python3
"""Exact-phrase recall: does a phrase cut from an article bring that article back?

1. Lays out the lineage corpus (``make_corpus.py lineage``, about 2,000 articles) and indexes
   it with ``clausediff index``.
2. For each length (3, 4, 5, 6 and 8 words) and each of three seeds, draws 100 windows of
   that many consecutive words from random articles (the tokens clausediff matches on: page
   furniture left out; in Chinese and Japanese, where a token is one character, four
   characters count as three words, so a window of three words is four characters), keeping
   only phrases that stand in at most 200 articles (counted by brute force over every
   article's tokens).
3. Searches each sample in one batch (``clausediff search --queries ... --top 500 --format
   json``) and counts the windows whose own article is among the hits.

Prints the recall per length and seed, and overall per length (target: at least 99.5%).

Usage: python benchmarks/phrase_recall.py [--shared ../shared] [--lengths 3 4 5 6 8]
       [--samples 3] [--size 100] [--top 500] [--max-articles 200]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _articles(corpus: Path) -> list[tuple[str, str, str, list[tuple[str, int, int]]]]:
    """Every article of the corpus as ``(document, ref, text, tokens)``, each token its key
    and offsets in the text."""
    sys.path.insert(0, str(ROOT / "src"))
    from clausediff import ClauseDiffError
    from clausediff.match.compare import Clause
    from clausediff.match.tokens import word_tokens
    from clausediff.sources import load_document, treaty_files

    found = []
    for path in treaty_files(corpus):
        try:
            document = load_document(path)
        except ClauseDiffError:
            continue
        for article in document.articles:
            clause = Clause.from_article(document, article)
            tokens = word_tokens(clause.text, clause.start, skip=clause.furniture)
            spans = [(t.key, t.start - clause.start, t.end - clause.start) for t in tokens]
            found.append((document.id, article.ref, clause.text, spans))
    return found


def _holders(joined: list[str], keys: list[str]) -> int:
    """How many articles hold the keys as a run (each article's keys joined by spaces)."""
    needle = " " + " ".join(keys) + " "
    return sum(1 for text in joined if needle in text)


def draw(articles: list, length: int, size: int, seed: int, most: int) -> list[dict[str, str]]:
    """*size* windows of *length* words standing in at most *most* articles."""
    from clausediff.match.tokens import is_unit

    rng = random.Random(seed)
    joined = [" " + " ".join(k for k, _, _ in a[3]) + " " for a in articles]
    usable = [a for a in articles if len(a[3]) >= length]
    windows: list[dict[str, str]] = []
    while len(windows) < size:
        document, ref, text, tokens = rng.choice(usable)
        at = rng.randrange(len(tokens) - length + 1)
        end, weight = at, 0.0
        while end < len(tokens) and weight < length:
            weight += 0.75 if is_unit(tokens[end][0]) else 1.0
            end += 1
        if weight < length:
            continue
        run = tokens[at:end]
        if _holders(joined, [k for k, _, _ in run]) > most:
            continue
        phrase = text[run[0][1] : run[-1][2]]
        windows.append({"id": f"{document}:{ref}:{at}", "query": phrase, "document": document,
                        "ref": ref})  # fmt: skip
    return windows


def recall(db: Path, windows: list[dict[str, str]], top: int, work: Path) -> tuple[int, list[str]]:
    """How many windows bring their own article back in the top *top*, and those that do
    not."""
    queries = work / "windows.jsonl"
    queries.write_text(
        "".join(json.dumps({"id": w["id"], "query": w["query"]}) + "\n" for w in windows),
        encoding="utf-8",
    )
    result = subprocess.run(
        ["clausediff", "search", "--queries", str(queries), "--db", str(db), "--top", str(top),
         "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    hits = {}
    for line in result.stdout.splitlines():
        data = json.loads(line)
        hits[data["id"]] = {(h["document"], h["ref"]) for h in data["hits"]}
    missed = [w["id"] for w in windows if (w["document"], w["ref"]) not in hits[w["id"]]]
    return len(windows) - len(missed), missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--lengths", type=int, nargs="+", default=[3, 4, 5, 6, 8])
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--top", type=int, default=500)
    parser.add_argument("--max-articles", type=int, default=200)
    args = parser.parse_args()
    make = args.shared / "bench" / "make_corpus.py"
    if not make.is_file():
        sys.exit(f"{make}: not found; pass --shared DIR")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "lineage"
        subprocess.run([sys.executable, str(make), "lineage", str(corpus)], check=True)
        db = work / "index.sqlite"
        subprocess.run(["clausediff", "index", str(corpus), "--db", str(db)], check=True,
                       capture_output=True)  # fmt: skip
        articles = _articles(corpus)
        print(f"{len(articles)} articles; windows standing in at most {args.max_articles}")
        for length in args.lengths:
            found = total = 0
            for sample in range(args.samples):
                windows = draw(articles, length, args.size, 1000 * length + sample,
                               args.max_articles)  # fmt: skip
                hit, missed = recall(db, windows, args.top, work)
                found, total = found + hit, total + len(windows)
                print(f"  {length} words, sample {sample + 1}: {hit}/{len(windows)}"
                      + (f"  missed {missed[:3]}" if missed else ""))  # fmt: skip
            print(f"{length} words: recall {found / total:.1%} ({found}/{total})", flush=True)


if __name__ == "__main__":
    main()
