"""Damaged files never crash a reader: whatever the bytes, the result is a ``Reading`` whose
spans lie inside its text, or a ``ClauseDiffError`` (hypothesis cuts, drops and flips bytes of
real files of every format)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausediff.errors import ClauseDiffError
from clausediff.readers import Reading, read_bytes
from clausediff.sources import document_from_reading
from tests.fixtures_formats import write_docx, write_odt, write_pdf

WRITERS: dict[str, Callable[[Path], Path]] = {
    "treaty.pdf": write_pdf,
    "treaty.docx": write_docx,
    "treaty.odt": write_odt,
}
_HTML = (
    b"<html><head><meta charset='utf-8'><title>T</title></head><body><nav>menu</nav>"
    b"<h1>Treaty</h1><p>Article 1</p><p>The Parties&amp;agree<sup class='noteref'>1</sup>.</p>"
    b"<ol><li>one</li></ol><table><tr><td>(a)</td><td>x</td></tr></table>"
    b"<p class='note'>1 A note.</p></body></html>"
)
_AKN = (
    b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/><body>'
    b'<article eId="a1"><num>Article 1</num><content><p>Text.</p></content></article>'
    b"</body></act></akomaNtoso>"
)


def _files(tmp: Path) -> dict[str, bytes]:
    found = {name: write(tmp / name).read_bytes() for name, write in WRITERS.items()}
    found["page.html"] = _HTML
    found["act.xml"] = _AKN
    return found


def _check(reading: Reading) -> None:
    size = len(reading.text)
    for piece in reading.furniture:
        assert 0 <= piece.span.start <= piece.span.end <= size
    offsets = [a.offset for a in reading.anchors]
    assert offsets == sorted(offsets)
    assert all(0 <= o <= size for o in offsets)
    for page in reading.pages:
        assert 0 <= page.span.start <= page.span.end <= size


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One real file of each format."""
    return _files(tmp_path_factory.mktemp("formats"))


@pytest.mark.parametrize("name", [*WRITERS, "page.html", "act.xml"])
# No example database: the cases of this parametrized test share one key. Every value is drawn
# by Hypothesis before the test runs, from ranges that do not depend on the file, and the
# examples are the same in every run (derandomize): drawn inside the test with st.data(),
# they stopped a CI run now and then with "inconsistent data generation", even from fixed
# ranges (once in some twenty full runs).
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    cut=st.integers(0, 2**20),
    start=st.integers(0, 2**20),
    flips=st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 255)), max_size=12),
    drop=st.integers(0, 4096),
)
def test_damaged_files_read_or_fail_cleanly(
    files: dict[str, bytes],
    name: str,
    cut: int,
    start: int,
    flips: list[tuple[int, int]],
    drop: int,
) -> None:
    """A cut, a dropped run or flipped bytes give a Reading with sound spans, or a clausediff
    error: never another exception."""
    original = files[name]
    cut = 1 + cut % len(original)  # the positions brought into the file
    start %= cut
    damaged = bytearray(original[:start] + original[start + drop : cut])
    for at, value in flips:
        if at % cut < len(damaged):
            damaged[at % cut] = value
    try:
        reading = read_bytes(bytes(damaged), name=name)
    except ClauseDiffError:
        return
    _check(reading)
    with contextlib.suppress(ClauseDiffError):  # no articles in what is left: fine
        document_from_reading(reading, id="x")


def test_an_anchor_is_never_past_the_text() -> None:
    """A page whose title never closes (a damaged byte in "</title>") leaves only blanks
    after the place last recorded: that place's anchor, past the end of the text once its
    trailing blanks were cut (offset 8 in a 7-character text), goes. Found by the property
    above once its examples no longer came and went."""
    damaged = (
        b"<\x01tml><head><meta charset='utf-8'><title>T\x01/title></head><body><nav>menu"
        b"</nav><h1>Treaty</h1><p>Article 1</p><p>The Parties&amp;agree<su"
    )
    reading = read_bytes(damaged, name="page.html")
    assert reading.text == "<\x01tml>\n"
    _check(reading)


def test_intact_files_have_sound_spans(files: dict[str, bytes]) -> None:
    """The undamaged files read, with furniture, anchors and pages inside their text."""
    for name, data in files.items():
        reading = read_bytes(data, name=name)
        _check(reading)
        assert reading.anchors, name
