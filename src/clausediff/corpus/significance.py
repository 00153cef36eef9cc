"""How significant a match is: a bit score, a p-value and an E-value in the manner of BLAST,
calibrated on unrelated article pairs of the index itself.

BLAST's Karlin-Altschul statistics say that two unrelated sequences of lengths ``m`` and
``n`` reach a score ``S`` or more with an expected count ``E = K m n exp(-lambda S)``; the bit
score ``S' = (lambda S - ln K) / ln 2`` restates ``S`` in units that do not depend on the
scoring system, so that ``E = m n 2^-S'``; a database search multiplies by the database's
size instead of ``n``. Here ``S`` is the rarity of the language two articles share
(``scoring``), and the model is fitted rather than derived, since words are not drawn
independently: among pairs of articles from different treaties, the chance that a pair of
lengths ``m`` and ``n`` (in word tokens) shares ``S`` bits or more is taken to be

    p = 1 - exp(-(m n)^alpha * 2^-bits),    bits = (lambda S - ln K) / ln 2

and ``lambda``, ``ln K`` and ``alpha`` are fitted by maximum likelihood on a sample of
article pairs of the index (``sample_pairs``): the body of their scores between the 90th
and 99th percentiles, the rest entering as censored observations so that the few pairs that
really are related (treaties of one family, final-clause formulas) do not set the scale.
``alpha`` is 1 in BLAST's theory of random sequences; fitted on treaties it is lower (the
chance of a shared formula grows more slowly than the product of the lengths). ``ln K`` is
then raised, if need be, until no more than 1% of the sample has ``p < 0.01``.

The per-pair figures (bits, p) depend on the two texts only; the E-value of a search hit,
``m^alpha * 2^-bits * sum(n^alpha)`` over the index's articles, is the expected number of
articles of an index of this size that would share this much with the query by chance: it
grows with the index. A small index (fewer than ``MIN_PAIRS`` scored pairs) uses
``DEFAULT``, the model fitted on the lineage benchmark's 2,000 articles.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import attrs

__all__ = [
    "DEFAULT",
    "MIN_PAIRS",
    "SAMPLE_PAIRS",
    "Model",
    "fit_model",
    "sample_pairs",
]

SAMPLE_PAIRS = 4000
MIN_PAIRS = 1000
_SEED = 1949
_LOW, _HIGH = 0.90, 0.99  # the body of the scores the fit uses
_LN2 = math.log(2)


@attrs.frozen
class Model:
    """A fitted significance model (module docstring); ``space`` is the sum of ``n^alpha``
    over the index's articles, ``pairs`` the number of pairs it was fitted on (0: the
    defaults)."""

    lam: float
    log_k: float
    alpha: float
    space: float = 0.0
    pairs: int = 0

    def bits(self, shared: float) -> float:
        """The bit score of ``shared`` bits of rare language."""
        return (self.lam * shared - self.log_k) / _LN2

    def expected(self, shared: float, m: int, n: int) -> float:
        """The expected number of chance matches this good between texts of *m* and *n*
        tokens."""
        if shared <= 0:
            return math.inf
        exponent = self.alpha * math.log(max(1, m) * max(1, n)) - self.bits(shared) * _LN2
        return math.exp(min(exponent, 700.0))

    def pvalue(self, shared: float, m: int, n: int) -> float:
        """The chance that two unrelated texts of *m* and *n* tokens share this much."""
        if shared <= 0:
            return 1.0
        return -math.expm1(-self.expected(shared, m, n))

    def evalue(self, shared: float, m: int) -> float:
        """The expected number of articles of the index sharing this much with a query of
        *m* tokens by chance."""
        if shared <= 0:
            return math.inf
        exponent = self.alpha * math.log(max(1, m)) - self.bits(shared) * _LN2
        return math.exp(min(exponent, 700.0)) * self.space

    def with_space(self, lengths: Sequence[int]) -> Model:
        """The same model, its search space that of articles of these lengths."""
        space = math.fsum(max(1, n) ** self.alpha for n in lengths)
        return attrs.evolve(self, space=space)

    def as_dict(self) -> dict[str, float]:
        """The model's parameters by name (what the index stores)."""
        return {name: float(value) for name, value in attrs.asdict(self).items()}

    @classmethod
    def of(cls, values: dict[str, float]) -> Model:
        """The model ``as_dict`` gave these parameters of."""
        return cls(
            values["lam"], values["log_k"], values["alpha"], values["space"], int(values["pairs"])
        )


#: Fitted on the ~2,000 articles of ``make_corpus.py lineage`` (benchmarks/calibration.py).
DEFAULT = Model(lam=0.1633, log_k=-7.98, alpha=0.70)


