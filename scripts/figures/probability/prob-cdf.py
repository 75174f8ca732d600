"""The staircase cdf of Binomial(4, 1/2) and the smooth cdfs of N(0, 1) and Exponential(1).

Used by section 3.2, book/probability/, for fig-prob-cdf.
"""

import math

import numpy as np

from figures import style

fig, (left, right) = style.figure(15, 6.2, ncols=2)

n = 4
pmf = [math.comb(n, k) / 2**n for k in range(n + 1)]
cdf = np.cumsum(pmf)
edges = [-1.0] + list(range(n + 1)) + [n + 1.0]
levels = [0.0] + list(cdf)
for i, level in enumerate(levels):
    left.plot([edges[i], edges[i + 1]], [level, level], color=style.colour(0), lw=1.6)
for k in range(n + 1):
    left.plot([k, k], [levels[k], levels[k + 1]], color=style.colour(0), lw=0.6, linestyle=":")
    left.plot(k, levels[k], "o", ms=4, mfc="white", mec=style.colour(0))
    left.plot(k, levels[k + 1], "o", ms=4, color=style.colour(0))
left.set_xlim(-1, n + 1)
left.set_ylim(-0.03, 1.08)
left.set_xlabel(r"$x$")
left.set_ylabel(r"$F_X(x)$")
left.annotate(r"$\mathrm{Binomial}(4, \frac{1}{2})$", (-0.8, 0.93), color=style.colour(0))
left.annotate(r"jump $p(2) = \frac{6}{16}$", (2, (levels[2] + levels[3]) / 2), textcoords="offset points",
              xytext=(8, -4), fontsize=style.BODY_PT - 1)

x = np.linspace(-3.5, 3.5, 701)
normal = np.array([0.5 * (1 + math.erf(v / math.sqrt(2))) for v in x])
right.plot(x, normal, **style.line(0, markevery=70), label=r"$\mathcal{N}(0, 1)$")
exponential = np.where(x < 0, 0.0, 1 - np.exp(-np.clip(x, 0, None)))
right.plot(x, exponential, **style.line(1, markevery=70), label=r"$\mathrm{Exponential}(1)$")
right.set_ylim(-0.03, 1.08)
right.set_xlabel(r"$x$")
right.set_ylabel(r"$F_X(x)$")
right.legend(loc="upper left", frameon=False, fontsize=style.BODY_PT - 1)

fig.tight_layout()
style.save(fig, __file__)
