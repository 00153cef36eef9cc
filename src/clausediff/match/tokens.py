"""Tokens for matching: words, units of unspaced scripts and marks, with normalized keys and
offsets into the source.

One token layer serves every comparison, alignment, index and search:

- In scripts that space their words (Latin, Cyrillic, Greek, Hangul, Arabic ...), a token is
  a word. A word runs over intra-word hyphens, apostrophes and invisible characters, and over a
  hyphen at a line end (``con-\\ntinue``), so that its key (see
  ``clausediff.match.normalization``) is the same however the word was printed.
- In Han, kana and the scripts of South-East Asia, a token is one character (a *unit*):
  whitespace and line breaks inside such text are not tokens, so a line wrapped anywhere still
  matches.
- Marks (punctuation) are tokens for the redline only.
- A word that is a known first part of an open compound (``self defence``, ``non aggression``,
  ``peace time``) is joined to the next, so that open, hyphenated and closed forms give one key;
  ``join_compounds`` does the same, between two texts, for any compound one of them writes
  closed.
- Spans to *skip* (page furniture: page numbers, running heads) give no tokens at all.

Boilerplate variants ("the other side" for "the other Contracting Party") are made one
token by ``clausediff.match.boilerplate``.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import accumulate, compress, count, repeat
from typing import NamedTuple

from clausediff.match.normalization import DEFAULT_NORMALIZER, Normalizer
from clausediff.model import Span
from clausediff.scripts import UNIT, UNIT_CHARS, is_unit, may_hold_units

__all__ = [
    "COMPOUND_FIRSTS",
    "COMPOUND_PAIRS",
    "Token",
    "is_unit",
    "join_compounds",
    "match_text",
    "normalize",
    "tokenize",
    "word_tokens",
]


class Token(NamedTuple):
    """A word, a unit or a mark: its normalized key and its offsets in the source.

    ``word`` is true for words and units (what passages are made of), false for marks. A
    named tuple rather than an attrs class: a long treaty has 100,000s of tokens, and tuple
    creation is several times cheaper.
    """

    key: str
    start: int
    end: int
    word: bool


_SUPERSCRIPTS = "¹²³\u2070-\u209f"  # note marks and exponents: never part of a word
_LETTER = f"[^\\W_{UNIT_CHARS}{_SUPERSCRIPTS}]"
# a hyphen at a line end joins the word's halves, a page-number line between them included
_LINE_BREAK = r"-[ \t]*(?:\r\n?|\n)(?:[ \t\f]*\d{1,4}[ \t]*(?:\r\n?|\n))?[ \t]*"
_JOIN_CHARS = "-‐'’\u00ad\u200b\u200c\u200d\u2060"  # the leading "-" is literal in a class
_JOIN = f"[{_JOIN_CHARS}]+|{_LINE_BREAK}"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACED_LETTER = f"[^\\W_{_SUPERSCRIPTS}]"
_SPACED_WORD = f"{_SPACED_LETTER}+(?:(?:{_JOIN}){_SPACED_LETTER}+)*"
_MARK = f"[^\\w\\s{_INVISIBLE}]"
# texts with no unspaced script (most) need no unit alternative, whose class is slow to compile
_SPACED_TOKEN = re.compile(f"({_SPACED_WORD}|{_MARK})")
_SPACED_WORD_TOKEN = re.compile(f"({_SPACED_WORD})")
# most articles hold nothing that joins the parts of a word (a hyphen, an apostrophe, an
# invisible character): there a word is a run of letters, found a quarter faster
_JOINS = re.compile(f"[{_JOIN_CHARS}]")
_PLAIN_TOKEN = re.compile(f"({_SPACED_LETTER}+|{_MARK})")
_PLAIN_WORD_TOKEN = re.compile(f"({_SPACED_LETTER}+)")


@functools.cache
def _unit_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    word = f"{UNIT}|{_LETTER}+(?:(?:{_JOIN}){_LETTER}+)*"
    return re.compile(f"({word}|{_MARK})"), re.compile(f"({word})")


def _patterns(text: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The token and word patterns for *text*."""
    if may_hold_units(text):
        return _unit_patterns()
    if _JOINS.search(text) is None:
        return _PLAIN_TOKEN, _PLAIN_WORD_TOKEN
    return _SPACED_TOKEN, _SPACED_WORD_TOKEN


