"""Probability: random variables, events, moments, distributions, densities and
information, computed exactly with ``sympy.stats`` (grammar: grammar/probability.lark).

A random variable is a value like any other: ``X \\sim \\DistBinomial(10, 0.3)`` binds
``X`` to a ``sympy.stats`` random symbol, and ``2X + 1`` is then a random
expression. A Gaussian random vector is its mean plus a Cholesky factor of its
covariance times independent standard normals, the reparameterisation that
makes its linear functions exact. Named events (``P(A \\mid B)``) live in the
block's event space (see ``events.py``).
"""

from __future__ import annotations

import functools
import re

import sympy
from lark import Token
from sympy import stats

from ..arithmetic import unwrap
from ..errors import Unreadable
from ..values import Distribution, as_matrix, is_matrix

# The book's parameterisations (see the notation page): name -> (sympy.stats maker, arity).
_NAMES = {
    "Bernoulli": 1, "Binomial": 2, "Geometric": 1, "Poisson": 1, "Uniform": 2, "Exponential": 1,
    "Normal": 2, "Beta": 2, "Gamma": 2, "Laplace": 2,
}


def random_symbol(name: str) -> sympy.Symbol:
    """The symbol inside a random variable: real, so that it is never the text's plain symbol
    of the same name (which the block's substitutions replace by the random variable)."""
    return sympy.Symbol(name, real=True)


def random_variable(name: str, distribution: Distribution):
    """The random value ``name`` with ``distribution``: a random symbol, or a random vector."""
    kind, params = distribution.name, [unwrap(p) for p in distribution.params]
    label = name
    name = random_symbol(name)
    if kind == "Categorical":
        probabilities = list(params[0]) if len(params) == 1 and is_matrix(params[0]) else params
        return stats.FiniteRV(name, {k + 1: p for k, p in enumerate(probabilities)})
    if kind == "Normal" and any(is_matrix(p) for p in params):
        return gaussian_vector(label, as_matrix(params[0]), as_matrix(params[1]))
    if _NAMES.get(kind) != len(params):
        raise Unreadable(f"{kind} takes {_NAMES.get(kind, '?')} parameters")
    a = params[0]
    b = params[1] if len(params) > 1 else None
    makers = {
        "Bernoulli": lambda: stats.Bernoulli(name, a),
        "Binomial": lambda: stats.Binomial(name, a, b),
        "Geometric": lambda: stats.Geometric(name, a),          # on {1, 2, ...}: trials to the first success
        "Poisson": lambda: stats.Poisson(name, a),              # on {0, 1, 2, ...}
        "Uniform": lambda: stats.Uniform(name, a, b),
        "Exponential": lambda: stats.Exponential(name, a),      # rate
        "Normal": lambda: stats.Normal(name, a, sympy.sqrt(b)),  # mean and variance
        "Beta": lambda: stats.Beta(name, a, b),
        "Gamma": lambda: stats.Gamma(name, a, 1 / b),        # shape and rate
        "Laplace": lambda: stats.Laplace(name, a, b),           # location and scale
    }
    return makers[kind]()


def gaussian_vector(name: str, mean, covariance):
    """mu + L z with z standard normal and L L^T = Sigma: a vector of random expressions."""
    n = mean.shape[0]
    if covariance.shape != (n, n):
        raise Unreadable(f"a mean of length {n} with a covariance of shape {covariance.shape}")
    try:
        factor = sympy.Matrix(covariance).cholesky(hermitian=False)
    except ValueError:
        raise Unreadable("the covariance is not positive definite") from None
    z = sympy.Matrix([stats.Normal(random_symbol(f"{name}_z{i + 1}"), 0, 1) for i in range(n)])
    return sympy.ImmutableMatrix(sympy.Matrix(mean) + factor * z)


def is_random(value) -> bool:
    items = list(value) if is_matrix(value) else [value]
    return any(isinstance(x, sympy.Basic) and stats.rv.random_symbols(x) for x in items)


