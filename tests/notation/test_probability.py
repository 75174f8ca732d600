"""Probability: grammar/probability.lark, notation/probability.py and events.py."""

import pytest
from mathcheck.sandbox import reads
from sympy import Matrix as M
from sympy import Rational as R
from sympy import binomial, exp, log, pi, sqrt

MVN3 = (r"\mathbf{y} \sim \mathcal{N}\left(\begin{bmatrix}0\\ 0\\ 1\end{bmatrix}, "
        r"\begin{bmatrix}2 & 1 & 0\\ 1 & 2 & 1\\ 0 & 1 & 2\end{bmatrix}\right)")
MVN = r"\mathbf{x} \sim \mathcal{N}\left(\begin{bmatrix}1\\ 2\end{bmatrix}, \begin{bmatrix}2 & 1\\ 1 & 3\end{bmatrix}\right)"
P = r"\mathbf{p} = \begin{bmatrix}\frac{1}{2}\\ \frac{1}{4}\\ \frac{1}{4}\end{bmatrix}"
Q = r"\mathbf{q} = \begin{bmatrix}\frac{1}{4}\\ \frac{1}{4}\\ \frac{1}{2}\end{bmatrix}"

ROWS = [
    (r"\E[X]", (r"X \sim \mathrm{Binomial}(10, 0.3)",), 3),
    (r"\Var[X]", (r"X \sim \mathrm{Bin}(10, 0.3)",), R(21, 10)),
    (r"P(X = 2)", (r"X \sim \mathrm{Binomial}(10, 0.3)",), binomial(10, 2) * R(3, 10)**2 * R(7, 10)**8),
    (r"\E[X^2]", (r"X \sim \mathrm{Bernoulli}(\tfrac{1}{3})",), R(1, 3)),
    (r"\E[X]", (r"X \sim \text{Categorical}(0.2, 0.5, 0.3)",), R(21, 10)),
    (r"P(X = 1) + P(X \le 2)", (r"X \sim \mathrm{Geometric}(\tfrac{1}{4})",), R(1, 4) + R(7, 16)),
    (r"\E[X]", (r"X \sim \mathrm{Geometric}(\tfrac{1}{4})",), 4),
    (r"P(X = 0)", (r"X \sim \mathrm{Poisson}(3)",), exp(-3)),
    (r"\Var(X)", (r"X \sim \mathrm{Poisson}(3)",), 3),
    (r"\E[X^2] + \Cov[X, X^2]", (r"X \sim \mathrm{Uniform}(-1, 1)",), R(1, 3)),
    (r"\E[X] + P(X > 1)", (r"X \sim \mathrm{Exponential}(2)",), R(1, 2) + exp(-2)),
    (r"P(X > 1 \mid X > 0)", (r"X \sim \mathrm{Exponential}(1)",), exp(-1)),
    (r"\Var[2X + 1] + \E[X^2] + P(X > 1)", (r"X \sim \mathcal{N}(1, 4)",), 16 + 5 + R(1, 2)),
    (r"p_X(0) + F_X(0)", (r"X \sim \mathcal{N}(0, 1)",), 1 / sqrt(2 * pi) + R(1, 2)),
    (r"\E[\mathbb{1}[X > 0]]", (r"X \sim \mathcal{N}(0, 1)",), R(1, 2)),
    (r"\E[X]", (r"X \sim \mathrm{Beta}(2, 3)",), R(2, 5)),
    (r"\E[X] + \Var[X]", (r"X \sim \mathrm{Gamma}(2, 3)",), R(2, 3) + R(2, 9)),
    (r"\Var[X]", (r"X \sim \mathrm{Laplace}(0, 1)",), 2),
    (r"\operatorname{Corr}[X, Y]", (r"X \sim \mathcal{N}(0, 1)", r"Y = 2X + 1"), 1),
    (r"\E[\mathbf{x}]", (MVN,), M([1, 2])),
    # Moments of Gaussian vectors come from the moments of standard normals, not from integrals:
    # a 3-D covariance and a quadratic form take milliseconds.
    (r"\Cov[\mathbf{P}\mathbf{y}]", (MVN3, r"\mathbf{P} = \begin{bmatrix}1 & 1 & 0\\ 0 & 1 & 1\end{bmatrix}"),
     M([[6, 4], [4, 6]])),
    (r"\E[\mathbf{y}^\top\mathbf{y}]", (MVN3,), 2 + 2 + 2 + 1),
    (r"\Cov[\mathbf{A}\mathbf{x} + \mathbf{b}]", (MVN, r"\mathbf{A} = \begin{bmatrix}1 & 1\\ 0 & 2\end{bmatrix}",
                                                  r"\mathbf{b} = \begin{bmatrix}5\\ 5\end{bmatrix}"), M([[7, 8], [8, 12]])),
    (r"P(D \mid T)", (r"P(D) = 0.01", r"P(T \mid D) = 0.95", r"P(T \mid D^c) = 0.05"), R(19, 118)),
    (r"P(T)", (r"P(D) = 0.01", r"P(T \mid D) = 0.95", r"P(T \mid D^{c}) = 0.05"), R(59, 1000)),
    (r"P(A \cap B) + P(A \cup B)", (r"P(A) = 0.5", r"P(B) = 0.4", r"A \perp B"), R(1, 5) + R(7, 10)),
    (r"P(A^\complement)", (r"P(A) = 0.3",), R(7, 10)),
    (r"H(\mathbf{p})", (P,), R(3, 2) * log(2)),
    (r"H(\mathbf{p}, \mathbf{q})", (P, Q), R(7, 4) * log(2)),
    (r"D_{\mathrm{KL}}(\mathbf{p} \,\|\, \mathbf{q})", (P, Q), R(1, 4) * log(2)),
    (r"H(X)", (r"X \sim \mathrm{Bernoulli}(\tfrac{1}{2})",), log(2)),
    (r"\E[X]", (r"p(x) = \frac{x}{6}", r"x \in \{1, 2, 3\}"), R(14, 6)),
    (r"\E[X]", (r"p(x) = 2x", r"x \in [0, 1]"), R(2, 3)),
    (r"p(1 \mid 0.3)", (r"p(x \mid \theta) = \theta^x (1 - \theta)^{1 - x}",), R(3, 10)),
]


@pytest.mark.parametrize("latex, givens, expected", ROWS, ids=[row[0] + " | " + row[1][0] for row in ROWS])
def test_probability_notation(latex, givens, expected):
    reads(latex, givens, expected)


def test_givens_that_contradict_each_other_are_reported():
    from mathcheck.sandbox import worked

    block = worked(r"P(A) = 0.5", r"P(A \cap B) = 0.7")
    assert any("contradict" in problem for problem in block.problems)


def test_a_probability_sympy_gets_wrong_is_a_defect_not_a_number():
    """sympy.stats gives 0 for P(XY <= 1/2) with X, Y independent uniform; the truth is about 0.85.
    A seeded simulation catches the disagreement, so the link cannot pass or fail on a wrong value."""
    from mathcheck.errors import Unreadable

    with pytest.raises(Unreadable, match="simulation"):
        reads(r"P(XY \le \frac{1}{2})", (r"X \sim \mathrm{Uniform}(0, 1)", r"Y \sim \mathrm{Uniform}(0, 1)"), 0)
    reads(r"P(X = 1, Y = 0)", (r"X \sim \mathrm{Bernoulli}(\frac{1}{2})", r"Y \sim \mathrm{Bernoulli}(\frac{1}{3})"),
          R(1, 3))
