"""Checks for book/linear-algebra/svd.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib import states_indexed
from mathcheck.lib.linalg import frobenius, line_projector, singular_values


def top_left_projector(a):
    """u1 u1^T for the first left singular vector u1 of a: free of the sign choice."""
    gram = a * a.T
    top = max(gram.eigenvals(), key=float)
    (u,) = (gram - top * sympy.eye(gram.shape[0])).nullspace()
    return line_projector(u)


def require_svd(ex, u, s, v, a):
    """Fail unless U, Sigma, V are an SVD of A: orthogonal factors, ordered diagonal, product A."""
    problems = []
    if sympy.simplify(u.T * u - sympy.eye(u.shape[0])) != sympy.zeros(*u.shape):
        problems.append("U is not orthogonal")
    if sympy.simplify(v.T * v - sympy.eye(v.shape[0])) != sympy.zeros(*v.shape):
        problems.append("V is not orthogonal")
    diagonal = [s[i, i] for i in range(min(s.shape))]
    if diagonal != singular_values(a):
        problems.append(f"the diagonal of Sigma is {diagonal}, "
                        f"not the singular values {singular_values(a)}")
    if sympy.simplify(u * s * v.T - a) != sympy.zeros(*a.shape):
        problems.append("U Sigma V^T is not A")
    if problems:
        ex.fail("; ".join(problems))


def states_singular_values(ex, a):
    """The text's sigma_1 and sigma_2; returns them."""
    s1, s2 = singular_values(a)
    return states_indexed(ex, r"\sigma", [s1, s2])


def states_svd(ex, a):
    """The text's U, Sigma, V are an SVD of the 2-column A, and u_i, v_i are their columns."""
    u, s, v = ex.given(r"\mathbf{U}"), ex.given(r"\boldsymbol{\Sigma}"), ex.given(r"\mathbf{V}")
    require_svd(ex, u, s, v, a)
    for i in (1, 2):
        ex.states(rf"\mathbf{{u}}_{i}", u[:, i - 1])
        ex.states(rf"\mathbf{{v}}_{i}", v[:, i - 1])


@check
def lem_la_svd_frobenius_trace(ex):
    ex.identity()


@check
def ex_la_svd_2x2(ex):
    a = ex.given(r"\mathbf{A}")
    states_singular_values(ex, a)
    states_svd(ex, a)
    ex.result(a)


@check
def ex_la_svd_rank_one(ex):
    a = ex.given(r"\mathbf{A}")
    _, s2 = states_singular_values(ex, a)
    best = top_left_projector(a) * a
    ex.states(r"\mathbf{A}_1", best)
    ex.states(r"\lVert\mathbf{A} - \mathbf{A}_1\rVert_F", frobenius(a - best))
    ex.result(s2 / frobenius(a))


@check
def ex_la_svd_pseudo_inverse(ex):
    a, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    states_singular_values(ex, a)
    states_svd(ex, a)
    pinv = a.pinv()
    ex.states(r"\mathbf{B}", pinv)
    x = pinv * b
    ex.results(x, x.norm())


@check
def sol_la_svd_singular_values(ex):
    a = ex.given(r"\mathbf{A}")
    s1, s2 = states_singular_values(ex, a)
    ex.states(r"\lVert\mathbf{A}\rVert_F", frobenius(a))
    ex.states(r"\sigma_1^2 + \sigma_2^2", s1 ** 2 + s2 ** 2)


@check
def sol_la_svd_storage(ex):
    h, r = ex.given("h"), ex.given("r")
    k, m, n = ex.given("k"), ex.given("m"), ex.given("n")
    ex.states(r"2\cdot h\cdot r", 2 * h * r)
    ex.states(r"\frac{2\cdot h\cdot r}{h^2}", sympy.Rational(2) * r / h)
    storage = k * (m + n + 1)
    ex.results(storage, sympy.Rational(storage, m * n))


@check
def sol_la_svd_full_2x2(ex):
    a = ex.given(r"\mathbf{A}")
    s1, s2 = states_singular_values(ex, a)
    states_svd(ex, a)
    ex.results(s1, s2)


@check
def sol_la_svd_truncation(ex):
    sigma = [ex.given(r"\sigma_1"), ex.given(r"\sigma_2"), ex.given(r"\sigma_3")]
    squares = [x ** 2 for x in sigma]
    total = sum(squares)
    ex.states(r"\lVert\mathbf{A}\rVert_F", sympy.sqrt(total))
    ex.states(r"\lVert\mathbf{A} - \mathbf{A}_1\rVert_F", sympy.sqrt(total - squares[0]))
    ex.states(r"\lVert\mathbf{A} - \mathbf{A}_2\rVert_F", sympy.sqrt(squares[2]))
    ex.states(r"\lVert\mathbf{A}\rVert_2", max(sigma))
    ex.states(r"\lVert\mathbf{A} - \mathbf{A}_1\rVert_2", sorted(sigma)[-2])
    ex.states(r"\lVert\mathbf{A} - \mathbf{A}_2\rVert_2", sorted(sigma)[0])
    ex.results(squares[0] / total, (squares[0] + squares[1]) / total)


@check
def sol_la_svd_min_norm(ex):
    a, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    states_singular_values(ex, a)
    pinv = a.pinv()
    ex.states(r"\mathbf{B}", pinv)
    x = pinv * b
    ex.states(r"\hat{\mathbf{x}}", x)
    (null,) = a.nullspace()
    ex.states(r"\mathbf{n}^\top\hat{\mathbf{x}}", (null.T * x)[0])
    ex.result(x.norm())
