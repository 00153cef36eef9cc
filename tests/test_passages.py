"""Greedy string tiling: common runs are equal, disjoint, long enough, sorted and stable."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from clausediff.match.passages import ALL_PAIRS, common_runs

tokens = st.lists(st.sampled_from("abcd"), max_size=40)
small_tokens = st.lists(st.sampled_from("ab"), max_size=12)
min_lengths = st.integers(min_value=1, max_value=4)


def _all_longest(left: list[str], right: list[str]) -> tuple[int, list[tuple[int, int]]]:
    """The length of the longest common run, and every (i, j) where it occurs (brute force)."""
    best, where = 0, []
    for i in range(len(left)):
        for j in range(len(right)):
            k = 0
            while i + k < len(left) and j + k < len(right) and left[i + k] == right[j + k]:
                k += 1
            if k > best:
                best, where = k, [(i, j)]
            elif k == best and k:
                where.append((i, j))
    return best, where


@settings(max_examples=100, deadline=None)
@given(left=tokens, right=tokens, min_length=min_lengths)
def test_runs_are_equal_disjoint_long_enough_and_sorted(
    left: list[str], right: list[str], min_length: int
) -> None:
    """Every run is an equal slice of both sides, no token is used twice, and runs are sorted."""
    runs = common_runs(left, right, min_length=min_length)
    used_left: set[int] = set()
    used_right: set[int] = set()
    for i, j, k in runs:
        assert k >= min_length
        assert i >= 0
        assert i + k <= len(left)
        assert j >= 0
        assert j + k <= len(right)
        assert left[i : i + k] == right[j : j + k]
        span_left, span_right = set(range(i, i + k)), set(range(j, j + k))
        assert not span_left & used_left
        assert not span_right & used_right
        used_left |= span_left
        used_right |= span_right
    assert runs == sorted(runs)
    assert [i for i, _, _ in runs] == sorted({i for i, _, _ in runs})


@settings(max_examples=100, deadline=None)
@given(left=tokens, right=tokens, min_length=min_lengths)
def test_runs_depend_only_on_the_sequences(
    left: list[str], right: list[str], min_length: int
) -> None:
    """The same sequences, as lists or tuples, give the same runs on every call."""
    first = common_runs(left, right, min_length=min_length)
    assert common_runs(left, right, min_length=min_length) == first
    assert common_runs(tuple(left), tuple(right), min_length=min_length) == first


@settings(max_examples=100, deadline=None)
@given(left=tokens, right=tokens)
def test_runs_cover_no_more_than_the_shorter_side(left: list[str], right: list[str]) -> None:
    """Both sides of every run have the same length, so each side covers as many tokens."""
    runs = common_runs(left, right)
    assert sum(k for _, _, k in runs) <= min(len(left), len(right))


@settings(max_examples=100, deadline=None)
@given(sequence=tokens, min_length=min_lengths)
def test_identical_inputs_give_one_run(sequence: list[str], min_length: int) -> None:
    """A sequence against itself is one run covering it all (none when shorter than min)."""
    expected = [(0, 0, len(sequence))] if len(sequence) >= min_length else []
    assert common_runs(sequence, list(sequence), min_length=min_length) == expected


@st.composite
def planted(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two token lists that share a planted run of 3 to 8 tokens amid random ones."""
    run = draw(st.lists(st.sampled_from("abc"), min_size=3, max_size=8))
    return (
        draw(small_tokens) + run + draw(small_tokens),
        draw(small_tokens) + run + draw(small_tokens),
    )


@settings(max_examples=100, deadline=None)
@given(pair=planted(), min_length=st.integers(min_value=1, max_value=3))
def test_the_unique_longest_common_run_is_found(
    pair: tuple[list[str], list[str]], min_length: int
) -> None:
    """When one common run is longest (3 or more tokens), it is one of the runs, whole."""
    left, right = pair
    length, where = _all_longest(left, right)
    assume(length >= 3 and len(where) == 1)
    i, j = where[0]
    assert (i, j, length) in common_runs(left, right, min_length=min_length)


def test_a_moved_block_is_still_shared() -> None:
    """Two blocks in swapped order are both runs: tiling is not tied to one order."""
    first = "the parties shall consult together".split()
    second = "an armed attack against one".split()
    runs = common_runs(first + second, second + first)
    assert runs == [(0, 5, 5), (5, 0, 5)]


def test_runs_from_a_real_clause_pair() -> None:
    """NATO 5 and ANZUS IV: the 'Such measures shall be terminated' sentence is one run."""
    nato = (
        "any such armed attack and all measures taken as a result thereof shall immediately "
        "be reported to the security council such measures shall be terminated"
    ).split()
    anzus = (
        "any such armed attack and all measures taken as a result thereof shall be "
        "immediately reported to the security council of the united nations such measures "
        "shall be terminated"
    ).split()
    runs = common_runs(nato, anzus, min_length=3)
    assert runs == [(0, 0, 13), (15, 15, 5), (20, 24, 5)]


@pytest.mark.parametrize(
    ("left", "right", "min_length", "expected"),
    [
        ([], [], 1, []),
        (["a"], [], 1, []),
        ([], ["a"], 1, []),
        (["a"], ["a"], 1, [(0, 0, 1)]),
        (["a"], ["a"], 2, []),
        (["a", "b"], ["c", "a", "b"], 2, [(0, 1, 2)]),
        (["x", "a", "b", "c"], ["a", "b", "c", "y"], 3, [(1, 0, 3)]),
        (["x", "a", "b", "c"], ["a", "b", "c", "y"], 4, []),
    ],
)
def test_small_cases(
    left: list[str], right: list[str], min_length: int, expected: list[tuple[int, int, int]]
) -> None:
    """Short and empty sequences give exactly the expected runs."""
    assert common_runs(left, right, min_length=min_length) == expected


def test_min_length_below_one_is_rejected() -> None:
    """A minimum run length under one token is a ValueError."""
    with pytest.raises(ValueError, match="min_length"):
        common_runs(["a"], ["a"], min_length=0)


def test_a_run_starting_with_a_frequent_pair_is_found() -> None:
    """The unique longest run is found even when it opens with a pair frequent on one side."""
    left: list[str] = []
    for k in range(ALL_PAIRS + 6):
        left += ["of", "the", f"w{k}", f"x{k}"]
    passage = "of the security council shall take action".split()
    left += [*passage, "end"]
    right = ["start", *passage, "finish"]
    assert (len(left) - 8, 1, 7) in common_runs(left, right)
