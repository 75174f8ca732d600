"""One inequality-constrained problem with its constraint active (left) and inactive (right).

Minimise f(x) = (x1 - 2)^2 + (x2 - 1)^2 subject to x1 + x2 <= c and x2 >= 0, with
c = 2 (left: the minimum (3/2, 1/2) lies on the line and -grad f = lambda grad g_1
with lambda = 1) and c = 4 (right: the unconstrained minimum (2, 1) is feasible and
every multiplier is zero). Used by book/calculus/constrained.md (fig-calc-kkt-active).
"""

import numpy as np
from matplotlib.patches import Polygon

from figures import style

fig, axes = style.figure(15, 7.6, ncols=2, sharey=True)
box = dict(bbox=dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none"), zorder=8)
arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.012, headwidth=4, headlength=5, zorder=6)
t = np.linspace(0, 2 * np.pi, 300)
centre = np.array([2.0, 1.0])

for ax, c in zip(axes, (2.0, 4.0)):
    # The feasible set {x1 + x2 <= c, x2 >= 0}, clipped to the window, hatched for greyscale.
    corners = [(-0.5, 0.0), (c, 0.0), (c - 2.8, 2.8), (-0.5, 2.8)]
    ax.add_patch(Polygon(corners, closed=True, facecolor=style.LIGHT_GREY, alpha=0.6, edgecolor="none", zorder=0))
    ax.add_patch(Polygon(corners, closed=True, fill=False, hatch="...", edgecolor=style.GREY, linewidth=0, zorder=0))
    xs = np.array([c - 2.8, min(c + 0.4, 4.4)])
    ax.plot(xs, c - xs, color=style.colour(1), linewidth=1.4, linestyle="-.", zorder=3)
    ax.axhline(0, color=style.colour(3), lw=1.2, linestyle="--", zorder=3)

    # Level sets of f: circles around (2, 1).
    for r, dash in ((np.sqrt(0.5), "-"), (1.2, ":")):
        ax.plot(centre[0] + r * np.cos(t), centre[1] + r * np.sin(t), color=style.colour(0), linestyle=dash,
                linewidth=0.9, zorder=2)
    ax.plot(*centre, "+", color=style.colour(0), markersize=7, zorder=5)

    if c == 2.0:
        opt = np.array([1.5, 0.5])
        ax.text(c - 2.25, 2.45, r"$g_1(\mathbf{x}) = 0$", color=style.colour(1), **box)
        # -grad f(x*) = (1, 1) and grad g_1 = (1, 1): equal, so grad g_1 is dashed and offset.
        ax.quiver(*opt, 0.7, 0.7, color=style.colour(2), **arrow)
        ax.annotate(r"$-\nabla f(\mathbf{x}^\star)$", opt + np.array([0.7, 0.7]), textcoords="offset points",
                    xytext=(-70, 4), color=style.colour(2), **box)
        off = np.array([0.12, -0.12])
        ax.plot([opt[0] + off[0], opt[0] + off[0] + 0.55], [opt[1] + off[1], opt[1] + off[1] + 0.55],
                color=style.colour(1), linestyle="--", linewidth=1.2, zorder=6)
        ax.annotate("", opt + off + np.array([0.7, 0.7]), opt + off + np.array([0.5, 0.5]),
                    arrowprops=dict(arrowstyle="-|>", color=style.colour(1), lw=1.0, mutation_scale=8), zorder=6)
        ax.annotate(r"$\nabla g_1(\mathbf{x}^\star)$", opt + off + np.array([0.7, 0.7]), textcoords="offset points",
                    xytext=(4, -12), color=style.colour(1), **box)
        ax.annotate(r"$\mathbf{x}^\star$", opt, textcoords="offset points", xytext=(-6, -17), **box)
        ax.text(2.75, 2.4, "active: $\\lambda_1 = 1$", fontsize=style.BODY_PT - 1, **box)
    else:
        opt = centre
        ax.text(3.45, 0.85, r"$g_1(\mathbf{x}) = 0$", color=style.colour(1), **box)
        ax.annotate(r"$\mathbf{x}^\star$, $\nabla f = \mathbf{0}$", opt, textcoords="offset points", xytext=(6, 6), **box)
        ax.text(2.75, 2.4, "inactive: $\\lambda_1 = 0$", fontsize=style.BODY_PT - 1, **box)
    ax.plot(*opt, "o", color="black", markersize=4, zorder=7)
    ax.text(2.2, -0.38, r"$g_2(\mathbf{x}) = 0$", color=style.colour(3), ha="left", **box)

    ax.set_xlim(-0.5, 4.4)
    ax.set_ylim(-0.6, 2.8)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")

axes[0].set_ylabel(r"$x_2$")
style.save(fig, __file__)
