"""The corpus index: incremental builds, interruptions, concurrent readers, foreign files."""

from __future__ import annotations

import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clausediff.corpus import storage
from clausediff.corpus.build import index_documents
from clausediff.corpus.facade import Corpus
from clausediff.corpus.lock import writer_lock
from clausediff.corpus.prepare import parse_file
from clausediff.corpus.shingles import Keyed, text_fingerprints
from clausediff.corpus.storage import SCHEMA_VERSION, connect, document_text
from clausediff.errors import ClauseDiffError, IndexFileError
from clausediff.model import Document
from clausediff.parse.document import parse_document
from clausediff.sources import read_files, treaty_files
from tests.cli import run

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
TREATIES = ("anzus-1951.signed.en", "nato-1949.en", "us-philippines-1951.en")
ARTICLE_COUNTS = {"anzus-1951.signed.en": 6, "nato-1949.en": 14, "us-philippines-1951.en": 7}
ANZUS_IV = (
    "Each Party recognizes that an armed attack in the Pacific Area on any of the Parties "
    "would be dangerous to its own peace and safety and declares that it would act to meet "
    "the common danger in accordance with its constitutional processes."
)
NATO_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North "
    "America shall be considered an attack against them all"
)
NEW_ARTICLE_BODY = (
    "The Council shall convene each leap year at Hobart to review the cartography of the "
    "Antarctic krill fisheries and the salinity of the Tasman Sea."
)
NEW_ARTICLE = f"\nARTICLE IX\n\n{NEW_ARTICLE_BODY}\n"
LETTER = "Dear Sir,\nThis letter has no articles.\n"
BINARY = b"\x00\x01\x02 not a treaty \x00"


def _copy_treaties(directory: Path, names: tuple[str, ...] = TREATIES) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copyfile(CORPORA / f"{name}.txt", directory / f"{name}.txt")
    return directory


@pytest.fixture
def treaties(tmp_path: Path) -> Path:
    """Three real treaties, a letter with no article headings and a binary file."""
    directory = _copy_treaties(tmp_path / "treaties")
    (directory / "letter.txt").write_text(LETTER, encoding="utf-8")
    (directory / "blob.txt").write_bytes(BINARY)
    return directory


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    """The three real treaties and nothing else."""
    return _copy_treaties(tmp_path / "clean")


def _names(db: sqlite3.Connection) -> list[str]:
    return [r[0] for r in db.execute("SELECT name FROM documents ORDER BY name")]


def _assert_complete(db: sqlite3.Connection) -> None:
    """Every stored document has all its articles (as parsing its stored text gives them), every
    article has postings, and nothing points at a missing row. One read transaction."""
    db.execute("BEGIN")
    try:
        documents = db.execute("SELECT id, name FROM documents").fetchall()
        for doc_id, name in documents:
            text = document_text(db, name)
            assert text is not None
            expected = [a.number for a in parse_document(text, id=name).articles]
            stored = [
                r[0]
                for r in db.execute(
                    "SELECT number FROM articles WHERE document = ? ORDER BY id", (doc_id,)
                )
            ]
            assert stored == expected, name
        both = (
            "(SELECT fingerprint, article FROM postings UNION ALL SELECT j.value, p.article "
            "FROM pending AS p, json_each(fingerprint_list(p.fingerprints)) AS j)"
        )
        bare = db.execute(
            "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
            f"(SELECT 1 FROM {both} p WHERE p.article = a.id)"
        ).fetchone()[0]
        assert bare == 0
        orphans = db.execute(
            f"SELECT (SELECT COUNT(*) FROM {both} WHERE article NOT IN (SELECT id FROM articles))"
            " + (SELECT COUNT(*) FROM articles WHERE document NOT IN (SELECT id FROM documents))"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        db.execute("COMMIT")


def _top(corpus: Corpus, query: str) -> tuple[str, str, float] | None:
    hits = corpus.search(query, top=3).hits
    return (hits[0].document, hits[0].label, hits[0].score) if hits else None


# --- building and updating ------------------------------------------------------------------


def test_build_reports_added_and_failed(treaties: Path, tmp_path: Path) -> None:
    """A first build adds the three treaties and reports the two unusable files as failed."""
    with Corpus.from_directory(treaties, db=tmp_path / "i.sqlite") as corpus:
        report = corpus.report
        assert report is not None
        assert report.added == TREATIES
        assert (report.updated, report.unchanged, report.removed) == ((), (), ())
        assert [name for name, _ in report.failed] == ["blob", "letter"]
        assert report.articles == sum(ARTICLE_COUNTS.values()) == 27
        assert _names(corpus.db) == list(TREATIES)


def test_failed_files_say_why(treaties: Path) -> None:
    """Each failed file comes with the reason it was skipped."""
    with Corpus.from_directory(treaties) as corpus:
        assert corpus.report is not None
        reasons = dict(corpus.report.failed)
    assert "binary file" in reasons["blob"]
    assert "no article headings found" in reasons["letter"]


def test_built_documents_are_searchable(treaties: Path) -> None:
    """After a build with failures, the good documents are complete and found by search."""
    with Corpus.from_directory(treaties) as corpus:
        _assert_complete(corpus.db)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)
        assert [(h.document, h.label) for h in corpus.search(NATO_5, top=1).hits] == [
            ("nato-1949.en", "Article 5")
        ]
        counts = dict(
            corpus.db.execute(
                "SELECT d.name, COUNT(*) FROM articles a JOIN documents d ON d.id = a.document "
                "GROUP BY d.name"
            )
        )
        assert counts == ARTICLE_COUNTS
        lengths = [r[0] for r in corpus.db.execute("SELECT tokens FROM articles")]
        assert all(n > 0 for n in lengths)


