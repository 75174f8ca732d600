"""Core arithmetic: grammar/core.lark and notation/core.py."""

import pytest
import sympy
from mathcheck.sandbox import reads
from mathcheck.values import Branches
from sympy import Rational as R
from sympy import sqrt

x, y, d, n = sympy.symbols("x y d n")

ROWS = [
    (r"2\cdot 3 - 1\cdot 1", (), 5),
    (r"\frac{21}{6}", (), R(7, 2)),
    (r"\tfrac{1}{2} + \dfrac{1}{3}", (), R(5, 6)),
    (r"x^2 y", (), x**2 * y),
    (r"(1 + 2)(3 - 1)", (), 6),
    (r"[1 + x](2 - x)", (r"x = 3",), -4),
    (r"\sqrt{49}", (), 7),
    (r"\sqrt[3]{8}", (), 2),
    (r"2^{10}", (), 1024),
    (r"\lvert -3\rvert + |2 - 5|", (), 6),
    (r"\binom{4}{2}", (), 6),
    (r"5!", (), 120),
    (r"\max(3, 4) - \min(3, 4)", (), 1),
    (r"\ln 2 - 1", (), sympy.log(2) - 1),
    (r"\log_2 8", (), 3),
    (r"\exp(0) + e^{0}", (), 2),
    (r"\sin\pi + \cos 0", (), 1),
    (r"\arccos\frac{1}{2}", (), sympy.pi / 3),
    (r"90^\circ", (), sympy.pi / 2),
    (r"50\%", (), R(1, 2)),
    (r"1 \pm \sqrt{2}", (), Branches((1 + sqrt(2), 1 - sqrt(2)))),
    (r"\frac{-1 \pm \sqrt{5}}{2}", (), Branches(((-1 + sqrt(5)) / 2, (-1 - sqrt(5)) / 2))),
    (r"f(2, 3)", (r"f(x, y) = x^2 y + 1",), 13),
    (r"g'(2)", (r"g(x) = x^3 - 2x",), 10),
    (r"g''(2)", (r"g(x) = x^3 - 2x",), 12),
    (r"\sigma(0)", (), R(1, 2)),
    (r"\sigma'(0)", (), R(1, 4)),
    (r"a_{12} + \hat{y}", (r"a_{12} = 5", r"\hat{y} = 2"), 7),
    (r"\frac{d(d+1)}{2}", (r"d = 4",), 10),
    (r"n d^2", (), n * d**2),
    (r"p(0, 1) + p(1, 1)", (r"p(0, 1) = 0.25", r"p(1, 1) = 0.5"), R(3, 4)),
    (r"\{1, 2, 3\}", (), sympy.FiniteSet(1, 2, 3)),
]


@pytest.mark.parametrize("latex, givens, expected", ROWS, ids=[row[0] for row in ROWS])
def test_core_notation(latex, givens, expected):
    reads(latex, givens, expected)
