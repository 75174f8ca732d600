"""Linear algebra: grammar/linalg.lark and notation/linalg.py."""

import pytest
import sympy
from mathcheck.sandbox import reads
from sympy import Matrix as M
from sympy import sqrt

A = r"\mathbf{A} = \begin{bmatrix}2 & 1\\ 1 & 3\end{bmatrix}"
B = r"\mathbf{B} = \begin{bmatrix}1 & 2\\ 0 & 1\end{bmatrix}"
X = r"\mathbf{x} = \begin{bmatrix}1\\ 2\\ 2\end{bmatrix}"
Y = r"\mathbf{y} = \begin{bmatrix}3\\ 0\\ 4\end{bmatrix}"

ROWS = [
    (r"\mathbf{A}\mathbf{B}", (A, B), M([[2, 5], [1, 5]])),
    (r"\mathbf{A}^\top\mathbf{B}", (A, B), M([[2, 5], [1, 5]])),
    (r"\mathbf{A}^{-1}", (A,), M([[3, -1], [-1, 2]]) / 5),
    (r"\mathbf{A}^{2}", (A,), M([[5, 5], [5, 10]])),
    (r"\det\mathbf{A} + \tr\mathbf{A}", (A,), 10),
    (r"\det(\mathbf{A}\mathbf{B})", (A, B), 5),
    (r"\operatorname{rank}\mathbf{B}", (B,), 2),
    (r"\diag(1, 2)\mathbf{B}", (B,), M([[1, 2], [0, 2]])),
    (r"\mathbf{x}^\top\mathbf{y}", (X, Y), 11),
    (r"\lVert\mathbf{x}\rVert_2 + \lVert\mathbf{y}\rVert_1 + \lVert\mathbf{y}\rVert_\infty", (X, Y), 3 + 7 + 4),
    (r"\lVert\mathbf{A}\rVert_F", (A,), sqrt(15)),
    (r"\lVert\mathbf{B}\rVert_2", (B,), 1 + sqrt(2)),
    (r"\mathbf{A} - 2\mathbf{I}", (A,), M([[0, 1], [1, 1]])),
    (r"\mathbf{I}_2 + \mathbf{A}", (A,), M([[3, 1], [1, 4]])),
    (r"\mathbf{1}^\top\mathbf{x}", (X,), 5),
    # An accent on a bold Greek name makes a name of its own, as it does on \mathbf{x}.
    (r"\hat{\boldsymbol{\Sigma}} - \boldsymbol{\Sigma}",
     (r"\hat{\boldsymbol{\Sigma}} = \begin{bmatrix}5 & 2\\ 2 & 4\end{bmatrix}", r"\boldsymbol{\Sigma} = \mathbf{I}_2"),
     M([[4, 2], [2, 3]])),
    (r"\hat{\boldsymbol{\mu}}^\top\bar{\boldsymbol{\mu}}",
     (r"\hat{\boldsymbol{\mu}} = \begin{bmatrix}3\\ 3\end{bmatrix}",
      r"\bar{\boldsymbol{\mu}} = \begin{bmatrix}1\\ 2\end{bmatrix}"), 9),
    (r"\mathbf{A}\mathbf{1}", (A,), M([3, 4])),
    (r"\mathbf{B}\otimes\mathbf{I}_2", (B,), sympy.kronecker_product(M([[1, 2], [0, 1]]), sympy.eye(2))),
    (r"\mathbf{A}\odot\mathbf{B}", (A, B), M([[2, 2], [0, 3]])),
    (r"\operatorname{vec}(\mathbf{B})", (B,), M([1, 0, 2, 1])),
    (r"\dim C(\mathbf{P}) + \dim N(\mathbf{P})", (r"\mathbf{P} = \begin{bmatrix}1 & 2 & 3\\ 2 & 4 & 6\end{bmatrix}",), 3),
    (r"\begin{bmatrix}1 & 0\\ 0 & \tfrac{1}{2}\end{bmatrix}^{k}", (r"k = 3",), M([[1, 0], [0, sympy.Rational(1, 8)]])),
    (r"\frac{\mathbf{x}}{3}", (X,), M([1, 2, 2]) / 3),
    (r"\frac{\mathbf{a}_1}{r_{11}}", (r"\mathbf{a}_1 = \begin{bmatrix}3\\ 4\end{bmatrix}", r"r_{11} = 5"), M([3, 4]) / 5),
]


@pytest.mark.parametrize("latex, givens, expected", ROWS, ids=[row[0] for row in ROWS])
def test_linalg_notation(latex, givens, expected):
    reads(latex, givens, expected)