def _is_normal(symbol) -> bool:
    return type(getattr(symbol.pspace, "distribution", None)).__name__ == "NormalDistribution"


def _is_standard_normal(symbol) -> bool:
    return _is_normal(symbol) and symbol.pspace.distribution.mean == 0 and symbol.pspace.distribution.std == 1


def _independent(symbols) -> bool:
    """Every random variable the notation makes is its own single space (a Gaussian vector is
    built from independent standard normals), so distinct symbols are independent; this
    confirms it for ``symbols`` rather than assuming it."""
    spaces = [getattr(x, "pspace", None) for x in symbols]
    return all(isinstance(x, stats.rv.RandomSymbol) and isinstance(s, stats.rv.SinglePSpace) for x, s in
               zip(symbols, spaces)) and len({id(s) for s in spaces}) == len(spaces)


@functools.lru_cache(maxsize=None)
def _moment(symbol, k: int):
    """E[symbol^k] of one random variable; a standard normal's is (k - 1)!! for even k."""
    if _is_standard_normal(symbol):
        return sympy.factorial2(k - 1) if k % 2 == 0 else sympy.Integer(0)
    return sympy.simplify(stats.E(symbol ** k))


@functools.lru_cache(maxsize=None)
def _exponential_moment(symbol, k: int, a):
    """E[symbol^k e^(a symbol)]: the k-th derivative at a of the moment generating function,
    for a normal or a finite variable (whose generating function exists everywhere)."""
    if a == 0:
        return _moment(symbol, k)
    if symbol.pspace.is_Finite:
        return sympy.simplify(stats.E(symbol ** k * sympy.exp(a * symbol)))
    if not _is_normal(symbol):
        return None
    t = sympy.Dummy("t")
    mgf = symbol.pspace.distribution.moment_generating_function(t)
    return sympy.simplify(sympy.diff(mgf, t, k).subs(t, a))


def _independent_moments(value):
    """E[value] for a sum of terms, each a polynomial in independent random variables times
    the exponential of a linear function of them: the coefficient times the product of
    one-variable moments. Exact, and far faster than sympy.stats integrating (or summing)
    over the joint space, which for a mixture of Poisson counts, the mean of e^X or a
    quadratic in a Gaussian vector takes tens of seconds. None when ``value`` is not such a sum."""
    symbols = sorted(stats.rv.random_symbols(value), key=str)
    if not symbols or not _independent(symbols):
        return None
    total = sympy.Integer(0)
    for term in sympy.Add.make_args(sympy.expand(value)):
        exponent, rest = sympy.Integer(0), []
        for factor in sympy.Mul.make_args(term):
            if isinstance(factor, sympy.exp) and factor.has(*symbols):
                exponent += factor.args[0]
            else:
                rest.append(factor)
        try:
            poly, linear = sympy.Poly(sympy.Mul(*rest), *symbols), sympy.Poly(exponent, *symbols)
        except sympy.PolynomialError:
            return None
        if linear.total_degree() > 1 or any(c.has(*symbols) for c in poly.coeffs() + linear.coeffs()):
            return None
        rates = [linear.coeff_monomial(x) for x in symbols]
        for powers, coefficient in poly.terms():
            moments = [_exponential_moment(x, k, a) for x, k, a in zip(symbols, powers, rates) if k or a]
            if any(m is None for m in moments):
                return None
            total += coefficient * sympy.exp(linear.coeff_monomial(1)) * sympy.prod(moments)
    return total


