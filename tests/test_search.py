"""Search and lineage over an index: ranking, explanations, determinism, the CLI commands."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clausediff.cli import main
from clausediff.corpus.facade import Corpus
from clausediff.corpus.lineage import Family, Lineage, Member
from clausediff.corpus.search import SearchResult
from clausediff.match.compare import Clause
from clausediff.match.tokens import word_keys
from clausediff.parse.document import parse_document
from clausediff.report.json import lineage_to_dict, search_to_dict

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
QUERIES = (USSR_1, NOTHING, NATO_5, ANZUS_IV, "the Security Council", "armed attack")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


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
    """The 1961 USSR-DPRK assistance clause finds its own Article 1 first, with score 100."""
    hits = bundled.search(USSR_1).hits
    top = hits[0]
    assert (top.document, top.article, top.label) == ("ussr-dprk-1961.en", "1", "Article 1")
    assert top.score == 100.0
    assert top.percentile >= 99.0
    assert top.zscore > 3
    assert all(hit.score < 100.0 for hit in hits[1:])
    assert top.document_title is not None
    assert "Union of Soviet Socialist Republics" in top.document_title


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


@pytest.mark.parametrize("query", [USSR_1, NATO_5, ANZUS_IV, "the Security Council"])
def test_every_passage_quotes_both_texts(bundled: Corpus, query: str) -> None:
    """For every hit, passage text is the document slice and has the query slice's words."""
    for hit in bundled.search(query).hits:
        text = _file_text(hit.document)
        for passage in hit.shared:
            assert text[passage.document.start : passage.document.end] == passage.text
            quoted = query[passage.query.start : passage.query.end]
            assert word_keys(quoted) == word_keys(passage.text)  # boilerplate variants are one
            assert passage.words >= 3


def test_hit_span_is_the_compared_article_text(bundled: Corpus) -> None:
    """A hit's start and end delimit its article's compared text in the document."""
    for hit in bundled.search(NATO_5).hits:
        text = _file_text(hit.document)
        document = parse_document(text, id=hit.document)
        clause = Clause.from_article(document, document.article(hit.article))
        assert (hit.start, hit.end) == (clause.start, clause.end)
        assert text[hit.start : hit.end] == clause.text


def test_no_match_is_an_empty_result(bundled: Corpus) -> None:
    """A query sharing nothing with the corpus returns no hits, not an error."""
    assert bundled.search(NOTHING) == SearchResult(NOTHING, ())
    assert bundled.search("   ").hits == ()


