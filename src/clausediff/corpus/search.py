"""Search an index for the articles whose language a clause shares, ranked and explained.

1. Every shingle of the query (three words, or four characters of Chinese or Japanese; see
   ``shingles``) is looked up, however common: an article that shares any run of three
   words with the query can be found, whatever its length.
2. Candidates are scored exactly, best upper bound first, until no other article can rank
   (``ranking``): the shared passages (greedy string tiling, as in ``compare``) and the
   rarity, in bits, of the language they hold (``scoring``). Rarer language ranks higher,
   so boilerplate sinks rather than vanishing.
3. Chronology. ``before`` and ``after`` keep only texts surely signed in that range (a text
   of unknown date is left out, and counted). Without them, when the query's whole text (90%
   of its rare language) stands in dated articles of the index and that is no coincidence
   (a p-value below ``ORIGIN_P``), the earliest of them is the query's own text: a text
   signed after it more likely took the language from the query than gave it, so its rank
   value is halved, and earlier texts that share nearly as much rank first.
4. Significance (``significance``): each hit's bit score and p-value, which depend on the
   two texts only, and its E-value, the expected number of articles of an index this size
   that would share this much with the query by chance.

Ties on the rank value are broken by date (earlier first), then by document name and
article order, so results are deterministic.
"""

from __future__ import annotations

import sqlite3

import attrs

from clausediff.corpus import storage
from clausediff.corpus.documents import DateRange, Documents
from clausediff.corpus.ranking import Candidates, top_articles
from clausediff.corpus.scoring import Coverage, Weights, passages, weighed_keys
from clausediff.corpus.shingles import keyed_text, shingles, windows
from clausediff.corpus.significance import Model
from clausediff.model import DocumentId, Span

__all__ = [
    "LATER",
    "ORIGIN_P",
    "CommonPhrase",
    "Hit",
    "Origin",
    "SearchPassage",
    "SearchResult",
    "search_index",
]

ORIGIN_SHARE = 0.9
ORIGIN_P = 1e-4
LATER = 0.5
COMMON_SHARE = 0.05  # a phrase held by more of the articles is named as common
COMMON_MIN = 10


@attrs.frozen
class SearchPassage:
    """A passage the query shares with a hit: its text (the hit's wording), both spans, its
    length in tokens and the rarity of its language in bits."""

    text: str
    query: Span
    document: Span
    words: int
    bits: float = 0.0


@attrs.frozen(repr=False)
class Hit:
    """One article that shares language with the query.

    ``document`` is the document's id, ``article`` the article's canonical number, ``ref``
    its unique ref, ``label`` its heading as printed; ``span`` is the compared text's place in
    the document. ``score`` (0-100) is the share of the smaller text, weighted by rarity,
    that lies in shared passages; ``bits`` the bit score, ``pvalue`` the chance that two
    unrelated texts of these lengths share this much, ``evalue`` the expected number of
    articles of this index that would share this much by chance. ``signed`` is the
    document's date; ``later`` says the hit was ranked down as later than the query's text;
    ``text`` is the compared text (``span`` in the document). ``source``, ``page`` (the
    printed page the article starts on, for a paged source) and ``complete`` (``False`` for
    a partial copy) are what a citation needs.
    """

    document: str
    article: str
    label: str
    score: float
    span: Span
    shared: tuple[SearchPassage, ...]
    bits: float
    pvalue: float
    evalue: float
    document_title: str | None = None
    ref: str = attrs.field(default=attrs.Factory(lambda self: self.article, takes_self=True))
    signed: str | None = None
    later: bool = False
    text: str = attrs.field(default="", repr=False)
    source: str | None = None
    page: str | None = None
    complete: bool | None = None

    def __repr__(self) -> str:
        return (
            f"<Hit {self.document} {' '.join(self.label.split())}: weighted coverage "
            f"{self.score:.1f}, bits {self.bits:.1f}, p {self.pvalue:.2g}>"
        )

    @property
    def start(self) -> int:
        """Where the compared text begins in its document (``span.start``)."""
        return self.span.start

    @property
    def end(self) -> int:
        """Where the compared text ends in its document (``span.end``)."""
        return self.span.end


