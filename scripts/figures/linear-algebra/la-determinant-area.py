"""The unit square and its image under A = [[3, 1], [1, 2]] (det 5) and B = [[1, 3], [2, 1]] (det -5).

B has the columns of A in the opposite order: the same parallelogram, with the
orientation reversed. Used by book/linear-algebra/determinants.md (fig-la-determinant-area).
"""

import numpy as np
from matplotlib.patches import FancyArrowPatch, Polygon

from figures import style

PANELS = [
    (np.array([[3.0, 1.0], [1.0, 2.0]]), r"$\mathbf{A}$", r"$\det\mathbf{A} = 5$", r"$|\det\mathbf{A}| = 5$"),
    (np.array([[1.0, 3.0], [2.0, 1.0]]), r"$\mathbf{B}$", r"$\det\mathbf{B} = -5$", r"$|\det\mathbf{B}| = 5$"),
]

fig, axes = style.figure(12, 6.2, ncols=2, sharey=True)
arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.014, headwidth=4, headlength=5, zorder=4)

for ax, (m, name, det_label, area_label) in zip(axes, PANELS):
    c1, c2 = m[:, 0], m[:, 1]

    # The unit square: dashed outline over a light grey fill.
    square = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)], closed=True, facecolor=style.LIGHT_GREY,
                     edgecolor="black", linestyle="--", linewidth=0.8, zorder=1)
    ax.add_patch(square)

    # Its image: the parallelogram spanned by the columns, hatched so it survives greyscale.
    corners = [(0, 0), tuple(c1), tuple(c1 + c2), tuple(c2)]
    ax.add_patch(Polygon(corners, closed=True, facecolor=style.PALETTE["sky"], alpha=0.3,
                         edgecolor="none", zorder=2))
    ax.add_patch(Polygon(corners, closed=True, fill=False, hatch="///", edgecolor=style.PALETTE["sky"],
                         linewidth=0, zorder=2))
    ax.add_patch(Polygon(corners, closed=True, fill=False, edgecolor=style.PALETTE["blue"],
                         linewidth=1.0, zorder=3))

    # The images of e1 (vermillion) and e2 (orange): the columns of the matrix.
    ax.quiver(0, 0, *c1, color=style.colour(1), **arrow)
    ax.quiver(0, 0, *c2, color=style.PALETTE["orange"], **arrow)

    # A curved arrow from the image of e1 to the image of e2 shows the orientation.
    a1, a2 = np.arctan2(c1[1], c1[0]), np.arctan2(c2[1], c2[0])
    r = 0.85
    turn = FancyArrowPatch((r * np.cos(a1), r * np.sin(a1)), (r * np.cos(a2), r * np.sin(a2)),
                           connectionstyle=f"arc3,rad={0.35 if a2 > a1 else -0.35}",
                           arrowstyle="-|>", mutation_scale=9, color="black", linewidth=0.8, zorder=5)
    ax.add_patch(turn)

    # Labels: the columns at their tips, the area inside the parallelogram.
    ax.annotate(name + r"$\mathbf{e}_1$", c1, textcoords="offset points",
                xytext=(4, -6) if c1[0] > c1[1] else (-30, 4), color=style.colour(1))
    ax.annotate(name + r"$\mathbf{e}_2$", c2, textcoords="offset points",
                xytext=(4, -6) if c2[0] > c2[1] else (-30, 4), color=style.PALETTE["orange"])
    centre = (c1 + c2) / 2
    ax.text(centre[0] + 0.2, centre[1] - 0.02, "area\n" + area_label, ha="center", va="center",
            linespacing=1.05, fontsize=style.BODY_PT - 1, zorder=6,
            bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none"))
    ax.text(centre[0] + 0.2, -0.75, det_label, ha="center", va="center")

    ax.set_xlim(-0.6, 4.6)
    ax.set_ylim(-1.1, 3.6)
    ax.set_aspect("equal")
    ax.set_xlabel(r"$x_1$")
    ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
    ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

axes[0].set_ylabel(r"$x_2$")

style.save(fig, __file__)