def test_cli_no_match_json(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints the empty search schema for a query that matches nothing; exit 0."""
    status, out, err = run(capsys, "search", NOTHING, "--format", "json")
    assert status == 0, err
    assert json.loads(out) == {"schema": "clausediff.search/1", "hits": []}


@pytest.mark.parametrize("query", QUERIES)
def test_hits_sorted_and_percentiles_in_range(bundled: Corpus, query: str) -> None:
    """Hits come by score, highest first; scores and percentiles lie within 0-100."""
    hits = bundled.search(query, top=50).hits
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < hit.score <= 100 for hit in hits)
    assert all(0 <= hit.percentile <= 100 for hit in hits)


def test_top_limits_the_hits(bundled: Corpus) -> None:
    """`top` keeps the best hits of the full ranking."""
    full = bundled.search(NATO_5, top=50).hits
    assert len(full) > 3
    assert bundled.search(NATO_5, top=3).hits == full[:3]


# --- determinism ----------------------------------------------------------------------------


def test_same_query_same_result(bundled: Corpus) -> None:
    """The same query twice, and on a second index of the same texts, gives equal results."""
    first = bundled.search(NATO_5)
    assert bundled.search(NATO_5) == first
    with Corpus.bundled() as again:
        assert again.search(NATO_5) == first


def test_ties_broken_by_name_then_article_order(tmp_path: Path) -> None:
    """Equal scores rank by document name, then article order, whatever the indexing order."""
    body = NATO_5 + "."
    text = f"Article 1\n\n{body}\n\nArticle 2\n\n{body}\n"
    source = tmp_path / "src"
    source.mkdir()
    path = tmp_path / "i.sqlite"
    (source / "zeta.txt").write_text(text, encoding="utf-8")
    Corpus.from_directory(source, db=path).close()  # zeta's articles get the smaller ids
    (source / "alpha.txt").write_text(text, encoding="utf-8")
    with Corpus.from_directory(source, db=path) as corpus:
        hits = corpus.search(NATO_5).hits
        assert [(h.document, h.article) for h in hits] == [
            ("alpha", "1"), ("alpha", "2"), ("zeta", "1"), ("zeta", "2")
        ]  # fmt: skip
        assert len({h.score for h in hits}) == 1
        assert [(h.document, h.article) for h in corpus.search(NATO_5, top=1).hits] == [
            ("alpha", "1")
        ]


# --- exclude --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "gone"),
    [
        ("ussr-dprk-1961", {"ussr-dprk-1961.en"}),
        (
            "russia-dprk-2024",
            {"russia-dprk-2024.en", "russia-dprk-2024.tass.en", "russia-dprk-2024.yonhap.en"},
        ),
        ("russia-dprk-2024.tass", {"russia-dprk-2024.tass.en"}),
        ("%", set()),
    ],
)
def test_exclude_removes_a_document_prefix(bundled: Corpus, prefix: str, gone: set[str]) -> None:
    """`exclude` drops exactly the documents whose name starts with the prefix."""
    full = bundled.search(USSR_1, top=50).hits
    assert gone <= {hit.document for hit in full}
    excluded = bundled.search(USSR_1, top=50, exclude=prefix).hits
    assert excluded == tuple(hit for hit in full if not hit.document.startswith(prefix))


# --- batches and --article ------------------------------------------------------------------


def test_cli_queries_jsonl_one_line_per_query(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Corpus
) -> None:
    """`--queries` prints one search object per query, with its id, in the file's order."""
    batch = tmp_path / "queries.jsonl"
    items: list[dict[str, str | int]] = [
        {"id": "ussr", "query": USSR_1},
        {"id": 7, "query": NOTHING},
    ]
    items.append({"id": "nato", "query": NATO_5})
    batch.write_text(
        json.dumps(items[0]) + "\n\n" + "\n".join(json.dumps(i) for i in items[1:]) + "\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "search", "--queries", str(batch), "--format", "json")
    assert status == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["ussr", "7", "nato"]
    for line, item in zip(lines, items, strict=True):
        expected = _as_json(bundled.search(str(item["query"]), query_id=str(item["id"])))
        assert line == expected
    assert lines[0]["hits"][0]["document"] == "ussr-dprk-1961.en"
    assert lines[1] == {"schema": "clausediff.search/1", "id": "7", "hits": []}


def test_library_search_many_keeps_ids_in_order(bundled: Corpus) -> None:
    """`search_many` yields one result per query, each with its id, in order."""
    results = list(bundled.search_many([("b", NATO_5), (None, NOTHING), ("a", USSR_1)], top=2))
    assert [r.id for r in results] == ["b", None, "a"]
    assert [r.query for r in results] == [NATO_5, NOTHING, USSR_1]
    assert results[2].hits == bundled.search(USSR_1, top=2).hits


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        ("not json", 3),
        ('{"id": "x"}', 3),
        ('{"query": "armed attack"}', 3),
        ("[1, 2]", 3),
        ('"armed attack"', 3),
        ('{"id": "x", "query": "armed attack"', 3),
    ],
)
def test_cli_queries_malformed_line_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad: str, line: int
) -> None:
    """A malformed JSONL line exits 2 naming the file and the line number; nothing is printed."""
    batch = tmp_path / "queries.jsonl"
    good = json.dumps({"id": "ok", "query": USSR_1})
    batch.write_text(f"{good}\n\n{bad}\n{good}\n", encoding="utf-8")
    status, out, err = run(capsys, "search", "--queries", str(batch))
    assert status == 2
    assert out == ""
    assert err == (
        f"clausediff: error: {batch}: line {line} is not a JSON object with 'id' and 'query'\n"
    )


