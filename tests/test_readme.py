"""The README's examples are real: its console sessions and Python snippets run as shown."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"```(?P<lang>\w*)\n(?P<body>.*?)```", re.DOTALL)


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


def _synopses() -> dict[str, str]:
    """Each command's synopsis in the README: the lines of a plain code block that start with
    ``clausediff COMMAND``, with their indented continuations."""
    found: dict[str, str] = {}
    for body in _blocks(""):
        command = None
        for line in body.splitlines():
            if line.startswith("clausediff "):
                command = line.split()[1]
                found[command] = found.get(command, "") + line + "\n"
            elif line.startswith(" ") and command is not None:
                found[command] += line + "\n"
            else:
                command = None
    return found


def _commands() -> dict[str, argparse.ArgumentParser]:
    from clausediff.cli.app import build_parser

    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subparsers.choices)


def test_readme_documents_every_command() -> None:
    """Every command of the CLI has a synopsis in the README, and the README names no other."""
    assert set(_synopses()) == set(_commands())


@pytest.mark.parametrize("command", sorted(_commands()))
def test_readme_documents_every_option(command: str) -> None:
    """Each option of each command appears in its README synopsis, with its metavar and every
    choice of its value (``--format text|json|markdown|html``)."""
    synopsis = _synopses()[command]
    for action in _commands()[command]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional argument: its metavar
            assert str(action.metavar or action.dest) in synopsis, (command, action.dest)
            continue
        long = max(action.option_strings, key=len)
        assert re.search(rf"{re.escape(long)}\b", synopsis), (command, long)
        if action.choices:
            shown = "|".join(str(c) for c in action.choices)
            assert f"{long} {shown}" in synopsis, (command, long, shown)
        elif action.metavar:
            assert f"{long} {action.metavar}" in synopsis, (command, long, action.metavar)


def test_option_check_is_not_vacuous() -> None:
    """The synopses really are read: parse's lists its --encoding and --format choices."""
    synopsis = _synopses()["parse"]
    assert "--format outline|text|json|akn" in synopsis
    assert "--encoding ENC" in synopsis
