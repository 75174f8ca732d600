"""Published errata as regression tests: the checker fails each formula as it was once
published and passes it as corrected (tests/fixtures/mathcheck/book/errata/errata.md).

Every row cites where the wrong form was published and where it was reported or fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mathcheck.errors import CheckError
from mathcheck.runner import Harness

FIXTURE = Path(__file__).parent / "fixtures" / "mathcheck"

ERRATA = [
    ("prop-la-erratum-uv", "Dive into Deep Learning, appendix 'Multivariable Calculus', matrix calculus: "
     "d||X - UV||^2/dV given as 2U^T(X - UV); fixed in d2l-ai/d2l-en PR #1112"),
    ("prop-la-erratum-quadratic", "the gradient of x^T B x as 2Bx for a non-symmetric B: Distill, 'Why Momentum "
     "Really Works', distillpub/post--momentum issue #76"),
    ("prop-la-erratum-inverse", "Mathematics for Machine Learning, draft of 2018-07-04, eq. (6.97): the 2x2 inverse "
     "scaled by ad - bc instead of 1/(ad - bc); mml-book/mml-book.github.io issue #142"),
    ("prop-la-erratum-det", "The Matrix Cookbook (2012), eq. (28): a stray det(A) in det(I + eps A) to second "
     "order; noted in the Lean formalisation eric-wieser/lean-matrix-cookbook, MatrixCookbook/1Basic.lean"),
    ("ex-la-erratum-shear", "Dive into Deep Learning, appendix 'Eigendecompositions': the eigenvector of "
     "[[1, 1], [0, 1]] given as (0, 1); fixed in d2l-ai/d2l-en PR #1112"),
    ("prop-calc-erratum-linear-net", "Neuromatch Academy Deep Learning, W1D2 tutorial 2: the gradient of "
     "(y - w1 w2 x)^2 without its minus sign; NeuromatchAcademy/course-content-dl issue #176, fixed in PR #180"),
    ("ex-calc-erratum-taylor", "Dive into Deep Learning, appendix 'Multivariable Calculus', Hessians: the quadratic "
     "model of x e^{-x^2-y^2} at (-1, 0) without the factor 1/2; fixed in d2l-ai/d2l-en PR #1506"),
    ("ex-calc-erratum-taylor-point", "Dive into Deep Learning, 'DenseNet': Taylor coefficients f'(x) instead of "
     "f'(0); fixed in d2l-ai/d2l-en PR #1168"),
    ("ex-calc-erratum-integral", "Dive into Deep Learning, appendix 'Integral Calculus': the integral of x/(1 + x^2) "
     "from 0 to 2 given as (1/2) ln 2; fixed in d2l-ai/d2l-en PR #1112"),
    ("ex-calc-erratum-geometric", "Dive into Deep Learning, 'Adam': sum_{i=0}^{t} beta^i = (1 - beta^t)/(1 - beta); "
     "fixed in d2l-ai/d2l-en PR #2277"),
    ("prop-prob-erratum-bayes", "Mathematics for Machine Learning, draft of 2018-07-04, eq. (6.21): Bayes' rule "
     "divided by p(y); mml-book/mml-book.github.io issue #70 (and #99, #126, #132)"),
    ("prop-prob-erratum-normaliser", "Dive into Deep Learning, 'Probability and Statistics', release v1.0.0-alpha0: "
     "Bayes' rule normalised over the values of B instead of A; fixed in commit 5db154cc"),
    ("ex-prob-erratum-second-moment", "Dive into Deep Learning, appendix 'Random Variables': E[X^2] with (a + 2)p for "
     "(a + 2)^2 p; fixed in d2l-ai/d2l-en PR #1102"),
    ("prop-prob-erratum-variance-sum", "Var(X + Y) = Var X + Var Y + Cov(X, Y), one covariance short: "
     "danhalligan/ISLRv2-solutions issue #3"),
    ("prop-prob-erratum-correlation", "Mathematics for Machine Learning, draft of 2018-10-12, eq. (6.35): the "
     "correlation without its square root; mml-book/mml-book.github.io issue #145"),
    ("prop-prob-erratum-combination", "Mathematics for Machine Learning, draft of 2018-11-01, eq. (6.82): the "
     "covariance of ax + by as a Sigma_x + b Sigma_y; mml-book/mml-book.github.io issue #180"),
    ("ex-prob-erratum-marginal", "Mathematics for Machine Learning, 2019 draft, eq. (9.64b): the marginal "
     "covariance of Bayesian linear regression as S_0 + sigma^2 I; mml-book/mml-book.github.io issue #348"),
    ("ex-prob-erratum-laplace", "Dive into Deep Learning, appendix 'Naive Bayes': Laplace smoothing of a binary "
     "feature as (n_x + 1)/(n_y + 1); d2l-ai/d2l-en issue #1726, fixed in PR #2037"),
    ("ex-prob-erratum-entropy", "Dive into Deep Learning, appendix 'Information Theory': 'H(X) >= 0 for all X', "
     "false for differential entropy; fixed in d2l-ai/d2l-en PR #1669"),
]


@pytest.fixture(scope="module")
def harness() -> Harness:
    return Harness.load(FIXTURE, checks_dir=FIXTURE / "tests" / "checks")


@pytest.mark.parametrize("name, source", ERRATA, ids=[e[0] for e in ERRATA])
def test_the_published_form_fails(harness, name, source):
    with pytest.raises(CheckError):
        harness.run(f"{name}-wrong")


@pytest.mark.parametrize("name, source", ERRATA, ids=[e[0] for e in ERRATA])
def test_the_corrected_form_passes(harness, name, source):
    harness.run(f"{name}-right")


def test_a_correct_formula_reported_as_wrong_is_accepted(harness):
    """d(x^T a)/dx = a^T in the numerator layout (mml-book/mml-book.github.io issues #465, #754)."""
    harness.run("prop-calc-erratum-numerator-layout-right")


def test_there_are_at_least_twelve():
    assert len(ERRATA) >= 12
