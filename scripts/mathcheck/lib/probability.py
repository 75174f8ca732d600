"""Probability helpers for the checks: finite distributions as dicts {value: probability}, exact.

A prior is a dict {hypothesis: P(hypothesis)}; likelihoods are a dict
{hypothesis: P(data | hypothesis)} with the same keys.
"""

from __future__ import annotations

import sympy


def require_distribution(ex, p):
    """Fail through ``ex`` unless the probabilities of p are non-negative and add up to 1."""
    values = [sympy.sympify(v) for v in p.values()]
    if any(v.is_negative for v in values):
        ex.fail(f"the distribution {p} has a negative probability")
    if sympy.simplify(sum(values) - 1) != 0:
        ex.fail(f"the probabilities of {p} add up to {sum(values)}, not 1")


def expectation(p, g=lambda x: x):
    """E[g(X)] for X with the finite distribution p."""
    return sympy.simplify(sum(sympy.sympify(g(x)) * q for x, q in p.items()))


def mean(p):
    """E[X]."""
    return expectation(p)


def variance(p):
    """Var[X] = E[(X - E[X])^2]."""
    mu = mean(p)
    return expectation(p, lambda x: (x - mu) ** 2)


def entropy(p):
    """H(X) = -sum p(x) log p(x), in nats; outcomes of probability 0 add nothing."""
    return sympy.simplify(-sum(q * sympy.log(q) for q in map(sympy.sympify, p.values()) if q != 0))


def evidence(prior, likelihood):
    """P(data) = sum over the hypotheses h of P(h) P(data | h)."""
    return sum(sympy.sympify(prior[h]) * likelihood[h] for h in prior)


def posterior(prior, likelihood):
    """Bayes' rule: {h: P(h) P(data | h) / P(data)}, in the order of the prior."""
    total = evidence(prior, likelihood)
    return {h: sympy.simplify(sympy.sympify(prior[h]) * likelihood[h] / total) for h in prior}
