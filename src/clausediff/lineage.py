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

import attrs

from clausediff.search import fetch_articles, score_pair, word_weights

__all__ = ["FAMILY_CAP", "MIN_SHARED_PRINTS", "Family", "Member", "Pair", "find_families"]

FAMILY_CAP = 24
MIN_SHARED_PRINTS = 3


@attrs.frozen
class Member:
    """An article of a family."""

    document: str
    article: str
    label: str


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


def find_families(db: sqlite3.Connection, *, min_score: float = 50.0) -> list[Family]:
    """Families of articles from different documents that share language (module docstring).

    Families are ordered by size (largest first), then by their first member (document name,
    then article order); members by document name and article order.
    """
    total = int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    documents = dict(db.execute("SELECT id, document FROM articles"))
    counts: Counter[tuple[int, int]] = Counter()
    rows = db.execute(
        "SELECT group_concat(article) FROM postings GROUP BY fingerprint "
        "HAVING COUNT(*) BETWEEN 2 AND ?",
        (FAMILY_CAP,),
    )
    for (joined,) in rows:
        ids = sorted(int(x) for x in joined.split(","))
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                if documents[a] != documents[b]:
                    counts[(a, b)] += 1
    candidates = sorted(pair for pair, n in counts.items() if n >= MIN_SHARED_PRINTS)
    if not candidates:
        return []
    fetched = fetch_articles(db, {i for pair in candidates for i in pair})
    weight = word_weights(db, {t.key for a in fetched.values() for t in a.tokens}, total)
    links: list[tuple[int, int, float]] = []
    for a, b in candidates:
        first, second = fetched[a], fetched[b]
        score = score_pair(first.tokens, second.tokens, weight, first.mass, second.mass).score
        if score >= min_score:
            links.append((a, b, score))
    return _families(db, links)


def _families(db: sqlite3.Connection, links: list[tuple[int, int, float]]) -> list[Family]:
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    ids = sorted({i for a, b, _ in links for i in (a, b)})
    info: dict[int, Member] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        for article_id, name, number, label in db.execute(
            "SELECT a.id, d.name, a.number, a.label FROM articles a "
            f"JOIN documents d ON d.id = a.document WHERE a.id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            info[article_id] = Member(name, number, label)
    groups: dict[int, list[int]] = {}
    for i in ids:
        groups.setdefault(find(i), []).append(i)
    pairs_of: dict[int, list[Pair]] = {}
    for a, b, score in links:
        pairs_of.setdefault(find(a), []).append(Pair(info[a], info[b], score))
    families: list[Family] = []
    groups_of: dict[int, list[int]] = {}
    for root, members in groups.items():
        ordered = sorted(members, key=lambda i: (info[i].document, i))
        pairs = sorted(
            pairs_of.get(root, []), key=lambda p: (-p.score, p.left.document, p.right.document)
        )
        family = Family(tuple(info[i] for i in ordered), tuple(pairs))
        groups_of[id(family)] = members
        families.append(family)
    first_id = {id(f): min(groups_of[id(f)]) for f in families}
    families.sort(key=lambda f: (-len(f.members), f.members[0].document, first_id[id(f)]))
    return families
