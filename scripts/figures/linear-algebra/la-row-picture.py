"""The row picture of a 2x2 system: two lines meeting at the solution (2, 1).

The system is 3 x1 - x2 = 5, x1 + 2 x2 = 4. The dotted line is the second
equation after the row operation R2 - (1/3) R1, which reads x2 = 1: elimination
turns the line but keeps the intersection.
Used by book/linear-algebra/linear-systems.md (fig-la-row-picture).
"""

import numpy as np

from figures import style

t = np.linspace(-0.5, 4.5, 201)

fig, ax = style.figure(10, 7)
ax.plot(t, 3 * t - 5, **style.line(0, marker=None), label=r"$3x_1 - x_2 = 5$")
ax.plot(t, (4 - t) / 2, **style.line(1, marker=None), label=r"$x_1 + 2x_2 = 4$")
ax.plot(t, np.ones_like(t), **style.line(2, marker=None), label=r"$(7/3)\,x_2 = 7/3$")
ax.plot([2], [1], "o", color="black", ms=4, zorder=5)
ax.annotate(r"$(2, 1)$", (2, 1), textcoords="offset points", xytext=(3, -20))

ax.set_xlim(-0.5, 4.5)
ax.set_ylim(-2.2, 3.2)
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)
ax.legend(loc="lower right")

style.save(fig, __file__)
