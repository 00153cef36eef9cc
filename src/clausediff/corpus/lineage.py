"""Lineage: the passages that articles of different treaties share, grouped into families,
each family a tree from its earliest text.

Links and passages come from ``links``: articles of different treaties (renderings of one
treaty are one treaty) that share language beyond chance, each passage joined to its copy,
connected passages one group. Here a group becomes a family:

1. Members: an article's renderings are one member. A group half of whose members are in
   a larger group joins it (two passages of the same articles are one borrowing, and a
   borrowing seen in two renderings of a treaty is one), while the family stays within
   ``links.LARGEST`` articles.
2. Members are ordered by date (undated last; texts signed the same day in name order,
   each a possible source of the next) and each but the first is linked to the earlier
   member it shares most with (its ``source``): the text it most likely came from.
3. Families are ranked by substance (``substance``: the rarity per word of the language
   they share, times the log of the strongest link's bits), except that families of final
   clauses (most members in the last tenth of their treaties: signature, ratification,
   entry into force, deposit) come after all others: boilerplate that every treaty
   carries, not a lineage.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator

import attrs

from clausediff.corpus import storage
from clausediff.corpus.documents import Documents
from clausediff.corpus.engines import Engine
from clausediff.corpus.links import LARGEST, Group, Node, Pair, linked_groups
from clausediff.corpus.partitions import Progress, unreported
from clausediff.corpus.resume import linked_store
from clausediff.corpus.significance import Model

__all__ = [
    "DEFAULT_MAX_P",
    "DEFAULT_MIN_SCORE",
    "FAMILIES",
    "GROUPING",
    "Family",
    "Lineage",
    "Link",
    "Member",
    "find_families",
]

DEFAULT_MAX_P = 1e-3
DEFAULT_MIN_SCORE = 10.0
FINAL = 0.9  # an article this far through its treaty is a final clause
#: The stages after the links are found (``partitions.PREPARING``, ``LINKING`` come first):
#: the groups made so far (how many there will be is not known), then the families made.
GROUPING = "grouping"
FAMILIES = "making families"


@attrs.frozen
class Member:
    """An article of a family: its treaty's article, in every rendering that holds it.

    ``document`` is the rendering shown, ``renderings`` every document of the treaty whose
    article is in the family; ``article`` is the canonical number, ``label`` the heading as
    printed, ``ref`` the unique ref; ``signed`` the treaty's date; ``source`` the position,
    in the family's members, of the earlier member it most likely came from (``None`` for
    a root). ``title``, ``page`` (the printed page, for a paged source), ``copy_source``
    (where the copy shown comes from) and ``complete`` (``False`` for a partial copy) are
    what a citation of the article needs."""

    document: str
    article: str
    label: str
    ref: str
    treaty: str
    signed: str | None = None
    renderings: tuple[str, ...] = ()
    source: int | None = None
    title: str | None = None
    page: str | None = None
    copy_source: str | None = None
    complete: bool | None = None


@attrs.frozen
class Link:
    """Two members that share language: positions in the family's members (``earlier``
    first in date order), the documents whose texts were compared and their articles'
    labels (earlier first), and what the two articles share (``score`` 0-100, ``bits``,
    ``pvalue``). ``titles``, ``pages``, ``sources`` and ``complete`` are, for each of the two
    documents compared, what a citation needs (a rendering compared may not be the one its
    member shows)."""

    earlier: int
    later: int
    documents: tuple[str, str]
    labels: tuple[str, str]
    score: float
    bits: float
    pvalue: float
    titles: tuple[str | None, str | None] = (None, None)
    pages: tuple[str | None, str | None] = (None, None)
    sources: tuple[str | None, str | None] = (None, None)
    complete: tuple[bool | None, bool | None] = (None, None)


@attrs.frozen(repr=False)
class Family:
    """Passages linked by shared language, directly or through one another, earliest member
    first; ``substance`` is what the family is ranked by, ``final_clauses`` says its members
    are mostly their treaties' last articles (module docstring)."""

    members: tuple[Member, ...]
    links: tuple[Link, ...]
    substance: float = 0.0
    final_clauses: bool = False

    @property
    def root(self) -> Member:
        """The earliest member."""
        return self.members[0]

    def __repr__(self) -> str:
        root = self.root
        return (
            f"<Family {root.document} {' '.join(root.label.split())} and "
            f"{len(self.members) - 1} more, substance {self.substance:.1f}>"
        )


@attrs.frozen(repr=False)
class Lineage:
    """The families of an index, most substantial first; iterate over it for the families.
    ``index`` names the index; ``max_p`` and ``min_score`` are the thresholds of a link."""

    families: tuple[Family, ...]
    max_p: float = DEFAULT_MAX_P
    index: str | None = None
    min_score: float = DEFAULT_MIN_SCORE

    def __iter__(self) -> Iterator[Family]:
        return iter(self.families)

    def __len__(self) -> int:
        return len(self.families)

    def __getitem__(self, index: int) -> Family:
        return self.families[index]

    def __repr__(self) -> str:
        count = len(self.families)
        return f"<Lineage {self.index or 'an index'}: {count} famil{'y' if count == 1 else 'ies'}>"

    def _repr_html_(self) -> str:
        """The families in a notebook: each member cited, with its most likely source."""
        from clausediff.report.notebook import lineage_html

        return lineage_html(self)