def _given_values(condition):
    """{X: c} when ``condition`` fixes discrete random variables to values they take with
    positive probability (X = c, or several such joined by and); otherwise None."""
    parts = condition.args if isinstance(condition, sympy.And) else (condition,)
    fixed = {}
    for part in parts:
        if not isinstance(part, sympy.Eq):
            return None
        x, c = part.args if isinstance(part.args[0], stats.rv.RandomSymbol) else part.args[::-1]
        discrete = isinstance(x, stats.rv.RandomSymbol) and (x.pspace.is_Discrete or x.pspace.is_Finite)
        if not discrete or not c.is_number or sympy.simplify(stats.P(sympy.Eq(x, c))) == 0:
            return None
        fixed[x] = c
    return fixed  # the caller confirms they are independent of the rest


def _expect(value, condition=None):
    if is_matrix(value):
        return as_matrix(value).applyfunc(lambda x: _expect(x, condition))
    value = sympy.sympify(value)
    if not stats.rv.random_symbols(value):
        return value
    if condition is not None:
        fixed = _given_values(condition)
        others = set(stats.rv.random_symbols(value)) - set(fixed or ())
        if fixed and _independent(sorted(others | set(fixed), key=str)):
            # Conditioning an independent discrete variable on a value it takes is substituting it.
            return _expect(value.xreplace(fixed))
        return sympy.simplify(stats.E(value, condition))
    fast = _independent_moments(value)
    return fast if fast is not None else stats.E(value)


SIMULATED_DRAWS = 20_000


def _cross_checked(event, value):
    """``value`` = P(event), confirmed by a seeded simulation when the event joins several
    random variables: sympy.stats can get such events silently wrong (it gives 0 for
    P(XY <= 1/2) with X, Y independent and uniform on [0, 1], where the truth is about 0.85).
    A disagreement beyond five standard errors makes the link a defect rather than a number."""
    import numpy

    symbols = sorted(stats.rv.random_symbols(event), key=str)
    value = sympy.sympify(value)
    if len(symbols) < 2 or not value.is_number or value.has(sympy.Integral):
        return value  # one variable (sympy is reliable there), or nothing definite to confirm
    try:
        exact = float(sympy.N(value))
        seed = 20_241_202
        draws = [numpy.asarray(stats.sample(x, size=SIMULATED_DRAWS, library="numpy", seed=seed + i), dtype=float)
                 for i, x in enumerate(symbols)]
        plain = [sympy.Dummy(str(x)) for x in symbols]
        test = sympy.lambdify(plain, event.xreplace(dict(zip(symbols, plain))), "numpy")
        estimate = float(numpy.mean(numpy.asarray(test(*draws), dtype=float)))
    except Exception:  # not every distribution or event can be simulated this way; keep the exact value
        return value
    error = (max(estimate * (1 - estimate), 1 / SIMULATED_DRAWS) / SIMULATED_DRAWS) ** 0.5
    if abs(estimate - exact) > 5 * error + 1e-3:
        raise Unreadable(f"sympy.stats gives P = {exact:.4g} for this event, but a seeded simulation "
                         f"gives {estimate:.4g}; state the probability another way (an integral, say)")
    return value


