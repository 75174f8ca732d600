"""Checks for book/probability/information.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.probability import entropy, require_distribution
from sympy import stats


def _distributions(ex, *vectors):
    """Fail unless every probability vector the block gives is non-negative and adds up to 1."""
    for v in vectors:
        require_distribution(ex, dict(enumerate(v)))
    return vectors


def _entropy(p):
    """H(p) in nats for a probability vector (0 log 0 = 0)."""
    return entropy(dict(enumerate(p)))


def _cross_entropy(p, q):
    """H(p, q) = -sum p log q over the outcomes with p > 0."""
    return sympy.simplify(-sum(a * sympy.log(b) for a, b in zip(p, q) if a != 0))


def _kl(p, q):
    """KL(p || q) = sum p log(p / q) over the outcomes with p > 0."""
    return sympy.simplify(sum(a * sympy.log(a / b) for a, b in zip(p, q) if a != 0))


# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_cross_entropy_kl(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_info_entropy(ex):
    (p,) = _distributions(ex, ex.given(r"\mathbf{p}"))
    ex.states(r"H(\mathbf{p})", _entropy(p))
    ex.result(_entropy(p) / sympy.log(2))


@check
def ex_prob_info_differential(ex):
    X, V = ex.given("X"), ex.given("V")
    x = sympy.Symbol("x", real=True)

    def differential_entropy(Y):
        density = stats.density(Y)(x)
        lower, upper = stats.pspace(Y).domain.set.inf, stats.pspace(Y).domain.set.sup
        return sympy.simplify(-sympy.integrate(density * sympy.log(density), (x, lower, upper)))

    ex.results(differential_entropy(X), differential_entropy(V))


@check
def ex_prob_info_kl_asymmetry(ex):
    p, q = _distributions(ex, ex.given(r"\mathbf{p}"), ex.given(r"\mathbf{q}"))
    ex.states(r"H(\mathbf{p}, \mathbf{q})", _cross_entropy(p, q))
    ex.require(sympy.simplify(_cross_entropy(p, q) - _entropy(p) - _kl(p, q)) == 0,
               "H(p, q) = H(p) + KL(p || q) fails for the example's p and q")
    ex.results(_kl(p, q), _kl(q, p))


@check
def ex_prob_info_mutual(ex):
    cells = ex.given("p").points  # {(x, y): p(x, y)}, as the text gives them
    require_distribution(ex, cells)
    first = {a: sum(m for (x, _), m in cells.items() if x == a) for a, _ in cells}
    second = {b: sum(m for (_, y), m in cells.items() if y == b) for _, b in cells}
    information = sympy.simplify(sum(m * sympy.log(m / (first[a] * second[b]))
                                     for (a, b), m in cells.items() if m != 0))
    ex.require(sympy.simplify(entropy(first) + entropy(second) - entropy(cells) - information) == 0,
               "H(X) + H(Y) - H(X, Y) differs from the mutual information")
    ex.result(information)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_info_softmax_loss(ex):
    z = ex.given(r"\mathbf{z}")
    y, u = _distributions(ex, ex.given(r"\mathbf{y}"), ex.given(r"\mathbf{u}"))
    exp = z.applyfunc(sympy.exp)
    q = exp / sum(exp)
    ex.states(r"\mathbf{q}", q)
    ex.states(r"H(\mathbf{y}, \mathbf{q})", _cross_entropy(y, q))
    ex.states(r"H(\mathbf{u}, \mathbf{q})", _cross_entropy(u, q))
    ex.result(_cross_entropy(u, q) - _cross_entropy(y, q))


@check
def sol_prob_info_entropy_die(ex):
    (p,) = _distributions(ex, ex.given(r"\mathbf{p}"))
    ex.results(_entropy(p), _entropy(p) / sympy.log(2))


@check
def sol_prob_info_mle_kl(ex):
    d, m = _distributions(ex, ex.given(r"\mathbf{d}"), ex.given(r"\mathbf{m}"))
    ex.states(r"\KL(\mathbf{d} \,\|\, \mathbf{m})", _kl(d, m))
    g = ex.given("g")
    (theta,) = g.variables
    best = ex.given(r"\hat{\theta}")
    ex.require(sympy.simplify(g.expr.subs(theta, best)) == 0, "the divergence is not zero at the stated minimiser")
    ex.result(sympy.diff(g.expr, theta).subs(theta, best))


@check
def sol_prob_info_gaussian_kl(ex):
    W = ex.given("W")
    x = sympy.Symbol("x", real=True)
    log_ratio = sympy.expand(sympy.expand_log(sympy.log(stats.density(W)(x))
                                              - sympy.log(sympy.exp(-x**2 / 2) / sympy.sqrt(2 * sympy.pi)),
                                              force=True))
    ex.result(sympy.simplify(stats.E(log_ratio.subs(x, W))))


@check
def sol_prob_info_forward_reverse(ex):
    p, q, r = _distributions(ex, ex.given(r"\mathbf{p}"), ex.given(r"\mathbf{q}"), ex.given(r"\mathbf{r}"))
    ex.results(_kl(p, q), _kl(r, p))
