"""``python -m clausediff``: the same as the ``clausediff`` command."""

from clausediff.cli import run

run()
