"""Calculus: grammar/calculus.lark and notation/calculus.py."""

import pytest
import sympy
from mathcheck.sandbox import reads
from sympy import Matrix as M
from sympy import Rational as R
from sympy import exp, pi, sqrt

x, y, t, h = sympy.symbols("x y t h")
F = r"f(x, y) = x^2 y + 3y"
G = r"g(x) = x^3 - 2x"
Q = r"q(\mathbf{x}) = \mathbf{x}^\top\mathbf{A}\mathbf{x}"
A = r"\mathbf{A} = \begin{bmatrix}1 & 2\\ 0 & 3\end{bmatrix}"
V = r"\mathbf{v}(x, y) = \begin{bmatrix}x y\\ x + y^2\end{bmatrix}"

ROWS = [
    (r"\frac{d}{dx}\left(x^3\right)", (), 3 * x**2),
    (r"\frac{\mathrm{d}}{\mathrm{d}x} \sin x", (), sympy.cos(x)),
    (r"\frac{d^2}{dx^2}\left(x^4\right)", (), 12 * x**2),
    (r"\frac{dg}{dx}", (G,), 3 * x**2 - 2),
    (r"\frac{d^2 g}{dx^2}", (G,), 6 * x),
    (r"g''(x)", (G,), 6 * x),
    (r"\frac{\partial f}{\partial y}", (F,), x**2 + 3),
    (r"\frac{\partial^2 f}{\partial x\,\partial y}", (F,), 2 * x),
    (r"\frac{\partial^3 f}{\partial x^2 \partial y}", (F,), 2),
    (r"\frac{\partial f}{\partial x}(1, 2)", (F,), 4),
    (r"\nabla f(1, 2)", (F,), M([4, 4])),
    (r"\nabla^2 f(1, 2)", (F,), M([[4, 2], [2, 0]])),
    (r"\nabla q(\mathbf{a})", (Q, A, r"\mathbf{a} = \begin{bmatrix}1\\ 1\end{bmatrix}"), M([4, 8])),
    (r"\nabla^2 q(\mathbf{a})", (Q, A, r"\mathbf{a} = \begin{bmatrix}1\\ 1\end{bmatrix}"), M([[2, 2], [2, 6]])),
    (r"\frac{\partial q}{\partial \mathbf{x}}", (Q, A), M([[2 * sympy.Symbol("x_{1}") + 2 * sympy.Symbol("x_{2}"),
                                                             2 * sympy.Symbol("x_{1}") + 6 * sympy.Symbol("x_{2}")]])),
    (r"J_{\mathbf{v}}(1, 2)", (V,), M([[2, 1], [1, 4]])),
    # A gradient applies to the whole squared norm, trace or log-determinant after it.
    (r"\nabla_{\mathbf{x}}\lVert\mathbf{A}\mathbf{x} - \mathbf{b}\rVert_2^2",
     (A, r"\mathbf{b} = \begin{bmatrix}1\\ 1\end{bmatrix}", r"\mathbf{x} = \begin{bmatrix}1\\ 0\end{bmatrix}"), M([0, -6])),
    (r"\nabla_{\mathbf{X}}\tr(\mathbf{A}\mathbf{X}\mathbf{B})",
     (A, r"\mathbf{B} = \begin{bmatrix}1 & 0\\ 1 & 1\end{bmatrix}", r"\mathbf{X} = \begin{bmatrix}1 & 0\\ 0 & 1\end{bmatrix}"),
     M([[1, 1], [2, 5]])),
    (r"\nabla_{\mathbf{X}}\log\det\mathbf{X}", (r"\mathbf{X} = \begin{bmatrix}2 & 1\\ 1 & 1\end{bmatrix}",),
     M([[1, -1], [-1, 2]])),
    (r"\int_0^1 x^2\,dx", (), R(1, 3)),
    (r"\int_0^1\int_0^2 x y\,dy\,dx", (), 1),
    (r"\int_{-\infty}^{\infty} e^{-x^2}\,dx", (), sqrt(pi)),
    (r"\int_0^{\infty} e^{-2x}\,dx", (), R(1, 2)),
    (r"\left[\frac{x^3}{3}\right]_0^1", (), R(1, 3)),
    (r"\Big[x^2 y\Big]_{x=0}^{x=2}", (), 4 * y),
    (r"\left. x^2 + 1 \right|_{x=3}", (), 10),
    (r"\lim_{h \to 0}\frac{\sin h}{h}", (), 1),
    (r"\lim_{x\to\infty} \left(1 + \frac{1}{x}\right)^x", (), sympy.E),
    (r"\sum_{k=1}^{4} k^2", (), 30),
    (r"\sum_{i=1}^{3} x_i", (r"\mathbf{x} = \begin{bmatrix}1\\ 2\\ 4\end{bmatrix}",), 7),
    (r"\prod_{k=1}^{4} k", (), 24),
    (r"\sum_{x \in \{1, 2, 3\}} x^2", (), 14),
    (r"\sum_x x\,p(x)", (r"p(x) = \frac{x}{6}", r"x \in \{1, 2, 3\}"), R(14, 6)),
    (r"\min_{x} (x^2 - 4x + 1)", (), -3),
    (r"\operatorname{argmin}_{x} (x^2 - 4x + 1)", (), 2),
    (r"\max_{x \in [0, 3]} (4x - x^2)", (), 4),
    (r"\operatorname{argmin}_{\mathbf{w}} \lVert\mathbf{X}\mathbf{w} - \mathbf{y}\rVert_2^2",
     (r"\mathbf{X} = \begin{bmatrix}1 & 0\\ 1 & 1\\ 1 & 2\end{bmatrix}", r"\mathbf{y} = \begin{bmatrix}1\\ 2\\ 4\end{bmatrix}"),
     M([R(5, 6), R(3, 2)])),
    (r"\operatorname{softmax}(\mathbf{z})", (r"\mathbf{z} = \begin{bmatrix}0\\ \ln 3\end{bmatrix}",), M([R(1, 4), R(3, 4)])),
    (r"\operatorname{logsumexp}(\mathbf{z})", (r"\mathbf{z} = \begin{bmatrix}0\\ \ln 3\end{bmatrix}",), sympy.log(4)),
    (r"\operatorname{ReLU}(-2) + \max(0, 3)", (), 3),
    (r"f(\mathbf{x}^\star) + \mathbf{x}^{\star\top}\mathbf{x}^\star",
     (r"f(\mathbf{x}) = x_1^2 + 1", r"\mathbf{x}^\star = \begin{bmatrix}0\\ 1\end{bmatrix}"), 2),
    (r"\frac{\partial\mathcal{L}}{\partial x}(4, 1, -8)", (r"\mathcal{L}(x, y, \nu) = x^2 + 4y^2 + \nu(x + y - 5)",), 0),
    (r"x_{k+1} - 1", (r"x_{k+1} = 2x_k - x_k^2", r"x_k = 3"), -4),
    (r"\lambda_{\max}(\mathbf{A}) - \lambda_{\min}(\mathbf{A})",
     (r"\mathbf{A} = \begin{bmatrix}11 & 9\\ 9 & 11\end{bmatrix}",), 18),
    (r"\nabla^2 f(\mathbf{w})\boldsymbol{\Delta}",
     (r"f(\mathbf{w}) = w_1^2 + 3w_2^2", r"\mathbf{w} = \begin{bmatrix}1\\ 1\end{bmatrix}",
      r"\boldsymbol{\Delta} = \begin{bmatrix}1\\ -1\end{bmatrix}"), M([2, -6])),
    (r"\frac{f'''(\ln 2)}{2f''(\ln 2)}", (r"f(x) = e^x - 2x",), R(1, 2)),
    (r"\sum_{i=1}^{3}\lambda_i y_i\mathbf{x}_i",
     (r"\mathbf{x}_1 = \begin{bmatrix}2\\ 0\end{bmatrix}", r"\mathbf{x}_2 = \begin{bmatrix}0\\ 2\end{bmatrix}",
      r"\mathbf{x}_3 = \begin{bmatrix}0\\ 0\end{bmatrix}", r"\mathbf{y} = \begin{bmatrix}1\\ 1\\ -1\end{bmatrix}",
      r"\boldsymbol{\lambda} = \begin{bmatrix}\frac{1}{2}\\ \frac{1}{2}\\ 1\end{bmatrix}"), M([1, 1])),
    (r"\max_{\mathbf{x}^\top\mathbf{x} = 1}\mathbf{x}^\top\mathbf{A}\mathbf{x}",
     (r"\mathbf{A} = \begin{bmatrix}3 & 2\\ 2 & 0\end{bmatrix}",), 4),
    (r"\nabla f(1, 2) - (2x, 8y)", (r"f(x, y) = x^2 + 4y^2", r"x = 1", r"y = 2"), M([0, 0])),
    (r"\frac{1}{2}\mathbf{1} - \mathbf{v}", (r"\mathbf{v} = \begin{bmatrix}\frac{1}{2}\\ \frac{1}{2}\end{bmatrix}",), M([0, 0])),
    (r"d(\mathbf{X}^{-1})", (r"\mathbf{X} = \begin{bmatrix}2 & 0\\ 0 & 1\end{bmatrix}", r"d\mathbf{X}"),
     -M([[sympy.Rational(1, 2), 0], [0, 1]]) * M(2, 2, sympy.symbols("dx_{11} dx_{12} dx_{21} dx_{22}"))
     * M([[sympy.Rational(1, 2), 0], [0, 1]])),
]


