"""A linear combination 2u + v of u = (2, 1) and v = (-1, 2), drawn tip to tail.

Used by book/linear-algebra/vectors.md (fig-la-linear-combination).
"""

import numpy as np

from figures import style

u = np.array([2.0, 1.0])
v = np.array([-1.0, 2.0])
w = 2 * u + v

fig, ax = style.figure(10, 8)
arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.012, headwidth=4, headlength=5)

# Light lattice of the combinations a*u + b*v for integer a, b: the span fills the plane.
for a in range(-2, 4):
    p, q = a * u + -2 * v, a * u + 3 * v
    ax.plot([p[0], q[0]], [p[1], q[1]], color=style.LIGHT_GREY, lw=0.6, zorder=0)
for b in range(-2, 4):
    p, q = -2 * u + b * v, 4 * u + b * v
    ax.plot([p[0], q[0]], [p[1], q[1]], color=style.LIGHT_GREY, lw=0.6, zorder=0)

ax.quiver(0, 0, *u, color=style.colour(0), **arrow)
ax.quiver(*u, *u, color=style.colour(0), **arrow)
ax.quiver(*(2 * u), *v, color=style.colour(1), **arrow)
ax.quiver(0, 0, *v, color=style.colour(1), **arrow)
ax.quiver(0, 0, *w, color="black", **arrow)
ax.plot([0, w[0]], [0, w[1]], color="black", lw=0)  # keep w inside the autoscaled limits

ax.annotate(r"$\mathbf{u}$", u / 2, textcoords="offset points", xytext=(2, -12))
ax.annotate(r"$\mathbf{u}$", u * 1.5, textcoords="offset points", xytext=(2, -12))
ax.annotate(r"$\mathbf{v}$", v / 2, textcoords="offset points", xytext=(-12, 0))
ax.annotate(r"$\mathbf{v}$", 2 * u + v / 2, textcoords="offset points", xytext=(5, 0))
ax.annotate(r"$2\mathbf{u}+\mathbf{v}$", w / 2, textcoords="offset points", xytext=(12, -2))
ax.plot(*w, "o", color="black", ms=3)

ax.set_xlim(-2.5, 5.5)
ax.set_ylim(-1.5, 4.8)
ax.set_aspect("equal")
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

style.save(fig, __file__)
