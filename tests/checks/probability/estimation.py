"""Checks for book/probability/estimation.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import gradient, hessian, newton
from mathcheck.lib.linalg import least_squares, line_design
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def thm_prob_mse_decomposition(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


def poisson_log_likelihood(X, y, w):
    """The Poisson regression log-likelihood sum_i (y_i s_i - e^{s_i} - log y_i!), scores s = X w."""
    return sum(t * s - sympy.exp(s) - sympy.log(sympy.factorial(t)) for s, t in zip(X * w, y))


@check
def ex_prob_mle_coin(ex):
    k, n, ell = ex.given("k"), ex.given("n"), ex.given(r"\ell")
    (p,) = ell.variables
    ex.states(r"\frac{d\ell}{dp}", sympy.diff(ell.expr, p))
    ex.states(r"\frac{d^2\ell}{dp^2}", sympy.diff(ell.expr, p, 2))
    (best,) = sympy.solve(sympy.diff(ell.expr, p), p)
    ex.require(best == k / n, "the stationary point of the log-likelihood is not k/n")
    ex.results(best, ell.expr.subs(p, best))


@check
def ex_prob_mle_gaussian_data(ex):
    x, n = ex.given(r"\mathbf{x}"), ex.given("n")
    mean = sum(x) / n
    squares = sum((xi - mean) ** 2 for xi in x)
    ex.states(r"\hat{\sigma}^2", squares / n)
    ex.results(mean, squares / n, squares / (n - 1))


@check
def ex_prob_poisson_regression(ex):
    y, n, w0 = ex.given(r"\mathbf{y}"), ex.given("n"), ex.given("w_0")
    ex.require(n == len(y), "n should count the observations")
    w = sympy.Symbol("w")
    intercept = sympy.ones(len(y), 1)  # an intercept-only model: X is a column of ones
    ell = poisson_log_likelihood(intercept, y, sympy.Matrix([w]))
    ex.require(sympy.simplify(ex.given(r"\ell")(w) - ell) == 0, "the text's log-likelihood is not the Poisson one")
    ex.require(sympy.simplify(ex.given("g")(w) - sympy.diff(ell, w)) == 0, "g is not the derivative of the log-likelihood")
    ex.require(sympy.simplify(ex.given("h")(w) - sympy.diff(ell, w, 2)) == 0, "h is not the second derivative")
    mean = sum(y) / n
    ex.states(r"\bar{y}", mean)
    (best,) = sympy.solve(sympy.diff(ell, w), w)
    ex.require(sympy.simplify(best - sympy.log(mean)) == 0, "the MLE of the intercept is not log of the mean")
    ex.states(r"\hat{w}", best)
    steps = newton(ex, ell, w0, 2, variables=w)
    ex.states("w_1", steps[1])
    ex.states("w_2", steps[2])
    ex.results(steps[1] - best, steps[2] - best)


@check
def ex_prob_variance_bias_exact(ex):
    X1, X2 = ex.given("X_1"), ex.given("X_2")
    n, mean = ex.given("n"), ex.given(r"\bar{X}")
    sample = [X1, X2]
    ex.require(n == len(sample), "n should count the tosses")
    ex.require(sympy.simplify(mean - sum(sample) / n) == 0, "X bar should be the sample mean")
    ex.states(r"\Var[X_1]", stats.variance(X1))
    ex.states(r"\E[(X_1 - X_2)^2]", stats.E((X1 - X2) ** 2))
    squares = sum((x - mean) ** 2 for x in sample)
    ex.results(stats.E(squares / n), stats.E(squares / (n - 1)))


@check
def ex_prob_shrink_mse(ex):
    K, n, p = ex.given("K"), ex.given("n"), ex.given("p")
    mle, shrunk = K / n, (K + 1) / (n + 2)
    ex.states(r"\E\left[\frac{K}{10}\right]", stats.E(mle))
    ex.states(r"\Var\left[\frac{K}{10}\right]", stats.variance(mle))
    ex.states(r"\E\left[\frac{K + 1}{12}\right]", stats.E(shrunk))
    ex.states(r"\Var\left[\frac{K + 1}{12}\right]", stats.variance(shrunk))
    ex.result(sympy.simplify(stats.E((shrunk - p) ** 2)))


def _variance_estimators(rng, size, n):
    """Samples of size n from N(0, 1), ``size`` times: the MLE and the sample variance of each."""
    draws = rng.standard_normal((size, n))
    squares = ((draws - draws.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
    return squares / n, squares / (n - 1)


@check
def ex_prob_variance_mse(ex):
    n, sigma = ex.given("n"), ex.given(r"\sigma")
    C = stats.ChiSquared("C", n - 1)
    s_squared = sigma**2 * C / (n - 1)
    mle = (n - 1) * s_squared / n
    ex.results(sympy.simplify(stats.E((mle - sigma**2) ** 2)), sympy.simplify(stats.variance(s_squared)))
    size = int(n)
    ex.simulate("m_1", lambda rng, m: (_variance_estimators(rng, m, size)[0] - float(sigma) ** 2) ** 2)
    ex.simulate("m_2", lambda rng, m: (_variance_estimators(rng, m, size)[1] - float(sigma) ** 2) ** 2)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_mle_poisson(ex):
    x, n = ex.given(r"\mathbf{x}"), ex.given("n")
    lam = sympy.Symbol("lambda", positive=True)
    ell = sum(xi * sympy.log(lam) - lam - sympy.log(sympy.factorial(xi)) for xi in x)
    (best,) = sympy.solve(sympy.diff(ell, lam), lam)
    ex.require(best == sum(x) / n, "the stationary point of the Poisson log-likelihood is not the mean")
    ex.result(best)


@check
def sol_prob_variance_data(ex):
    x, n = ex.given(r"\mathbf{x}"), ex.given("n")
    mean = sum(x) / n
    squares = sum((xi - mean) ** 2 for xi in x)
    ex.states(r"\bar{x}", mean)
    ex.results(squares / n, squares / (n - 1), (squares / n) / (squares / (n - 1)))


@check
def sol_prob_mle_exponential(ex):
    x, n = ex.given(r"\mathbf{x}"), ex.given("n")
    lam = sympy.Symbol("lambda", positive=True)
    ell = n * sympy.log(lam) - lam * sum(x)
    (best,) = sympy.solve(sympy.diff(ell, lam), lam)
    ex.require(sympy.diff(ell, lam, 2).subs(lam, best) < 0, "the stationary point is not a maximum")
    ex.results(best, ell.subs(lam, best))


@check
def sol_prob_shrink_mean(ex):
    mu, sigma, n = ex.given(r"\mu"), ex.given(r"\sigma"), ex.given("n")
    c = sympy.Symbol("c")
    mse = (c - 1) ** 2 * mu**2 + c**2 * sigma**2 / n
    (best,) = sympy.solve(sympy.diff(mse, c), c)
    ex.states(r"c^\star", best)
    ex.results(best, mse.subs(c, best), mse.subs(c, 1))


@check
def sol_prob_consistent_mle(ex):
    eps, delta = ex.given(r"\varepsilon"), ex.given(r"\delta")
    p = sympy.Symbol("p")
    worst = sympy.maximum(p * (1 - p), p, sympy.Interval(0, 1))
    ex.result(worst / (eps**2 * delta))


@check
def sol_prob_mle_categorical(ex):
    n = ex.given("n")
    counts = []
    while sum(counts) < n:  # the counts n_1, n_2, ... that add up to n
        counts.append(ex.given(f"n_{len(counts) + 1}"))
    p = sympy.symbols(f"p1:{len(counts) + 1}", positive=True)
    lam = sympy.Symbol("lambda", positive=True)
    lagrangian = sum(m * sympy.log(q) for m, q in zip(counts, p)) - lam * (sum(p) - 1)
    (solution,) = sympy.solve([sympy.diff(lagrangian, v) for v in (*p, lam)], [*p, lam], dict=True)
    best = sympy.Matrix([solution[q] for q in p])
    ex.states(r"\hat{\mathbf{p}}", best)
    ex.result(-sum(m * sympy.log(q) for m, q in zip(counts, best)) / n)


@check
def sol_prob_poisson_regression(ex):
    t, y, X = ex.given(r"\mathbf{t}"), ex.given(r"\mathbf{y}"), ex.given(r"\mathbf{X}")
    w0, n = ex.given(r"\mathbf{w}_0"), ex.given("n")
    ex.require(n == len(y) == len(t), "n should count the examples")
    ex.require(X == line_design(t), "X should be a column of ones beside the feature")
    w = sympy.Matrix(sympy.symbols(f"w_1:{X.cols + 1}"))
    ell = poisson_log_likelihood(X, y, w)
    ex.require(sympy.simplify(ex.given(r"\ell")(*w) - ell) == 0, "the text's log-likelihood is not the Poisson one")
    start = dict(zip(w, w0))
    ex.states(r"\boldsymbol{\lambda}", (X * w0).applyfunc(sympy.exp))
    ex.states(r"\nabla\ell(0, 0)", gradient(ell, list(w)).subs(start))
    ex.states(r"\nabla^2\ell(0, 0)", hessian(ell, list(w)).subs(start))
    step = newton(ex, ell, w0, 1, variables=list(w))[1]
    ex.states(r"\mathbf{w}_1", step)
    ones = sympy.ones(len(y), 1)
    ex.require(step == least_squares(X, y - ones), "the first step from 0 is not the least-squares fit of y - 1")
    ex.states(r"(\mathbf{X}^\top\mathbf{X})^{-1}\mathbf{X}^\top(\mathbf{y} - \mathbf{1})", least_squares(X, y - ones))
    ex.results(ell.subs(start), ell.subs(dict(zip(w, step))))
