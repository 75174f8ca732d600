"""Checks for book/linear-algebra/linear-systems.md and its solutions.

The harness applies every row operation written over an arrow exactly; these
checks add that each elimination starts from the matrix the text names, and
compare the stated solutions, factors and parameters with SymPy's.
"""

import sympy

from mathcheck import check
from mathcheck.errors import CheckError


def augmented(A, b):
    return sympy.Matrix.hstack(A, b)


def unique_solution(ex, A, b):
    if A.rows != A.cols or A.det() == 0:
        raise CheckError(f"{ex.block.where} {ex.block.label}: the system has no unique solution")
    return A.solve(b)


def general_solution(ex, A, b, parameters):
    """The solution of Ax = b with the free variables, in column order, named ``parameters``."""
    try:
        solution, free = A.gauss_jordan_solve(b)
    except ValueError:
        raise CheckError(f"{ex.block.where} {ex.block.label}: sympy finds the system inconsistent") from None
    names = sympy.symbols(parameters, seq=True)
    if len(free) != len(names):
        raise CheckError(f"{ex.block.where} {ex.block.label}: sympy finds {len(free)} free variables")
    return solution.subs(dict(zip(free, names)))


def lu_factors(ex, A):
    """L and U from elimination without row exchanges."""
    L, U, exchanges = A.LUdecomposition()
    if exchanges:
        raise CheckError(f"{ex.block.where} {ex.block.label}: elimination needs a row exchange")
    return L, U


@check
def ex_la_elimination_unique(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    ex.eliminates(augmented(A, b))
    ex.result(unique_solution(ex, A, b))


@check
def ex_la_elimination_parametric(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    ex.eliminates(augmented(A, b))
    ex.result(general_solution(ex, A, b, "s t"))


@check
def ex_la_elimination_inconsistent(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    M = augmented(A, b)
    ex.eliminates(M)
    reduced, pivots = M.rref()
    if M.cols - 1 not in pivots:
        raise CheckError(f"{ex.block.where} {ex.block.label}: sympy finds the system consistent")
    ex.result(reduced)


def solves_by_lu(ex, rhs):
    """Factor the 3 x 3 A as LU (multipliers, factors, product), then solve for the
    right-hand side named ``rhs``: Ly = rhs forwards, then Ux = y backwards."""
    A, b = ex.given(r"\mathbf{A}"), ex.given(rhs)
    ex.eliminates(A)
    L, U = lu_factors(ex, A)
    ex.states(r"\ell_{21}", L[1, 0])
    ex.states(r"\ell_{31}", L[2, 0])
    ex.states(r"\ell_{32}", L[2, 1])
    ex.states(r"\mathbf{L}", L)
    ex.states(r"\mathbf{U}", U)
    ex.states(r"\mathbf{L}\mathbf{U}", A)
    ex.states(r"\mathbf{y}", L.solve(b))
    ex.result(unique_solution(ex, A, b))


@check
def ex_la_lu_factorisation(ex):
    solves_by_lu(ex, r"\mathbf{c}")


@check
def sol_la_systems_solve(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    ex.eliminates(augmented(A, b))
    ex.result(unique_solution(ex, A, b))


@check
def sol_la_systems_lu(ex):
    solves_by_lu(ex, r"\mathbf{b}")


@check
def sol_la_systems_parametric(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    ex.eliminates(augmented(A, b))
    ex.result(general_solution(ex, A, b, "s t"))


@check
def sol_la_systems_consistency(ex):
    A, c = ex.given(r"\mathbf{A}"), sympy.Symbol("c")
    b = ex.given(r"\mathbf{b}", free=("c",))  # the text also binds c, to its answer
    # b is reachable exactly when it is orthogonal to every y with y^T A = 0.
    conditions = [(y.T * b)[0] for y in A.T.nullspace()]
    values = sympy.solve(conditions, c, dict=True) if conditions else []
    if len(values) != 1 or c not in values[0]:
        raise CheckError(f"{ex.block.where} {ex.block.label}: sympy finds no single value of c "
                         "that makes the system consistent")
    (value,) = values
    ex.eliminates(augmented(A, b.subs(value)))
    ex.results(value[c], general_solution(ex, A, b.subs(value), "s"))


@check
def sol_la_systems_normal_equations(ex):
    X, y = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}")
    gram, moment = X.T * X, X.T * y
    ex.states(r"\mathbf{X}^\top\mathbf{X}", gram)
    ex.states(r"\mathbf{X}^\top\mathbf{y}", moment)
    ex.eliminates(augmented(gram, moment))
    ex.result(unique_solution(ex, gram, moment))
