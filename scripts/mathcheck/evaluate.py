"""Evaluate one parsed link to a SymPy value, with the names bound in the block.

``BookTransformer`` is SymPy's own Lark transformer with one mixin per notation
family (``notation/``): core arithmetic, linear algebra, calculus and
probability. ``Env`` holds what the block binds; ``finalize`` substitutes the
block's scalars once the whole link is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy
from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr

from .errors import Unreadable
from .events import EventSpace
from .notation.calculus import CalculusNotation, body, expand_sums
from .notation.core import CoreNotation
from .notation.linalg import LinalgNotation, components
from .notation.probability import ProbabilityNotation, is_random
from .values import (
    BoldName,
    Branches,
    Distribution,
    Eye,
    FunctionHead,
    JointMass,
    Ones,
    Table,
    VectorFunction,
    as_matrix,
    is_matrix,
)

# Names that are constants unless the block binds them.
CONSTANTS = {"pi": sympy.pi, "e": sympy.E}


@dataclass
class Env:
    """What one block binds: values by name, supports, and its named events."""

    values: dict[str, object] = field(default_factory=dict)
    internal: dict[sympy.Symbol, object] = field(default_factory=dict)  # derivative variables -> values
    supports: dict[str, sympy.Set] = field(default_factory=dict)
    events: EventSpace | None = None
    directions: dict[str, object] = field(default_factory=dict)  # \mathbf{X} -> the matrix dX
    index: dict[str, int] = field(default_factory=dict)  # a summation index -> its current value

    def bind(self, key: str, value) -> None:
        self.values[key] = value

    def copy(self) -> "Env":
        return Env(dict(self.values), dict(self.internal), dict(self.supports), self.events, dict(self.directions),
                   dict(self.index))

    def event_space(self) -> EventSpace:
        if self.events is None:
            self.events = EventSpace()
        return self.events

    def randoms(self) -> dict:
        """Scalar names bound to random values (for moments, which need them at once), and
        the constants the block does not bind (so that E[e^X] is the mean of exp(X))."""
        subs = {sympy.Symbol(k): v for k, v in self.values.items()
                if not k.startswith("\\") and not is_matrix(v) and isinstance(v, sympy.Basic)
                and not isinstance(v, (sympy.Lambda, sympy.Set)) and is_random(v)}
        if subs:
            subs.update({sympy.Symbol(k): c for k, c in CONSTANTS.items() if k not in self.values})
        return subs

    def substitutions(self) -> dict:
        subs: dict = {}
        for key, value in self.values.items():
            if key.startswith("\\"):
                if is_matrix(value):
                    subs.update(components(key, value))
                continue
            if isinstance(value, (sympy.Lambda, sympy.Set, VectorFunction, Table, JointMass, Distribution)) or is_matrix(value):
                continue
            subs[sympy.Symbol(key)] = value
        for name, constant in CONSTANTS.items():
            subs.setdefault(sympy.Symbol(name), constant)
        subs.update(self.internal)
        if self.events is not None:
            subs.update(self.events.substitutions() or {})
        return subs


class BookTransformer(ProbabilityNotation, CalculusNotation, LinalgNotation, CoreNotation, TransformToSymPyExpr):
    """SymPy's Lark transformer with the book's notation and a block's bound names."""

    def __init__(self, env: Env, naming: bool = False, numeric: bool = False):
        super().__init__()
        self.env = env
        self.naming = naming    # True: return names, do not look anything up
        self.numeric = numeric  # True: derivatives at numeric points use central differences
        self.used_differences = False


# --- finishing a value ------------------------------------------------------------------


def finalize(value, env: Env):
    """Evaluate pending operations and substitute the block's scalar values."""
    if isinstance(value, Branches):
        return Branches(tuple(finalize(v, env) for v in value.values))
    if isinstance(value, (Eye, Ones)):
        scale = _doit(_subs(value.scale, env.substitutions()))
        return type(value)(scale) if isinstance(value, Eye) else Ones(scale, value.row)
    if isinstance(value, (BoldName, FunctionHead)):
        raise Unreadable("a name, not a value")
    if isinstance(value, (Distribution, VectorFunction, Table)):
        raise Unreadable("a distribution or a function, not a value")
    value = body(value)
    if isinstance(value, (VectorFunction, Table, sympy.Lambda)):
        raise Unreadable("a function, not a value")
    subs = env.substitutions()
    for _ in range(8):
        new = _doit(value)
        if subs:
            new = _doit(_subs(new, subs))
        if _identical(new, value):
            break
        value = new
    from .arithmetic import unwrap

    return unwrap(value)


def _doit(value):
    if is_matrix(value):
        return sympy.ImmutableMatrix(as_matrix(value).applyfunc(lambda x: _doit(x)))
    value = expand_sums(value)
    return value.doit() if hasattr(value, "doit") else value


def _subs(value, subs):
    if is_matrix(value):
        return as_matrix(value).applyfunc(lambda x: _subs(x, subs))
    if isinstance(value, sympy.Basic):
        return value.subs(subs) if _needs_subs(value) else substitute(value, subs)
    return value


def substitute(expr, subs: dict):
    """``expr.xreplace(subs)`` that leaves random variables whole (their insides name a plain
    symbol too, which must not be replaced by the random variable itself)."""
    from sympy.stats.rv import RandomSymbol

    if expr in subs:
        return subs[expr]
    if isinstance(expr, RandomSymbol) or not expr.args:
        return expr
    args = [substitute(a, subs) if isinstance(a, sympy.Basic) else a for a in expr.args]
    if all(a is b for a, b in zip(args, expr.args)):
        return expr
    return expr.func(*args)


def _needs_subs(value) -> bool:
    """Derivatives and integrals bind their variables, which only subs handles right."""
    items = list(value) if is_matrix(value) else [value]
    return any(isinstance(x, sympy.Basic) and x.has(sympy.Derivative, sympy.Integral, sympy.Sum,
                                                    sympy.Limit, sympy.Product) for x in items)


def _identical(a, b) -> bool:
    try:
        return a == b
    except Exception:
        return False


def same_value(a, b, env: Env) -> bool:
    """Do two readings of one link denote the same value?"""
    try:
        a, b = finalize(a, env), finalize(b, env)
    except Unreadable:
        return False
    if isinstance(a, Branches) or isinstance(b, Branches):
        return isinstance(a, Branches) and isinstance(b, Branches) and len(a.values) == len(b.values) and \
            all(same_value(x, y, env) for x, y in zip(a.values, b.values))
    if is_matrix(a) != is_matrix(b):
        return False
    if is_matrix(a):
        if a.shape != b.shape:
            return False
        return all(sympy.simplify(x - y) == 0 for x, y in zip(a, b))
    try:
        return sympy.simplify(a - b) == 0
    except Exception:
        return a == b
