"""Lineage: families of shared passages, directed from the earliest text, renderings as one."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausediff.cli import main
from clausediff.cli.app import DEFAULT_LINEAGE_SCORE, DEFAULT_MAX_P
from clausediff.corpus import lineage as lineage_module
from clausediff.corpus.facade import Corpus
from clausediff.corpus.lineage import Family, Lineage
from clausediff.corpus.links import WHOLE
from clausediff.model import DocumentId
from clausediff.report.search_json import lineage_to_dict
from tests.cli import run

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
GC_1 = (
    "The High Contracting Parties undertake to respect and to ensure respect for the present "
    "Convention in all circumstances."
)

# every test runs in an empty directory: no ./clausediff.sqlite is found by default
pytestmark = pytest.mark.usefixtures("in_empty_directory")


@pytest.fixture(scope="module")
def families() -> Iterator[Lineage]:
    """The bundled corpus's lineage at the defaults."""
    with Corpus.bundled() as corpus:
        yield corpus.lineage()


def _holding(families: Lineage, treaty: str, ref: str) -> list[Family]:
    return [f for f in families if any((m.treaty, m.ref) == (treaty, ref) for m in f.members)]


def _members(family: Family) -> set[tuple[str, str]]:
    return {(m.treaty, m.ref) for m in family.members}


def test_defaults_are_the_command_lines() -> None:
    """The command line's defaults are the library's."""
    assert (DEFAULT_MAX_P, DEFAULT_LINEAGE_SCORE) == (
        lineage_module.DEFAULT_MAX_P,
        lineage_module.DEFAULT_MIN_SCORE,
    )


def test_flagship_pair_is_linked_at_the_defaults(families: Lineage) -> None:
    """The 2024 Russia-DPRK Art. 4 and the 1961 USSR-DPRK Art. 1 are one family, the 2024
    text linked to an earlier one."""
    (family,) = _holding(families, "russia-dprk-2024", "4")
    assert ("ussr-dprk-1961", "1") in _members(family)
    at = [m.treaty for m in family.members].index("russia-dprk-2024")
    member = family.members[at]
    assert member.source is not None
    signed = family.members[member.source].signed
    assert signed is not None
    assert signed < "2024-06-19"


def test_pacific_pacts_are_one_family_from_the_charter(families: Lineage) -> None:
    """ANZUS IV, US-Philippines IV and US-Japan V are one family, rooted before 1951."""
    (family,) = _holding(families, "anzus-1951", "4")
    assert {("us-philippines-1951", "4"), ("us-japan-1960", "5")} <= _members(family)
    assert family.root.signed is not None
    assert family.root.signed <= "1951-08-30"


def test_families_are_trees_from_the_earliest_text(families: Lineage) -> None:
    """Members come in date order (undated last); each member's source comes before it and
    was signed no later; every link joins two different treaties."""
    assert families
    for family in families:
        dates = [m.signed for m in family.members]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated)
        assert dates[: len(dated)] == dated
        assert family.members[0].source is None
        for at, member in enumerate(family.members):
            if member.source is not None:
                assert member.source < at
                source = family.members[member.source]
                if member.signed and source.signed:
                    assert source.signed <= member.signed
        for link in family.links:
            assert link.earlier < link.later
            treaties = {DocumentId.parse(d).treaty for d in link.documents}
            assert len(treaties) == 2
            assert link.score >= families.min_score
            assert link.pvalue <= families.max_p or (
                link.score >= WHOLE and link.pvalue <= 10 * families.max_p
            )


def test_renderings_of_one_treaty_are_one_member(families: Lineage) -> None:
    """A treaty's renderings are one member listing them all, never linked to each other."""
    for family in families:
        keys = [(m.treaty, m.ref) for m in family.members]
        assert len(keys) == len(set(keys))
        for member in family.members:
            assert member.document in member.renderings
            assert {DocumentId.parse(r).treaty for r in member.renderings} == {member.treaty}
    (family,) = _holding(families, "ussr-dprk-1961", "1")
    (ussr,) = [m for m in family.members if m.treaty == "ussr-dprk-1961" and m.ref == "1"]
    assert set(ussr.renderings) == {"ussr-dprk-1961.en", "ussr-dprk-1961.worldjpn.zh-Hans"}


