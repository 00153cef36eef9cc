"""Named text steps for MATCHING ONLY: the stored text and its offsets never change.

Each step has a name, says what it guarantees, and is idempotent (applying it twice gives what
applying it once gives). ``normalize`` chains them for character-level scores; the token layer
(``clausediff.match.tokens``) keys words the same way while keeping their source offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence

import attrs

__all__ = ["DEFAULT_STEPS", "STEPS", "Step", "nfkc", "normalize", "quotes_dashes"]


@attrs.frozen
class Step:
    """One normalization step: a name, what it guarantees, and the function."""

    name: str
    guarantee: str
    apply: Callable[[str], str] = attrs.field(eq=False, repr=False)


_QUOTES_DASHES = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-", "﹣": "-",
    }
)  # fmt: skip
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\r?\n[ \t]*(?=\w)")
_SPACES = re.compile(r"\s+")


def nfkc(text: str) -> str:
    """Unicode compatibility forms folded (NFKC)."""
    return unicodedata.normalize("NFKC", text)


def _casefold(text: str) -> str:
    return text.casefold()


def quotes_dashes(text: str) -> str:
    """Curly quotes made straight, dashes plain, soft hyphens and zero-width characters dropped."""
    return _INVISIBLE.sub("", text.translate(_QUOTES_DASHES))


def _dehyphenate(text: str) -> str:
    return _HYPHEN_BREAK.sub("", text)


def _whitespace(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


#: Every step, by name.
STEPS: dict[str, Step] = {
    step.name: step
    for step in (
        Step("nfkc", "compatibility forms folded: full-width letters, ligatures, ¹", nfkc),
        Step("casefold", "case ignored, including ß = ss", _casefold),
        Step(
            "quotes_dashes",
            "curly quotes are straight, every dash is '-', soft hyphens and zero-width "
            "characters are gone",
            quotes_dashes,
        ),
        Step(
            "dehyphenate",
            "a word broken at a line end is whole: con-\\ntinue = continue",
            _dehyphenate,
        ),
        Step(
            "whitespace",
            "runs of blanks and line breaks are one space, none at the ends",
            _whitespace,
        ),
    )
}
#: The steps ``normalize`` applies by default, in order.
DEFAULT_STEPS: tuple[str, ...] = ("nfkc", "casefold", "quotes_dashes", "dehyphenate", "whitespace")


def normalize(text: str, steps: Sequence[str] = DEFAULT_STEPS) -> str:
    """Apply the named *steps* to *text*, in order.

    Raises:
        KeyError: a step name that is not in ``STEPS``.
    """
    for name in steps:
        text = STEPS[name].apply(text)
    return text
