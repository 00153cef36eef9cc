"""Lineage's links kept out of memory: the linked pairs, as the tasks give them back, written
to a temporary SQLite file, then grouped there, so that the process that gathers them holds
no more than a few integers per passage, however many pairs link.

A ``LinkStore`` holds the pairs (their ids and figures), each distinct passage once (its
article, keys ``[lo, stop)`` and weight in bits) and each pair's joins as two passage ids.
``groups`` then finds the groups that ``links.group_pairs`` finds in memory: a union-find
over the passages' ranks (their ``(article, lo, stop)`` order, so that a group is named by
its smallest passage, as ``DisjointSets`` names it), joined by the links and by the overlaps
within each article, read in that order one article at a time. The groups come back in the
same order, each pair with the passages it brings in the same order, one group at a time;
a group of more than ``links.LARGEST`` articles is split again in memory
(``links.split_groups``), as in ``links``.
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path

from clausediff.corpus.links import LARGEST, OVERLAP, STEP, Group, Linked, Node, Pair, split_groups

__all__ = ["LinkStore"]

_SCHEMA = """
CREATE TABLE pair (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, score REAL, bits REAL,
                   pvalue REAL);
CREATE TABLE node (id INTEGER PRIMARY KEY, article INTEGER, lo INTEGER, stop INTEGER,
                   bits REAL, UNIQUE (article, lo, stop));
CREATE TABLE joins (pair INTEGER, seq INTEGER, one INTEGER, two INTEGER,
                    PRIMARY KEY (pair, seq)) WITHOUT ROWID;
CREATE TABLE member (root INTEGER, pair INTEGER, seq INTEGER,
                     PRIMARY KEY (root, pair, seq)) WITHOUT ROWID;
