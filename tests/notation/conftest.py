"""Table-driven tests of the notation families, in the style of SymPy's tests of its LaTeX parser:
each row is (LaTeX, the givens a block would state, the value the checker must read)."""

from __future__ import annotations

import sympy

from mathcheck.sandbox import evaluate
from mathcheck.values import Branches, is_matrix


def reads(latex: str, givens: tuple, expected) -> None:
    value = evaluate(latex, *givens).value
    if isinstance(expected, Branches):
        assert isinstance(value, Branches) and {sympy.simplify(v) for v in value.values} == set(expected.values), value
    elif is_matrix(expected) or isinstance(expected, list):
        expected = sympy.Matrix(expected)
        assert is_matrix(value) and sympy.Matrix(value).shape == expected.shape, value
        assert all(sympy.simplify(a - b) == 0 for a, b in zip(sympy.Matrix(value), expected)), value
    elif isinstance(expected, sympy.Set):
        assert value == expected, value
    else:
        assert sympy.simplify(sympy.sympify(value) - sympy.sympify(expected)) == 0, value
