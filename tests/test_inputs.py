"""Real files as users bring them (../shared/inputs: PDF with and without a text layer, EUR-Lex
and government HTML, DOCX, ODT, Akoma Ntoso): each gives the articles its publisher printed
(Akoma Ntoso: exactly the articles of its markup) or a clear error, never a traceback.

The expected articles are counted independently of the parser: from the markup for Akoma Ntoso,
from heading lines in the publisher's layout for the others. Files that the parser does not
read whole yet are marked as expected failures, each with the reason, so that a fix shows.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from clausediff.errors import NoTextLayerError
from clausediff.readers.akn import local_name
from clausediff.sources import load_document, read_source

INPUTS = Path(__file__).resolve().parents[2] / "shared" / "inputs"
_QUOTED = {"quotedStructure", "mod", "quotedText", "embeddedStructure"}


def _markup_articles(path: Path) -> list[str]:
    """The ``<num>`` of every article of the markup that is not quoted in an amendment (the
    ``<section>``s where there are no articles)."""
    root = ET.parse(path).getroot()
    found: dict[str, list[str]] = {"article": [], "section": []}

    def walk(element: ET.Element, quoted: bool) -> None:
        name = local_name(element.tag)
        quoted = quoted or name in _QUOTED
        if name in found and not quoted:
            num = next((c for c in element if local_name(c.tag) == "num"), None)
            found[name].append(" ".join("".join(num.itertext()).split()) if num is not None else "")
        for child in element:
            walk(child, quoted)

    walk(root, False)
    return found["article"] or found["section"]


def _heading_lines(pattern: str) -> Callable[[Path], int]:
    """The number of lines of the extracted text that are article headings in the
    publisher's layout (a pattern for that one file)."""

    def count(path: Path) -> int:
        return len(re.findall(pattern, read_source(path).text, flags=re.MULTILINE))

    return count


def _fixed(number: int) -> Callable[[Path], int]:
    return lambda path: number


# (file, how many articles its publisher printed, why it is not read whole yet, or None)
ARTICLE_FILES: list[tuple[str, Callable[[Path], int], str | None]] = [
    ("akn/cl-akn2-bill-2005-mensaje.xml", lambda p: len(_markup_articles(p)), None),
    ("akn/de-ldml-zweites-haushaltsfinanzierungsgesetz-2024.xml",
     lambda p: len(_markup_articles(p)), None),
    ("akn/eu-akn4eu-leos-crr-proposal-bill.xml", lambda p: len(_markup_articles(p)), None),
    ("akn/ke-akn2-constitution-2010.xml", lambda p: len(_markup_articles(p)), None),
    ("akn/sv-akn2-ley-604-1993-propiedad-intelectual.xml",
     lambda p: len(_markup_articles(p)), None),
    ("html/eurlex-com-2021-206-ai-act-proposal-de.html",
     _heading_lines(r"^Artikel[ \u00a0]\d+$"), None),
    ("html/eurlex-oj-l-2013-176-crr-575-2013-en-excerpt.html",
     _heading_lines(r"^Article \d+$"), None),
    ("html/eurlex-reg-2002-6-community-designs-en-oldhtml.html",
     _heading_lines(r"^Article \d+$"), None),
    ("html/opentreaties-vclt-1969-zh-en-bilingual.html",
     _heading_lines(r"^第[一二三四五六七八九十]+條 Art\."), None),
    ("html/rs-ustav-constitution-serbia-2006-sr-cyrl.html", _heading_lines(r"^Члан \d+\.?$"),
     None),
    ("docx/fr-charte-vie-etudiante-ens-cachan-agreement.docx",
     _heading_lines(r"^Article \d+[ \u00a0]?[:.–-]"), None),
    # its Appendix B lists amendments, "Article II: Terms & Definitions arranged ..." among
    # "Article IV.B.1.b: ..." lines: a list of references, not a heading
    ("docx/us-cmu-student-senate-bylaws-2017.docx", _fixed(12), None),
    ("odt/fr-statuts-association-mva-alumni.odt", _heading_lines(r"^ARTICLE (?:PREMIER|\d+) [-–]"),
     None),
    ("pdf/aanzfta-agreement-signed.pdf", _heading_lines(r"^Article \d+$"), None),
    # the Constitution, then the Declaration of 1789 and the Charter for the Environment, whose
    # headings print "ARTICLE PREMIER", "ARTICLE 1er." and "Article 88-4." too
    ("pdf/fr-constitution-1958-conseil-constitutionnel-2015.pdf",
     _heading_lines(r"^(?:ARTICLE|Article) (?:PREMIER|1er|\d+(?:-\d+)?)(?:\.|$)"), None),
    # 397 headings "Article 4.9: Title", and Articles 2.6 and 13.7, printed without the colon
    ("pdf/rcep-agreement-all-chapters.pdf",
     lambda p: _heading_lines(r"^Article \d+(?:\.\d+)?: ")(p) + 2, None),
    # the publisher printed 136 of the 137 headings: "Article 44" is missing from the file
    ("pdf/ru-constitution-1993-en-translation.pdf", _heading_lines(r"^Article \d+$"), None),
]  # fmt: skip
SCANS = [
    "pdf/ahkfta-annex2-tariff-schedules-scan.pdf",
    "pdf/ng-france-cultural-agreement-1990-scan.pdf",
    "pdf/ng-uae-transfer-sentenced-persons-treaty-scan.pdf",
]


