"""Checks for book/linear-algebra/matrices.md and its solutions."""

import sympy
from mathcheck import check


def column_combination(a, x):
    """The combination x_1 a_1 + ... + x_n a_n of the columns of a."""
    return sum((x[j] * a[:, j] for j in range(a.shape[1])), sympy.zeros(a.shape[0], 1))


def row_dots(a, x):
    """One dot product per row of a."""
    return sympy.Matrix([(a[i, :] * x)[0] for i in range(a.shape[0])])


@check
def prop_la_matrix_map_linear(ex):
    ex.identity()


@check
def prop_la_product_composition(ex):
    ex.identity()


@check
def cor_la_product_associative(ex):
    ex.identity()


@check
def prop_la_transpose_rules(ex):
    ex.identity()


@check
def thm_la_transpose_product(ex):
    ex.identity()


def matvec_two_ways(ex):
    """Ax as a combination of the columns, then one dot product per row."""
    a, x = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{x}")
    ex.states(r"\mathbf{A}\mathbf{x}", column_combination(a, x))
    ex.result(row_dots(a, x))


@check
def ex_la_matvec_two_ways(ex):
    matvec_two_ways(ex)


@check
def ex_la_product_order(ex):
    a, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{B}")
    ex.states(r"\mathbf{A}\mathbf{B}", a * b)
    ex.states(r"\mathbf{B}\mathbf{A}", b * a)
    ex.result(a * b - b * a)


@check
def ex_la_rotation_orthogonal(ex):
    q, x = ex.given(r"\mathbf{Q}"), ex.given(r"\mathbf{x}")
    theta = ex.given(r"\theta")
    ex.states(r"\mathbf{Q}", sympy.Matrix([[sympy.cos(theta), -sympy.sin(theta)],
                                            [sympy.sin(theta), sympy.cos(theta)]]))
    ex.states(r"\mathbf{Q}^\top\mathbf{Q}", q.T * q)
    ex.states(r"\mathbf{Q}\mathbf{x}", q * x)
    ex.results(x.norm(), (q * x).norm())


@check
def ex_la_dense_batch(ex):
    w, b, x = ex.given(r"\mathbf{W}"), ex.given(r"\mathbf{b}"), ex.given(r"\mathbf{X}")
    ex.states(r"\mathbf{W}\mathbf{X}", w * x)
    ex.result(w * x + b * sympy.ones(1, x.shape[1]))


@check
def sol_la_matvec_practice(ex):
    matvec_two_ways(ex)


@check
def sol_la_orthogonal_reflection(ex):
    q, x = ex.given(r"\mathbf{Q}"), ex.given(r"\mathbf{x}")
    n = q.shape[0]
    ex.states(r"\mathbf{Q}^\top\mathbf{Q}", sympy.eye(n))
    ex.states(r"\mathbf{Q}\mathbf{x}", q * x)
    ex.states(r"\mathbf{Q}^2", q * q)
    ex.results(x.norm(), (q * x).norm())


@check
def sol_la_rotate_reflect(ex):
    r, f = ex.given(r"\mathbf{R}"), ex.given(r"\mathbf{F}")
    ex.states(r"\mathbf{F}\mathbf{R}", f * r)
    ex.states(r"\mathbf{R}\mathbf{F}", r * f)


@check
def sol_la_commuting_parameter(ex):
    a, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{B}")
    c = sympy.Symbol("c")
    solutions = sympy.solve(list(a * b - b * a), c, dict=True)
    ex.result_set([solution[c] for solution in solutions])


@check
def sol_la_layer_collapse(ex):
    w1, b1 = ex.given(r"\mathbf{W}_1"), ex.given(r"\mathbf{b}_1")
    w2, b2 = ex.given(r"\mathbf{W}_2"), ex.given(r"\mathbf{b}_2")
    ex.states(r"\mathbf{W}_2\mathbf{W}_1", w2 * w1)
    ex.results(w2 * w1, w2 * b1 + b2)
