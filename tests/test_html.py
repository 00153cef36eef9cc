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
from clausediff.report.heatmap import colour
from clausediff.report.segments import display, reflow

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
    return align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951.signed"))


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
    assert "Article 5 ↔ ARTICLE IV: overlap 36.8" in page.rect_titles
    assert "Article 4 ↔ ARTICLE III: overlap 100.0" in page.rect_titles
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
    """No script, no external stylesheet, image or font: nothing is fetched. The only links
    out are the sources of the texts (web addresses a reader may follow, opened without the
    page's referrer)."""
    for html in (render(nato_anzus(), "html"), render(flagship(), "html")):
        page = parse_html(html)
        assert page.all("script") == []
        assert page.all("link") == []
        assert page.all("img") == []
        outward = []
        for tag, attrs in page.tags:
            assert attrs.get("src") is None
            href = attrs.get("href")
            if href is None or href.startswith("#"):
                continue
            assert tag == "a", (tag, href)
            assert href.startswith(("https://", "http://")), href
            assert attrs.get("rel") == "noopener noreferrer"
            outward.append(href)
        assert "@import" not in html
        assert "url(" not in html
    assert outward == ["https://issuhub.com/view/index/23326?pageIndex=491"] * 2  # flagship


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


def _columns(html: str) -> list[str]:
    """The text of each clause column (``<pre class="clause">``) of a page."""
    columns: list[str] = []
    parts: list[str] = []
    collecting = False

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

    Columns(convert_charrefs=True).feed(html)
    return columns


def test_redline_columns_rebuild_both_texts() -> None:
    """Each column holds its clause's every word, in order, reflowed for reading: the book's
    line ends and end-of-line hyphens of the 1961 copy are gone ("con-\ntinue" reads
    "continue"), and nothing else is lost."""
    comparison = flagship()
    html = render(comparison, "html")
    assert "".join(parse_html(html).text).count("military and other assistance") >= 2
    columns = _columns(html)
    assert len(columns) == 2
    for column, clause in zip(columns, (comparison.left, comparison.right), strict=True):
        assert "\n" not in column
        assert column.split() == display(clause.text).split()
    assert "con-" in comparison.left.text
    assert "will continue to participate" in columns[0]


def test_reflow_keeps_paragraphs() -> None:
    """Reflowing joins a printed line's end to the next line but keeps blank lines and the
    lines that open a numbered paragraph."""
    text = "1. The Parties will con-\ntinue to\nconsult.\n2. Each Party\n(a) shall act;\n\nDone."
    assert reflow(text) == (
        "1. The Parties will continue to consult.\n2. Each Party\n(a) shall act;\n\nDone."
    )
    assert reflow("第一條\n締約雙方") == "第一條締約雙方"


def test_colour_scale_keeps_low_scores_visible() -> None:
    """0 is white; every score above 0, down to 0.1, is a tint a reader can tell from white
    (at least 25 levels darker in one channel), and the scale darkens as scores rise."""
    assert colour(0) == "#ffffff"

    def rgb(value: str) -> tuple[int, int, int]:
        return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)

    assert min(rgb(colour(0.1))) <= 255 - 25
    steps = [sum(rgb(colour(s))) for s in (0.1, 1, 5, 15, 30, 50, 75, 100)]
    assert steps == sorted(steps, reverse=True)
    assert len(set(steps)) == len(steps)
    assert colour(100) == "#08306b"


def test_heatmap_axes_carry_printed_labels() -> None:
    """Rows and columns are labelled as the treaties print their articles (ARTICLE IV, not
    4), and every cell's title names both and the overlap."""
    page = parse_html(render(nato_anzus(), "html"))
    texts = "".join(page.text)
    for label in ("ARTICLE III", "ARTICLE IV", "ARTICLE VIII", "Article 1", "Article 14"):
        assert label in texts
    assert all(" ↔ " in title and ": overlap " in title for title in page.rect_titles)


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


_MEASURE = """
<script>
window.addEventListener("load", () => {
  const svg = document.querySelector(".heatmap svg");
  const box = svg.getBoundingClientRect();
  const out = [];
  for (const text of svg.querySelectorAll("text")) {
    const r = text.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 ||
        r.bottom > box.bottom + 0.5) out.push(text.textContent);
  }
  const result = document.createElement("pre");
  result.id = "clipped";
  result.textContent = JSON.stringify({labels: svg.querySelectorAll("text").length, clipped: out});
  document.body.appendChild(result);
});
</script>
"""


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_browser_clips_no_heatmap_label(tmp_path: Path) -> None:
    """In Chromium every axis label of the heatmap lies inside the SVG, for short labels
    (NATO / ANZUS) and long ones ('Artículo trigésimo séptimo' on the rows, 'Article
    108-undecies' rotated on top)."""
    import json

    ordinals = ("primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo")
    long_left = parse_document(
        "".join(f"Artículo trigésimo {w}\n\nLas Partes acuerdan {w}.\n\n" for w in ordinals),
        id="largo",
    )
    long_right = parse_document(
        "".join(f"Article {n}-undecies\n\nThe Parties agree {n}.\n\n" for n in range(101, 109)),
        id="long",
    )
    assert CHROMIUM is not None
    for name, alignment in (
        ("nato", nato_anzus()),
        ("long", align_documents(long_left, long_right)),
    ):
        page = tmp_path / f"{name}.html"
        page.write_text(render(alignment, "html").replace("</body>", _MEASURE + "</body>"))
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        dom = parse_html(result.stdout)
        found = "".join(dom.text)
        data = json.loads(found[found.index('{"labels"') :].split("\n")[0])
        assert data["labels"] >= 14
        assert data["clipped"] == [], (name, data["clipped"])
