"""Try the checker on one formula, with givens, as a block of the book would state them.

    python -m mathcheck.sandbox '\\det\\mathbf{A}' '\\mathbf{A} = \\begin{bmatrix}2 & 1\\\\ 1 & 3\\end{bmatrix}'

prints the value the checker reads (or why it cannot). The notation tests use
``evaluate`` for their tables of (LaTeX, givens, value) rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import sympy

from .compare import Measured
from .parser import TreeCache, default_cache
from .source import Block, Math
from .values import Branches, is_matrix
from .worked import Worked

ROOT = Path(__file__).resolve().parents[2]


def worked(*givens: str, cache: TreeCache | None = None) -> Worked:
    """A block whose math is ``givens``, each its own display."""
    math = [Math(text, index + 1, True) for index, text in enumerate(givens)]
    block = Block("prf:example", "ex-front-sandbox", Path("sandbox.md"), 1, math=math)
    return Worked(block, ROOT, cache or default_cache())


def evaluate(expression: str, *givens: str) -> Measured:
    """The value of ``expression`` in a block that states ``givens`` (and mentions ``expression``)."""
    return worked(*givens, expression).measure(expression)


def reads(latex: str, givens: tuple, expected) -> None:
    """Assert that ``latex``, in a block stating ``givens``, has the value ``expected`` (for table tests)."""
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


def main() -> int:
    expression, *givens = sys.argv[1:]
    try:
        print(evaluate(expression, *givens).value)
    except Exception as exc:  # for a person at a terminal: say why
        print(f"{type(exc).__name__}: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
