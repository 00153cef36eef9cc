"""The links of lineage: pairs of articles of different treaties that share language beyond
chance, and the groups of passages those links join (``lineage`` makes families of them).

1. Candidates come from the index's shingles, never from all pairs: two articles of
   different treaties (renderings of one treaty are one treaty) are a candidate when they
   hold ``MIN_SHARED`` shingles in common that are each held by at most ``FAMILY_CAP``
   articles (a run of four words, or two runs).
2. Each candidate is scored as a search scores a hit (``scoring``: the rare language of
   the shared stretches, the smaller of the two directions). It is linked when its per-pair
   p-value (``significance``) is at most ``max_p`` and its shared passages cover at least
   ``min_score`` of the smaller article (rarity-weighted, 0-100): the p-value depends on
   the two texts only, so a short article repeated word for word (the Geneva Conventions'
   common Article 1) links as surely as a long one. A short article repeated nearly whole
   (``WHOLE`` of it) inside a long one links within ten times ``max_p``: the long one's
   length makes the p-value of a whole copy of the short one weak (GC III Art. 1 in
   Protocol I's four-paragraph Art. 1).
3. Passages, as in text-reuse tools: a link joins each passage of one article (its shared
   stretches no more than ``GAP`` words apart) to the passage of the other that holds the
   same shingles; passages of one article that overlap by ``OVERLAP`` of the shorter are
   one. Connected passages form a group; a group of more than ``LARGEST`` articles is
   split again with only its links sharing ``STEP`` points more, so that chains of
   formulas come apart while close copies stay together. A passage too light to carry
   ``PASSAGE_BITS`` joins nothing.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import Counter
from collections.abc import Collection, Iterable, KeysView, Mapping
from itertools import accumulate

import attrs

from clausediff.corpus import storage
from clausediff.corpus.documents import Documents
from clausediff.corpus.scoring import (
    RUN_COST,
    Shingled,
    Weights,
    merged_spans,
    prefix_weights,
    run_bits,
    weighed_keys,
)
from clausediff.corpus.scoring import shingled as shingle_text
from clausediff.corpus.shingles import Keyed, key_weight, keyed_keys
from clausediff.corpus.significance import Model
from clausediff.match.groups import DisjointSets

__all__ = [
    "FAMILY_CAP",
    "MIN_SHARED",
    "WHOLE",
    "Group",
    "Linked",
    "Node",
    "Pair",
    "Text",
    "group_pairs",
    "linked",
    "linked_groups",
    "prepared_text",
    "ready_texts",
    "score_candidates",
    "score_ready",
    "split_groups",
]

FAMILY_CAP = 50
MIN_SHARED = 2
GAP = 8.0  # words (a unit 0.75) between two stretches of one passage: an edit, not a new text
PASSAGE_BITS = 2 * RUN_COST
OVERLAP = 0.5
LARGEST, STEP = 25, 10.0
WHOLE = 40.0

#: A passage: article id and its keys ``[lo, stop)``.
Node = tuple[int, int, int]

#: A scored pair, the fingerprints its two texts share and the stretches they cover in each.
_Scored = tuple["Pair", set[int], tuple[list[tuple[int, int]], list[tuple[int, int]]]]


@attrs.frozen
class Pair:
    """A linked pair of articles: their ids, what they share (``score`` 0-100 of the
    smaller, ``bits``, ``pvalue``) and the passages it joins (pairs of nodes)."""

    a: int
    b: int
    score: float
    bits: float
    pvalue: float
    joins: tuple[tuple[Node, Node], ...] = ()


#: A group: each pair with the passages of the group it brings (a set, or its items in the
#: order the set gives them).
Group = list[tuple[Pair, Collection[Node]]]


@attrs.frozen
class Text:
    """An article ready to be linked: where each of its shingles first stands in its keys,
    by fingerprint (``first``), where a shingle stands again (``repeats``, by fingerprint),
    the running weights and word counts of its keys, and their number (``length``)."""

    first: dict[int, tuple[int, int]] = attrs.field(eq=False, repr=False)
    repeats: dict[int, list[tuple[int, int]]] = attrs.field(eq=False, repr=False)
    prefix: list[float] = attrs.field(eq=False, repr=False)
    words: list[float] = attrs.field(eq=False, repr=False)
    length: int = 0

    @property
    def prints(self) -> KeysView[int]:
        """The fingerprints of the text's shingles."""
        return self.first.keys()

    def stretches(self, shared: Collection[int]) -> list[tuple[int, int]]:
        """``scoring.runs`` of the text: the stretches of its keys that shingles in *shared*
        cover, in order."""
        spans = list(map(self.first.__getitem__, shared))
        for print_ in self.repeats.keys() & shared:
            spans += self.repeats[print_]
        spans.sort()
        return merged_spans(spans)