@pytest.mark.parametrize("latex, givens, expected", ROWS, ids=[row[0] for row in ROWS])
def test_calculus_notation(latex, givens, expected):
    reads(latex, givens, expected)


def test_a_taylor_polynomial_equals_its_function_up_to_the_remainder():
    from mathcheck.compare import equal_up_to_order
    from mathcheck.sandbox import evaluate

    series = evaluate(r"1 + x + \frac{x^2}{2} + O(x^3)").value
    assert equal_up_to_order(exp(x), series)
    assert not equal_up_to_order(exp(x), evaluate(r"1 + x + x^2 + O(x^3)").value)
    two = evaluate(r"1 + h_1 + h_2 + O(h_1^2 + h_2^2)").value
    assert equal_up_to_order(exp(sympy.Symbol("h_{1}") + sympy.Symbol("h_{2}")), two)


def test_a_higher_power_of_nabla_is_unreadable_not_a_hessian():
    """\\nabla^3 f once read as \\nabla^2 f, so a mutant turning 2 into 3 survived."""
    from mathcheck.errors import Unreadable

    with pytest.raises(Unreadable, match="only"):
        reads(r"\nabla^3 f(1, 2)", (F,), M([[4, 2], [2, 0]]))
    reads(r"\nabla^2 f(1, 2)", (F,), M([[4, 2], [2, 0]]))
