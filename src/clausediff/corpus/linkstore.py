"""Lineage's links kept out of memory: the linked pairs, as the tasks give them back, written
to a temporary SQLite file, then grouped there, so that the process that gathers them holds
no more than a few integers per passage, however many pairs link.

A ``LinkStore`` holds the pairs (their ids and figures), each distinct passage once (its
article, keys ``[lo, stop)`` and weight in bits) and each pair's joins as two passage ids.
``groups`` then finds the groups that ``links.split_groups`` finds in memory: a union-find
over the passages' ranks (their ``(article, lo, stop)`` order, so that a group is named by
its smallest passage, as ``DisjointSets`` names it), joined by the links and by the overlaps
within each article, read in that order one article at a time; a group of more than
``links.LARGEST`` articles is split the same way, a level down, among its pairs sharing
``links.STEP`` points more. The groups come back in the same order, each pair with the
passages it brings in the same order, one group at a time. This process holds a union-find
of eight bytes per passage of the level being grouped, and one group at a time.

A store made for a claim (``scratchdir.Claim``) records the ranges whose pairs it holds
(``linked``), each in the transaction that writes them, and is left behind when lineage stops
before its end: the next run of the same claim takes it over, drops what grouping had begun
(grouping starts again from the pairs) and links the ranges still to do.
"""

from __future__ import annotations

import contextlib
import pickle
import sqlite3
from array import array
from collections.abc import Iterator

from clausediff.corpus.links import LARGEST, OVERLAP, STEP, Group, Linked, Node, Pair
from clausediff.corpus.prepared import ScratchStore, scratch
from clausediff.corpus.scratchdir import Claim

__all__ = ["LinkStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pair (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, score REAL,
                                 bits REAL, pvalue REAL);
CREATE TABLE IF NOT EXISTS node (id INTEGER PRIMARY KEY, article INTEGER, lo INTEGER,
                                 stop INTEGER, bits REAL, UNIQUE (article, lo, stop));
