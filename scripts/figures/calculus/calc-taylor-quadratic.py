"""Contours of f(x, y) = e^x cos y and of its second-order Taylor model at the origin.

The model is q(x, y) = 1 + x + (x^2 - y^2)/2. Both are drawn at the same levels,
0.6 to 1.8 in steps of 0.2: f solid, q dashed. Near the expansion point (marked) the two families of curves
coincide; far from it they part, because the error is of third order.

Used by book/calculus/hessian.md (fig-calc-taylor-quadratic).
"""

import numpy as np

from figures import style

grid = np.linspace(-1.2, 1.2, 401)
x, y = np.meshgrid(grid, grid)
f = np.exp(x) * np.cos(y)
q = 1 + x + (x**2 - y**2) / 2
levels = [0.6, 0.8, 1.0, 1.2, 1.4, 1.6, 1.8]

fig, ax = style.figure(12, 9.5)
ax.contour(x, y, f, levels=levels, colors=style.colour(0), linewidths=1.3, linestyles="-")
ax.contour(x, y, q, levels=levels, colors=style.colour(1), linewidths=1.3, linestyles="--")

# A circle of radius 1/2 about the expansion point, inside which the curves nearly coincide.
t = np.linspace(0, 2 * np.pi, 361)
ax.plot(0.5 * np.cos(t), 0.5 * np.sin(t), color=style.GREY, lw=0.8, ls=":", zorder=1)
ax.plot([0], [0], "o", color="black", ms=5, zorder=4)

# Legend entries drawn by hand, so that the line styles show.
ax.plot([], [], color=style.colour(0), lw=1.3, ls="-", label=r"$f(x, y) = e^{x}\cos(y)$")
ax.plot([], [], color=style.colour(1), lw=1.3, ls="--", label=r"$q(x, y) = 1 + x + \frac{1}{2}(x^2 - y^2)$")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, 1.17), ncol=2, handlelength=2.2, columnspacing=1.2)

ax.set_xlim(-1.2, 1.2)
ax.set_ylim(-1.2, 1.2)
ax.set_aspect("equal")
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$y$")

style.save(fig, __file__)
