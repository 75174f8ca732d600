"""Checks for book/linear-algebra/linear-systems.md and its solutions.

The harness applies every row operation written over an arrow exactly; these
checks add that each elimination starts from the matrix the text names, and
compare the stated solutions, factors and parameters with SymPy's.
"""

import sympy
from mathcheck import check
from mathcheck.lib.linalg import augmented, general_solution, lu_factors, unique_solution


def solved_by_elimination(ex, parameters=None):
    """The elimination starts from [A | b], the text's A and b, and ends in the unique
    solution, or with ``parameters`` in the general one."""
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    ex.eliminates(augmented(A, b))
    ex.result(unique_solution(ex, A, b) if parameters is None else general_solution(ex, A, b, parameters))


@check
def ex_la_elimination_unique(ex):
    solved_by_elimination(ex)


@check
def ex_la_elimination_parametric(ex):
    solved_by_elimination(ex, "s t")


@check
def ex_la_elimination_inconsistent(ex):
    A, b = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}")
    M = augmented(A, b)
    ex.eliminates(M)
    reduced, pivots = M.rref()
    if M.cols - 1 not in pivots:
        ex.fail("sympy finds the system consistent")
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
    solved_by_elimination(ex)


@check
def sol_la_systems_lu(ex):
    solves_by_lu(ex, r"\mathbf{b}")


@check
def sol_la_systems_parametric(ex):
    solved_by_elimination(ex, "s t")


@check
def sol_la_systems_consistency(ex):
    A, c = ex.given(r"\mathbf{A}"), sympy.Symbol("c")
    b = ex.given(r"\mathbf{b}", free=("c",))  # the text also binds c, to its answer
    # b is reachable exactly when it is orthogonal to every y with y^T A = 0.
    conditions = [(y.T * b)[0] for y in A.T.nullspace()]
    values = sympy.solve(conditions, c, dict=True) if conditions else []
    if len(values) != 1 or c not in values[0]:
        ex.fail("sympy finds no single value of c that makes the system consistent")
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
