"""Core arithmetic: names and their values, functions, sums and products, ``\\pm``,
sets, and the rule for formulas that read two ways (grammar: grammar/core.lark).

Scalar names stay symbols until the end (``evaluate.finalize``), so that
derivatives are taken symbolically and then evaluated at the bound point;
functions (``f(x, y) = ...``) are applied while parsing. A formula that the
grammar reads in several ways is accepted only when every reading gives the
same value.
"""

from __future__ import annotations

import sympy
from lark import Token, Tree
from lark.exceptions import VisitError

from ..arithmetic import add, divide, mul, neg, power, unwrap
from ..errors import Unreadable
from ..values import (
    BoldName,
    Branches,
    Eye,
    FunctionHead,
    FunctionName,
    JointMass,
    Ones,
    Table,
    VectorFunction,
    is_matrix,
)

# Functions every block knows unless it binds the name to something else.
BUILTIN_FUNCTIONS = {
    "sigma": sympy.Lambda(sympy.Symbol("z"), 1 / (1 + sympy.exp(-sympy.Symbol("z")))),  # the logistic sigmoid
    "Gamma": sympy.Lambda(sympy.Symbol("z"), sympy.gamma(sympy.Symbol("z"))),
}


class CoreNotation:
    # Subtrees handled before their children are evaluated: rule -> method name.
    RAW_RULES = {"_ambig": "_ambiguous"}
    # Where a formula reads two ways and one reading is of these rules, the others
    # (usually a product of neighbours) are dropped.
    PREFERRED_READINGS: set[str] = set()

    # ---- names ---------------------------------------------------------------------

    def NAMED_SYMBOL(self, token):
        name, _, sub = str(token)[len("\\sym{"):].partition("}")
        return self._scalar(sympy.Symbol(f"{name}_{{{sub[2:-1]}}}" if sub else name))

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
        if isinstance(value, (VectorFunction, Table, JointMass)):
            return FunctionName(symbol.name, value)
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

    # ---- functions -----------------------------------------------------------------

    def function_applied(self, tokens):
        head = tokens[0]
        args = list(tokens[2])
        if self.naming and isinstance(head, BoldName):
            return FunctionHead(head.key, args)  # \mathbf{f}(x, y) = ... defines a vector function
        if is_matrix(head) or isinstance(head, (BoldName, Eye, Ones)):
            # A bold name is a vector or a matrix, never a function: A(Bx) is a product.
            raise Unreadable("a matrix applied like a function")
        name = head.name if isinstance(head, (FunctionName, sympy.Symbol)) else str(head)
        if self.naming:
            return FunctionHead(name, args)
        return self.apply_function(name, args)

    def apply_function(self, name: str, args: list):
        """``name(args)`` for a function the block binds (or a built-in one)."""
        base = name.rstrip("'")
        bound = self.env.values.get(base)
        if bound is None and base in BUILTIN_FUNCTIONS:
            bound = BUILTIN_FUNCTIONS[base]
        if isinstance(bound, sympy.Lambda):
            order = len(name) - len(base)
            if order and self.numeric and len(bound.variables) == 1 and all(
                    isinstance(unwrap(a), sympy.Expr) and unwrap(a).is_number for a in args):
                return self._function_difference(bound, [unwrap(a) for a in args], [0] * order)
            if order:
                if len(bound.variables) != 1:
                    raise Unreadable(f"{name} of a function of several variables")
                bound = sympy.Lambda(bound.variables, sympy.diff(bound.expr, bound.variables[0], order))
            if len(args) != len(bound.variables):
                raise Unreadable(f"{base} takes {len(bound.variables)} arguments")
            return bound(*[unwrap(a) for a in args])
        if isinstance(bound, JointMass):
            return self.joint_mass(bound, args, [])
        if isinstance(bound, (VectorFunction, Table)):
            try:
                return bound(*args)
            except ValueError as exc:
                raise Unreadable(str(exc)) from None
        return self.unbound_function(name, args)

    def joint_mass(self, mass: JointMass, args: list, given: list):
        names = [a.name if isinstance(a, sympy.Symbol) else None for a in args + given]
        if None in names:
            raise Unreadable("a joint mass function takes its variables' names, such as p(y \\mid x)")
        values = {n: self.env.values.get(n) for n in names}
        return mass.mass(names[:len(args)], names[len(args):], values)

    def unbound_function(self, name: str, args: list):
        """A function the text never defines: an unknown the families may give meaning to."""
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

    def plus_minus(self, tokens):
        if len(tokens) == 2:
            sign, right = tokens
            left = sympy.Integer(0)
        else:
            left, sign, right = tokens
        plus, minus = add(left, right), add(left, neg(right))
        return Branches((plus, minus) if str(sign) == "\\pm" else (minus, plus))

    def adjacent_expressions(self, tokens):
        left, right = tokens[0], tokens[1]
        return mul(left, right)

    def fraction(self, tokens):
        return divide(tokens[1], tokens[2])

    def superscript(self, tokens):
        base = tokens[0]
        sup = tokens[2] if len(tokens) == 3 else tokens[3]
        if isinstance(sup, Token):
            return super().superscript(tokens)
        return power(base, sup)

    def abs(self, tokens):
        return sympy.Abs(unwrap(tokens[1]))

    def set_literal(self, tokens):
        return sympy.FiniteSet(*list(tokens[1]))

    def latex_string(self, tokens):
        return tokens[0]

    def exponential(self, tokens):
        return sympy.exp(unwrap(tokens[1]))

    # ---- subtrees read before their children -----------------------------------------

    def _transform_tree(self, tree):
        if self.naming and tree.data == "_ambig":
            return self._ambiguous_name(tree)
        method = self.raw_rules().get(tree.data)
        if method is not None and not self.naming:
            return getattr(self, method)(tree)
        return super()._transform_tree(tree)

    @classmethod
    def raw_rules(cls) -> dict:
        if "_raw" not in cls.__dict__:
            rules = {}
            for klass in reversed(cls.__mro__):
                rules.update(klass.__dict__.get("RAW_RULES", {}))
            cls._raw = rules
        return cls._raw

    @classmethod
    def preferred_readings(cls) -> set:
        return set().union(*(klass.__dict__.get("PREFERRED_READINGS", set()) for klass in cls.__mro__))

    def _sub(self, tree):
        """Transform a subtree, turning Lark's wrapped exceptions back into ours."""
        try:
            return self._transform_tree(tree) if isinstance(tree, Tree) else next(self._transform_children([tree]))
        except VisitError as exc:
            raise exc.orig_exc if isinstance(exc.orig_exc, Unreadable) else Unreadable(str(exc.orig_exc)) from exc

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

    def _multiplies_a_builtin(self, value) -> bool:
        """The reading treats an unbound built-in function name (sigma) as a number."""
        if isinstance(value, Branches):
            return any(self._multiplies_a_builtin(v) for v in value.values)
        items = list(value) if is_matrix(value) else [value]
        free = set().union(*(x.free_symbols for x in items if isinstance(x, sympy.Basic)))
        return any(s.name in BUILTIN_FUNCTIONS and s.name not in self.env.values for s in free)

    def _applies_builtin(self, tree) -> bool:
        """\\sigma(z), with sigma unbound: the sigmoid applied, not sigma times z."""
        while isinstance(tree, Tree) and tree.data == "latex_string" and len(tree.children) == 1:
            tree = tree.children[0]
        if not (isinstance(tree, Tree) and tree.data == "function_applied" and isinstance(tree.children[0], Token)):
            return False
        name = str(tree.children[0]).lstrip("\\").rstrip("'")
        return name in BUILTIN_FUNCTIONS and name not in self.env.values

    def _ambiguous(self, tree):
        from ..evaluate import same_value

        alternatives = tree.children
        preferred = [a for a in alternatives if _head(a) in self.preferred_readings() or self._applies_builtin(a)]
        if preferred:
            alternatives = preferred
        readings, errors = [], []
        for alternative in alternatives:
            try:
                readings.append(self._sub(alternative))
            except Exception as exc:  # one reading may be meaningless (wrong shapes)
                errors.append(exc)
        if not readings:
            raise errors[0] if isinstance(errors[0], Unreadable) else Unreadable(str(errors[0]))
        # "t(t^2 - 2)" is a product unless t is a function the text defines: drop
        # readings that apply a function nobody defined, if any other reading is left.
        defined = [r for r in readings if not applies_unknown_function(r)]
        readings = defined or readings
        # "\\sigma(z)" deep inside is the sigmoid too, unless the block gives sigma a value.
        applied = [r for r in readings if not self._multiplies_a_builtin(r)]
        readings = applied or readings
        first = readings[0]
        for other in readings[1:]:
            if not same_value(first, other, self.env):
                raise Unreadable(f"ambiguous: it reads both as {first} and as {other}")
        return first


def _head(tree) -> str | None:
    """The rule at the top of a reading, looking through the one-child wrapper latex_string."""
    while isinstance(tree, Tree) and tree.data == "latex_string" and len(tree.children) == 1:
        tree = tree.children[0]
    return tree.data if isinstance(tree, Tree) else None


def applies_unknown_function(value) -> bool:
    from sympy.core.function import AppliedUndef

    if isinstance(value, Branches):
        return any(applies_unknown_function(v) for v in value.values)
    items = list(value) if is_matrix(value) else [value]
    return any(hasattr(x, "atoms") and x.atoms(AppliedUndef) for x in items)