def test_short_article_repeated_word_for_word_is_linked(tmp_path: Path) -> None:
    """Four treaties repeating a 16-word article (the Geneva common Article 1) among the
    bundled texts are a family at the defaults: same-day texts in name order."""
    for path in CORPORA.glob("*.txt"):
        shutil.copyfile(path, tmp_path / path.name)
    filler = (
        "Each State shall designate an authority responsible for the {} and shall inform the "
        "depositary of its name and address within six months."
    )
    for n, name in enumerate(("gc-i", "gc-ii", "gc-iii", "gc-iv"), start=1):
        other = filler.format(["wounded", "shipwrecked", "prisoners", "civilians"][n - 1])
        (tmp_path / f"{name}.en.txt").write_text(
            f"Article 1\n\n{GC_1}\n\nArticle 2\n\n{other}\n", encoding="utf-8"
        )
    dates = "".join(
        f'[documents."{name}.en"]\nsigned = "1949-08-12"\n'
        for name in ("gc-i", "gc-ii", "gc-iii", "gc-iv")
    )
    (tmp_path / "catalog.toml").write_text(dates, encoding="utf-8")
    with Corpus.from_directory(tmp_path) as corpus:
        found = corpus.lineage()
    (family,) = [f for f in found if ("gc-i", "1") in _members(f)]
    assert [(m.treaty, m.ref) for m in family.members] == [
        ("gc-i", "1"), ("gc-ii", "1"), ("gc-iii", "1"), ("gc-iv", "1")
    ]  # fmt: skip
    assert family.members[0].source is None
    assert all(m.source is not None for m in family.members[1:])
    assert all(link.score == 100.0 for link in family.links)


def test_higher_thresholds_keep_fewer_links(families: Lineage) -> None:
    """A stricter p-value or share links no more articles than the defaults."""
    with Corpus.bundled() as corpus:
        strict = corpus.lineage(max_p=1e-9, min_score=60)
    loose = {(m.treaty, m.ref) for f in families for m in f.members}
    tight = {(m.treaty, m.ref) for f in strict for m in f.members}
    assert tight < loose
    assert ("anzus-1951", "4") in tight


