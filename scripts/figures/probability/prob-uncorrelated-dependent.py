"""Uncorrelated but dependent: X uniform on [-1, 1] against Y = X^2, with the best line.

The points lie exactly on the parabola y = x^2, so Y is a function of X, yet the best
straight line for predicting Y from X (in the population) is flat, y = E[Y] = 1/3,
because Cov[X, Y] = 0.
Used by book/probability/joint.md (fig-prob-uncorrelated-dependent).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(33)
x = rng.uniform(-1.0, 1.0, size=300)
y = x**2

fig, ax = style.figure(12, 7)
grid = np.linspace(-1.0, 1.0, 201)
ax.plot(grid, grid**2, color=style.GREY, lw=0.8, zorder=1)
ax.scatter(x, y, s=8, color=style.colour(0), edgecolors="none", alpha=0.8, zorder=2)

# The population least-squares line of Y on X: slope Cov[X, Y] / Var[X] = 0, height E[Y] = 1/3.
ax.plot(grid, np.full_like(grid, 1 / 3), **style.line(1, marker=None), zorder=3)
ax.annotate(r"best line $y = \mathbb{E}[Y] = 1/3$", (0.0, 1 / 3), xytext=(0, 6),
            textcoords="offset points", ha="center", va="bottom", color=style.colour(1))
ax.annotate(r"$y = x^2$", (-0.85, 0.85**2), xytext=(14, 0), textcoords="offset points", va="center")

ax.set_xlim(-1.05, 1.05)
ax.set_ylim(-0.05, 1.1)
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$y$")

style.save(fig, __file__)