def test_cli_article_as_query_excludes_its_document(
    capsys: pytest.CaptureFixture[str], bundled: Corpus
) -> None:
    """`--article nato-1949:5` searches with NATO Article 5's text, leaving NATO out."""
    status, out, err = run(capsys, "search", "--article", "nato-1949:5", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    label, text = bundled.article_text("nato-1949", "5")
    assert label == "Article 5"
    assert data == _as_json(bundled.search(text, exclude="nato-1949"))
    documents = [hit["document"] for hit in data["hits"]]
    assert documents
    assert not any(d.startswith("nato-1949") for d in documents)
    assert documents[0] in {"anzus-1951.en", "us-philippines-1951.en"}


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


def test_cli_corpus_dir_is_searched(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`--corpus DIR` indexes DIR in memory and searches only it."""
    for name in ("anzus-1951.en", "us-philippines-1951.en"):
        shutil.copyfile(CORPORA / f"{name}.txt", tmp_path / f"{name}.txt")
    status, out, err = run(
        capsys, "search", "--corpus", str(tmp_path), ANZUS_IV, "--format", "json"
    )
    assert status == 0, err
    documents = {hit["document"] for hit in json.loads(out)["hits"]}
    assert documents == {"anzus-1951.en", "us-philippines-1951.en"}


# --- lineage --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def families(bundled: Corpus) -> Lineage:
    """The bundled corpus's lineage at the default threshold."""
    return bundled.lineage(min_score=50)


def _family_of(families: Lineage, document: str, label: str) -> Family:
    (family,) = [
        f for f in families if any((m.document, m.label) == (document, label) for m in f.members)
    ]
    return family


def _keys(family: Family) -> set[tuple[str, str]]:
    return {(m.document, m.label) for m in family.members}


def test_lineage_pacific_article_iv(families: Lineage) -> None:
    """ANZUS Article IV and the US-Philippines Article IV are one family."""
    family = _family_of(families, "anzus-1951.en", "ARTICLE IV")
    assert ("us-philippines-1951.en", "ARTICLE IV") in _keys(family)
    assert ("us-japan-1960.en", "ARTICLE V") in _keys(family)


def test_lineage_charter_savings_clause(families: Lineage) -> None:
    """NATO Article 7 and ANZUS Article VI (obligations under the Charter) are one family."""
    family = _family_of(families, "nato-1949.en", "Article 7")
    assert ("anzus-1951.en", "ARTICLE VI") in _keys(family)
    assert _family_of(families, "anzus-1951.en", "ARTICLE IV") != family


@pytest.mark.parametrize("min_score", [50.0, 90.0])
def test_lineage_pairs_link_different_documents(bundled: Corpus, min_score: float) -> None:
    """Every pair joins two documents' articles, scores at least min_score, inside its family."""
    found = bundled.lineage(min_score=min_score)
    assert found
    for family in found:
        assert len(family.members) >= 2
        assert len(set(family.members)) == len(family.members)
        for pair in family.pairs:
            assert pair.left.document != pair.right.document
            assert min_score <= pair.score <= 100
            assert {pair.left, pair.right} <= set(family.members)
        linked = {m for pair in family.pairs for m in (pair.left, pair.right)}
        assert linked == set(family.members)
    members = [m for family in found for m in family.members]
    assert len(members) == len(set(members))  # an article is in one family at most


def test_lineage_higher_threshold_splits_families(bundled: Corpus) -> None:
    """A higher min_score keeps only pairs above it: fewer or equal linked articles."""
    low = {m for f in bundled.lineage(min_score=50) for m in f.members}
    high = {m for f in bundled.lineage(min_score=90) for m in f.members}
    assert high < low
    assert Member("anzus-1951.en", "4", "ARTICLE IV") in high


def test_lineage_ordering(families: Lineage) -> None:
    """Families by size (largest first); members by document name."""
    sizes = [len(f.members) for f in families]
    assert sizes == sorted(sizes, reverse=True)
    for family in families:
        documents = [m.document for m in family.members]
        assert documents == sorted(documents)


def test_lineage_equal_families_in_article_order(tmp_path: Path) -> None:
    """Two families of one size whose first members share a document follow article order."""
    nato = parse_document(_file_text("nato-1949.en"), id="nato")
    bodies = [Clause.from_article(nato, a).text for a in nato.articles]
    # articles 1-8 of "a" are unrelated to "b"; 9 and 10 are copied into b as 1 and 2
    own = [bodies[i] for i in (0, 1, 2, 3, 5, 7, 8, 9)] + [bodies[4], bodies[6]]
    (tmp_path / "a.txt").write_text(
        "\n\n".join(f"Article {n}\n\n{body}" for n, body in enumerate(own, start=1)) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        f"Article 1\n\n{bodies[4]}\n\nArticle 2\n\n{bodies[6]}\n", encoding="utf-8"
    )
    with Corpus.from_directory(tmp_path) as corpus:
        found = corpus.lineage(min_score=50)
    assert [[(m.document, m.article) for m in f.members] for f in found] == [
        [("a", "9"), ("b", "1")],
        [("a", "10"), ("b", "2")],
    ]


def test_cli_lineage_json(capsys: pytest.CaptureFixture[str], families: Lineage) -> None:
    """`lineage --format json` prints the clausediff.lineage/1 object of the library's result."""
    status, out, err = run(capsys, "lineage", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert data["schema"] == "clausediff.lineage/1"
    assert data == json.loads(json.dumps(lineage_to_dict(families)))
    first = data["families"][0]
    assert set(first) == {"members", "pairs"}
    assert set(first["members"][0]) == {"document", "article", "ref", "label"}
    assert set(first["pairs"][0]) == {"left", "right", "score"}


def test_cli_lineage_min_score(capsys: pytest.CaptureFixture[str], bundled: Corpus) -> None:
    """`lineage --min-score 90` gives the library's families at 90."""
    status, out, err = run(capsys, "lineage", "--format", "json", "--min-score", "90")
    assert status == 0, err
    assert json.loads(out) == json.loads(json.dumps(lineage_to_dict(bundled.lineage(min_score=90))))
