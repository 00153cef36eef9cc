"""How two texts of an index are scored against each other: the rarity of each word, the
language they share, and the passages that hold it. Search, lineage and the calibration of
the significance model share these, so a figure means the same in each.

The raw score, ``shared``, is the rarity in bits of the language of one text (the query)
that lies in runs of three words (or four characters of an unspaced script) which the other
text holds too: every key of the query covered by a shingle both texts hold adds
``log2((N + 2) / (df + 1))`` (``N`` articles in the index, ``df`` of them holding the key),
so "the" adds almost nothing and "shipwrecked" much; and each stretch of covered keys costs
``RUN_COST`` bits (never below nothing), as a gap costs in BLAST: "in accordance with the"
carries about three bits and so adds nothing, while a copied sentence keeps nearly all of
its own. Boilerplate variants match one another (``shingles``). Because it is read off the
shingles, an index computes it without reading either text again; between two articles,
lineage takes the smaller of the two directions. ``plain`` is the same without the cost,
which orders the hits that share only common runs.

The passages shown to a reader are found apart, by greedy string tiling as in ``compare``
(``passages``): the runs both texts hold, each key in one passage at most.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from itertools import accumulate

import attrs

from clausediff.corpus.shingles import SPAN, Keyed, key_weight, shingles
from clausediff.match.passages import common_runs

__all__ = [
    "RUN_COST",
    "Coverage",
    "Passage",
    "Shingled",
    "Weights",
    "coverage",
    "key_weights",
    "merged_spans",
    "passages",
    "prefix_weights",
    "run_bits",
    "runs",
    "shared_bits",
    "shingled",
    "weighed_keys",
]


class Weights:
    """Rarity weights, in bits, of word keys in an index of *articles* articles, whose
    document frequencies *frequencies* gives (a key missing from it weighs most)."""

    def __init__(self, frequencies: Mapping[str, int], articles: int) -> None:
        self.articles = articles
        # smoothed so that even a word every article holds weighs a little (an index of
        # one article still finds it)
        total = math.log2(articles + 2)
        self.most = total
        self.table = {key: total - math.log2(df + 1) for key, df in frequencies.items()}

    def of(self, key: str) -> float:
        """The weight of one key."""
        return self.table.get(key, self.most)

    def mass(self, keys: Sequence[str]) -> float:
        """The weight of a whole text's keys."""
        get, most = self.table.get, self.most
        return sum(get(key, most) for key in keys)


RUN_COST = 4.0


@attrs.frozen
class Coverage:
    """What a text's covered keys weigh: ``shared`` (each stretch less ``RUN_COST``) and
    ``plain`` (all of them), in bits."""

    shared: float
    plain: float

    @property
    def rank(self) -> float:
        """The value search ranks by: ``shared``, with a millionth of ``plain`` to order
        the hits that carry no rare stretch."""
        return self.shared + 1e-6 * self.plain


def coverage(weights: Sequence[float], covered: Sequence[int]) -> Coverage:
    """The coverage of the keys whose flag in *covered* is set, *weights* being the keys'
    own (module docstring)."""
    shared = plain = run = 0.0
    inside = False
    for weight, flag in zip(weights, covered, strict=True):
        if flag:
            run += weight
            inside = True
        elif inside:
            plain += run
            shared += max(0.0, run - RUN_COST)
            run, inside = 0.0, False
    if inside:
        plain += run
        shared += max(0.0, run - RUN_COST)
    return Coverage(shared, plain)


@attrs.frozen
class Shingled:
    """A text with its shingles: the set of their fingerprints, and where each stands."""

    keyed: Keyed
    prints: frozenset[int]
    where: dict[int, list[tuple[int, int]]] = attrs.field(eq=False, repr=False)


def shingled(keyed: Keyed) -> Shingled:
    """A text's shingles, ready to be compared with another's."""
    where: dict[int, list[tuple[int, int]]] = {}
    for s in shingles(keyed):
        where.setdefault(s.fingerprint, []).append((s.lo, s.stop))
    return Shingled(keyed, frozenset(where), where)


def key_weights(keyed: Keyed, weights: Weights) -> list[float]:
    """The weight of each of a text's keys; the keys of a boilerplate variant share the
    weight of its canonical phrase ("any one of the two sides" weighs what "either party"
    does, however rare "sides" is: a formula is no rarer for its wording)."""
    found = [weights.of(key) for key in keyed.keys]
    if keyed.same:
        return found
    for key, (a, b) in zip(keyed.collapsed, keyed.ranges, strict=True):
        if b - a > 1 or " " in key:
            share = sum(map(weights.of, key.split(" "))) / (b - a)
            found[a:b] = [share] * (b - a)
    return found


