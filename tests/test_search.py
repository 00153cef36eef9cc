"""Search over an index: complete recall, exact ranking, chronology, filters, the CLI command."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausediff.cli import main
from clausediff.corpus import storage
from clausediff.corpus.facade import Corpus
from clausediff.corpus.scoring import Weights, prefix_weights, run_bits, runs, shingled
from clausediff.corpus.search import SearchResult
from clausediff.corpus.shingles import keyed_keys, keyed_text
from clausediff.match.compare import Clause
from clausediff.match.tokens import word_tokens
from clausediff.parse.document import parse_document
from clausediff.report.search_json import search_to_dict
from tests.cli import run

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
USSR_1 = "shall immediately extend military and other assistance with all the means at its disposal"
NOTHING = "zebra quantum xylophone marmalade"
NATO_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North "
    "America shall be considered an attack against them all and consequently they agree that, "
    "if such an armed attack occurs, each of them will assist the Party or Parties so attacked"
)
ANZUS_IV = (
    "Each Party recognizes that an armed attack in the Pacific Area on any of the Parties "
    "would be dangerous to its own peace and safety"
)
PRC_II_SIMPLIFIED = "缔约另一方应立即尽其全力给予军事及其他援助"
QUERIES = (USSR_1, NATO_5, ANZUS_IV, "the Security Council", "maintenance of international peace")

# every test runs in an empty directory: no ./clausediff.sqlite is found by default
pytestmark = pytest.mark.usefixtures("in_empty_directory")


@pytest.fixture(scope="module")
def bundled() -> Iterator[Corpus]:
    """The bundled corpus, indexed once for the module."""
    with Corpus.bundled() as corpus:
        yield corpus


def _file_text(document: str) -> str:
    return (CORPORA / f"{document}.txt").read_bytes().decode("utf-8")


def _as_json(result: SearchResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(search_to_dict(result)))
    return data


# --- ranking and explanation ----------------------------------------------------------------


def test_ussr_article_1_ranks_first(bundled: Corpus) -> None:
    """The 1961 USSR-DPRK assistance clause finds its own Article 1 first, whole and dated."""
    hits = bundled.search(USSR_1).hits
    top = hits[0]
    assert (top.document, top.article, top.label) == ("ussr-dprk-1961.en", "1", "Article 1")
    assert top.score == 100.0
    assert top.signed == "1961-07-06"
    assert top.document_title is not None
    assert "Union of Soviet Socialist Republics" in top.document_title
    assert top.bits > hits[1].bits
    assert top.pvalue < 1e-3
    assert top.evalue < 0.05


def test_shared_passages_quote_document_and_query(bundled: Corpus) -> None:
    """Each shared passage's spans quote the document file and the query at the same words."""
    top = bundled.search(USSR_1).hits[0]
    text = _file_text("ussr-dprk-1961.en")
    assert len(top.shared) == 1
    passage = top.shared[0]
    assert passage.text == (
        "shall immediately extend\nmilitary and other assistance with all the means at its disposal"
    )
    assert text[passage.document.start : passage.document.end] == passage.text
    assert (passage.query.start, passage.query.end) == (0, len(USSR_1))
    assert passage.words == 14
    assert top.start <= passage.document.start < passage.document.end <= top.end
    assert top.text == text[top.start : top.end]


@pytest.mark.parametrize("query", [USSR_1, NATO_5, ANZUS_IV, "the Security Council"])
def test_every_passage_quotes_both_texts(bundled: Corpus, query: str) -> None:
    """For every hit, passage text is the document slice and has the query slice's keys."""
    for hit in bundled.search(query).hits:
        text = _file_text(hit.document)
        for passage in hit.shared:
            assert text[passage.document.start : passage.document.end] == passage.text
            quoted = query[passage.query.start : passage.query.end]
            assert keyed_text(quoted).collapsed == keyed_text(passage.text).collapsed
            assert passage.words >= 3


def test_hit_span_is_the_compared_article_text(bundled: Corpus) -> None:
    """A hit's start and end delimit its article's compared text in the document."""
    for hit in bundled.search(NATO_5).hits:
        text = _file_text(hit.document)
        document = parse_document(text, id=hit.document)
        clause = Clause.from_article(document, document.article(hit.ref))
        assert (hit.start, hit.end) == (clause.start, clause.end)
        assert text[hit.start : hit.end] == clause.text


