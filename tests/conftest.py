"""Shared fixtures: where the ../shared data sets are, when they are present."""

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


def pytest_report_header() -> str:
    """Say which clausediff is under test: the source tree (editable) or an installed wheel."""
    import clausediff

    return f"clausediff {clausediff.__version__} from {Path(clausediff.__file__).parent}"
