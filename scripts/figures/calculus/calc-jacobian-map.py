"""A grid around a = (1, 2) and its images under f(x) = (x1^2 - x2^2, 2 x1 x2) and under the linearisation at a.

Left: the grid in the input plane. Right: its image under f (solid, curved) and
under x -> f(a) + J_f(a)(x - a) (dashed, straight); they agree near f(a).
Used by book/calculus/jacobian.md (fig-calc-jacobian-map).
"""

import numpy as np

from figures import style

A = np.array([1.0, 2.0])
HALF = 0.5        # the grid covers [a1 - 0.5, a1 + 0.5] x [a2 - 0.5, a2 + 0.5]
LINES = 5         # grid lines in each direction


def f(x1, x2):
    return np.array([x1**2 - x2**2, 2 * x1 * x2])


F_A = f(*A)
J = np.array([[2 * A[0], -2 * A[1]], [2 * A[1], 2 * A[0]]])


def linear(x1, x2):
    d = np.stack([x1 - A[0], x2 - A[1]])
    return F_A[:, None] + J @ d


t = np.linspace(-HALF, HALF, 101)
offsets = np.linspace(-HALF, HALF, LINES)
grid = []
for c in offsets:
    grid.append((A[0] + c + 0 * t, A[1] + t))   # x1 fixed
    grid.append((A[0] + t, A[1] + c + 0 * t))   # x2 fixed

fig, (left, right) = style.figure(15, 7.6, ncols=2, gridspec_kw=dict(width_ratios=[1, 1.3]))
for x1, x2 in grid:
    left.plot(x1, x2, color=style.GREY, lw=0.8)
left.plot(*A, "o", color="black", ms=3.5, zorder=5)
left.annotate(r"$\mathbf{a}$", A, xytext=(5, 4), textcoords="offset points", fontsize=style.BODY_PT,
              bbox=dict(boxstyle="round,pad=0.1", fc="white", ec="none"))
left.set_xlim(0.3, 1.7)
left.set_ylim(1.3, 2.7)
left.set_aspect("equal")
left.set_xlabel(r"$x_1$")
left.set_ylabel(r"$x_2$", labelpad=1)

curved, straight = style.line(0, marker=None), style.line(3, marker=None)
for i, (x1, x2) in enumerate(grid):
    right.plot(*f(x1, x2), color=curved["color"], linestyle=curved["linestyle"], lw=1.1,
               label=r"$\mathbf{f}(\mathbf{x})$" if i == 0 else None)
    right.plot(*linear(x1, x2), color=straight["color"], linestyle=(0, (4, 2)), lw=1.1,
               label=r"$\mathbf{f}(\mathbf{a}) + J_{\mathbf{f}}(\mathbf{a})(\mathbf{x} - \mathbf{a})$"
               if i == 0 else None)
right.plot(*F_A, "o", color="black", ms=3.5, zorder=5)
# The label sits outside both grids, with a thin leader to the point.
right.annotate(r"$\mathbf{f}(\mathbf{a}) = (-3, 4)$", F_A, xytext=(-0.4, 1.6), textcoords="data",
               fontsize=style.BODY_PT, zorder=6,
               arrowprops=dict(arrowstyle="-", color="black", lw=0.6, shrinkA=2, shrinkB=3))
right.set_aspect("equal")
right.set_xlim(-7.6, 2.2)
right.set_ylim(0.6, 9.8)
right.set_xlabel(r"$y_1$")
right.set_ylabel(r"$y_2$", labelpad=1)
right.legend(loc="upper left", handlelength=2.6, borderaxespad=0.2)
fig.subplots_adjust(left=0.08, right=0.99, bottom=0.13, top=0.99, wspace=0.28)
style.save(fig, __file__)