def test_stored_text_is_the_file_text(treaties: Path) -> None:
    """The index keeps each document's text exactly as the file's decoded bytes."""
    with Corpus.from_directory(treaties) as corpus:
        stored = {name: document_text(corpus.db, name) for name in TREATIES}
    for name in TREATIES:
        assert stored[name] == (CORPORA / f"{name}.txt").read_bytes().decode("utf-8")


def test_rerun_without_change_redoes_nothing(clean: Path, tmp_path: Path) -> None:
    """A second run over an unchanged directory parses nothing and rewrites no row."""
    db = connect(tmp_path / "i.sqlite", create=True)
    try:
        index_documents(db, read_files(treaty_files(clean)), parse_file("utf-8"))
        before = db.execute(
            "SELECT id, document, number, tokens FROM articles ORDER BY id"
        ).fetchall()
        parsed: list[str] = []

        def parse(name: str, data: bytes) -> Document:
            parsed.append(name)
            return parse_file("utf-8")(name, data)

        report = index_documents(db, read_files(treaty_files(clean)), parse)
        after = db.execute(
            "SELECT id, document, number, tokens FROM articles ORDER BY id"
        ).fetchall()
    finally:
        db.close()
    assert parsed == []
    assert report.unchanged == TREATIES
    assert (report.added, report.updated, report.removed, report.failed) == ((), (), (), ())
    assert report.articles == 27
    assert after == before


def test_rerun_reports_failures_again(treaties: Path, tmp_path: Path) -> None:
    """Unchanged good files are unchanged on a re-run; the bad ones are still reported."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(treaties, db=path).close()
    with Corpus.from_directory(treaties, db=path) as corpus:
        report = corpus.report
    assert report is not None
    assert report.unchanged == TREATIES
    assert (report.added, report.updated, report.removed) == ((), (), ())
    assert [name for name, _ in report.failed] == ["blob", "letter"]


def test_changed_file_is_updated_and_searchable(treaties: Path, tmp_path: Path) -> None:
    """Changing one file redoes only that file, and its new text is found."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(treaties, db=path).close()
    anzus = treaties / "anzus-1951.signed.en.txt"
    anzus.write_text(anzus.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    with Corpus.from_directory(treaties, db=path) as corpus:
        report = corpus.report
        assert report is not None
        assert report.updated == ("anzus-1951.signed.en",)
        assert report.unchanged == ("nato-1949.en", "us-philippines-1951.en")
        assert (report.added, report.removed) == ((), ())
        assert report.articles == 28
        assert _top(corpus, NEW_ARTICLE_BODY) == ("anzus-1951.signed.en", "ARTICLE IX", 100.0)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)
        _assert_complete(corpus.db)


