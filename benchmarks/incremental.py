#!/usr/bin/env python3
"""Incremental index updates: the cost of indexing again after one file changed, against
a fresh build of the same directory, at several corpus sizes.

The directory is made of real articles (the repository's ``corpora/``) resampled and
perturbed (seeded): FILES files of 20 articles each. For each size: a fresh build, a run
with nothing changed, and a run after one file was edited (one article's wording), each
timed in this process (``Corpus.from_directory``); the figures are ratios to the fresh build
of the same run, and the growth exponent of the one-file update across sizes (0: it costs
the same whatever the corpus; 1: proportional to it).

Usage: python benchmarks/incremental.py [--files 100 200 400] [--work DIR]
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PER_FILE = 20


def _articles() -> list[str]:
    """The article texts of the repository's corpora, one line each."""
    sys.path.insert(0, str(ROOT / "src"))
    from clausediff import ClauseDiffError, parse_document

    texts = []
    for path in sorted((ROOT / "corpora").glob("*.txt")):
        try:
            document = parse_document(path.read_text(encoding="utf-8"), id=path.stem)
        except (ClauseDiffError, UnicodeDecodeError):
            continue
        for article in document.articles:
            words = document.text[article.span.start : article.span.end].split()[2:]
            if len(words) >= 12:
                texts.append(" ".join(words))
    return texts


def _perturbed(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 10)):
        at = rng.randrange(len(words))
        words[at] = words[at][::-1] if rng.random() < 0.5 else words[at].upper()
    return " ".join(words)


def _write(directory: Path, files: int, pool: list[str], seed: int = 7) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True)
    for number in range(files):
        body = "".join(
            f"Article {n}\n\n{_perturbed(rng.choice(pool), rng)}\n\n"
            for n in range(1, PER_FILE + 1)
        )
        (directory / f"t{number:04d}.txt").write_text(f"Treaty {number}\n\n{body}", "utf-8")


def _timed(directory: Path, db: Path) -> float:
    from clausediff.corpus.facade import Corpus

    start = time.perf_counter()
    with Corpus.from_directory(directory, db=db):
        pass
    return time.perf_counter() - start


def measure(files: int, pool: list[str], work: Path) -> tuple[float, float, float]:
    """Seconds of a fresh build, a run with nothing changed, and a run after one edit."""
    directory, db = work / f"d{files}", work / f"i{files}.sqlite"
    _write(directory, files, pool)
    fresh = _timed(directory, db)
    unchanged = _timed(directory, db)
    edited = directory / f"t{files // 2:04d}.txt"
    edited.write_text(edited.read_text("utf-8").replace("Article 3\n\n", "Article 3\n\nEdited. "))
    one = _timed(directory, db)
    return fresh, unchanged, one


def main() -> None:
    """Print one line per size, then the growth exponent of the one-file update."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="clausediff-incr-"))
    pool = _articles()
    results = []
    for files in args.files:
        fresh, unchanged, one = measure(files, pool, work)
        results.append((files, one))
        print(
            f"{files} files ({files * PER_FILE} articles): fresh {fresh:.2f} s; nothing changed "
            f"{unchanged:.2f} s ({unchanged / fresh:.3f}x); one file changed {one:.2f} s "
            f"({one / fresh:.3f}x)"
        )
    (small, t_small), (large, t_large) = results[0], results[-1]
    exponent = math.log(t_large / t_small) / math.log(large / small)
    print(f"one-file update: growth exponent {exponent:.2f} from {small} to {large} files")
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
