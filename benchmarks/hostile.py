#!/usr/bin/env python3
"""Hostile input: parsing time of 4 MB of pathological text against 4 MB of ordinary treaty
text, and the memory of parsing one very large file.

Each case is parsed in the same process after the ordinary text, best of three runs; the
figure is its time over the ordinary text's (target: at most 3). Then ``--large MB`` writes a
file of that size (real treaty text repeated) and runs ``clausediff parse FILE --format json``
in a child process, reporting wall time and peak resident memory (memory should stay
proportional to the input).

``--compare`` measures comparison and alignment on hostile shapes instead: two near-duplicate
articles, two periodic articles (a paragraph repeated), two unrelated articles of random words,
each at 64 kB, 256 kB and 1 MB; and two treaties of 250 to 2,000 articles. Each prints its
times and the growth exponent between the smallest and the largest size (1 is linear, 2
quadratic).

``--search`` measures search with hostile queries: the perturbed copy of an indexed
near-duplicate, periodic or random-word article as the query, at 64 kB, 256 kB and 1 MB.

Usage: python benchmarks/hostile.py [--size-mb 4] [--large 200] [--compare] [--search]
"""

from __future__ import annotations

import argparse
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausediff import NoArticlesError, parse_document  # noqa: E402


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def cases(size: int) -> dict[str, str]:
    ordinary = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))
    )
    return {
        "ordinary treaty text": _fill(ordinary + "\n\n", size),
        "endless 'Article' words, one line": _fill("Article ", size),
        "'Article' lines": _fill("Article\n", size),
        "'Article 1.' lines": _fill("Article 1.\n", size),
        "'Article N' lines, counting": "".join(f"Article {n}\n" for n in range(size // 12))[:size],
        "'§ N' lines, counting": "".join(f"§ {n}\n" for n in range(size // 12))[:size],
        "a table of contents, then its articles": _contents(size),
        "amendments quoting articles, quotes unbalanced": _amendments(size),
        "one 4 MB line": _fill("treaty ", size),
        "1.1.1.1...": _fill("1.", size),
        "'Article 1.1.1.1...'": "Article " + _fill("1.", size),
        "runs of brackets": _fill("((((([[[[[{{{{{", size),
        "blanks": _fill(" ", size),
        "blank lines": _fill("\n", size),
        "dots": _fill(".", size),
        "page-number lines": _fill("12\n", size),
        "paragraph markers": _fill("(a)\n1.\n(iv)\n", size),
        "hyphenated line ends": _fill("con-\n", size),
        "CJK 第 runs": _fill("第", size),
    }


_BODY = (
    "The Parties shall consult together whenever, in the opinion of any of them, the "
    "territorial integrity, political independence or security of any of the Parties is "
    "threatened, and shall settle any international dispute in which they may be involved by "
    "peaceful means in such a manner that international peace and security are not endangered."
)


def _contents(size: int) -> str:
    """Entries ``Article N General provisions``, then the articles they list, each with a
    title and a body of ordinary length: every number comes twice, and thousands of runs of
    entries must be weighed against what follows them."""
    count = size // (len(_BODY) + 80)
    entries = "".join(f"Article {n} General provisions\n" for n in range(1, count + 1))
    text = "".join(f"Article {n}\nGeneral provisions\n{_BODY}\n\n" for n in range(1, count + 1))
    return (entries + "\n" + text)[:size]


def _amendments(size: int) -> str:
    """Articles that each insert quoted articles into another law, after an amending formula
    (``is replaced by the following:``), with a quotation mark too many or too few: every
    quotation must be closed or bounded, and every heading inside it weighed."""
    unit = (
        "Article {n}\n\nArticle {n} of the Act is replaced by the following:\n\n"
        '"Article {m}\n\nThe "{n}" rule. {body}\n\nArticle {k}\n\n{body}\n\n'
    )
    out: list[str] = []
    length, n = 0, 1
    while length < size:
        piece = unit.format(n=n, m=n + 500, k=n + 900, body=_BODY)
        out.append(piece + ('"\n\n' if n % 3 else "\n\n"))
        length += len(piece) + 3
        n += 1
    return "".join(out)[:size]


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _parse(text: str) -> int:
    try:
        return len(parse_document(text).articles)
    except NoArticlesError:
        return 0


def large(mb: int) -> None:
    unit = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora").glob("*.txt"))
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.txt"
        with path.open("w", encoding="utf-8") as f:
            written = 0
            while written < mb * 1_000_000:
                f.write(unit + "\n\n")
                written += len(unit.encode()) + 2
        start = time.perf_counter()
        result = subprocess.run(
            ["clausediff", "parse", str(path), "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        status = "ok" if result.returncode == 0 else result.stderr.strip().splitlines()[-1]
        print(
            f"large file: {written / 1e6:.0f} MB parsed in {wall:.1f}s, peak memory {peak:.0f} MB "
            f"({peak / (written / 1e6):.1f}x the file size): {status}"
        )


def _words(rng: random.Random, count: int) -> list[str]:
    vocabulary = [f"word{k}" for k in range(5000)]
    return [rng.choice(vocabulary) for _ in range(count)]


def _clause_pairs(shape: str, size: int, rng: random.Random) -> tuple[str, str]:
    """Two texts of about *size* characters in a hostile shape."""
    count = size // 9
    if shape == "near-duplicate":
        words = _words(rng, count)
        other = list(words)
        for _ in range(max(1, count // 1000)):
            other[rng.randrange(count)] = "edited"
        return " ".join(words), " ".join(other)
    if shape == "periodic":
        paragraph = _words(rng, max(1, count // 8))
        words = paragraph * 8
        other = list(words)
        for _ in range(max(1, count // 1000)):
            other[rng.randrange(len(other))] = "edited"
        return " ".join(words), " ".join(other)
    return " ".join(_words(rng, count)), " ".join(_words(rng, count))


def _treaty(rng: random.Random, articles: int) -> str:
    parts = []
    for number in range(1, articles + 1):
        parts.append(f"Article {number}\n\n{' '.join(_words(rng, 120))}.\n")
    return "\n".join(parts)


def compare_cases() -> None:
    from clausediff import Clause, align_documents, compare_clauses

    rng = random.Random(13)
    for shape in ("near-duplicate", "periodic", "unrelated random words"):
        points = []
        for size in (64_000, 256_000, 1_000_000):
            left, right = _clause_pairs(shape, size, rng)
            pair = Clause.from_text(left, document="a"), Clause.from_text(right, document="b")
            points.append((size, _best_of(1, lambda pair=pair: compare_clauses(*pair))))
        _growth(f"compare, {shape}", points)
    points = []
    for articles in (250, 500, 1000, 2000):
        a = parse_document(_treaty(rng, articles), id="a")
        b = parse_document(_treaty(rng, articles), id="b")
        points.append((articles, _best_of(1, lambda a=a, b=b: align_documents(a, b))))
    _growth("align, two treaties of N articles", points)


def search_cases() -> None:
    """Search with hostile queries: an index of the repository's treaties and, for each shape
    and size, one article of that shape; the query is the article's perturbed copy (64 kB,
    256 kB and 1 MB), searched with no time limit."""
    from clausediff.corpus.facade import Corpus

    rng = random.Random(17)
    sizes = (64_000, 256_000, 1_000_000)
    shapes = ("near-duplicate", "periodic", "unrelated random words")
    queries: dict[tuple[str, int], str] = {}
    with tempfile.TemporaryDirectory() as work:
        directory = Path(work) / "treaties"
        directory.mkdir()
        for path in sorted((ROOT / "corpora").glob("*.txt")):
            (directory / path.name).write_bytes(path.read_bytes())
        for number, (shape, size) in enumerate((s, n) for s in shapes for n in sizes):
            indexed, query = _clause_pairs(shape, size, rng)
            queries[shape, size] = query
            (directory / f"hostile-{number}.txt").write_text(
                f"Hostile {number}\n\nArticle 1\n\n{indexed}\n", encoding="utf-8"
            )
        start = time.perf_counter()
        with Corpus.from_directory(directory, db=Path(work) / "index.sqlite") as corpus:
            print(f"index of {len(corpus)} documents built in {time.perf_counter() - start:.1f}s")
            for shape in shapes:
                points = []
                for size in sizes:
                    text = queries[shape, size]
                    seconds = _best_of(1, lambda t=text: corpus.search(t, timeout=None))
                    points.append((size, seconds))
                _growth(f"search, {shape} query", points)


def _growth(name: str, points: list[tuple[int, float]]) -> None:
    (n0, t0), (n1, t1) = points[0], points[-1]
    exponent = math.log(t1 / t0) / math.log(n1 / n0)
    shown = "  ".join(f"{n:,}: {t:.2f}s" for n, t in points)
    print(f"{name:40s} {shown}  growth exponent {exponent:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--large", type=int, default=0, help="also parse a file of this many MB")
    parser.add_argument("--compare", action="store_true", help="comparison and alignment cases")
    parser.add_argument("--search", action="store_true", help="search with hostile queries")
    args = parser.parse_args()
    if args.compare or args.search:
        if args.compare:
            compare_cases()
        if args.search:
            search_cases()
        return
    texts = cases(int(args.size_mb * 1_000_000))
    baseline = _best_of(3, lambda: _parse(texts["ordinary treaty text"]))
    worst = 0.0
    for name, text in texts.items():
        seconds = _best_of(3, lambda text=text: _parse(text))
        ratio = seconds / baseline
        worst = max(worst, ratio)
        print(f"{name:36s} {seconds:6.3f}s  x{ratio:5.2f}  articles={_parse(text)}")
    print(f"worst ratio to ordinary text: {worst:.2f} (target <= 3)")
    if args.large:
        large(args.large)


if __name__ == "__main__":
    main()
