#!/usr/bin/env python3
"""The ``stem`` normalization step, measured on real related legal texts in French, German and
Russian (issue 10: "an inflection-tolerant step ... the default chosen from that measurement").

For each language, with the default steps and with ``stem`` added, on the known related article
pairs of ``benchmarks/stemming_gold.json``:

(a) related pairs: ``compare_clauses(...).score`` and the words in shared passages;
(b) unrelated pairs of the same texts (each left article of a set's known pairs against the
    right article of another of its pairs; a seeded sample): the score distribution (p95, p99,
    max), since stemming makes unrelated articles share more too;
    separation: AUC (the chance that a related pair outscores an unrelated one) and the share of
    related pairs scoring above the unrelated p99;
(c) ``align_documents`` on the whole texts: recall and precision of the known pairs (precision
    as in ``../shared/bench/score_align.py``: among predicted pairs whose left article has a known
    partner, the share that pair it with that partner);
and the time cost: total ``compare_clauses`` time with ``stem`` over the same without, on the
first pass (word keys not yet remembered) and on ``--repeat`` passes after it, the two settings
interleaved pair by pair; ``align_documents`` time likewise.

The pairs (a) and (b) compare the article text after its title (``Article.heading``, or for the
Russian codes the title that follows the number on the heading line): the German and Russian
pairs were chosen by equal titles, which would otherwise count as shared words. Alignment (c)
reads whole articles, as users do.

Recommendation, per language: ``stem`` on by default when it improves what users see (the share
of related pairs above the unrelated p99 by at least 0.01, or alignment F1 by at least 0.005),
makes neither of the two worse and lowers the AUC by no more than 0.001; off otherwise.

Data (not in the project: read from ``--data``, default ``/work/devdata``). Rebuild it from the
public repositories at these commits (``git -C CLONE show COMMIT:PATH > DATA/FOLDER/PATH``):

``laws-md/``
    statengeneraal/laws-markdown, commit 91556a80a25a3da4234c8039945c6aeef4108d00, the files
    ``verdrag/.../BWBV<id>/README.md`` named in the gold file: the Dutch treaty database (BWB) in
    Markdown; the French texts are each file's first language version. The Netherlands model
    investment agreements with Cape Verde (BWBV0002341), Mali (BWBV0001702), Burundi
    (BWBV0003235); the volunteers agreements with Rwanda (BWBV0003880), Guinea-Bissau
    (BWBV0002655), Niger (BWBV0002657); the treaties of judicial settlement, arbitration and
    conciliation with Norway (BWBV0005951) and Turkey (BWBV0005972).
``gesetze/``
    bundestag/gesetze, commit 77abca2ceea3b7b89ea70afb13b5dd55415eb124: ``v/vwvfg/index.md``
    (VwVfG), ``s/sgb_10/index.md`` (SGB X), ``a/ao_1977/index.md`` (AO). Read as Markdown
    whose ``§ N`` headings are taken as articles (clausediff's parser does not read ``§``).
``russian-laws/``
    deep-foundation/russian-laws, commit 3ed22b5ffe7090355bf3dcdf74c23f31dd3e4899:
    ``data/html/102078828.html`` (ГПК РФ 2002), ``102380990.html`` (КАС РФ 2015),
    ``102079219.html`` (АПК РФ 2002), ``102035455.html`` (АПК РФ 1995), pravo.gov.ru pages,
    read by clausediff's HTML reader.

Usage: python benchmarks/stemming.py [--data /work/devdata] [--impostors 400] [--seed 10]
       [--repeat 2] [--no-align] [--json OUT] [--steps-on STEP,STEP,...]

``--steps-on`` puts other steps, or the same in another order, in the "with stem" column:
``--steps-on nfkc,casefold,letters,stem,diacritics,chinese,spelling`` stems before accents are
dropped (dropping them first turns Russian ``й`` into ``и``, and Snowball then misses the
adjective endings ``-ий``, ``-ой``, ``-ей``: see the README's figures).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import attrs

from clausediff import (
    Article,
    Clause,
    ClauseDiffError,
    Document,
    Metadata,
    align_documents,
    compare_clauses,
    load_document,
    parse_document,
)
from clausediff.match.normalization import DEFAULT_STEPS

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "stemming_gold.json"
# "off": no stemming at all (the default steps stem Russian since this measurement: the
# inflection step is left out here); "on": stem every language
_UNSTEMMED = tuple(step for step in DEFAULT_STEPS if step != "inflection")
SETTINGS: dict[str, tuple[str, ...]] = {"off": _UNSTEMMED, "on": (*_UNSTEMMED, "stem")}
_TITLE_TAIL = " \t\r\n.:-–—"


# --- reading the texts -------------------------------------------------------------------------


def _sections(text: str) -> list[str]:
    """A laws-md file cut at its language versions: ``####`` lines that are not the title of a
    ``###`` heading just above them."""
    lines = text.split("\n")
    starts, previous = [], ""
    for number, line in enumerate(lines):
        if line.startswith("####") and not previous.startswith("###"):
            starts.append(number)
        if line.strip():
            previous = line
    starts = [*(starts or [0]), len(lines)]
    return ["\n".join(lines[a:b]) for a, b in itertools.pairwise(starts)]


