"""Checks for book/probability/transformations.md and its solutions."""

import numpy as np
import sympy
from mathcheck import check
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_reparameterisation(ex):
    ex.identity(random_vectors=(r"\mathbf{z}",))


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_transform_square_uniform(ex):
    X, g, density = ex.given("X"), ex.given("g"), ex.given("p_Y")
    (y,) = density.variables
    # The derived density must be the density of g(X), at points inside (0, 1).
    for point in (sympy.Rational(1, 2), sympy.Rational(1, 2) ** 2):
        ex.require(sympy.simplify(density(point) - stats.density(g(X))(point)) == 0,
                   f"p_Y is not the density of g(X) at {point}")
    ex.states(r"\int_0^1 p_Y(y)\,dy", sympy.integrate(density.expr, (y, 0, 1)))
    ex.results(sympy.integrate(y * density.expr, (y, 0, 1)), stats.E(g(X)))


@check
def ex_prob_transform_inverse_cdf(ex):
    rate, F, h = ex.given(r"\lambda"), ex.given("F"), ex.given("h")
    (u,) = h.variables
    ex.require(sympy.simplify(F(h.expr) - u) == 0, "h is not the inverse of F")
    ex.states("p_X(x)", sympy.diff(F.expr, F.variables[0]))
    ex.simulate(r"\bar{x}", lambda rng, size: -np.log(1 - rng.uniform(size=size)) / float(rate))
    ex.simulate(r"\hat{p}", lambda rng, size: -np.log(1 - rng.uniform(size=size)) / float(rate) > 1)


@check
def ex_prob_transform_sum_proportion(ex):
    h, q = ex.given(r"\mathbf{h}"), ex.given("q")
    y1, y2 = h.variables
    jacobian = sympy.Matrix(h.expr).jacobian([y1, y2])
    x1, x2 = sympy.Matrix(h.expr)
    positive = {y1: sympy.Symbol("s", positive=True)}
    derived = (sympy.exp(-x1 - x2) * sympy.Abs(jacobian.det())).subs(positive)
    ex.require(sympy.simplify(derived - q.expr.subs(positive)) == 0,
               "q is not the joint density times |det J|")
    ex.states(r"\det\begin{bmatrix}y_2 & y_1\\ 1 - y_2 & -y_1\end{bmatrix}", jacobian.det())
    ex.result(stats.E(ex.given("Y_1")))


def _cholesky_pair(ex, sigma, L):
    """Sigma is a symmetric covariance, L its Cholesky factor, and the text's L L^T is Sigma."""
    ex.require(sigma.is_symmetric(), "a covariance matrix must be symmetric")
    ex.require(L == sigma.cholesky(hermitian=False), "L is not the Cholesky factor of Sigma")
    ex.states(r"\mathbf{L}\mathbf{L}^\top", L * L.T)


@check
def ex_prob_transform_reparameterisation(ex):
    L, sigma, mu, v = (ex.given(name) for name in (r"\mathbf{L}", r"\boldsymbol{\Sigma}", r"\boldsymbol{\mu}",
                                                    r"\mathbf{v}"))
    _cholesky_pair(ex, sigma, L)
    ex.states(r"\Cov[\mathbf{x}]", sigma)
    ex.states(r"\E[\mathbf{x}]", mu)
    d = v - mu
    quadratic = (d.T * sigma.inv() * d)[0]
    n = sigma.rows
    ex.result(sympy.exp(-quadratic / 2) / sympy.sqrt((2 * sympy.pi) ** n * sigma.det()))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_transform_scale_exponential(ex):
    X, g, density = ex.given("X"), ex.given("g"), ex.given("p_Y")
    (y,) = density.variables
    s = sympy.Symbol("s", positive=True)
    ex.require(sympy.simplify(density(s) - stats.density(g(X))(s)) == 0, "p_Y is not the density of g(X)")
    ex.states(r"\int_0^\infty p_Y(y)\,dy", sympy.integrate(density.expr, (y, 0, sympy.oo)))
    ex.result(stats.E(g(X)))


@check
def sol_prob_transform_sampler(ex):
    U, h, p, F = ex.given("U"), ex.given("h"), ex.given("p"), ex.given("F")
    (x,) = p.variables
    (u,) = h.variables
    ex.require(sympy.simplify(sympy.diff(F(x), x) - p.expr) == 0, "F is not the cdf of the density p")
    ex.require(sympy.simplify(F(h.expr) - u) == 0, "h is not the inverse of F")
    ex.states(r"\E[\sqrt{U}]", stats.E(h(U)))
    ex.result(sympy.integrate(x * p.expr, (x, 0, 1)))


@check
def sol_prob_transform_log_normal(ex):
    X, density = ex.given("X"), ex.given("p_Y")
    t = sympy.Symbol("t", real=True)
    ex.require(sympy.simplify(density(sympy.exp(t)) * sympy.exp(t) - stats.density(X)(t)) == 0,
               "p_Y(e^t) e^t is not the density of X at t")
    ex.identities()
    ex.states(r"P(X \le 0)", stats.P(X <= 0))
    ex.result(stats.E(sympy.exp(X)))


@check
def sol_prob_transform_square_normal(ex):
    X, density = ex.given("X"), ex.given("p_Y")
    (y,) = density.variables
    s = sympy.Symbol("s", positive=True)
    half = sympy.Rational(1, 2)
    ex.require(sympy.simplify(density(s) - stats.density(stats.Gamma("G", half, 2))(s)) == 0,
               "p_Y is not the Gamma(1/2, 1/2) density (shape 1/2, scale 2)")
    ex.states(r"\int_0^\infty p_Y(y)\,dy", sympy.integrate(density.expr.subs(y, s), (s, 0, sympy.oo)))
    ex.result(stats.E(X**2))


@check
def sol_prob_transform_cholesky(ex):
    sigma, L, mu, w = (ex.given(name) for name in (r"\boldsymbol{\Sigma}", r"\mathbf{L}", r"\boldsymbol{\mu}",
                                                    r"\mathbf{w}"))
    _cholesky_pair(ex, sigma, L)
    ex.states(r"(\det\mathbf{L})^2", L.det() ** 2)
    ex.states(r"\det\boldsymbol{\Sigma}", sigma.det())
    ex.result(mu + L * w)
