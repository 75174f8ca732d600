"""Checks for book/linear-algebra/determinants.md and its solutions."""

import sympy
from mathcheck import check

# ---- results stated in the section ------------------------------------------------------


@check
def prop_la_inverse_2x2(ex):
    ex.identity()


@check
def prop_la_inverse_rules(ex):
    ex.identity()


@check
def thm_la_det_properties(ex):
    ex.identity()


@check
def prop_la_trace_cyclic(ex):
    ex.identity()


@check
def cor_la_trace_quadratic(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_la_inverse_2x2(ex):
    A = ex.given(r"\mathbf{A}")
    ex.states(r"\det\mathbf{A}", A.det())
    ex.states(r"\mathbf{A}\mathbf{A}^{-1}", sympy.eye(A.rows))
    ex.result(A.inv())


@check
def ex_la_det_cofactor(ex):
    ex.result(ex.given(r"\mathbf{B}").det())


@check
def ex_la_inverse_gauss_jordan(ex):
    C = ex.given(r"\mathbf{C}")
    ex.states(r"\det\mathbf{C}", C.det())
    ex.result(C.inv())


@check
def ex_la_trace_cyclic(ex):
    P, Q = ex.given(r"\mathbf{P}"), ex.given(r"\mathbf{Q}")
    ex.states(r"\mathbf{P}\mathbf{Q}", P * Q)
    ex.states(r"\mathbf{Q}\mathbf{P}", Q * P)
    ex.states(r"\tr(\mathbf{P}\mathbf{Q})", (P * Q).trace())
    ex.states(r"\tr(\mathbf{Q}\mathbf{P})", (Q * P).trace())
    ex.results((P * Q).det(), (Q * P).det())


# ---- solutions -------------------------------------------------------------------------


@check
def sol_la_inverse_solve(ex):
    E, b = ex.given(r"\mathbf{E}"), ex.given(r"\mathbf{b}")
    ex.states(r"\det\mathbf{E}", E.det())
    ex.states(r"\mathbf{E}^{-1}", E.inv())
    ex.states(r"\mathbf{E}\mathbf{E}^{-1}", sympy.eye(E.rows))
    ex.result(E.solve(b))


@check
def sol_la_det_3x3(ex):
    ex.result(ex.given(r"\mathbf{F}").det())


@check
def sol_la_gauss_jordan(ex):
    H = ex.given(r"\mathbf{H}")
    ex.results(H.inv(), H.det())


@check
def sol_la_det_parameter(ex):
    G = ex.given(r"\mathbf{G}")
    (t,) = G.free_symbols
    ex.states(r"\det\mathbf{G}", G.det())
    ex.result(sympy.FiniteSet(*sympy.solve(G.det(), t)))


@check
def sol_la_det_rules(ex):
    A, B = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{B}")
    ex.states(r"\det\mathbf{A}", A.det())
    ex.states(r"\det\mathbf{B}", B.det())
    ex.states(r"\det(\mathbf{A}\mathbf{B})", (A * B).det())
    ex.states(r"\det(\mathbf{A}^\top\mathbf{B}^{-1})", (A.T * B.inv()).det())
    ex.states(r"\det(2\mathbf{A})", (2 * A).det())
    ex.states(r"\det(\mathbf{A}^{-1}\mathbf{B}\mathbf{A})", (A.inv() * B * A).det())
    ex.states(r"\mathbf{A} + \mathbf{B}", A + B)
    ex.results((A + B).det(), A.det() + B.det())


@check
def sol_la_gaussian_density(ex):
    mu, Sigma, x = ex.given(r"\boldsymbol{\mu}"), ex.given(r"\boldsymbol{\Sigma}"), ex.given(r"\mathbf{x}")
    n = ex.given("n")
    d = x - mu
    quadratic = (d.T * Sigma.inv() * d)[0]
    density = sympy.exp(-quadratic / 2) / sympy.sqrt((2 * sympy.pi) ** n * Sigma.det())
    ex.states(r"\det\boldsymbol{\Sigma}", Sigma.det())
    ex.states(r"\boldsymbol{\Sigma}^{-1}", Sigma.inv())
    ex.states(r"(\mathbf{x}-\boldsymbol{\mu})^\top\boldsymbol{\Sigma}^{-1}(\mathbf{x}-\boldsymbol{\mu})", quadratic)
    ex.results(density, sympy.log(density))