def _laws_md(path: Path, item: dict[str, Any], language: str) -> Document:
    sections = _sections(path.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^#+ *", "", sections[item["section"]])
    return parse_document(text, id=item["id"], metadata=Metadata(language=language))


def _gesetze(path: Path, item: dict[str, Any], language: str) -> Document:
    text = re.sub(r"(?m)^#+ *§ *(\d+[a-z]?) ", r"Artikel \1 ", path.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^#+ *", "", text)
    return parse_document(text, id=item["id"], metadata=Metadata(language=language))


def _russian_laws(path: Path, item: dict[str, Any], language: str) -> Document:
    document = load_document(str(path))
    if document.language != language:
        sys.exit(f"{path}: read as language {document.language!r}, expected {language!r}")
    return document


READERS: dict[str, Callable[[Path, dict[str, Any], str], Document]] = {
    "laws-md": _laws_md,
    "gesetze": _gesetze,
    "russian-laws": _russian_laws,
}
INLINE_TITLES = {"russian-laws"}  # "Статья 12. Title" then the text on the next line


@functools.cache
def _document(data: Path, source: str, path: str, language: str, item_json: str) -> Document:
    full = data / source / path
    if not full.is_file():
        sys.exit(f"{full}: not found; rebuild --data as this script's docstring says")
    return READERS[source](full, json.loads(item_json), language)


def read(data: Path, item: dict[str, Any], language: str) -> Document:
    """The document a gold set's side names, read from *data*."""
    return _document(data, item["source"], item["path"], language, json.dumps(item))


def body(document: Document, ref: str, inline_title: bool) -> Clause:
    """Article *ref* of *document* as a clause, without its title."""
    try:
        article: Article = document.article(ref)
    except ClauseDiffError as e:
        sys.exit(f"{document.id}: {e} (the gold file names refs this clausediff does not give)")
    clause = Clause.from_article(document, article)
    title = article.heading
    if title is None and inline_title:
        title = clause.text.split("\n", 1)[0]
    if not title or not clause.text.startswith(title):
        return clause
    cut = len(title)
    while cut < len(clause.text) and clause.text[cut] in _TITLE_TAIL:
        cut += 1
    return attrs.evolve(clause, text=clause.text[cut:], start=clause.start + cut)


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """One language's figures in one setting."""

    related: list[float] = field(default_factory=list)
    related_words: list[int] = field(default_factory=list)
    unrelated: list[float] = field(default_factory=list)
    first_seconds: float = 0.0  # compare time on the first pass (word keys not yet cached)
    compare_seconds: float = 0.0  # compare time on the --repeat passes after it
    align_seconds: float = 0.0
    gold: int = 0
    found: int = 0
    judged: int = 0
    judged_right: int = 0
    gains: list[tuple[float, str, str, str, bool]] = field(default_factory=list)


def _compare_both(
    left: Clause, right: Clause, flip: bool, tallies: dict[str, Tally], first: bool
) -> dict[str, float | int]:
    """Compare in both settings, in the order *flip* says; the time goes to the tallies."""
    results: dict[str, float | int] = {}
    for name in ("on", "off") if flip else ("off", "on"):
        start = time.perf_counter()
        result = compare_clauses(left, right, steps=SETTINGS[name])
        elapsed = time.perf_counter() - start
        if first:
            tallies[name].first_seconds += elapsed
            results[name] = result.score
            results[name + "_words"] = sum(p.words for p in result.shared)
        else:
            tallies[name].compare_seconds += elapsed
    return results


def impostors(pairs: Sequence[tuple[str, str]], limit: int, seed: int) -> list[tuple[str, str]]:
    """Unrelated pairs: a left article of one known pair against the right article of another
    (never a known pair), a seeded sample of at most *limit*."""
    known = set(pairs)
    cross = sorted({(left, right) for left, _ in pairs for _, right in pairs} - known)
    random.Random(seed).shuffle(cross)
    return cross[:limit]


def measure_set(
    spec: dict[str, Any], args: argparse.Namespace, tallies: dict[str, Tally]
) -> dict[str, Any]:
    """Compare, and align, one gold set in both settings, adding to *tallies*; its own figures."""
    language = spec["language"]
    left = read(args.data, spec["left"], language)
    right = read(args.data, spec["right"], language)
    inline = (spec["left"]["source"] in INLINE_TITLES, spec["right"]["source"] in INLINE_TITLES)
    pairs = [(str(a), str(b)) for a, b in spec["pairs"]]
    own: dict[str, Tally] = {name: Tally() for name in SETTINGS}
    jobs = [(pair, True) for pair in pairs]
    jobs += [(pair, False) for pair in impostors(pairs, args.impostors, args.seed)]
    clauses = [(body(left, a, inline[0]), body(right, b, inline[1])) for (a, b), _ in jobs]
    for index, ((lref, rref), related) in enumerate(jobs):
        scores = _compare_both(*clauses[index], index % 2 == 1, own, first=True)
        for name in SETTINGS:
            if related:
                own[name].related.append(scores[name])
                own[name].related_words.append(int(scores[name + "_words"]))
            else:
                own[name].unrelated.append(scores[name])
        gain = scores["on"] - scores["off"]
        own["on"].gains.append((gain, spec["name"], lref, rref, related))
    for repeat in range(args.repeat):
        for index, (lclause, rclause) in enumerate(clauses):
            _compare_both(lclause, rclause, (index + repeat) % 2 == 1, own, first=False)
    if not args.no_align:
        _align(left, right, pairs, own)
    for name, tally in own.items():
        _merge(tallies[name], tally)
    return {name: summary(tally) for name, tally in own.items()}


def _align(
    left: Document, right: Document, pairs: list[tuple[str, str]], own: dict[str, Tally]
) -> None:
    gold = set(pairs)
    gold_left = {a for a, _ in gold}
    for name in ("on", "off") if len(pairs) % 2 else ("off", "on"):
        start = time.perf_counter()
        alignment = align_documents(left, right, steps=SETTINGS[name])
        own[name].align_seconds += time.perf_counter() - start
        predicted = {
            (p.left_ref, p.right_ref)
            for p in alignment.pairs
            if p.left_ref is not None and p.right_ref is not None
        }
        judged = [p for p in predicted if p[0] in gold_left]
        own[name].gold += len(gold)
        own[name].found += len(predicted & gold)
        own[name].judged += len(judged)
        own[name].judged_right += sum(p in gold for p in judged)


def _merge(into: Tally, tally: Tally) -> None:
    for name in (f.name for f in fields(Tally)):
        setattr(into, name, getattr(into, name) + getattr(tally, name))


# --- figures -----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: int) -> float:
    """The *share*-th percentile (inclusive method)."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def auc(related: Sequence[float], unrelated: Sequence[float]) -> float:
    """The chance that a related pair scores above an unrelated one (ties count half)."""
    if not related or not unrelated:
        return 0.0
    ranked = sorted([(s, 1) for s in related] + [(s, 0) for s in unrelated])
    rank_sum, index = 0.0, 0
    while index < len(ranked):
        end = index
        while end < len(ranked) and ranked[end][0] == ranked[index][0]:
            end += 1
        mid_rank = (index + 1 + end) / 2
        rank_sum += mid_rank * sum(label for _, label in ranked[index:end])
        index = end
    n1, n0 = len(related), len(unrelated)
    return (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0)


def summary(tally: Tally) -> dict[str, Any]:
    """A tally's figures, rounded for printing."""
    p99 = percentile(tally.unrelated, 99)
    recall = tally.found / tally.gold if tally.gold else None
    precision = tally.judged_right / tally.judged if tally.judged else None
    f1 = (
        2 * recall * precision / (recall + precision)
        if recall is not None and precision is not None and recall + precision
        else None
    )
    return {
        "related_n": len(tally.related),
        "related_median": statistics.median(tally.related) if tally.related else 0.0,
        "related_mean": statistics.fmean(tally.related) if tally.related else 0.0,
        "related_words_mean": statistics.fmean(tally.related_words) if tally.related_words else 0.0,
        "unrelated_n": len(tally.unrelated),
        "unrelated_mean": statistics.fmean(tally.unrelated) if tally.unrelated else 0.0,
        "unrelated_p95": percentile(tally.unrelated, 95),
        "unrelated_p99": p99,
        "unrelated_max": max(tally.unrelated, default=0.0),
        "auc": auc(tally.related, tally.unrelated),
        "above_p99": sum(s > p99 for s in tally.related) / len(tally.related)
        if tally.related
        else 0.0,
        "align_recall": recall,
        "align_precision": precision,
        "align_f1": f1,
        "first_seconds": tally.first_seconds,
        "compare_seconds": tally.compare_seconds,
        "align_seconds": tally.align_seconds,
    }


def recommend(off: dict[str, Any], on: dict[str, Any]) -> tuple[str, str]:
    """The default for ``stem`` from a language's figures, and why: on when it improves what
    users see (the related pairs above the unrelated p99 by 0.01, or alignment F1 by 0.005)
    without making either worse, nor the AUC (by more than 0.001)."""
    above = on["above_p99"] - off["above_p99"]
    f1 = (on["align_f1"] or 0.0) - (off["align_f1"] or 0.0)
    reason = (
        f"related above the unrelated p99 {off['above_p99']:.3f} -> {on['above_p99']:.3f}, "
        f"AUC {off['auc']:.4f} -> {on['auc']:.4f}, alignment F1 "
        f"{_fmt(off['align_f1'], 3)} -> {_fmt(on['align_f1'], 3)}"
    )
    better = above >= 0.01 or f1 >= 0.005
    worse = above < 0 or f1 < 0 or off["auc"] - on["auc"] > 0.001
    return ("on" if better and not worse else "off"), reason


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


ROWS = [
    ("related pairs", "related_n", 0),
    ("related score, median", "related_median", 1),
    ("related score, mean", "related_mean", 1),
    ("words in shared passages per related pair, mean", "related_words_mean", 1),
    ("unrelated pairs", "unrelated_n", 0),
    ("unrelated score, mean", "unrelated_mean", 2),
    ("unrelated score, p95", "unrelated_p95", 1),
    ("unrelated score, p99", "unrelated_p99", 1),
    ("unrelated score, max", "unrelated_max", 1),
    ("AUC related vs unrelated", "auc", 4),
    ("share of related above the unrelated p99", "above_p99", 3),
    ("alignment recall", "align_recall", 3),
    ("alignment precision", "align_precision", 3),
]


def _ratio(on: float, off: float) -> str:
    return f"{on / off:.2f} ({on:.2f} s / {off:.2f} s)" if off else "-"


def print_language(language: str, figures: dict[str, dict[str, Any]], gains: list[Any]) -> None:
    """One language's table (Markdown), the time ratios, the largest changes, the verdict."""
    off, on = figures["off"], figures["on"]
    print(f"\n### {language}\n\n| | without stem | with stem |\n|---|---:|---:|")
    for label, key, digits in ROWS:
        print(f"| {label} | {_fmt(off[key], digits)} | {_fmt(on[key], digits)} |")
    first = _ratio(on["first_seconds"], off["first_seconds"])
    repeated = _ratio(on["compare_seconds"], off["compare_seconds"])
    print(f"\ncompare time with stem / without, first pass: {first}")
    print(f"compare time with stem / without, repeated passes: {repeated}")
    print(f"align time with stem / without: {_ratio(on['align_seconds'], off['align_seconds'])}")
    for related in (True, False):
        kind = "related" if related else "unrelated"
        top = sorted((g for g in gains if g[4] == related), reverse=True)[:3]
        listed = "; ".join(f"{name} {lref}/{rref} +{gain:.1f}" for gain, name, lref, rref, _ in top)
        print(f"largest gains, {kind}: {listed}")
    verdict, reason = recommend(off, on)
    print(f"recommended default for {language}: stem {verdict} ({reason})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/work/devdata"))
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--impostors", type=int, default=400, help="unrelated pairs per set")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2, help="timed passes after the first")
    parser.add_argument("--no-align", action="store_true", help="skip the alignment (c)")
    parser.add_argument("--json", type=Path, help="write every figure here too")
    parser.add_argument(
        "--steps-on",
        help="the steps of the 'with stem' setting, comma-separated, in order "
        "(default: the default steps, then stem)",
    )
    args = parser.parse_args()
    if args.steps_on:
        SETTINGS["on"] = tuple(args.steps_on.split(","))
    print(f"steps without stem: {','.join(SETTINGS['off'])}; with: {','.join(SETTINGS['on'])}\n")
    sets = json.loads(args.gold.read_text(encoding="utf-8"))["sets"]
    languages = sorted({s["language"] for s in sets})
    tallies = {lang: {name: Tally() for name in SETTINGS} for lang in languages}
    per_set = []
    print(
        "| set | lang | pairs | related median off / on | unrelated p99 off / on | AUC off / on |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for spec in sets:
        own = measure_set(spec, args, tallies[spec["language"]])
        per_set.append({"name": spec["name"], "language": spec["language"], **own})
        off, on = own["off"], own["on"]
        print(
            f"| {spec['name']} | {spec['language']} | {off['related_n']} "
            f"| {off['related_median']:.1f} / {on['related_median']:.1f} "
            f"| {off['unrelated_p99']:.1f} / {on['unrelated_p99']:.1f} "
            f"| {off['auc']:.4f} / {on['auc']:.4f} |",
            flush=True,
        )
    figures = {lang: {n: summary(t) for n, t in tallies[lang].items()} for lang in languages}
    for language in languages:
        print_language(language, figures[language], tallies[language]["on"].gains)
    if args.json:
        args.json.write_text(json.dumps({"languages": figures, "sets": per_set}, indent=1))


if __name__ == "__main__":
    main()
