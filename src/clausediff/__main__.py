"""``python -m clausediff``: the same as the ``clausediff`` command."""

import sys

from clausediff.cli import main

sys.exit(main())
