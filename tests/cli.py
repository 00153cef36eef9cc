"""What the tests of the command line share: running it in this process."""

from __future__ import annotations

import pytest

from clausediff.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``clausediff ARGV``; its exit status, standard output and standard error."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err