class ProbabilityNotation:
    RAW_RULES = {"event_set": "_event_set", "event_complement": "_event_set"}

    # ---- random variables ------------------------------------------------------------

    def _scalar(self, symbol):
        """p_X, f_X and F_X of a bound random variable X name its density and cdf: functions."""
        match = re.fullmatch(r"([pfF])_\{(\w+)\}", symbol.name)
        if not self.naming and match and is_random(self.env.values.get(match.group(2))):
            from ..values import FunctionName

            return FunctionName(symbol.name, None)
        return super()._scalar(symbol)

    def _random(self, value):
        """``value`` with every random variable of the block put in (scalars stay symbols)."""
        substitutions = self.env.randoms()
        if not substitutions:
            return value
        if is_matrix(value):
            return as_matrix(value).xreplace(substitutions)
        return sympy.sympify(value).xreplace(substitutions) if isinstance(value, (sympy.Basic, int)) else value

    def distribution(self, tokens):
        name = str(tokens[0])[len("\\Dist"):]
        return Distribution(name, tuple(tokens[2]))

    # ---- events and probabilities ----------------------------------------------------

    _RELATIONS = {"EQUAL": sympy.Eq, "NOT_EQUAL": sympy.Ne, "LT": sympy.Lt, "LTE": sympy.Le,
                  "GT": sympy.Gt, "GTE": sympy.Ge}

    def event_relation(self, tokens):
        parts = []
        for left, relation, right in zip(tokens[0::2], tokens[1::2], tokens[2::2]):
            parts.append(self._RELATIONS[relation.type](self._random(unwrap(left)), self._random(unwrap(right))))
        return sympy.And(*parts) if len(parts) > 1 else parts[0]

    def _event_set(self, tree):
        """A named event such as A \\cap B^\\complement, as a formula in the event names."""
        from ..events import EventName

        def read(node):
            if isinstance(node, Token):
                name = type(self)(self.env, naming=True)._sub(node)
                return EventName(str(name))
            if node.data == "event_complement":
                return sympy.Not(read(node.children[0]))
            parts = [c for c in node.children if not (isinstance(c, Token) and c.type in ("L_PAREN", "R_PAREN"))]
            if len(parts) == 1:
                return read(parts[0])
            left, operator, right = parts
            combine = sympy.And if operator.type == "CMD_CAP" else sympy.Or
            return combine(read(left), read(right))

        return read(tree)

    def event(self, tokens):
        parts = [t for t in tokens if not (isinstance(t, Token) and t.type == "COMMA") and not isinstance(t, Token)]
        return sympy.And(*parts) if len(parts) > 1 else parts[0]

    def probability(self, tokens):
        event = tokens[2]
        given = tokens[4] if len(tokens) > 4 else None
        from ..events import EventName

        if _mentions(event, EventName) or (given is not None and _mentions(given, EventName)):
            return self.env.event_space().probability(event, given)
        if not stats.rv.random_symbols(event) and not (given is not None and stats.rv.random_symbols(given)):
            raise Unreadable(f"P({event}) of an event with no random variable in it")
        if given is not None:
            return stats.P(event, given)
        return _cross_checked(event, stats.P(event))

    # ---- moments -----------------------------------------------------------------------

    def expectation(self, tokens):
        value = self._random(tokens[2])
        condition = tokens[4] if len(tokens) > 5 else None
        if not is_random(value):
            raise Unreadable(f"E[{value}] of something that is not random")
        return _expect(value, condition)

    def variance(self, tokens):
        value = self._random(tokens[2])
        if not is_random(value):
            raise Unreadable(f"Var[{value}] of something that is not random")
        if is_matrix(value):
            raise Unreadable("Var of a random vector; write its covariance \\Cov[...]")
        condition = tokens[4] if len(tokens) > 5 else None
        mean = _expect(value, condition)
        return _expect((value - mean) ** 2, condition)

    def covariance(self, tokens):
        items = [self._random(x) for x in tokens[2]]
        if len(items) == 1:
            (x,) = items
            if not is_matrix(x) or as_matrix(x).shape == (1, 1):
                x = unwrap(x)
                return sympy.simplify(_expect((x - _expect(x)) ** 2))  # a random vector of length 1
            centred = as_matrix(x) - _expect(x)
            return sympy.ImmutableMatrix(_expect(centred * centred.T).applyfunc(sympy.simplify))
        if len(items) != 2:
            raise Unreadable("\\Cov takes one random vector or two random variables")
        x, y = items
        if is_matrix(x) or is_matrix(y):
            cx, cy = as_matrix(x) - _expect(x), as_matrix(y) - _expect(y)
            return sympy.ImmutableMatrix(_expect(cx * cy.T).applyfunc(sympy.simplify))
        return sympy.simplify(_expect((x - _expect(x)) * (y - _expect(y))))

    def correlation(self, tokens):
        items = [self._random(x) for x in tokens[2]]
        if len(items) != 2 or any(is_matrix(x) for x in items):
            raise Unreadable("the correlation of two random variables")
        x, y = items
        covariance = _expect((x - _expect(x)) * (y - _expect(y)))
        return sympy.simplify(covariance / sympy.sqrt(_expect((x - _expect(x)) ** 2) * _expect((y - _expect(y)) ** 2)))

    # ---- densities, indicators, information ------------------------------------------

    def conditional_applied(self, tokens):
        """p(x \\mid \\theta): a function of both sides that the text defines."""
        head = tokens[0]
        name = getattr(head, "name", str(head))
        variables, given = list(tokens[2]), list(tokens[4])
        if self.naming:
            from ..values import FunctionHead

            return FunctionHead(name, variables + given)
        from ..values import JointMass

        bound = self.env.values.get(name)
        if isinstance(bound, JointMass):
            return self.joint_mass(bound, variables, given)
        return self.apply_function(name, variables + given)

    def unbound_function(self, name: str, args: list):
        """p_X(x), f_X(x) and F_X(x): the density (or mass) and the cdf of a bound random variable."""
        if "_" in name:
            base, _, sub = name.partition("_")
            variable = self.env.values.get(sub.strip("{}"))
            if variable is not None and is_random(variable) and len(args) == 1 and base in ("p", "f", "F"):
                (x,) = args
                if base == "F":
                    return stats.cdf(variable)(unwrap(x))
                return _density(variable, unwrap(x))
        return super().unbound_function(name, args)

    def indicator(self, tokens):
        condition = tokens[2]
        return sympy.Piecewise((1, condition), (0, True))

    def information(self, tokens):
        kind = tokens[0].type
        if kind == "FUNC_ENTROPY" and len(tokens) > 4 and isinstance(tokens[3], Token) and tokens[3].type == "CMD_MID":
            raise Unreadable("conditional entropy H(X | Y) is not read yet; write it as a sum")
        items = [self._random(x) for x in tokens[2]]
        if kind == "FUNC_ENTROPY":
            if len(items) == 1:
                return _entropy(items[0])
            p, q = items
            return _cross_entropy(p, q)
        if kind == "FUNC_KL":
            p, q = items
            return sympy.simplify(_cross_entropy(p, q) - _entropy(p))
        raise Unreadable("mutual information is not read yet; write it as a sum")


