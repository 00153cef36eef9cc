"""The order of canonical article numbers, and which number may follow which."""

from __future__ import annotations

import functools
import re

from clausediff.numbering.words import SUFFIX_RANK

__all__ = ["is_successor", "sort_key"]

_KEY_PART = re.compile(r"(\d+)([a-z]*)")


@functools.lru_cache(maxsize=4096)
def sort_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """Order canonical numbers as a treaty does: ``4 < 4bis < 4a < 5 < 5.1 < 5.2``."""
    key = []
    for part in re.split(r"[.\-]", number):
        m = _KEY_PART.fullmatch(part)
        if m is None:
            key.append((0, 0, part))
            continue
        suffix = m.group(2)
        rank = SUFFIX_RANK.get(suffix, 100 + (ord(suffix[0]) - 96 if suffix else -100))
        key.append((int(m.group(1)), rank, suffix))
    return tuple(key)


def is_successor(previous: str | None, number: str) -> bool:
    """Tell whether *number* may follow *previous* in one numbering sequence.

    ``5`` follows ``4``, ``4bis``, ``4a`` or ``4-2``; ``4bis`` and ``4a`` follow ``4``, ``4ter``
    follows ``4bis`` and ``4b`` follows ``4a``; ``2.1`` follows
    ``1.9``; ``1.3`` follows ``1.2``; ``b`` follows ``a``. Anything may open a sequence
    (``previous`` is ``None``) if it is a first number: ``1``, ``1.1``, ``1-01``, ``a``.
    """
    if previous is None:
        return _is_first(number)
    if len(previous) == len(number) == 1 and previous.isalpha() and number.isalpha():
        return ord(number) == ord(previous) + 1
    prev, cur = sort_key(previous), sort_key(number)
    if len(cur) == 1 and len(prev) > 1 and not cur[0][2]:
        # 88-7 -> 89, 51-2 -> 52: back to the main numbering after inserted sub-articles
        return cur[0][0] == prev[0][0] + 1 and not prev[0][2]
    if len(prev) != len(cur):
        return (
            len(cur) > len(prev) and cur[: len(prev)] == prev and _is_first_tail(cur[len(prev) :])
        )
    *prev_head, prev_last = prev
    *cur_head, cur_last = cur
    if prev_head == cur_head:
        if cur_last[0] == prev_last[0] + 1 and cur_last[2] == "":
            return True
        return cur_last[0] == prev_last[0] and cur_last[1] > prev_last[1]
    if len(prev) >= 2 and cur_last[0] in (0, 1) and not cur_last[2]:
        # 1.9 -> 2.1: the chapter number moves on and the article number restarts
        return cur_head[:-1] == prev_head[:-1] and cur_head[-1][0] == prev_head[-1][0] + 1
    return False


def _is_first(number: str) -> bool:
    key = sort_key(number)
    return _is_first_tail(key[-1:]) or number == "a"


def _is_first_tail(key: tuple[tuple[int, int, str], ...]) -> bool:
    return all(part[0] in (0, 1) and not part[2] for part in key)
