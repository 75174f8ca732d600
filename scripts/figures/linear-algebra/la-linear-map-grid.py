"""The linear map of A = [[2, 1], [0, 1]] acting on the grid of the plane.

Left: the square grid, the unit square and the standard basis vectors e1, e2.
Right: their images under A; the images of e1 and e2 are the columns of A.
Used by book/linear-algebra/matrices.md (fig-la-linear-map-grid).
"""

import numpy as np

from figures import style

A = np.array([[2.0, 1.0], [0.0, 1.0]])
E1, E2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
XLIM, YLIM = (-1.6, 3.6), (-1.4, 2.4)

fig, axes = style.figure(15, 6.6, ncols=2)


def arrow(ax, tip, i):
    """An arrow from the origin to ``tip`` in series i's colour and dash pattern, with a solid head."""
    tip = np.asarray(tip)
    length = np.linalg.norm(tip)
    base = tip * (1 - 0.22 / length)
    ax.plot([0, base[0]], [0, base[1]], color=style.colour(i), linestyle=style.DASHES[i], lw=1.6,
            solid_capstyle="butt", dash_capstyle="butt", zorder=3)
    ax.annotate("", xy=tip, xytext=base, zorder=4,
                arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.25", color=style.colour(i),
                                lw=1.6, shrinkA=0, shrinkB=0))


def grid(ax, M, **kw):
    """The images under M of the grid lines x1 = k and x2 = k for integers k."""
    for k in range(-6, 7):
        for start, end in (((k, -8), (k, 8)), ((-8, k), (8, k))):
            p, q = M @ np.array(start, float), M @ np.array(end, float)
            ax.plot([p[0], q[0]], [p[1], q[1]], **kw)


def square(ax, M, **kw):
    corners = np.array([[0, 0], [1, 0], [1, 1], [0, 1]], float) @ M.T
    ax.fill(corners[:, 0], corners[:, 1], **kw)


for ax, M in zip(axes, (np.eye(2), A)):
    if M is A:
        # The original grid, faint and dotted, for comparison.
        grid(ax, np.eye(2), color=style.LIGHT_GREY, lw=0.6, linestyle=":", zorder=0)
    grid(ax, M, color=style.GREY, lw=0.6, zorder=1)
    square(ax, M, color=style.PALETTE["sky"], alpha=0.3, lw=0, zorder=1)
    arrow(ax, M @ E1, 0)
    arrow(ax, M @ E2, 1)
    ax.plot(0, 0, "o", color="black", ms=2.5, zorder=5)
    ax.set_xlim(*XLIM)
    ax.set_ylim(*YLIM)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")
    ax.set_ylabel(r"$x_2$", labelpad=1)
    ax.set_xticks(range(-1, 4))
    ax.set_yticks(range(-1, 3))

label = dict(textcoords="offset points", fontsize=style.BODY_PT,
             bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
left, right = axes
left.annotate(r"$\mathbf{e}_1$", E1, xytext=(-4, -13), **label)
left.annotate(r"$\mathbf{e}_2$", E2, xytext=(-14, 2), **label)
right.annotate(r"$\mathbf{A}\mathbf{e}_1 = (2, 0)$", A @ E1, xytext=(-20, -14), **label)
right.annotate(r"$\mathbf{A}\mathbf{e}_2 = (1, 1)$", A @ E2, xytext=(-30, 6), **label)

fig.subplots_adjust(left=0.07, right=0.99, bottom=0.13, top=0.99, wspace=0.16)
style.save(fig, __file__)
