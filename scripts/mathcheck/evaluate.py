"""Evaluate one parsed link to a SymPy value, with the names bound in the block.

``BookTransformer`` extends SymPy's own Lark transformer. It adds the book's
notation (bold vectors and matrices, transposes, norms, partial derivatives,
gradients) and evaluation against an environment of bound names:

- bold names (``\\mathbf{A}``) are replaced by their matrices while parsing,
  so products keep their order;
- functions (``f(x, y) = ...``) are applied while parsing;
- scalar names stay symbols until the end (``finalize``), so derivatives are
  taken symbolically and then evaluated at the bound point;
- every ambiguous reading is evaluated, and the link is accepted only when all
  readings agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy
from lark import Token, Tree
from lark.exceptions import VisitError
from sympy.parsing.latex.lark.transformer import TransformToSymPyExpr

from .errors import Unreadable

# Names that are never values: "d" is the differential, the rest are constants.
CONSTANTS = {"pi": sympy.pi, "e": sympy.E}
FD_STEP = 1e-6


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
class Env:
    """Values bound to names in one block: matrices, scalars, functions and supports."""

    values: dict[str, object] = field(default_factory=dict)
    internal: dict[sympy.Symbol, object] = field(default_factory=dict)  # derivative variables -> values

    def bind(self, key: str, value) -> None:
        self.values[key] = value

    def copy(self) -> "Env":
        return Env(dict(self.values), dict(self.internal))

    def substitutions(self) -> dict:
        subs: dict = {}
        for key, value in self.values.items():
            if key.startswith("\\"):
                if is_matrix(value):
                    subs.update(_components(key, value))
                continue
            if isinstance(value, (sympy.Lambda, sympy.Set)) or is_matrix(value):
                continue
            subs[sympy.Symbol(key)] = value
        for name, constant in CONSTANTS.items():
            subs.setdefault(sympy.Symbol(name), constant)
        subs.update(self.internal)
        return subs


def _components(key: str, value) -> dict:
    """x_{i} for the entries of a bound \\mathbf{x}; a_{ij} for those of \\mathbf{A}."""
    match = re.fullmatch(r"\\mathbf\{([A-Za-z])\}", key)
    if not match:
        return {}
    letter = match.group(1)
    rows, cols = value.shape
    found = {}
    if cols == 1 or rows == 1:
        for i, entry in enumerate(value):
            found[sympy.Symbol(f"{letter.lower()}_{{{i + 1}}}")] = entry
    elif rows < 10 and cols < 10:
        for i in range(rows):
            for j in range(cols):
                found[sympy.Symbol(f"{letter.lower()}_{{{i + 1}{j + 1}}}")] = value[i, j]
    return found


# --- arithmetic that knows matrices, the sized identity and 1x1 products -----------------


def _unwrap(value):
    if is_matrix(value) and value.shape == (1, 1):
        return value[0, 0]
    return value


def _no_function(*values) -> None:
    for value in values:
        if isinstance(value, FunctionName):
            raise Unreadable(f"the function name {value.name} used as a value")


def add(a, b):
    _no_function(a, b)
    if isinstance(a, Eye) and is_matrix(b):
        a = a.sized(b.shape[0])
    if isinstance(b, Eye) and is_matrix(a):
        b = b.sized(a.shape[0])
    if is_matrix(a) and is_matrix(b):
        return as_matrix(a) + as_matrix(b)
    if is_matrix(a) and b == 0:
        return a
    if is_matrix(b) and a == 0:
        return b
    if is_matrix(a) or is_matrix(b):
        raise Unreadable("a matrix added to a scalar")
    return a + b


def neg(a):
    _no_function(a)
    if isinstance(a, Eye):
        return Eye(-a.scale)
    return -a


def mul(a, b):
    _no_function(a, b)
    if isinstance(a, Eye):
        return Eye(a.scale * b) if not is_matrix(b) else a.scale * as_matrix(b)
    if isinstance(b, Eye):
        return Eye(a * b.scale) if not is_matrix(a) else as_matrix(a) * b.scale
    if is_matrix(a) and is_matrix(b):
        a, b = as_matrix(a), as_matrix(b)
        if a.shape[1] != b.shape[0]:
            if a.shape == (1, 1) or b.shape == (1, 1):
                return _unwrap(a) * _unwrap(b) if a.shape == (1, 1) else a * _unwrap(b)
            raise Unreadable(f"matrix shapes {a.shape} and {b.shape} do not multiply")
        return _unwrap(a * b)
    return a * b


def divide(a, b):
    _no_function(a, b)
    b = _unwrap(b)
    if is_matrix(b):
        raise Unreadable("division by a matrix")
    return mul(a, sympy.Pow(b, -1))


class BookTransformer(TransformToSymPyExpr):
    """SymPy's Lark transformer with the book's notation and a block's bound names."""

    def __init__(self, env: Env, naming: bool = False, numeric: bool = False):
        super().__init__()
        self.env = env
        self.naming = naming  # True: return names, do not look anything up
        self.numeric = numeric  # True: derivatives by bold variables use finite differences

    # ---- names ---------------------------------------------------------------------

    def _bold(self, key: str):
        if self.naming:
            return BoldName(key)
        if key in self.env.values:
            return self.env.values[key]
        if re.fullmatch(r"\\mathbf\{I\}(_\{\d+\})?", key):
            size = re.findall(r"\d+", key)
            return sympy.ImmutableMatrix(sympy.eye(int(size[0]))) if size else Eye()
        if key == r"\mathbf{0}":
            return sympy.Integer(0)
        raise Unreadable(f"{key} has no value in this block")

    def BOLD_SYMBOL(self, token):
        return self._bold(str(token))

    def NAMED_SYMBOL(self, token):
        match = re.fullmatch(r"\\sym\{([A-Za-z]+)\}(?:_\{([A-Za-z0-9]+)\})?", str(token))
        name, sub = match.groups()
        return self._scalar(sympy.Symbol(f"{name}_{{{sub}}}" if sub else name))

    def _scalar(self, symbol: sympy.Symbol):
        if self.naming:
            return symbol
        base = symbol.name.rstrip("'")
        value = self.env.values.get(base)
        if isinstance(value, sympy.Lambda):
            # A function's bare name: usable where a function is meant (\frac{\partial f}{\partial x}),
            # never as a factor, so "f(x)" cannot also be read as "f times x".
            order = len(symbol.name) - len(base)
            expr = value.expr
            for _ in range(order):
                expr = sympy.diff(expr, value.variables[0])
            return FunctionName(symbol.name, expr)
        return symbol  # scalars are substituted at the end (see finalize)

    def SYMBOL(self, token):
        return self._scalar(sympy.Symbol(str(token)))

    def GREEK_SYMBOL_WITH_PRIMES(self, token):
        return self._scalar(super().GREEK_SYMBOL_WITH_PRIMES(token))

    def LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT(self, token):
        return self._scalar(super().LATIN_SYMBOL_WITH_LATIN_SUBSCRIPT(token))

    def GREEK_SYMBOL_WITH_LATIN_SUBSCRIPT(self, token):
        return self._scalar(super().GREEK_SYMBOL_WITH_LATIN_SUBSCRIPT(token))

    def LATIN_SYMBOL_WITH_GREEK_SUBSCRIPT(self, token):
        return self._scalar(super().LATIN_SYMBOL_WITH_GREEK_SUBSCRIPT(token))

    def GREEK_SYMBOL_WITH_GREEK_SUBSCRIPT(self, token):
        return self._scalar(super().GREEK_SYMBOL_WITH_GREEK_SUBSCRIPT(token))

    def multi_letter_symbol(self, tokens):
        return self._scalar(super().multi_letter_symbol(tokens))

    def function_applied(self, tokens):
        head = tokens[0]
        if is_matrix(head) or isinstance(head, (BoldName, Eye)):
            # A bold name is a vector or a matrix, never a function: A(Bx) is a product.
            raise Unreadable("a matrix applied like a function")
        name = head.name if isinstance(head, (FunctionName, sympy.Symbol)) else str(head)
        args = list(tokens[2])
        if self.naming:
            return FunctionHead(name, args)
        base = name.rstrip("'")
        lam = self.env.values.get(base)
        if isinstance(lam, sympy.Lambda):
            order = len(name) - len(base)
            if order:
                if len(lam.variables) != 1:
                    raise Unreadable(f"{name} of a function of several variables")
                lam = sympy.Lambda(lam.variables, sympy.diff(lam.expr, lam.variables[0], order))
            if len(args) != len(lam.variables):
                raise Unreadable(f"{base} takes {len(lam.variables)} arguments")
            return lam(*args)
        return sympy.Function(name)(*args)

    # ---- arithmetic ----------------------------------------------------------------

    def add(self, tokens):
        if len(tokens) == 2:
            return tokens[1]
        return add(tokens[0], tokens[2])

    def sub(self, tokens):
        if len(tokens) == 2:
            return neg(tokens[1])
        return add(tokens[0], neg(tokens[2]))

    def mul(self, tokens):
        return mul(tokens[0], tokens[2])

    def div(self, tokens):
        return divide(tokens[0], tokens[2])

    def adjacent_expressions(self, tokens):
        left, right = tokens[0], tokens[1]
        if left == sympy.Symbol("d"):
            return left, right  # a differential, as in SymPy
        if isinstance(left, tuple):
            return sympy.Derivative(body(right), left[1])
        return mul(left, right)

    def fraction(self, tokens):
        numerator, denominator = tokens[1], tokens[2]
        if isinstance(denominator, tuple):
            variable = denominator[1]
            if isinstance(numerator, tuple):  # \frac{df}{dx}
                return sympy.Derivative(body(numerator[1]), variable)
            return "derivative", variable
        return divide(numerator, denominator)

    def superscript(self, tokens):
        base = tokens[0]
        sup = tokens[2] if len(tokens) == 3 else tokens[3]
        if isinstance(sup, Token) and sup.type == "CMD_TOP":
            if not is_matrix(base):
                raise Unreadable("transpose of a scalar")
            return as_matrix(base).T
        if is_matrix(base):
            base = as_matrix(base)
            if sup == sympy.Symbol("T"):
                return base.T
            if sup == -1:
                return base.inv()
            if isinstance(sup, sympy.Integer) and sup > 0:
                return base ** int(sup)
            if isinstance(sup, sympy.Integer) and sup < 0:
                return base.inv() ** int(-sup)
            raise Unreadable(f"matrix power {sup}")
        if isinstance(sup, Token):
            return super().superscript(tokens)
        return sympy.Pow(_unwrap(base), _unwrap(sup))

    def abs(self, tokens):
        return sympy.Abs(_unwrap(tokens[1]))

    def norm(self, tokens):
        value = tokens[1]
        sub = None
        rest = [t for t in tokens[3:] if not (isinstance(t, Token) and t.type in ("UNDERSCORE", "L_BRACE", "R_BRACE"))]
        if rest:
            sub = rest[0]
        if not is_matrix(value):
            return sympy.Abs(value)
        m = as_matrix(value)
        if min(m.shape) != 1 and sub == 2:
            # The spectral norm: the largest singular value.
            return sympy.sqrt(sympy.Max(*(m.T * m).eigenvals().keys()))
        if sub is None or sub == 2:
            if min(m.shape) != 1:
                raise Unreadable("\\lVert A\\rVert of a matrix needs a subscript (F or 2)")
            return sympy.sqrt(sum(sympy.Abs(x) ** 2 for x in m))
        if sub == 1:
            return sum(sympy.Abs(x) for x in m) if min(m.shape) == 1 else m.norm(1)
        if sub == sympy.oo:
            return sympy.Max(*[sympy.Abs(x) for x in m]) if min(m.shape) == 1 else m.norm(sympy.oo)
        if sub == sympy.Symbol("F"):
            return sympy.sqrt(sum(x ** 2 for x in m))
        raise Unreadable(f"norm with subscript {sub}")

    def determinant(self, tokens):
        if len(tokens) == 2:
            value = tokens[1]
            if not is_matrix(value):
                raise Unreadable("determinant of a non-matrix")
            return as_matrix(value).det()
        return self.matrix(tokens).det()

    def trace(self, tokens):
        if not is_matrix(tokens[1]):
            raise Unreadable("trace of a non-matrix")
        return as_matrix(tokens[1]).trace()

    def rank(self, tokens):
        if not is_matrix(tokens[1]):
            raise Unreadable("rank of a non-matrix")
        return sympy.Integer(as_matrix(tokens[1]).rank())

    def diag(self, tokens):
        return sympy.ImmutableMatrix(sympy.diag(*list(tokens[2])))

    def matrix(self, tokens):
        return sympy.ImmutableMatrix(super().matrix(tokens))

    def set_literal(self, tokens):
        return sympy.FiniteSet(*list(tokens[1]))

    def latex_string(self, tokens):
        return tokens[0]

    # ---- derivatives and ambiguity: handled before the children are evaluated ------

    def _transform_tree(self, tree):
        special = {
            "_ambig": self._ambiguous,
            "partial_fraction": self._partial_fraction,
            "partial_operator": self._partial_operator,
            "gradient": self._gradient,
            "hessian": self._hessian,
        }.get(tree.data)
        if tree.data == "_ambig" and self.naming:
            return self._ambiguous_name(tree)
        if special is not None and not self.naming:
            return special(tree)
        return super()._transform_tree(tree)

    def _ambiguous_name(self, tree):
        """When naming, "f(x)" is a function head rather than a product f times x."""
        readings = []
        for alternative in tree.children:
            try:
                readings.append(self._sub(alternative))
            except Exception:
                continue
        for kind in (FunctionHead, BoldName, sympy.Symbol):
            for reading in readings:
                if isinstance(reading, kind):
                    return reading
        if readings:
            return readings[0]
        raise Unreadable("no reading")

    def _sub(self, tree):
        """Transform a subtree, turning Lark's wrapped exceptions back into ours."""
        try:
            return self._transform_tree(tree) if isinstance(tree, Tree) else self._transform_children([tree]).__next__()
        except VisitError as exc:
            raise exc.orig_exc if isinstance(exc.orig_exc, Unreadable) else Unreadable(str(exc.orig_exc)) from exc

    def _ambiguous(self, tree):
        readings, errors = [], []
        for alternative in tree.children:
            try:
                readings.append(self._sub(alternative))
            except Exception as exc:  # one reading may be meaningless (wrong shapes)
                errors.append(exc)
        if not readings:
            raise errors[0] if isinstance(errors[0], Unreadable) else Unreadable(str(errors[0]))
        # "t(t^2 - 2)" is a product unless t is a function the text defines: drop
        # readings that apply a function nobody defined, if any other reading is left.
        defined = [r for r in readings if not _applies_unknown_function(r)]
        readings = defined or readings
        first = readings[0]
        for other in readings[1:]:
            if not same_value(first, other, self.env):
                raise Unreadable(f"ambiguous: it reads both as {first} and as {other}")
        return first

    def _differentiate(self, operand_tree, variables):
        """d^k operand / d var... for (name, order) pairs, symbolically or by finite differences."""
        if self.numeric and len(variables) == 1 and variables[0][1] == 1 and isinstance(variables[0][0], BoldName):
            return self._finite_difference(operand_tree, variables[0][0])

        def compute(symbols):
            value = self._sub(operand_tree)
            for symbol, (_, order) in zip(symbols, variables):
                for _ in range(order):
                    value = derivative(value, symbol)
            return value

        return self._with_symbolic([name for name, _ in variables], compute)

    def _finite_difference(self, operand_tree, name: "BoldName"):
        """Central differences of the operand in each entry of a numeric bold variable."""
        current = self.env.values.get(name.key)
        if current is None or not is_matrix(current):
            raise Unreadable(f"{name.key} needs a value to differentiate by it")
        base = as_matrix(current)
        columns = []
        try:
            for index in range(len(base)):
                step = [0] * len(base)
                step[index] = FD_STEP
                delta = sympy.ImmutableMatrix(base.shape[0], base.shape[1], step)
                self.env.values[name.key] = base + delta
                plus = finalize(self._sub(operand_tree), self.env)
                self.env.values[name.key] = base - delta
                minus = finalize(self._sub(operand_tree), self.env)
                columns.append(mul(add(plus, neg(minus)), sympy.Float(1 / (2 * FD_STEP))))
        finally:
            self.env.values[name.key] = current
        if all(not is_matrix(c) for c in columns):
            return sympy.ImmutableMatrix(base.shape[0], base.shape[1], columns)
        if min(base.shape) == 1 and all(is_matrix(c) and min(c.shape) == 1 for c in columns):
            return sympy.ImmutableMatrix.hstack(*[as_matrix(c).reshape(len(c), 1) for c in columns])
        raise Unreadable("finite differences of a matrix by a matrix")

    def _name(self, tree) -> object:
        naming = BookTransformer(self.env, naming=True)
        return naming._sub(tree)

    def _variables(self, parts):
        """(variable, order) pairs from partial_var subtrees."""
        found = []
        for part in parts:
            if isinstance(part, Tree) and part.data == "partial_var":
                name = self._name(part.children[1])
                order = int(str(part.children[3])) if len(part.children) == 4 else 1
                found.append((name, order))
        return found

    def _with_symbolic(self, names, compute):
        """Run ``compute(variables)`` with bold variables bound to matrices of fresh symbols."""
        saved = {}
        symbols = []
        try:
            for name in names:
                if isinstance(name, BoldName):
                    current = self.env.values.get(name.key)
                    if current is None or not is_matrix(current):
                        raise Unreadable(f"{name.key} needs a value (or a shape) to differentiate by it")
                    current = as_matrix(current)
                    if all(isinstance(x, sympy.Symbol) for x in current):
                        symbols.append(current)
                        continue
                    fresh = sympy.ImmutableMatrix(current.shape[0], current.shape[1],
                                                  lambda i, j: sympy.Dummy(f"{name.key}_{i}{j}"))
                    saved[name.key] = current
                    for s, v in zip(fresh, current):
                        self.env.internal[s] = v
                    self.env.values[name.key] = fresh
                    symbols.append(fresh)
                elif isinstance(name, sympy.Symbol):
                    symbols.append(name)
                else:
                    raise Unreadable(f"cannot differentiate with respect to {name}")
            return compute(symbols)
        finally:
            self.env.values.update(saved)

    def _partial_fraction(self, tree):
        children = tree.children
        power_given = isinstance(children[3], Token) and children[3].type == "CARET"
        operand_tree = children[5] if power_given else children[3]
        return self._differentiate(operand_tree, self._variables(children))

    def _partial_operator(self, tree):
        children = tree.children
        return self._differentiate(children[-1], self._variables(children))

    def _gradient_parts(self, tree):
        wrt, operand = None, tree.children[-1]
        for child in tree.children[1:-1]:
            if isinstance(child, Tree) or (isinstance(child, Token) and child.type not in ("UNDERSCORE", "L_BRACE", "R_BRACE", "CARET", "DIGIT")):
                wrt = self._name(child)
        return wrt, operand

    def _function_call(self, operand):
        """For ``f(a, b)`` with ``f`` bound: (Lambda, argument values); else None."""
        if isinstance(operand, Tree) and operand.data == "function_applied":
            head = self._name(operand)
            lam = self.env.values.get(head.name)
            if isinstance(lam, sympy.Lambda):
                args = [self._sub(a) for a in _list_items(operand.children[2])]
                return lam, args
        if isinstance(operand, (Tree, Token)):
            name = self._name(operand)
            if isinstance(name, sympy.Symbol) and isinstance(self.env.values.get(name.name), sympy.Lambda):
                lam = self.env.values[name.name]
                return lam, list(lam.variables)
        return None

    def _gradient(self, tree):
        wrt, operand = self._gradient_parts(tree)
        if wrt is None:
            call = self._function_call(operand)
            if call is None:
                raise Unreadable("\\nabla of something that is not a bound function; write \\nabla_{x}")
            lam, args = call
            grad = sympy.ImmutableMatrix([sympy.diff(lam.expr, v) for v in lam.variables])
            return grad.subs(dict(zip(lam.variables, args)))
        return self._differentiate(operand, [(wrt, 1)])

    def _hessian(self, tree):
        wrt, operand = self._gradient_parts(tree)
        if wrt is None:
            call = self._function_call(operand)
            if call is None:
                raise Unreadable("\\nabla^2 of something that is not a bound function")
            lam, args = call
            hess = sympy.ImmutableMatrix(sympy.hessian(lam.expr, lam.variables))
            return hess.subs(dict(zip(lam.variables, args)))

        def compute(symbols):
            value = self._sub(operand)
            grad = derivative(value, symbols[0])
            return derivative(grad, symbols[0])

        return self._with_symbolic([wrt], compute)