def find_families(
    db: sqlite3.Connection,
    documents: Documents,
    model: Model,
    *,
    max_p: float = DEFAULT_MAX_P,
    min_score: float = DEFAULT_MIN_SCORE,
    engine: Engine | None = None,
    path: str | None = None,
    in_memory: bool = False,
    progress: Progress | None = None,
) -> Lineage:
    """Families of passages that articles of different treaties share (module docstring).
    Reads in the caller's snapshot. The pairs are found a range of articles at a time
    (``partitions``), with *engine* and the index file's *path* on the engine's processes,
    and gathered in a temporary file (``linkstore``): this process holds the families, not
    every linked pair. A lineage of an index file that stops before its end leaves that
    work for the next run of the same lineage to go on with (``resume``). *in_memory*:
    every pair found at once and held in memory, as lineage did before (the same families;
    for comparison). *progress*, when given, is told how far each stage has gone
    (``partitions.Progress``; not told in memory).

    Raises:
        IndexFileError: the index changed while the engine's tasks read it.
        ClusterError: the engine's processes went away.
    """
    if in_memory:
        return _families_in_memory(db, documents, model, max_p, min_score)
    tell = progress or unreported
    thresholds = (max_p, min_score)
    with linked_store(db, documents, model, thresholds, tell, engine=engine, path=path) as store:
        kept: list[tuple[frozenset[tuple[str, str]], int]] = []
        for group in store.groups(min_score):
            ids = {i for pair, _ in group for i in (pair.a, pair.b)}
            rows = storage.articles(db, ids)
            members = frozenset(_key(i, rows, documents) for i in ids)
            kept.append((members, store.keep(group)))
            if len(kept) % 1000 == 0:
                tell(GROUPING, len(kept), None)
        tell(GROUPING, len(kept), len(kept))
        families = []
        merged = _merged(kept)
        for n, numbers in enumerate(merged, 1):
            group = [item for number in numbers for item in store.kept(number)]
            rows = storage.articles(db, {i for pair, _ in group for i in (pair.a, pair.b)})
            weights = store.weights({node for _, nodes in group for node in nodes})
            families.append(_family(group, rows, documents, weights))
            if n % 100 == 0 or n == len(merged):
                tell(FAMILIES, n, len(merged))
    families.sort(key=lambda f: (f.final_clauses, -f.substance, f.root.treaty, f.root.ref))
    return Lineage(tuple(families), max_p, min_score=min_score)


def _merged(groups: list[tuple[frozenset[tuple[str, str]], int]]) -> list[list[int]]:
    """The groups (their members and numbers) made families: a group half of whose members
    are in a larger one joins the first such (module docstring), found through an index
    of members rather than by trying every family."""
    merged: list[tuple[set[tuple[str, str]], list[int]]] = []
    holding: dict[tuple[str, str], list[int]] = {}
    for members, number in sorted(groups, key=lambda item: (-len(item[0]), sorted(item[0]))):
        for at in sorted({at for key in members for at in holding.get(key, ())}):
            known, into = merged[at]
            if 2 * len(members & known) >= len(members) and len(members | known) <= LARGEST:
                for key in members - known:
                    holding.setdefault(key, []).append(at)
                known |= members
                into.append(number)
                break
        else:
            for key in members:
                holding.setdefault(key, []).append(len(merged))
            merged.append((set(members), [number]))
    return [numbers for _, numbers in merged]


def _families_in_memory(
    db: sqlite3.Connection, documents: Documents, model: Model, max_p: float, min_score: float
) -> Lineage:
    """``find_families`` with every pair in memory at once (how lineage was found before
    ``linkstore``)."""
    groups, weights = linked_groups(db, documents, model, max_p, min_score)
    rows = storage.articles(
        db, {i for group in groups for pair, _ in group for i in (pair.a, pair.b)}
    )
    keyed = [
        (frozenset(_key(i, rows, documents) for pair, _ in g for i in (pair.a, pair.b)), g)
        for g in groups
    ]
    merged: list[tuple[set[tuple[str, str]], Group]] = []
    for members, group in sorted(keyed, key=lambda item: (-len(item[0]), sorted(item[0]))):
        for known, into in merged:
            overlap = len(members & known)
            if 2 * overlap >= len(members) and len(members | known) <= LARGEST:
                known |= members
                into.extend(group)
                break
        else:
            merged.append((set(members), list(group)))
    families = [_family(group, rows, documents, weights) for _, group in merged]
    families.sort(key=lambda f: (f.final_clauses, -f.substance, f.root.treaty, f.root.ref))
    return Lineage(tuple(families), max_p, min_score=min_score)


