#!/usr/bin/env python3
"""Coverage-guided fuzzing of clause comparison with atheris (pip install atheris).

For any two texts: scores lie in 0-100, the redline's spans tile both texts in order, each
"equal" op joins equal word keys (or a closed compound and its parts, written open or spaced
on the other side), and comparing a text with itself scores 100.

    python fuzz/fuzz_compare.py -max_total_time=600 fuzz/corpus-compare
"""

from __future__ import annotations

import itertools
import sys

import atheris

with atheris.instrument_imports():
    from clausediff.match.compare import Clause, compare_clauses
    from clausediff.match.tokens import tokenize


def check(left_text: str, right_text: str) -> None:
    left = Clause.from_text(left_text, document="a")
    right = Clause.from_text(right_text, document="b")
    result = compare_clauses(left, right)
    values = [result.score, *result.scores.as_dict().values()]
    assert all(0.0 <= v <= 100.0 for v in values), values
    for side, clause in (("left", left), ("right", right)):
        spans = [getattr(op, side) for op in result.redline if getattr(op, side) is not None]
        if tokenize(clause.text):
            assert spans[0].start == clause.start, spans
            assert spans[-1].end == clause.end, spans
            for a, b in itertools.pairwise(spans):
                assert a.end == b.start, (a, b)
    for op in result.redline:
        if op.op == "equal":
            assert op.left is not None
            assert op.right is not None
            lk = [t.key for t in tokenize(left.quote(op.left))]
            rk = [t.key for t in tokenize(right.quote(op.right))]
            # a compound one side writes closed and the other open or spaced is one word
            assert "".join(lk) == "".join(rk), (lk, rk)
    for passage in result.shared:
        assert left.quote(passage.left) == passage.text
    same = compare_clauses(left, Clause.from_text(left_text, document="c"))
    assert same.score == 100.0, same.score


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    cut = fdp.ConsumeIntInRange(0, len(data))
    left = fdp.ConsumeUnicodeNoSurrogates(cut)
    right = fdp.ConsumeUnicodeNoSurrogates(len(data))
    check(left, right)


def main() -> None:
    check(
        "the other party shall immediately extend military and other assistance",
        "the other side shall provide military and other assistance without delay",
    )
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