def sample_pairs(treaties: Sequence[str], count: int = SAMPLE_PAIRS) -> list[tuple[int, int]]:
    """*count* pairs of indexes into *treaties* (the treaty of each sampled article, in the
    index's sample order) whose two articles belong to different treaties; the same
    sequence gives the same pairs, whatever the index's history."""
    rng = random.Random(_SEED)
    pairs: list[tuple[int, int]] = []
    if len(set(treaties)) < 2:
        return pairs
    for _ in range(count * 20):
        if len(pairs) == count:
            break
        a, b = rng.randrange(len(treaties)), rng.randrange(len(treaties))
        if treaties[a] != treaties[b]:
            pairs.append((a, b))
    return pairs


def _quantile(values: Sequence[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


_Function = Callable[[Sequence[float]], float]


def _objective(scores: Sequence[float], logs: Sequence[float], s0: float, s1: float) -> _Function:
    """The negative log-likelihood of (lambda, ln K, alpha) on the sample, censored below
    *s0* and above *s1*."""

    def nll(x: Sequence[float]) -> float:
        lam, log_k, alpha = x
        if lam <= 0 or not 0 < alpha <= 2:
            return math.inf
        total = 0.0
        for s, lmn in zip(scores, logs, strict=True):
            base = log_k + alpha * lmn
            if s < s0:
                t = min(base - lam * s0, -1e-9)
                total -= math.log(-math.expm1(t)) if t > -30 else -math.exp(t)
            elif s < s1:
                total -= math.log(lam) + base - lam * s
            else:
                total -= min(0.0, base - lam * s1)
        return total

    return nll


def _minimize(f: _Function, start: Sequence[float], steps: Sequence[float]) -> list[float]:
    """Nelder-Mead: the simplex method, enough for three smooth parameters."""
    simplex = [list(start)] + [
        [v + (steps[i] if i == k else 0.0) for i, v in enumerate(start)] for k in range(len(start))
    ]
    values = [f(p) for p in simplex]
    for _ in range(600):
        order = sorted(range(len(simplex)), key=values.__getitem__)
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if abs(values[-1] - values[0]) < 1e-7:
            break
        centre = [sum(p[i] for p in simplex[:-1]) / (len(simplex) - 1) for i in range(len(start))]
        worst = simplex[-1]
        reflected = [c + (c - w) for c, w in zip(centre, worst, strict=True)]
        fr = f(reflected)
        if fr < values[0]:
            expanded = [c + 2 * (c - w) for c, w in zip(centre, worst, strict=True)]
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = [c + 0.5 * (w - c) for c, w in zip(centre, worst, strict=True)]
            fc = f(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:
                best = simplex[0]
                simplex = [best] + [[b + 0.5 * (v - b) for b, v in zip(best, p, strict=True)]
                                    for p in simplex[1:]]  # fmt: skip
                values = [values[0]] + [f(p) for p in simplex[1:]]
    return simplex[min(range(len(simplex)), key=values.__getitem__)]


def fit_model(samples: Sequence[tuple[float, int, int]], lengths: Sequence[int]) -> Model:
    """The model fitted on ``(shared bits, m, n)`` of unrelated pairs (module docstring),
    its search space that of articles of *lengths*; ``DEFAULT`` when the sample is too
    small or too uniform to fit."""
    ordered = sorted(s for s, _, _ in samples)
    positive = [s for s in ordered if s > 0]
    if len(samples) < MIN_PAIRS or len(positive) < 30:
        return DEFAULT.with_space(lengths)
    s0 = max(_quantile(ordered, _LOW), positive[len(positive) // 2])
    s1 = _quantile(ordered, _HIGH)
    if s1 <= s0:
        return DEFAULT.with_space(lengths)
    scores = [s for s, _, _ in samples]
    logs = [math.log(max(1, m) * max(1, n)) for _, m, n in samples]
    start = (DEFAULT.lam, DEFAULT.log_k, DEFAULT.alpha)
    lam, log_k, alpha = _minimize(_objective(scores, logs, s0, s1), start, (0.05, 1.0, 0.1))
    model = Model(lam, log_k, alpha, pairs=len(samples))
    model = _conservative(model, samples)
    return model.with_space(lengths)


def _conservative(model: Model, samples: Sequence[tuple[float, int, int]]) -> Model:
    """*model* with ``ln K`` raised, if need be, until at most 1% of the sample has
    ``p < 0.01``."""
    # a pair has p < 0.01 exactly while ln K stays below its threshold
    limit = math.log(-math.log1p(-0.01))
    thresholds = sorted(
        (
            limit - model.alpha * math.log(max(1, m) * max(1, n)) + model.lam * s
            for s, m, n in samples
            if s > 0
        ),
        reverse=True,
    )
    allowed = int(0.01 * len(samples))
    if len(thresholds) > allowed and thresholds[allowed] > model.log_k:
        return attrs.evolve(model, log_k=thresholds[allowed])
    return model