CREATE TABLE IF NOT EXISTS joins (pair INTEGER, seq INTEGER, one INTEGER, two INTEGER,
                                  PRIMARY KEY (pair, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kept (id INTEGER PRIMARY KEY, blob BLOB);
CREATE TABLE IF NOT EXISTS part (article INTEGER, lo INTEGER, stop INTEGER);
CREATE TABLE IF NOT EXISTS linked (first INTEGER PRIMARY KEY);
"""

_NODE = (
    "INSERT INTO node (article, lo, stop, bits) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (article, lo, stop) DO UPDATE SET bits = excluded.bits"
)


class LinkStore(ScratchStore):
    """Linked pairs in a temporary SQLite file (``prepared.ScratchStore``) under *directory*
    (the system's temporary directory by default). With a *claim*, ``linked`` holds the
    first ids of the ranges whose pairs the store has."""

    def __init__(self, directory: str | None = None, claim: Claim | None = None) -> None:
        schema = "PRAGMA cache_size = -32768;" + _SCHEMA
        super().__init__("clausediff-links-", directory, "links.sqlite", schema, claim)
        with scratch(self.path):
            self._drop_grouping()
            (last,) = self.db.execute("SELECT COALESCE(MAX(id), 0) FROM pair").fetchone()
            self.pairs = int(last)
            self.linked = {first for (first,) in self.db.execute("SELECT first FROM linked")}

    def _drop_grouping(self) -> None:
        """Forget what grouping a run that stopped had begun: its tables and its groups."""
        names = [
            name
            for (name,) in self.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                "(name GLOB 'chosen[0-9]*' OR name GLOB 'rank[0-9]*' OR name GLOB 'member[0-9]*')"
            )
        ]
        with _transaction(self.db):
            for name in names:
                self.db.execute(f"DROP TABLE {name}")
            self.db.execute("DELETE FROM kept")

    def add(self, linked: Linked, first: int | None = None) -> None:
        """Write one part's linked pairs (in the order found) and their passages' weights,
        those of the range starting at id *first* when given (recorded in ``linked``, in
        the same transaction).

        Raises:
            IndexFileError: the file could not be written (a full disk)."""
        with scratch(self.path):
            self._add(linked, first)
        if first is not None:
            self.linked.add(first)

    def _add(self, linked: Linked, first_of_range: int | None) -> None:
        """``add``, unguarded: the part's passages written in one statement and their ids
        read back in one (a statement per passage was a quarter of the store's time)."""
        pairs, weights = linked
        nodes = list(dict.fromkeys(node for pair in pairs for join in pair.joins for node in join))
        first = self.pairs + 1
        with _transaction(self.db):
            self.db.executemany(_NODE, [(*item, weights[item]) for item in nodes])
            self.db.execute("DELETE FROM part")
            self.db.executemany("INSERT INTO part VALUES (?, ?, ?)", nodes)
            known: dict[Node, int] = {
                (article, lo, stop): number
                for number, article, lo, stop in self.db.execute(
                    "SELECT n.id, p.article, p.lo, p.stop FROM part AS p JOIN node AS n "
                    "ON n.article = p.article AND n.lo = p.lo AND n.stop = p.stop"
                )
            }
            self.db.executemany(
                "INSERT INTO pair VALUES (?, ?, ?, ?, ?, ?)",
                [(n, p.a, p.b, p.score, p.bits, p.pvalue) for n, p in enumerate(pairs, first)],
            )
            self.db.executemany(
                "INSERT INTO joins VALUES (?, ?, ?, ?)",
                [
                    (number, seq, known[x], known[y])
                    for number, pair in enumerate(pairs, first)
                    for seq, (x, y) in enumerate(pair.joins)
                ],
            )
            if first_of_range is not None:
                self.db.execute("INSERT INTO linked VALUES (?)", (first_of_range,))
        self.pairs += len(pairs)

    def groups(self, floor: float) -> Iterator[Group]:
        """The groups of the pairs written (``links.split_groups`` of them all, *floor* the
        lowest score of a link), in the same order, one at a time.

        Raises:
            IndexFileError: the file could not be written (a full disk)."""
        with scratch(self.path):
            yield from self._grouped(0, floor)

    def _grouped(self, level: int, floor: float) -> Iterator[Group]:
        """The groups of the pairs of table ``chosen{level}`` (at level 0, every pair), each
        of more than ``LARGEST`` articles split again with only its pairs sharing ``STEP``
        points more (a level down), each pair with all its joins (``links.split_groups``)."""
        ranks, members = f"rank{level}", f"member{level}"
        joins = _joins_of(level)
        count = self._rank(joins, ranks, everything=level == 0)
        parent = array("q", range(count))
        _union_all(self.db, joins, ranks, parent)
        self.db.execute(f"DROP TABLE IF EXISTS {members}")
        self.db.execute(
            f"CREATE TABLE {members} (root INTEGER, pair INTEGER, seq INTEGER, "
            "PRIMARY KEY (root, pair, seq)) WITHOUT ROWID"
        )
        with _transaction(self.db):
            rows = self.db.execute(
                f"SELECT j.pair, j.seq, r.rowid FROM {joins} "
                f"CROSS JOIN {ranks} AS r ON r.node = j.one"
            )
            for batch in iter(lambda: rows.fetchmany(10_000), []):
                self.db.executemany(
                    f"INSERT INTO {members} VALUES (?, ?, ?)",
                    [(_find(parent, rank), pair, seq) for pair, seq, rank in batch],
                )
        del parent
        for root in self._roots(members):
            (articles,) = self.db.execute(
                f"SELECT COUNT(*) FROM (SELECT a FROM pair WHERE id IN (SELECT pair FROM "
                f"{members} WHERE root = ?1) UNION SELECT b FROM pair WHERE id IN "
                f"(SELECT pair FROM {members} WHERE root = ?1))",
                (root,),
            ).fetchone()
            if articles <= LARGEST or floor + STEP > 100:
                yield self._group(members, root)
                continue
            below = f"chosen{level + 1}"
            self.db.execute(f"DROP TABLE IF EXISTS {below}")
            self.db.execute(f"CREATE TABLE {below} (pair INTEGER PRIMARY KEY)")
            with _transaction(self.db):
                self.db.execute(
                    f"INSERT INTO {below} SELECT DISTINCT m.pair FROM {members} AS m "
                    "JOIN pair AS p ON p.id = m.pair WHERE m.root = ? AND p.score >= ?",
                    (root, floor + STEP),
                )
            yield from self._grouped(level + 1, floor + STEP)

    def _rank(self, joins: str, ranks: str, *, everything: bool) -> int:
        """Table *ranks*: the passages the *joins* (``_joins_of``) join, their rowids their
        ranks (from 0) in ``(article, lo, stop)`` order (with *everything*, every passage
        of the store: read in that order from its index, without a union or a sort); how
        many."""
        self.db.execute(f"DROP TABLE IF EXISTS {ranks}")
        self.db.execute(f"CREATE TABLE {ranks} (node INTEGER)")
        passages = (
            "node AS n"
            if everything
            else f"(SELECT j.one AS id FROM {joins} UNION SELECT j.two FROM {joins}) AS x "
            "CROSS JOIN node AS n ON n.id = x.id"
        )
        with _transaction(self.db):
            self.db.execute(
                f"INSERT INTO {ranks} (rowid, node) SELECT row_number() OVER (ORDER BY "
                f"n.article, n.lo, n.stop) - 1, n.id FROM {passages}"
            )
            self.db.execute(f"CREATE INDEX {ranks}_node ON {ranks} (node)")
        (count,) = self.db.execute(f"SELECT COUNT(*) FROM {ranks}").fetchone()
        return int(count)

    def _roots(self, members: str) -> Iterator[int]:
        """The names of the groups of table *members*, in order (read a page at a time, so
        that no statement is left open while a group is split a level down)."""
        last = -1
        while True:
            page = [
                root
                for (root,) in self.db.execute(
                    f"SELECT DISTINCT root FROM {members} WHERE root > ? ORDER BY root LIMIT 1000",
                    (last,),
                )
            ]
            if not page:
                return
            yield from page
            last = page[-1]

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
        with scratch(self.path), _transaction(self.db):
            cursor = self.db.execute("INSERT INTO kept (blob) VALUES (?)", (blob,))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def kept(self, number: int) -> Group:
        """A group written aside by ``keep``."""
        (blob,) = self.db.execute("SELECT blob FROM kept WHERE id = ?", (number,)).fetchone()
        group: Group = pickle.loads(blob)  # our own temporary file
        return group

    def _group(self, members: str, root: int) -> Group:
        """One group of table *members*: each pair, with the passages its joins bring."""
        joins: dict[int, list[int]] = {}
        rows = self.db.execute(
            f"SELECT pair, seq FROM {members} WHERE root = ? ORDER BY pair, seq", (root,)
        )
        for pair, seq in rows.fetchall():
            joins.setdefault(pair, []).append(seq)
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


def _joins_of(level: int) -> str:
    """The joins of the pairs grouped at *level*, as SQL that names each ``j``: at level 0
    every pair's, read from the table itself; below, those of table ``chosen{level}``."""
    if level == 0:
        return "joins AS j"
    return f"chosen{level} AS c CROSS JOIN joins AS j ON j.pair = c.pair"


def _union_all(db: sqlite3.Connection, joins: str, ranks: str, parent: array[int]) -> None:
    """Join the passages each of the *joins* (``_joins_of``) joins, and those of one article
    that overlap by ``OVERLAP`` of the shorter (``links.group_pairs``), by their ranks."""
    rows = db.execute(
        f"SELECT x.rowid, y.rowid FROM {joins} "
        f"CROSS JOIN {ranks} AS x ON x.node = j.one CROSS JOIN {ranks} AS y ON y.node = j.two"
    )
    for one, two in rows:
        _union(parent, one, two)
    article: int | None = None
    ordered: list[tuple[int, int, int]] = []
    rows = db.execute(
        f"SELECT r.rowid, n.article, n.lo, n.stop FROM {ranks} AS r CROSS JOIN node AS n "
        "ON n.id = r.node ORDER BY r.rowid"
    )
    for position, owner, lo, stop in rows:
        if owner != article:
            _overlaps(parent, ordered)
            article, ordered = owner, []
        ordered.append((position, lo, stop))
    _overlaps(parent, ordered)


def _overlaps(parent: array[int], ordered: list[tuple[int, int, int]]) -> None:
    """Join the passages of one article (rank, lo, stop, in order) that overlap enough.

    Two passages already in one set are not measured (joining them changes nothing), and a
    set is named by its smallest member whatever the order of the joins, so the sets are
    those that measuring every pair gives."""
    count = len(ordered)
    for x in range(count):
        node, lo, stop = ordered[x]
        length = stop - lo
        root = _find(parent, node)
        for y in range(x + 1, count):  # by index: a slice per passage copies quadratically
            other, other_lo, other_stop = ordered[y]
            if other_lo >= stop:
                break
            if parent[other] == root:  # joined already, seen without a call: the usual case
                continue
            other_root = _find(parent, other)
            if other_root == root:
                continue
            shorter = length if length < other_stop - other_lo else other_stop - other_lo
            end = stop if stop < other_stop else other_stop
            if end - other_lo >= OVERLAP * shorter:
                if root < other_root:
                    parent[other_root] = root
                else:
                    parent[root] = other_root
                    root = other_root


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
