"""The HTML pages of search and lineage: structure, escaping, timelines, a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausediff.corpus.facade import Corpus
from clausediff.corpus.lineage import Family, Lineage
from clausediff.corpus.search import SearchResult
from clausediff.report import render
from clausediff.report.search_html import timeline
from clausediff.report.segments import reflow

from ._png import read_png
from .test_html import parse_html

USSR_1 = "shall immediately extend military and other assistance with all the means at its disposal"
HOSTILE = "The Parties <script>alert('x')</script> agree & \"so\" to extend military assistance."


@pytest.fixture(scope="module")
def corpus() -> Iterator[Corpus]:
    """The bundled corpus, indexed once."""
    with Corpus.bundled() as built:
        yield built


@pytest.fixture(scope="module")
def sources(corpus: Corpus) -> SearchResult:
    """The flagship's sources: Russia-DPRK 2024 Art. 4, texts signed no later."""
    found = corpus.article("russia-dprk-2024", "4")
    return corpus.search(found.text, exclude=found.treaty, before=found.signed, top=5)


@pytest.fixture(scope="module")
def families(corpus: Corpus) -> Lineage:
    """The bundled corpus's lineage at the defaults."""
    return corpus.lineage()


def test_search_page_names_the_index_query_and_hits(sources: SearchResult) -> None:
    """One section per hit, with its title, date and figures; the index and filters named."""
    html = render(sources, "html")
    page = parse_html(html)
    text = "".join(page.text)
    assert "Index: the bundled corpus" in text
    assert "Filters: signed on or before 2024-06-19; leaving out russia-dprk-2024" in text
    sections = [a for a in page.all("section") if (a.get("id") or "").startswith("hit-")]
    assert len(sections) == len(sources.hits) == 5
    assert "1. ussr-dprk-1961.en Article 1" in text
    assert "signed 1961-07-06" in text
    assert page.all("script") == []
    # the only addresses are the sources' links (and the SVG namespace): nothing is loaded
    for address in re.findall(r'(?<!href=")https?://[^\s"<]+', html):
        assert address == "http://www.w3.org/2000/svg" or f'href="{address}"' in html
    outward = [a for a in page.all("a") if not (a.get("href") or "#").startswith("#")]
    assert outward
    assert all(a.get("rel") == "noopener noreferrer" for a in outward)


def test_search_page_marks_the_shared_passages(sources: SearchResult) -> None:
    """Each hit's text is shown whole, reflowed for reading (the 1961 copy's "con-\ntinue"
    reads "continue"), its shared passages in <mark>."""
    html = render(sources, "html")
    top = sources.hits[0]
    assert top.text
    assert "con-\ntinue" in top.text
    assert "will continue to participate" in html
    for passage in top.shared:
        assert f"<mark>{reflow(passage.text)}</mark>" in html.replace("&#x27;", "'")


def test_search_page_escapes_treaty_text(tmp_path: Path) -> None:
    """A clause or query holding <script> shows as text and adds no element."""
    (tmp_path / "hostile.txt").write_text(f"Article 1\n\n{HOSTILE}\n", encoding="utf-8")
    with Corpus.from_directory(tmp_path) as built:
        result = built.search(HOSTILE)
    html = render(result, "html")
    page = parse_html(html)
    assert result.hits
    assert page.all("script") == []
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_lineage_page_draws_a_timeline_per_family(families: Lineage) -> None:
    """Each family has an SVG timeline: a dot per member (the earliest red), an arrow per
    member with a source, and a table of members and their sources."""
    html = render(families, "html")
    page = parse_html(html)
    svgs = page.all("svg")
    assert len(svgs) == len(families.families)
    assert len(page.all("circle")) == sum(len(f.members) for f in families)
    assert len([c for c in page.all("circle") if c.get("class") == "root"]) == len(
        families.families
    )
    edges = [p for p in page.all("path") if p.get("class") == "edge"]
    assert len(edges) == sum(1 for f in families for m in f.members if m.source is not None)
    text = "".join(page.text)
    assert "russia-dprk-2024.tass.en Article 4 (2024-06-19)" in text


def _family(members: list[tuple[str, str | None]]) -> Family:
    from clausediff.corpus.lineage import Member

    return Family(
        tuple(
            Member(name, "1", "Article 1", "1", name, signed, (name,), None if n == 0 else 0)
            for n, (name, signed) in enumerate(members)
        ),
        (),
    )


def test_timeline_places_members_by_date_and_undated_apart() -> None:
    """Dots stand left to right by date on a scale of years; an undated member stands in a
    column of its own, labelled."""
    svg = timeline(_family([("a", "1945-06-26"), ("b", "1961-07-06"), ("c", None)]))
    page = parse_html(svg)
    xs = [float(c["cx"] or 0) for c in page.all("circle")]
    assert xs[0] < xs[1] < xs[2]
    assert "undated" in "".join(page.text)
    years = [t for t in page.text if t.isdigit()]
    assert years == sorted(years)
    assert "1950" in years


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize("which", ["search", "lineage"])
def test_browser_renders_the_pages(
    which: str, sources: SearchResult, families: Lineage, tmp_path: Path
) -> None:
    """Real headless Chromium renders each page: a non-blank screenshot, with the timeline's
    blue dots and red root on screen for the lineage."""
    assert CHROMIUM is not None
    page = tmp_path / f"{which}.html"
    page.write_text(render(sources if which == "search" else families, "html"), encoding="utf-8")
    shot = tmp_path / f"{which}.png"
    width, height = 1280, 1000
    subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    got_width, got_height, rows = read_png(shot)
    assert (got_width, got_height) == (width, height)
    colours = {rows[y][x * 3 : x * 3 + 3] for y in range(0, height, 7) for x in range(0, width, 7)}
    assert len(colours) > 20, "the screenshot is (nearly) blank"
    if which == "lineage":
        assert any(bytes((0x09, 0x69, 0xDA)) in row for row in rows)  # a member's dot
        assert any(bytes((0xD1, 0x24, 0x2F)) in row for row in rows)  # a root's dot
    else:
        assert any(bytes((0xFF, 0xF3, 0xB0)) in row for row in rows)  # a marked passage
    if os.environ.get("CLAUSEDIFF_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["CLAUSEDIFF_SCREENSHOT_DIR"]) / shot.name)


def test_cli_writes_pages_by_extension(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`-o FILE.html` writes the HTML page of search and lineage; a batch refuses HTML."""
    from clausediff.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["search", USSR_1, "-o", "hits.html"]) == 0
    assert main(["lineage", "-o", "families.html"]) == 0
    for name in ("hits.html", "families.html"):
        page = (tmp_path / name).read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "Index: the bundled corpus" in "".join(parse_html(page).text)
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "query": "military and other assistance"}\n', encoding="utf-8")
    assert main(["search", "--queries", str(batch), "--format", "html"]) == 2
