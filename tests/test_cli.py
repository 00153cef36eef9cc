"""The command line: output formats, exit statuses and error messages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausediff.cli import main
from tests.cli import run

NATO_START = "NORTH ATLANTIC TREATY"


def test_parse_bundled_id_text(capsys: pytest.CaptureFixture[str]) -> None:
    """A bundled id without a language part means the English text."""
    status, out, err = run(capsys, "parse", "nato-1949")
    assert status == 0, err
    assert out.splitlines()[0] == "nato-1949.en: North Atlantic Treaty"
    assert "  en, 14 articles" in out
    assert "trailing    line 65" in out


def test_parse_json_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    """One input prints one JSON object with the documented schema and honest offsets."""
    status, out, _ = run(capsys, "parse", "nato-1949", "--format", "json")
    assert status == 0
    doc = json.loads(out)
    assert doc["schema"] == "clausediff.document/1"
    assert doc["id"] == "nato-1949.en"
    assert doc["title"] == "North Atlantic Treaty"
    assert doc["language"] == "en"
    assert doc["preamble"] == {"start": 0, "end": doc["articles"][0]["start"]}
    assert [a["number"] for a in doc["articles"]] == [str(n) for n in range(1, 15)]
    text = (Path(__file__).resolve().parents[1] / "corpora" / "nato-1949.en.txt").read_text(
        encoding="utf-8"
    )
    for article in doc["articles"]:
        assert text[article["start"] : article["end"]].startswith(article["label"])
        assert not text[article["end"] - 1].isspace()
    art5 = doc["articles"][4]
    assert "armed attack against one or more" in text[art5["start"] : art5["end"]]


def test_parse_json_lines_in_order(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Several inputs print one object per line, in the order given."""
    path = tmp_path / "mine.txt"
    path.write_text("Preamble.\n\nArticle 1\n\nFirst.\n\nArticle 2\n\nSecond.\n", encoding="utf-8")
    status, out, _ = run(capsys, "parse", str(path), "anzus-1951.signed", "--format", "json")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["id"] == "mine"
    assert [a["number"] for a in first["articles"]] == ["1", "2"]
    assert second["id"] == "anzus-1951.signed.en"
    assert [a["label"] for a in second["articles"]][:2] == ["ARTICLE III", "ARTICLE IV"]


def test_no_articles_exit_2_others_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file with no headings is reported on stderr, exit 2, and the others still print."""
    empty = tmp_path / "letter.txt"
    empty.write_text("Dear Sir,\nThis letter has no articles.\n", encoding="utf-8")
    status, out, err = run(capsys, "parse", str(empty), "dunkirk-1947", "--format", "json")
    assert status == 2
    assert json.loads(out)["id"] == "dunkirk-1947.en"
    assert "letter: no article headings found" in err
    assert "Traceback" not in err


def test_invalid_utf8_names_offset(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Bytes that are not valid in the encoding named: the error names the byte offset and
    suggests --encoding; without --encoding the encoding is detected and named on stderr."""
    path = tmp_path / "latin.txt"
    path.write_bytes("Article 1\n\nLes Parties s'engagent à ...\n".encode("latin-1"))
    status, _, err = run(capsys, "parse", str(path), "--encoding", "utf-8")
    assert status == 2
    assert "byte 0xe0 at byte offset 34" in err
    assert "--encoding" in err
    status, out, err = run(capsys, "parse", str(path), "--format", "text")
    assert status == 0, err
    assert "s'engagent à" in out
    assert "not UTF-8; read as" in err
    assert "(detected)" in err


