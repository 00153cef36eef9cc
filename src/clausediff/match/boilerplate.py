"""Treaty boilerplate: phrases that come in variants saying the same thing ("the other
Contracting Party", "the other side", "the other High Contracting Party").

``Boilerplate`` rows name a canonical phrase and its variants; ``collapse_boilerplate`` turns
each variant among a clause's tokens into one token keyed by the canonical phrase, whose
offsets still run over the variant's words in the source. The default table is
``DEFAULT_BOILERPLATE``; pass your own rows to extend or replace it. ``word_keys`` and
``boilerplate_spans`` do the same for callers that hold keys without offsets (alignment
scores, the index).
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat

import attrs

from clausediff.match.normalization import DEFAULT_NORMALIZER, Normalizer
from clausediff.match.tokens import Token, word_tokens
from clausediff.model import Span

__all__ = [
    "DEFAULT_BOILERPLATE",
    "Boilerplate",
    "boilerplate_spans",
    "collapse_boilerplate",
    "word_keys",
]


@attrs.frozen
class Boilerplate:
    """Treaty phrases that say the same thing; each variant matches as ``canonical``."""

    canonical: str
    variants: tuple[str, ...]


#: The default boilerplate table: conservative, one legal role per row.
DEFAULT_BOILERPLATE: tuple[Boilerplate, ...] = (
    Boilerplate(
        "the other party",
        (
            "the other contracting party",
            "the other high contracting party",
            "the other side",
            "the other party",
            "the other state party",
        ),
    ),
    Boilerplate(
        "the parties",
        (
            "the contracting parties",
            "the high contracting parties",
            "the two contracting parties",
            "the contracting sides",
            "the two sides",
            "both sides",
            "the parties",
            "the states parties",
        ),
    ),
    Boilerplate(
        "either party",
        (
            "either of the contracting parties",
            "either of the high contracting parties",
            "either contracting party",
            "either party",
            "either of the parties",
            "one of the contracting parties",
            "one of the parties",
            "any one of the two sides",
            "one of the two sides",
            "one of the sides",
        ),
    ),
)


def _phrase_keys(phrase: str, normalizer: Normalizer) -> tuple[str, ...]:
    return tuple(t.key for t in word_tokens(phrase, normalizer=normalizer))


def word_keys(
    text: str,
    table: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    *,
    normalizer: Normalizer = DEFAULT_NORMALIZER,
    skip: Sequence[Span] = (),
    offset: int = 0,
) -> list[str]:
    """The keys of *text*'s words and units, boilerplate collapsed, without offsets: the fast
    path for scoring many articles at once. The keys of ``collapse_boilerplate(tokenize(text))``,
    but for a variant whose words a mark divides (*skip* holds document offsets, *offset* is
    where *text* starts in its document)."""
    keys = [t.key for t in word_tokens(text, offset, normalizer=normalizer, skip=skip)]
    pattern, canonical, lasts = _phrases(tuple(table), normalizer)
    if pattern is None or lasts.isdisjoint(keys):
        return keys  # (a variant ends on one of the last words: none is here)
    # one regular-expression pass over the joined keys finds every variant; a unit separator
    # holds each canonical phrase together through the split
    joined = pattern.sub(lambda m: " " + canonical[m.group(1)], " " + " ".join(keys))
    return [k.replace(_GLUE, " ") if _GLUE in k else k for k in joined.split(" ") if k]


_GLUE = "\x1f"
_KEY = operator.itemgetter(0)  # a token's key


@functools.lru_cache(maxsize=32)
def _phrases(
    table: tuple[Boilerplate, ...], normalizer: Normalizer
) -> tuple[re.Pattern[str] | None, dict[str, str], frozenset[str]]:
    """The table's variants as one pattern (``None`` when no variant has two words or more),
    the canonical phrase of each variant (its words glued by ``_GLUE``), and the last word of
    every variant: keys that hold none of those hold no variant."""
    canonical: dict[str, str] = {}
    lasts: set[str] = set()
    for row in table:
        glued = _GLUE.join(_phrase_keys(row.canonical, normalizer))
        for variant in row.variants:
            keys = _phrase_keys(variant, normalizer)
            if len(keys) >= 2:
                canonical.setdefault(" ".join(keys), glued)
                lasts.add(keys[-1])
    if not canonical:
        return None, canonical, frozenset()
    alternatives = sorted(canonical, key=lambda v: (-v.count(" "), v))
    # searched in " " + the keys joined by spaces: the literal space before a variant lets
    # the engine look only at word starts (a look-behind there made it try every character)
    pattern = re.compile(" (" + "|".join(re.escape(v) for v in alternatives) + ")(?![^ ])")
    return pattern, canonical, frozenset(lasts)


def boilerplate_spans(
    keys: Sequence[str],
    table: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    *,
    normalizer: Normalizer = DEFAULT_NORMALIZER,
) -> list[tuple[int, int, str]]:
    """Where boilerplate variants stand among word keys: ``(first, end, canonical)`` for
    each, ``keys[first:end]`` being a variant of the phrase ``canonical`` (longest variants
    first, left to right, as ``collapse_boilerplate`` finds them among words with no mark
    between). The fast path for callers that hold keys without offsets (an index)."""
    pattern, canonical, _ = _phrases(tuple(table), normalizer)
    if pattern is None or not keys:
        return []
    joined = " ".join(keys)
    found = list(pattern.finditer(" " + joined))
    if not found:
        return []
    starts = list(accumulate(map(len, keys), lambda at, n: at + n + 1, initial=0))
    return [  # offsets in " " + joined are one more than in joined
        (
            bisect.bisect_right(starts, m.start(1) - 1) - 1,
            bisect.bisect_right(starts, m.end(1) - 1),
            canonical[m.group(1)].replace(_GLUE, " "),
        )
        for m in found
    ]


def collapse_boilerplate(
    tokens: Sequence[Token],
    table: Iterable[Boilerplate] = DEFAULT_BOILERPLATE,
    *,
    normalizer: Normalizer = DEFAULT_NORMALIZER,
) -> list[Token]:
    """The word tokens, each boilerplate variant among them replaced by one canonical token.

    The new token's key is the canonical phrase and its offsets run from the variant's first
    word to its last, so a match on it still cites the source. Longest variants win, and a
    variant's words must follow one another with no mark between. Marks are dropped:
    passages are runs of words.
    """
    pattern, canonical, lasts = _phrases(tuple(table), normalizer)
    words = [t for t in tokens if t[3]]
    # most articles hold none of the words variants end on (in C, without joining the keys)
    if pattern is None or not words or lasts.isdisjoint(map(_KEY, words)):
        return words
    # the keys joined by spaces, with a NUL for each mark: a variant's words follow one
    # another with no mark (a full stop) between, so a NUL stops a match
    keys = [t[0] if t[3] else "\x00" for t in tokens]
    joined = " ".join(keys)
    found = list(pattern.finditer(" " + joined))
    if not found:
        return words
    starts = list(accumulate(map(operator.add, map(len, keys), repeat(1)), initial=0))
    out: list[Token] = []
    done = 0
    for m in found:
        # the variant (group 1) starts at a key's start, after the pattern's literal space, and
        # ends at one's end; offsets in " " + joined are one more than in joined
        first = bisect.bisect_left(starts, m.start(1) - 1)
        last = bisect.bisect_right(starts, m.end(1) - 1) - 1
        out += [t for t in tokens[done:first] if t[3]]
        glued = canonical[m.group(1)]
        out.append(Token(glued.replace(_GLUE, " "), tokens[first].start, tokens[last].end, True))
        done = last + 1
    out += [t for t in tokens[done:] if t[3]]
    return out