def test_no_match_is_an_empty_result(bundled: Corpus) -> None:
    """A query sharing nothing returns no hits; one too short to share a run says so."""
    result = bundled.search(NOTHING)
    assert (result.hits, result.note, result.index) == ((), None, "the bundled corpus")
    short = bundled.search("armed attack")
    assert short.hits == ()
    assert short.note == "the query has fewer than three words"
    assert bundled.search("   ").note == "the query has fewer than three words"


@pytest.mark.parametrize("query", QUERIES)
def test_hits_ranked_and_figures_in_range(bundled: Corpus, query: str) -> None:
    """Hits come by rarity shared (among the texts later than the query's own, and among
    the others); figures are in range."""
    hits = bundled.search(query, top=50).hits
    assert hits
    for later in (False, True):
        bits = [hit.bits for hit in hits if hit.later is later]
        assert bits == sorted(bits, reverse=True)
    for hit in hits:
        assert 0 < hit.score <= 100
        assert 0 < hit.pvalue <= 1
        assert hit.evalue > 0
        assert hit.shared


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("top", [1, 2, 3, 7])
def test_top_never_changes_the_first_hits(bundled: Corpus, query: str, top: int) -> None:
    """Asking for more hits never changes the first ones: the ranking is exact."""
    assert bundled.search(query, top=top).hits == bundled.search(query, top=50).hits[:top]


def _brute_force(corpus: Corpus, result: SearchResult) -> list[tuple[str, str]]:
    """The hits' order found by scoring every article of the index one by one (no bounds):
    the rank value (halved for a text later than the query's own), then date, name, id."""
    keyed = keyed_text(result.query)
    text = shingled(keyed)
    articles, _ = storage.counts(corpus.db)
    weights = Weights(storage.document_frequencies(corpus.db, set(keyed.keys)), articles)
    prefix = prefix_weights(keyed, weights)
    documents, _ = corpus._tables()
    ranked = []
    for article, keys in storage.article_keys(corpus.db, range(1, 10_000)).items():
        other = shingled(keyed_keys(keys))
        covered = run_bits(runs(text, text.prints & other.prints), prefix)
        document = documents.of_article(article)
        assert document is not None
        if covered.plain <= 0 or document.treaty in result.exclude:
            continue
        later = result.origin is not None and (document.signed or "") > result.origin.signed
        value = covered.rank * (0.5 if later else 1.0)
        ranked.append((-round(value, 9), document.signed or "9999", document.name, article))
    ranked.sort()
    rows = storage.articles(corpus.db, [a for *_, a in ranked[:10]])
    return [(name, rows[a].ref) for _, _, name, a in ranked[:10]]


@pytest.mark.parametrize("query", QUERIES)
def test_ranking_agrees_with_scoring_every_article(bundled: Corpus, query: str) -> None:
    """The bounded search returns the top of the ranking found by scoring every article."""
    result = bundled.search(query, top=10)
    assert [(h.document, h.ref) for h in result.hits] == _brute_force(bundled, result)


def _windows() -> list[tuple[str, str, str]]:
    """Every bundled article's text, with its document and ref (for drawing windows)."""
    found = []
    for path in sorted(CORPORA.glob("*.txt")):
        try:
            document = parse_document(path.read_text(encoding="utf-8"), id=path.stem)
        except Exception:
            continue
        for article in document.articles:
            found.append((document.id, article.ref, Clause.from_article(document, article).text))
    return found


ARTICLES = _windows()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_three_word_window_finds_its_article(bundled: Corpus, data: st.DataObject) -> None:
    """A run of three words or more cut from any article brings that article back, however
    common its words (the index keeps every shingle)."""
    document, ref, text = data.draw(st.sampled_from(ARTICLES))
    tokens = word_tokens(text)
    length = data.draw(st.integers(min_value=3, max_value=8))
    if len(tokens) < length or any(len(t.key) == 1 and not t.key.isascii() for t in tokens):
        return  # too short, or Chinese (where four characters make the shortest run)
    at = data.draw(st.integers(min_value=0, max_value=len(tokens) - length))
    phrase = text[tokens[at].start : tokens[at + length - 1].end]
    hits = bundled.search(phrase, top=500).hits
    assert (document, ref) in {(h.document, h.ref) for h in hits}


