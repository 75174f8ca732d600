"""Inverse-cdf sampling for X ~ Exponential(2): uniform heights u on the vertical axis
go across to the cdf F(x) = 1 - exp(-2x) and down to x = F^{-1}(u) = -ln(1 - u)/2.

Equally spaced heights would land close together where F is steep (small x) and far
apart where it is flat (large x): the samples pile up where the density is high.
Used by book/probability/transformations.md (fig-prob-inverse-cdf).
"""

import numpy as np

from figures import style

rate = 2.0
rng = np.random.default_rng(34)
u = np.sort(rng.uniform(size=10))
x = -np.log(1 - u) / rate

fig, ax = style.figure(12, 7)
grid = np.linspace(0, 2.5, 300)
ax.plot(grid, 1 - np.exp(-rate * grid), color="black", lw=1.2, zorder=3)
for ui, xi in zip(u, x):
    ax.plot([0, xi], [ui, ui], color=style.colour(0), lw=0.7, ls="--", zorder=1)
    ax.plot([xi, xi], [ui, 0], color=style.colour(1), lw=0.7, ls=":", zorder=1)
ax.plot(np.zeros_like(u), u, "o", color=style.colour(0), ms=4, clip_on=False, zorder=4)
ax.plot(x, np.zeros_like(x), "s", color=style.colour(1), ms=4, clip_on=False, zorder=4)
ax.annotate(r"$F(x) = 1 - e^{-2x}$", (1.3, 1 - np.exp(-2.6)), xytext=(0, -16), textcoords="offset points")
ax.annotate(r"circles: heights $u$", (1.55, 0.5), color=style.colour(0))
ax.annotate(r"squares: samples $x = F^{-1}(u)$", (1.55, 0.38), color=style.colour(1))

ax.set_xlim(0, 2.5)
ax.set_ylim(0, 1.02)
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$u$")

style.save(fig, __file__)
