#!/usr/bin/env python3
"""What the token and normalization layer must see, measured (run from the project root).

1. Chinese: Article 1 of the 1950 Sino-Soviet treaty and Article II of the 1961 PRC-DPRK
   treaty (Traditional characters) against Article 1 of the 1961 USSR-DPRK treaty: the score,
   whether the formula 尽其全力给予军事及其他援助 is a shared passage, and whether the redline
   keeps it equal.
2. Spelling: ANZUS Art. IV as signed (US print) and as initialled (Australian print): the
   score and the redline's changed ops; NATO Art. 5 and UN Charter Art. 51: whether
   "individual or collective self-defence" is shared.
3. Page furniture: Geneva Convention III laid out as a PDF copy arrives (hard-wrapped at 72
   columns, long words hyphenated at line ends, a page-number line every 48 lines) aligned
   with the clean text: how many of the 143 articles come out identical.
4. Redline minimality: on every pair of ``align_gold.json`` and on random article pairs, the
   words the redline changes (deleted, inserted, replaced) against difflib's word opcodes on
   the same tokens.
5. Speed per article pair: ``compare_clauses`` (scores, passages, redline) against the
   ``redlines`` package (a word diff rendered as Markdown; ``pip install redlines``) on 20
   Geneva III/IV parallels, best of 20 runs each (processor time), as a ratio measured in
   one process; then each stage of ours timed alone (tokens, words, runs, scores, redline).
6. Growth on periodic and near-duplicate text: comparison time of a schedule that repeats one
   paragraph, and of two near-identical texts, at 1x, 4x and 16x the length; the growth
   exponent (1 = linear, 2 = quadratic).

Usage: python benchmarks/matching.py [--shared ../shared]
       [chinese|spelling|furniture|minimal|speed|growth ...]
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import random
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path

from clausediff import align_documents, load_document, parse_document
from clausediff.match.boilerplate import DEFAULT_BOILERPLATE, collapse_boilerplate
from clausediff.match.compare import (
    MIN_PASSAGE_WORDS,
    Clause,
    Comparison,
    _substantial,
    clause_tokens,
    compare_clauses,
)
from clausediff.match.normalization import DEFAULT_STEPS, normalizer
from clausediff.match.passages import common_runs
from clausediff.match.redline import Op, anchored_redline
from clausediff.match.scores import character_scores
from clausediff.match.tokens import Token, join_compounds, match_text
from clausediff.model import Document, Span

ROOT = Path(__file__).resolve().parents[1]
FORMULA = "尽其全力给予军事及其他援助"


def _clause(document: Document, number: str) -> Clause:
    return Clause.from_article(document, document.article(number))


def chinese(shared: Path) -> None:
    """Item 1."""
    corpora = shared / "corpora"
    target = load_document(corpora / "ussr-dprk-1961.worldjpn.zh-Hans.txt")
    for name, number in (("sino-soviet-1950.zh-Hans", "1"), ("prc-dprk-1961.zh-Hant", "2")):
        source = load_document(corpora / f"{name}.txt")
        result = compare_clauses(_clause(source, number), _clause(target, "1"))
        # the formula, as printed in each text (Traditional or Simplified, wrapped or not)
        found = [p for p in result.shared if FORMULA in _simplified(p.text)]
        equal = _kept_in_redline(result, found)
        print(
            f"chinese {name} Art. {number} vs ussr-dprk-1961.worldjpn.zh-Hans Art. 1: "
            f"score={result.score:.1f} formula_shared={bool(found)} formula_equal={equal}"
        )


def _simplified(text: str) -> str:
    from clausediff.match.tokens import normalize

    return normalize(text).replace(" ", "")


def _kept_in_redline(result: Comparison, passages: list) -> bool:  # type: ignore[type-arg]
    """Whether every passage lies inside equal ops of the redline (on the left side)."""
    if not passages:
        return False
    equal = [op.left for op in result.redline if op.op == Op.EQUAL and op.left is not None]
    return all(
        any(span.start <= p.left.start and p.left.end <= span.end for span in equal)
        for p in passages
    )


def spelling(shared: Path) -> None:
    """Item 2."""
    corpora = shared / "corpora"
    signed = load_document(corpora / "anzus-1951.en.txt")
    initialled = load_document(corpora / "anzus-1951.dafp.en.txt")
    result = compare_clauses(_clause(signed, "4"), _clause(initialled, "4"))
    changed = [op.op for op in result.redline if op.op != Op.EQUAL]
    print(f"spelling anzus IV signed vs initialled: score={result.score:.1f} changed_ops={changed}")
    nato, charter = load_document("nato-1949"), load_document("un-charter-1945")
    result = compare_clauses(_clause(nato, "5"), _clause(charter, "51"))
    phrase = "individual or collective self-defence"
    shared_texts = [p.text for p in result.shared]
    print(
        f"spelling nato 5 vs charter 51: score={result.score:.1f} "
        f"'{phrase}' shared={any(phrase in t for t in shared_texts)}"
    )


def pdf_like(text: str, width: int = 72, page_lines: int = 48) -> str:
    """*text* as a PDF copy arrives: hard-wrapped, long words hyphenated at line ends, and a
    bare page-number line every *page_lines* lines (pages count from 2, as in degrade.py)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line += " " + word
            else:
                room = width - len(line) - 2  # a space and the hyphen
                if len(word) >= 8 and word.isalpha() and room >= 3 and len(word) - room >= 3:
                    lines.append(f"{line} {word[:room]}-")
                    line = word[room:]
                else:
                    lines.append(line)
                    line = word
        lines.append(line)
    out: list[str] = []
    for number, line in enumerate(lines, 1):
        out.append(line)
        if number % page_lines == 0:
            out.append(str(number // page_lines + 1))
    return "\n".join(out)


def _render(shared: Path, name: str) -> str:
    sys.path.insert(0, str(shared / "bench"))
    import render_open_treaties  # type: ignore[import-not-found]

    data = json.loads((shared / "open-treaties" / f"{name}.json").read_text(encoding="utf-8"))
    return str(render_open_treaties.render(data))


def furniture(shared: Path) -> None:
    """Item 3."""
    clean_text = _render(shared, "gc-iii")
    clean = parse_document(clean_text, id="gc-iii.en")
    copy = parse_document(pdf_like(clean_text), id="gc-iii.pdf.en")
    alignment = align_documents(clean, copy)
    statuses = [p.status for p in alignment.pairs]
    identical = statuses.count("identical")
    modified = [(p.left, p.right) for p in alignment.pairs if p.status != "identical"]
    print(
        f"furniture gc-iii clean vs pdf-like: articles={len(clean.articles)}/{len(copy.articles)} "
        f"identical={identical} other={modified} page_lines={len(copy.furniture)}"
    )


def _words_changed(result: Comparison) -> tuple[int, int]:
    """Words the redline deletes, inserts or replaces, and words difflib's word opcodes
    change, on the same tokens (the comparison's own, compounds joined)."""
    ltokens, rtokens = clause_tokens(result.left), clause_tokens(result.right)
    lvocab = {t.key for t in ltokens if t.word}
    rvocab = {t.key for t in rtokens if t.word}
    ltokens, rtokens = join_compounds(ltokens, rvocab), join_compounds(rtokens, lvocab)
    ours = 0
    for op in result.redline:
        if op.op in (Op.EQUAL, Op.MOVE):
            continue
        for span, tokens in ((op.left, ltokens), (op.right, rtokens)):
            if span is not None:
                ours += sum(1 for t in tokens if t.word and span.start <= t.start < span.end)
    lkeys = [t.key for t in ltokens if t.word]
    rkeys = [t.key for t in rtokens if t.word]
    matcher = difflib.SequenceMatcher(None, lkeys, rkeys, autojunk=False)
    theirs = sum(
        (i2 - i1) + (j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    return ours, theirs


def minimal(shared: Path) -> None:
    """Item 4."""
    gold = json.loads((ROOT / "benchmarks" / "align_gold.json").read_text(encoding="utf-8"))
    loaded: dict[str, Document] = {}

    def load(name: str) -> Document:
        if name not in loaded:
            stem = name.removesuffix(".en")
            path = shared / "open-treaties" / f"{stem}.json"
            loaded[name] = (
                parse_document(_render(shared, stem), id=name)
                if path.exists()
                else load_document(name)
            )
        return loaded[name]

    pairs: list[tuple[Clause, Clause]] = []
    for entry in gold["sets"]:
        left, right = load(entry["left"]), load(entry["right"])
        pairs += [(_clause(left, a), _clause(right, b)) for a, b in entry["pairs"]]
    _report("gold pairs", pairs)
    rng = random.Random(7)
    articles = [
        _clause(document, article.ref)
        for document in loaded.values()
        for article in document.articles
    ]
    _report("random pairs", [tuple(rng.sample(articles, 2)) for _ in range(500)])  # type: ignore[misc]


def _report(name: str, pairs: list[tuple[Clause, Clause]]) -> None:
    worse = 0
    ours_total = theirs_total = 0
    for left, right in pairs:
        ours, theirs = _words_changed(compare_clauses(left, right))
        ours_total += ours
        theirs_total += theirs
        worse += ours > theirs
    print(
        f"minimal {name}: pairs={len(pairs)} changed_words clausediff={ours_total} "
        f"difflib={theirs_total} pairs_where_clausediff_changes_more={worse}"
    )


def speed(shared: Path) -> None:
    """Item 5."""
    try:
        from redlines import Redlines
    except ImportError:
        print("speed: needs the redlines package (pip install redlines)")
        return
    gold = json.loads((ROOT / "benchmarks" / "align_gold.json").read_text(encoding="utf-8"))
    left = parse_document(_render(shared, "gc-iii"), id="gc-iii.en")
    right = parse_document(_render(shared, "gc-iv"), id="gc-iv.en")
    entry = next(e for e in gold["sets"] if e["left"] == "gc-iii.en" and e["right"] == "gc-iv.en")
    pairs = [(_clause(left, a), _clause(right, b)) for a, b in entry["pairs"][:20]]

    def ours() -> None:
        for a, b in pairs:
            compare_clauses(a, b)

    def theirs() -> None:
        for a, b in pairs:
            Redlines(a.text, b.text).output_markdown  # noqa: B018 - the property renders

    # the stages of ours alone, in the order compare_clauses runs them: what the whole
    # comparison stands on (the rest is choosing passages and building the result objects)
    stages = _stages(pairs)
    times = {}
    runs = (("clausediff", ours), ("redlines", theirs), *stages.items())
    for name, run in runs:
        run()  # warm the caches and the imports
        # processor time, not wall time: other work on a shared machine does not count
        timer = timeit.Timer(run, timer=time.process_time)
        times[name] = min(timer.repeat(number=1, repeat=20)) / len(pairs)
    ms = {name: seconds * 1e3 for name, seconds in times.items()}
    print(
        f"speed per pair (20 Geneva III/IV parallels): clausediff={ms['clausediff']:.2f} ms "
        f"redlines={ms['redlines']:.2f} ms "
        f"ratio={times['clausediff'] / times['redlines']:.2f}"
    )
    shown = " ".join(f"{name}={ms[name]:.3f}" for name in stages)
    print(f"speed stages of ours per pair, ms: {shown} (sum {sum(ms[n] for n in stages):.2f})")


def _stages(pairs: list[tuple[Clause, Clause]]) -> dict[str, Callable[[], None]]:
    """Each stage of ``compare_clauses`` timed alone on inputs made beforehand: tokens of both
    clauses; words (each side's vocabulary, compounds joined, boilerplate collapsed); runs
    (the common runs of the word keys); scores (the match texts and the four character
    scores); redline (anchored on the runs kept as passages)."""
    tokens = [(clause_tokens(a), clause_tokens(b)) for a, b in pairs]
    table = DEFAULT_BOILERPLATE

    def words_of(a: Clause, b: Clause, lt: list[Token], rt: list[Token]) -> tuple[list[Token], ...]:
        lvocab = {t.key for t in lt if t.word}
        rvocab = {t.key for t in rt if t.word}
        lt, rt = join_compounds(lt, rvocab, lvocab), join_compounds(rt, lvocab, rvocab)
        lnorm, rnorm = normalizer(DEFAULT_STEPS, a.language), normalizer(DEFAULT_STEPS, b.language)
        lw = collapse_boilerplate(lt, table, normalizer=lnorm)
        rw = collapse_boilerplate(rt, table, normalizer=rnorm)
        return lt, rt, lw, rw

    words = [words_of(a, b, *tk) for (a, b), tk in zip(pairs, tokens, strict=True)]
    keys = [([t.key for t in lw], [t.key for t in rw]) for _, _, lw, rw in words]
    # the runs the redline is anchored on: those compare_clauses keeps as passages
    kept = [
        [
            run
            for run in common_runs(lk, rk, min_length=1)
            if lk == rk or _substantial(lw[run[0] : run[0] + run[2]], MIN_PASSAGE_WORDS)
        ]
        for (lk, rk), (_, _, lw, _) in zip(keys, words, strict=True)
    ]

    def tokens_stage() -> None:
        for a, b in pairs:
            clause_tokens(a)
            clause_tokens(b)

    def words_stage() -> None:
        for (a, b), tk in zip(pairs, tokens, strict=True):
            words_of(a, b, *tk)

    def runs_stage() -> None:
        for lk, rk in keys:
            common_runs(lk, rk, min_length=1)

    def scores_stage() -> None:
        for lt, rt, _, _ in words:
            character_scores(match_text(lt), match_text(rt))

    def redline_stage() -> None:
        for (a, b), (lt, rt, lw, rw), (lk, rk), runs in zip(pairs, words, keys, kept, strict=True):
            anchored_redline(
                (Span(a.start, a.end), lt, lw),
                (Span(b.start, b.end), rt, rw),
                runs,
                same_words=lk == rk,
            )

    return {
        "tokens": tokens_stage,
        "words": words_stage,
        "runs": runs_stage,
        "scores": scores_stage,
        "redline": redline_stage,
    }


def growth(shared: Path) -> None:
    """Item 6."""
    rng = random.Random(11)
    vocabulary = [f"w{k}" for k in range(3000)]
    paragraph = " ".join(rng.choice(vocabulary) for _ in range(250)) + "."
    for name, make in (
        ("periodic", lambda n: " ".join([paragraph] * n)),
        ("near-duplicate", lambda n: " ".join(rng.choice(vocabulary) for _ in range(250 * n))),
    ):
        points = []
        for times in (4, 32, 256):
            text = make(times)
            words = text.split()
            for _ in range(times):  # one edit per 250 words
                words[rng.randrange(len(words))] = "edited"
            other = " ".join(words)
            pair = (Clause("a", None, None, text), Clause("b", None, None, other))
            seconds = min(
                timeit.repeat(lambda pair=pair: compare_clauses(*pair), number=1, repeat=3)
            )
            points.append((len(text), seconds))
        (n0, t0), (n1, t1) = points[0], points[-1]
        exponent = math.log(t1 / t0) / math.log(n1 / n0)
        shown = " ".join(f"{n / 1e3:.0f}kB:{t:.3f}s" for n, t in points)
        print(f"growth {name}: {shown} exponent={exponent:.2f}")


COMMANDS: dict[str, Callable[[Path], None]] = {
    "chinese": chinese,
    "spelling": spelling,
    "furniture": furniture,
    "minimal": minimal,
    "speed": speed,
    "growth": growth,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("what", nargs="*", choices=[[], *COMMANDS], default=[])
    args = parser.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"{args.shared}: not found; pass --shared DIR")
    for name in args.what or COMMANDS:
        COMMANDS[name](args.shared)


if __name__ == "__main__":
    main()
