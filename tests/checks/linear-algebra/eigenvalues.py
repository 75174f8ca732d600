"""Checks for book/linear-algebra/eigenvalues.md and its solutions."""

import re

import sympy
from mathcheck import check
from mathcheck.lib import states_indexed
from mathcheck.lib.linalg import LAMBDA, charpoly, eigenvalues, eigenvector, projector, unit_eigenvector


def orthonormal_eigenvectors(ex, A):
    """The text's q_1, q_2, ... are unit eigenvectors for the eigenvalues, largest first.

    For a repeated eigenvalue any orthonormal basis of its eigenspace will do, so
    each q_i is tested (unit length, eigenvector) rather than compared with one answer.
    """
    for i, value in enumerate(eigenvalues(A)):
        name = rf"\mathbf{{q}}_{i + 1}"
        q = ex.given(name)
        ex.require(sympy.simplify((q.T * q)[0] - 1) == 0
                   and all(sympy.simplify(x) == 0 for x in A * q - value * q),
                   f"{name} = {list(q)} is not a unit eigenvector for the eigenvalue {value}")


def states_spectrum(ex, A, name=r"\mathbf{A}"):
    """The text's det(A - lambda I), its factorisations, and lambda_1, lambda_2, ..."""
    ex.states(rf"\det({name} - \lambda\mathbf{{I}})", charpoly(A))
    ex.identities()
    states_indexed(ex, r"\lambda", eigenvalues(A))


def eigenpairs_2x2(ex):
    """A 2 x 2 matrix's two eigenvalues, each with its eigenvector, as the answer."""
    A = ex.given(r"\mathbf{A}")
    states_spectrum(ex, A)
    first, second = eigenvalues(A)
    ex.results(first, eigenvector(ex, A, first), second, eigenvector(ex, A, second))


@check
def ex_la_eig_2x2(ex):
    eigenpairs_2x2(ex)


@check
def ex_la_eig_diagonalise_power(ex):
    A, V = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{V}")
    states_spectrum(ex, A)
    first, second = eigenvalues(A)
    ex.states(r"\mathbf{v}_1", eigenvector(ex, A, first))
    ex.states(r"\mathbf{v}_2", eigenvector(ex, A, second))
    if V.det() == 0:
        ex.fail("the eigenvector matrix V is singular")
    ex.states(r"\mathbf{V}^{-1}", V.inv())
    ex.states(r"\mathbf{V}\boldsymbol{\Lambda}\mathbf{V}^{-1}", A)
    # The power is the one the final display names, \mathbf{A}^{k}.
    (final,) = ex.final_chains()
    power = int(re.fullmatch(r"\\mathbf\{A\}\^\{?(\d+)\}?", final.chain.subject).group(1))
    ex.result(A ** power)


@check
def ex_la_eig_spectral(ex):
    A = ex.given(r"\mathbf{A}")
    states_spectrum(ex, A)
    for i, value in enumerate(eigenvalues(A)):
        ex.states(rf"\mathbf{{q}}_{i + 1}", unit_eigenvector(ex, A, value))
    ex.states(r"\mathbf{Q}^\top\mathbf{Q}", sympy.eye(A.rows))
    ex.states(r"\mathbf{Q}\boldsymbol{\Lambda}\mathbf{Q}^\top", A)
    ex.result(sum((value * projector(ex, A, value) for value in eigenvalues(A)), sympy.zeros(A.rows)))


@check
def ex_la_eig_definite_form(ex):
    A, x = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{x}")
    form = (x.T * A * x)[0]
    ex.states(r"\mathbf{x}^\top\mathbf{A}\mathbf{x}", form)
    ex.states(r"q(x_1, x_2)", form)
    ex.states(r"\det(\mathbf{A} - \lambda\mathbf{I})", charpoly(A))
    ex.identities()
    ex.result_set(eigenvalues(A))


@check
def sol_la_eig_find(ex):
    eigenpairs_2x2(ex)


@check
def sol_la_eig_triangular(ex):
    T = ex.given(r"\mathbf{T}")
    diagonal = list(T.diagonal())
    if sympy.expand(charpoly(T) - sympy.prod([d - LAMBDA for d in diagonal])) != 0:
        ex.fail("T is not triangular")
    states_indexed(ex, r"\lambda", diagonal)
    top = eigenvalues(T)[0]
    v = eigenvector(ex, T, top)
    ex.results(top * v, v)


@check
def sol_la_eig_markov(ex):
    P = ex.given(r"\mathbf{P}")
    states_spectrum(ex, P, r"\mathbf{P}")
    stationary = eigenvector(ex, P, eigenvalues(P)[0])
    stationary = stationary / sum(stationary)
    ex.states(r"\boldsymbol{\pi}", stationary)
    # Every column of the limit of P^k is the stationary distribution.
    ex.result(stationary * sympy.ones(1, P.rows))


@check
def sol_la_eig_definite_parameter(ex):
    A = ex.given(r"\mathbf{A}")
    ex.states(r"\tr\mathbf{A}", A.trace())
    ex.states(r"\det\mathbf{A}", A.det())
    ex.states(r"\det(\mathbf{A} - \lambda\mathbf{I})", charpoly(A))
    ex.identities()
    # Positive definite while det A > 0; the boundary is the positive root of det A = 0.
    ex.result(max(sympy.solve(A.det(), sympy.Symbol("c"))))


@check
def sol_la_eig_gradient_descent(ex):
    H = ex.given(r"\mathbf{H}")
    states_spectrum(ex, H, r"\mathbf{H}")
    eta, k = sympy.Symbol("eta"), sympy.Symbol("k")
    w = sympy.zeros(H.rows, 1)
    for i, value in enumerate(eigenvalues(H)):
        q = unit_eigenvector(ex, H, value)
        ex.states(rf"\mathbf{{q}}_{i + 1}", q)
        w += (1 - eta * value) ** k * sympy.Symbol(f"c_{{{i + 1}}}") * q
    ex.states(r"\mathbf{w}_k", w)
    # |1 - eta lambda| < 1 for every eigenvalue: eta < 2 / lambda_max.
    ex.result(2 / eigenvalues(H)[0])


@check
def sol_la_eig_spectral_3x3(ex):
    A = ex.given(r"\mathbf{A}")
    states_spectrum(ex, A)
    orthonormal_eigenvectors(ex, A)
    ex.states(r"\mathbf{Q}^\top\mathbf{Q}", sympy.eye(A.rows))
    ex.results(A, sympy.diag(*eigenvalues(A)))


@check
def prop_la_eig_charpoly_2x2(ex):
    ex.identity()


@check
def lem_la_eig_symmetric_dot(ex):
    ex.identity(symmetric=("A",))


@check
def prop_la_eig_symmetric_part(ex):
    ex.identity()


@check
def prop_la_eig_gram_psd(ex):
    ex.identity()
