#!/usr/bin/env python3
"""Search at scale: synthetic corpora of N articles, index build and query latency.

The corpus is made of real articles resampled and perturbed: articles are drawn (seeded)
from a directory of real treaty texts (by default the corpus of ``make_corpus.py large``),
then each copy has about a tenth of its words dropped, duplicated or swapped with a
neighbour, so that no two copies are identical. They are written 1,000 to a file under
``Article N`` headings. With ``--renew N``, the corpus is renewed every N articles: from the
N-th article on, every word but the corpus's ``COMMON`` most frequent is written as a
pseudo-word of its own for each renewal (the same word, the same pseudo-word, within one),
so that a text has about N / (real articles) near-copies however large the corpus grows, as
a real collection grows by new treaties, not by ever more copies of the same ones; the
common words still make formulas shared across renewals (which ``lineage``'s cap on
articles per shingle leaves out). Without it, each real article is copied about
count / (real articles) times. Then, in separate processes (so each peak memory is its own):

- ``clausediff index DIR --db FILE [--workers N]``: wall time, index size, and the peak
  resident memory of every process of the build (the writer, the pool's workers, the pool's
  fork server), sampled four times a second with psutil (``clausediff[dask]`` brings it),
  their CPU seconds together (as last sampled), and the exact peak of the largest
  (``getrusage`` of the waited-for processes);
- a query process: opens the index and runs ``--queries`` passages (30 words cut from real
  articles, perturbed the same way), timing each search: p50, p95, and its peak memory;
- with ``--lineage``: ``clausediff lineage --db FILE --format json -o FILE [--workers N]``,
  its wall and CPU time (every process), the peak of each process (sampled as for the
  build), the links it found and the families and size of its JSON.

Usage: python benchmarks/search_scale.py --articles 100000 [--articles 1000000]
       [--source DIR] [--work DIR] [--queries 50] [--workers N] [--renew N] [--lineage]
Prints one line of figures per size, with the load average before and after the build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
from sampling import sample

ROOT = Path(__file__).resolve().parents[1]
PER_FILE = 1000
COMMON = 150  # words left as they are when the corpus is renewed (--renew)
_WORD = re.compile(r"\w+")


def _articles(source: Path, limit: int = 60_000) -> list[str]:
    """Article texts of the real corpus (parsed with clausediff)."""
    sys.path.insert(0, str(ROOT / "src"))
    from clausediff import Clause, ClauseDiffError, parse_document

    texts: list[str] = []
    for path in sorted(source.glob("*.txt")):
        try:
            document = parse_document(path.read_text(encoding="utf-8"), id=path.stem)
        except (ClauseDiffError, UnicodeDecodeError):
            continue
        for article in document.articles:
            text = " ".join(Clause.from_article(document, article).text.split())
            if 20 <= len(text.split()) <= 1500:
                texts.append(text)
        if len(texts) >= limit:
            break
    return texts


def _perturb(words: list[str], rng: random.Random) -> list[str]:
    out = list(words)
    for _ in range(max(1, len(out) // 10)):
        at = rng.randrange(len(out))
        roll = rng.random()
        if roll < 0.34 and len(out) > 5:
            del out[at]
        elif roll < 0.67:
            out.insert(at, out[at])
        elif at + 1 < len(out):
            out[at], out[at + 1] = out[at + 1], out[at]
    return out


class _Renewal:
    """The words of one renewal of the corpus (``--renew``): each word but the common ones
    written as a pseudo-word of lower-case letters, the same for the same word."""

    def __init__(self, number: int, common: frozenset[str]) -> None:
        self.number, self.common = number, common
        self.made: dict[str, str] = {}

    def word(self, match: re.Match[str]) -> str:
        word = match.group()
        if self.number == 0 or word.lower() in self.common:
            return word
        word = word.lower()
        made = self.made.get(word)
        if made is None:
            digest = hashlib.blake2b(f"{self.number}:{word}".encode(), digest_size=8).digest()
            made = "".join(chr(97 + b % 26) for b in digest[: max(3, min(8, len(word)))])
            self.made[word] = made
        return made


def _common(texts: list[str]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for text in texts:
        for word in _WORD.findall(text.lower()):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(sorted(counts, key=lambda w: (-counts[w], w))[:COMMON])


def make_corpus(
    texts: list[str], count: int, out: Path, seed: int = 1, renew: int | None = None
) -> None:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    common = _common(texts) if renew else frozenset()
    renewal = _Renewal(0, common)
    for file_number in range((count + PER_FILE - 1) // PER_FILE):
        parts = [f"Synthetic treaty {file_number}", ""]
        for k in range(min(PER_FILE, count - file_number * PER_FILE)):
            words = _perturb(rng.choice(texts).split(), rng)
            if renew:
                number = (file_number * PER_FILE + k) // renew
                if number != renewal.number:
                    renewal = _Renewal(number, common)
                words = [_WORD.sub(renewal.word, w) for w in words]
            parts += [f"Article {k + 1}", "", " ".join(words), ""]
        (out / f"synthetic-{file_number:05d}.txt").write_text("\n".join(parts), encoding="utf-8")


def make_queries(texts: list[str], count: int, path: Path, seed: int = 2) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        for n in range(count):
            words = rng.choice([t for t in rng.sample(texts, 20) if len(t.split()) >= 40]).split()
            at = rng.randrange(len(words) - 30)
            query = " ".join(_perturb(words[at : at + 30], rng))
            f.write(json.dumps({"id": f"q{n}", "query": query}) + "\n")


_QUERY_PROCESS = """
import json, resource, statistics, sys, time
from clausediff import Corpus
db, queries = sys.argv[1], sys.argv[2]
latencies = []
with Corpus.open(db) as corpus:
    corpus.search("warm up the page cache", top=10)
    for line in open(queries, encoding="utf-8"):
        item = json.loads(line)
        t = time.perf_counter()
        corpus.search(item["query"], top=10)
        latencies.append(time.perf_counter() - t)
