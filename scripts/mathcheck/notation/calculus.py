"""Calculus: derivatives of any order, gradients, Hessians and Jacobians, integrals,
evaluation brackets, limits, sums, minima and O(.) (grammar: grammar/calculus.lark).

Layout, as the book defines it: the gradient ``\\nabla f(\\mathbf{x})`` and
``\\nabla_{\\mathbf{X}} f`` have the shape of the variable; ``\\frac{\\partial f}{\\partial \\mathbf{x}}``
of a scalar by a column vector is a row (numerator layout), and by a matrix has
the matrix's shape; a Jacobian ``\\frac{\\partial \\mathbf{f}}{\\partial \\mathbf{x}}`` has one
row per output. Derivatives are taken symbolically; in the numeric trials of an
identity, a derivative by a bold variable is a central finite difference instead.
"""

from __future__ import annotations

import re

import sympy
from lark import Token, Tree

from ..arithmetic import add, mul, neg, unwrap
from ..errors import Unbound, Unreadable
from ..values import At, BoldName, FunctionName, VectorFunction, as_matrix, is_matrix

FD_STEP = 1e-6
DIGITS = 40  # working precision of the central differences at a point


def body(value):
    """A bound function's body, for a bare function name; any other value as it is."""
    if isinstance(value, FunctionName):
        return value.expr.expr if isinstance(value.expr, VectorFunction) else value.expr
    return value


def derivative(value, variable, layout: str = "gradient"):
    """d value / d variable.

    Scalar by scalar: the derivative. Scalar by a matrix: the matrix of partial
    derivatives shaped like the variable, except that by a column vector in the
    numerator layout it is a row. Vector by vector: the Jacobian, one row per
    output. Vector or matrix by a scalar: entry by entry.
    """
    value = unwrap(body(value))
    if is_matrix(variable):
        variable = as_matrix(variable)
        if is_matrix(value):
            value = as_matrix(value)
            if min(value.shape) == 1 and min(variable.shape) == 1:
                return sympy.ImmutableMatrix(len(value), len(variable),
                                             lambda i, j: sympy.diff(value[i], variable[j]))
            raise Unreadable("a derivative of a matrix by a matrix; write it with vec and a Jacobian")
        shaped = sympy.ImmutableMatrix(variable.shape[0], variable.shape[1],
                                       lambda i, j: sympy.diff(value, variable[i, j]))
        if layout == "numerator" and variable.shape[1] == 1:
            return shaped.T
        return shaped
    if is_matrix(value):
        return as_matrix(value).applyfunc(lambda x: sympy.diff(x, variable))
    return sympy.diff(value, variable)


def finite_difference(evaluate, point: list, indices: list[int]):
    """The partial derivative of ``evaluate`` (a function of a list of numbers) at ``point`` by
    the variables ``indices`` (repeated for a higher order), by nested central differences."""
    if not indices:
        return evaluate(point)
    # Carried in 40 digits, so that round-off stays far below the O(h^2) truncation error.
    step = sympy.Float("1e-8", DIGITS)
    first, rest = indices[0], indices[1:]
    plus, minus = list(point), list(point)
    plus[first] = sympy.Float(plus[first], DIGITS) + step
    minus[first] = sympy.Float(minus[first], DIGITS) - step
    high, low = finite_difference(evaluate, plus, rest), finite_difference(evaluate, minus, rest)
    return mul(add(high, neg(low)), 1 / (2 * step))


def _names_a_vector(name) -> bool:
    """A bold lowercase name is a vector (the numerator layout makes d/dx of a scalar a row);
    a bold capital is a matrix, whatever its shape."""
    return isinstance(name, BoldName) and bool(re.match(r"\\(mathbf|boldsymbol)\{\\?[a-z]", name.key))


def _order_of(tokens) -> int:
    """The order written as ^2 or ^{2} among ``tokens`` (1 when there is none)."""
    for index, token in enumerate(tokens):
        if isinstance(token, Token) and token.type == "CARET":
            following = tokens[index + 1]
            if isinstance(following, Token) and following.type == "L_BRACE":
                following = tokens[index + 2]
            return int(str(following))
    return 1


