"""What an index holds for a text and what a query looks up in it: the text's word tokens,
and a fingerprint for every window of three words (or four units of an unspaced script).

A text is read into two token sequences (``Keyed``): its words and units as the token layer
cuts them (page furniture left out), and the same with each boilerplate variant ("the other
Contracting Party", "the other side") made one canonical token. Every window of either
sequence that holds three words is a *shingle*: a word weighs 1, a unit of Chinese or Japanese
0.75 (four characters make a shingle), a canonical token as many words as its phrase. A
shingle starts at every token; its fingerprint is a 64-bit hash of its keys.

Because every shingle is kept (none is winnowed away), any run of tokens of weight three or
more that two texts share leaves a shared fingerprint: the shingle at the run's start lies
inside it. That is what makes search complete.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

import attrs

from clausediff.match.boilerplate import boilerplate_spans
from clausediff.match.tokens import is_unit, word_tokens
from clausediff.model import Span

__all__ = [
    "SPAN",
    "UNIT_WEIGHT",
    "Keyed",
    "Shingle",
    "fingerprint",
    "key_weight",
    "keyed_keys",
    "keyed_text",
    "shingles",
    "text_fingerprints",
    "windows",
]

UNIT_WEIGHT = 0.75  # four characters of Chinese or Japanese count as three words
SPAN = 3.0  # the weight of a shingle, and of the shortest passage search reports


def key_weight(key: str) -> float:
    """The weight of a token in words: a unit counts 0.75, a canonical phrase its words."""
    if len(key) == 1 and not key.isascii() and is_unit(key):
        return UNIT_WEIGHT
    return float(key.count(" ") + 1)


@attrs.frozen
class Keyed:
    """A text's tokens as the index sees them: ``keys`` (its words and units, furniture left
    out), ``spans`` (each one's offsets in the document, when known), and ``collapsed``
    (the keys with each boilerplate variant one canonical key), ``ranges`` giving the keys
    ``[a, b)`` each collapsed key stands for."""

    keys: list[str]
    spans: list[tuple[int, int]] | None
    collapsed: list[str]
    ranges: list[tuple[int, int]]

    @property
    def same(self) -> bool:
        """Whether no boilerplate variant was collapsed (the two sequences are equal)."""
        return len(self.keys) == len(self.collapsed)

    def span(self, a: int, b: int) -> Span:
        """The document span of keys ``[a, b)`` (their indexes when offsets are unknown)."""
        if self.spans is None:
            return Span(a, b)
        return Span(self.spans[a][0], self.spans[b - 1][1])


def keyed_keys(keys: list[str], spans: list[tuple[int, int]] | None = None) -> Keyed:
    """A text's ``Keyed`` from its word keys (as an index stores them)."""
    found = boilerplate_spans(keys)
    if not found:
        return Keyed(keys, spans, keys, [(i, i + 1) for i in range(len(keys))])
    collapsed: list[str] = []
    ranges: list[tuple[int, int]] = []
    done = 0
    for first, end, canonical in found:
        collapsed += keys[done:first]
        ranges += [(i, i + 1) for i in range(done, first)]
        collapsed.append(canonical)
        ranges.append((first, end))
        done = end
    collapsed += keys[done:]
    ranges += [(i, i + 1) for i in range(done, len(keys))]
    return Keyed(keys, spans, collapsed, ranges)


def keyed_text(text: str, offset: int = 0, furniture: Sequence[Span] = ()) -> Keyed:
    """The tokens of *text* (which starts at *offset* in its document; *furniture* spans, in
    document offsets, give no tokens), with the default normalization for every language,
    so that a query and an indexed article always meet on the same keys."""
    tokens = word_tokens(text, offset, skip=furniture)
    return keyed_keys([t.key for t in tokens], [(t.start, t.end) for t in tokens])


_MASK = (1 << 64) - 1
_MULTIPLIER = 0x9E3779B97F4A7C15  # odd: a polynomial hash over 64-bit key hashes


@functools.lru_cache(maxsize=1 << 20)
def _key_hash(key: str) -> int:
    """A key's 64-bit hash, the same in every process (not Python's ``hash``)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def fingerprint(keys: Sequence[str]) -> int:
    """The 64-bit fingerprint of a shingle's keys, as a signed integer (SQLite's): a
    polynomial over the keys' hashes, so that a text's shingles cost one hash per key."""
    value = 0
    for key in keys:
        value = (value * _MULTIPLIER + _key_hash(key)) & _MASK
    return value - (1 << 63)


def _fingerprints(keys: Sequence[str], spans: Iterable[tuple[int, int]] | range) -> list[int]:
    """The fingerprint of each window ``[i, j)`` of *keys* (``fingerprint``, faster); a
    ``range`` of starts stands for windows of three keys."""
    hashes = list(map(_key_hash, keys))
    if isinstance(spans, range):  # three keys at a time (``windows`` on words): at C speed
        m, low = _MULTIPLIER, 1 << 63
        return [
            (((a * m + b) * m + c) & _MASK) - low
            for a, b, c in zip(hashes, hashes[1:], hashes[2:], strict=False)
        ]
    found = []
    for i, j in spans:
        value = 0
        for h in hashes[i:j]:
            value = (value * _MULTIPLIER + h) & _MASK
        found.append(value - (1 << 63))
    return found


def _words_only(keys: Sequence[str]) -> bool:
    """Whether every key weighs one word (no unit, no canonical phrase)."""
    return all(map(str.isascii, keys)) and not any(" " in k for k in keys)


def windows(keys: Sequence[str]) -> Iterator[tuple[int, int]]:
    """The shortest window ``[i, j)`` of weight ``SPAN`` or more starting at each token,
    while one fits before the end."""
    if _words_only(keys):
        yield from ((i, i + 3) for i in range(len(keys) - 2))  # words only: three at a time
        return
    weights = [key_weight(k) for k in keys]
    j, total = 0, 0.0
    for i in range(len(keys)):
        while j < len(keys) and total < SPAN:
            total += weights[j]
            j += 1
        if total < SPAN:
            return
        yield i, j
        total -= weights[i]


class Shingle(NamedTuple):
    """A shingle of a text: its fingerprint and the text's keys ``[lo, stop)`` it covers
    (through a canonical boilerplate key, all the keys of the variant). A named tuple: a
    long treaty has 100,000s."""

    fingerprint: int
    lo: int
    stop: int


def shingles(keyed: Keyed) -> list[Shingle]:
    """Every shingle of a text, from both token sequences, positions in its keys."""
    keys = keyed.keys
    spans = _raw_windows(keys)
    if isinstance(spans, range):
        prints = _fingerprints(keys, spans)
        found = list(map(Shingle, prints, spans, range(3, len(keys) + 1)))
    else:
        found = [
            Shingle(f, i, j) for f, (i, j) in zip(_fingerprints(keys, spans), spans, strict=True)
        ]
    if not keyed.same:
        spans = _variant_windows(keyed)
        ranges = keyed.ranges
        found += [
            Shingle(f, ranges[i][0], ranges[j - 1][1])
            for f, (i, j) in zip(_fingerprints(keyed.collapsed, spans), spans, strict=True)
        ]
    return found


def _raw_windows(keys: Sequence[str]) -> range | list[tuple[int, int]]:
    """The windows of the keys as printed: a ``range`` of starts for words only (three
    keys each, ``_fingerprints``), else the spans."""
    if _words_only(keys):
        return range(max(0, len(keys) - 2))
    return list(windows(keys))


def _variant_windows(keyed: Keyed) -> list[tuple[int, int]]:
    """The windows of the collapsed keys that hold a variant (the others are raw windows
    already)."""
    ranges = keyed.ranges
    return [(i, j) for i, j in windows(keyed.collapsed) if ranges[j - 1][1] - ranges[i][0] != j - i]


def text_fingerprints(keyed: Keyed) -> set[int]:
    """Every shingle's fingerprint, from both token sequences (``shingles``' fingerprints,
    without making the shingles: what a build computes for every article)."""
    found = set(_fingerprints(keyed.keys, _raw_windows(keyed.keys)))
    if not keyed.same:
        found.update(_fingerprints(keyed.collapsed, _variant_windows(keyed)))
    return found
