"""Named events and their probabilities: the finite space behind ``P(A \\mid B)``.

The events a block names (A, B, ...) split the sample space into atoms, one for
each combination of "in A or not, in B or not, ...". The probability of every
event is a sum of atom probabilities, so each stated probability
(``P(B \\mid A) = 0.9``) is one linear equation in the atoms. Solving the block's
givens determines the probabilities the text goes on to compute, and a
probability the givens do not determine stays an unknown.
"""

from __future__ import annotations

import itertools

import sympy


class EventName(sympy.Symbol):
    """An event the text names, as in P(A)."""


class EventSpace:
    def __init__(self):
        self.names: list[str] = []
        self.constraints: list[tuple[sympy.Expr, str]] = []   # (expression = 0, where it was stated)
        # An atom's probability from before a new name split it: old symbol -> sum of new ones.
        self.refined: dict = {}
        self._solution: dict | None = None

    # ---- atoms ---------------------------------------------------------------------------

    def atoms(self, names=None) -> list[tuple[bool, ...]]:
        return list(itertools.product((True, False), repeat=len(self.names if names is None else names)))

    def symbol(self, atom: tuple[bool, ...], names=None) -> sympy.Symbol:
        names = self.names if names is None else names
        label = "".join(("" if inside else "~") + name for inside, name in zip(atom, names))
        return sympy.Symbol(f"P[{label}]")

    def add_name(self, name: str) -> None:
        """Split every atom in two, by the new event; remember how old atoms split."""
        if name in self.names:
            return
        old = list(self.names)
        self.names = sorted(old + [name])
        for atom in self.atoms(old):
            where = dict(zip(old, atom))
            halves = [self.symbol(tuple(where.get(n, inside) for n in self.names)) for inside in (True, False)]
            self.refined[self.symbol(atom, old)] = halves[0] + halves[1]
        self.refined = {k: sympy.expand(v.xreplace(self.refined)) for k, v in self.refined.items()}
        self._solution = None

    def current(self, expression):
        """``expression`` in the atoms of the current names."""
        return sympy.sympify(expression).xreplace(self.refined) if self.refined else expression

    # ---- probabilities -----------------------------------------------------------------

    def mass(self, event) -> sympy.Expr:
        """The probability of ``event`` (a formula in EventNames) as a sum of atom probabilities."""
        for name in sorted(a.name for a in event.atoms(EventName)):
            self.add_name(name)
        total = sympy.Integer(0)
        for atom in self.atoms():
            truth = {EventName(name): value for name, value in zip(self.names, atom)}
            if bool(event.xreplace(truth)):
                total += self.symbol(atom)
        return total

    def probability(self, event, given=None) -> sympy.Expr:
        if given is None:
            return self.mass(event)
        return self.mass(sympy.And(event, given)) / self.mass(given)

    # ---- what the text states ----------------------------------------------------------

    def state(self, left, value, where: str = "") -> None:
        """Record that ``left`` (an expression in atom probabilities) equals ``value``."""
        numerator, _ = sympy.fraction(sympy.together(sympy.sympify(left) - value))
        self.constraints.append((sympy.expand(numerator), where))
        self._solution = None

    def independent(self, first, second, where: str = "") -> None:
        self.state(self.mass(sympy.And(first, second)) - self.mass(first) * self.mass(second), 0, where)

    def solve(self, leave_out: int | None = None) -> dict | None:
        """Atom probabilities (some perhaps in terms of others), or None if the givens contradict."""
        unknowns = [self.symbol(atom) for atom in self.atoms()]
        equations = [sum(unknowns) - 1] + [sympy.expand(self.current(c)) for i, (c, _) in
                                           enumerate(self.constraints) if i != leave_out]
        linear = all(sympy.Poly(e, *unknowns).total_degree() <= 1 for e in equations)
        if linear:
            solutions = sympy.linsolve(equations, unknowns)
            if not solutions:
                return None
            (values,) = solutions
            return dict(zip(unknowns, values))
        solutions = sympy.solve(equations, unknowns, dict=True)
        valid = [s for s in solutions if all(not (v.is_number and v < 0) for v in s.values())]
        if len(valid) != 1:
            return None
        return {u: valid[0].get(u, u) for u in unknowns}

    @property
    def consistent(self) -> bool:
        return not self.names or self.substitutions() is not None

    def substitutions(self) -> dict | None:
        """Values for the atoms (and for atoms split since), or None if the givens contradict."""
        if self._solution is None and self.names:
            solution = self.solve()
            if solution is None or any(v.is_number and v < 0 for v in solution.values()):
                return None  # no distribution has them all (a probability would be negative)
            self._solution = dict(solution)
            for old, parts in self.refined.items():
                self._solution[old] = sympy.expand(parts.xreplace(solution))
        return self._solution or {}