def _mentions(expression, kind) -> bool:
    return isinstance(expression, sympy.Basic) and bool(expression.atoms(kind))


def _density(variable, x):
    return stats.density(variable)(x)


def _probabilities(value):
    """A probability vector, or the masses of a finite random variable."""
    if is_matrix(value):
        return list(as_matrix(value))
    if isinstance(value, sympy.Basic) and stats.rv.random_symbols(value):
        distribution = stats.density(value)
        if isinstance(distribution, dict):
            return list(distribution.values())
    return None


def _entropy(value):
    probabilities = _probabilities(value)
    if probabilities is not None:
        return -sum(p * sympy.log(p) for p in probabilities if p != 0)
    if is_random(value):
        return sympy.simplify(stats.entropy(value))
    raise Unreadable(f"the entropy of {value}")


def _cross_entropy(p, q):
    ps, qs = _probabilities(p), _probabilities(q)
    if ps is not None and qs is not None:
        if len(ps) != len(qs):
            raise Unreadable("two distributions of different lengths")
        return -sum(a * sympy.log(b) for a, b in zip(ps, qs) if a != 0)
    if is_random(p) and is_random(q):
        x = sympy.Dummy("x", real=True)
        return sympy.simplify(-sympy.integrate(_density(p, x) * sympy.log(_density(q, x)), (x, -sympy.oo, sympy.oo)))
    raise Unreadable(f"the cross-entropy of {p} and {q}")


@functools.lru_cache(maxsize=None)
def distribution_names() -> tuple[str, ...]:
    return tuple(_NAMES) + ("Categorical",)
