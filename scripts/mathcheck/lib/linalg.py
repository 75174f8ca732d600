"""Linear-algebra helpers for the checks: vectors and matrices are SymPy matrices, results exact.

Eigenvalues come largest first, each repeated by its multiplicity; eigenvectors
are scaled to whole numbers or to unit length, their first non-zero entry positive.
"""

from __future__ import annotations

import functools

import sympy

LAMBDA = sympy.Symbol("lambda")


# ---- vectors ---------------------------------------------------------------------------


def dot(x, y):
    """The dot product x^T y of two column vectors."""
    return (x.T * y)[0]


def norm1(x):
    """The 1-norm: the sum of the absolute values of the entries."""
    return sum(abs(v) for v in x)


def norm_inf(x):
    """The infinity norm: the largest absolute value of an entry."""
    return max(abs(v) for v in x)


def frobenius(a):
    """The Frobenius norm: the square root of the sum of the squared entries."""
    return sympy.sqrt(sum(x ** 2 for x in a))


def cosine(x, y):
    """The cosine of the angle between x and y."""
    return dot(x, y) / (x.norm() * y.norm())


def direction(ex, v):
    """A rational vector scaled to whole numbers without a common factor, first non-zero entry positive."""
    v = sympy.Matrix(v)
    if not all(x.is_rational for x in v):
        ex.fail(f"the eigenvector {list(v)} is not rational")
    denominator = functools.reduce(sympy.ilcm, [sympy.fraction(x)[1] for x in v], 1)
    w = v * denominator
    w = w / functools.reduce(sympy.igcd, [int(x) for x in w], 0)
    first = next(x for x in w if x != 0)
    return sympy.ImmutableMatrix(w * sympy.sign(first))


def line_projector(v):
    """The projection matrix v v^T / v^T v onto the line through v."""
    return v * v.T / dot(v, v)


def project_onto_line(a, b):
    """The projection of b onto the line through a."""
    return dot(a, b) / dot(a, a) * a


# ---- linear systems --------------------------------------------------------------------


def augmented(A, b):
    """The augmented matrix [A | b]."""
    return sympy.Matrix.hstack(A, b)


def unique_solution(ex, A, b):
    """The solution of Ax = b; fails unless A is square and invertible."""
    if A.rows != A.cols or A.det() == 0:
        ex.fail("the system has no unique solution")
    return A.solve(b)


def general_solution(ex, A, b, parameters):
    """The solution of Ax = b with the free variables, in column order, named ``parameters``."""
    try:
        solution, free = A.gauss_jordan_solve(b)
    except ValueError:
        solution = None
    if solution is None:
        ex.fail("sympy finds the system inconsistent")
    names = sympy.symbols(parameters, seq=True)
    if len(free) != len(names):
        ex.fail(f"sympy finds {len(free)} free variables")
    return solution.subs(dict(zip(free, names)))


def lu_factors(ex, A):
    """L and U from elimination without row exchanges."""
    L, U, exchanges = A.LUdecomposition()
    if exchanges:
        ex.fail("elimination needs a row exchange")
    return L, U


# ---- projections and least squares -------------------------------------------------------


def projection_matrix(A):
    """The projection A (A^T A)^{-1} A^T onto the column space of A (independent columns)."""
    return A * (A.T * A).inv() * A.T


def least_squares(A, b):
    """The least-squares solution of Ax = b, from the normal equations A^T A x = A^T b."""
    return (A.T * A).solve(A.T * b)


def line_design(t):
    """The matrix of a line fit x_1 + x_2 t: a column of ones, then t."""
    return sympy.Matrix.hstack(sympy.ones(t.rows, 1), t)


def qr(A):
    """Q with orthonormal columns and R upper triangular with a positive diagonal."""
    Q, R = sympy.Matrix(A).QRdecomposition()
    return Q, R


# ---- eigenvalues -----------------------------------------------------------------------


def charpoly(A, variable=LAMBDA):
    """det(A - lambda I) as an expression in ``variable``."""
    return (A - variable * sympy.eye(A.rows)).det()


def eigenvalues(A):
    """The eigenvalues of A, each repeated by its multiplicity, largest real part first."""
    values = []
    for value, multiplicity in A.eigenvals().items():
        values += [value] * multiplicity
    return sorted(values, key=lambda v: complex(sympy.N(v)).real, reverse=True)


def _simple_eigenvector(ex, A, value):
    """A basis vector of the eigenspace of ``value``; fails unless that eigenspace is a line."""
    space = (A - value * sympy.eye(A.rows)).nullspace(simplify=True)
    if len(space) != 1:
        ex.fail(f"the eigenvalue {value} is not simple")
    return space[0]


def eigenvector(ex, A, value):
    """The eigenvector of A for a simple eigenvalue, in whole numbers (see direction)."""
    return direction(ex, _simple_eigenvector(ex, A, value))


def unit_eigenvector(ex, A, value):
    """The unit eigenvector of A for a simple eigenvalue, its first non-zero entry positive."""
    v = _simple_eigenvector(ex, A, value)
    v = v / v.norm()
    first = next(x for x in v if sympy.simplify(x) != 0)
    return sympy.simplify(v * sympy.sign(first))


def projector(ex, A, value):
    """The projection q q^T onto the unit eigenvector q of a simple eigenvalue."""
    return line_projector(eigenvector(ex, A, value))


# ---- singular values and data ------------------------------------------------------------


def singular_values(a):
    """The min(m, n) singular values of a, largest first."""
    gram = a.T * a if a.shape[1] <= a.shape[0] else a * a.T
    values = [sympy.sqrt(v) for v, times in gram.eigenvals().items() for _ in range(times)]
    return sorted(values, key=lambda v: -float(v))


def mean_row(X):
    """The mean of the rows of the data matrix X, as a column."""
    return sympy.Matrix([sum(X[:, j]) / X.rows for j in range(X.cols)])


def centred(X):
    """X with the mean row subtracted from every row."""
    return X - sympy.ones(X.rows, 1) * mean_row(X).T


def covariance(X):
    """The sample covariance X_c^T X_c / (n - 1) of the n rows of X, centred first."""
    Xc = centred(X)
    return Xc.T * Xc / (X.rows - 1)