def test_final_clause_families_rank_last(tmp_path: Path) -> None:
    """A family of treaties' last articles (their final clauses) ranks after a family of
    substance, however long its formula."""
    formula = (
        "This Convention shall be subject to ratification. Instruments of ratification shall "
        "be deposited with the Secretary-General of the United Nations, who shall inform all "
        "States which have signed this Convention of each deposit."
    )
    substance = (
        "No one shall be subjected to torture or to cruel, inhuman or degrading treatment or "
        "punishment. In particular, no one shall be subjected without his free consent to "
        "medical or scientific experimentation."
    )
    for name, body in (("a", "the fisheries of the north"), ("b", "the rivers of the south")):
        articles = [f"Concerning {body}, article {n} provides for this." for n in range(1, 12)]
        articles[3] = substance
        articles[-1] = formula
        text = "\n\n".join(f"Article {n}\n\n{t}" for n, t in enumerate(articles, start=1))
        (tmp_path / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    with Corpus.from_directory(tmp_path) as corpus:
        found = corpus.lineage()
    refs = [sorted({m.ref for m in f.members}) for f in found]
    assert refs[0] == ["4"]
    assert refs[-1] == ["11"]
    assert found[-1].final_clauses
    assert not found[0].final_clauses


def test_cli_lineage_json(capsys: pytest.CaptureFixture[str], families: Lineage) -> None:
    """`lineage --format json` prints the clausediff.lineage/2 object of the library's
    result, naming the index."""
    status, out, err = run(capsys, "lineage", "--format", "json")
    assert status == 0, err
    data = json.loads(out)
    assert data["schema"] == "clausediff.lineage/2"
    assert data["index"] == "the bundled corpus"
    assert data == json.loads(json.dumps(lineage_to_dict(families)))
    first = data["families"][0]
    assert set(first) == {"substance", "final_clauses", "members", "links"}
    assert set(first["members"][0]) == {
        "document", "article", "ref", "label", "treaty", "signed", "renderings", "source",
        "citation", "complete",
    }  # fmt: skip
    assert set(first["links"][0]) == {
        "earlier", "later", "documents", "labels", "score", "weighted_coverage", "bits",
        "pvalue",
    }  # fmt: skip


def test_lineage_json_comes_in_parts_that_make_the_whole(families: Lineage) -> None:
    """``render_chunks`` gives lineage's JSON a family at a time (so that the command line
    writes a large corpus's without holding it whole): the parts join to ``render``'s text,
    byte for byte, one part per family besides the head and the tail; a format without a
    renderer in parts comes whole, as one."""
    from clausediff.report import render, render_chunks

    assert len(families) >= 2
    parts = list(render_chunks(families, "json"))
    assert len(parts) == len(families) + 2
    assert "".join(parts) == render(families, "json")
    assert json.loads("".join(parts)) == json.loads(json.dumps(lineage_to_dict(families)))
    empty = Lineage((), index="none")
    assert json.loads("".join(render_chunks(empty, "json")))["families"] == []
    assert list(render_chunks(families, "text")) == [render(families, "text")]


def test_cli_lineage_json_to_a_file_is_the_printed_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``-o FILE`` writes what ``lineage --format json`` prints (the parts written one by
    one), with its newline."""
    status, out, err = run(capsys, "lineage", "--format", "json")
    assert status == 0, err
    target = tmp_path / "lineage.json"
    status, _, err = run(capsys, "lineage", "--format", "json", "-o", str(target))
    assert status == 0, err
    assert target.read_text(encoding="utf-8") == out


def test_cli_lineage_on_a_terminal_shows_its_stages(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With stderr a terminal, lineage draws its stages on it (a bar that goes when done)
    and prints the same JSON."""
    import sys

    status, plain, err = run(capsys, "lineage", "--format", "json")
    assert status == 0, err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    status, out, err = run(capsys, "lineage", "--format", "json")
    assert status == 0, err
    assert out == plain
    assert "lineage: making families" in err


def test_cli_lineage_text_names_the_index_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    """The text output names the index, then each family with its members' dates and sources."""
    status, out, err = run(capsys, "lineage")
    assert status == 0, err
    lines = out.splitlines()
    assert lines[0] == "index: the bundled corpus"
    assert lines[1].endswith(
        "(linked where p <= 0.001 and the weighted coverage, the share of the smaller article, "
        "its words weighted by rarity, in shared passages, is 10 or more; most substantial first)"
    )
    flagship = "2024-06-19  russia-dprk-2024.tass.en Article 4"
    assert any(flagship in line and "←" in line for line in lines)


def test_cli_lineage_of_undated_texts_gives_no_direction(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without dates (no catalog, no testimonium) the link between the 1961 and the 2024
    text is shown as shared (↔), not as one taken from the other; in HTML too."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for path in CORPORA.glob("*dprk*.txt"):  # no catalog; no testimonium dates them
        shutil.copy(path, texts / path.name)
    shutil.copy(CORPORA / "sino-soviet-1950.zh-Hans.txt", texts)
    status, out, err = run(capsys, "lineage", "--corpus", str(texts))
    assert status == 0, err
    lines = out.splitlines()
    assert any(line.startswith("   undated ") and " ↔ " in line for line in lines)
    assert "←" not in out
    status, out, err = run(capsys, "lineage", "--corpus", str(texts), "--format", "html")
    assert status == 0, err
    assert "↔" in out
    assert "←" not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--max-p", "0"), "0 is not a probability above 0"),
        (("--max-p", "2"), "2 is not a probability above 0"),
        (("--min-score", "101"), "101 is outside 0-100"),
    ],
)
def test_cli_lineage_bad_thresholds_exit_2(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    """A threshold out of range is a usage error, exit 2."""
    with pytest.raises(SystemExit) as exc:
        main(["lineage", *argv])
    assert exc.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(message)


def test_cli_lineage_thresholds_are_the_librarys(capsys: pytest.CaptureFixture[str]) -> None:
    """`lineage --max-p P --min-score S` gives the library's families at P and S."""
    status, out, err = run(
        capsys, "lineage", "--format", "json", "--max-p", "1e-6", "--min-score", "40"
    )
    assert status == 0, err
    with Corpus.bundled() as corpus:
        expected = lineage_to_dict(corpus.lineage(max_p=1e-6, min_score=40))
    assert json.loads(out) == json.loads(json.dumps(expected))


@pytest.mark.parametrize(
    ("score", "pvalue", "expected"),
    [
        (20.0, 1e-4, True),  # significant, and covering enough of the smaller article
        (5.0, 1e-9, False),  # a short run inside two long articles: too little of either
        (21.0, 1.3e-3, False),  # "undertakes not to enter into any": a formula, by chance
        (45.0, 3.2e-3, True),  # GC III Art. 1 nearly whole in Protocol I's long Art. 1
        (45.0, 2e-2, False),  # nearly whole, but not even ten times significant enough
    ],
)
def test_link_rule(score: float, pvalue: float, expected: bool) -> None:
    """A pair links when significant and covering the smaller article enough, or when a
    short article stands nearly whole in a long one, within ten times the p-value."""
    from clausediff.corpus.links import Pair, linked

    pair = Pair(1, 2, score, 20.0, pvalue)
    assert linked(pair, DEFAULT_MAX_P, DEFAULT_LINEAGE_SCORE) is expected