def _key(
    article: int, rows: dict[int, storage.ArticleRow], documents: Documents
) -> tuple[str, str]:
    """The member an article stands for: its treaty and ref."""
    document = documents.of_article(article)
    assert document is not None
    return document.treaty, rows[article].ref


def _family(
    group: Group,
    rows: dict[int, storage.ArticleRow],
    documents: Documents,
    weights: dict[Node, float],
) -> Family:
    """One family: its members in date order, each with its source, and its links."""
    member_of = {i: _key(i, rows, documents) for pair, _ in group for i in (pair.a, pair.b)}
    order, shown = _members(group, member_of, documents)
    position = {key: n for n, key in enumerate(order)}
    links = _links(group, member_of, position, rows, documents)
    sources: dict[int, int] = {}
    for link in links:  # the strongest first for each later member
        sources.setdefault(link.later, link.earlier)
    members = []
    for n, key in enumerate(order):
        article, renderings = shown[key]
        document = documents.of_article(article)
        assert document is not None
        row = rows[article]
        members.append(
            Member(
                document.name,
                row.number,
                row.label,
                row.ref,
                key[0],
                document.signed,
                tuple(sorted(renderings)),
                sources.get(n),
                document.title,
                row.page,
                document.source,
                document.complete,
            )
        )
    final = _final_clauses([article for article, _ in shown.values()], documents)
    return Family(tuple(members), tuple(links), _substance(group, links, weights), final)


def _final_clauses(articles: list[int], documents: Documents) -> bool:
    """Whether most of these articles stand in the last tenth of their treaty (signature,
    ratification, entry into force, deposit: the final clauses)."""
    late = 0
    for article in articles:
        document = documents.of_article(article)
        assert document is not None
        span = document.last - document.first
        if span > 0 and (article - document.first) / span >= FINAL:
            late += 1
    return 2 * late > len(articles)


def _members(
    group: Group, member_of: dict[int, tuple[str, str]], documents: Documents
) -> tuple[list[tuple[str, str]], dict[tuple[str, str], tuple[int, set[str]]]]:
    """The members (treaty, ref) in date order, each with the article shown (that of its
    strongest link) and its renderings."""
    best: dict[tuple[str, str], tuple[float, int]] = {}
    renderings: dict[tuple[str, str], set[str]] = {}
    for pair, _ in group:
        for i in (pair.a, pair.b):
            key = member_of[i]
            document = documents.of_article(i)
            assert document is not None
            renderings.setdefault(key, set()).add(document.name)
            if key not in best or (pair.bits, -i) > (best[key][0], -best[key][1]):
                best[key] = (pair.bits, i)
    signed = {}
    for key, (_, i) in best.items():
        document = documents.of_article(i)
        assert document is not None
        signed[key] = document.signed
    order = sorted(best, key=lambda k: (signed[k] is None, signed[k] or "", k))
    return order, {key: (best[key][1], renderings[key]) for key in order}


def _links(
    group: Group,
    member_of: dict[int, tuple[str, str]],
    position: dict[tuple[str, str], int],
    rows: dict[int, storage.ArticleRow],
    documents: Documents,
) -> list[Link]:
    """The family's links between members (the strongest pair of renderings of each two),
    ordered by later member, then strength."""
    strongest: dict[tuple[int, int], Pair] = {}
    for pair, _ in group:
        first, second = sorted((position[member_of[pair.a]], position[member_of[pair.b]]))
        if (first, second) not in strongest or pair.bits > strongest[(first, second)].bits:
            strongest[(first, second)] = pair
    links = []
    for (earlier, later), pair in strongest.items():
        a, b = (pair.a, pair.b) if position[member_of[pair.a]] == earlier else (pair.b, pair.a)
        older, newer = documents.of_article(a), documents.of_article(b)
        assert older is not None
        assert newer is not None
        links.append(
            Link(
                earlier, later, (older.name, newer.name), (rows[a].label, rows[b].label),
                pair.score, pair.bits, pair.pvalue,
                titles=(older.title, newer.title), pages=(rows[a].page, rows[b].page),
                sources=(older.source, newer.source),
                complete=(older.complete, newer.complete),
            )
        )  # fmt: skip
    links.sort(key=lambda link: (link.later, -link.bits, link.earlier))
    return links


def _substance(group: Group, links: list[Link], weights: dict[Node, float]) -> float:
    """Bits per word of the family's passages, times the log of the strongest link's bits."""
    nodes = {node for _, brought in group for node in brought}
    bits = sum(weights[node] for node in nodes)
    words = sum(stop - lo for _, lo, stop in nodes)
    density = bits / words if words else 0.0
    strongest = max((link.bits for link in links), default=0.0)
    return round(density * math.log2(2 + max(0.0, strongest)), 1)