def test_common_phrase_is_found_and_named(bundled: Corpus) -> None:
    """A phrase that many articles hold is still searched, its hits found and the phrase
    named with how many articles hold it."""
    result = bundled.search("maintenance of international peace and security", top=100)
    holders = {h.document for h in result.hits}
    assert "un-charter-1945.en" in holders
    charter = [h for h in result.hits if h.document == "un-charter-1945.en"]
    assert len(charter) >= 10
    assert result.common
    assert all(c.articles >= 10 for c in result.common)


def test_simplified_chinese_finds_the_traditional_print(bundled: Corpus) -> None:
    """A query in simplified characters finds PRC-DPRK 1961 Art. II, printed in traditional."""
    hits = bundled.search(PRC_II_SIMPLIFIED, top=5).hits
    found = {(h.document, h.article) for h in hits}
    assert ("prc-dprk-1961.zh-Hant", "2") in found
    (prc,) = [h for h in hits if h.document == "prc-dprk-1961.zh-Hant"]
    assert prc.score == 100.0


def test_ties_broken_by_date_name_then_article_order(tmp_path: Path) -> None:
    """Equal hits rank by date, then document name, then article order."""
    body = NATO_5 + "."
    text = f"Article 1\n\n{body}\n\nArticle 2\n\n{body}\n"
    source = tmp_path / "src"
    source.mkdir()
    path = tmp_path / "i.sqlite"
    (source / "zeta.txt").write_text(text, encoding="utf-8")
    Corpus.from_directory(source, db=path).close()  # zeta's articles get the smaller ids
    (source / "alpha.txt").write_text(text, encoding="utf-8")
    (source / "omega.txt").write_text(text, encoding="utf-8")
    (source / "catalog.toml").write_text(
        '[documents.omega]\nsigned = "1900-01-01"\n', encoding="utf-8"
    )
    with Corpus.from_directory(source, db=path) as corpus:
        hits = corpus.search(NATO_5, before="1950").hits
        assert [(h.document, h.article) for h in hits] == [("omega", "1"), ("omega", "2")]
        hits = corpus.search(NATO_5, exclude="omega").hits
        assert [(h.document, h.article) for h in hits] == [
            ("alpha", "1"), ("alpha", "2"), ("zeta", "1"), ("zeta", "2")
        ]  # fmt: skip
        assert len({h.bits for h in hits}) == 1


# --- treaties, exclusion, chronology ----------------------------------------------------------


@pytest.mark.parametrize(
    ("exclude", "gone"),
    [
        ("ussr-dprk-1961", {"ussr-dprk-1961.en"}),
        ("russia-dprk-2024", {"russia-dprk-2024.en", "russia-dprk-2024.tass.en"}),
        ("russia-dprk-2024.tass", {"russia-dprk-2024.en", "russia-dprk-2024.tass.en"}),
        ("russia-dprk-2024.tass.en", {"russia-dprk-2024.en", "russia-dprk-2024.tass.en"}),
        ("russia", set()),  # a prefix of a treaty id is not a treaty
    ],
)
def test_exclude_leaves_out_a_treaty_and_its_renderings(
    bundled: Corpus, exclude: str, gone: set[str]
) -> None:
    """`exclude` names a treaty (any of its ids): all its renderings go, nothing else."""
    full = bundled.search(USSR_1, top=50).hits
    assert gone <= {hit.document for hit in full}
    excluded = bundled.search(USSR_1, top=50, exclude=exclude).hits
    assert not gone & {hit.document for hit in excluded}
    kept = [hit for hit in full if hit.document.split(".")[0] != exclude.split(".")[0]]
    assert [(h.document, h.ref) for h in excluded] == [(h.document, h.ref) for h in kept]


