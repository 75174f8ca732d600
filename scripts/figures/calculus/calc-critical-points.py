"""Three stationary points of quadratics f(x) = x^T H x / 2 and the signs of the Hessian's eigenvalues.

Left, a minimum: H = [[3, 1], [1, 3]], eigenvalues 4 and 2, both positive.
Middle, a maximum: -H, eigenvalues -4 and -2 (the eigenvalue of q_i is lambda_i). Right, a saddle: H = [[1, 2], [2, 1]],
eigenvalues 3 and -1. Contours at positive levels are solid, at negative levels
dashed; the eigenvector lines are dotted, q1 for the first eigenvalue, q2 for the second.

Used by book/calculus/hessian.md (fig-calc-critical-points).
"""

import numpy as np

from figures import style

cases = [
    (np.array([[3.0, 1.0], [1.0, 3.0]]), r"$\lambda_1 = 4 > 0$", r"$\lambda_2 = 2 > 0$"),
    (np.array([[-3.0, -1.0], [-1.0, -3.0]]), r"$\lambda_1 = -4 < 0$", r"$\lambda_2 = -2 < 0$"),
    (np.array([[1.0, 2.0], [2.0, 1.0]]), r"$\lambda_1 = 3 > 0$", r"$\lambda_2 = -1 < 0$"),
]
q1 = np.array([1.0, 1.0]) / np.sqrt(2)
q2 = np.array([1.0, -1.0]) / np.sqrt(2)

grid = np.linspace(-1.5, 1.5, 301)
x, y = np.meshgrid(grid, grid)

fig, axes = style.figure(15, 6.2, ncols=3, sharey=True)
for ax, (H, first, second) in zip(axes, cases):
    f = 0.5 * (H[0, 0] * x**2 + 2 * H[0, 1] * x * y + H[1, 1] * y**2)
    levels = [-3.5, -2.5, -1.5, -0.75, -0.25, 0.25, 0.75, 1.5, 2.5, 3.5]
    ax.contour(x, y, f, levels=[v for v in levels if v > 0], colors=style.colour(0), linewidths=1.0,
               linestyles="-")
    ax.contour(x, y, f, levels=[v for v in levels if v < 0], colors=style.colour(1), linewidths=1.0,
               linestyles="--")
    for v, colour in ((q1, style.GREY), (q2, style.GREY)):
        ends = np.outer([-1.5, 1.5], v)
        ax.plot(ends[:, 0], ends[:, 1], color=colour, lw=0.8, ls=":", zorder=1)
    ax.plot([0], [0], "o", color="black", ms=4, zorder=4)
    box = dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none")
    ax.annotate(r"$\mathbf{q}_1$", 1.32 * q1, xytext=(2, -3), textcoords="offset points", fontsize=style.BODY_PT,
                bbox=box, zorder=5)
    ax.annotate(r"$\mathbf{q}_2$", 1.32 * q2, xytext=(2, -1), textcoords="offset points", fontsize=style.BODY_PT,
                bbox=box, zorder=5)
    ax.text(0.5, -0.32, first + "\n" + second, transform=ax.transAxes, ha="center", va="top",
            fontsize=style.BODY_PT, bbox=box)
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.5, 1.5)
    ax.set_aspect("equal")
    ax.set_xticks([-1, 0, 1])
    ax.set_yticks([-1, 0, 1])
    ax.set_xlabel(r"$x_1$")
axes[0].set_ylabel(r"$x_2$")

style.save(fig, __file__)
