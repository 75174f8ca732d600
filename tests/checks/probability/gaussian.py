"""Checks for book/probability/gaussian.md and its solutions."""

import sympy
from mathcheck import check
from sympy import stats


def gaussian_density(mu, Sigma, x):
    """The N(mu, Sigma) density at x, from its formula."""
    d = x - mu
    quadratic = (d.T * Sigma.inv() * d)[0]
    return sympy.exp(-quadratic / 2) / sympy.sqrt((2 * sympy.pi) ** mu.rows * Sigma.det())


def normal_density(t, mean, variance):
    return sympy.exp(-(t - mean) ** 2 / (2 * variance)) / sympy.sqrt(2 * sympy.pi * variance)


def condition_2d(ex, mu, Sigma, a, observed):
    """Mean and variance of the other coordinate given coordinate ``observed`` = a (indices 0 or 1),
    by the Schur complement, confirmed against the joint density divided by the marginal."""
    other = 1 - observed
    mean = mu[other] + Sigma[other, observed] / Sigma[observed, observed] * (a - mu[observed])
    variance = Sigma[other, other] - Sigma[other, observed] ** 2 / Sigma[observed, observed]
    t = sympy.Symbol("t", real=True)
    point = sympy.Matrix([a, t]) if observed == 0 else sympy.Matrix([t, a])
    joint = gaussian_density(mu, Sigma, point)
    marginal = normal_density(a, mu[observed], Sigma[observed, observed])
    ratio = sympy.simplify(joint / marginal - normal_density(t, mean, variance))
    ex.require(ratio == 0, "the joint density divided by the marginal is not the stated conditional density")
    return mean, variance


def gda_logistic(phi, mu0, mu1, Sigma):
    """w and b of the GDA posterior sigma(w^T x + b), by the formulas of prop-prob-gda-logistic."""
    inverse = Sigma.inv()
    w = inverse * (mu1 - mu0)
    b = -(mu1.T * inverse * mu1)[0] / 2 + (mu0.T * inverse * mu0)[0] / 2 + sympy.log(phi / (1 - phi))
    return w, b


def gda_posterior(phi, mu0, mu1, Sigma, x):
    """P(y = 1 | x) by Bayes' rule from the two class densities, without the logistic form."""
    one, zero = phi * gaussian_density(mu1, Sigma, x), (1 - phi) * gaussian_density(mu0, Sigma, x)
    return one / (one + zero)


def sigmoid(z):
    return 1 / (1 + sympy.exp(-z))


# ---- results stated in the section ------------------------------------------------------


@check
def thm_prob_gaussian_affine(ex):
    ex.identity(chain=r"\E[\mathbf{A}\mathbf{x} + \mathbf{b}] = \mathbf{A}\E[\mathbf{x}] + \mathbf{b}",
                random_vectors=(r"\mathbf{x}",))
    ex.identity(chain=r"\Cov[\mathbf{A}\mathbf{x} + \mathbf{b}] = \mathbf{A}\Cov[\mathbf{x}]\mathbf{A}^\top",
                random_vectors=(r"\mathbf{x}",))


@check
def lem_prob_gaussian_square(ex):
    ex.identity()


@check
def prop_prob_gaussian_product(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_gaussian_axes(ex):
    mu, Sigma = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}")
    u, w = ex.given(r"\mathbf{u}"), ex.given(r"\mathbf{w}")
    ex.require(ex.given("d") == Sigma.rows, "d should be the dimension of the Gaussian")
    ex.states(r"\det\boldsymbol{\Sigma}", Sigma.det())
    ex.states(r"\boldsymbol{\Sigma}^{-1}", Sigma.inv())
    for point in (u, w):
        direction = point - mu
        ex.require(Sigma * direction == direction * (Sigma * direction)[0] / direction[0],
                   "the comparison point does not lie on an eigenvector axis")
    form = r"(\mathbf{%s}-\boldsymbol{\mu})^\top\boldsymbol{\Sigma}^{-1}(\mathbf{%s}-\boldsymbol{\mu})"
    ex.states(form % ("u", "u"), ((u - mu).T * Sigma.inv() * (u - mu))[0])
    ex.states(form % ("w", "w"), ((w - mu).T * Sigma.inv() * (w - mu))[0])
    ex.results(gaussian_density(mu, Sigma, u), gaussian_density(mu, Sigma, w))