def test_treaty_identity_is_not_a_prefix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--article gc-i:1` leaves out gc-i only: gc-ii, gc-iii and gc-iv are other treaties."""
    article = (
        "The High Contracting Parties undertake to respect and to ensure respect for the "
        "present Convention in all circumstances."
    )
    for name in ("gc-i.en", "gc-ii.en", "gc-iii.en", "gc-iv.en"):
        (tmp_path / f"{name}.txt").write_text(f"Article 1\n\n{article}\n", encoding="utf-8")
    status, out, err = run(
        capsys, "search", "--corpus", str(tmp_path), "--article", "gc-i:1", "--format", "json"
    )
    assert status == 0, err
    documents = [hit["document"] for hit in json.loads(out)["hits"]]
    assert documents == ["gc-ii.en", "gc-iii.en", "gc-iv.en"]


def test_cli_article_is_never_its_own_hit_and_exclude_adds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--article nato-1949:5 --exclude anzus-1951`: neither NATO nor ANZUS among the hits."""
    status, out, err = run(
        capsys, "search", "--article", "nato-1949:5", "--exclude", "anzus-1951", "--format", "json"
    )
    assert status == 0, err
    data = json.loads(out)
    documents = [hit["document"] for hit in data["hits"]]
    assert documents
    assert not any(d.startswith(("nato-1949", "anzus-1951")) for d in documents)
    assert data["filters"]["exclude"] == ["anzus-1951", "nato-1949"]


@pytest.mark.parametrize(
    ("before", "after"), [("1950", None), ("1951-08-31", "1947-09-02"), (None, "1960")]
)
def test_dates_keep_texts_signed_in_range(
    bundled: Corpus, before: str | None, after: str | None
) -> None:
    """`before` and `after` keep only texts surely signed in the range, dates inclusive."""
    result = bundled.search(NATO_5, top=50, before=before, after=after)
    assert result.hits
    for hit in result.hits:
        assert hit.signed is not None
        if before:
            assert hit.signed <= (before + "-12-31" if len(before) == 4 else before)
        if after:
            assert hit.signed >= (after + "-01-01" if len(after) == 4 else after)
    assert (result.before, result.after) == (before, after)


def test_sources_of_the_flagship(capsys: pytest.CaptureFixture[str]) -> None:
    """`--article russia-dprk-2024:4 --sources` ranks USSR-DPRK 1961 Art. 1 first and shows
    only earlier texts, each with its date."""
    status, out, err = run(capsys, "search", "--article", "russia-dprk-2024:4", "--sources")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "index: the bundled corpus"
    assert "filters: signed on or before 2024-06-19; leaving out russia-dprk-2024" in lines
    ranks = [line for line in lines if line[:3].strip().rstrip(".").isdigit()]
    assert ranks[0].startswith(" 1. ussr-dprk-1961.en Article 1  bits ")
    dates = re.findall(r"\(signed\s+(\d{4}-\d{2}-\d{2})\)", out)
    assert len(dates) == len(ranks)
    assert all(date < "2024-06-19" for date in dates)
    status, out, _ = run(capsys, "search", "--article", "russia-dprk-2024:4", "--sources",
                         "--format", "json")  # fmt: skip
    hits = json.loads(out)["hits"]
    assert hits[0]["document"] == "ussr-dprk-1961.en"
    assert all(hit["signed"] and hit["signed"] <= "2024-06-19" for hit in hits)


@pytest.mark.parametrize(
    "wording", ["one of the two sides", "any one of the two sides", "either of the Parties"]
)
def test_a_formula_weighs_the_same_in_every_wording(bundled: Corpus, wording: str) -> None:
    """A boilerplate variant weighs what its canonical phrase does in the index, whatever
    words the query writes ("sides" is rare, "either party" is not): the US-Philippines
    Art. III hit gets one bit score and one passage weight for each wording."""
    query = f"whenever the security of {wording} is threatened by external armed attack"
    canonical = bundled.search("whenever the security of either party is threatened by "
                               "external armed attack", top=1).hits[0]  # fmt: skip
    hit = bundled.search(query, top=1).hits[0]
    assert (hit.document, hit.label) == ("us-philippines-1951.en", "ARTICLE III")
    assert hit.bits == canonical.bits
    assert [p.bits for p in hit.shared] == [p.bits for p in canonical.shared]


def test_query_found_whole_ranks_later_texts_below(bundled: Corpus) -> None:
    """ANZUS Art. IV's text stands whole in the US-Philippines treaty, signed two days
    before: that is the query's own date, and the 1960 US-Japan copy ranks as later."""
    _, text = bundled.article_text("anzus-1951", "4")
    result = bundled.search(text, top=10, exclude="anzus-1951")
    assert result.origin is not None
    assert (result.origin.document, result.origin.ref) == ("us-philippines-1951.en", "4")
    assert result.origin.signed == "1951-08-30"
    later = {h.document: h.later for h in result.hits}
    assert later["us-japan-1960.en"] is True
    assert later["us-philippines-1951.en"] is False
    assert later["un-charter-1945.en"] is False
    assert bundled.search(text, top=10, before="1960").origin is None  # dates given: filter


