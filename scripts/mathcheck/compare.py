"""Compare values the way a careful reader would: exactly, or to the digits shown.

A decimal written in the text (``0.749``) stands for every number that rounds
to it, so it carries a tolerance of half a unit in its last digit; the
tolerance of an expression built from decimals (``42.9^\\circ``) follows by
propagating those half-units through the expression's derivatives. Values
without decimals must agree exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sympy

from .errors import Unreadable
from .values import Branches, Eye, Ones, is_matrix

EXACT_DIGITS = 50


@dataclass
class Measured:
    """A value with its tolerance; ``free`` names symbols left unbound."""

    value: object
    tolerance: object  # a number, or a matrix of numbers
    free: frozenset

    @property
    def closed(self) -> bool:
        return not self.free


def measure(value, decimals: dict[str, tuple[Decimal, Decimal]]) -> Measured:
    """Substitute the decimal placeholders and work out the tolerance they imply."""
    placeholders = {sympy.Symbol(name): (sympy.Rational(str(v)), sympy.Rational(str(h)))
                    for name, (v, h) in decimals.items()}
    at = {s: v for s, (v, _) in placeholders.items()}

    def one(x):
        x = sympy.sympify(x)
        tol = sympy.Integer(0)
        for s, (_, h) in placeholders.items():
            if x.has(s):
                tol += sympy.Abs(sympy.diff(x, s).subs(at)) * h
        return x.subs(at), tol

    if isinstance(value, (Eye, Ones)):
        return Measured(value, sympy.Integer(0), frozenset())
    if isinstance(value, Branches):
        parts = [measure(v, decimals) for v in value.values]
        return Measured(Branches(tuple(p.value for p in parts)), tuple(p.tolerance for p in parts),
                        frozenset().union(*(p.free for p in parts)))
    if is_matrix(value):
        pairs = [one(x) for x in value]
        rows, cols = value.shape
        val = sympy.ImmutableMatrix(rows, cols, [p[0] for p in pairs])
        tol = sympy.ImmutableMatrix(rows, cols, [p[1] for p in pairs])
        free = frozenset().union(*[unknowns(p[0]) for p in pairs]) if pairs else frozenset()
    elif isinstance(value, sympy.Set):
        val, tol, free = value, sympy.Integer(0), frozenset()
    else:
        val, tol = one(value)
        free = unknowns(val)
    return Measured(val, tol, frozenset(s.name for s in free))


def unknowns(value) -> frozenset:
    """The symbols a value still depends on; random variables are values, not unknowns."""
    from sympy.stats.rv import RandomSymbol

    free = getattr(value, "free_symbols", set())
    return frozenset(s for s in free if not isinstance(s, RandomSymbol))


def _numeric(x) -> complex:
    n = sympy.N(x, EXACT_DIGITS)
    if not n.is_number:
        raise Unreadable(f"{x} is not a number")
    return complex(n)


def _close(a, b, tol_a, tol_b) -> bool:
    diff = sympy.simplify(a - b) if (a.free_symbols or b.free_symbols) else a - b
    if diff == 0:
        return True
    if diff.free_symbols:
        return False
    tolerance = float(sympy.N(tol_a + tol_b, 30))
    gap = abs(_numeric(diff))
    if tolerance == 0:
        scale = max(1.0, abs(_numeric(a)), abs(_numeric(b)))
        return gap <= 1e-40 * scale
    return gap <= tolerance * (1 + 1e-12) + 1e-15


def holds(relation: str, left: Measured, right: Measured) -> bool | None:
    """Does ``left relation right`` hold? None when it cannot be decided (free symbols)."""
    try:
        return _holds(relation, left, right)
    except Unreadable:
        return None


def _holds(relation: str, left: Measured, right: Measured) -> bool | None:
    a, b = left.value, right.value
    if isinstance(a, Eye) and is_matrix(b):
        a = a.sized(b.shape[0])
        left = Measured(a, sympy.Integer(0), left.free)
    if isinstance(b, Eye) and is_matrix(a):
        b = b.sized(a.shape[0])
        right = Measured(b, sympy.Integer(0), right.free)
    if isinstance(a, Ones) and is_matrix(b):
        a = a.sized(b.shape[1] if a.row else b.shape[0])
        left = Measured(a, sympy.Integer(0), left.free)
    if isinstance(b, Ones) and is_matrix(a):
        b = b.sized(a.shape[1] if b.row else a.shape[0])
        right = Measured(b, sympy.Integer(0), right.free)
    if isinstance(a, Branches) or isinstance(b, Branches):
        return _branches_hold(relation, left, right)
    if relation == "rowequiv":
        if not (is_matrix(a) and is_matrix(b)) or left.free or right.free:
            return None
        # Row operations keep the reduced row echelon form.
        return a.shape == b.shape and sympy.Matrix(a).rref()[0] == sympy.Matrix(b).rref()[0]
    if isinstance(a, sympy.Set) or isinstance(b, sympy.Set):
        if relation in ("=", "approx"):
            return a == b
        return None
    if is_matrix(a) or is_matrix(b):
        if relation not in ("=", "approx", "!="):
            return None
        if not is_matrix(a):
            a, left = _broadcast(a, b), Measured(_broadcast(a, b), _broadcast(left.tolerance, b), left.free)
        if not is_matrix(b):
            b, right = _broadcast(b, a), Measured(_broadcast(b, a), _broadcast(right.tolerance, a), right.free)
        if a.shape != b.shape:
            return relation == "!="
        if left.free or right.free:
            equal = all(_symbolically_equal(sympy.sympify(x), sympy.sympify(y)) for x, y in zip(a, b))
        else:
            equal = all(_close(x, y, tx, ty) for x, y, tx, ty in
                        zip(a, b, _entries(left.tolerance, a), _entries(right.tolerance, b)))
        return equal if relation != "!=" else not equal
    if relation in ("=", "approx"):
        if left.free or right.free:
            return _symbolically_equal(sympy.sympify(a), sympy.sympify(b))
        return _close(sympy.sympify(a), sympy.sympify(b), left.tolerance, right.tolerance)
    if relation == "!=":
        if left.free or right.free:
            return not _symbolically_equal(sympy.sympify(a), sympy.sympify(b))
        return not _close(sympy.sympify(a), sympy.sympify(b), left.tolerance, right.tolerance)
    if left.free or right.free:
        return None
    x, y = _numeric(a), _numeric(b)
    if abs(x.imag) > 1e-30 or abs(y.imag) > 1e-30:
        return None
    slack = float(sympy.N(left.tolerance + right.tolerance, 30))
    x, y = x.real, y.real
    return {
        "<": x < y + slack, "<=": x <= y + slack + 1e-30,
        ">": x > y - slack, ">=": x >= y - slack - 1e-30,
    }[relation]


def _branches_hold(relation: str, left: Measured, right: Measured) -> bool | None:
    r"""a \pm b against c \pm d: the same two values, in any order."""
    if relation not in ("=", "approx"):
        return None

    def parts(side: Measured):
        if isinstance(side.value, Branches):
            return [Measured(v, t, side.free) for v, t in zip(side.value.values, side.tolerance)]
        return [side]

    remaining = parts(right)
    for item in parts(left):
        match = next((r for r in remaining if _holds(relation, item, r) is True), None)
        if match is None:
            return False
        remaining.remove(match)
    return not remaining


def equal_up_to_order(a, b) -> bool:
    """a = b + O(g): along a line h = t u through 0 (u fixed, seeded), a - b has no term below g's order."""
    import random

    difference = sympy.sympify(a) - sympy.sympify(b)
    orders = difference.atoms(sympy.Order)
    if not orders:
        return False
    variables = sorted(set().union(*(o.variables for o in orders)), key=lambda s: s.name)
    rng = random.Random(str(difference))
    t = sympy.Dummy("t", positive=True)
    line = {v: t * sympy.Rational(rng.randint(1, 9), rng.randint(1, 5)) for v in variables}
    order = min(sympy.Order(o.expr.xreplace(line), t).expr.as_leading_term(t).as_coeff_exponent(t)[1]
                for o in orders)
    rest = difference.removeO().xreplace(line) if hasattr(difference, "removeO") else difference.xreplace(line)
    expansion = sympy.expand(sympy.series(rest, t, 0, order).removeO() if order > 0 else rest)
    if expansion.free_symbols - {t}:
        return sympy.simplify(expansion) == 0
    # Numeric coefficients (a trial with floating-point matrices): zero to rounding.
    return all(abs(complex(sympy.N(c))) < 1e-9 for c in sympy.Poly(expansion, t).all_coeffs()) if expansion != 0 else True


