"""Disjoint sets (union-find): the one implementation of "which items are connected"."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, Generic, Protocol, TypeVar

__all__ = ["DisjointSets"]


class _Key(Hashable, Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Key)


class DisjointSets(Generic[T]):
    """Items joined into groups; ``find`` names each group by one of its items.

    With path halving; when two groups join, the smaller of their names (by the items' own
    order) names the whole, so that names do not depend on the order of the joins.
    """

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        """The name of *item*'s group (an item not seen before is a group of its own)."""
        parent = self._parent
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: T, b: T) -> None:
        """Join the groups of *a* and *b*."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = (ra, rb) if ra < rb else (rb, ra)
            self._parent[high] = low

    def groups(self) -> dict[T, list[T]]:
        """Every group by its name, its items in the order they were first seen."""
        out: dict[T, list[T]] = {}
        for item in list(self._parent):
            out.setdefault(self.find(item), []).append(item)
        return out
