"""The HTML report: structure, escaping, and a real headless browser's rendering."""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from clausediff import load_bundled, parse_document
from clausediff.match.align import Alignment, align_documents
from clausediff.match.compare import Clause, Comparison, compare_clauses
from clausediff.report import render

from ._png import read_png

ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    """Collects the elements of a page: tags with attributes, text, and open-tag counts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.rect_titles: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.stack[-2:] == ["rect", "title"]:
            self.rect_titles.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse_html(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def nato_anzus() -> Alignment:
    return align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951"))


def flagship() -> Comparison:
    """The flagship in the historical direction: 1961 Art. 1 -> 2024 Art. 4."""
    old, new = load_bundled("ussr-dprk-1961"), load_bundled("russia-dprk-2024")
    return compare_clauses(
        Clause.from_article(old, old.article("1")), Clause.from_article(new, new.article("4"))
    )


def test_alignment_heatmap_has_a_cell_per_pair_that_shares_something() -> None:
    """One <rect> per article pair scoring above 0 (the others are the background rect), each
    titled with both labels and the score: the page grows with the pairs that share
    something, not with all 14 x 6."""
    alignment = nato_anzus()
    page = parse_html(render(alignment, "html"))
    rects = page.all("rect")
    scored = sum(1 for row in alignment.matrix for score in row if score > 0)
    assert 0 < scored < 14 * 6
    assert len(rects) == scored + 1
    assert len(page.rect_titles) == scored
    assert "Article 5 ↔ ARTICLE IV: 36.8" in page.rect_titles
    assert "Article 4 ↔ ARTICLE III: 100.0" in page.rect_titles
    outlined = [r for r in rects if r.get("class") == "pair"]
    assert len(outlined) == 5  # the assigned pairs


def test_alignment_cells_link_to_pairs() -> None:
    """A click on an assigned cell jumps to that pair's section, which exists."""
    page = parse_html(render(nato_anzus(), "html"))
    ids = {attrs.get("id") for _, attrs in page.tags if attrs.get("id")}
    hrefs = [a.get("href") for a in page.all("a")]
    assert "#pair-5-4" in hrefs
    assert "pair-5-4" in ids
    assert all(h and h.startswith("#") and h[1:] in ids for h in hrefs)


def test_alignment_sections_and_lists() -> None:
    """Every aligned pair has its section with both labels; added and removed are listed."""
    html = render(nato_anzus(), "html")
    page = parse_html(html)
    sections = [a for a in page.all("section") if a.get("class") == "pair"]
    assert len(sections) == 5
    text = "".join(page.text)
    assert "Article 5 → ARTICLE IV" in text
    assert "Removed (9)" in text
    assert "Added (1)" in text
    assert "North Atlantic Treaty" in text
    assert "1951-09-01" in text
    assert len(page.all("del")) > 0
    assert len(page.all("ins")) > 0
    assert len(page.all("mark")) > 0


def test_page_is_self_contained() -> None:
    """No script, no external stylesheet, image or font: nothing is fetched."""
    for html in (render(nato_anzus(), "html"), render(flagship(), "html")):
        page = parse_html(html)
        assert page.all("script") == []
        assert page.all("link") == []
        assert page.all("img") == []
        for _, attrs in page.tags:
            for name in ("src", "href"):
                value = attrs.get(name)
                assert value is None or value.startswith("#"), value
        assert "@import" not in html
        assert "url(" not in html


def test_treaty_text_is_escaped() -> None:
    """A clause holding <script> shows as text and adds no element."""
    hostile = "Preamble.\n\nArticle 1\n\nThe Parties <script>alert('x')</script> agree & \"so\".\n"
    doc = parse_document(hostile, id="hostile")
    other = parse_document("Article 1\n\nThe Parties agree.\n", id="other")
    comparison = compare_clauses(
        Clause.from_article(doc, doc.article("1")), Clause.from_article(other, other.article("1"))
    )
    html = render(comparison, "html")
    page = parse_html(html)
    assert page.all("script") == []
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    assert "<script>alert('x')</script>" in "".join(page.text)
    alignment = align_documents(doc, other)
    assert "<script>" not in render(alignment, "html")


def test_redline_columns_rebuild_both_texts() -> None:
    """The text of each column is exactly its clause: the HTML loses nothing."""
    comparison = flagship()
    page = parse_html(render(comparison, "html"))
    assert "".join(page.text).count("military and other assistance") >= 2
    columns = []
    collecting = False
    parts: list[str] = []

    class Columns(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            nonlocal collecting, parts
            if tag == "pre":
                collecting, parts = True, []

        def handle_endtag(self, tag: str) -> None:
            nonlocal collecting
            if tag == "pre":
                collecting = False
                columns.append("".join(parts))

        def handle_data(self, data: str) -> None:
            if collecting:
                parts.append(data)

    Columns(convert_charrefs=True).feed(render(comparison, "html"))
    assert columns == [comparison.left.text, comparison.right.text]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize("which", ["flagship", "nato-anzus"])
def test_browser_renders_report(which: str, tmp_path: Path) -> None:
    """Real headless Chromium renders the page: a non-blank screenshot of the window's size,
    with the heatmap's darkest cell visible for the alignment."""
    assert CHROMIUM is not None
    result = flagship() if which == "flagship" else nato_anzus()
    page = tmp_path / f"{which}.html"
    page.write_text(render(result, "html"), encoding="utf-8")
    shot = tmp_path / f"{which}.png"
    width, height = 1280, 1000
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    got_width, got_height, rows = read_png(shot)
    assert (got_width, got_height) == (width, height)
    colours = {rows[y][x * 3 : x * 3 + 3] for y in range(0, height, 7) for x in range(0, width, 7)}
    assert len(colours) > 20, "the screenshot is (nearly) blank"
    if which == "nato-anzus":
        # NATO 4 / ANZUS III score 100: the darkest blue of the scale must be on screen
        dark = bytes((8, 48, 107))
        assert any(dark in row for row in rows)
    if os.environ.get("CLAUSEDIFF_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["CLAUSEDIFF_SCREENSHOT_DIR"]) / shot.name)