def _applies_unknown_function(value) -> bool:
    from sympy.core.function import AppliedUndef

    items = list(value) if is_matrix(value) else [value]
    return any(hasattr(x, "atoms") and x.atoms(AppliedUndef) for x in items)


def _list_items(tree):
    if isinstance(tree, Tree):
        return [c for c in tree.children if not isinstance(c, Token)]
    return [tree]


@dataclass(frozen=True)
class FunctionName:
    """A bound function's bare name; ``expr`` is its body (in its own variables)."""

    name: str
    expr: object


def body(value):
    return value.expr if isinstance(value, FunctionName) else value


@dataclass(frozen=True)
class BoldName:
    key: str


@dataclass(frozen=True)
class FunctionHead:
    name: str
    args: list


def derivative(value, variable):
    """d value / d variable; a matrix variable gives a result of the variable's shape.

    Scalar by scalar: the derivative. Scalar by vector or matrix: the matrix of
    partial derivatives, shaped like the variable (the gradient). Vector by
    vector: the Jacobian, one row per output. Matrix by scalar: entry by entry.
    """
    value = _unwrap(body(value))
    if is_matrix(variable):
        variable = as_matrix(variable)
        if is_matrix(value):
            value = as_matrix(value)
            if min(value.shape) == 1 and min(variable.shape) == 1:
                return sympy.ImmutableMatrix(len(value), len(variable),
                                             lambda i, j: sympy.diff(value[i], variable[j]))
            raise Unreadable("derivative of a matrix by a matrix")
        return sympy.ImmutableMatrix(variable.shape[0], variable.shape[1],
                                     lambda i, j: sympy.diff(value, variable[i, j]))
    if is_matrix(value):
        return as_matrix(value).applyfunc(lambda x: sympy.diff(x, variable))
    return sympy.diff(value, variable)


# --- finishing a value ------------------------------------------------------------------


def finalize(value, env: Env):
    """Evaluate pending operations and substitute the block's scalar values."""
    if isinstance(value, Eye):
        return Eye(_doit(_subs(value.scale, env.substitutions()))) if value.scale != 1 else value
    if isinstance(value, tuple):
        raise Unreadable("a derivative operator with nothing to act on")
    if isinstance(value, (BoldName, FunctionHead)):
        raise Unreadable("a name, not a value")
    value = body(value)
    subs = env.substitutions()
    for _ in range(8):
        new = _doit(value)
        if subs:
            new = _subs(new, subs)
            new = _doit(new)
        if _identical(new, value):
            break
        value = new
    return _unwrap(value)


def _doit(value):
    if is_matrix(value):
        return sympy.ImmutableMatrix(as_matrix(value).applyfunc(lambda x: x.doit() if hasattr(x, "doit") else x))
    return value.doit() if hasattr(value, "doit") else value


def _subs(value, subs):
    if is_matrix(value):
        return as_matrix(value).subs(subs)
    if hasattr(value, "subs"):
        return value.subs(subs)
    return value


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
