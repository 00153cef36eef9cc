"""Character-level scores of two match texts (``tokens.match_text``), each 0-100.

``ratio``       rapidfuzz's ``ratio``
``token_set``   rapidfuzz's ``token_set_ratio``: blind to order and repetition
``partial``     the best window of the longer text against the shorter (``partial_score``)
``jaccard5``    Jaccard similarity of the sets of 5-character shingles

``ratio``, ``token_set`` and ``partial`` see the first ``CHARACTER_CAP`` characters of each
side (their cost is the product of the lengths); ``jaccard5`` sees everything.
"""

from __future__ import annotations

from rapidfuzz import fuzz

__all__ = ["CHARACTER_CAP", "PARTIAL_WINDOW", "character_scores", "jaccard", "partial_score"]

CHARACTER_CAP = 10_000  # characters seen by ratio, token_set and partial (their cost is quadratic)
PARTIAL_WINDOW = 64  # characters; rapidfuzz's partial_ratio leaves its fast path past this


def partial_score(shorter: str, longer: str) -> float:
    """The best ``ratio`` of *shorter* against a window of *longer*, bounded in time.

    Up to ``PARTIAL_WINDOW`` characters this is rapidfuzz's ``partial_ratio``; past it, the
    longer text is cut into windows of the shorter's length, overlapping by three quarters,
    and the best window's ``ratio`` is kept, so the cost grows linearly with the longer text.
    """
    if len(shorter) > len(longer):
        shorter, longer = longer, shorter
    if not shorter:
        return 100.0 if not longer else 0.0
    if len(shorter) <= PARTIAL_WINDOW:
        return float(fuzz.partial_ratio(shorter, longer))
    width = len(shorter)
    step = max(1, width // 4)
    last = max(0, len(longer) - width)
    starts = list(range(0, last + 1, step))
    if starts[-1] != last:
        starts.append(last)

    def window(at: int, cutoff: float) -> float:
        # under the cutoff rapidfuzz stops early and gives 0: only a better window counts
        return float(fuzz.ratio(shorter, longer[at : at + width], score_cutoff=cutoff))

    best, best_at = -1.0, 0
    for at in starts:  # the first of equally good windows
        score = window(at, max(best, 0.0))
        if score > best:
            best, best_at = score, at
    # refine around the best coarse window, halving the step down to one character
    while step > 1 and best < 100.0:
        step //= 2
        for at in (best_at - step, best_at + step):
            if 0 <= at <= last:
                score = window(at, best)
                if score > best:
                    best, best_at = score, at
    return best


def _shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    """The text's shingles of *size* characters, each as a tuple of its characters (built by
    ``zip`` in C, a third faster than slicing at every offset)."""
    if len(text) <= size:
        return {tuple(text)} if text else set()
    return set(zip(*(text[k:] for k in range(size)), strict=False))


def jaccard(left: str, right: str, size: int = 5) -> float:
    """Jaccard similarity (0-100) of the character shingles of two normalized texts."""
    a, b = _shingles(left, size), _shingles(right, size)
    if not a and not b:
        return 100.0
    shared = len(a & b)
    return 100.0 * shared / (len(a) + len(b) - shared)  # the union's size, not the union


def character_scores(left: str, right: str) -> tuple[float, float, float, float]:
    """``ratio``, ``token_set``, ``partial`` and ``jaccard5`` of two match texts, rounded to
    two decimals (all 100 for equal texts, which costs nothing)."""
    if left == right:
        return 100.0, 100.0, 100.0, 100.0
    cl, cr = left[:CHARACTER_CAP], right[:CHARACTER_CAP]
    return (
        round(float(fuzz.ratio(cl, cr)), 2),
        round(float(fuzz.token_set_ratio(cl, cr)), 2),
        round(partial_score(cl, cr), 2),
        round(jaccard(left, right), 2),
    )
