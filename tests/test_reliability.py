"""What an adversarial pass broke, kept fixed: terminal escapes in treaty text and file names,
output files written whole and never over an input, a full standard output, absurd keys."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from clausediff.cli.common import emit, inert
from clausediff.errors import InputError

# A window title (OSC 0), a clipboard write (OSC 52), a clear screen (CSI 2 J), a cursor move,
# a bell and an 8-bit CSI: what a hostile treaty text or file name may carry.
HOSTILE = "\x1b]0;pwned\x07 \x1b]52;c;ZWNobyBoaQ==\x07 \x1b[2J\x1b[H \x07 \x9b31m"
_ACTIVE = re.compile("\x1b(?!\\[[0-9;]*m)|[\x00-\x08\x0b-\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


def _treaty(tmp_path: Path, name: str = "hostile.txt") -> Path:
    path = tmp_path / name
    path.write_text(
        f"Title {HOSTILE}\n\nArticle 1\n\nThe Parties {HOSTILE} agree to consult.\n\n"
        f"Article 2\n\nThe Parties {HOSTILE} shall act together.\n",
        encoding="utf-8",
    )
    return path


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "clausediff", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_inert_shows_controls_and_keeps_text_and_colour() -> None:
    """Controls become their \\u escapes; tabs, line breaks and colour sequences stay."""
    assert inert("a\x1b]0;x\x07b") == "a\\u001b]0;x\\u0007b"
    assert inert("a\tb\nc\r\nd\re") == "a\tb\nc\nd\ne"
    assert inert("\x9b2J") == "\\u009b2J"
    assert inert("\x1b[31mred\x1b[0m", colour=True) == "\x1b[31mred\x1b[0m"
    assert inert("\x1b[2J", colour=True) == "\\u001b[2J"
    assert inert("Article 5 — 締約國") == "Article 5 — 締約國"


@pytest.mark.parametrize(
    "command",
    [
        ["parse", "{file}"],
        ["parse", "{file}", "--format", "json"],
        ["parse", "{file}", "--format", "text"],
        ["compare", "{file}", "{file}"],
        ["compare", "{file}", "{file}", "--article", "1:2"],
        ["compare", "{file}", "{file}", "--article", "1:2", "--format", "markdown"],
        ["compare", "{file}", "{file}", "--article", "1:2", "--format", "json"],
        ["compare", "{file}", "{file}", "--article", "1:2", "--format", "html"],
        ["compare", "{file}", "nato-1949", "--article", "9"],
    ],
)
def test_no_command_lets_treaty_text_drive_a_terminal(command: list[str], tmp_path: Path) -> None:
    """Piped, no output or error of a command holds an active control sequence."""
    path = _treaty(tmp_path, "x\x1b]0;name\x07.txt")
    result = _run(*(str(path) if part == "{file}" else part for part in command), cwd=tmp_path)
    assert result.returncode in (0, 2)
    assert not _ACTIVE.search(result.stdout), result.stdout[:300]
    assert not _ACTIVE.search(result.stderr), result.stderr[:300]


def test_treaty_text_is_inert_on_a_terminal(tmp_path: Path) -> None:
    """On a pseudo-terminal (colour on), only colour sequences reach it, never a title or
    clipboard write or a screen clear from the treaty."""
    path = _treaty(tmp_path)
    leader, follower = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    process = subprocess.Popen(
        [sys.executable, "-m", "clausediff", "compare", str(path), str(path), "--article", "1:2"],
        stdout=follower,
        stderr=follower,
        cwd=tmp_path,
        env={**env, "COLUMNS": "100", "TERM": "xterm"},
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(leader)
    text = output.decode("utf-8", "replace")
    assert process.returncode == 0
    assert "Parties" in text
    assert "\\u001b]0;pwned" in text  # shown, not obeyed
    assert not _ACTIVE.search(text.replace("\r\n", "\n")), text[:300]


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    """-o naming one of the inputs is an error (exit 2) and the input is untouched."""
    path = _treaty(tmp_path)
    before = path.read_bytes()
    result = _run("compare", str(path), "nato-1949", "-o", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "the output file is one of the inputs" in result.stderr.splitlines()[-1]
    assert path.read_bytes() == before


def test_a_failed_write_leaves_the_old_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that fails (a full disk at the rename) leaves the previous file as it was and
    no temporary file behind."""
    target = tmp_path / "report.html"
    target.write_text("the previous report\n", encoding="utf-8")

    def fail(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="No space left on device"):
        emit("<html>new</html>", str(target))
    assert target.read_text(encoding="utf-8") == "the previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_an_output_is_written_whole(tmp_path: Path) -> None:
    """-o writes the whole rendering and nothing else is left in the directory."""
    target = tmp_path / "out.md"
    result = _run(
        "compare",
        "nato-1949",
        "anzus-1951.signed",
        "--article",
        "5:4",
        "-o",
        str(target),
        cwd=tmp_path,
    )
    assert result.returncode == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_standard_output_is_an_error_not_a_bug(tmp_path: Path) -> None:
    """Standard output on a full device: exit 2 and a plain message, no internal error."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "clausediff", "corpus"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "clausediff: error: cannot write the output (No space left on device)"
    )


def test_a_five_thousand_digit_article_is_not_an_article(tmp_path: Path) -> None:
    """--article with 5,000 digits: the plain "no such article" error, exit 2."""
    result = _run(
        "compare", "nato-1949", "anzus-1951.signed", "--article", "9" * 5000, cwd=tmp_path
    )
    assert result.returncode == 2
    assert "has no article" in result.stderr.splitlines()[-1]
    assert "internal error" not in result.stderr


def test_a_codec_that_decodes_to_half_a_character_is_refused(tmp_path: Path) -> None:
    """A file read with unicode_escape that yields a lone surrogate: exit 2, the character and
    where it is named, no crash while printing."""
    path = tmp_path / "escaped.txt"
    path.write_bytes(b"Article 1\n\nThe Parties \\ud800 agree.\n")
    result = _run("parse", str(path), "--encoding", "unicode_escape", cwd=tmp_path)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert "lone surrogate, U+D800" in last
    assert "at character 23" in last


def test_a_query_with_half_a_character_prints_without_crashing(tmp_path: Path) -> None:
    """A --queries line whose JSON holds "\\ud800": the query is shown with the escape, the
    JSON output stays valid JSON."""
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        '{"id": "q1", "query": "the \\ud800 parties shall consult together"}\n', encoding="utf-8"
    )
    text = _run("search", "--queries", str(queries), cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "the \\ud800 parties" in text.stdout
    as_json = _run("search", "--queries", str(queries), "--format", "json", cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    import json

    assert json.loads(as_json.stdout.splitlines()[0])["id"] == "q1"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_nul_anywhere_is_refused_with_its_place(encoding: str, tmp_path: Path) -> None:
    """A NUL past the first 8 KB (once unseen, then silent loss in the index) or in a wide
    encoding: exit 2, the character's place named."""
    text = "Article 1\n\n" + "x " * 5000 + "\x00 more\n\nArticle 2\n\nyes\n"
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode(encoding))
    result = _run("parse", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "NUL character at character 10011" in result.stderr.splitlines()[-1]


def test_parse_document_refuses_a_nul() -> None:
    """The library refuses a text with a NUL too (a typed error naming its place)."""
    from clausediff import parse_document

    with pytest.raises(InputError, match="NUL character at character 14"):
        parse_document("Article 1\n\nThe\x00 Parties agree.\n")
