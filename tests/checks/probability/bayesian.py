"""Checks for book/probability/bayesian.md and its solutions."""

import sympy
from mathcheck import check
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_beta_mean_average(ex):
    ex.identity()


@check
def thm_prob_gauss_gauss(ex):
    ex.identity(chain=r"\frac{\mu_0/\tau_0^2 + n\bar{x}/\sigma^2}{1/\tau_0^2 + n/\sigma^2} = "
                      r"\frac{\sigma^2}{\sigma^2 + n\tau_0^2}\,\mu_0 + \frac{n\tau_0^2}{\sigma^2 + n\tau_0^2}\,\bar{x}")


# ---- worked examples -------------------------------------------------------------------


def _beta_posterior(ex):
    """The Beta posterior parameters alpha + k and beta + n - k, from the block's givens."""
    alpha, beta, k, n = ex.given(r"\alpha"), ex.given(r"\beta"), ex.given("k"), ex.given("n")
    return alpha + k, beta + n - k


@check
def ex_prob_beta_coin(ex):
    a, b = _beta_posterior(ex)
    posterior = stats.Beta("T", a, b)
    ex.states(r"\frac{\alpha + k}{\alpha + \beta + n}", stats.E(posterior))
    ex.states(r"\frac{\alpha + k - 1}{\alpha + \beta + n - 2}", (a - 1) / (a + b - 2))
    stated = ex.given(r"\Theta")
    ex.require(sympy.simplify(stats.E(stated) - stats.E(posterior)) == 0
               and sympy.simplify(stats.variance(stated) - stats.variance(posterior)) == 0,
               "the stated posterior is not Beta(alpha + k, beta + n - k)")
    ex.results(stats.E(posterior), sympy.nsimplify(sympy.simplify(stats.P(posterior > sympy.Rational(1, 2)))))


@check
def ex_prob_gauss_mean(ex):
    sigma, mu0, tau0, n, xbar = (ex.given(name) for name in (r"\sigma", r"\mu_0", r"\tau_0", "n", r"\bar{x}"))
    precision = 1 / tau0**2 + n / sigma**2
    mean = (mu0 / tau0**2 + n * xbar / sigma**2) / precision
    ex.states(r"\frac{1}{\tau_0^2} + \frac{n}{\sigma^2}", precision)
    ex.states(r"\mu_n", mean)
    ex.results(mean, 1 / precision)


@check
def ex_prob_map_ridge(ex):
    X, y = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}")
    lam = ex.given(r"\sigma") ** 2 / ex.given(r"\tau") ** 2
    gram = X.T * X
    ex.states(r"\mathbf{X}^\top\mathbf{X}", gram)
    ex.states(r"\mathbf{X}^\top\mathbf{y}", X.T * y)
    ex.states(r"(\mathbf{X}^\top\mathbf{X})^{-1}\mathbf{X}^\top\mathbf{y}", gram.inv() * X.T * y)
    ex.result((gram + lam * sympy.eye(gram.rows)).inv() * X.T * y)


@check
def ex_prob_beta_predictive(ex):
    theta = ex.given(r"\Theta")
    ex.result(stats.E(theta**2))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_beta_update(ex):
    a, b = _beta_posterior(ex)
    ex.results(a / (a + b), (a - 1) / (a + b - 2))


@check
def sol_prob_beta_map_zero(ex):
    a, b = _beta_posterior(ex)
    ex.states(r"\frac{k}{n}", ex.given("k") / ex.given("n"))
    ex.results((a - 1) / (a + b - 2), a / (a + b))


@check
def sol_prob_gauss_posterior(ex):
    sigma, mu0, tau0, n, xbar = (ex.given(name) for name in (r"\sigma", r"\mu_0", r"\tau_0", "n", r"\bar{x}"))
    precision = 1 / tau0**2 + n / sigma**2
    mean = (mu0 / tau0**2 + n * xbar / sigma**2) / precision
    ex.states(r"\frac{1}{\tau_0^2} + \frac{n}{\sigma^2}", precision)
    m = sympy.Symbol("m", positive=True)
    (readings,) = sympy.solve(1 / tau0**2 + m / sigma**2 - 1, m)
    ex.results(mean, 1 / precision, readings)


def _laplace_map(y):
    """argmin of (w - y)^2 / 2 + |w|, from the candidates on each side of 0 and 0 itself."""
    w = sympy.Symbol("w", real=True)
    f = (w - y) ** 2 / 2 + sympy.Abs(w)
    candidates = [sympy.Integer(0)]
    for side in (1, -1):
        smooth = (w - y) ** 2 / 2 + side * w
        candidates += [c for c in sympy.solve(sympy.diff(smooth, w), w) if side * c > 0]
    return min(candidates, key=lambda c: f.subs(w, c))


@check
def sol_prob_map_laplace(ex):
    y1, y2 = ex.given("y_1"), ex.given("y_2")
    w = sympy.Symbol("w")
    (gaussian,) = sympy.solve(sympy.diff((w - y1) ** 2 / 2 + w**2 / 2, w), w)
    ex.require(gaussian == y1 / 2, "the Gaussian-prior MAP estimate is not y/2")
    ex.results(_laplace_map(y1), _laplace_map(y2))


@check
def sol_prob_gauss_predictive(ex):
    M, Z = ex.given("M"), ex.given("Z")
    ex.results(stats.E(M + Z), stats.variance(M + Z))