@attrs.frozen
class CommonPhrase:
    """A phrase of the query that many articles of the index hold."""

    text: str
    articles: int


@attrs.frozen
class Origin:
    """The dated article that holds the query's whole text, earliest first."""

    document: str
    ref: str
    label: str
    signed: str


@attrs.frozen(repr=False)
class SearchResult:
    """The ranked hits of one query; ``id`` is the query's id in a batch, if it has one.

    ``index`` names the index searched; ``before``, ``after`` and ``exclude`` are the
    filters applied (``exclude``: treaty ids); ``undated`` counts the articles sharing
    language with the query that a date filter left out for want of a date; ``origin`` is
    the query's own text when it was found whole (see the module docstring); ``common``
    names the query's phrases that many articles hold; ``note`` says why nothing could be
    found, when that is so.
    """

    query: str
    hits: tuple[Hit, ...]
    id: str | None = None
    index: str | None = None
    before: str | None = None
    after: str | None = None
    exclude: tuple[str, ...] = ()
    undated: int = 0
    origin: Origin | None = None
    common: tuple[CommonPhrase, ...] = ()
    note: str | None = None

    def __repr__(self) -> str:
        words = " ".join(self.query.split())
        query = words if len(words) <= 40 else words[:39].rstrip() + "…"
        found = f"{len(self.hits)} hit{'s' * (len(self.hits) != 1)}"
        return f"<SearchResult {query!r}: {found} in {self.index or 'an index'}>"

    def _repr_html_(self) -> str:
        """The result in a notebook: each hit cited, with its figures and passages."""
        from clausediff.report.notebook import search_html

        return search_html(self)


@attrs.frozen
class Query:
    """A search's question: the text, how many hits, and the filters."""

    text: str
    top: int = 10
    exclude: tuple[str, ...] = ()
    dates: DateRange = attrs.field(factory=DateRange)
    id: str | None = None


def search_index(
    db: sqlite3.Connection,
    query: Query,
    documents: Documents,
    model: Model,
    *,
    index: str | None = None,
) -> SearchResult:
    """Rank the indexed articles that share language with *query* (module docstring).

    *documents* is the index's document table and *model* its significance model (read in
    the same snapshot as the search, by the caller); *index* names the index in the result.
    A search never writes.
    """
    excluded = tuple(sorted({DocumentId.parse(e).treaty for e in query.exclude}))
    result = SearchResult(
        query.text, (), query.id, index, query.dates.before, query.dates.after, excluded
    )
    keyed = keyed_text(query.text)
    if not any(True for _ in windows(keyed.keys)):
        return attrs.evolve(result, note="the query has fewer than three words")
    articles, _ = storage.counts(db)
    weights = Weights(storage.document_frequencies(db, weighed_keys(keyed)), articles)
    candidates = Candidates(db, keyed, weights)
    origin = None if query.dates else _origin(candidates, documents, model)
    undated: set[int] = set()

    def value(article: int, shared: Coverage) -> float | None:
        row = documents.of_article(article)
        if row is None or row.treaty in excluded:
            return None
        if not query.dates.holds(row.signed):
            if row.signed is None:
                undated.add(article)
            return None
        later = origin is not None and row.signed is not None and row.signed > origin.signed
        return shared.rank * (LATER if later else 1.0)

    def order(article: int, found: float) -> tuple[object, ...]:
        row = documents.of_article(article)
        assert row is not None
        return (-found, row.signed or "9999", row.name, article)

    top = top_articles(candidates, query.top, value, order)
    hits = _hits(db, candidates, top, (documents, model, weights), origin)
    return attrs.evolve(
        result,
        hits=hits,
        undated=len(undated),
        origin=origin,
        common=_common(candidates, query.text, articles),
    )


