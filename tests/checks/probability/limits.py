"""Checks for book/probability/limits.md and its solutions."""

import numpy
import sympy
from mathcheck import check
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_limits_union(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_limits_exponential(ex):
    X, a, k = ex.given("X"), ex.given("a"), ex.given("k")
    ex.require(a == stats.E(X) + k, "X >= a should be the event |X - E[X]| >= k (X is never negative)")
    ex.states(r"\E[X]", stats.E(X))
    ex.states(r"\Var[X]", stats.variance(X))
    # Markov's threshold is a times the mean; Chebyshev's event is the same tail.
    ex.result(stats.P(X >= a * stats.E(X)))


@check
def ex_prob_limits_coin(ex):
    X, c, n, t = ex.given("X"), ex.given("c"), ex.given("n"), ex.given("t")
    ex.states(r"\E[X]", stats.E(X))
    ex.states(r"\Var[X]", stats.variance(X))
    ex.require(sympy.Eq(c, stats.E(X) + n * t) == sympy.true, "the Hoeffding deviation t does not match c")
    ex.states(r"e^{-2\cdot 100\cdot 0.1^2}", sympy.exp(-2 * n * t**2))
    ex.result(stats.P(X >= c))


@check
def ex_prob_limits_monte_carlo(ex):
    U, m = ex.given("U"), ex.given("m")
    ex.states(r"\E[e^U]", stats.E(sympy.exp(U)))
    ex.states(r"\Var[e^U]", sympy.simplify(stats.variance(sympy.exp(U))))
    ex.simulate(r"\hat{\mu}", lambda rng, size: numpy.exp(rng.uniform(size=size)))
    ex.result(sympy.sqrt(stats.variance(sympy.exp(U))) / sympy.sqrt(m))


@check
def ex_prob_limits_finite_class(ex):
    k, delta, eps = ex.given("k"), ex.given(r"\delta"), ex.given(r"\varepsilon")
    ex.results(sympy.log(2 * k / delta) / (2 * eps**2), sympy.log(2 / delta) / (2 * eps**2))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_limits_poisson(ex):
    X, a, k = ex.given("X"), ex.given("a"), ex.given("k")
    ex.require(a == stats.E(X) + k, "X >= a should be the event |X - E[X]| >= k (X is never negative)")
    ex.states(r"\E[X]", stats.E(X))
    ex.states(r"\Var[X]", stats.variance(X))
    ex.result(stats.P(X >= a))


@check
def sol_prob_limits_sample_size(ex):
    eps, delta = ex.given(r"\varepsilon"), ex.given(r"\delta")
    q = sympy.Symbol("q")
    worst = sympy.maximum(q * (1 - q), q, sympy.Interval(0, 1))  # the largest Bernoulli variance
    ex.results(worst / (eps**2 * delta), sympy.log(2 / delta) / (2 * eps**2))


@check
def sol_prob_limits_twelve_uniforms(ex):
    U, k, Z = ex.given("U"), ex.given("k"), ex.given("Z")
    ex.states(r"\E[U]", stats.E(U))
    ex.states(r"\Var[U]", stats.variance(U))
    ex.require(k * stats.E(U) - k / 2 == 0 and k * stats.variance(U) == 1, "S is not standardised")
    ex.simulate(r"\hat{q}", lambda rng, size: rng.uniform(size=(size, int(k))).sum(axis=1) - int(k) / 2 > 2)
    ex.states(r"P(Z > 2)", stats.P(Z > 2))


@check
def sol_prob_limits_pi(ex):
    m, p, s = ex.given("m"), ex.given("p"), ex.given("s")
    scale = sympy.pi / p  # the estimator is scale * p-hat, unbiased for pi
    ex.states(r"4\sqrt{\frac{p\cdot(1 - p)}{m}}", scale * sympy.sqrt(p * (1 - p) / m))
    ex.result(scale**2 * p * (1 - p) / s**2)


@check
def sol_prob_limits_generalisation(ex):
    k, n, delta = ex.given("k"), ex.given("n"), ex.given(r"\delta")
    bound = sympy.sqrt(sympy.log(2 * k / delta) / (2 * n))
    ex.results(bound, bound / 2)


@check
def ex_prob_limits_accuracy(ex):
    # The Hoeffding chain is compared link by link with the block's n and delta; the check
    # states the CLT standard error.
    n, accuracy = ex.given("n"), ex.given(r"\hat{a}")
    ex.result(sympy.sqrt(accuracy * (1 - accuracy) / n))
