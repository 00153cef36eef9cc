"""Renderers: golden files for the flagship comparison and the NATO/ANZUS alignment.

Regenerate the golden files after an intended change with
``CLAUSEDIFF_UPDATE_GOLDEN=1 pytest tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from clausediff import load_bundled
from clausediff.match.align import align_documents
from clausediff.match.compare import Clause, Comparison, compare_clauses
from clausediff.report import render
from clausediff.report.markdown import escape

DATA = Path(__file__).resolve().parent / "data"


def flagship() -> Comparison:
    """The flagship in the historical direction: 1961 Art. 1 -> 2024 Art. 4."""
    old, new = load_bundled("ussr-dprk-1961"), load_bundled("russia-dprk-2024")
    return compare_clauses(
        Clause.from_article(old, old.article("1")), Clause.from_article(new, new.article("4"))
    )


def check_golden(name: str, actual: str) -> None:
    path = DATA / name
    if os.environ.get("CLAUSEDIFF_UPDATE_GOLDEN"):
        path.write_text(actual + "\n", encoding="utf-8")
    assert actual + "\n" == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("text", "flagship.txt"),
        ("markdown", "flagship.md"),
        ("json", "flagship.json"),
        ("csv", "flagship.csv"),
        ("html", "flagship.html"),  # reviewed as docs/flagship.png (docs/screenshots.py)
    ],
)
def test_flagship_golden(fmt: str, name: str) -> None:
    """The flagship comparison renders exactly as its golden file in each format."""
    check_golden(name, render(flagship(), fmt))


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("text", "nato-anzus.txt"), ("markdown", "nato-anzus.md"), ("csv", "nato-anzus.csv")],
)
def test_alignment_golden(fmt: str, name: str) -> None:
    """The NATO/ANZUS alignment renders exactly as its golden file."""
    alignment = align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951.signed"))
    check_golden(name, render(alignment, fmt))


def test_flagship_json_is_honest() -> None:
    """Every span in the flagship JSON quotes the text it claims, and the redline is whole."""
    data = json.loads(render(flagship(), "json"))
    assert data["schema"] == "clausediff.comparison/1"
    left, right = data["left"], data["right"]
    assert left["label"] == "Article 1"
    assert right["label"] == "Article 4"
    assert left["citation"]["title"].startswith("Treaty of Friendship, Co-operation")
    assert right["citation"]["signed"] == "2024-06-19"

    def quote(side: dict[str, object], span: list[int]) -> str:
        text = side["text"]
        start = side["start"]
        assert isinstance(text, str)
        assert isinstance(start, int)
        return text[span[0] - start : span[1] - start]

    assert any("military and other assistance" in p["text"] for p in data["shared"])
    for passage in data["shared"]:
        assert quote(left, passage["left"]) == passage["text"]
    rebuilt_left = "".join(quote(left, op["left"]) for op in data["redline"] if op["left"])
    rebuilt_right = "".join(quote(right, op["right"]) for op in data["redline"] if op["right"])
    assert rebuilt_left == left["text"]
    assert rebuilt_right == right["text"]


def test_color_text_has_styles_and_plain_has_markers() -> None:
    """Colour output carries ANSI styles; plain output marks changes with characters."""
    comparison = flagship()
    colored = render(comparison, "text", color=True)
    plain = render(comparison, "text", color=False)
    assert "\x1b[" in colored
    assert "\x1b[" not in plain
    assert "[-" in plain
    assert "{+" in plain


def test_markdown_escapes_treaty_text() -> None:
    """Treaty text cannot inject Markdown or HTML."""
    assert escape("<script>*x*</script> [a](b)") == (
        "\\<script\\>\\*x\\*\\</script\\> \\[a\\]\\(b\\)"
    )


def test_render_rejects_unknown_format() -> None:
    """A format a result does not have is a ValueError naming the choices."""
    with pytest.raises(ValueError, match="choose from text, json, markdown"):
        render(flagship(), "html5")


def test_markdown_alignment_shows_each_pair_in_full() -> None:
    """Below its table, the Markdown alignment has a section for every aligned pair, with
    the pair's citations, measures, summary, shared passages and redline."""
    alignment = align_documents(load_bundled("nato-1949"), load_bundled("anzus-1951.signed"))
    text = render(alignment, "markdown")
    table, _, sections = text.partition("\n### ")
    assert table.count("\n| Article") == 14
    aligned = [p for p in alignment.pairs if p.comparison is not None]
    assert sections.count("#### Shared passages") == len(aligned) == 5
    assert sections.count("#### Redline (left → right)") == 5
    assert sections.count("- Left: North Atlantic Treaty \\(signed 1949-04-04\\), Article") == 5
    assert "Article 5 → ARTICLE IV \\(modified, overlap 36.8\\)" in sections
    assert "~~" in sections
    assert "**" in sections
    assert sections.count("Kept: ") == 5
