"""The column space of a 3x2 matrix: a plane through the origin in R^3, a vector off it,
and the left null space, the line through the origin at right angles to the plane.

Used by book/linear-algebra/subspaces.md (fig-la-subspaces-plane).
"""

import numpy as np
from mpl_toolkits.mplot3d.art3d import Poly3DCollection

from figures import style

# A = [a1 a2] with a1 = (2, 0, 1) and a2 = (0, 2, 1): C(A) is the plane 2 x3 = x1 + x2.
a1 = np.array([2.0, 0.0, 1.0])
a2 = np.array([0.0, 2.0, 1.0])
b = np.array([1.0, 1.0, 3.0])
normal = np.array([-1.0, -1.0, 2.0])  # spans N(A^T): A^T normal = 0
foot = b - (normal @ b) / (normal @ normal) * normal  # the point of the plane nearest to b

fig, ax = style.figure(15, 12.5, subplot_kw={"projection": "3d"})
ax.view_init(elev=18, azim=-60)  # looks across the plane, so b stands clearly above it
ax.set_proj_type("ortho")

# The plane, as the parallelogram s*a1 + t*a2 with s, t in [low, high].
low, high = -0.6, 1.1
corners = [s * a1 + t * a2 for s, t in ((low, low), (high, low), (high, high), (low, high))]
patch = Poly3DCollection([corners], facecolor=style.PALETTE["sky"], alpha=0.25,
                         edgecolor=style.colour(0), linewidth=0.6)
ax.add_collection3d(patch)
# Grid lines of the combinations s*a1 + t*a2 at s, t = -0.5, 0, 0.5, 1.
for k in (-0.5, 0.0, 0.5, 1.0):
    for u, v in ((a1, a2), (a2, a1)):
        p, q = k * u + low * v, k * u + high * v
        ax.plot(*zip(p, q), color=style.colour(0), lw=0.4, alpha=0.5)

# The left null space: the line through the origin along the normal (-1, -1, 2).
t = np.array([-0.85, 0.85])
ax.plot(*(np.outer(t, normal).T), color=style.PALETTE["green"], lw=1.4, linestyle="-.")


def arrow(v, **kw):
    ax.quiver(0, 0, 0, *v, arrow_length_ratio=0.12, linewidth=1.6, **kw)


arrow(a1, color=style.colour(0))
arrow(a2, color=style.colour(0))
arrow(b, color=style.colour(1))
ax.plot(*zip(b, foot), color=style.colour(1), lw=1.0, linestyle=":")
ax.plot(*foot, "o", color=style.colour(1), ms=3)
ax.plot(0, 0, 0, "o", color="black", ms=3)

ax.text(*(a1 + [0.1, 0.0, -0.35]), r"$\mathbf{a}_1$", color=style.colour(0))
ax.text(*(a2 + [0.0, 0.1, 0.1]), r"$\mathbf{a}_2$", color=style.colour(0))
ax.text(*(b + [0.1, 0.0, 0.05]), r"$\mathbf{b}$", color=style.colour(1))
ax.text(*(0.85 * normal + [0.0, 0.0, 0.15]), r"$N(\mathbf{A}^\top)$",
        color=style.PALETTE["green"], ha="center")
ax.text(*(high * a1 + low * a2 + [0.1, 0.0, -0.3]), r"$C(\mathbf{A})$",
        color=style.colour(0), ha="left")

ax.set_xlim(-1.2, 2.2)
ax.set_ylim(-1.2, 2.2)
ax.set_zlim(-1.7, 3.0)
ax.set_aspect("equal")
ax.set_xlabel(r"$y_1$", labelpad=-8)
ax.set_ylabel(r"$y_2$", labelpad=-8)
ax.set_zlabel(r"$y_3$", labelpad=-8)
ax.set_xticks([-1, 0, 1, 2])
ax.set_yticks([0, 1, 2])  # no -1: it would meet the first axis's 2 at the front corner
ax.set_zticks([-1, 0, 1, 2, 3])
ax.tick_params(pad=-3, labelsize=style.BODY_PT - 2)
for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
    axis.pane.set_facecolor("white")
    axis.pane.set_edgecolor(style.LIGHT_GREY)
    axis._axinfo["grid"].update(color=style.LIGHT_GREY, linewidth=0.4)

style.save(fig, __file__)