@check
def ex_prob_gaussian_condition_2d(ex):
    mu, Sigma, a = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}"), ex.given("a")
    mean, variance = condition_2d(ex, mu, Sigma, a, 0)
    ex.states("m", mean)
    ex.states("v", variance)
    ex.identities()
    ex.results(mean, variance)


@check
def ex_prob_gaussian_sum_product(ex):
    X, Y = ex.given("X"), ex.given("Y")
    ex.states(r"\E[X + Y]", stats.E(X + Y))
    ex.states(r"\Var[X + Y]", stats.variance(X + Y))
    ex.identities()
    t = sympy.Symbol("t", real=True)
    product = stats.density(X)(t) * stats.density(Y)(t)
    integral = sympy.simplify(sympy.integrate(product, (t, -sympy.oo, sympy.oo)))
    ex.states(r"\int_{-\infty}^{\infty} p_X(t)\,p_Y(t)\,dt", integral)
    variance = 1 / (1 / stats.variance(X) + 1 / stats.variance(Y))
    mean = variance * (stats.E(X) / stats.variance(X) + stats.E(Y) / stats.variance(Y))
    shape = sympy.simplify(product / integral - normal_density(t, mean, variance))
    ex.require(shape == 0, "the normalised product is not the N(m, v) density")
    ex.results(stats.variance(X + Y), mean, variance)


@check
def ex_prob_gaussian_marginal_3d(ex):
    mu, Sigma = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}")
    P, a = ex.given(r"\mathbf{P}"), ex.given(r"\mathbf{a}")
    ex.require(all(Sigma[:k, :k].det() > 0 for k in range(1, Sigma.rows + 1)),
               "the covariance is not positive definite")
    ex.states(r"\mathbf{P}\boldsymbol{\mu}", P * mu)
    ex.states(r"\mathbf{P}\boldsymbol{\Sigma}\mathbf{P}^\top", P * Sigma * P.T)
    ex.results((a.T * mu)[0], (a.T * Sigma * a)[0])


@check
def ex_prob_gaussian_mle_2d(ex):
    points = [ex.given(rf"\mathbf{{x}}_{i}") for i in range(1, ex.given("n") + 1)]
    n, d = ex.given("n"), ex.given("d")
    ex.require(len(points) == n and all(p.rows == d for p in points), "n points of R^d should be given")
    mean = sum(points, sympy.zeros(d, 1)) / n
    scatter = sum(((p - mean) * (p - mean).T for p in points), sympy.zeros(d, d))
    ex.states(r"\bar{\mathbf{x}}", mean)
    ex.states(r"\sum_{i=1}^n(\mathbf{x}_i - \bar{\mathbf{x}})(\mathbf{x}_i - \bar{\mathbf{x}})^\top", scatter)
    ex.require(scatter.det() != 0, "the fitted covariance should be invertible")
    ex.results(mean, scatter / n, scatter / (n - 1))


@check
def ex_prob_gda_boundary(ex):
    phi, Sigma = ex.given(r"\phi"), ex.given(r"\boldsymbol{\Sigma}")
    mu0, mu1, x = ex.given(r"\boldsymbol{\mu}_0"), ex.given(r"\boldsymbol{\mu}_1"), ex.given(r"\mathbf{x}")
    w, b = gda_logistic(phi, mu0, mu1, Sigma)
    ex.states(r"\boldsymbol{\Sigma}^{-1}", Sigma.inv())
    ex.states(r"\mathbf{w}", w)
    ex.states("b", b)
    log_odds = (w.T * x)[0] + b
    ex.states(r"\mathbf{w}^\top\mathbf{x} + b", log_odds)
    bayes = gda_posterior(phi, mu0, mu1, Sigma, x)
    ex.require(sympy.simplify(bayes - sigmoid(log_odds)) == 0,
               "Bayes' rule with the class densities disagrees with sigma(w^T x + b)")
    ex.result(bayes)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_gaussian_density_value(ex):
    mu, Sigma, x = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}"), ex.given(r"\mathbf{x}")
    ex.states(r"\det\boldsymbol{\Sigma}", Sigma.det())
    for name in (r"\mathbf{q}_1", r"\mathbf{q}_2"):
        q = ex.given(name)
        eigenvalue = (q.T * Sigma * q)[0]
        ex.require(sympy.simplify((q.T * q)[0]) == 1 and sympy.simplify(Sigma * q - eigenvalue * q) == sympy.zeros(*q.shape),
                   f"{name} should be a unit eigenvector of Sigma")
    ex.states(r"\boldsymbol{\Sigma}^{-1}", Sigma.inv())
    ex.states(r"(\mathbf{x}-\boldsymbol{\mu})^\top\boldsymbol{\Sigma}^{-1}(\mathbf{x}-\boldsymbol{\mu})",
              ((x - mu).T * Sigma.inv() * (x - mu))[0])
    ex.result(gaussian_density(mu, Sigma, x))


