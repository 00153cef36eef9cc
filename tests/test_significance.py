"""The significance model: BLAST-like figures, its fit on unrelated pairs, its sample."""

from __future__ import annotations

import math
import random

import pytest

from clausediff.corpus.significance import DEFAULT, MIN_PAIRS, Model, fit_model, sample_pairs

MODEL = Model(lam=0.2, log_k=-8.0, alpha=0.65, space=10_000.0, pairs=4000)


def _draw(model: Model, count: int, seed: int) -> list[tuple[float, int, int]]:
    """Pairs drawn from *model*: lengths as treaty articles have them, scores by inverting
    the model's survival function (zero where it says the pair shares nothing)."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        m, n = rng.choice((20, 60, 150, 400)), rng.choice((20, 60, 150, 400))
        reach = model.log_k + model.alpha * math.log(m * n)  # log P(S >= 0+)
        u = rng.random()
        found.append(((reach - math.log(u)) / model.lam if math.log(u) < reach else 0.0, m, n))
    return found


def test_bits_pvalue_and_evalue_agree() -> None:
    """p = 1 - exp(-(mn)^alpha 2^-bits); E = m^alpha 2^-bits times the search space."""
    bits = MODEL.bits(100.0)
    assert bits == pytest.approx((0.2 * 100 + 8.0) / math.log(2))
    expected = (50 * 80) ** 0.65 * 2**-bits
    assert MODEL.pvalue(100.0, 50, 80) == pytest.approx(-math.expm1(-expected))
    assert MODEL.evalue(100.0, 50) == pytest.approx(50**0.65 * 2**-bits * 10_000)


def test_evalue_grows_with_the_index_but_bits_and_p_do_not() -> None:
    """Twice the index, twice the E-value; the per-pair figures do not move."""
    bigger = Model(MODEL.lam, MODEL.log_k, MODEL.alpha, space=2 * MODEL.space)
    assert bigger.evalue(60.0, 40) == pytest.approx(2 * MODEL.evalue(60.0, 40))
    assert bigger.bits(60.0) == MODEL.bits(60.0)
    assert bigger.pvalue(60.0, 40, 90) == MODEL.pvalue(60.0, 40, 90)


@pytest.mark.parametrize("shared", [0.0, 1.0, 20.0, 80.0, 400.0])
def test_pvalue_is_a_probability_falling_with_what_is_shared(shared: float) -> None:
    """p lies in [0, 1], is 1 for nothing shared, falls as more is shared and rises with
    the texts' lengths."""
    p = MODEL.pvalue(shared, 100, 100)
    assert 0.0 <= p <= 1.0
    assert MODEL.pvalue(shared + 10, 100, 100) <= p
    assert MODEL.pvalue(shared, 400, 400) >= p
    assert (p == 1.0) is (shared == 0.0)


def test_with_space_sums_lengths_to_the_power_alpha() -> None:
    """The search space of an index is the sum of its articles' lengths to the alpha."""
    assert MODEL.with_space([10, 100]).space == pytest.approx(10**0.65 + 100**0.65)


def test_as_dict_round_trips() -> None:
    """What an index stores gives the same model back."""
    assert Model.of(MODEL.as_dict()) == MODEL


def test_fit_recovers_the_model_it_was_drawn_from() -> None:
    """Fitted on 4,000 pairs drawn from a model, the fit is close to it."""
    fitted = fit_model(_draw(MODEL, 4000, seed=1), [100] * 50)
    assert fitted.pairs == 4000
    assert fitted.lam == pytest.approx(MODEL.lam, rel=0.2)
    assert fitted.alpha == pytest.approx(MODEL.alpha, abs=0.15)
    for shared in (40.0, 80.0):
        ratio = fitted.pvalue(shared, 100, 100) / MODEL.pvalue(shared, 100, 100)
        assert 0.2 < ratio < 5


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_fit_is_calibrated_on_fresh_pairs(seed: int) -> None:
    """Fitted on one sample, at most about 1% of a fresh sample has p below 0.01 (and the
    sample it was fitted on at most 1%, by construction)."""
    sample = _draw(MODEL, 4000, seed=seed)
    fitted = fit_model(sample, [100] * 50)
    assert sum(fitted.pvalue(s, m, n) < 0.01 for s, m, n in sample) <= 0.01 * len(sample)
    fresh = _draw(MODEL, 4000, seed=seed + 100)
    assert sum(fitted.pvalue(s, m, n) < 0.01 for s, m, n in fresh) <= 0.015 * len(fresh)


def test_small_or_empty_samples_use_the_default() -> None:
    """Too few pairs, or pairs that share nothing, give the default model."""
    assert fit_model(_draw(MODEL, MIN_PAIRS - 1, seed=5), [10]).lam == DEFAULT.lam
    assert fit_model([(0.0, 50, 50)] * 2000, [10]).lam == DEFAULT.lam


def test_sample_pairs_are_deterministic_and_cross_treaty() -> None:
    """The same treaties give the same pairs; no pair is of one treaty."""
    treaties = ["a", "b", "c", "a", "d"] * 40
    pairs = sample_pairs(treaties, 500)
    assert pairs == sample_pairs(list(treaties), 500)
    assert len(pairs) == 500
    assert all(treaties[i] != treaties[j] for i, j in pairs)
    assert sample_pairs(["a"] * 10, 5) == []