def _list_items(tree):
    """The items of a list_of_expressions (or the one item that stands for it)."""
    if isinstance(tree, Tree) and tree.data == "list_of_expressions":
        return [c for c in tree.children if not (isinstance(c, Token) and c.type == "COMMA")]
    return [tree]


class CalculusNotation:
    RAW_RULES = {
        "partial_fraction": "_fraction_derivative",
        "leibniz_fraction": "_fraction_derivative",
        "partial_operator": "_operator_derivative",
        "leibniz_operator": "_operator_derivative",
        "derivative_at": "_derivative_at",
        "gradient": "_gradient",
        "hessian": "_hessian",
        "jacobian": "_jacobian",
        "optimum": "_optimum",
        "sum_over": "_sum_over",
        "summation": "_summation",
        "matrix_differential": "_differential",
    }
    # \frac{df}{dx}(2) is the derivative at 2, not a product; \lim_{x \to a} F^k takes the power inside.
    PREFERRED_READINGS = {"derivative_at", "limit", "partial_operator", "leibniz_operator", "gradient", "hessian"}

    # ---- derivatives -------------------------------------------------------------------

    def _variables(self, parts) -> list[tuple[object, int]]:
        """(variable, order) pairs from partial_var and diff_var subtrees."""
        found = []
        for part in parts:
            if isinstance(part, Tree) and part.data in ("partial_var", "diff_var"):
                found.append((self._name(part.children[1]), _order_of(part.children[2:])))
        return found

    def _name(self, tree) -> object:
        return type(self)(self.env, naming=True)._sub(tree)

    @staticmethod
    def _top(children) -> tuple[int, object]:
        """The order and the operand written on top of \\frac{\\partial^k f}{...} or \\frac{d^k f}{...}."""
        index = 3
        order = 1
        if isinstance(children[index], Token) and children[index].type == "CARET":
            braced = isinstance(children[index + 1], Token) and children[index + 1].type == "L_BRACE"
            order = int(str(children[index + 2 if braced else index + 1]))
            index += 4 if braced else 2
        return order, children[index]

    def _fraction_derivative(self, tree):
        """\\frac{\\partial^2 f}{\\partial x \\partial y}, \\frac{d^2 f}{dx^2}."""
        total, operand = self._top(tree.children)
        variables = self._variables(tree.children)
        self._check_order(total, variables)
        layout = "numerator" if tree.data == "partial_fraction" else "gradient"
        return self._differentiate(operand, variables, layout)

    def _operator_derivative(self, tree):
        total, _ = self._top(tree.children)
        variables = self._variables(tree.children)
        self._check_order(total, variables)
        layout = "numerator" if tree.data == "partial_operator" else "gradient"
        return self._differentiate(tree.children[-1], variables, layout)

    @staticmethod
    def _check_order(total: int, variables) -> None:
        if total != sum(order for _, order in variables):
            raise Unreadable(f"the order {total} on top does not match the variables below")

    def _derivative_at(self, tree):
        """\\frac{\\partial f}{\\partial x}(1, 2): the derivative of a bound function at a point."""
        fraction, arguments = tree.children[0], tree.children[2]
        _, operand = self._top(fraction.children)
        head = self._name(operand)
        function = self.env.values.get(getattr(head, "name", None) or str(head))
        if not isinstance(function, (sympy.Lambda, VectorFunction)):
            raise Unreadable("a derivative at a point needs a function the text defines")
        args = [self._sub(a) for a in _list_items(arguments)]
        if self.numeric and isinstance(function, sympy.Lambda) and all(_number(unwrap(a)) for a in args):
            names = [v.name for v in function.variables]
            indices = [names.index(n.name) for n, order in self._variables(fraction.children) for _ in range(order)
                       if isinstance(n, sympy.Symbol) and n.name in names]
            return self._function_difference(function, args, indices)
        value = self._sub(fraction)
        if isinstance(function, VectorFunction):
            subs = function.substitution(args)
        else:
            if len(args) != len(function.variables):
                raise Unreadable(f"{head} takes {len(function.variables)} arguments")
            subs = dict(zip(function.variables, [unwrap(a) for a in args]))
        return as_matrix(value).xreplace(subs) if is_matrix(value) else sympy.sympify(value).xreplace(subs)

    def _differentiate(self, operand_tree, variables, layout: str = "gradient"):
        """d^k operand / d var... for (name, order) pairs, symbolically or by finite differences."""
        if self.numeric and len(variables) == 1 and variables[0][1] == 1 and isinstance(variables[0][0], BoldName) \
                and variables[0][0].key in self.env.values:
            name = variables[0][0]
            return self._finite_difference(operand_tree, name, layout if _names_a_vector(name) else "gradient")

        if self.numeric and variables and all(isinstance(n, sympy.Symbol) and _number(self.env.values.get(n.name))
                                              for n, _ in variables):
            return self._scalar_difference(operand_tree, variables)

        def compute(symbols):
            value = self._sub(operand_tree)
            for symbol, (name, order) in zip(symbols, variables):
                for _ in range(order):
                    value = derivative(value, symbol, layout if _names_a_vector(name) else "gradient")
            return value

        return self._with_symbolic([name for name, _ in variables], compute)

    def _scalar_difference(self, operand_tree, variables):
        """A derivative by scalars that have values, by central differences of the operand."""
        from ..evaluate import finalize

        names = sorted({n.name for n, _ in variables})
        saved = {n: self.env.values[n] for n in names}
        indices = [names.index(n.name) for n, order in variables for _ in range(order)]

        def evaluate(point):
            for name, value in zip(names, point):
                self.env.values[name] = sympy.Float(value, DIGITS)
            value = finalize(self._sub(operand_tree), self.env)
            return as_matrix(value).evalf(DIGITS) if is_matrix(value) else sympy.N(value, DIGITS)

        self.used_differences = True
        try:
            return finite_difference(evaluate, [saved[n] for n in names], indices)
        finally:
            self.env.values.update(saved)

    def _function_difference(self, function, args, indices: list[int]):
        """A partial derivative of a bound function at numeric arguments, by central differences;
        ``indices`` count the function's scalar variables (the entries of a vector argument)."""
        point = []
        for arg in args:
            point += list(as_matrix(arg)) if is_matrix(arg) else [unwrap(arg)]

        def evaluate(values):
            rebuilt, i = [], 0
            for arg in args:
                if is_matrix(arg):
                    m = as_matrix(arg)
                    entries = [sympy.Float(v, DIGITS) for v in values[i:i + len(m)]]
                    rebuilt.append(sympy.ImmutableMatrix(m.shape[0], m.shape[1], entries))
                    i += len(m)
                else:
                    rebuilt.append(sympy.Float(values[i], DIGITS))
                    i += 1
            value = function(*rebuilt)
            return sympy.N(value, DIGITS) if not is_matrix(value) else as_matrix(value).evalf(DIGITS)

        self.used_differences = True
        return finite_difference(evaluate, point, indices)

    def _finite_difference(self, operand_tree, name: BoldName, layout: str):
        """Central differences of the operand in each entry of a numeric bold variable."""
        from ..evaluate import finalize

        current = self.env.values.get(name.key)
        if current is None or not is_matrix(current):
            raise Unreadable(f"{name.key} needs a value to differentiate by it")
        base = as_matrix(current)
        columns = []
        self.used_differences = True
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
            shaped = sympy.ImmutableMatrix(base.shape[0], base.shape[1], columns)
            return shaped.T if layout == "numerator" and base.shape[1] == 1 else shaped
        if min(base.shape) == 1 and all(is_matrix(c) and min(c.shape) == 1 for c in columns):
            return sympy.ImmutableMatrix.hstack(*[as_matrix(c).reshape(len(c), 1) for c in columns])
        raise Unreadable("finite differences of a matrix by a matrix")

    def _with_symbolic(self, names, compute):
        """Run ``compute(variables)`` with bold variables bound to matrices of fresh symbols.

        A bound bold variable gets fresh symbols (its values come back at the end,
        through ``env.internal``); an unbound one that is a parameter of a function
        the block defines takes that function's symbols.
        """
        saved, added, symbols = {}, [], []
        try:
            for name in names:
                if isinstance(name, BoldName):
                    current = self.env.values.get(name.key)
                    if current is None:
                        parameter = self._parameter_symbols(name.key)
                        if parameter is None:
                            raise Unreadable(f"{name.key} needs a value (or a shape) to differentiate by it")
                        self.env.values[name.key] = parameter
                        added.append(name.key)
                        symbols.append(parameter)
                        continue
                    if not is_matrix(current):
                        raise Unreadable(f"cannot differentiate with respect to {name.key}")
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
            for key in added:
                self.env.values.pop(key, None)

    def _parameter_symbols(self, key: str):
        for value in self.env.values.values():
            if isinstance(value, VectorFunction):
                for param, symbols in value.params:
                    if param == key:
                        return symbols
        return None

    def _differential(self, tree):
        r"""d\mathbf{X} is the block's perturbation of X; d(F) is the change of F to first order
        when every matrix with a perturbation moves by it: d/dt F(X + t dX) at t = 0."""
        operand = tree.children[1]
        directions = self.env.directions
        if isinstance(operand, Token):
            key = str(operand)
            if key not in directions:
                raise Unreadable(f"d{key}: the block never says what {key} is, so it has no differential")
            return directions[key]
        if not directions:
            raise Unreadable("a differential in a block with no d\\mathbf{X} to vary by")
        t = sympy.Dummy("t")
        saved = {key: self.env.values.get(key) for key in directions}
        try:
            for key, direction in directions.items():
                if saved[key] is None:
                    raise Unbound(key)
                self.env.values[key] = add(saved[key], mul(t, direction))
            value = self._sub(operand)
        finally:
            for key, old in saved.items():
                if old is None:
                    self.env.values.pop(key, None)
                else:
                    self.env.values[key] = old
        changed = derivative(value, t)
        return as_matrix(changed).xreplace({t: 0}) if is_matrix(changed) else sympy.sympify(changed).xreplace({t: 0})

    # ---- gradient, Hessian, Jacobian -------------------------------------------------

    def _gradient_parts(self, tree):
        wrt, operand = None, tree.children[-1]
        for child in tree.children[1:-1]:
            if isinstance(child, Tree) or (isinstance(child, Token) and child.type not in
                                           ("UNDERSCORE", "L_BRACE", "R_BRACE", "CARET", "DIGIT")):
                wrt = self._name(child)
        return wrt, operand

    def _function_call(self, operand):
        """For ``f(a, b)`` with ``f`` bound: (function, argument values); for a bare ``f``,
        its own variables; else None."""
        if isinstance(operand, Tree) and operand.data == "function_applied":
            head = self._name(operand)
            function = self.env.values.get(head.name)
            if isinstance(function, (sympy.Lambda, VectorFunction)):
                return function, [self._sub(a) for a in _list_items(operand.children[2])]
        if isinstance(operand, (Tree, Token)):
            name = self._name(operand)
            key = name.name if isinstance(name, sympy.Symbol) else getattr(name, "key", None)
            function = self.env.values.get(key)
            if isinstance(function, sympy.Lambda):
                return function, list(function.variables)
            if isinstance(function, VectorFunction):
                return function, [symbols for _, symbols in function.params]
        return None

    @staticmethod
    def _at(function, args, value):
        if isinstance(function, VectorFunction):
            subs = function.substitution(args)
        else:
            subs = dict(zip(function.variables, [unwrap(a) for a in args]))
        return as_matrix(value).xreplace(subs) if is_matrix(value) else sympy.sympify(value).xreplace(subs)

    @staticmethod
    def _gradient_of(function):
        if isinstance(function, VectorFunction):
            if len(function.params) != 1:
                raise Unreadable(f"\\nabla of {function.name}, a function of several arguments; write \\nabla_{{...}}")
            (_, symbols), = function.params
            return derivative(function.expr, symbols if is_matrix(symbols) else symbols)
        if is_matrix(function.expr):
            raise Unreadable("\\nabla of a vector function; write its Jacobian")
        return sympy.ImmutableMatrix([sympy.diff(function.expr, v) for v in function.variables])

    def _gradient(self, tree):
        wrt, operand = self._gradient_parts(tree)
        if wrt is None:
            call = self._function_call(operand)
            if call is None:
                raise Unreadable("\\nabla of something that is not a bound function; write \\nabla_{x}")
            function, args = call
            if self.numeric and _numeric_args(args):
                count = len(function.variables)
                column = [self._function_difference(function, args, [i]) for i in range(count)]
                shape = self._gradient_of(function).shape
                return sympy.ImmutableMatrix(shape[0], shape[1], column)
            return self._at(function, args, self._gradient_of(function))
        return self._differentiate(operand, [(wrt, 1)])

    def _hessian(self, tree):
        order = next(c for c in tree.children if isinstance(c, Token) and c.type == "DIGIT")
        if str(order) != "2":
            # \nabla^3 f is a third-derivative tensor, not a Hessian: say so rather than misread it.
            raise Unreadable(f"\\nabla^{order}: only \\nabla^2 (the Hessian) is read")
        wrt, operand = self._gradient_parts(tree)
        if wrt is None:
            call = self._function_call(operand)
            if call is None:
                raise Unreadable("\\nabla^2 of something that is not a bound function")
            function, args = call
            if is_matrix(function.expr):
                raise Unreadable("\\nabla^2 of a vector function")
            variables = list(function.variables)
            if self.numeric and _numeric_args(args):
                n = len(variables)
                return sympy.ImmutableMatrix(n, n, lambda i, j: self._function_difference(function, args, [i, j]))
            return self._at(function, args, sympy.ImmutableMatrix(sympy.hessian(function.expr, variables)))

        def compute(symbols):
            value = self._sub(operand)
            gradient = derivative(value, symbols[0])
            return derivative(gradient, symbols[0])

        return self._with_symbolic([wrt], compute)

    def _jacobian(self, tree):
        """J_{\\mathbf{f}}(x, y): one row per output, one column per variable."""
        children = tree.children
        name = self._name(children[2])
        key = getattr(name, "key", None) or getattr(name, "name", None)
        function = self.env.values.get(key)
        if not isinstance(function, (sympy.Lambda, VectorFunction)) or not is_matrix(function.expr):
            raise Unreadable(f"the Jacobian of {key}, which is not a vector function the text defines")
        outputs = as_matrix(function.expr)
        jacobian = sympy.ImmutableMatrix(outputs.reshape(len(outputs), 1).jacobian(list(function.variables)))
        if len(children) > 4:
            args = [self._sub(a) for a in _list_items(children[5])]
            if self.numeric and _numeric_args(args):
                columns = [as_matrix(self._function_difference(function, args, [j])).reshape(len(outputs), 1)
                           for j in range(len(function.variables))]
                return sympy.ImmutableMatrix.hstack(*columns)
            return self._at(function, args, jacobian)
        return jacobian

    # ---- evaluation brackets and bars --------------------------------------------------

    def bound_at(self, tokens):
        return At(tokens[1], tokens[3])

    def _evaluate_between(self, value, limits):
        """F(b) - F(a), or F(a) when only one value is given."""
        variable = next((limit.variable for limit in limits if isinstance(limit, At)), None)
        if variable is None:
            free = self._unbound_symbols(value)
            if len(free) > 1:
                raise Unreadable(f"evaluate in which of {sorted(map(str, free))}? Write [F]_{{x=a}}^{{x=b}}")
            if not free:
                return sympy.Integer(0) if len(limits) == 2 else value
            variable = free.pop()
        points = [limit.value if isinstance(limit, At) else limit for limit in limits]

        def at(point):
            if is_matrix(value):
                return as_matrix(value).xreplace({variable: point})
            return sympy.sympify(value).xreplace({variable: point})

        if len(points) == 1:
            return at(points[0])
        return add(at(points[1]), neg(at(points[0])))

    def _unbound_symbols(self, value) -> set:
        items = list(value) if is_matrix(value) else [value]
        free = set().union(*(sympy.sympify(x).free_symbols for x in items))
        return {s for s in free if isinstance(s, sympy.Symbol) and s.name not in self.env.values
                and not isinstance(s, sympy.Dummy)}

    @staticmethod
    def _limits(tokens):
        """Lower and upper limit from the tokens after a bracket: _a^b or ^b_a."""
        lower = upper = None
        for index, token in enumerate(tokens):
            if isinstance(token, Token) and token.type == "UNDERSCORE":
                lower = tokens[index + 1]
            elif isinstance(token, Token) and token.type == "CARET":
                upper = tokens[index + 1]
        return [lower] if upper is None else [lower, upper]

    def eval_bracket(self, tokens):
        return self._evaluate_between(tokens[1], self._limits(tokens[3:]))

    def evaluated_at(self, tokens):
        if isinstance(tokens[0], Token) and tokens[0].type == "CMD_EVALOPEN":
            return self._evaluate_between(tokens[1], self._limits(tokens[3:]))
        return self._evaluate_between(tokens[0], self._limits(tokens[2:]))

    # ---- limits, sums, minima ----------------------------------------------------------

    def limit(self, tokens):
        variable, destination, direction = tokens[2]
        value = tokens[-1]
        if is_matrix(value):
            return as_matrix(value).applyfunc(lambda x: sympy.Limit(x, variable, destination, direction))
        return sympy.Limit(value, variable, destination, direction)

    def _summation(self, tree):
        """\\sum_{i=1}^{n} t_i: written out term by term when the bounds are whole numbers, so that
        x_i and \\mathbf{x}_i in the summand reach x_1, x_2, ... and \\mathbf{x}_1, \\mathbf{x}_2, ...;
        otherwise a SymPy sum (finished when the bounds get values)."""
        from ..evaluate import finalize

        index, low, high = self._sub(tree.children[1])
        bounds = [finalize(low, self.env), finalize(high, self.env)]
        if not all(isinstance(b, sympy.Integer) for b in bounds) or bounds[1] - bounds[0] > 2000:
            return sympy.Sum(self._sub(tree.children[2]), (index, low, high))
        total = None
        saved = dict(self.env.index)
        try:
            for k in range(int(bounds[0]), int(bounds[1]) + 1):
                self.env.index = {**saved, index.name: k}
                term = self._sub(tree.children[2])
                term = as_matrix(term).applyfunc(lambda x: _rename(x, index, k)) if is_matrix(term) else \
                    _rename(sympy.sympify(term), index, k)
                total = term if total is None else add(total, term)
        finally:
            self.env.index = saved
        return total if total is not None else sympy.Integer(0)

    def product(self, tokens):
        return sympy.Product(tokens[2], tokens[1])

    def _over(self, children):
        """The variable and (if written) the set of a subscript _x, _{x}, _{x \\in S}; for a
        constraint _{g(x) = c}, the pair (None, the constraint's tree)."""
        parts = [c for c in children if not (isinstance(c, Token) and c.type in ("UNDERSCORE", "L_BRACE", "R_BRACE"))]
        if isinstance(parts[0], Tree) and parts[0].data == "constraint":
            return None, parts[0]
        variable = self._name(parts[0])
        where = None
        if len(parts) > 2 and isinstance(parts[1], Token) and parts[1].type == "CMD_IN":
            where = self._sub(parts[2])
        return variable, where

    def interval(self, tokens):
        low, high = tokens[1], tokens[3]
        return sympy.Interval(low, high, str(tokens[0]) == "(", str(tokens[4]) == ")")

    def _support_of(self, variable, where):
        if where is not None:
            return where
        key = getattr(variable, "name", None) or getattr(variable, "key", None)
        support = self.env.supports.get(key)
        if support is None:
            raise Unreadable(f"a sum or a minimum over {key}, whose values the text never gives "
                             f"(write ${key} \\in \\{{...\\}}$)")
        return support

    def _sum_over(self, tree):
        """\\sum_x p(x): the sum over the values the text gives for x."""
        children = tree.children
        variable, where = self._over(children[2:-1])
        support = self._support_of(variable, where)
        if not isinstance(support, sympy.FiniteSet):
            raise Unreadable(f"a sum over {support}, which is not a finite set")
        summand = self._sub(children[-1])
        total = sympy.Integer(0)
        for value in support:
            term = as_matrix(summand).xreplace({variable: value}) if is_matrix(summand) \
                else sympy.sympify(summand).xreplace({variable: value})
            total = add(total, term)
        return total

    def _optimum(self, tree):
        """\\min_x, \\max_x, \\ArgMin_x and \\ArgMax_x of an expression, over R, an interval or a finite set."""
        children = tree.children
        kind = children[0].type
        variable, where = self._over(children[2:-1])
        if variable is None:
            return self._constrained_optimum(kind, where, children[-1])
        if isinstance(variable, BoldName):
            return self._vector_optimum(kind, variable, children[-1])
        if where is None:
            where = self.env.supports.get(variable.name, sympy.Reals)
        objective = sympy.sympify(unwrap(self._sub(children[-1])))
        if isinstance(where, sympy.FiniteSet):
            values = {point: objective.xreplace({variable: point}) for point in where}
            best = (min if kind in ("FUNC_MIN", "FUNC_ARGMIN") else max)(values.values(), key=lambda v: sympy.N(v))
            if kind in ("FUNC_MIN", "FUNC_MAX"):
                return best
            winners = [p for p, v in values.items() if sympy.simplify(v - best) == 0]
            return winners[0] if len(winners) == 1 else sympy.FiniteSet(*winners)
        from sympy.calculus.util import maximum, minimum

        best = (minimum if kind in ("FUNC_MIN", "FUNC_ARGMIN") else maximum)(objective, variable, where)
        if kind in ("FUNC_MIN", "FUNC_MAX"):
            return best
        candidates = set(sympy.solveset(sympy.diff(objective, variable), variable, where)) if \
            isinstance(sympy.solveset(sympy.diff(objective, variable), variable, where), sympy.FiniteSet) else set()
        if isinstance(where, sympy.Interval):
            candidates |= {p for p in (where.start, where.end) if p.is_finite}
        winners = [p for p in candidates if sympy.simplify(objective.xreplace({variable: p}) - best) == 0]
        if len(winners) != 1:
            raise Unreadable(f"the {kind[5:].lower()} of {objective} is not attained at one point")
        return winners[0]

    def _vector_optimum(self, kind, name: BoldName, objective_tree):
        """The stationary point of a quadratic in a vector, which must be a strict minimum (maximum)."""
        def compute(symbols):
            (x,) = symbols
            objective = sympy.sympify(unwrap(self._sub(objective_tree)))
            gradient = [sympy.diff(objective, v) for v in x]
            hessian = sympy.hessian(objective, list(x))
            if hessian.free_symbols & set(x):
                raise Unreadable("a minimum over a vector of something that is not a quadratic")
            definite = hessian.is_positive_definite if kind in ("FUNC_MIN", "FUNC_ARGMIN") else (-hessian).is_positive_definite
            if not definite:
                raise Unreadable("the quadratic has no unique minimum (maximum)")
            solution = sympy.solve(gradient, list(x), dict=True)[0]
            point = sympy.ImmutableMatrix(x.shape[0], x.shape[1], [solution[v] for v in x])
            return point if kind in ("FUNC_ARGMIN", "FUNC_ARGMAX") else objective.xreplace(solution)

        if name.key in self.env.values or self._parameter_symbols(name.key) is not None:
            return self._with_symbolic([name], compute)
        from .linalg import unknown_matrix

        for size in range(1, 7):  # a variable of no stated size: the size that makes the objective read
            self.env.values[name.key] = unknown_matrix(name.key, (size, 1) if _names_a_vector(name) else (size, size))
            try:
                return self._with_symbolic([name], compute)
            except Unreadable:
                continue
            finally:
                self.env.values.pop(name.key, None)
        raise Unbound(name.key)

    def _constrained_optimum(self, kind, constraint, objective_tree):
        """\\max_{\\mathbf{x}^\\top\\mathbf{x} = 1} f(\\mathbf{x}): the best value (or point) among the
        stationary points of the Lagrangian, the unknowns being the names the block leaves free."""
        from ..evaluate import finalize
        from .linalg import unknown_matrix

        left, right = constraint.children[0], constraint.children[2]
        names = self._unbound_bold(constraint)
        if not names:
            raise Unreadable("a constraint with no unknown vector in it")
        for size in range(1, 6):
            for name in names:
                self.env.values[name] = unknown_matrix(name, (size, 1))
            try:
                g = unwrap(finalize(add(self._sub(left), neg(self._sub(right))), self.env))
                f = unwrap(finalize(self._sub(objective_tree), self.env))
            except Unreadable:
                continue
            finally:
                for name in names:
                    self.env.values.pop(name, None)
            if is_matrix(f) or is_matrix(g):
                continue  # a size at which the products do not make a number
            unknowns = sorted(g.free_symbols | f.free_symbols, key=lambda s: s.name)
            multiplier = sympy.Dummy("nu")
            lagrangian = f - multiplier * g
            equations = [sympy.diff(lagrangian, u) for u in unknowns] + [g]
            solutions = sympy.solve(equations, unknowns + [multiplier], dict=True)
            points = [s for s in solutions if all(s.get(u, u).is_real for u in unknowns)]
            if not points:
                raise Unreadable("the constrained problem has no real stationary point")
            values = [sympy.simplify(f.xreplace(s)) for s in points]
            best = (max if kind in ("FUNC_MAX", "FUNC_ARGMAX") else min)(values, key=lambda v: sympy.N(v))
            if kind in ("FUNC_MAX", "FUNC_MIN"):
                return best
            raise Unreadable("an argmax under a constraint has several points (x and -x); state the value instead")
        raise Unreadable("no size of the unknown vector makes the constrained problem readable")

    def _unbound_bold(self, tree) -> list[str]:
        keys = {str(t) for t in tree.scan_values(lambda v: isinstance(v, Token) and v.type == "BOLD_SYMBOL")}
        return sorted(k for k in keys if k not in self.env.values)

    # ---- O(.), softmax and friends ---------------------------------------------------

    def big_o(self, tokens):
        term = sympy.sympify(unwrap(tokens[1]))
        variables = sorted(term.free_symbols, key=lambda s: s.name)
        if not variables:
            raise Unreadable("O(...) of a constant")
        return sympy.Order(term, *[(v, 0) for v in variables])

    def named_function(self, tokens):
        kind, value = tokens[0].type, tokens[1]
        if kind == "FUNC_RELU":
            return as_matrix(value).applyfunc(lambda x: sympy.Max(0, x)) if is_matrix(value) else sympy.Max(0, value)
        if not is_matrix(value):
            raise Unreadable(f"{kind[5:].lower()} of a scalar")
        entries = list(as_matrix(value))
        if kind == "FUNC_LOGSUMEXP":
            return sympy.log(sum(sympy.exp(x) for x in entries))
        total = sum(sympy.exp(x) for x in entries)
        return as_matrix(value).applyfunc(lambda x: sympy.exp(x) / total)