def prepared_text(text: Shingled, weights: Weights) -> Text:
    """A text ready to be linked, from its shingles and the weights of its keys."""
    first = {print_: stands[0] for print_, stands in text.where.items()}
    repeats = {print_: stands[1:] for print_, stands in text.where.items() if len(stands) > 1}
    prefix = prefix_weights(text.keyed, weights)
    return Text(first, repeats, prefix, _words(text.keyed), len(text.keyed.keys))


#: The linked pairs of some articles, and the weight in bits of each passage they join.
Linked = tuple[list[Pair], dict[Node, float]]


def linked_groups(
    db: sqlite3.Connection,
    documents: Documents,
    model: Model,
    max_p: float,
    min_score: float,
    *,
    linked: Linked | None = None,
) -> tuple[list[Group], dict[Node, float]]:
    """The groups of passages linked in the index (module docstring), all in memory, and the
    weight of each passage. Reads in the caller's snapshot. *linked*: the linked pairs and
    weights, when found already in parts (``partitions``). ``linkstore`` finds the same
    groups without holding every pair."""
    if linked is None:
        linked = score_candidates(db, _candidates(db, documents), model, max_p, min_score)
    pairs, weights = linked
    return split_groups(pairs, min_score), weights


def score_candidates(
    db: sqlite3.Connection,
    candidates: list[tuple[int, int]],
    model: Model,
    max_p: float,
    min_score: float,
) -> Linked:
    """The candidate pairs that link, in the candidates' order, each with its joins, and the
    weight of each passage they join."""
    ready = ready_texts(db, {i for pair in candidates for i in pair})
    return score_ready(candidates, ready, model, max_p, min_score)


def ready_texts(db: sqlite3.Connection, ids: Iterable[int]) -> dict[int, Text]:
    """The given articles ready to be linked (their shingles and running weights), by id."""
    stored = storage.article_keys(db, ids)
    texts = {i: shingle_text(keyed_keys(keys)) for i, keys in stored.items()}
    articles, _ = storage.counts(db)
    weights = Weights(
        storage.document_frequencies(
            db, set().union(*(weighed_keys(t.keyed) for t in texts.values()))
        ),
        articles,
    )
    return {i: prepared_text(t, weights) for i, t in texts.items()}


def _words(keyed: Keyed) -> list[float]:
    """The running word counts of a text's keys (a unit 0.75, a canonical phrase its
    words); a text of plain words counts one per key."""
    keys = keyed.keys
    if all(map(str.isascii, keys)) and not any(" " in key for key in keys):
        return list(map(float, range(len(keys) + 1)))
    return list(accumulate(map(key_weight, keys), initial=0.0))


def score_ready(
    candidates: Iterable[tuple[int, int]],
    ready: Mapping[int, Text],
    model: Model,
    max_p: float,
    min_score: float,
) -> Linked:
    """``score_candidates`` on texts read already: the candidates whose two texts are in
    *ready* that link, in order, and the weight of each passage they join."""
    pairs = []
    weights: dict[Node, float] = {}
    for a, b in candidates:
        if a in ready and b in ready:
            scored = _score(a, b, ready[a], ready[b], model)
            if linked(scored[0], max_p, min_score):
                pair = _join(scored, ready[a], ready[b])
                pairs.append(pair)
                for join in pair.joins:
                    for article, lo, stop in join:
                        prefix = ready[article].prefix
                        weights[(article, lo, stop)] = prefix[stop] - prefix[lo]
    return pairs, weights


def linked(pair: Pair, max_p: float, min_score: float) -> bool:
    """Whether a scored pair is a link: significant (``max_p``) and covering ``min_score``
    of the smaller article; or, a short article repeated nearly whole (``WHOLE``) inside a
    long one, within ten times ``max_p``."""
    if pair.score < min_score:
        return False
    return pair.pvalue <= max_p or (pair.score >= WHOLE and pair.pvalue <= 10 * max_p)