latencies.sort()
p50 = latencies[len(latencies) // 2]
p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"p50_ms": p50 * 1000, "p95_ms": p95 * 1000, "query_peak_mb": peak}))
"""


_PEAK_OF_CHILDREN = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def sampled(argv: list[str]) -> tuple[float, dict[str, float], float, str]:
    """Run *argv* (a wrapper whose descendants are the measured processes): its wall
    seconds, the peak resident MB of every process it started (sampled, by role and pid),
    their CPU seconds together (as last sampled), and what it printed."""
    seen = sample(argv, _role, every=0.25)
    below = seen.below()
    peaks = {f"{seen.roles[pid]}:{pid}": peak for pid, peak in below.items()}
    return seen.wall, peaks, sum(seen.cpu[pid] for pid in below if pid in seen.cpu), seen.out


def _role(process: psutil.Process) -> str:
    """What a process of the build is: the indexer (the writer), the pool's fork server, a
    worker (forked from the fork server), or another helper."""
    line = " ".join(process.cmdline())
    if "forkserver" in line:
        parent = process.parent()
        forked = parent is not None and "forkserver" in " ".join(parent.cmdline())
        return "worker" if forked else "forkserver"
    if "resource_tracker" in line:
        return "tracker"
    if " lineage " in line:
        return "lineage"
    return "writer" if "index" in line else "other"


def measure_lineage(db: Path, out: Path, workers: int | None) -> dict[str, float]:
    """``clausediff lineage`` on the index *db*, its JSON written to *out*: wall and CPU
    seconds, each process's peak, links and families found, the JSON's size."""
    options = [] if workers is None else ["--workers", str(workers)]
    wall, peaks, cpu, _ = sampled(
        [sys.executable, "-c", _PEAK_OF_CHILDREN, "clausediff", "lineage", "--db", str(db),
         "--format", "json", "-o", str(out), *options]
    )  # fmt: skip
    with out.open(encoding="utf-8") as f:
        families = json.load(f)["families"]
    figures: dict[str, float] = {
        "lineage_s": wall,
        "lineage_cpu_s": cpu,
        "families": len(families),
        "links": sum(len(family["links"]) for family in families),
        "json_mb": out.stat().st_size / 1e6,
    }
    figures.update({f"peak {key}": mb for key, mb in sorted(peaks.items())})
    return figures


def measure(corpus: Path, db: Path, queries: Path, workers: int | None) -> dict[str, float]:
    """Build an index of *corpus* in *db* and time the queries on it."""
    for stale in db.parent.glob(db.name + "*"):
        stale.unlink()
    options = [] if workers is None else ["--workers", str(workers)]
    # through a wrapper process, whose descendants are the build's processes only (this
    # process's children include make_corpus.py, which needs more memory)
    build, peaks, cpu, out = sampled(
        [sys.executable, "-c", _PEAK_OF_CHILDREN, "clausediff", "index", str(corpus),
         "--db", str(db), *options]
    )  # fmt: skip
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    result = subprocess.run(
        [sys.executable, "-c", _QUERY_PROCESS, str(db), str(queries)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    figures: dict[str, float] = json.loads(result.stdout)
    largest = float(out.split()[-1])
    figures.update(build_s=build, build_cpu_s=cpu, largest_exact_mb=largest, index_mb=size / 1e6)
    figures.update({f"peak {key}": mb for key, mb in sorted(peaks.items())})
    return figures


def _loaded(run: Callable[..., dict[str, float]], *args: Any) -> tuple[dict[str, float], str]:
    """What ``run(*args)`` gives, and the load averages before and after it, in words."""
    before = os.getloadavg()
    figures = run(*args)
    after = os.getloadavg()
    shown = ["/".join(f"{x:.2f}" for x in load) for load in (before, after)]
    return figures, f"load before {shown[0]}, after {shown[1]}"


def _peaks(figures: dict[str, float]) -> str:
    """The peak of each process among *figures* (``peak ROLE:PID``), in words."""
    return ", ".join(f"{k[5:]} {v:.0f}" for k, v in figures.items() if k.startswith("peak "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, action="append", required=True)
    parser.add_argument(
        "--source", type=Path, help="real treaty texts (default: make_corpus large)"
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, help="where to write corpora and indexes")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--workers", type=int, help="passed to clausediff index and lineage")
    parser.add_argument("--renew", type=int, help="renew the corpus every N articles")
    parser.add_argument("--lineage", action="store_true", help="run lineage on each index")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="clausediff-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    source = args.source
    if source is None:
        source = work / "large"
        subprocess.run([sys.executable, str(args.shared / "bench" / "make_corpus.py"), "large",
                        str(source)], check=True)  # fmt: skip
        source = source / "corpus"
    texts = _articles(source)
    queries = work / "queries.jsonl"
    make_queries(texts, args.queries, queries)
    print(f"{len(texts)} real articles to draw from; {args.queries} queries of 30 words")
    for count in args.articles:
        corpus = work / f"synthetic-{count}"
        if corpus.exists():
            shutil.rmtree(corpus)
        make_corpus(texts, count, corpus, renew=args.renew)
        db = work / f"index-{count}.sqlite"
        figures, load = _loaded(measure, corpus, db, queries, args.workers)
        print(
            f"articles={count} workers={args.workers or 'default'} "
            f"build={figures['build_s']:.0f}s (CPU {figures['build_cpu_s']:.0f}s in all; {load}) "
            f"largest process={figures['largest_exact_mb']:.0f}MB "
            f"index={figures['index_mb']:.0f}MB "
            f"p50={figures['p50_ms']:.0f}ms p95={figures['p95_ms']:.0f}ms "
            f"query_peak={figures['query_peak_mb']:.0f}MB",
            flush=True,
        )
        print(f"  peak of each process of the build (MB, sampled): {_peaks(figures)}", flush=True)
        shutil.rmtree(corpus)
        if args.lineage:
            out = work / f"lineage-{count}.json"
            found, load = _loaded(measure_lineage, db, out, args.workers)
            print(
                f"articles={count} lineage={found['lineage_s']:.0f}s "
                f"(CPU {found['lineage_cpu_s']:.0f}s in all; {load}) links={found['links']:.0f} "
                f"families={found['families']:.0f} json={found['json_mb']:.1f}MB",
                flush=True,
            )
            print(f"  peak of each process of lineage (MB, sampled): {_peaks(found)}", flush=True)


if __name__ == "__main__":
    main()
