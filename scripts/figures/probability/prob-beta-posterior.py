"""A Beta posterior sequence: the prior Beta(2, 2), then the posteriors as the tosses H T H H H T H H T H arrive.

Curves after 0, 2, 5 and 10 tosses: Beta(2, 2), Beta(3, 3), Beta(6, 3), Beta(9, 5).
Used by book/probability/bayesian.md (fig-prob-beta-posterior).
"""

from math import lgamma

import numpy as np

from figures import style

alpha, beta = 2, 2
tosses = np.array([1, 0, 1, 1, 1, 0, 1, 1, 0, 1])
theta = np.linspace(0, 1, 401)


def beta_pdf(x, a, b):
    """The Beta(a, b) density, for integer a, b >= 2 (so finite on all of [0, 1])."""
    log_norm = lgamma(a + b) - lgamma(a) - lgamma(b)
    return np.exp(log_norm) * x ** (a - 1) * (1 - x) ** (b - 1)


fig, ax = style.figure(12, 7.5)
for i, n in enumerate((0, 2, 5, 10)):
    k = int(tosses[:n].sum())
    a, b = alpha + k, beta + n - k
    label = "prior" if n == 0 else f"after {n} tosses"
    ax.plot(theta, beta_pdf(theta, a, b), **style.line(i, markevery=0.1),
            label=rf"{label}: $\mathrm{{Beta}}({a}, {b})$")
ax.axvline(tosses.mean(), color=style.GREY, lw=0.8, ls="--", zorder=0)
ax.annotate(r"MLE $0.7$", (tosses.mean(), 3.4), textcoords="offset points", xytext=(4, 0), ha="left",
            color=style.GREY)

ax.set_xlim(0, 1)
ax.set_ylim(0, 3.65)
ax.set_xlabel(r"$\theta$")
ax.set_ylabel(r"density $p(\theta \mid \mathbf{x})$")
ax.legend(loc="upper left")

style.save(fig, __file__)