@check
def sol_prob_gaussian_sum_product(ex):
    X, Y = ex.given("X"), ex.given("Y")
    Z = 2 * X - Y + 1
    ex.states(r"\E[2X - Y + 1]", stats.E(Z))
    ex.states(r"\Var[2X - Y + 1]", stats.variance(Z))
    variance = 1 / (1 / stats.variance(X) + 1 / stats.variance(Y))
    ex.states("v", variance)
    ex.states("m", variance * (stats.E(X) / stats.variance(X) + stats.E(Y) / stats.variance(Y)))
    t = sympy.Symbol("t", real=True)
    ex.result(sympy.integrate(stats.density(X)(t) * stats.density(Y)(t), (t, -sympy.oo, sympy.oo)))


@check
def sol_prob_gaussian_conditional_both(ex):
    Sigma = ex.given(r"\boldsymbol{\Sigma}")
    mu = sympy.zeros(Sigma.rows, 1)
    x2, x1 = ex.given(r"x_2"), ex.given(r"x_1")  # the observed values, "$x_2 = 3$" and "$x_1 = 2$"
    mean1, var1 = condition_2d(ex, mu, Sigma, x2, 1)
    mean2, var2 = condition_2d(ex, mu, Sigma, x1, 0)
    ex.results(mean1, var1, mean2, var2)


@check
def sol_prob_gaussian_measurement(ex):
    mu0, b = ex.given(r"\mu_0"), ex.given("b")
    s0, tau2 = ex.given(r"\sigma_0") ** 2, ex.given(r"\tau") ** 2
    mu = sympy.Matrix([mu0, mu0])
    Sigma = sympy.Matrix([[s0, s0], [s0, s0 + tau2]])
    ex.states(r"\boldsymbol{\Sigma}", Sigma)
    mean, variance = condition_2d(ex, mu, Sigma, b, 1)
    # The likelihood as written is the N(x, tau^2) density of the measurement b.
    x = sympy.Symbol("x")
    likelihood = ex.given(r"p(b \mid x)")(b, x)
    normal = sympy.exp(-(b - x) ** 2 / (2 * tau2)) / sympy.sqrt(2 * sympy.pi * tau2)
    ex.require(sympy.simplify(likelihood - normal) == 0, "p(b | x) should be the N(x, tau^2) density")
    precision_variance = 1 / (1 / s0 + 1 / tau2)
    ex.require(sympy.simplify(precision_variance - variance) == 0, "the product of densities disagrees")
    ex.require(sympy.simplify(precision_variance * (mu0 / s0 + b / tau2) - mean) == 0,
               "the product of densities disagrees")
    ex.results(mean, variance)


@check
def sol_prob_gda_fit(ex):
    x, y, n = ex.given(r"\mathbf{x}"), ex.given(r"\mathbf{y}"), ex.given("n")
    ex.require(len(x) == n and len(y) == n, "n should count the examples")
    classes = [[xi for xi, yi in zip(x, y) if yi == k] for k in (0, 1)]
    phi = sympy.Rational(len(classes[1]), n)
    mu0, mu1 = (sum(c) / len(c) for c in classes)
    pooled = sum((xi - (mu1 if yi == 1 else mu0)) ** 2 for xi, yi in zip(x, y)) / n
    # The one-feature model as 1 x 1 matrices, for the helpers of the d-dimensional case.
    model = (phi, sympy.Matrix([mu0]), sympy.Matrix([mu1]), sympy.Matrix([[pooled]]))
    w, b = gda_logistic(*model)
    ex.states("n_1", sum(y))
    ex.states("w", w[0])
    ex.states("b", b)
    boundary = -b / w[0]
    ex.require(sympy.simplify(gda_posterior(*model, sympy.Matrix([boundary])) - sympy.Rational(1, 2)) == 0,
               "the posterior at x* should be one half")
    ex.results(phi, mu0, mu1, pooled, boundary)
