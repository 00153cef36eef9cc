"""Tokens for matching: words and marks with normalized keys and offsets into the source.

``tokenize`` cuts a clause into word and punctuation tokens whose *keys* are normalized (as the
steps of ``clausediff.match.normalization`` do) while their offsets still point into the
source, so every match can be cited exactly.

Treaty boilerplate comes in variants that say the same thing ("the other Contracting Party",
"the other side", "the other party"). ``Boilerplate`` rows name a canonical phrase and its
variants; ``collapse_boilerplate`` turns each variant, wherever it occurs, into one token
keyed by the canonical phrase. The default table is ``DEFAULT_BOILERPLATE``; pass your own
rows (``compare_clauses(..., boilerplate=...)``) to extend or replace it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from clausediff.match.normalization import nfkc, quotes_dashes

__all__ = [
    "DEFAULT_BOILERPLATE",
    "Boilerplate",
    "Token",
    "collapse_boilerplate",
    "tokenize",
    "word_keys",
    "word_tokens",
]


class Token(NamedTuple):
    """A word or punctuation mark: its normalized key and its offsets in the source.

    A named tuple rather than an attrs class: a long treaty has 100,000s of tokens, and tuple
    creation is several times cheaper.
    """

    key: str
    start: int
    end: int
    word: bool


# A word may run over an intra-word hyphen or apostrophe, or over a hyphen at a line end.
_TOKEN = re.compile(
    r"(?P<word>\w+(?:(?:[-‐'’]|-[ \t]*\r?\n[ \t]*)\w+)*)|(?P<punct>[^\w\s])", re.UNICODE
)
_NON_WORD = re.compile(r"[\W_]+")
# the word alternative of _TOKEN alone: finds exactly the words tokenize() finds
_WORD_TOKEN = re.compile(r"\w+(?:(?:[-‐'’]|-[ \t]*\r?\n[ \t]*)\w+)*")


def _word_key(word: str) -> str:
    # tokenize() takes a shortcut for plain ASCII words (lower()), which gives the same key
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", word).casefold())


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Cut *text* into tokens whose offsets are ``offset`` + their index in *text*.

    A word's key is its NFKC, case-folded letters and digits: ``Co-operation``,
    ``co-\\noperation`` and ``cooperation`` share the key ``cooperation``. A punctuation
    token's key is the mark with quotes and dashes made plain.
    """
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__  # Token(...) goes through a Python-level __new__; this does not
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.lastgroup == "word":
            word = m.group()
            key = word.lower() if word.isascii() and word.isalnum() else _word_key(word)
            if key:
                append(new(Token, (key, offset + start, offset + end, True)))
        else:
            mark = quotes_dashes(nfkc(m.group()))
            if mark:
                append(new(Token, (mark, offset + start, offset + end, False)))
    return tokens


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


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokenize(phrase) if t.word)


@functools.lru_cache(maxsize=32)
def _compile(
    table: tuple[Boilerplate, ...],
) -> dict[tuple[str, str], list[tuple[tuple[str, ...], str]]]:
    """Variants by their first two words, longest first; one-word variants are ignored."""
    by_start: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for row in table:
        canonical = " ".join(_phrase_keys(row.canonical))
        for variant in row.variants:
            keys = _phrase_keys(variant)
            if len(keys) >= 2:
                by_start.setdefault((keys[0], keys[1]), []).append((keys, canonical))
    for options in by_start.values():
        options.sort(key=lambda option: -len(option[0]))
    return by_start


def word_keys(text: str, table: Iterable[Boilerplate] = DEFAULT_BOILERPLATE) -> list[str]:
    """The keys of *text*'s words, boilerplate collapsed, without offsets: the fast path for
    scoring many articles at once. Same keys as ``collapse_boilerplate(tokenize(text))``."""
    keys = [
        word.lower() if word.isascii() and word.isalnum() else _word_key(word)
        for word in _WORD_TOKEN.findall(text)
    ]
    pattern, canonical = _phrase_pattern(tuple(table))
    if pattern is None:
        return [k for k in keys if k]
    # one regular-expression pass over the joined keys finds every variant; a unit separator
    # holds each canonical phrase together through the split
    joined = pattern.sub(lambda m: canonical[m.group()], " ".join(k for k in keys if k))
    return [k.replace(_GLUE, " ") if _GLUE in k else k for k in joined.split(" ") if k]


_GLUE = "\x1f"


@functools.lru_cache(maxsize=32)
def _phrase_pattern(
    table: tuple[Boilerplate, ...],
) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    canonical: dict[str, str] = {}
    for row in table:
        glued = _GLUE.join(_phrase_keys(row.canonical))
        for variant in row.variants:
            keys = _phrase_keys(variant)
            if len(keys) >= 2:
                canonical.setdefault(" ".join(keys), glued)
    if not canonical:
        return None, canonical
    alternatives = sorted(canonical, key=lambda v: (-v.count(" "), v))
    pattern = re.compile(
        "(?<![^ ])(?:" + "|".join(re.escape(v) for v in alternatives) + ")(?![^ ])"
    )
    return pattern, canonical


def word_tokens(text: str, offset: int = 0) -> list[Token]:
    """The word tokens of ``tokenize(text, offset)``, without the punctuation: faster, for
    callers that match words only (search)."""
    new = tuple.__new__
    tokens: list[Token] = []
    append = tokens.append
    for m in _WORD_TOKEN.finditer(text):
        word = m.group()
        key = word.lower() if word.isascii() and word.isalnum() else _word_key(word)
        if key:
            start, end = m.span()
            append(new(Token, (key, offset + start, offset + end, True)))
    return tokens


def collapse_boilerplate(
    tokens: Sequence[Token], table: Iterable[Boilerplate] = DEFAULT_BOILERPLATE
) -> list[Token]:
    """The word tokens, each boilerplate variant among them replaced by one canonical token.

    The new token's key is the canonical phrase and its offsets run from the variant's first
    word to its last, so a match on it still cites the source. Longest variants win.
    Punctuation tokens are dropped: passages are runs of words.
    """
    by_start = _compile(tuple(table))
    words = [t for t in tokens if t.word]
    out: list[Token] = []
    i, n = 0, len(words)
    while i < n:
        options = by_start.get((words[i].key, words[i + 1].key)) if i + 1 < n else None
        if options:
            for keys, canonical in options:
                size = len(keys)
                if tuple(t.key for t in words[i : i + size]) == keys:
                    out.append(Token(canonical, words[i].start, words[i + size - 1].end, True))
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        else:
            out.append(words[i])
            i += 1
    return out
