"""What the command-line modules share: exit statuses, usage errors, colour."""

from __future__ import annotations

import os
from typing import TextIO

from clausediff.errors import ClauseDiffError

__all__ = ["EXIT_OK", "EXIT_USAGE", "UsageError", "use_color"]

EXIT_OK, EXIT_USAGE = 0, 2


class UsageError(ClauseDiffError):
    """Options that cannot go together, or an option value of the wrong form."""


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    return stream.isatty() and not os.environ.get("NO_COLOR")
