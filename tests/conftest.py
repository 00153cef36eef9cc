"""Shared fixtures: where the ../shared data sets are, when they are present; an empty
working directory; the bundled corpus indexed once for the tests that only read it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture
def shared_dir() -> Path:
    """The ../shared directory; the test is skipped when it is absent."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not present beside this checkout")
    return SHARED


@pytest.fixture
def in_empty_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test runs in an empty directory: no ./clausediff.sqlite is found by default."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus indexed to a file on one process, made once for the session: tests
    read it, and copy it before they run what may leave work beside it."""
    from clausediff.bundled import bundled_corpus_dir
    from clausediff.corpus.facade import Corpus

    db = tmp_path_factory.mktemp("bundled") / "index.sqlite"
    Corpus.from_directory(bundled_corpus_dir(), db=db, workers=1).close()
    return db


def pytest_report_header() -> str:
    """Say which clausediff is under test: the source tree (editable) or an installed wheel."""
    import clausediff

    return f"clausediff {clausediff.__version__} from {Path(clausediff.__file__).parent}"
