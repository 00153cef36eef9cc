"""The exact top hits of a query, found without reading the articles that share a word.

Every shingle of the query is looked up in the postings. A shingle held by at most ``RARE``
articles brings them all in as candidates, each knowing which query keys its shingles cover;
a shingle held by more is *common* and set aside. A candidate's raw score (``scoring``) is
the rarity of the query keys its shingles cover, so it is known exactly once we know which
common shingles it holds too (a look-up of the candidate in their postings); until then the
common shingles' keys give an upper bound. Candidates are taken best bound first; once the
``top``-th best score found reaches every remaining bound, and the bound of an article that
holds only common shingles, no other article can rank higher and the search stops. Otherwise
the least common shingle set aside is fetched whole, and the search goes on.

So the hits are the true top ``top`` of one total order (rank value, then date, document
name and article order): asking for more hits never changes the first ones.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable

from clausediff.corpus import storage
from clausediff.corpus.scoring import Coverage, Weights, coverage, key_weights
from clausediff.corpus.shingles import Keyed, shingles

__all__ = ["RARE", "Candidates", "top_articles"]

RARE = 2000  # a shingle held by more articles is fetched only when it can matter
_SLACK = 1e-9  # float sums in another order: a bound equal to a score is not beaten


def _mask(lo: int, stop: int) -> int:
    return ((1 << (stop - lo)) - 1) << lo


class Candidates:
    """The articles that share a shingle with a query, with bounds and exact scores."""

    def __init__(self, db: sqlite3.Connection, query: Keyed, weights: Weights) -> None:
        self.db, self.query = db, query
        self.token_weights = key_weights(query, weights)
        self.masks: dict[int, int] = {}  # fingerprint -> the query keys it covers
        for s in shingles(query):
            self.masks[s.fingerprint] = self.masks.get(s.fingerprint, 0) | _mask(s.lo, s.stop)
        self.frequency: dict[int, int] = {}  # fingerprint -> articles holding it, when known
        self.common: dict[int, int] = {}  # fingerprint -> mask, not fetched yet
        self.cover: dict[int, int] = {}  # article -> the query keys its fetched shingles cover
        self.exact: dict[int, Coverage] = {}
        self._weight_of: dict[int, Coverage] = {}
        for print_, mask in sorted(self.masks.items()):
            ids = storage.postings(db, print_, RARE + 1)
            if len(ids) > RARE:
                self.common[print_] = mask
            else:
                self.frequency[print_] = len(ids)
                self._add(ids, mask)
        self.common_mask = self._common_mask()
        self.heap = [(-self.bound(a), a) for a in self.cover]
        heapq.heapify(self.heap)

    def _add(self, ids: list[int], mask: int) -> None:
        cover = self.cover
        for article in ids:
            cover[article] = cover.get(article, 0) | mask

    def _common_mask(self) -> int:
        mask = 0
        for value in self.common.values():
            mask |= value
        return mask

    def weight(self, mask: int) -> Coverage:
        """The weight of the query keys in *mask* (``scoring.coverage``)."""
        found = self._weight_of.get(mask)
        if found is None:
            flags = [mask >> i & 1 for i in range(len(self.token_weights))]
            found = self._weight_of[mask] = coverage(self.token_weights, flags)
        return found

    def bound(self, article: int) -> float:
        """The most *article* can share with the query, as far as is known (a rank value:
        coverage only grows with the keys covered)."""
        return self.weight(self.cover.get(article, 0) | self.common_mask).rank

    def unseen_bound(self) -> float:
        """The most an article holding none of the fetched shingles can share."""
        return self.weight(self.common_mask).rank if self.common else 0.0

    def score(self, article: int) -> Coverage:
        """The article's exact coverage (its common shingles looked up)."""
        found = self.exact.get(article)
        if found is None:
            mask = self.cover.get(article, 0)
            if self.common:
                for print_ in storage.held(self.db, article, self.common):
                    mask |= self.common[print_]
            found = self.exact[article] = self.weight(mask)
        return found

    def pop(self, floor: float) -> int | None:
        """The unscored candidate of highest bound, if that bound reaches *floor*."""
        while self.heap:
            stale, article = self.heap[0]
            current = self.bound(article)
            if current < -stale - _SLACK:  # bounds only fall: put it back at its place
                heapq.heapreplace(self.heap, (-current, article))
                continue
            if current < floor - _SLACK:
                return None
            heapq.heappop(self.heap)
            return article
        return None

    def expand(self) -> bool:
        """Fetch the least common shingle set aside; whether there was one."""
        if not self.common:
            return False
        counts = {p: storage.posting_count(self.db, p) for p in self.common}
        print_ = min(counts, key=lambda p: (counts[p], p))
        mask = self.common.pop(print_)
        self.common_mask = self._common_mask()
        self.frequency[print_] = counts[print_]
        ids = [a for a in storage.postings(self.db, print_) if a not in self.exact]
        fresh = [a for a in ids if a not in self.cover]
        self._add(ids, mask)
        for article in fresh:
            heapq.heappush(self.heap, (-self.bound(article), article))
        return True

    def score_above(self, floor: float) -> dict[int, Coverage]:
        """Score every candidate whose bound reaches *floor*; their exact coverage."""
        found = {}
        while (article := self.pop(floor)) is not None:
            found[article] = self.score(article)
        return found

    def frequencies(self) -> dict[int, int]:
        """How many articles hold each shingle of the query (the common ones counted now)."""
        found = dict(self.frequency)
        for print_ in self.common:
            found[print_] = storage.posting_count(self.db, print_)
        return found


def top_articles(
    candidates: Candidates,
    top: int,
    value: Callable[[int, Coverage], float | None],
    order: Callable[[int, float], tuple[object, ...]],
) -> list[tuple[int, float]]:
    """The *top* best candidates by ``value(article, coverage)`` (``None``: not a hit, as
    one a filter leaves out), ties broken by *order*; exact (module docstring). Candidates
    scored before (``Candidates.score``) count too. *value* never exceeds the coverage's
    rank value."""
    best: list[tuple[tuple[object, ...], int, float]] = []
    floors: list[float] = []  # the values of the best ones, smallest first

    def floor() -> float:
        return floors[0] if len(floors) >= top else 0.0

    waiting = sorted(candidates.exact)
    while True:
        article = waiting.pop() if waiting else candidates.pop(floor())
        if article is not None:
            found = value(article, candidates.score(article))
            if found is not None and found > 0:
                best.append((order(article, found), article, found))
                heapq.heappush(floors, found)
                if len(floors) > top:
                    heapq.heappop(floors)
            continue
        if candidates.unseen_bound() >= floor() - _SLACK and candidates.expand():
            continue
        break
    best.sort(key=lambda item: item[0])
    return [(article, found) for _, article, found in best[:top]]