CREATE TABLE kept (id INTEGER PRIMARY KEY, blob BLOB);
"""

_NODE = (
    "INSERT INTO node (article, lo, stop, bits) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (article, lo, stop) DO UPDATE SET bits = excluded.bits RETURNING id"
)


class LinkStore:
    """Linked pairs in a temporary SQLite file under *directory* (the system's temporary
    directory by default), removed by ``close``."""

    def __init__(self, directory: str | None = None) -> None:
        self._directory = tempfile.TemporaryDirectory(prefix="clausediff-links-", dir=directory)
        path = Path(self._directory.name) / "links.sqlite"
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768;"
            + _SCHEMA
        )
        self.pairs = 0

    def add(self, linked: Linked) -> None:
        """Write one part's linked pairs (in the order found) and their passages' weights."""
        pairs, weights = linked
        known: dict[Node, int] = {}

        def node(item: Node) -> int:
            if item not in known:
                row = self.db.execute(_NODE, (*item, weights[item])).fetchone()
                known[item] = int(row[0])
            return known[item]

        with _transaction(self.db):
            for pair in pairs:
                self.pairs += 1
                self.db.execute(
                    "INSERT INTO pair VALUES (?, ?, ?, ?, ?, ?)",
                    (self.pairs, pair.a, pair.b, pair.score, pair.bits, pair.pvalue),
                )
                self.db.executemany(
                    "INSERT INTO joins VALUES (?, ?, ?, ?)",
                    [(self.pairs, n, node(x), node(y)) for n, (x, y) in enumerate(pair.joins)],
                )

    def groups(self, floor: float) -> Iterator[Group]:
        """The groups of the pairs written (``links.split_groups`` of them all, *floor* the
        lowest score of a link), in the same order, one at a time."""
        rank, parent = self._ranks()
        _union_all(self.db, rank, parent)
        with _transaction(self.db):
            rows = self.db.execute("SELECT pair, seq, one FROM joins ORDER BY pair, seq")
            for batch in iter(lambda: rows.fetchmany(10_000), []):
                self.db.executemany(
                    "INSERT INTO member VALUES (?, ?, ?)",
                    [(_find(parent, rank[one]), pair, seq) for pair, seq, one in batch],
                )
        del rank, parent
        for group in self._top_groups():
            articles = {i for pair, _ in group for i in (pair.a, pair.b)}
            if len(articles) <= LARGEST or floor + STEP > 100:
                yield group
                continue
            stronger = {(p.a, p.b): p for p, _ in group if p.score >= floor + STEP}
            yield from split_groups(sorted(stronger.values(), key=lambda p: (p.a, p.b)),
                                    floor + STEP)  # fmt: skip

    def weights(self, nodes: set[Node]) -> dict[Node, float]:
        """The weight in bits of each of these passages."""
        found = {}
        for item in nodes:
            row = self.db.execute(
                "SELECT bits FROM node WHERE article = ? AND lo = ? AND stop = ?", item
            ).fetchone()
            found[item] = float(row[0])
        return found

    def keep(self, group: Group) -> int:
        """Write a group aside (its passages in the order it gives them); its number."""
        blob = pickle.dumps([(pair, tuple(nodes)) for pair, nodes in group])
        with _transaction(self.db):
            cursor = self.db.execute("INSERT INTO kept (blob) VALUES (?)", (blob,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def kept(self, number: int) -> Group:
        """A group written aside by ``keep``."""
        (blob,) = self.db.execute("SELECT blob FROM kept WHERE id = ?", (number,)).fetchone()
        group: Group = pickle.loads(blob)  # our own temporary file
        return group

    def close(self) -> None:
        """Remove the temporary file."""
        self.db.close()
        self._directory.cleanup()

    def __enter__(self) -> LinkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ranks(self) -> tuple[array[int], array[int]]:
        """Each passage's rank in ``(article, lo, stop)`` order, by id; and a union-find's
        parents over the ranks, each its own."""
        (top,) = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM node").fetchone()
        rank = array("q", bytes(8 * (top + 1)))
        count = 0
        for (node,) in self.db.execute("SELECT id FROM node ORDER BY article, lo, stop"):
            rank[node] = count
            count += 1
        return rank, array("q", range(count))

    def _top_groups(self) -> Iterator[Group]:
        """The groups of every pair (``links.group_pairs``), in the order of their
        smallest passage."""
        rows = self.db.execute("SELECT root, pair, seq FROM member ORDER BY root, pair, seq")
        current: int | None = None
        joins: dict[int, list[int]] = {}
        for root, pair, seq in rows:
            if root != current and joins:
                yield self._group(joins)
                joins = {}
            current = root
            joins.setdefault(pair, []).append(seq)
        if joins:
            yield self._group(joins)

    def _group(self, joins: dict[int, list[int]]) -> Group:
        """One group: each pair (by id, with the joins that bring passages to it)."""
        group: Group = []
        for number, seqs in joins.items():
            pair = self._pair(number)
            brought: set[Node] = set()
            for seq in seqs:
                brought.update(pair.joins[seq])
            group.append((pair, brought))
        return group

    def _pair(self, number: int) -> Pair:
        """A pair written, with all its joins."""
        a, b, score, bits, pvalue = self.db.execute(
            "SELECT a, b, score, bits, pvalue FROM pair WHERE id = ?", (number,)
        ).fetchone()
        rows = self.db.execute(
            "SELECT l.article, l.lo, l.stop, r.article, r.lo, r.stop FROM joins "
            "JOIN node AS l ON l.id = joins.one JOIN node AS r ON r.id = joins.two "
            "WHERE joins.pair = ? ORDER BY joins.seq",
            (number,),
        )
        joins = tuple(((la, ll, ls), (ra, rl, rs)) for la, ll, ls, ra, rl, rs in rows)
        return Pair(a, b, score, bits, pvalue, joins)


def _find(parent: array[int], item: int) -> int:
    """The name of *item*'s set: its smallest member (path halving)."""
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: array[int], a: int, b: int) -> None:
    """Join the sets of *a* and *b*, named by the smaller name."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        low, high = (ra, rb) if ra < rb else (rb, ra)
        parent[high] = low


def _union_all(db: sqlite3.Connection, rank: array[int], parent: array[int]) -> None:
    """Join the passages each link joins, and those of one article that overlap by
    ``OVERLAP`` of the shorter (``links.group_pairs``)."""
    for one, two in db.execute("SELECT one, two FROM joins"):
        _union(parent, rank[one], rank[two])
    article: int | None = None
    ordered: list[tuple[int, int, int]] = []
    rows = db.execute("SELECT article, lo, stop FROM node ORDER BY article, lo, stop")
    for position, (owner, lo, stop) in enumerate(rows):
        if owner != article:
            _overlaps(parent, ordered)
            article, ordered = owner, []
        ordered.append((position, lo, stop))
    _overlaps(parent, ordered)


def _overlaps(parent: array[int], ordered: list[tuple[int, int, int]]) -> None:
    """Join the passages of one article (rank, lo, stop, in order) that overlap enough."""
    for x, (node, lo, stop) in enumerate(ordered):
        for other, other_lo, other_stop in ordered[x + 1 :]:
            if other_lo >= stop:
                break
            overlap = min(stop, other_stop) - other_lo
            if overlap >= OVERLAP * min(stop - lo, other_stop - other_lo):
                _union(parent, node, other)


@contextlib.contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction on the store."""
    db.execute("BEGIN")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
