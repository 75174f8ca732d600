"""Checks for book/linear-algebra/orthogonality.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.linalg import dot, least_squares, line_design, project_onto_line, projection_matrix, qr

# ---- results ------------------------------------------------------------------------


@check
def prop_la_projection_line(ex):
    # The second display: the error b - p is orthogonal to a.
    ex.identity(chain=ex.block.displays[1].latex)


@check
def prop_la_projection_matrix(ex):
    ex.identity()


# ---- worked examples ----------------------------------------------------------------


@check
def ex_la_orthonormal_coordinates(ex):
    qs = [ex.given(r"\mathbf{q}_1"), ex.given(r"\mathbf{q}_2"), ex.given(r"\mathbf{q}_3")]
    x = ex.given(r"\mathbf{x}")
    Q = sympy.Matrix.hstack(*qs)
    ex.states(r"\lVert\mathbf{q}_1\rVert_2", qs[0].norm())
    coordinates = Q.T * x
    ex.states(r"\mathbf{q}_1^\top\mathbf{x}", coordinates[0])
    ex.states(r"\mathbf{q}_2^\top\mathbf{x}", coordinates[1])
    ex.states(r"\mathbf{q}_2^\top\mathbf{q}_3", dot(qs[1], qs[2]))
    ex.states(r"\lVert\mathbf{x}\rVert_2^2", x.norm() ** 2)
    ex.result(Q * coordinates)


@check
def ex_la_projection_line(ex):
    a, b = ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{b}")
    p = project_onto_line(a, b)
    ex.states(r"\mathbf{a}^\top\mathbf{b}", dot(a, b))
    ex.states(r"\mathbf{a}^\top\mathbf{a}", dot(a, a))
    ex.states(r"\mathbf{e}", b - p)
    ex.results(p, (b - p).norm())


@check
def ex_la_projection_plane(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    P = projection_matrix(A)
    ex.states(r"(\mathbf{A}^\top\mathbf{A})^{-1}", (A.T * A).inv())
    ex.states(r"\mathbf{P}", P)
    ex.states(r"\mathbf{P}^2", P)
    ex.results(P * b, (b - P * b).norm())


@check
def ex_la_gram_schmidt_qr(ex):
    A = ex.given(r"\mathbf{A}")
    Q, R = qr(A)
    ex.states(r"\mathbf{q}_1", Q[:, 0])
    ex.states(r"\mathbf{q}_2", Q[:, 1])
    ex.states(r"\mathbf{v}_2", A[:, 1] - R[0, 1] * Q[:, 0])
    ex.states("r_{12}", R[0, 1])
    ex.results(Q * R, Q, R)


@check
def ex_la_least_squares_line(ex):
    t, b, A = ex.given(r"\mathbf{t}"), ex.given(r"\mathbf{b}"), ex.given(r"\mathbf{A}")
    ex.states(r"\mathbf{A}", line_design(t))
    ex.states(r"\mathbf{A}^\top\mathbf{A}", A.T * A)
    ex.states(r"\mathbf{A}^\top\mathbf{b}", A.T * b)
    x_hat = least_squares(A, b)
    ex.states(r"\mathbf{r}", b - A * x_hat)
    ex.results(x_hat, (b - A * x_hat).norm() ** 2)


# ---- solutions ----------------------------------------------------------------------


@check
def sol_la_orthonormal_coords_2d(ex):
    q1, q2, x = ex.given(r"\mathbf{q}_1"), ex.given(r"\mathbf{q}_2"), ex.given(r"\mathbf{x}")
    ex.states(r"\mathbf{q}_1^\top\mathbf{q}_2", dot(q1, q2))
    ex.states(r"\mathbf{q}_1^\top\mathbf{x}", dot(q1, x))
    ex.states(r"\mathbf{q}_2^\top\mathbf{x}", dot(q2, x))
    ex.result(dot(q1, x) * q1 + dot(q2, x) * q2)


@check
def sol_la_project_line_3d(ex):
    a, b = ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{b}")
    p = project_onto_line(a, b)
    ex.states(r"\mathbf{a}^\top\mathbf{e}", dot(a, b - p))
    ex.results(p, b - p)


@check
def sol_la_qr_four_by_two(ex):
    A = ex.given(r"\mathbf{A}")
    Q, R = qr(A)
    ex.states(r"\mathbf{q}_1", Q[:, 0])
    ex.states(r"\mathbf{q}_2", Q[:, 1])
    ex.states(r"\mathbf{Q}^\top\mathbf{Q}", sympy.eye(A.cols))
    ex.results(Q * R, Q, R)


@check
def sol_la_least_squares_qr(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    Q, R = ex.given(r"\mathbf{Q}"), ex.given(r"\mathbf{R}")
    ex.require(Q * R == A and Q.T * Q == sympy.eye(Q.cols), "the stated Q and R are not a QR factorisation of A")
    ex.states(r"\mathbf{Q}^\top\mathbf{b}", Q.T * b)
    x_hat = least_squares(A, b)
    ex.states(r"\lVert\mathbf{r}\rVert_2", (b - A * x_hat).norm())
    ex.result(x_hat)


@check
def sol_la_fit_line(ex):
    t, b, A = ex.given(r"\mathbf{t}"), ex.given(r"\mathbf{b}"), ex.given(r"\mathbf{A}")
    ex.states(r"\mathbf{A}", line_design(t))
    x_hat = least_squares(A, b)
    ex.states(r"\mathbf{r}", b - A * x_hat)
    ex.result(x_hat)