def _number(value) -> bool:
    return isinstance(value, (sympy.Number, int, float)) or (isinstance(value, sympy.Expr) and value.is_number
                                                              and value.is_real is not False)


def _numeric_args(args) -> bool:
    return all(all(_number(x) for x in as_matrix(a)) if is_matrix(a) else _number(unwrap(a)) for a in args)


_SUBSCRIPT = re.compile(r"^(.*)_\{(.*)\}$")


def expand_sums(value):
    """Write out sums with whole-number bounds, so that x_{i} in the summand becomes x_{1}, x_{2}, ...

    (SymPy would keep x_{i} as one symbol that the index never reaches.)
    """
    if not isinstance(value, sympy.Basic) or not value.has(sympy.Sum):
        return value

    def expand(s: sympy.Sum):
        term = s.function
        for variable, low, high in reversed(s.limits):
            if not (low.is_Integer and high.is_Integer and high - low < 2000):
                return s
            term = sum((_rename(term, variable, k) for k in range(int(low), int(high) + 1)), sympy.Integer(0))
        return term

    return value.replace(lambda e: isinstance(e, sympy.Sum), expand)


def _rename(term, index: sympy.Symbol, k: int):
    """``term`` with the index set to k, also inside subscripts: x_{i} -> x_{3}, a_{ij} -> a_{3j}."""
    subs = {index: sympy.Integer(k)}
    for symbol in term.free_symbols:
        match = _SUBSCRIPT.match(getattr(symbol, "name", ""))
        if match and index.name in match.group(2) and len(index.name) == 1:
            subs[symbol] = sympy.Symbol(f"{match.group(1)}_{{{match.group(2).replace(index.name, str(k))}}}")
    return term.xreplace(subs)