def test_encoding_option_reads_other_encodings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--encoding decodes the file before parsing; offsets index the decoded text."""
    path = tmp_path / "latin.txt"
    path.write_bytes("Préambule.\n\nArticle 1\n\nLes Parties s'engagent à ...\n".encode("latin-1"))
    status, out, err = run(capsys, "parse", str(path), "--encoding", "latin-1", "--format", "json")
    assert status == 0, err
    assert json.loads(out)["articles"][0]["start"] == len("Préambule.\n\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a directory"),
        (lambda p: p.write_bytes(b""), "the file is empty"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "an image"),
        (lambda p: p.write_bytes(b"\x00\x01\x02\x03 binary"), "binary file"),
    ],
)
def test_bad_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make: object, message: str
) -> None:
    """Directories, empty files and binary files are clear errors with exit status 2."""
    target = tmp_path / "input.txt"
    assert callable(make)
    make(target)
    status, out, err = run(capsys, "parse", str(target))
    assert status == 2
    assert out == ""
    assert message in err


def test_unknown_id_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    """A name that is neither a file nor a bundled id suggests close ids."""
    status, _, err = run(capsys, "parse", "nato-1948")
    assert status == 2
    assert "nato-1948: no such file" in err
    assert "nato-1949" in err


def test_unknown_encoding(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An encoding Python does not know is a usage error, whatever the input."""
    path = tmp_path / "a.txt"
    path.write_text("Article 1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["parse", str(path), "--encoding", "klingon"])
    assert exc.value.code == 2
    assert "unknown encoding 'klingon'" in capsys.readouterr().err


def test_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An invalid option value exits 2 with a usage message, not a traceback."""
    with pytest.raises(SystemExit) as exc:
        main(["parse", "nato-1949", "--format", "yaml"])
    assert exc.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


def test_corpus_lists_ids(capsys: pytest.CaptureFixture[str]) -> None:
    """`clausediff corpus` lists every bundled id with its date."""
    status, out, _ = run(capsys, "corpus")
    assert status == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert "russia-dprk-2024.en" in ids
    assert "ussr-dprk-1961.en" in ids
    assert any(
        line.startswith("nato-1949.en") and "1949-04-04" in line for line in out.splitlines()
    )


def test_internal_error_no_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unexpected exception becomes 'internal error' with a pointer to report it."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("clausediff.sources.open_document", broken)
    status, _, err = run(capsys, "parse", "nato-1949")
    assert status == 1
    assert "internal error: RuntimeError: boom" in err
    assert "please report it" in err
    assert "Traceback" not in err


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m clausediff` is the same command, and works from any directory."""
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "parse", "csto-1992.ru", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["language"] == "ru"
    assert doc["articles"][0]["label"] == "Статья 4"


_RUN = """
import atexit, sys, threading, time
from pathlib import Path
marks = Path(sys.argv[1])
atexit.register(lambda: (marks / "atexit").write_text("ran"))
if sys.argv[2] == "thread":
    def later():
        time.sleep(0.3)
        (marks / "thread").write_text("ran")
    threading.Thread(target=later).start()
sys.argv = ["clausediff", "compare", "un-charter-1945.en", "rio-1947.en", "--format", "json"]
from clausediff.cli import run
run()
"""


@pytest.mark.parametrize("thread", ["none", "thread"])
def test_the_command_ends_fast_but_loses_nothing(tmp_path: Path, thread: str) -> None:
    """The console entry point ends without the interpreter's slow teardown, yet the whole
    output reaches the pipe (70 KB of JSON), exit handlers run, and a thread still running
    is waited for (it then exits as usual)."""
    result = subprocess.run(
        [sys.executable, "-c", _RUN, str(tmp_path), thread],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    alignment = json.loads(result.stdout)
    assert len(alignment["pairs"]) >= 111  # the Charter's articles, at least
    assert (tmp_path / "atexit").read_text() == "ran"
    if thread == "thread":
        assert (tmp_path / "thread").read_text() == "ran"


def test_the_command_fails_with_its_status(tmp_path: Path) -> None:
    """An error still gives its message and status 2 through the fast ending."""
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "compare", str(tmp_path / "missing.txt"), "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "missing.txt" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_compare_article_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`compare --article 4:1` prints the documented comparison schema for the flagship."""
    status, out, err = run(
        capsys,
        "compare",
        "russia-dprk-2024",
        "ussr-dprk-1961",
        "--article",
        "4:1",
        "--format",
        "json",
    )
    assert status == 0, err
    data = json.loads(out)
    assert data["schema"] == "clausediff.comparison/1"
    # the redline reads from the older text (1961) to the newer, whatever the order given
    assert (data["left"]["document"], data["left"]["article"]) == ("ussr-dprk-1961.en", "1")
    assert (data["right"]["document"], data["right"]["article"]) == ("russia-dprk-2024.en", "4")
    assert "reading from the older text" in err
    assert set(data["scores"]) == {
        "ratio", "token_set", "partial", "jaccard5", "coverage", "coverage_left", "coverage_right"
    }  # fmt: skip
    assert data["score"] == data["scores"]["coverage"]
    assert any("military and other assistance" in p["text"] for p in data["shared"])


def test_compare_roman_matches_arabic(capsys: pytest.CaptureFixture[str]) -> None:
    """Article numbers match in any printed form: ANZUS `IV` is `4`."""
    status, out, _ = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", "5:IV")
    assert status == 0
    assert out.startswith("nato-1949.en Article 5  →  anzus-1951.signed.en ARTICLE IV")
    assert "[-" in out  # plain markers: output is not a terminal


def test_compare_same_number_both_sides(capsys: pytest.CaptureFixture[str]) -> None:
    """`--article 4` compares Article 4 with Article 4."""
    status, out, _ = run(
        capsys, "compare", "russia-dprk-2024", "russia-dprk-2024.tass", "--article", "4"
    )
    assert status == 0
    assert out.startswith("russia-dprk-2024.en Article 4  →  russia-dprk-2024.tass.en Article 4")


def test_compare_missing_article_lists_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """An article number that does not exist names the numbers that do; exit 2."""
    status, out, err = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", "5:2")
    assert status == 2
    assert out == ""
    assert "anzus-1951.signed.en has no article 2; its articles are: 3, 4, 5, 6, 7, 8" in err


@pytest.mark.parametrize("value", ["4:", ":1", ""])
def test_compare_bad_article_form(capsys: pytest.CaptureFixture[str], value: str) -> None:
    """A malformed --article value is a usage error."""
    status, _, err = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", value)
    assert status == 2
    assert "--article" in err


def test_compare_alignment_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --article, the alignment schema: NATO 5 became ANZUS IV, and so on."""
    status, out, _ = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["schema"] == "clausediff.alignment/1"
    pairs = {(p["left"], p["right"]) for p in data["pairs"] if p["left"] and p["right"]}
    assert pairs == {("4", "3"), ("5", "4"), ("6", "5"), ("7", "6"), ("9", "7")}
    statuses = {p["status"] for p in data["pairs"]}
    assert statuses <= {"identical", "renumbered", "modified", "added", "removed"}
    assert [p["left"] for p in data["pairs"] if p["left"]] == [str(n) for n in range(1, 15)]


def test_compare_min_score(capsys: pytest.CaptureFixture[str]) -> None:
    """--min-score raises the bar for pairing; out-of-range values are usage errors."""
    status, out, _ = run(
        capsys, "compare", "nato-1949", "anzus-1951.signed", "--format", "json", "--min-score", "90"
    )
    assert status == 0
    pairs = [(p["left"], p["right"]) for p in json.loads(out)["pairs"] if p["left"] and p["right"]]
    assert pairs == [("4", "3")]
    with pytest.raises(SystemExit) as exc:
        main(["compare", "nato-1949", "anzus-1951.signed", "--min-score", "101"])
    assert exc.value.code == 2
    assert "101 is outside 0-100" in capsys.readouterr().err


def test_compare_min_score_with_article_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--min-score applies to alignment only."""
    status, _, err = run(
        capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", "5:4", "--min-score", "50"
    )
    assert status == 2
    assert "--min-score applies to whole-treaty alignment" in err


def test_compare_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o writes the rendering to a file and nothing to stdout."""
    target = tmp_path / "report.md"
    status, out, _ = run(
        capsys,
        "compare", "nato-1949", "anzus-1951.signed", "--article", "5:4", "--format", "markdown",
        "-o", str(target),
    )  # fmt: skip
    assert status == 0
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith(
        "## nato-1949.en Article 5 → anzus-1951.signed.en ARTICLE IV"
    )


def test_output_written_in_parts_and_stopped_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    """Output made while it is written (lineage's JSON, a family at a time), stopped part
    way (Ctrl-C): the file it would replace is as it was, and no temporary file is left."""
    from clausediff.cli.common import emit

    target = tmp_path / "out.json"
    target.write_text("before\n", encoding="utf-8")

    def parts() -> Iterator[str]:
        yield '{"families": ['
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        emit(parts(), str(target))
    assert target.read_text(encoding="utf-8") == "before\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    emit(iter(["a", "b"]), str(target))
    assert target.read_text(encoding="utf-8") == "ab\n"


def test_output_to_a_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    """``-o`` naming a FIFO (as a device such as /dev/null) writes to it: the temporary
    file renamed over it put a regular file in its place (as root, over /dev/null itself)."""
    import os
    import stat
    import threading

    from clausediff.cli.common import emit

    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    read: list[str] = []
    reader = threading.Thread(
        target=lambda: read.append(fifo.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    emit(iter(["a", "b"]), str(fifo))
    reader.join(timeout=30)
    assert read == ["ab\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_compare_color_only_on_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Colour when stdout is a terminal, plain when NO_COLOR is set."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    status, out, _ = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", "5:4")
    assert status == 0
    assert "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    status, out, _ = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "--article", "5:4")
    assert "\x1b[" not in out


def test_cli_default_min_score_is_the_library_default() -> None:
    """The CLI's default --min-score (kept apart for start-up speed) is the library's."""
    from clausediff.cli import app
    from clausediff.match import align

    assert app.DEFAULT_MIN_SCORE == align.DEFAULT_MIN_SCORE


@pytest.mark.parametrize(
    ("options", "first", "note"),
    [
        ((), "ussr-dprk-1961.en Article 1  →  russia-dprk-2024.en Article 4", "older text"),
        (("--from", "old"), "ussr-dprk-1961.en Article 1  →  russia-dprk-2024.en", "older"),
        (("--from", "new"), "russia-dprk-2024.en Article 4  →  ussr-dprk-1961.en", ""),
        (("--from", "A"), "russia-dprk-2024.en Article 4  →  ussr-dprk-1961.en", ""),
        (("--from", "B"), "ussr-dprk-1961.en Article 1  →  russia-dprk-2024.en", ""),
    ],
)
def test_compare_reads_in_the_historical_direction(
    capsys: pytest.CaptureFixture[str], options: tuple[str, ...], first: str, note: str
) -> None:
    """The redline reads from the older text to the newer whatever the argument order (a note
    says when the order was turned round); --from new, A or B choose otherwise."""
    status, out, err = run(
        capsys, "compare", "russia-dprk-2024", "ussr-dprk-1961", "--article", "4:1", *options
    )
    assert status == 0
    assert out.startswith(first)
    assert ("reading from the" in err) == bool(note)


def test_compare_from_old_without_dates_keeps_the_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two texts of one date, or a text without one: the order given, and with an explicit
    --from old a note that the dates cannot tell."""
    status, out, err = run(
        capsys, "compare", "russia-dprk-2024.tass", "russia-dprk-2024", "--article", "4"
    )
    assert status == 0
    assert err == ""
    assert out.startswith("russia-dprk-2024.tass.en Article 4  →  russia-dprk-2024.en")
    free = ["compare", "-", "nato-1949", "--article", "5", "--from", "old"]
    status, out, err = run(capsys, *free, "--text", "an armed attack against one of them")
    assert status == 0
    assert out.startswith("free text  →  nato-1949.en Article 5")
    assert "--from old: the dates do not tell which text is the older" in err


def test_alignment_reads_from_the_older_treaty(capsys: pytest.CaptureFixture[str]) -> None:
    """Aligning ANZUS with NATO reads NATO (1949) → ANZUS (1951) unless --from A."""
    status, out, _ = run(capsys, "compare", "anzus-1951.signed", "nato-1949")
    assert status == 0
    assert out.startswith("nato-1949.en → anzus-1951.signed.en")
    status, out, _ = run(capsys, "compare", "anzus-1951.signed", "nato-1949", "--from", "A")
    assert status == 0
    assert out.startswith("anzus-1951.signed.en → nato-1949.en")


def test_min_score_applies_to_the_overlap_shown(capsys: pytest.CaptureFixture[str]) -> None:
    """Two renderings of one Article 4 carry the same number (+5 to their weight in the
    assignment): with --min-score between their overlap and overlap + 5 they are not paired,
    and the text shows the +5 where they are."""
    pair_of = ["compare", "russia-dprk-2024", "russia-dprk-2024.yonhap", "--format", "json"]
    status, out, _ = run(capsys, *pair_of, "--min-score", "5")
    assert status == 0
    (pair,) = json.loads(out)["pairs"]
    assert (pair["status"], pair["number_bonus"]) == ("modified", 5.0)
    assert pair["overlap"] == pair["score"]
    bar = f"{pair['overlap'] + 2:.2f}"  # over the overlap shown, under overlap + bonus
    status, out, _ = run(capsys, *pair_of, "--min-score", bar)
    assert status == 0
    assert [p["status"] for p in json.loads(out)["pairs"]] == ["removed", "added"]
    status, out, _ = run(capsys, *pair_of[:3], "--min-score", "5")
    assert re.search(r"Article 4 +Article 4 +8\.8 +\+5 +65\.0 +modified", out)


def test_compare_csv_by_extension(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """-o pairs.csv writes CSV: a header and a row per pair."""
    target = tmp_path / "pairs.csv"
    status, out, _ = run(capsys, "compare", "nato-1949", "anzus-1951.signed", "-o", str(target))
    assert status == 0
    assert out == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("status,only_in_copy,overlap,number_bonus,left_document")
    assert len(lines) == 16


def test_corpus_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`corpus --format json` gives every bundled text with what the catalog says of it."""
    status, out, _ = run(capsys, "corpus", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["schema"] == "clausediff.corpus/1"
    by_id = {d["id"]: d for d in data["documents"]}
    from clausediff.bundled import catalog

    assert set(by_id) == set(catalog())
    tass = by_id["russia-dprk-2024.tass.en"]
    assert (tass["treaty"], tass["rendering_id"], tass["language"]) == (
        "russia-dprk-2024", "tass", "en"
    )  # fmt: skip
    assert tass["complete"] is False
    assert "Article 4 only" in tass["missing"]
    assert by_id["nato-1949.en"]["parties"][0] == "Belgium"
