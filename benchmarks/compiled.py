#!/usr/bin/env python3
"""What compiling the matching modules to C would buy: ``matching.py speed`` with and without.

The modules named (by default the four whose time is most in Python loops: passages,
scores, diff, tokens) are copied with the rest of the package into a scratch directory and
compiled there by mypyc (it comes with mypy, the test extra; it needs a C compiler and the
Python headers). ``matching.py speed`` then runs on the copy and on the source in turn,
``--rounds`` times each, and the best per-pair time of each is compared. Nothing in the
project is changed. A module mypyc cannot compile, or one that fails at import once compiled
(attrs classes are not native classes to mypyc), is reported with the error's last line.

Usage: python benchmarks/compiled.py [--shared ../shared] [--rounds 3]
       [--modules passages scores diff tokens]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODULES = ("passages", "scores", "diff", "tokens")
_PER_PAIR = re.compile(r"clausediff=([0-9.]+) ms redlines=([0-9.]+) ms")


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def _speed(shared: Path, pythonpath: str | None) -> tuple[float, float]:
    """One run of ``matching.py speed``: ours and redlines' per-pair milliseconds."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    command = [sys.executable, str(ROOT / "benchmarks" / "matching.py"), "--shared", str(shared)]
    done = subprocess.run([*command, "speed"], capture_output=True, text=True, env=env)
    found = _PER_PAIR.search(done.stdout)
    if done.returncode != 0 or found is None:
        sys.exit(f"matching.py speed failed: {_last_line(done.stderr or done.stdout)}")
    return float(found[1]), float(found[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--modules", nargs="+", default=list(DEFAULT_MODULES))
    args = parser.parse_args()
    if shutil.which("mypyc") is None:
        sys.exit("compiled.py: needs mypyc (pip install mypy) and a C compiler")
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "src"
        shutil.copytree(ROOT / "src", copy, ignore=shutil.ignore_patterns("__pycache__"))
        paths = [f"clausediff/match/{name}.py" for name in args.modules]
        built = subprocess.run(
            ["mypyc", "--ignore-missing-imports", *paths], cwd=copy, capture_output=True, text=True
        )
        if built.returncode != 0:
            sys.exit(f"mypyc could not compile {args.modules}: {_last_line(built.stdout)}")
        check = subprocess.run(
            [sys.executable, "-c", "import clausediff.match.align"],
            cwd=scratch,
            env={**os.environ, "PYTHONPATH": str(copy)},
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            sys.exit(f"compiled, but the import fails: {_last_line(check.stderr)}")
        compiled: list[float] = []
        plain: list[float] = []
        theirs: list[float] = []
        for _ in range(args.rounds):  # in turn, so that the machine's load falls on both
            ours, redlines = _speed(args.shared, str(copy))
            compiled.append(ours)
            theirs.append(redlines)
            ours, redlines = _speed(args.shared, None)
            plain.append(ours)
            theirs.append(redlines)
    print(
        f"compiled {' '.join(args.modules)}: per pair {min(compiled):.2f} ms against "
        f"{min(plain):.2f} ms as Python ({min(compiled) / min(plain):.2f} of the time); "
        f"redlines {min(theirs):.2f} ms, ratio compiled {min(compiled) / min(theirs):.2f}"
    )


if __name__ == "__main__":
    main()
