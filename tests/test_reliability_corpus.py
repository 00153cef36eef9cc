"""What an adversarial pass broke in the index and the readers, kept fixed: an index one may
only read, ordinary bad input called a bug, unbounded and blocking reads, misleading
messages."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from clausediff.cli import main

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
TREATIES = ("anzus-1951.signed.en", "nato-1949.en", "us-philippines-1951.en")
NATO_5 = (
    "The Parties agree that an armed attack against one or more of them in Europe or North "
    "America shall be considered an attack against them all"
)
NOBODY = 65534


def _as(user: int | None) -> list[str]:
    """The command prefix that runs a program as *user* (util-linux's setpriv), or none."""
    if user is None:
        return []
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]


def _cli(*args: str, cwd: Path, user: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line in a subprocess, as *user* when given (the tests may run as
    root, and root may write anywhere)."""
    return subprocess.run(
        [*_as(user), sys.executable, "-m", "clausediff", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
        timeout=120,
    )


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A directory every user may enter (pytest's own are its owner's alone)."""
    directory = Path(tempfile.mkdtemp(prefix="clausediff-rel-"))
    directory.chmod(0o755)
    yield directory
    for path in directory.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(directory)


@pytest.fixture
def reader() -> int | None:
    """The user who runs the command that may not write: this one, or nobody when this is
    root (skipped where nobody cannot run clausediff from this checkout)."""
    if os.geteuid() != 0:
        return None
    if shutil.which("setpriv") is None:
        pytest.skip("running as root, and setpriv is not installed")
    probe = subprocess.run(
        [*_as(NOBODY), sys.executable, "-c", "import clausediff.cli"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip("the user nobody cannot run clausediff from this checkout")
    return NOBODY


def _index(directory: Path, db: Path) -> None:
    """Index three bundled treaties of *directory* into *db*."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in TREATIES:
        shutil.copyfile(CORPORA / f"{name}.txt", directory / f"{name}.txt")
    assert main(["index", str(directory), "--db", str(db)]) == 0


def _read_only(path: Path) -> None:
    path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


@pytest.mark.parametrize("what", ["directory", "file", "both"])
def test_an_index_one_may_only_read_is_searched(
    what: str, shared_tmp: Path, reader: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Search, --article and lineage read an index in a read-only directory, or a read-only
    index file, and write nothing beside it."""
    db = shared_tmp / "ro" / "index.sqlite"
    db.parent.mkdir()
    db.parent.chmod(0o755)
    _index(shared_tmp / "treaties", db)
    capsys.readouterr()
    if what in ("file", "both"):
        _read_only(db)
    if what in ("directory", "both"):
        _read_only(db.parent)
    before = sorted(p.name for p in db.parent.iterdir())
    for args in (
        ["search", NATO_5, "--db", str(db), "--format", "json"],
        ["search", "--article", "nato-1949.en:5", "--db", str(db)],
        ["lineage", "--db", str(db)],
    ):
        result = _cli(*args, cwd=shared_tmp, user=reader)
        assert result.returncode == 0, result.stderr
        assert "nato-1949.en" in result.stdout or "anzus" in result.stdout, result.stdout[:200]
    if what != "file":  # where the directory may be written, SQLite's -shm file may appear
        assert sorted(p.name for p in db.parent.iterdir()) == before


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """An ordinary error: exit status 2, the words said, no bug report, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "bug" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64", "zlib_codec", "uu"])
def test_a_codec_that_is_no_text_encoding_is_bad_input(codec: str, tmp_path: Path) -> None:
    """--encoding rot13 (and the other codecs of bytes to bytes or text to text) is refused
    as an option value, by parse, index and search; the library raises InputError."""
    from clausediff.errors import InputError
    from clausediff.sources import decode_text

    treaty = CORPORA / "nato-1949.en.txt"
    for args in (
        ["parse", str(treaty)],
        ["index", str(CORPORA), "--db", str(tmp_path / "x.sqlite")],
        ["search", "--query-file", str(treaty), "--corpus", str(tmp_path)],
    ):
        _refused(_cli(*args, "--encoding", codec, cwd=tmp_path), "not a text encoding")
    with pytest.raises(InputError, match="not a text encoding"):
        decode_text(b"Article 1", encoding=codec)


def test_an_unreadable_directory_or_file_is_named(shared_tmp: Path, reader: int | None) -> None:
    """A directory or file one may not read is said to be unreadable, not an output that
    cannot be written."""
    closed = shared_tmp / "closed"
    closed.mkdir()
    shutil.copyfile(CORPORA / "nato-1949.en.txt", closed / "nato-1949.en.txt")
    closed.chmod(0o700 if reader is not None else 0o000)
    result = _cli("index", str(closed), "--db", str(shared_tmp / "x.sqlite"), cwd=shared_tmp,
                  user=reader)  # fmt: skip
    _refused(result, "cannot read the directory", "Permission denied")
    result = _cli("parse", str(closed / "nato-1949.en.txt"), cwd=shared_tmp, user=reader)
    _refused(result, "Permission denied")
    assert "cannot write" not in result.stderr


def test_an_index_where_one_may_not_write_is_refused(shared_tmp: Path, reader: int | None) -> None:
    """`index --db` in a directory one may not write, or onto an index file one may not
    write, says so with exit status 2."""
    closed = shared_tmp / "closed"
    closed.mkdir(mode=0o755)
    _read_only(closed)
    result = _cli("index", str(CORPORA), "--db", str(closed / "x.sqlite"), cwd=shared_tmp,
                  user=reader)  # fmt: skip
    _refused(result, "Permission denied")
    db = shared_tmp / "open" / "x.sqlite"
    db.parent.mkdir(mode=0o777)
    db.parent.chmod(0o777)
    _index(shared_tmp / "treaties", db)
    _read_only(db)
    db.with_name("x.sqlite.lock").chmod(0o666)  # the lock may be taken, the index not written
    shutil.copyfile(CORPORA / "rio-1947.en.txt", shared_tmp / "treaties" / "rio-1947.en.txt")
    result = _cli("index", str(shared_tmp / "treaties"), "--db", str(db), cwd=shared_tmp,
                  user=reader)  # fmt: skip
    _refused(result, "may not be written")


def _damaged(kind: str, good: Path, path: Path) -> Path:
    """A damaged copy of the index *good*: truncated, random bytes, a foreign schema, or
    pages of it overwritten."""
    data = good.read_bytes()
    if kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "random":
        path.write_bytes(os.urandom(len(data)))
    elif kind == "foreign":
        import sqlite3

        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE meta (key, value)")
            db.execute("INSERT INTO meta VALUES ('schema_version', '4')")
        db.close()
    else:  # the middle of the file overwritten, its header kept
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes(len(data) - middle))
    return path


@pytest.mark.parametrize("kind", ["truncated", "random", "foreign", "overwritten"])
def test_a_damaged_index_is_bad_input(kind: str, tmp_path: Path) -> None:
    """search, --article, lineage and index on a damaged index file: exit status 2 and what
    is wrong with the file, never an internal error."""
    good = tmp_path / "good.sqlite"
    _index(tmp_path / "treaties", good)
    db = _damaged(kind, good, tmp_path / "damaged.sqlite")
    for args in (
        ["search", NATO_5, "--db", str(db)],
        ["search", "--article", "nato-1949.en:5", "--db", str(db)],
        ["lineage", "--db", str(db)],
        ["index", str(tmp_path / "treaties"), "--db", str(db)],
    ):
        result = _cli(*args, cwd=tmp_path)
        _refused(result, str(db.name))
        assert any(w in result.stderr for w in ("damaged", "not a usable", "not a clausediff"))


def test_a_full_disk_during_index_names_the_cause(tmp_path: Path) -> None:
    """A disk that fills up while `index` writes (a file size limit in a subprocess): exit
    status 2 and the cause, not 'cannot rollback'; the next run completes the index."""
    import resource
    import signal

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (150_000, 150_000))

    db = tmp_path / "x.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", "index", str(CORPORA), "--db", str(db)],
        capture_output=True, text=True, check=False, preexec_fn=small_disk, timeout=300,
    )  # fmt: skip
    _refused(result, "disk", "x.sqlite")
    assert "rollback" not in result.stderr
    assert main(["index", str(CORPORA), "--db", str(db)]) == 0


@pytest.mark.parametrize("option", ["--query-file", "--queries"])
def test_an_endless_or_blocking_query_file_is_refused(option: str, tmp_path: Path) -> None:
    """--query-file and --queries from /dev/zero, a FIFO with no writer, or a file over the
    size limit: refused at once, naming what the file is or the limit."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(300 * 2**20)  # sparse: larger than either limit
    for name, words in ((os.devnull.replace("null", "zero"), ("is a device",)),
                        (str(fifo), ("is a FIFO",)), (str(big), ("limit", "bytes"))):  # fmt: skip
        _refused(_cli("search", option, name, cwd=tmp_path), *words)  # the bundled corpus


def test_an_overlong_query_names_the_limit() -> None:
    """A query over QUERY_LIMIT characters is refused, naming the limit."""
    from clausediff.corpus.facade import QUERY_LIMIT, Corpus
    from clausediff.errors import InputError

    with Corpus.bundled() as corpus, pytest.raises(InputError, match="limit of 4,000,000"):
        corpus.search("word " * (QUERY_LIMIT // 5 + 1))


def test_a_search_that_runs_too_long_is_stopped(tmp_path: Path) -> None:
    """An index built to be slow to search (thousands of articles holding the query's words)
    is searched within the time limit, or the search stops, naming the limit."""
    from clausediff.corpus.facade import Corpus
    from clausediff.errors import InputError

    clause = "The Parties shall consult together whenever the security of any of them is at risk."
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "slow.txt").write_text(
        "".join(f"Article {n}\n\n{clause} Item {n}.\n\n" for n in range(1, 3001)), "utf-8"
    )
    with Corpus.from_directory(tmp_path / "t", db=tmp_path / "slow.sqlite") as corpus:
        with pytest.raises(InputError, match=r"time limit of 0\.01 s"):
            corpus.search(clause, timeout=0.01)
        assert corpus.search(clause, top=3, timeout=None).hits  # unbounded, it finishes


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_is_not_called_binary(codec: str, tmp_path: Path) -> None:
    """UTF-16 with no byte-order mark is read (its encoding named as detected); UTF-16 read
    in a one-byte encoding the caller named is said to be UTF-16, not binary."""
    text = (CORPORA / "nato-1949.en.txt").read_text("utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_bytes(text.encode(codec))
    result = _cli("parse", str(plain), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert codec in result.stderr
    marked = tmp_path / "marked.txt"
    marked.write_bytes(("\ufeff" + text).encode(codec))
    for path in (plain, marked):
        result = _cli("parse", str(path), "--encoding", "latin-1", cwd=tmp_path)
        _refused(result, "UTF-16")
        assert "binary" not in result.stderr


def test_special_files_are_named_for_what_they_are(tmp_path: Path) -> None:
    """A FIFO, a device, a loop of symbolic links and a link to nothing are each named,
    for parse and --query-file, at once (a FIFO with no writer does not block)."""
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "loop-a.txt").symlink_to(tmp_path / "loop-b.txt")
    (tmp_path / "loop-b.txt").symlink_to(tmp_path / "loop-a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    cases = {
        "fifo.txt": "is a FIFO",
        "/dev/zero": "is a device",
        "/dev/null": "is a device",
        "loop-a.txt": "loop of symbolic links",
        "gone.txt": "symbolic link to",
    }
    for name, words in cases.items():
        for args in (["parse", name], ["search", "--query-file", name]):
            result = _cli(*args, cwd=tmp_path)
            _refused(result, words)
            assert "no such file" not in result.stderr


def test_reindexing_in_a_corrected_encoding_replaces_the_text(tmp_path: Path) -> None:
    """A cp1251 treaty indexed as latin-1 (mojibake), then again as cp1251: the second run
    updates the document (the encoding is part of what decides a change)."""
    from clausediff.corpus.facade import Corpus

    directory = tmp_path / "t"
    directory.mkdir()
    russian = "Стороны будут консультироваться всякий раз, когда безопасность под угрозой."
    text = f"Treaty\n\nArticle 1\n\n{russian}\n\nArticle 2\n\nДоговор вступает в силу.\n"
    (directory / "ru.txt").write_bytes(text.encode("cp1251"))
    db = tmp_path / "x.sqlite"
    assert main(["index", str(directory), "--db", str(db), "--encoding", "latin-1"]) == 0
    with Corpus.open(db) as corpus:
        assert russian not in corpus.article_text("ru", "1")[1]
    with Corpus.from_directory(directory, db=db, encoding="cp1251") as corpus:
        assert corpus.report is not None
        assert corpus.report.updated == ("ru",) or list(corpus.report.updated) == ["ru"]
        assert russian in corpus.article_text("ru", "1")[1]
        assert corpus.search(russian, top=1).hits[0].document == "ru"


def test_writes_left_in_the_log_of_a_read_only_index_are_named(
    shared_tmp: Path, reader: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index copied with writes still in its write-ahead log, into a directory one may
    not write: refused, naming the log (read as immutable, the log would go unread)."""
    import sqlite3

    db = shared_tmp / "index.sqlite"
    _index(shared_tmp / "treaties", db)
    capsys.readouterr()
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO meta VALUES ('written', 'after the copy')")
    writer.commit()
    copy = shared_tmp / "copy"
    copy.mkdir(mode=0o755)
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{db}{suffix}", copy / f"index.sqlite{suffix}")
    writer.close()
    assert (copy / "index.sqlite-wal").stat().st_size > 0
    _read_only(copy)
    result = _cli("search", NATO_5, "--db", str(copy / "index.sqlite"), cwd=shared_tmp,
                  user=reader)  # fmt: skip
    _refused(result, "write-ahead log")
