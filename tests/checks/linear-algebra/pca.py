"""Checks for book/linear-algebra/pca.md and its solutions."""

import sympy

from mathcheck import check
from mathcheck.errors import CheckError


def mean_row(X):
    """The mean vector of the rows of X, as a column."""
    return sympy.Matrix([sum(X[:, j]) / X.rows for j in range(X.cols)])


def centred(X):
    return X - sympy.ones(X.rows, 1) * mean_row(X).T


def covariance(Xc):
    return Xc.T * Xc / (Xc.rows - 1)


def eigenvalues(S):
    """Eigenvalues of a symmetric matrix, largest first, with multiplicity."""
    values = []
    for value, multiplicity in S.eigenvals().items():
        values.extend([value] * multiplicity)
    return sorted(values, key=lambda v: -float(v))


def unit_eigenvector(S, value):
    """The unit eigenvector for a simple eigenvalue, signed so that its first non-zero entry is positive."""
    (v,) = (S - value * sympy.eye(S.rows)).nullspace()
    v = v / v.norm()
    first = next(x for x in v if sympy.simplify(x) != 0)
    return sympy.simplify(v * sympy.sign(first))


def require(ex, condition, message):
    if not condition:
        raise CheckError(f"{ex.block.where} {ex.block.label}: {message}")


def indexed(ex, name):
    """The values the text binds to name_1, name_2, ..., in order, up to the first one it does not bind."""
    values = []
    while True:
        try:
            values.append(ex.given(rf"{name}_{{{len(values) + 1}}}"))
        except CheckError:
            return values


def quarter_turn(w):
    """w turned a quarter turn anticlockwise in the plane."""
    return sympy.Matrix([-w[1], w[0]])


@check
def prop_la_pca_projected_variance(ex):
    ex.identity(shapes={r"\mathbf{X}_{c}": "m d", r"\mathbf{w}": "d 1"})


@check
def ex_la_pca_covariance(ex):
    X, n, d = ex.given(r"\mathbf{X}"), ex.given("n"), ex.given("d")
    require(ex, X.rows == n, "n is not the number of rows of the data matrix")
    require(ex, X.cols == d, "d is not the number of columns of the data matrix")
    ex.states(r"\bar{\mathbf{x}}", mean_row(X))
    ex.states(r"\mathbf{X}_c", centred(X))
    ex.result(centred(X).T * centred(X) / (n - 1))


@check
def ex_la_pca_components(ex):
    S = ex.given(r"\mathbf{S}")
    first, second = eigenvalues(S)
    ex.states(r"\lambda_1", first)
    ex.states(r"\lambda_2", second)
    w1 = unit_eigenvector(S, first)
    ex.states(r"\mathbf{w}_1", w1)
    ex.states(r"\mathbf{w}_2", quarter_turn(w1))
    ex.result(first / (first + second))


@check
def ex_la_pca_reconstruction(ex):
    Xc, n = ex.given(r"\mathbf{X}_c"), ex.given("n")
    S = covariance(Xc)
    require(ex, Xc.rows == n, "n is not the number of rows of the data matrix")
    first, second = eigenvalues(S)
    ex.states(r"\lambda_2", second)
    w1 = unit_eigenvector(S, first)
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
    require(ex, len(lams) == d, "the text does not give d eigenvalues")
    total = sum(lams)
    for j, lam in enumerate(lams, start=1):
        ex.states(rf"r_{j}", lam / total)
    tau = ex.given(r"\tau")
    cumulative = [sum(lams[:k]) / total for k in range(1, d + 1)]
    ex.result(next(k for k, c in enumerate(cumulative, start=1) if c >= tau))


@check
def sol_la_pca_five_points(ex):
    X, n = ex.given(r"\mathbf{X}"), ex.given("n")
    require(ex, X.rows == n, "n is not the number of rows of the data matrix")
    Xc = centred(X)
    ex.states(r"\bar{\mathbf{x}}", mean_row(X))
    ex.states(r"\mathbf{X}_c", Xc)
    S = Xc.T * Xc / (n - 1)
    ex.states(r"\mathbf{S}", S)
    first, second = eigenvalues(S)
    ex.states(r"\lambda_1", first)
    ex.states(r"\lambda_2", second)
    ex.states(r"\mathbf{w}_1", unit_eigenvector(S, first))
    ex.result(first / (first + second))


@check
def sol_la_pca_standardise(ex):
    S = ex.given(r"\mathbf{S}")
    first, second = eigenvalues(S)
    ex.states(r"\lambda_1", first)
    ex.states(r"\lambda_2", second)
    ex.states(r"\mathbf{w}_1", unit_eigenvector(S, first))
    D = sympy.diag(*[sympy.sqrt(S[j, j]) for j in range(S.rows)])
    ex.states(r"\mathbf{D}", D)
    R = D.inv() * S * D.inv()
    ex.states(r"\mathbf{D}^{-1}\mathbf{S}\mathbf{D}^{-1}", R)
    top, bottom = eigenvalues(R)
    ex.states(r"\mu_1", top)
    ex.states(r"\mu_2", bottom)
    ex.states(r"\mathbf{q}_1", unit_eigenvector(R, top))
    ex.results(first / (first + second), top / (top + bottom))


@check
def sol_la_pca_from_svd(ex):
    n = ex.given("n")
    sigmas = indexed(ex, r"\sigma")
    lams = [s**2 / (n - 1) for s in sigmas]
    for j, lam in enumerate(lams, start=1):
        ex.states(rf"\lambda_{j}", lam)
    total = sum(lams)
    ex.states(r"\frac{\lambda_1}{\lambda_1 + \lambda_2 + \lambda_3}", lams[0] / total)
    ex.states(r"\frac{\lambda_1 + \lambda_2}{\lambda_1 + \lambda_2 + \lambda_3}", (lams[0] + lams[1]) / total)
    k = ex.given("k")
    ex.result((n - 1) * sum(lams[k:]))
