"""Arithmetic that knows matrices, identities and ones of any size, 1 x 1 products and ``\\pm``."""

from __future__ import annotations

import sympy

from .errors import Unreadable
from .values import Branches, Eye, FunctionName, Ones, VectorFunction, as_matrix, is_matrix


def unwrap(value):
    """A 1 x 1 matrix is its entry."""
    if is_matrix(value) and value.shape == (1, 1):
        return value[0, 0]
    return value


def no_function(*values) -> None:
    for value in values:
        if isinstance(value, (FunctionName, VectorFunction, sympy.Lambda)):
            raise Unreadable(f"the function {getattr(value, 'name', value)} used as a value")


def _branching(operation, *operands):
    """Apply ``operation`` to every combination of the operands' \\pm branches."""
    if not any(isinstance(o, Branches) for o in operands):
        return None
    combos = [()]
    for operand in operands:
        choices = operand.values if isinstance(operand, Branches) else (operand,)
        combos = [c + (x,) for c in combos for x in choices]
    return Branches(tuple(operation(*c) for c in combos))


def _sized(a, b):
    """Give an identity or a ones vector the size that the matrix beside it implies."""
    if isinstance(a, Eye) and is_matrix(b):
        a = a.sized(b.shape[0])
    if isinstance(a, Ones) and is_matrix(b):
        a = a.sized(b.shape[1] if a.row else b.shape[0])
    return a


def add(a, b):
    branched = _branching(add, a, b)
    if branched is not None:
        return branched
    no_function(a, b)
    a, b = _sized(a, b), _sized(b, a)
    if isinstance(a, Eye) and isinstance(b, Eye):
        return Eye(a.scale + b.scale)
    if is_matrix(a) and is_matrix(b):
        a, b = as_matrix(a), as_matrix(b)
        if a.shape != b.shape:
            raise Unreadable(f"matrices of shapes {a.shape} and {b.shape} added")
        return a + b
    if is_matrix(a) and b == 0:
        return a
    if is_matrix(b) and a == 0:
        return b
    if is_matrix(a) or is_matrix(b) or isinstance(a, (Eye, Ones)) or isinstance(b, (Eye, Ones)):
        raise Unreadable("a matrix added to a scalar")
    return a + b


def neg(a):
    branched = _branching(neg, a)
    if branched is not None:
        return branched
    no_function(a)
    if isinstance(a, Eye):
        return Eye(-a.scale)
    if isinstance(a, Ones):
        return Ones(-a.scale, a.row)
    return -a


def mul(a, b):
    branched = _branching(mul, a, b)
    if branched is not None:
        return branched
    no_function(a, b)
    if isinstance(a, Eye) and not is_matrix(b) and not isinstance(b, (Eye, Ones)):
        return Eye(a.scale * b)
    if isinstance(b, Eye) and not is_matrix(a) and not isinstance(a, (Eye, Ones)):
        return Eye(a * b.scale)
    if isinstance(a, Ones) and not is_matrix(b) and not isinstance(b, (Eye, Ones)):
        return Ones(a.scale * b, a.row)
    if isinstance(b, Ones) and not is_matrix(a) and not isinstance(a, (Eye, Ones)):
        return Ones(a * b.scale, b.row)
    if isinstance(a, Eye) and is_matrix(b):
        return a.scale * as_matrix(b)
    if isinstance(b, Eye) and is_matrix(a):
        return as_matrix(a) * b.scale
    if isinstance(b, Ones) and is_matrix(a):
        b = b.sized(as_matrix(a).shape[1] if not b.row else 1)
    if isinstance(a, Ones) and is_matrix(b):
        if not a.row:
            raise Unreadable("a column of ones times a matrix")
        a = a.sized(as_matrix(b).shape[0])
    if is_matrix(a) and is_matrix(b):
        a, b = as_matrix(a), as_matrix(b)
        if a.shape[1] != b.shape[0]:
            if a.shape == (1, 1) or b.shape == (1, 1):
                return unwrap(a) * unwrap(b) if a.shape == (1, 1) else a * unwrap(b)
            raise Unreadable(f"matrix shapes {a.shape} and {b.shape} do not multiply")
        return unwrap(a * b)
    return a * b


def divide(a, b):
    branched = _branching(divide, a, b)
    if branched is not None:
        return branched
    no_function(a, b)
    b = unwrap(b)
    if is_matrix(b):
        raise Unreadable("division by a matrix")
    return mul(a, sympy.Pow(b, -1))


def power(base, exponent):
    """``base^exponent`` for scalars and square matrices (a symbolic exponent included)."""
    branched = _branching(power, base, exponent)
    if branched is not None:
        return branched
    no_function(base, exponent)
    exponent = unwrap(exponent)
    if is_matrix(base):
        base = as_matrix(base)
        if base.shape == (1, 1):
            return sympy.Pow(base[0, 0], exponent)
        if base.shape[0] != base.shape[1]:
            raise Unreadable(f"a power of a {base.shape} matrix")
        if isinstance(exponent, sympy.Integer):
            return base ** int(exponent) if exponent >= 0 else base.inv() ** int(-exponent)
        if isinstance(exponent, sympy.Expr) and exponent.free_symbols and not is_matrix(exponent):
            return sympy.ImmutableMatrix(sympy.Matrix(base).pow(exponent))  # diagonalises
        raise Unreadable(f"matrix power {exponent}")
    if isinstance(base, (Eye, Ones)) or is_matrix(exponent):
        raise Unreadable("a power of an identity or by a matrix")
    return sympy.Pow(base, exponent)
