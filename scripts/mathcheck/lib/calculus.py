"""Calculus helpers for the checks: derivatives of a SymPy function, and the iterates of optimisers.

A function is a SymPy expression with its variables (one symbol or several), or
a ``sympy.Lambda`` such as ``ex.given("f")`` returns for ``f(x, y) = ...``, which
brings its own. With one variable, points are scalars; with several, columns.
"""

from __future__ import annotations

import sympy


def _expression(f, variables):
    """The body of f and its variables as a list."""
    if isinstance(f, sympy.Lambda):
        if variables is None:
            return f.expr, list(f.variables)
        f = f(*_listed(variables))
    if variables is None:
        raise ValueError("an expression needs its variables")
    return sympy.sympify(f), _listed(variables)


def _listed(variables):
    return [variables] if isinstance(variables, sympy.Symbol) else list(variables)


def at(value, variables, point):
    """``value`` with the variables replaced by the entries of ``point`` (a scalar for one variable)."""
    variables = _listed(variables)
    point = [point] if len(variables) == 1 and not isinstance(point, (list, tuple, sympy.MatrixBase)) else point
    return value.subs(dict(zip(variables, point)), simultaneous=True)


def gradient(f, variables=None):
    """The gradient of f, a column of partial derivatives, one per variable."""
    expr, xs = _expression(f, variables)
    return sympy.Matrix([sympy.diff(expr, x) for x in xs])


def hessian(f, variables=None):
    """The Hessian of f: the matrix of second partial derivatives."""
    expr, xs = _expression(f, variables)
    return sympy.hessian(expr, xs)


def jacobian(fs, variables):
    """The Jacobian of the functions ``fs``: one row per function, one column per variable."""
    return sympy.Matrix(list(fs)).jacobian(_listed(variables))


def _point(start, n):
    return sympy.Matrix(list(start) if n > 1 else [start])


def _shown(point, n):
    return sympy.ImmutableMatrix(point) if n > 1 else point[0]


def gradient_descent(f, start, rate, steps, variables=None):
    """The iterates x_0 = start, x_{k+1} = x_k - rate * grad f(x_k), for ``steps`` steps."""
    expr, xs = _expression(f, variables)
    g = gradient(expr, xs)
    point = _point(start, len(xs))
    points = [_shown(point, len(xs))]
    for _ in range(steps):
        point = sympy.simplify(point - rate * at(g, xs, point))
        points.append(_shown(point, len(xs)))
    return points


def newton(ex, f, start, steps, variables=None):
    """Newton's method for a stationary point: x_{k+1} = x_k - H(x_k)^{-1} grad f(x_k).

    Fails through ``ex`` if the Hessian is singular at an iterate.
    """
    expr, xs = _expression(f, variables)
    g, H = gradient(expr, xs), hessian(expr, xs)
    point = _point(start, len(xs))
    points = [_shown(point, len(xs))]
    for k in range(steps):
        h = at(H, xs, point)
        if sympy.simplify(h.det()) == 0:
            ex.fail(f"the Hessian is singular at the iterate x_{k} = {list(point)}")
        point = sympy.simplify(point - h.inv() * at(g, xs, point))
        points.append(_shown(point, len(xs)))
    return points