_FIRST_CHAR = operator.itemgetter(0)
_KEY = operator.itemgetter(0)  # a token's key

#: First parts of compounds that are written open, hyphenated or closed: ``self defence``,
#: ``self-defence`` and ``selfdefence`` are one key. Data: extend it for other compounds.
COMPOUND_FIRSTS: frozenset[str] = frozenset(
    "self non co anti multi semi quasi sub inter intra trans".split()
)
#: Two-word compounds whose first part is also an ordinary word: ``peace time``.
COMPOUND_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {
        ("peace", "time"),
        ("war", "time"),
        ("sea", "bed"),
        ("air", "space"),
        ("air", "craft"),
        ("life", "time"),
        ("further", "more"),
    }
)
_MAX_COMPOUND_GAP = 3  # characters between the parts of an open compound: " ", " - "


def _skipping(tokens: list[Token], skip: Sequence[Span]) -> list[Token]:
    """*tokens* without those that start inside a span of *skip* (sorted by start)."""
    if not skip:
        return tokens
    kept: list[Token] = []
    spans = sorted((s.start, s.end) for s in skip)
    at, n = 0, len(spans)
    for token in tokens:
        while at < n and spans[at][1] <= token.start:
            at += 1
        if at < n and spans[at][0] <= token.start:
            continue
        kept.append(token)
    return kept


def _open_compound(first: str, second: str) -> bool:
    return (first in COMPOUND_FIRSTS or (first, second) in COMPOUND_PAIRS) and second.isalpha()


_FIRSTS = COMPOUND_FIRSTS | {first for first, _ in COMPOUND_PAIRS}


def _join_open(tokens: list[Token], firsts: list[int], gap: _Gap | None) -> list[Token]:
    """Open compounds (``self defence``, ``self - defence``) joined into one token; *firsts*
    are the indexes of the tokens that may open one (``_FIRSTS``). Where *tokens* hold no
    marks, *gap* says whether the text between two words holds at most one dash as its only
    mark, as a mark token between them would."""
    if not firsts:
        return tokens
    out: list[Token] = []
    done = 0  # tokens before this index are in out
    n = len(tokens)
    for i in firsts:
        if i < done:
            continue
        token = tokens[i]
        j = i + 1
        if j < n and not tokens[j].word and tokens[j].key == "-":
            j += 1
        if (
            j < n
            and tokens[j].word
            and tokens[j].start - token.end <= _MAX_COMPOUND_GAP
            and _open_compound(token.key, tokens[j].key)
            and (gap is None or gap(token.end, tokens[j].start))
        ):
            nxt = tokens[j]
            out += tokens[done:i]
            out.append(Token(token.key + nxt.key, token.start, nxt.end, True))
            done = j + 1
    out += tokens[done:]
    return out


def _cut(
    pattern: re.Pattern[str], text: str, offset: int, normalizer: Normalizer, marks: bool
) -> list[Token]:
    """The tokens *pattern* (one capturing group) finds in *text*.

    The work is done by C loops over whole lists (a split, lengths, running sums, key
    look-ups), not a Python loop per token: a treaty has 100,000s of tokens.
    """
    parts = pattern.split(text)  # [gap, token, gap, token, ..., gap]
    surfaces = parts[1::2]
    if not surfaces:
        return []
    bounds = list(accumulate(map(len, parts), initial=offset))
    keys = normalizer.keys(surfaces)
    words = list(map(str.isalnum, map(_FIRST_CHAR, surfaces)))  # a word or unit opens so
    # token k is parts[2k + 1]: it starts at bounds[2k + 1] and ends at bounds[2k + 2]
    starts, ends = bounds[1:-1:2], bounds[2::2]
    tokens: list[Token] = list(
        map(tuple.__new__, repeat(Token), zip(keys, starts, ends, words, strict=True))
    )
    if "" in keys or (marks is False and False in words):
        # nothing of it is a letter or digit: no token; a mark where only words are wanted
        tokens = [t for t in tokens if t[0] and (marks or t[3])]
    return tokens


_Gap = Callable[[int, int], bool]
_MARKS = re.compile(_MARK)


def _dash_gap(text: str, offset: int, normalizer: Normalizer) -> _Gap:
    """Whether the text between two offsets holds no mark but, at most, one dash."""

    def plain(start: int, end: int) -> bool:
        marks = _MARKS.findall(text, start - offset, end - offset)
        return not marks or (len(marks) == 1 and normalizer.keys(marks) == ["-"])

    return plain


