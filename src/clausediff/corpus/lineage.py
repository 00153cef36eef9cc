"""Lineage: every pair of articles from different treaties that share substantive language,
grouped into families.

Candidate pairs come from the index's winnowed fingerprints, never from all pairs: two
articles of different documents become a candidate when they share at least
``MIN_SHARED_PRINTS`` fingerprints that are each found in at most ``FAMILY_CAP`` articles
(a fingerprint in more is a formula, not a lineage). The work is the sum, over fingerprints,
of the squares of their (capped) posting counts: near-linear in the size of the corpus. Each
candidate is then scored exactly, as a search scores a hit (shared passages, rarity-weighted,
over the smaller article), and pairs scoring at least ``min_score`` are joined into families
(connected components).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator

import attrs

from clausediff.corpus import storage
from clausediff.corpus.scoring import fetch_articles, score_pair, word_weights
from clausediff.match.groups import DisjointSets

__all__ = [
    "FAMILY_CAP",
    "MIN_SHARED_PRINTS",
    "Family",
    "Lineage",
    "Member",
    "Pair",
    "find_families",
]

FAMILY_CAP = 24
MIN_SHARED_PRINTS = 3
DEFAULT_MIN_SCORE = 50.0


@attrs.frozen
class Member:
    """An article of a family: its document's id, its canonical number (``article``), its
    heading as printed and its unique ref."""

    document: str
    article: str
    label: str
    ref: str = attrs.field(default=attrs.Factory(lambda self: self.article, takes_self=True))


@attrs.frozen
class Pair:
    """Two members of a family and the score of what they share."""

    left: Member
    right: Member
    score: float


@attrs.frozen
class Family:
    """Articles linked by shared language, directly or through one another."""

    members: tuple[Member, ...]
    pairs: tuple[Pair, ...]


@attrs.frozen
class Lineage:
    """The families of a corpus, largest first; iterate over it for the families."""

    families: tuple[Family, ...]
    min_score: float = DEFAULT_MIN_SCORE

    def __iter__(self) -> Iterator[Family]:
        return iter(self.families)

    def __len__(self) -> int:
        return len(self.families)

    def __getitem__(self, index: int) -> Family:
        return self.families[index]


def find_families(db: sqlite3.Connection, *, min_score: float = DEFAULT_MIN_SCORE) -> Lineage:
    """Families of articles from different documents that share language (module docstring).

    Families are ordered by size (largest first), then by their first member (document name,
    then article order); members by document name and article order.
    """
    with storage.snapshot(db):
        total = storage.article_count(db)
        candidates = _candidates(db)
        if not candidates:
            return Lineage((), min_score)
        fetched = fetch_articles(db, {i for pair in candidates for i in pair})
        weight = word_weights(db, {t.key for a in fetched.values() for t in a.tokens}, total)
        links: list[tuple[int, int, float]] = []
        for a, b in candidates:
            first, second = fetched[a], fetched[b]
            score = score_pair(first.tokens, second.tokens, weight, first.mass, second.mass).score
            if score >= min_score:
                links.append((a, b, score))
        return Lineage(_families(db, links), min_score)


def _candidates(db: sqlite3.Connection) -> list[tuple[int, int]]:
    """Pairs of articles of different documents sharing ``MIN_SHARED_PRINTS`` fingerprints
    that each stand in at most ``FAMILY_CAP`` articles."""
    documents = storage.article_documents(db)
    counts: Counter[tuple[int, int]] = Counter()
    for ids in storage.shared_fingerprints(db, FAMILY_CAP):
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                if documents[a] != documents[b]:
                    counts[(a, b)] += 1
    return sorted(pair for pair, n in counts.items() if n >= MIN_SHARED_PRINTS)


def _families(db: sqlite3.Connection, links: list[tuple[int, int, float]]) -> tuple[Family, ...]:
    sets: DisjointSets[int] = DisjointSets()
    for a, b, _ in links:
        sets.union(a, b)
    ids = sorted({i for a, b, _ in links for i in (a, b)})
    info = {
        article_id: Member(name, number, label, ref)
        for article_id, (name, number, ref, label, *_) in storage.article_rows(db, ids).items()
    }
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(sets.find(i), []).append(i)
    pairs_of: dict[int, list[Pair]] = {}
    for a, b, score in links:
        pairs_of.setdefault(sets.find(a), []).append(Pair(info[a], info[b], score))
    ranked: list[tuple[tuple[int, str, int], Family]] = []
    for root, members in groups.items():
        ordered = sorted(members, key=lambda i: (info[i].document, i))
        pairs = sorted(
            pairs_of.get(root, []), key=lambda p: (-p.score, p.left.document, p.right.document)
        )
        family = Family(tuple(info[i] for i in ordered), tuple(pairs))
        ranked.append(((-len(members), family.members[0].document, min(members)), family))
    ranked.sort(key=lambda item: item[0])
    return tuple(family for _, family in ranked)
