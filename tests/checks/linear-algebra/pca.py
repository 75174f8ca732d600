"""Checks for book/linear-algebra/pca.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib import indexed, states_indexed
from mathcheck.lib.linalg import centred, covariance, eigenvalues, mean_row, unit_eigenvector


def quarter_turn(w):
    """w turned a quarter turn anticlockwise in the plane."""
    return sympy.Matrix([-w[1], w[0]])


@check
def prop_la_pca_projected_variance(ex):
    ex.identity(shapes={r"\mathbf{X}_{c}": "m d", r"\mathbf{w}": "d 1"})


@check
def ex_la_pca_covariance(ex):
    X, n, d = ex.given(r"\mathbf{X}"), ex.given("n"), ex.given("d")
    ex.require(X.rows == n, "n is not the number of rows of the data matrix")
    ex.require(X.cols == d, "d is not the number of columns of the data matrix")
    ex.states(r"\bar{\mathbf{x}}", mean_row(X))
    ex.states(r"\mathbf{X}_c", centred(X))
    ex.result(covariance(X))


@check
def ex_la_pca_components(ex):
    S = ex.given(r"\mathbf{S}")
    first, second = states_indexed(ex, r"\lambda", eigenvalues(S))
    w1 = unit_eigenvector(ex, S, first)
    ex.states(r"\mathbf{w}_1", w1)
    ex.states(r"\mathbf{w}_2", quarter_turn(w1))
    ex.result(first / (first + second))


@check
def ex_la_pca_reconstruction(ex):
    Xc, n = ex.given(r"\mathbf{X}_c"), ex.given("n")
    ex.require(Xc.rows == n, "n is not the number of rows of the data matrix")
    ex.require(centred(Xc) == Xc, r"\mathbf{X}_c is not centred: its columns do not have mean 0")
    S = covariance(Xc)
    first, second = eigenvalues(S)
    ex.states(r"\lambda_2", second)
    w1 = unit_eigenvector(ex, S, first)
    ex.states(r"\mathbf{w}_1", w1)
    z = Xc * w1
    ex.states(r"\mathbf{z}", z)
    ex.states(r"\hat{\mathbf{X}}_{c}", z * w1.T)
    residual = Xc - z * w1.T
    ex.states(r"\mathbf{X}_c - \hat{\mathbf{X}}_{c}", residual)
    ex.result(sum(x**2 for x in residual))


@check
def sol_la_pca_choose_k(ex):
    d = ex.given("d")
    lams = indexed(ex, r"\lambda")
    ex.require(len(lams) == d, "the text does not give d eigenvalues")
    total = sum(lams)
    states_indexed(ex, "r", [lam / total for lam in lams])
    tau = ex.given(r"\tau")
    cumulative = [sum(lams[:k]) / total for k in range(1, d + 1)]
    ex.result(next(k for k, c in enumerate(cumulative, start=1) if c >= tau))


@check
def sol_la_pca_five_points(ex):
    X, n = ex.given(r"\mathbf{X}"), ex.given("n")
    ex.require(X.rows == n, "n is not the number of rows of the data matrix")
    Xc = centred(X)
    ex.states(r"\bar{\mathbf{x}}", mean_row(X))
    ex.states(r"\mathbf{X}_c", Xc)
    S = covariance(X)
    ex.states(r"\mathbf{S}", S)
    first, second = states_indexed(ex, r"\lambda", eigenvalues(S))
    ex.states(r"\mathbf{w}_1", unit_eigenvector(ex, S, first))
    ex.result(first / (first + second))


@check
def sol_la_pca_standardise(ex):
    S = ex.given(r"\mathbf{S}")
    first, second = states_indexed(ex, r"\lambda", eigenvalues(S))
    ex.states(r"\mathbf{w}_1", unit_eigenvector(ex, S, first))
    D = sympy.diag(*[sympy.sqrt(S[j, j]) for j in range(S.rows)])
    ex.states(r"\mathbf{D}", D)
    R = D.inv() * S * D.inv()
    ex.states(r"\mathbf{D}^{-1}\mathbf{S}\mathbf{D}^{-1}", R)
    top, bottom = states_indexed(ex, r"\mu", eigenvalues(R))
    ex.states(r"\mathbf{q}_1", unit_eigenvector(ex, R, top))
    ex.results(first / (first + second), top / (top + bottom))


@check
def sol_la_pca_from_svd(ex):
    n = ex.given("n")
    sigmas = indexed(ex, r"\sigma")
    lams = states_indexed(ex, r"\lambda", [s**2 / (n - 1) for s in sigmas])
    total = sum(lams)
    ex.states(r"\frac{\lambda_1}{\lambda_1 + \lambda_2 + \lambda_3}", lams[0] / total)
    ex.states(r"\frac{\lambda_1 + \lambda_2}{\lambda_1 + \lambda_2 + \lambda_3}", (lams[0] + lams[1]) / total)
    k = ex.given("k")
    ex.result((n - 1) * sum(lams[k:]))