def _finish(tokens: list[Token], skip: Sequence[Span], gap: _Gap | None) -> list[Token]:
    tokens = _skipping(tokens, skip)
    if _FIRSTS.isdisjoint(map(_KEY, tokens)):
        return tokens
    # the indexes of the tokens that may open a compound (C loops: a treaty has many tokens)
    firsts = list(compress(count(), map(_FIRSTS.__contains__, map(_KEY, tokens))))
    return _join_open(tokens, firsts, gap)


def tokenize(
    text: str,
    offset: int = 0,
    *,
    normalizer: Normalizer = DEFAULT_NORMALIZER,
    skip: Sequence[Span] = (),
) -> list[Token]:
    """Cut *text* into tokens whose offsets are ``offset`` + their index in *text*.

    A word's key is its surface form through the *normalizer*'s steps: ``Co-operation``,
    ``co-\\noperation`` and ``cooperation`` share the key ``cooperation``; a unit's key is its
    character (Simplified, for a Traditional Chinese one); a mark's key is the mark with
    quotes and dashes made plain. Tokens starting inside a span of *skip* (document offsets)
    are left out.
    """
    return _finish(_cut(_patterns(text)[0], text, offset, normalizer, True), skip, None)


def word_tokens(
    text: str,
    offset: int = 0,
    *,
    normalizer: Normalizer = DEFAULT_NORMALIZER,
    skip: Sequence[Span] = (),
) -> list[Token]:
    """The words and units of ``tokenize(text, offset)``, without the marks: faster, for
    callers that match words only (search, alignment)."""
    tokens = _cut(_patterns(text)[1], text, offset, normalizer, False)
    return _finish(tokens, skip, _dash_gap(text, offset, normalizer))


def match_text(tokens: Iterable[Token]) -> str:
    """The text as matching sees it: the keys of the words, one space between words, none
    between units of an unspaced script (marks left out)."""
    spaced = " ".join([t.key for t in tokens if t.word])
    if not may_hold_units(spaced):
        return spaced
    parts: list[str] = []
    previous_unit = False
    for token in tokens:
        if not token.word:
            continue
        unit = is_unit(token.key)
        if parts and not (unit and previous_unit):
            parts.append(" ")
        parts.append(token.key)
        previous_unit = unit
    return "".join(parts)


def normalize(text: str, *, normalizer: Normalizer = DEFAULT_NORMALIZER) -> str:
    """*text* as matching sees it (see ``match_text``): ``normalize("Self-Defence")`` is
    ``"selfdefense"``."""
    return match_text(word_tokens(text, normalizer=normalizer))


def join_compounds(
    tokens: list[Token], vocabulary: Collection[str], own: Collection[str] | None = None
) -> list[Token]:
    """Two words next to each other (a space or a hyphen between) joined into one token where
    the other text writes them as one word (*vocabulary*: its keys): ``государств -
    участников`` against ``государств-участников``, ``self defence`` against
    ``selfdefense``. Marks between the parts go; other tokens are kept as they are. *own*
    is the keys of the words of *tokens*, when the caller has them. Where nothing joins, the
    result is *tokens* itself."""
    if own is None:
        own = {t.key for t in tokens if t.word}
    firsts: set[str] = set()
    for word in set(vocabulary).difference(own):
        if len(word) < 4 or is_unit(word):
            continue
        for cut in range(2, len(word) - 1):
            if word[:cut] in own and word[cut:] in own:
                firsts.add(word[:cut])
    if not firsts:
        return tokens
    out: list[Token] = []
    done, n = 0, len(tokens)
    for i, token in enumerate(tokens):
        if i < done or token.key not in firsts or not token.word:
            continue
        j = i + 1
        if j < n and not tokens[j].word and tokens[j].key == "-":
            j += 1
        if (
            j < n
            and tokens[j].word
            and tokens[j].start - token.end <= _MAX_COMPOUND_GAP
            and token.key + tokens[j].key in vocabulary
        ):
            nxt = tokens[j]
            out += tokens[done:i]
            out.append(Token(token.key + nxt.key, token.start, nxt.end, True))
            done = j + 1
    out += tokens[done:]
    return out