@pytest.fixture
def inputs(shared_dir: Path) -> Path:
    """The ../shared/inputs directory (the test skips without ../shared)."""
    return shared_dir / "inputs"


def _params() -> list[object]:
    return [
        pytest.param(
            name, expected, marks=[pytest.mark.xfail(reason=why, strict=True)] if why else []
        )
        for name, expected, why in ARTICLE_FILES
    ]


@pytest.mark.shared
@pytest.mark.parametrize(("name", "expected"), _params())
def test_real_file_gives_the_printed_articles(
    inputs: Path, name: str, expected: Callable[[Path], int]
) -> None:
    """The file's articles are the ones its publisher printed (Akoma Ntoso: its markup's)."""
    path = inputs / name
    document = load_document(path)
    assert len(document.articles) == expected(path) > 0


@pytest.mark.shared
@pytest.mark.parametrize("name", SCANS)
def test_scans_are_a_clear_error(inputs: Path, name: str) -> None:
    """A scan without a text layer says so, with exit status 2 and no traceback."""
    with pytest.raises(NoTextLayerError):
        load_document(inputs / name)
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "parse", str(inputs / name)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    assert "no text layer" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.shared
def test_every_input_file_reads_without_a_traceback(inputs: Path) -> None:
    """`clausediff parse` on all 20 files at once: each gives an outline or a one-line error."""
    files = sorted(str(p) for p in inputs.rglob("*") if p.is_file() and p.suffix != ".md")
    assert len(files) == 20
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "parse", *files],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("clausediff: error:")]
    assert (
        len(errors) <= 4
    )  # the three scans, and at most one text with no heading the parser reads


@pytest.mark.shared
def test_pdf_articles_know_their_printed_pages(inputs: Path) -> None:
    """RCEP's Article 3.4 cites the page its publisher printed (chapter-relative, "3-4"-like)."""
    document = load_document(inputs / "pdf/rcep-agreement-all-chapters.pdf")
    article = next(a for a in document.articles if a.label.startswith("Article 3.4"))
    page = document.page_at(article.text_span.start)
    assert page is not None
    assert page.label is not None
    assert re.fullmatch(r"3-\d+", page.label)


@pytest.mark.shared
def test_akn_of_every_readable_input_is_valid_and_reads_back(inputs: Path) -> None:
    """Each input that parses writes valid Akoma Ntoso 3.0 that reads back to the same
    articles: numbers and refs."""
    from clausediff.errors import ClauseDiffError
    from clausediff.readers.akn import read_akn
    from clausediff.report import render
    from clausediff.sources import document_from_reading
    from tests.test_akn import _schema

    written = 0
    for path in sorted(p for p in inputs.rglob("*") if p.is_file() and p.suffix != ".md"):
        try:
            document = load_document(path)
        except ClauseDiffError:
            continue
        xml = render(document, "akn")
        assert [str(e)[:200] for e in _schema().iter_errors(xml)] == [], path.name
        back = document_from_reading(read_akn(xml.encode()), id=document.id)
        before = [(a.number, a.ref) for a in document.articles]
        assert [(a.number, a.ref) for a in back.articles] == before, path.name
        written += 1
    assert written >= 16
