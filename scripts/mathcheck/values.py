"""The kinds of value a link can have besides SymPy's numbers, expressions and matrices.

Each is a small class, so that code that meets one knows what it has: an
identity of a size still to be decided, a name that is not a value, a set of
alternatives (from ``\\pm``), a function of vectors, a table of values, a named
distribution, or a derivative operator waiting for its operand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy


def is_matrix(value) -> bool:
    return isinstance(value, sympy.MatrixBase) or getattr(value, "is_Matrix", False)


def as_matrix(value) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(value.as_explicit() if hasattr(value, "as_explicit") else value)


@dataclass
class Eye:
    """The identity of a size the context decides: ``\\mathbf{I}`` in ``A - \\lambda I``."""

    scale: object = sympy.Integer(1)

    def sized(self, n: int) -> sympy.ImmutableMatrix:
        return sympy.ImmutableMatrix(self.scale * sympy.eye(n))


@dataclass
class Ones:
    """The vector of ones, ``\\mathbf{1}``, of a length the context decides (``row``: transposed)."""

    scale: object = sympy.Integer(1)
    row: bool = False

    def sized(self, n: int) -> sympy.ImmutableMatrix:
        return sympy.ImmutableMatrix(self.scale * (sympy.ones(1, n) if self.row else sympy.ones(n, 1)))


@dataclass(frozen=True)
class FunctionName:
    """A bound function's bare name; ``expr`` is its body (in its own variables)."""

    name: str
    expr: object


@dataclass(frozen=True)
class BoldName:
    """A bold name read for what it names, not for its value."""

    key: str


@dataclass(frozen=True)
class FunctionHead:
    """``f(x, y)`` read for what it names: the function and its argument names."""

    name: str
    args: list


@dataclass(frozen=True)
class Branches:
    """The results of ``a \\pm b``, one per choice of sign."""

    values: tuple

    def map(self, operation) -> "Branches":
        return Branches(tuple(operation(v) for v in self.values))


@dataclass
class VectorFunction:
    """A function of vectors or matrices, such as f(x) = x^T A x: each parameter is a
    bold name bound to a matrix of fresh symbols, and ``expr`` is the body in them."""

    name: str
    params: tuple            # ((key, symbols), ...): symbols is a matrix, or a Symbol for a scalar
    expr: object

    @property
    def variables(self) -> tuple:
        found = []
        for _, symbols in self.params:
            found += list(symbols) if is_matrix(symbols) else [symbols]
        return tuple(found)

    def substitution(self, args) -> dict:
        if len(args) != len(self.params):
            raise ValueError(f"{self.name} takes {len(self.params)} arguments")
        subs = {}
        for (_, symbols), value in zip(self.params, args):
            if is_matrix(symbols):
                if not is_matrix(value) or as_matrix(value).shape != symbols.shape:
                    raise ValueError(f"{self.name} needs an argument of shape {symbols.shape}")
                subs.update(zip(symbols, as_matrix(value)))
            else:
                subs[symbols] = value
        return subs

    def __call__(self, *args):
        subs = self.substitution(args)
        if is_matrix(self.expr):
            return sympy.ImmutableMatrix(as_matrix(self.expr).xreplace(subs))
        return sympy.sympify(self.expr).xreplace(subs)


@dataclass
class Table:
    """A function known at points only, as in p(0, 1) = 0.2: a mass function written out."""

    name: str
    points: dict = field(default_factory=dict)   # tuple of arguments -> value

    def __call__(self, *args):
        key = tuple(sympy.nsimplify(a) if isinstance(a, float) else a for a in args)
        if key not in self.points:
            from .errors import Unreadable

            raise Unreadable(f"{self.name}{key} is not given in the text")
        return self.points[key]


@dataclass(frozen=True)
class Distribution:
    """A named distribution with its parameters, as written after ``\\sim``."""

    name: str                # "Normal", "Binomial", ...
    params: tuple


@dataclass(frozen=True)
class DerivativeOperator:
    """``\\frac{d}{dx}`` before it meets its operand: the variables and their orders."""

    variables: tuple         # ((name, order), ...)


@dataclass(frozen=True)
class At:
    """``x = a`` written under an evaluation bracket or a bar: ``[F]_{x=0}^{x=1}``."""

    variable: object
    value: object


@dataclass
class JointMass:
    r"""A joint mass function p over named variables: p(x, y), the marginal p(x) and the
    conditional p(y \mid x) are read by the names of the arguments, at the values the block
    gives those names."""

    names: tuple             # ("x", "y")
    points: dict             # tuple of values -> mass

    def mass(self, variables: list[str], given: list[str], values: dict):
        def marginal(names):
            missing = [n for n in names if n not in self.names or n not in values]
            if missing:
                from .errors import Unreadable

                raise Unreadable(f"p over {', '.join(missing)}, which is not one of {', '.join(self.names)} at a point")
            return sum((m for point, m in self.points.items()
                        if all(point[self.names.index(n)] == values[n] for n in names)), sympy.Integer(0))

        joint = marginal(list(variables) + list(given))
        return joint / marginal(list(given)) if given else joint