# --- the command line -----------------------------------------------------------------------


def test_cli_no_match_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints the empty search schema, naming the index; exit 0."""
    status, out, err = run(capsys, "search", NOTHING, "--format", "json")
    assert status == 0, err
    assert json.loads(out) == {
        "schema": "clausediff.search/2",
        "index": "the bundled corpus",
        "query": NOTHING,
        "filters": {"before": None, "after": None, "exclude": [], "undated_left_out": 0},
        "origin": None,
        "common": [],
        "note": None,
        "hits": [],
    }


def test_cli_queries_jsonl_one_line_per_query(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Corpus
) -> None:
    """`--queries` prints one object per query, in order, with each line's own filters."""
    batch = tmp_path / "queries.jsonl"
    items: list[dict[str, Any]] = [
        {"id": "ussr", "query": USSR_1},
        {"id": 7, "query": NOTHING},
        {"id": "nato", "query": NATO_5, "before": "1950", "exclude": ["rio-1947"]},
    ]
    batch.write_text(
        json.dumps(items[0]) + "\n\n" + "\n".join(json.dumps(i) for i in items[1:]) + "\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "search", "--queries", str(batch), "--format", "json")
    assert status == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["ussr", "7", "nato"]
    assert lines[0] == _as_json(bundled.search(USSR_1, query_id="ussr"))
    assert lines[2] == _as_json(
        bundled.search(NATO_5, query_id="nato", before="1950", exclude=["rio-1947"])
    )
    assert all(hit["signed"] <= "1950-12-31" for hit in lines[2]["hits"])
    assert not any(hit["document"].startswith("rio-1947") for hit in lines[2]["hits"])


def test_library_search_many_keeps_ids_in_order(bundled: Corpus) -> None:
    """`search_many` yields one result per query, each with its id, in order."""
    results = list(bundled.search_many([("b", NATO_5), (None, NOTHING), ("a", USSR_1)], top=2))
    assert [r.id for r in results] == ["b", None, "a"]
    assert [r.query for r in results] == [NATO_5, NOTHING, USSR_1]
    assert results[2].hits == bundled.search(USSR_1, top=2).hits


@pytest.mark.parametrize(
    "bad",
    [
        "not json",
        '{"id": "x"}',
        '{"query": "armed attack"}',
        "[1, 2]",
        '"armed attack"',
        '{"id": "x", "query": "armed attack"',
        '{"id": "x", "query": "armed attack", "before": 1950}',
    ],
)
def test_cli_queries_malformed_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str
) -> None:
    """A malformed JSONL line exits 2 naming the file and line number; nothing is printed."""
    batch = tmp_path / "queries.jsonl"
    good = json.dumps({"id": "ok", "query": USSR_1})
    batch.write_text(f"{good}\n\n{bad}\n{good}\n", encoding="utf-8")
    status, out, err = run(capsys, "search", "--queries", str(batch))
    assert status == 2
    assert out == ""
    assert err.startswith(f"clausediff: error: {batch}: line 3 is not a JSON object with 'id'")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--before", "1949-13"), "'1949-13' is not a date"),
        (("--after", "soon"), "'soon' is not a date"),
        (("--before", "1940", "--after", "1950"), "no date is both on or after 1950"),
        (("--sources",), "--sources needs --article DOC:N"),
    ],
)
def test_cli_bad_dates_and_sources_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    """A date that is not one, an empty range, or --sources without --article: exit 2."""
    status, out, err = run(capsys, "search", NATO_5, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("clausediff: error: ")
    assert message in err


def test_cli_sources_of_an_undated_text_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--sources` for a text with no date is an error that says how to give one."""
    (tmp_path / "a.txt").write_text(f"Article 1\n\n{NATO_5}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"Article 1\n\n{NATO_5}\n", encoding="utf-8")
    status, _, err = run(capsys, "search", "--corpus", str(tmp_path), "--article", "a:1",
                         "--sources")  # fmt: skip
    assert status == 2
    assert "a has no date, so its sources cannot be told" in err
    assert "catalog.toml" in err


def test_cli_article_missing_lists_articles(capsys: pytest.CaptureFixture[str]) -> None:
    """`--article nato-1949:99` exits 2 and lists the articles NATO has."""
    status, out, err = run(capsys, "search", "--article", "nato-1949:99")
    assert status == 2
    assert out == ""
    numbers = ", ".join(str(n) for n in range(1, 15))
    assert (
        err == f"clausediff: error: nato-1949.en has no article 99; its articles are: {numbers}\n"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "0 is not a positive number"),
        ("-1", "-1 is not a positive number"),
        ("two", "not a whole number: 'two'"),
    ],
)
def test_cli_top_must_be_positive(
    capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    """`--top` below 1 or not a number is a usage error, exit 2."""
    with pytest.raises(SystemExit) as exc:
        main(["search", "--top", value, "armed attack"])
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("usage: clausediff search")
    assert err.splitlines()[-1] == f"clausediff: error: argument --top: {message}"


def test_cli_text_and_query_file_is_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A TEXT query together with --query-file is refused: exit 2, the query is given once."""
    query = tmp_path / "q.txt"
    query.write_text(USSR_1, encoding="utf-8")
    status, out, err = run(capsys, "search", "armed attack", "--query-file", str(query))
    assert status == 2
    assert out == ""
    assert err == (
        "clausediff: error: give the query once: TEXT or one of --query-file, --article, "
        "--queries\n"
    )


def test_cli_query_file_is_the_query(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Corpus
) -> None:
    """`--query-file F` searches with the file's text."""
    query = tmp_path / "q.txt"
    query.write_text(USSR_1, encoding="utf-8")
    status, out, err = run(capsys, "search", "--query-file", str(query), "--format", "json")
    assert status == 0, err
    assert json.loads(out) == _as_json(bundled.search(USSR_1))


def test_cli_corpus_dir_is_searched_and_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`--corpus DIR` indexes DIR in memory, searches only it, and says so."""
    source = tmp_path / "texts"
    source.mkdir()
    for name in ("anzus-1951.en", "us-philippines-1951.en"):
        shutil.copyfile(CORPORA / f"{name}.txt", source / f"{name}.txt")
    status, out, err = run(capsys, "search", "--corpus", str(source), ANZUS_IV, "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert {hit["document"] for hit in data["hits"]} == {"anzus-1951.en", "us-philippines-1951.en"}
    assert data["index"] == f"{source} (indexed in memory)"


def test_cli_index_then_search_in_the_same_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`clausediff index DIR` then `clausediff search ...` in the same directory searches the
    user's own index, and every output says so."""
    source = tmp_path / "mine"
    source.mkdir()
    (source / "draft.txt").write_text(f"Article 1\n\n{ANZUS_IV} (draft)\n", encoding="utf-8")
    assert run(capsys, "index", str(source))[0] == 0
    assert (tmp_path / "clausediff.sqlite").is_file()
    status, out, err = run(capsys, "search", ANZUS_IV)
    assert status == 0, err
    assert out.startswith("index: clausediff.sqlite\n")
    assert " 1. draft Article 1  bits " in out
    status, out, _ = run(capsys, "search", ANZUS_IV, "--format", "json")
    assert json.loads(out)["index"] == "clausediff.sqlite"
    status, out, _ = run(capsys, "lineage", "--format", "json")
    assert json.loads(out)["index"] == "clausediff.sqlite"
