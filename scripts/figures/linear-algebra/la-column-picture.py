"""The column picture of a 2x2 system: b = (5, 4) reached as 2 a1 + 1 a2, tip to tail.

The system is 3 x1 - x2 = 5, x1 + 2 x2 = 4, with columns a1 = (3, 1) and
a2 = (-1, 2) and solution x = (2, 1).
Used by book/linear-algebra/linear-systems.md (fig-la-column-picture).
"""

import numpy as np

from figures import style

a1 = np.array([3.0, 1.0])
a2 = np.array([-1.0, 2.0])
x1, x2 = 2, 1
b = x1 * a1 + x2 * a2

fig, ax = style.figure(11, 7.2)
arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.011, headwidth=4, headlength=5)

# The columns themselves, drawn from the origin.
ax.quiver(0, 0, *a1, color=style.colour(0), zorder=3, **arrow)
ax.quiver(0, 0, *a2, color=style.colour(1), zorder=3, **arrow)

# The combination x1 a1 + x2 a2, tip to tail: two copies of a1, then a2.
ax.quiver(*a1, *a1, color=style.colour(0), zorder=3, **arrow)
ax.quiver(*(x1 * a1), *a2, color=style.colour(1), zorder=3, **arrow)

# The right-hand side b, straight from the origin.
ax.quiver(0, 0, *b, color="black", zorder=4, **arrow)
ax.plot(*b, "o", color="black", ms=3, zorder=5)

ax.annotate(r"$\mathbf{a}_1$", a1 * 0.7, textcoords="offset points", xytext=(0, -13))
ax.annotate(r"$\mathbf{a}_1$", a1 * 1.5, textcoords="offset points", xytext=(0, -13))
ax.annotate(r"$x_1\mathbf{a}_1 = 2\mathbf{a}_1$", x1 * a1, textcoords="offset points", xytext=(4, -14))
ax.annotate(r"$\mathbf{a}_2$", a2 / 2, textcoords="offset points", xytext=(-16, -2))
ax.annotate(r"$x_2\mathbf{a}_2 = \mathbf{a}_2$", x1 * a1 + a2 / 2, textcoords="offset points", xytext=(6, 0))
ax.annotate(r"$\mathbf{b} = 2\mathbf{a}_1 + \mathbf{a}_2$", b * 0.55, textcoords="offset points", xytext=(-3, 3),
            ha="right", va="bottom")

ax.set_xlim(-1.8, 7.6)
ax.set_ylim(-0.6, 4.7)
ax.set_aspect("equal")
ax.set_xticks(range(-1, 8))
ax.set_yticks(range(0, 5))
ax.set_xlabel(r"first entry")
ax.set_ylabel(r"second entry")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

style.save(fig, __file__)