def _candidates(db: sqlite3.Connection, documents: Documents) -> list[tuple[int, int]]:
    """Pairs of articles of different treaties sharing ``MIN_SHARED`` shingles that each
    stand in at most ``FAMILY_CAP`` articles."""
    treaty: dict[int, str] = {}
    counts: Counter[tuple[int, int]] = Counter()
    for ids in storage.shared_fingerprints(db, FAMILY_CAP):
        for i in ids:
            if i not in treaty:
                row = documents.of_article(i)
                treaty[i] = row.treaty if row is not None else ""
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                if treaty[a] != treaty[b] and treaty[a] and treaty[b]:
                    counts[(a, b)] += 1
    return sorted(pair for pair, n in counts.items() if n >= MIN_SHARED)


def _score(a: int, b: int, first: Text, second: Text, model: Model) -> _Scored:
    """A candidate pair's figures (``scoring``: the smaller of the two directions), and the
    stretches of each text that shingles of both cover."""
    shared = first.prints & second.prints
    stretches = first.stretches(shared), second.stretches(shared)
    one = run_bits(stretches[0], first.prefix)
    two = run_bits(stretches[1], second.prefix)
    bits = min(one.shared, two.shared)
    small = min(first.prefix[-1], second.prefix[-1])
    score = min(100.0, 100.0 * min(one.plain, two.plain) / small) if small > 0 else 0.0
    pvalue = model.pvalue(bits, first.length, second.length)
    return Pair(a, b, round(score, 1), round(model.bits(bits), 1), pvalue), shared, stretches


def _passages(stretches: list[tuple[int, int]], words: list[float]) -> list[tuple[int, int]]:
    """Stretches with no more than ``GAP`` words between them made one passage."""
    merged: list[tuple[int, int]] = []
    for lo, stop in stretches:
        if merged and words[lo] - words[merged[-1][1]] <= GAP:
            merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((lo, stop))
    return merged


def _join(scored: _Scored, first: Text, second: Text) -> Pair:
    """The scored pair with its joins: each passage of one article joined to the passage of
    the other that holds the same shingles (both heavy enough to count)."""
    pair, shared, stretches = scored
    spans = _passages(stretches[0], first.words), _passages(stretches[1], second.words)
    starts = ([s[0] for s in spans[0]], [s[0] for s in spans[1]])
    joins = set()
    for print_ in shared:
        x = bisect.bisect_right(starts[0], first.first[print_][0]) - 1
        y = bisect.bisect_right(starts[1], second.first[print_][0]) - 1
        (la, lb), (ra, rb) = spans[0][x], spans[1][y]
        heavy = first.prefix[lb] - first.prefix[la], second.prefix[rb] - second.prefix[ra]
        if min(heavy) >= PASSAGE_BITS:
            joins.add(((pair.a, la, lb), (pair.b, ra, rb)))
    return attrs.evolve(pair, joins=tuple(sorted(joins)))


def group_pairs(pairs: list[Pair]) -> list[Group]:
    """Passages joined by links or overlapping in one article, grouped."""
    sets: DisjointSets[Node] = DisjointSets()
    by_article: dict[int, set[Node]] = {}
    for pair in pairs:
        for left, right in pair.joins:
            sets.union(left, right)
            by_article.setdefault(left[0], set()).add(left)
            by_article.setdefault(right[0], set()).add(right)
    for nodes in by_article.values():
        ordered = sorted(nodes, key=lambda n: (n[1], n[2]))
        for x, node in enumerate(ordered):
            for other in ordered[x + 1 :]:
                if other[1] >= node[2]:
                    break
                overlap = min(node[2], other[2]) - other[1]
                if overlap >= OVERLAP * min(node[2] - node[1], other[2] - other[1]):
                    sets.union(node, other)
    groups: dict[Node, Group] = {}
    for pair in pairs:
        brought: dict[Node, set[Node]] = {}
        for left, right in pair.joins:
            brought.setdefault(sets.find(left), set()).update((left, right))
        for root, nodes in brought.items():
            groups.setdefault(root, []).append((pair, nodes))
    return [groups[root] for root in sorted(groups)]


def split_groups(pairs: list[Pair], floor: float) -> list[Group]:
    """The groups, each of more than ``LARGEST`` articles split again with only its pairs
    sharing ``STEP`` points more."""
    found = []
    for group in group_pairs(pairs):
        articles = {i for pair, _ in group for i in (pair.a, pair.b)}
        if len(articles) <= LARGEST or floor + STEP > 100:
            found.append(group)
            continue
        stronger = {(p.a, p.b): p for p, _ in group if p.score >= floor + STEP}
        found += split_groups(sorted(stronger.values(), key=lambda p: (p.a, p.b)), floor + STEP)
    return found
