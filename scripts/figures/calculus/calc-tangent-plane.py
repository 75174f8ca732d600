"""The surface z = x^2 y + y^3 and its tangent plane at (2, 1): the best linear approximation.

Used by book/calculus/gradient.md (fig-calc-tangent-plane).
"""

import numpy as np

from figures import style

A = np.array([2.0, 1.0])
F_A = A[0] ** 2 * A[1] + A[1] ** 3          # f(2, 1) = 5
GRAD = np.array([2 * A[0] * A[1], A[0] ** 2 + 3 * A[1] ** 2])  # (4, 7)


def f(x, y):
    return x**2 * y + y**3


def plane(x, y):
    return F_A + GRAD[0] * (x - A[0]) + GRAD[1] * (y - A[1])


fig, ax0 = style.figure(12, 9)
ax0.remove()
ax = fig.add_subplot(projection="3d")
x, y = np.meshgrid(np.linspace(1.0, 3.0, 21), np.linspace(0.2, 1.8, 17))
ax.plot_wireframe(x, y, f(x, y), color=style.colour(0), linewidth=0.6, rstride=2, cstride=2)
px, py = np.meshgrid(np.linspace(1.2, 2.8, 2), np.linspace(0.4, 1.6, 2))
ax.plot_surface(px, py, plane(px, py), color=style.PALETTE["orange"], alpha=0.45, linewidth=0,
                shade=False)
# The outline of the plane, dashed, so that it survives greyscale printing.
edge_x = np.array([1.2, 2.8, 2.8, 1.2, 1.2])
edge_y = np.array([0.4, 0.4, 1.6, 1.6, 0.4])
ax.plot(edge_x, edge_y, plane(edge_x, edge_y), color=style.colour(3), linestyle="--", lw=1.0)
ax.scatter([A[0]], [A[1]], [F_A], color="black", s=14, depthshade=False, zorder=5)

ax.set_xlabel(r"$x$", labelpad=-2)
ax.set_ylabel(r"$y$", labelpad=-2)
ax.set_zlabel(r"$z$", labelpad=-4)
ax.set_xticks([1, 2, 3])
ax.set_yticks([0.5, 1.0, 1.5])
ax.set_zticks([0, 5, 10, 15, 20])
ax.tick_params(pad=-2)
ax.view_init(elev=22, azim=-60)
ax.set_box_aspect((1, 1, 0.8))
fig.subplots_adjust(left=0.0, right=0.95, bottom=0.02, top=1.0)
style.save(fig, __file__)
