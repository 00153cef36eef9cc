"""How a document's divisions nest: read from the document, not from the kind's name alone.

The usual order is book or part, title, chapter, section (``DivisionKind.level``), but codes
differ: a German code runs Buch > Abschnitt > Titel (its Titel inside a section), a Dutch one
Boek > Titel > Afdeling, the EU's regulations Part > Title > Chapter > Section. A document
shows its own order where two division headings of different kinds stand one under the other
with no article between, the second the first of its kind (``Abschnitt 3`` / ``Titel 1``: the
first is the outer one; ``Titel 2`` / ``Abschnitt 3`` ends one section and opens the next).
Each such pair is a vote; the kinds are ordered as most votes say, the usual level deciding
where the document says nothing or the votes go round in a circle.
"""

from __future__ import annotations

import bisect
import heapq
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from clausediff.model import Division, DivisionKind

__all__ = ["division_depths"]

_FIRST = frozenset({"1", "a"})  # the canonical numbers of a first division


def division_depths(
    divisions: Sequence[Division], heading_starts: Sequence[int]
) -> dict[DivisionKind, int]:
    """The nesting depth of each kind of division in this document (0 for a protocol or an
    annex, a separate instrument; then 1, 2 ... from the outermost). *divisions* are in text
    order, *heading_starts* the sorted offsets of the article headings."""
    kinds = {d.kind for d in divisions}
    nested = sorted((k for k in kinds if k.level), key=lambda k: k.level)
    votes: Counter[tuple[DivisionKind, DivisionKind]] = Counter()
    for outer, inner in pairwise(divisions):
        if outer.kind == inner.kind or not outer.kind.level or not inner.kind.level:
            continue
        if inner.number not in _FIRST:
            continue
        between = bisect.bisect_right(heading_starts, outer.span.start)
        if between == bisect.bisect_left(heading_starts, inner.span.start):
            votes[outer.kind, inner.kind] += 1  # no article between: one under the other
    after: dict[DivisionKind, set[DivisionKind]] = {k: set() for k in nested}
    for (above, below), n in votes.items():
        if n > votes[below, above]:
            after[above].add(below)
    order = _ordered(nested, after)
    depths = dict.fromkeys((k for k in kinds if not k.level), 0)
    depths.update({k: n for n, k in enumerate(order, start=1)})
    return depths


def _ordered(
    kinds: list[DivisionKind], after: dict[DivisionKind, set[DivisionKind]]
) -> list[DivisionKind]:
    """*kinds* in an order where each comes before those *after* it (the usual level breaks
    ties); the usual order where the votes go round in a circle."""
    waiting = Counter(inner for inners in after.values() for inner in inners)
    ready = [(k.level, k) for k in kinds if not waiting[k]]
    heapq.heapify(ready)
    order = []
    while ready:
        _, kind = heapq.heappop(ready)
        order.append(kind)
        for inner in after[kind]:
            waiting[inner] -= 1
            if not waiting[inner]:
                heapq.heappush(ready, (inner.level, inner))
    return order if len(order) == len(kinds) else kinds
