"""The gradient of f(x) = x^T A x + b^T x with a non-symmetric A, against the tempting 2Ax + b.

A = [[1, 4], [0, 2]], b = (1, -1), at the point a = (2, -1) of the worked example,
where f(a) = 1. The true gradient (A + A^T)a + b = (1, 3) is perpendicular to the
level curve f = 1 through a; the wrong formula 2Aa + b = (-3, -5) is not. Both
arrows are drawn at a quarter of their length.

Used by book/calculus/matrix-calculus.md (fig-calc-quadratic-gradient).
"""

import numpy as np

from figures import style

A = np.array([[1.0, 4.0], [0.0, 2.0]])
b = np.array([1.0, -1.0])
a = np.array([2.0, -1.0])
right = (A + A.T) @ a + b
wrong = 2 * A @ a + b
scale = 0.25

grid_x = np.linspace(0.0, 3.6, 361)
grid_y = np.linspace(-2.6, 0.6, 321)
x1, x2 = np.meshgrid(grid_x, grid_y)
f = A[0, 0] * x1**2 + (A[0, 1] + A[1, 0]) * x1 * x2 + A[1, 1] * x2**2 + b[0] * x1 + b[1] * x2

fig, ax = style.figure(12, 8)
ax.contour(x1, x2, f, levels=[-3, -2, -1, 0, 2, 3, 4], colors=style.LIGHT_GREY, linewidths=0.8)
ax.contour(x1, x2, f, levels=[1], colors="black", linewidths=1.2)

# The tangent line of the level curve at a: perpendicular to the true gradient.
tangent = np.array([-right[1], right[0]]) / np.linalg.norm(right)
ends = a + np.outer([-0.7, 0.7], tangent)
ax.plot(ends[:, 0], ends[:, 1], color=style.GREY, lw=0.9, ls=":")


def arrow(vector, colour, dashed):
    ax.annotate("", xy=a + scale * vector, xytext=a, zorder=3,
                arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.22", color=colour, lw=1.6,
                                linestyle="--" if dashed else "-", shrinkA=0, shrinkB=0))


arrow(right, style.colour(0), dashed=False)
arrow(wrong, style.colour(1), dashed=True)
ax.plot(*a, "o", color="black", ms=4, zorder=4)

label = dict(textcoords="offset points", fontsize=style.BODY_PT)
ax.annotate(r"$\mathbf{a}$", a, xytext=(8, 1), **label)
ax.annotate(r"$(\mathbf{A} + \mathbf{A}^\top)\mathbf{a} + \mathbf{b}$", a + scale * right, xytext=(6, -2),
            color=style.colour(0), **label)
# Left of the tip of the wrong arrow, clear of the black level curve, on a white patch that
# hides the grey level curves behind it.
ax.annotate("$2\\mathbf{A}\\mathbf{a} + \\mathbf{b}$\n(wrong)", a + scale * wrong, xytext=(-7, 0), ha="right",
            va="center", multialignment="center", color=style.colour(1), zorder=5,
            bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"), **label)
ax.annotate(r"$f(\mathbf{x}) = 1$", (2.75, -1.0), xytext=(0, 4), **label)

ax.set_xlim(0.0, 3.6)
ax.set_ylim(-2.6, 0.6)
ax.set_aspect("equal")
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")

style.save(fig, __file__)
