"""The README's examples are real: its console sessions and Python snippets run as shown."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"```(?P<lang>\w+)\n(?P<body>.*?)```", re.DOTALL)


def _blocks(lang: str) -> list[str]:
    return [
        m.group("body")
        for m in _BLOCK.finditer(README.read_text(encoding="utf-8"))
        if m.group("lang") == lang
    ]


def _sessions() -> list[tuple[str, str]]:
    sessions = []
    for body in _blocks("console"):
        command, _, output = body.partition("\n")
        sessions.append((command.removeprefix("$ "), output))
    return sessions


def test_readme_has_examples() -> None:
    """The README shows at least one console session and one Python snippet."""
    assert _sessions()
    assert _blocks("python")


def test_readme_setup_commands() -> None:
    """The first screen gives exactly the two set-up commands."""
    setup = _blocks("sh")[0].strip().splitlines()
    assert setup == [
        "pip install . && clausediff compare russia-dprk-2024 ussr-dprk-1961 --article 4:1",
        "pip install -e '.[test]' && pytest",
    ]


@pytest.mark.parametrize(("command", "output"), _sessions())
def test_readme_console_output(command: str, output: str, tmp_path: Path) -> None:
    """Each console session prints exactly what the README shows, from any directory."""
    argv = shlex.split(command)
    assert argv[0] == "clausediff"
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    result = subprocess.run(
        [sys.executable, "-m", "clausediff", *argv[1:]],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output


@pytest.mark.parametrize("snippet", _blocks("python"))
def test_readme_python_snippets(snippet: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each Python snippet runs, and prints what its ``# `` comment lines say."""
    exec(compile(snippet, str(README), "exec"), {})
    expected = [line.removeprefix("# ") for line in snippet.splitlines() if line.startswith("# ")]
    printed = capsys.readouterr().out.splitlines()
    assert printed == expected
