"""Checks for book/linear-algebra/subspaces.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib import given_all


def zero_like(m):
    return sympy.zeros(m.rows, 1)


@check
def ex_la_subspaces_independence(ex):
    v1, v2, v3 = given_all(ex, r"\mathbf{v}_1", r"\mathbf{v}_2", r"\mathbf{v}_3")
    V = sympy.Matrix.hstack(v1, v2, v3)
    ex.states(r"\mathbf{V}", V)
    ex.states(r"\rank\mathbf{V}", V.rank())
    ex.states(r"\mathbf{V}\mathbf{c}", zero_like(V))
    (c,) = V.nullspace()  # the special solution, with the free variable set to 1
    ex.result(c)


@check
def ex_la_subspaces_null_column(ex):
    A = ex.given(r"\mathbf{A}")
    R, pivots = A.rref()
    ex.states(r"\rank\mathbf{A}", A.rank())
    n1, n2 = A.nullspace()
    ex.states(r"\mathbf{n}_1", n1)
    ex.states(r"\mathbf{n}_2", n2)
    ex.states(r"\mathbf{A}\mathbf{n}_1", zero_like(A))
    ex.states(r"\mathbf{A}\mathbf{n}_2", zero_like(A))
    ex.states(r"\mathbf{a}_1", A.col(pivots[0]))
    ex.states(r"\mathbf{a}_3", A.col(pivots[1]))
    ex.result(A.cols)


@check
def ex_la_subspaces_coordinates(ex):
    b1, b2, b3 = given_all(ex, r"\mathbf{b}_1", r"\mathbf{b}_2", r"\mathbf{b}_3")
    x = ex.given(r"\mathbf{x}")
    B = sympy.Matrix.hstack(b1, b2, b3)
    ex.states(r"\mathbf{M}", B.row_join(x))
    ex.result(B.solve(x))


@check
def ex_la_subspaces_one_hot(ex):
    X, n, w = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{n}"), ex.given(r"\mathbf{w}")
    ex.require(X * n == zero_like(X), "the stated n is not in the null space of X")
    ex.states(r"\mathbf{X}\mathbf{n}", X * n)
    ex.states(r"\rank\mathbf{X}", X.rank())
    ex.states(r"\mathbf{X}\mathbf{w}", X * w)
    ex.states(r"\mathbf{X}\mathbf{u}", X * ex.given(r"\mathbf{u}"))
    ex.result(len(X.nullspace()))


@check
def thm_la_four_subspaces_dims(ex):
    ex.identity()


@check
def sol_la_subspaces_coordinates_plane(ex):
    b1, b2 = ex.given(r"\mathbf{b}_1"), ex.given(r"\mathbf{b}_2")
    x, d = ex.given(r"\mathbf{x}"), ex.given(r"\mathbf{d}")
    B = sympy.Matrix.hstack(b1, b2)
    ex.results(B.solve(x), B * d)


@check
def sol_la_subspaces_parameter(ex):
    V = ex.given(r"\mathbf{V}")
    k = sympy.Symbol("k")
    (value,) = sympy.solve(V.det(), k)
    columns = sympy.Matrix.hstack(*given_all(ex, r"\mathbf{v}_1", r"\mathbf{v}_2", r"\mathbf{v}_3"))
    ex.states(r"\mathbf{V}", columns.subs(k, value))
    ex.results(value, V.col(2).subs(k, value))


@check
def sol_la_subspaces_four(ex):
    A = ex.given(r"\mathbf{A}")
    R, pivots = A.rref()
    r = A.rank()
    ex.states(r"\rank\mathbf{A}", r)
    ex.states(r"\mathbf{a}_1", A.col(pivots[0]))
    ex.states(r"\mathbf{a}_3", A.col(pivots[1]))
    ex.states(r"\mathbf{r}_1", R.row(0).T)
    ex.states(r"\mathbf{r}_2", R.row(1).T)
    (n,) = A.nullspace()
    (y,) = A.T.nullspace()
    ex.states(r"\mathbf{n}", n)
    ex.states(r"\mathbf{y}", y)
    ex.states("x_3", n[pivots[1]])  # the second row of R: the pivot variable x_3 is zero
    ex.states(r"\mathbf{A}\mathbf{n}", zero_like(A))
    ex.states(r"\mathbf{A}^\top\mathbf{y}", zero_like(A))
    ex.states(r"\mathbf{r}_1^\top\mathbf{n}", (R.row(0) * n)[0])
    ex.states("m", A.rows)
    ex.states("n", A.cols)
    ex.states("r", r)
    ex.results(r, A.T.rank(), A.cols - r, A.rows - r)