def test_deleted_file_is_removed(treaties: Path, tmp_path: Path) -> None:
    """Deleting a file removes its document, articles and postings from the index."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(treaties, db=path).close()
    (treaties / "anzus-1951.signed.en.txt").unlink()
    with Corpus.from_directory(treaties, db=path) as corpus:
        report = corpus.report
        assert report is not None
        assert report.removed == ("anzus-1951.signed.en",)
        assert report.unchanged == ("nato-1949.en", "us-philippines-1951.en")
        assert report.articles == 21
        assert _names(corpus.db) == ["nato-1949.en", "us-philippines-1951.en"]
        assert all(h.document != "anzus-1951.signed.en" for h in corpus.search(ANZUS_IV).hits)
        _assert_complete(corpus.db)


def test_file_that_becomes_unparsable_is_left_out(treaties: Path, tmp_path: Path) -> None:
    """A file replaced by text without articles is reported as failed and left out."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(treaties, db=path).close()
    (treaties / "anzus-1951.signed.en.txt").write_text(LETTER, encoding="utf-8")
    with Corpus.from_directory(treaties, db=path) as corpus:
        report = corpus.report
        assert report is not None
        assert "anzus-1951.signed.en" in dict(report.failed)
        assert _names(corpus.db) == ["nato-1949.en", "us-philippines-1951.en"]
        assert all(h.document != "anzus-1951.signed.en" for h in corpus.search(ANZUS_IV).hits)


# --- interruptions --------------------------------------------------------------------------


def _interrupting_parse(on: str) -> Callable[[str, bytes], Document]:
    parse = parse_file("utf-8")

    def interrupted(name: str, data: bytes) -> Document:
        if name == on:
            raise KeyboardInterrupt
        return parse(name, data)

    return interrupted


def test_interrupt_in_parse_then_next_run_completes(clean: Path, tmp_path: Path) -> None:
    """Ctrl-C while parsing the second file keeps the first, whole; the next run adds the rest."""
    path = tmp_path / "i.sqlite"
    db = connect(path, create=True)
    try:
        with pytest.raises(KeyboardInterrupt):
            index_documents(
                db, read_files(treaty_files(clean)), _interrupting_parse("nato-1949.en")
            )
    finally:
        db.close()
    with Corpus.open(path) as corpus:
        assert _names(corpus.db) == ["anzus-1951.signed.en"]
        _assert_complete(corpus.db)
    with Corpus.from_directory(clean, db=path) as corpus:
        report = corpus.report
        assert report is not None
        assert report.unchanged == ("anzus-1951.signed.en",)
        assert report.added == ("nato-1949.en", "us-philippines-1951.en")
        _assert_complete(corpus.db)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)


def test_interrupt_inside_a_document_write_keeps_the_old_version(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C half-way through replacing a document rolls back to its previous version."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(clean, db=path).close()
    anzus = clean / "anzus-1951.signed.en.txt"
    old = anzus.read_text(encoding="utf-8")
    anzus.write_text(old + NEW_ARTICLE, encoding="utf-8")
    calls: list[int] = []

    def interrupted(keyed: Keyed) -> set[int]:
        calls.append(len(keyed.keys))
        if len(calls) == 7 + 3:  # the new version is prepared, the old one half removed
            raise KeyboardInterrupt
        return text_fingerprints(keyed)

    monkeypatch.setattr("clausediff.corpus.prepare.text_fingerprints", interrupted)
    monkeypatch.setattr("clausediff.corpus.load.text_fingerprints", interrupted)
    db = connect(path)
    try:
        with pytest.raises(KeyboardInterrupt):
            index_documents(db, read_files(treaty_files(clean)), parse_file("utf-8"))
    finally:
        db.close()
    monkeypatch.undo()
    with Corpus.open(path) as corpus:
        assert document_text(corpus.db, "anzus-1951.signed.en") == old
        _assert_complete(corpus.db)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)
    with Corpus.from_directory(clean, db=path) as corpus:
        assert corpus.report is not None
        assert corpus.report.updated == ("anzus-1951.signed.en",)
        assert _top(corpus, NEW_ARTICLE_BODY) == ("anzus-1951.signed.en", "ARTICLE IX", 100.0)


_KILL_MID_WRITE = """
import os, signal, sys
import clausediff.corpus.build
from clausediff.corpus.facade import Corpus

real = clausediff.corpus.build.load_document
current = []

def load_document(db, prepared):
    if current[-1] == sys.argv[3]:
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM articles")
        os.kill(os.getpid(), signal.SIGKILL)  # inside a write transaction
    return real(db, prepared)

clausediff.corpus.build.load_document = load_document
Corpus.from_directory(sys.argv[1], db=sys.argv[2], progress=current.append).close()
"""