def _origin(candidates: Candidates, documents: Documents, model: Model) -> Origin | None:
    """The earliest dated article that holds the query whole, when that is no coincidence."""
    whole = candidates.weight((1 << len(candidates.token_weights)) - 1)
    floor = ORIGIN_SHARE * whole.rank
    m = len(candidates.query.keys)
    if floor <= 0 or model.pvalue(ORIGIN_SHARE * whole.shared, m, m) > ORIGIN_P:
        return None
    if candidates.unseen_bound() >= floor:
        return None  # made of common phrases: not a text of its own
    best: tuple[str, str, int] | None = None
    for article, shared in candidates.score_above(floor).items():
        row = documents.of_article(article)
        if shared.rank < floor - 1e-9 or row is None or row.signed is None:
            continue
        if best is None or (row.signed, row.name, article) < best:
            best = (row.signed, row.name, article)
    if best is None:
        return None
    signed, name, article = best
    found = storage.articles(candidates.db, [article])[article]
    return Origin(name, found.ref, found.label, signed)


def _hits(
    db: sqlite3.Connection,
    candidates: Candidates,
    top: list[tuple[int, float]],
    tables: tuple[Documents, Model, Weights],
    origin: Origin | None,
) -> tuple[Hit, ...]:
    """The hits of the top articles, with their passages (found on their texts, for their
    offsets) and significance."""
    documents, model, weights = tables
    keyed = candidates.query
    rows = storage.articles(db, [article for article, _ in top])
    texts = {
        a: keyed_text(r.text, r.start, [Span(x, y) for x, y in r.furniture])
        for a, r in rows.items()
    }
    words = {key for text in texts.values() for key in text.keys} | set(keyed.keys)
    masses = Weights(storage.document_frequencies(db, words), weights.articles)
    query_mass = masses.mass(keyed.keys)
    hits = []
    for article, _ in top:
        row, text = rows[article], texts[article]
        found = candidates.exact[article]
        shared = found.shared
        document = documents.of_article(article)
        assert document is not None
        small = min(query_mass, masses.mass(text.keys))
        shown = tuple(
            SearchPassage(
                _quote(row, text.span(p.ra, p.rb)),
                keyed.span(p.la, p.lb),
                text.span(p.ra, p.rb),
                p.lb - p.la,
                round(p.bits, 1),
            )
            for p in passages(keyed, text, weights)
        )
        later = origin is not None and (document.signed or "") > origin.signed
        hits.append(
            Hit(
                document.name,
                row.number,
                row.label,
                round(min(100.0, 100.0 * found.plain / small) if small > 0 else 0.0, 1),
                Span(row.start, row.end),
                shown,
                round(model.bits(shared), 1),
                model.pvalue(shared, len(keyed.keys), row.tokens),
                min(float(weights.articles), model.evalue(shared, len(keyed.keys))),
                document.title,
                row.ref,
                document.signed,
                later,
                row.text,
                document.source,
                row.page,
                document.complete,
            )
        )
    return tuple(hits)


def _quote(row: storage.ArticleRow, span: Span) -> str:
    return row.text[span.start - row.start : span.end - row.start]


def _common(candidates: Candidates, text: str, articles: int) -> tuple[CommonPhrase, ...]:
    """The query's phrases held by many articles (at most three, commonest first)."""
    threshold = max(COMMON_MIN, COMMON_SHARE * articles)
    counts = candidates.frequencies()
    query = candidates.query
    found: dict[str, int] = {}
    for shingle in shingles(query):
        n = counts.get(shingle.fingerprint, 0)
        if n >= threshold:
            span = query.span(shingle.lo, shingle.stop)
            phrase = " ".join(text[span.start : span.end].split())
            found[phrase] = max(found.get(phrase, 0), n)
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    return tuple(CommonPhrase(phrase, n) for phrase, n in ranked[:3])