def weighed_keys(keyed: Keyed) -> set[str]:
    """The word keys whose document frequencies ``key_weights`` reads for this text: its
    own, and the words of each canonical phrase it holds ("the two sides" weighs what "the
    parties" does, so "parties" must be looked up though the text never writes it)."""
    found = set(keyed.keys)
    if not keyed.same:
        found.update(word for key in keyed.collapsed if " " in key for word in key.split(" "))
    return found


def prefix_weights(keyed: Keyed, weights: Weights) -> list[float]:
    """The running sums of a text's key weights (``key_weights``: ``[0, w0, w0 + w1, ...]``)."""
    return list(accumulate(key_weights(keyed, weights), initial=0.0))


def runs(text: Shingled, shared: Collection[int]) -> list[tuple[int, int]]:
    """The stretches ``[a, b)`` of *text*'s keys that shingles in *shared* cover, in order."""
    where = text.where
    return merged_spans(sorted(span for print_ in shared for span in where.get(print_, ())))


def merged_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans ``[a, b)`` with those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for lo, stop in spans:
        if merged and lo <= merged[-1][1]:
            if stop > merged[-1][1]:
                merged[-1] = (merged[-1][0], stop)
        else:
            merged.append((lo, stop))
    return merged


def run_bits(stretches: Sequence[tuple[int, int]], prefix: Sequence[float]) -> Coverage:
    """The coverage of these stretches of a text whose running weights are *prefix*."""
    plain = shared = 0.0
    for a, b in stretches:
        bits = prefix[b] - prefix[a]
        plain += bits
        shared += max(0.0, bits - RUN_COST)
    return Coverage(shared, plain)


def shared_bits(query: Shingled, other: Shingled, prefix: Sequence[float]) -> float:
    """The raw score of *query* against *other* (module docstring); *prefix* holds the
    running weights of *query*'s keys (``prefix_weights``)."""
    shared = query.prints & other.prints
    return run_bits(runs(query, shared), prefix).shared if shared else 0.0


@attrs.frozen
class Passage:
    """A passage two texts share: the keys ``[la, lb)`` of the left text and ``[ra, rb)``
    of the right one, and the rarity of its language (the left text's keys) in bits."""

    la: int
    lb: int
    ra: int
    rb: int
    bits: float


def _reduced(keys: Sequence[str], vocabulary: set[str]) -> tuple[list[object], list[int]]:
    """*keys* with every stretch of keys outside *vocabulary* made one key that matches
    nothing, and each kept key's index: the same common runs, in less time (a long article
    against a short query is mostly such stretches)."""
    reduced: list[object] = []
    where: list[int] = []
    gap = False
    for i, key in enumerate(keys):
        if key in vocabulary:
            reduced.append(key)
            where.append(i)
            gap = False
        elif not gap:
            reduced.append(object())  # equal to no key, nor to any other gap
            where.append(i)
            gap = True
    return reduced, where


def _reading(left: Keyed, right: Keyed, collapsed: bool, weights: list[float]) -> list[Passage]:
    """The passages of one reading (as printed, or boilerplate collapsed); *weights* are the
    left text's key weights."""
    lkeys = left.collapsed if collapsed else left.keys
    rkeys = right.collapsed if collapsed else right.keys
    lreduced, lwhere = _reduced(lkeys, set(rkeys))
    rreduced, rwhere = _reduced(rkeys, set(lkeys))
    found: list[Passage] = []
    for i, j, k in common_runs(lreduced, rreduced, min_length=1):
        i, j = lwhere[i], rwhere[j]
        if sum(key_weight(key) for key in lkeys[i : i + k]) < SPAN:
            continue
        la, lb = (left.ranges[i][0], left.ranges[i + k - 1][1]) if collapsed else (i, i + k)
        ra, rb = (right.ranges[j][0], right.ranges[j + k - 1][1]) if collapsed else (j, j + k)
        found.append(Passage(la, lb, ra, rb, sum(weights[la:lb])))
    return found


def passages(left: Keyed, right: Keyed, weights: Weights) -> tuple[Passage, ...]:
    """The passages two texts share, in left order: greedy string tiling of their keys as
    printed, and again with boilerplate variants made one; the reading that holds more
    rare language is kept."""
    own = key_weights(left, weights)
    found = _reading(left, right, False, own)
    if not (left.same and right.same):
        other = _reading(left, right, True, own)
        if sum(p.bits for p in other) > sum(p.bits for p in found):
            found = other
    return tuple(found)
