"""Bad input: a clear error naming the problem and exit status 2, a typed exception in the
library, never a traceback. One table of cases for the command line, one for the library."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from clausediff import (
    ArticleNotFoundError,
    ClauseDiffError,
    DecodeError,
    InputError,
    NoArticlesError,
    UnknownDocumentError,
    decode_text,
    load_bundled,
    parse_document,
)
from clausediff.corpus.storage import connect
from clausediff.errors import IndexFileError

Make = Callable[[Path], list[str]]


def _binary(tmp: Path) -> list[str]:
    (tmp / "scan.txt").write_bytes(b"\x00\x01\x02binary\x00")
    return ["parse", str(tmp / "scan.txt")]


def _damaged_pdf(tmp: Path) -> list[str]:
    (tmp / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    return ["parse", str(tmp / "scan.txt")]


def _latin1(tmp: Path) -> list[str]:
    (tmp / "fr.txt").write_bytes("Article 1\n\nLes Parties conviennent à ...\n".encode("latin-1"))
    return ["parse", str(tmp / "fr.txt"), "--encoding", "utf-8"]


def _empty(tmp: Path) -> list[str]:
    (tmp / "empty.txt").write_bytes(b"")
    return ["compare", str(tmp / "empty.txt"), "nato-1949"]


def _no_headings(tmp: Path) -> list[str]:
    (tmp / "letter.txt").write_text("Dear Minister,\nThank you.\n", encoding="utf-8")
    return ["compare", "nato-1949", str(tmp / "letter.txt")]


def _missing(tmp: Path) -> list[str]:
    return ["parse", str(tmp / "nowhere" / "treaty.txt")]


def _directory(tmp: Path) -> list[str]:
    return ["compare", str(tmp), "nato-1949"]


def _unknown_id(tmp: Path) -> list[str]:
    return ["compare", "anzus-1952", "nato-1949"]


def _no_article(tmp: Path) -> list[str]:
    return ["compare", "nato-1949", "anzus-1951.signed", "--article", "5:1"]


def _bad_option(tmp: Path) -> list[str]:
    return ["search", "armed attack", "--top", "ten"]


def _foreign_index(tmp: Path) -> list[str]:
    db = sqlite3.connect(tmp / "other.sqlite")
    db.execute("CREATE TABLE customers (name TEXT)")
    db.commit()
    db.close()
    return ["search", "armed attack", "--db", str(tmp / "other.sqlite")]


def _damaged_index(tmp: Path) -> list[str]:
    (tmp / "broken.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    return ["lineage", "--db", str(tmp / "broken.sqlite")]


def _missing_index(tmp: Path) -> list[str]:
    return ["search", "armed attack", "--db", str(tmp / "none.sqlite")]


def _bad_queries(tmp: Path) -> list[str]:
    (tmp / "q.jsonl").write_text('{"id": "a", "query": "armed attack"}\nnot json\n', "utf-8")
    return ["search", "--queries", str(tmp / "q.jsonl")]


def _unknown_encoding(tmp: Path) -> list[str]:
    return ["parse", "nato-1949", "--encoding", "utf-9"]


CLI_CASES: list[tuple[str, Make, str]] = [
    ("binary file", _binary, "binary file"),
    ("damaged PDF", _damaged_pdf, "a damaged PDF"),
    ("not UTF-8", _latin1, "byte offset 35"),
    ("empty file", _empty, "the file is empty"),
    ("no article headings", _no_headings, "no article headings found"),
    ("missing file", _missing, "no such file"),
    ("directory", _directory, "is a directory"),
    ("unknown corpus id", _unknown_id, "did you mean anzus-1951"),
    ("no such article", _no_article, "its articles are: 3, 4, 5, 6, 7, 8"),
    ("invalid option value", _bad_option, "not a whole number: 'ten'"),
    ("foreign index", _foreign_index, "not a clausediff index"),
    ("damaged index", _damaged_index, "not a usable index"),
    ("missing index", _missing_index, "no such index file"),
    ("malformed batch file", _bad_queries, "line 2 is not a JSON object"),
    ("unknown encoding", _unknown_encoding, "unknown encoding 'utf-9'"),
]


@pytest.mark.parametrize(("case", "make", "message"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input(case: str, make: Make, message: str, tmp_path: Path) -> None:
    """Exit status 2; the last line of stderr names the problem; no traceback, no output."""
    argv = make(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2, (case, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("clausediff: error:"), last
    assert message in last, last


def test_library_errors_are_typed(tmp_path: Path) -> None:
    """The library raises ClauseDiffError subclasses that name what went wrong."""
    with pytest.raises(InputError, match="binary file"):
        decode_text(b"\x00\x01", source="x.bin")
    with pytest.raises(InputError, match="the file is empty"):
        decode_text(b"", source="x.txt")
    with pytest.raises(DecodeError) as decode:
        decode_text("Article 1 à".encode("latin-1"), encoding="utf-8", source="x.txt")
    assert decode.value.offset == 10
    with pytest.raises(NoArticlesError, match="letter: no article headings"):
        parse_document("Dear Minister.", id="letter")
    with pytest.raises(UnknownDocumentError) as unknown:
        load_bundled("nato-1984")
    assert "nato-1949" in unknown.value.suggestions
    with pytest.raises(ArticleNotFoundError) as missing:
        load_bundled("anzus-1951.signed").article("1")
    assert missing.value.available == ("3", "4", "5", "6", "7", "8")
    with pytest.raises(IndexFileError, match="no such index file"):
        connect(tmp_path / "none.sqlite")
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    with pytest.raises(IndexFileError):
        connect(tmp_path / "notes.txt")
    for error in (InputError, DecodeError, NoArticlesError, UnknownDocumentError):
        assert issubclass(error, ClauseDiffError)
    assert issubclass(ArticleNotFoundError, ClauseDiffError)
    assert issubclass(IndexFileError, ClauseDiffError)


def test_library_errors_carry_hint_cause_and_status() -> None:
    """A library error names the problem in library words, says what to do in ``hint``,
    keeps its cause, and carries the exit status the command line uses."""
    with pytest.raises(DecodeError) as decode:
        decode_text("Article 1 à".encode("latin-1"), encoding="utf-8", source="x.txt")
    error = decode.value
    assert "--encoding" not in str(error)
    assert error.hint is not None
    assert "encoding" in error.hint
    assert isinstance(error.__cause__, UnicodeDecodeError)
    assert error.exit_status == 2
    with pytest.raises(UnknownDocumentError) as unknown:
        load_bundled("nato-1984")
    assert "clausediff corpus" not in str(unknown.value)
    assert unknown.value.hint == "clausediff.catalog() lists the bundled ids"


def test_cli_words_its_own_hints(tmp_path: Path) -> None:
    """The command line prints the problem, then the hint in its own words, on one line."""
    (tmp_path / "fr.txt").write_bytes("Article 1\n\nà\n".encode("latin-1"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "clausediff",
            "parse",
            str(tmp_path / "fr.txt"),
            "--encoding",
            "utf-8",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"clausediff: error: {tmp_path / 'fr.txt'}: not valid utf-8: byte 0xe0")
    assert line.endswith(
        "(if the file uses another encoding, pass it with --encoding, "
        "for example --encoding cp1252 or --encoding latin-1)"
    )


def test_other_schema_version_is_refused(tmp_path: Path) -> None:
    """An index of another schema version is refused with a way out."""
    db = connect(tmp_path / "index.sqlite", create=True)
    db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    db.close()
    with pytest.raises(IndexFileError, match="schema version 99"):
        connect(tmp_path / "index.sqlite")


def test_unreadable_file_is_reported_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that cannot be read is reported like one that does not parse; the rest is indexed."""
    from clausediff import Corpus

    root = Path(__file__).resolve().parents[1] / "corpora"
    for name in ("nato-1949.en.txt", "anzus-1951.en.txt"):
        (tmp_path / name).write_bytes((root / name).read_bytes())
    real = os.open

    def open_file(path: str | os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:
        if str(path).endswith("anzus-1951.en.txt"):
            raise PermissionError(13, "Permission denied")
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_file)
    with Corpus.from_directory(tmp_path) as corpus:
        assert corpus.report is not None
        assert corpus.report.added == ("nato-1949.en",)
        assert corpus.report.failed == (
            ("anzus-1951.en", "anzus-1951.en: cannot read the file (Permission denied)"),
        )
        query = "will consult together whenever, in the opinion of any of them"
        assert corpus.search(query).hits[0].document == "nato-1949.en"