_STALL_AFTER_FIRST = """
import sys, time
from clausediff.corpus.facade import Corpus

seen = []

def progress(name):
    seen.append(name)
    if len(seen) > 1:
        time.sleep(60)  # the test kills the process here

Corpus.from_directory(sys.argv[1], db=sys.argv[2], progress=progress).close()
"""


def _documents_written(path: Path) -> int:
    try:
        db = connect(path)
    except IndexFileError:
        return 0  # not created yet, or its schema is still being written
    try:
        return int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    finally:
        db.close()


def _assert_killed_build_recovers(clean: Path, path: Path) -> None:
    with Corpus.open(path) as corpus:
        assert corpus.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert _names(corpus.db) == ["anzus-1951.signed.en"]
        _assert_complete(corpus.db)
    with Corpus.from_directory(clean, db=path) as corpus:
        report = corpus.report
        assert report is not None
        assert report.unchanged == ("anzus-1951.signed.en",)
        assert report.added == ("nato-1949.en", "us-philippines-1951.en")
        assert report.articles == 27
        _assert_complete(corpus.db)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)


def test_sigkill_inside_a_write_leaves_a_usable_index(clean: Path, tmp_path: Path) -> None:
    """A process killed (SIGKILL) inside the second document's transaction leaves the first."""
    path = tmp_path / "i.sqlite"
    child = subprocess.run(
        [sys.executable, "-c", _KILL_MID_WRITE, str(clean), str(path), "nato-1949.en"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    _assert_killed_build_recovers(clean, path)


def test_sigkill_after_first_document_leaves_a_usable_index(clean: Path, tmp_path: Path) -> None:
    """A build killed (SIGKILL) once the first document is in the db: the next run completes."""
    path = tmp_path / "i.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", _STALL_AFTER_FIRST, str(clean), str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while _documents_written(path) < 1 and child.poll() is None:
            assert time.monotonic() < deadline, "the first document never appeared"
            time.sleep(0.02)
        assert child.poll() is None, "the build finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        _, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err
    _assert_killed_build_recovers(clean, path)


def _sources_then_interrupt(directory: Path) -> Iterator[tuple[str, bytes | ClauseDiffError]]:
    yield from read_files(treaty_files(directory))
    raise KeyboardInterrupt


@pytest.mark.parametrize("fresh", [True, False], ids=["first-build", "update"])
def test_interrupt_before_statistics_then_next_run_completes(
    clean: Path, tmp_path: Path, fresh: bool
) -> None:
    """Ctrl-C after the last document is written: the next run still leaves it searchable."""
    path = tmp_path / "i.sqlite"
    if not fresh:
        Corpus.from_directory(clean, db=path).close()
        anzus = clean / "anzus-1951.signed.en.txt"
        anzus.write_text(anzus.read_text(encoding="utf-8") + NEW_ARTICLE, encoding="utf-8")
    db = connect(path, create=True)
    try:
        with pytest.raises(KeyboardInterrupt):
            index_documents(db, _sources_then_interrupt(clean), parse_file("utf-8"))
    finally:
        db.close()
    with Corpus.from_directory(clean, db=path) as corpus:
        _assert_complete(corpus.db)
        assert _top(corpus, ANZUS_IV) == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)


# --- readers while a writer works -----------------------------------------------------------

_REINDEX_LOOP = """
import sys, time
from pathlib import Path
from clausediff.corpus.facade import Corpus

directory, db, seconds, extra = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
enough = Path(db + ".enough")  # the reader's sign that it has read enough times
anzus = directory / "anzus-1951.signed.en.txt"
philippines = directory / "us-philippines-1951.en.txt"
base, other = anzus.read_text(encoding="utf-8"), philippines.read_text(encoding="utf-8")
runs = 0
start = time.monotonic()
# at least *seconds* and three runs, then until the reader has read three times (a loaded
# machine slows the reader more than this loop), but never past two minutes
while runs < 3 or time.monotonic() < start + seconds or not enough.exists():
    if time.monotonic() > start + 120:
        break
    runs += 1
    anzus.write_text(base + (extra if runs % 2 else ""), encoding="utf-8")
    if runs % 3:
        philippines.write_text(other, encoding="utf-8")
    else:
        philippines.unlink()
    Corpus.from_directory(directory, db=db).close()
print(runs)
"""


def _start_reindexing(directory: Path, path: Path, seconds: float) -> subprocess.Popen[str]:
    Corpus.from_directory(directory, db=path).close()
    return subprocess.Popen(
        [sys.executable, "-c", _REINDEX_LOOP, str(directory), str(path), str(seconds), NEW_ARTICLE],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_enough(path: Path) -> None:
    """Tell the re-indexing loop of ``_start_reindexing`` on *path* that the reader has read
    enough times: it may stop after its next run."""
    Path(f"{path}.enough").touch()


def _finish(writer: subprocess.Popen[str]) -> int:
    out, err = writer.communicate(timeout=180)
    assert writer.returncode == 0, err
    return int(out)


def test_readers_see_whole_documents_while_reindexing(clean: Path, tmp_path: Path) -> None:
    """While another process re-indexes in a loop, every read sees only complete documents."""
    path = tmp_path / "i.sqlite"
    writer = _start_reindexing(clean, path, 2.0)
    checks = 0
    seen: set[tuple[str, ...]] = set()
    try:
        with Corpus.open(path) as corpus:
            while writer.poll() is None:
                _assert_complete(corpus.db)
                seen.add(tuple(_names(corpus.db)))
                checks += 1
                if checks >= 3:
                    _read_enough(path)
    finally:
        runs = _finish(writer)
    assert runs >= 3
    assert checks >= 3
    assert seen <= {TREATIES, ("anzus-1951.signed.en", "nato-1949.en")}


def test_search_while_reindexing_is_consistent(clean: Path, tmp_path: Path) -> None:
    """While another process re-indexes, every search gives the same top hit, and its hits exist."""
    path = tmp_path / "i.sqlite"
    writer = _start_reindexing(clean, path, 2.0)
    problems: list[str] = []
    searches = 0
    try:
        with Corpus.open(path) as corpus:
            while writer.poll() is None:
                searches += 1
                if searches >= 3:
                    _read_enough(path)
                try:
                    hits = corpus.search(ANZUS_IV, top=5).hits
                except Exception as e:  # any error is a finding, keep going
                    problems.append(f"{type(e).__name__}: {e}")
                    continue
                if not hits or (hits[0].document, hits[0].label) != (
                    "anzus-1951.signed.en",
                    "ARTICLE IV",
                ):
                    problems.append(f"top hit {[(h.document, h.label) for h in hits[:1]]}")
                for hit in hits:
                    found = corpus.db.execute(
                        "SELECT COUNT(*) FROM articles a JOIN documents d ON d.id = a.document "
                        "WHERE d.name = ? AND a.number = ?",
                        (hit.document, hit.article),
                    ).fetchone()[0]
                    if hit.document != "us-philippines-1951.en" and found != 1:
                        problems.append(f"{hit.document} {hit.article} not in the index")
    finally:
        runs = _finish(writer)
    assert runs >= 3
    assert searches >= 3
    assert problems == []


def test_search_with_a_reindex_between_its_reads(clean: Path, tmp_path: Path) -> None:
    """A re-index committed while a search is half-way gives that search a consistent answer."""
    path = tmp_path / "i.sqlite"
    Corpus.from_directory(clean, db=path).close()
    anzus = clean / "anzus-1951.signed.en.txt"
    reindexed: list[tuple[str, ...]] = []

    def reindex_once(statement: str) -> None:
        # runs in the reader's thread just before the statement that fetches the hits' texts
        if "FROM articles WHERE id IN" in statement and not reindexed:
            anzus.write_text(anzus.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            with Corpus.from_directory(clean, db=path) as writer:
                assert writer.report is not None
                reindexed.append(writer.report.updated)

    with Corpus.open(path) as corpus:
        corpus.db.set_trace_callback(reindex_once)
        try:
            top = _top(corpus, ANZUS_IV)
        finally:
            corpus.db.set_trace_callback(None)
    assert reindexed == [("anzus-1951.signed.en",)]
    assert top == ("anzus-1951.signed.en", "ARTICLE IV", 100.0)


# --- files that are not an index ------------------------------------------------------------


def _foreign(path: Path) -> Path:
    db = sqlite3.connect(path)
    try:
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('Acheson')")
        db.commit()
    finally:
        db.close()
    return path


def _other_version(path: Path) -> Path:
    directory = _copy_treaties(path.parent / "src", ("anzus-1951.signed.en",))
    Corpus.from_directory(directory, db=path).close()
    db = sqlite3.connect(path)
    try:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        db.commit()
    finally:
        db.close()
    return path


def _text(path: Path) -> Path:
    path.write_text(LETTER * 200, encoding="utf-8")
    return path


BAD_INDEXES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", lambda p: p, r"no such index file$"),
    ("text", _text, r"not a usable index \(file is not a database\)$"),
    ("foreign", _foreign, r"this SQLite file is not a clausediff index$"),
    (
        "version",
        _other_version,
        rf"index schema version 99, this clausediff reads {SCHEMA_VERSION}$",
    ),
]
# What the command line adds to each: how to build or rebuild the index
CLI_HINTS = {
    "missing": "(build one with `clausediff index DIR --db FILE`)",
    "text": None,
    "foreign": "(build one with `clausediff index DIR --db FILE`)",
    "version": "(delete the file and build the index again with `clausediff index DIR --db FILE`)",
}


@pytest.mark.parametrize(
    ("make", "message"), [(m, msg) for _, m, msg in BAD_INDEXES], ids=[b[0] for b in BAD_INDEXES]
)
def test_connect_refuses_bad_files(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    """`connect` on a missing, text, foreign or other-version file names the file and problem."""
    path = make(tmp_path / "index.sqlite")
    with pytest.raises(IndexFileError, match=message) as caught:
        connect(path)
    assert caught.value.path == str(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert isinstance(caught.value, ClauseDiffError)
    assert "`clausediff" not in str(caught.value)  # library words: no command to type


@pytest.mark.parametrize(
    ("case", "make"), [(case, m) for case, m, _ in BAD_INDEXES], ids=[b[0] for b in BAD_INDEXES]
)
def test_cli_search_db_bad_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str, make: Callable[[Path], Path]
) -> None:
    """`search --db FILE` on a file that is not a usable index exits 2 with one clear line,
    which ends with what to do in the command line's words."""
    path = make(tmp_path / "index.sqlite")
    status, out, err = run(capsys, "search", "--db", str(path), "armed attack")
    assert status == 2
    assert out == ""
    assert err.startswith(f"clausediff: error: {path}: ")
    assert len(err.splitlines()) == 1
    assert "Traceback" not in err
    hint = CLI_HINTS[case]
    if hint is None:
        assert "`clausediff index" not in err
    else:
        assert err.rstrip().endswith(hint)


def test_build_refuses_foreign_database_and_leaves_it_alone(treaties: Path, tmp_path: Path) -> None:
    """Indexing into someone else's SQLite file raises and adds no table to it."""
    path = _foreign(tmp_path / "theirs.sqlite")
    with pytest.raises(IndexFileError, match="not a clausediff index"):
        Corpus.from_directory(treaties, db=path)
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = db.execute("SELECT name FROM people").fetchall()
    finally:
        db.close()
    assert tables == ["people"]
    assert rows == [("Acheson",)]


# --- the `index` command --------------------------------------------------------------------


def test_cli_index_summary_and_skips(
    capsys: pytest.CaptureFixture[str], treaties: Path, tmp_path: Path
) -> None:
    """`clausediff index` prints one summary line and names each skipped file on stderr."""
    path = tmp_path / "cli.sqlite"
    status, out, err = run(capsys, "index", str(treaties), "--db", str(path))
    assert status == 0, err
    assert out == (
        f"{path}: 27 articles; files: 3 added, 0 updated, 0 unchanged, 0 removed, 2 skipped\n"
    )
    skipped = err.splitlines()
    assert len(skipped) == 2
    assert skipped[0].startswith("clausediff: skipped blob: ")
    assert skipped[1].startswith("clausediff: skipped letter: ")
    assert "Traceback" not in err
    status, out, _ = run(capsys, "index", str(treaties), "--db", str(path))
    assert status == 0
    assert out == (
        f"{path}: 27 articles; files: 0 added, 0 updated, 3 unchanged, 0 removed, 2 skipped\n"
    )


def test_cli_index_names_a_skipped_file_once(
    capsys: pytest.CaptureFixture[str], treaties: Path, tmp_path: Path
) -> None:
    """Each skipped-file line names the file once, then the reason."""
    _, _, err = run(capsys, "index", str(treaties), "--db", str(tmp_path / "cli.sqlite"))
    assert err.splitlines()[0] == (
        "clausediff: skipped blob: this looks like a binary file (it holds NUL bytes), "
        "not a treaty text"
    )


def test_cli_index_then_search_db(
    capsys: pytest.CaptureFixture[str], treaties: Path, tmp_path: Path
) -> None:
    """An index built by the command is searched by `search --db`."""
    path = tmp_path / "cli.sqlite"
    assert run(capsys, "index", str(treaties), "--db", str(path))[0] == 0
    status, out, err = run(capsys, "search", "--db", str(path), ANZUS_IV, "--top", "1")
    assert status == 0, err
    assert out.startswith(f"index: {path}\n")
    assert "\n 1. anzus-1951.signed.en ARTICLE IV  bits " in out
    assert "weighted coverage 100.0" in out


# --- two writers, and readers of lineage --------------------------------------------------------


def test_a_second_index_run_waits_and_says_so(clean: Path, tmp_path: Path) -> None:
    """While one run holds the index, a second waits, says why on stderr, then completes."""
    path = tmp_path / "i.sqlite"
    with writer_lock(path):
        child = subprocess.Popen(
            [sys.executable, "-m", "clausediff", "index", str(clean), "--db", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        # the lock is held until the child says it waits (however slow its start-up)
        assert child.stderr is not None
        ready, _, _ = select.select([child.stderr], [], [], 120)
        assert ready, "the second run neither waited nor said so"
        note = child.stderr.readline()
        assert child.poll() is None  # blocked behind the lock
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert note + err == (
        f"clausediff: note: another `clausediff index` run is updating {path}; "
        "waiting for it to finish\n"
    )
    assert out.startswith(f"{path}: 27 articles; files: 3 added")


def test_two_index_runs_at_once_both_succeed(clean: Path, tmp_path: Path) -> None:
    """Two runs started together on a new index both finish cleanly, and the index is whole."""
    path = tmp_path / "i.sqlite"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "clausediff", "index", str(clean), "--db", str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert all("error" not in err for _, err in results)
    summaries = sorted(out for out, _ in results)
    assert summaries[0].startswith(f"{path}: 27 articles; files: 0 added, 0 updated, 3 unchanged")
    assert summaries[1].startswith(f"{path}: 27 articles; files: 3 added")
    with Corpus.open(path) as corpus:
        _assert_complete(corpus.db)


def test_lineage_while_reindexing_is_consistent(clean: Path, tmp_path: Path) -> None:
    """While another process re-indexes, every lineage run answers, from one state."""
    path = tmp_path / "i.sqlite"
    writer = _start_reindexing(clean, path, 2.0)
    problems: list[str] = []
    answers = 0
    try:
        with Corpus.open(path) as corpus:
            while writer.poll() is None:
                try:
                    found = corpus.lineage()
                except Exception as e:  # any error is a finding, keep going
                    problems.append(f"{type(e).__name__}: {e}")
                    continue
                answers += 1
                if answers >= 3:
                    _read_enough(path)
                names = {m.document for f in found for m in f.members}
                if "anzus-1951.signed.en" not in names:
                    problems.append(f"anzus missing from {sorted(names)}")
    finally:
        runs = _finish(writer)
    assert runs >= 3
    assert answers >= 3
    assert problems == []


@pytest.mark.shared
def test_fresh_and_incremental_builds_give_the_same_figures(
    shared_dir: Path, tmp_path: Path
) -> None:
    """The same files indexed at once or in two runs give identical statistics and figures."""
    import subprocess as sp

    corpus = tmp_path / "lineage"
    sp.run([sys.executable, str(shared_dir / "bench" / "make_corpus.py"), "lineage", str(corpus)],
           check=True)  # fmt: skip
    half = tmp_path / "half"
    half.mkdir()
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")
    for p in files[::2]:
        shutil.copyfile(p, half / p.name)
    shutil.copyfile(corpus / "catalog.toml", half / "catalog.toml")
    Corpus.from_directory(half, db=tmp_path / "step.sqlite").close()
    for p in files:
        shutil.copyfile(p, half / p.name)
    queries = ("in the event of armed conflict", "without discrimination of any kind as to race")
    figures = []
    for db, source in ((tmp_path / "fresh.sqlite", corpus), (tmp_path / "step.sqlite", half)):
        with Corpus.from_directory(source, db=db) as built:
            figures.append(
                (
                    storage.calibration(built.db),
                    storage.counts(built.db),
                    [
                        [
                            (h.document, h.ref, h.bits, h.pvalue, h.evalue)
                            for h in built.search(q).hits
                        ]
                        for q in queries
                    ],
                )
            )
    assert figures[0][0] is not None
    assert figures[0][0]["pairs"] == 4000
    assert figures[0] == figures[1]