def _symbolically_equal(a, b) -> bool:
    """Equal as expressions in their free symbols: simplify, then probe random points."""
    if sympy.sympify(a).has(sympy.Order) or sympy.sympify(b).has(sympy.Order):
        return equal_up_to_order(a, b)
    difference = a - b
    if difference == 0 or sympy.simplify(difference) == 0:
        return True
    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    import random

    rng = random.Random(str(difference))
    for _ in range(4):
        point = {s: sympy.Rational(rng.randint(-40, 40), rng.randint(1, 7)) for s in symbols}
        try:
            value = complex(sympy.N(difference.subs(point), 30))
        except (TypeError, ValueError):
            continue  # a pole or an undefined point; try another
        if abs(value) > 1e-20:
            return False
    return True


def _broadcast(value, like):
    """A scalar 0 (``\\mathbf{0}``) compared with a matrix means the zero matrix."""
    if value != 0:
        raise Unreadable("a matrix compared with a non-zero scalar")
    return sympy.ImmutableMatrix(sympy.zeros(*like.shape))


def _entries(tol, like):
    if is_matrix(tol):
        return list(tol)
    return [tol] * len(like)


def show(value) -> str:
    """A short plain rendering of a value for messages."""
    if isinstance(value, Eye):
        return "I" if value.scale == 1 else f"{_short(value.scale)} I"
    if isinstance(value, Branches):
        return " or ".join(show(v) for v in value.values)
    if is_matrix(value):
        rows = [", ".join(_short(x) for x in value.row(i)) for i in range(value.shape[0])]
        return "[" + "; ".join(rows) + "]"
    return _short(value)


def _short(x) -> str:
    x = sympy.sympify(x)
    text = sympy.sstr(x)
    if x.is_number and not x.is_Rational and x.is_real is not False:
        try:
            text += f" ≈ {float(x):.6g}"
        except TypeError:
            pass
    return text
