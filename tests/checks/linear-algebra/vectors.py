"""Checks for book/linear-algebra/vectors.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.linalg import cosine, dot, norm1, norm_inf


@check
def ex_la_dot_angle(ex):
    x, y = ex.given(r"\mathbf{x}"), ex.given(r"\mathbf{y}")
    ex.states(r"\mathbf{x}^\top\mathbf{y}", dot(x, y))
    ex.states(r"\lVert\mathbf{x}\rVert_2", x.norm())
    ex.states(r"\lVert\mathbf{y}\rVert_2", y.norm())
    ex.states(r"\cos\theta", cosine(x, y))
    ex.result(sympy.acos(cosine(x, y)))


@check
def ex_la_three_norms(ex):
    v = ex.given(r"\mathbf{v}")
    ex.states(r"\lVert\mathbf{v}\rVert_1", norm1(v))
    ex.states(r"\lVert\mathbf{v}\rVert_2", v.norm())
    ex.states(r"\lVert\mathbf{v}\rVert_\infty", norm_inf(v))


@check
def ex_la_combination_coefficients(ex):
    u, v, w = ex.given(r"\mathbf{u}"), ex.given(r"\mathbf{v}"), ex.given(r"\mathbf{w}")
    coefficients = sympy.Matrix.hstack(u, v).solve(w)
    ex.results(*coefficients)


@check
def sol_la_norms(ex):
    x = ex.given(r"\mathbf{x}")
    ex.states(r"\lVert\mathbf{x}\rVert_1", norm1(x))
    ex.states(r"\lVert\mathbf{x}\rVert_2", x.norm())
    ex.states(r"\lVert\mathbf{x}\rVert_\infty", norm_inf(x))


@check
def sol_la_orthogonal_pythagoras(ex):
    x, y = ex.given(r"\mathbf{x}"), ex.given(r"\mathbf{y}")
    ex.states(r"\mathbf{x}^\top\mathbf{y}", dot(x, y))
    ex.states(r"\lVert\mathbf{x} + \mathbf{y}\rVert_2^2", (x + y).norm() ** 2)
    ex.states(r"\lVert\mathbf{x}\rVert_2^2 + \lVert\mathbf{y}\rVert_2^2", x.norm() ** 2 + y.norm() ** 2)


@check
def sol_la_combination(ex):
    u, v, w = ex.given(r"\mathbf{u}"), ex.given(r"\mathbf{v}"), ex.given(r"\mathbf{w}")
    ex.results(*sympy.Matrix.hstack(u, v).solve(w))


@check
def sol_la_orthogonal_parameter(ex):
    p, q = ex.given(r"\mathbf{p}"), ex.given(r"\mathbf{q}")
    (c,) = sympy.solve(dot(p, q), sympy.Symbol("c"))
    ex.result(c)


@check
def sol_la_cosine_embeddings(ex):
    a, b, c = ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{b}"), ex.given(r"\mathbf{c}")
    ex.results(cosine(a, b), cosine(a, c), cosine(b, c))


@check
def thm_la_cauchy_schwarz(ex):
    ex.identity()
