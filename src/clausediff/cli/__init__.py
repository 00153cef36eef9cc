"""The command line: the only part of clausediff that reads arguments, prints and sets exit
statuses (``app``: the parser and ``main``; ``entry``: ``run``, the process's entry point;
``documents``: parse, compare, corpus; ``corpus``: index, search, lineage; ``common``: what
they share)."""

from clausediff.cli.app import main
from clausediff.cli.entry import run

__all__ = ["main", "run"]
