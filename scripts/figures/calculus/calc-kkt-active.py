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
        # -grad f(x*) = (1, 1) and grad g_1(x*) = (1, 1) are equal (lambda_1 = 1). Both are drawn at
        # 0.7 of their length, side by side: their feet are moved apart along the line g_1 = 0, by
        # `off` either side of x*, so that the two parallel arrows of equal length both stay visible.
        off = np.array([-0.1, 0.1])
        vec = np.array([0.7, 0.7])
        for foot, colour, dash in ((opt + off, style.colour(2), "-"), (opt - off, style.colour(1), "--")):
            ax.plot([foot[0], foot[0] + vec[0] - 0.12], [foot[1], foot[1] + vec[1] - 0.12], color=colour,
                    linestyle=dash, linewidth=1.6, solid_capstyle="butt", zorder=6)
            ax.annotate("", foot + vec, foot + vec - 0.2, zorder=6,
                        arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.22", color=colour, lw=1.0,
                                        shrinkA=0, shrinkB=0))
        ax.annotate(r"$-\nabla f(\mathbf{x}^\star)$", opt + off + vec, textcoords="offset points",
                    xytext=(-3, 2), ha="right", va="bottom", color=style.colour(2), **box)
        ax.annotate(r"$\nabla g_1(\mathbf{x}^\star)$", opt - off + vec, textcoords="offset points",
                    xytext=(3, -2), ha="left", va="top", color=style.colour(1), **box)
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
