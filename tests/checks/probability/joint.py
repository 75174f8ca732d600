"""Checks for book/probability/joint.md and its solutions."""

import sympy
from mathcheck import check
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_product_rule(ex):
    ex.identity(joint=("x", "y"))


@check
def thm_prob_expectation_product(ex):
    ex.identity(independent=("X", "Y"))


@check
def prop_prob_covariance_rules(ex):
    ex.identity()


@check
def thm_prob_variance_sum(ex):
    ex.identity()


@check
def cor_prob_variance_independent(ex):
    ex.identity(independent=("X", "Y"))


@check
def prop_prob_correlation_bound(ex):
    ex.identity()


@check
def thm_prob_affine_covariance(ex):
    ex.identity(random_vectors=(r"\mathbf{x}",))


@check
def cor_prob_covariance_psd(ex):
    ex.identity(random_vectors=(r"\mathbf{x}",))


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_joint_coins(ex):
    X, Y = ex.given("X"), ex.given("Y")
    ex.states("P(Y = 1)", stats.P(sympy.Eq(Y, 1)))
    ex.states("P(X = 1, Y = 0)", stats.P(sympy.And(sympy.Eq(X, 1), sympy.Eq(Y, 0))))
    ex.states("P(X = 1)P(Y = 0)", stats.P(sympy.Eq(X, 1)) * stats.P(sympy.Eq(Y, 0)))
    ex.states(r"P(Y = 2 \mid X = 1)", stats.P(sympy.Eq(Y, 2), sympy.Eq(X, 1)))
    ex.states(r"\E[Y \mid X = 1]", stats.E(Y, sympy.Eq(X, 1)))
    ex.states(r"\E[Y \mid X = 0]", stats.E(Y, sympy.Eq(X, 0)))
    ex.states(r"\E[Y]", stats.E(Y))
    ex.states(r"\E[XY]", stats.E(X * Y))
    ex.states(r"\Cov[X, Y]", stats.covariance(X, Y))
    ex.states(r"\Var[Y]", stats.variance(Y))
    ex.result(stats.correlation(X, Y))


@check
def ex_prob_uncorrelated_dependent(ex):
    X, Y = ex.given("X"), ex.given("Y")
    ex.states(r"\E[X^2]", stats.E(X**2))
    ex.states(r"\Cov[X, Y]", stats.covariance(X, Y))
    ex.result(stats.correlation(X, Y))


@check
def ex_prob_total_variance_mixture(ex):
    X, Y = ex.given("X"), ex.given("Y")
    groups = (sympy.Eq(X, 1), sympy.Eq(X, 0))
    means = [stats.E(Y, g) for g in groups]
    variances = [stats.variance(Y, g) for g in groups]
    weights = [stats.P(g) for g in groups]
    total_mean = sum(m * w for m, w in zip(means, weights))
    ex.states(r"\E[Y]", total_mean)
    within = sum(v * w for v, w in zip(variances, weights))
    between = sum((m - total_mean) ** 2 * w for m, w in zip(means, weights))
    ex.result(within + between)


@check
def ex_prob_covariance_matrix_coins(ex):
    x, a, A = ex.given(r"\mathbf{x}"), ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{A}")
    mean = x.applyfunc(stats.E)
    centred = x - mean
    sigma = (centred * centred.T).applyfunc(lambda e: sympy.simplify(stats.E(sympy.expand(e))))
    ex.states(r"\boldsymbol{\mu}", mean)
    ex.states(r"\boldsymbol{\Sigma}", sigma)
    ex.states(r"\mathbf{a}^\top\boldsymbol{\Sigma}\mathbf{a}", (a.T * sigma * a)[0])
    ex.states(r"\mathbf{A}\boldsymbol{\Sigma}\mathbf{A}^\top", A * sigma * A.T)
    ex.results(A * sigma * A.T, sigma.det())


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_joint_sum_difference(ex):
    S, D = ex.given("S"), ex.given("D")
    ex.states(r"\Cov[S, D]", stats.covariance(S, D))
    ex.results(stats.P(sympy.And(sympy.Eq(S, 1), sympy.Eq(D, 0))),
               stats.P(sympy.Eq(S, 1)) * stats.P(sympy.Eq(D, 0)))


@check
def sol_prob_joint_combination(ex):
    mu, sigma, a = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}"), ex.given(r"\mathbf{a}")
    ex.states(r"\mathbf{a}^\top\boldsymbol{\mu} + 1", (a.T * mu)[0] + 1)
    ex.states(r"\mathbf{a}^\top\boldsymbol{\Sigma}\mathbf{a}", (a.T * sigma * a)[0])
    ex.result(a[0] ** 2 * sigma[0, 0] + a[1] ** 2 * sigma[1, 1] + 2 * a[0] * a[1] * sigma[0, 1])


@check
def sol_prob_joint_not_covariance(ex):
    C, a = ex.given(r"\mathbf{C}"), ex.given(r"\mathbf{a}")
    ex.states(r"\mathbf{a}^\top\mathbf{C}\mathbf{a}", (a.T * C * a)[0])
    ex.require((a.T * C * a)[0] < 0, "the stated a must give a negative quadratic form")
    ex.result(C[0, 1] / sympy.sqrt(C[0, 0] * C[1, 1]))


@check
def sol_prob_joint_product_uniform(ex):
    x, y = sympy.symbols("x y", positive=True)
    region = sympy.integrate(sympy.integrate(1, (y, 0, sympy.Min(1, 1 / (2 * x)))), (x, 0, 1))
    ex.result(sympy.simplify(region))


@check
def sol_prob_joint_total_variance_die(ex):
    X, Y = ex.given("X"), ex.given("Y")
    ex.states(r"\E[Y \mid X = 0]", stats.E(Y, sympy.Eq(X, 0)))
    ex.states(r"\Var[Y \mid X = 1]", stats.variance(Y, sympy.Eq(X, 1)))
    ex.states(r"\E[Y]", stats.E(Y))
    ex.result(stats.variance(Y))
