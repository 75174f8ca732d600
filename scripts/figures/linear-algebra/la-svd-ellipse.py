"""The unit circle and its image under A = [[2, 3], [0, 2]]: an ellipse with semi-axes 4 u1 and u2.

The right singular vectors v1 = (1, 2)/sqrt(5) and v2 = (-2, 1)/sqrt(5) on the circle go to
A v1 = 4 u1 and A v2 = u2, with u1 = (2, 1)/sqrt(5) and u2 = (-1, 2)/sqrt(5), as in the
worked example ex-la-svd-2x2.

Used by book/linear-algebra/svd.md (fig-la-svd-ellipse).
"""

import numpy as np
from matplotlib.patches import FancyArrowPatch

from figures import style

A = np.array([[2.0, 3.0], [0.0, 2.0]])
U, s, Vt = np.linalg.svd(A)
# Fix the signs to match the text: v1 = (1, 2)/sqrt(5), v2 = (-2, 1)/sqrt(5).
signs = np.sign([Vt[0, 1], Vt[1, 1]])
Vt = Vt * signs[:, None]
U = U * signs[None, :]
v1, v2 = Vt[0], Vt[1]
u1, u2 = U[:, 0], U[:, 1]

t = np.linspace(0, 2 * np.pi, 400)
circle = np.vstack([np.cos(t), np.sin(t)])
ellipse = A @ circle

fig, (left, right) = style.figure(15, 6.2, ncols=2,
                                  gridspec_kw={"width_ratios": [1, 2.1], "wspace": 0.6})


def arrow(ax, tip, i):
    """An arrow from the origin to ``tip`` in the colour of series ``i``, equal in both panels."""
    ax.annotate("", xy=tip, xytext=(0, 0),
                arrowprops=dict(arrowstyle="-|>", lw=1.4, color=style.colour(i), mutation_scale=10,
                                shrinkA=0, shrinkB=0))


def diameter(ax, half):
    ax.plot([-half[0], half[0]], [-half[1], half[1]],
            color=style.GREY, lw=0.6, linestyle="--", zorder=0)


# Left: the unit circle and the orthonormal right singular vectors.
left.plot(*circle, color="black", lw=1.2)
diameter(left, v1)
diameter(left, v2)
arrow(left, v1, 0)
arrow(left, v2, 1)
left.annotate(r"$\mathbf{v}_1$", v1, textcoords="offset points", xytext=(4, 2),
              color=style.colour(0))
left.annotate(r"$\mathbf{v}_2$", v2, textcoords="offset points", xytext=(-21, 4),
              color=style.colour(1))
left.set_xlim(-1.4, 1.4)
left.set_ylim(-1.4, 1.4)
left.set_xticks([-1, 0, 1])
left.set_yticks([-1, 0, 1])
left.set_xlabel(r"$x_1$")
left.set_ylabel(r"$x_2$")

# Right: the image ellipse, with semi-axes sigma_1 u_1 and sigma_2 u_2.
right.plot(*ellipse, color="black", lw=1.2)
diameter(right, s[0] * u1)
diameter(right, s[1] * u2)
arrow(right, s[0] * u1, 0)
arrow(right, s[1] * u2, 1)
# Labels outside the ellipse: below right of sigma_1 u_1, above left of sigma_2 u_2.
right.text(1.5, -0.6, r"$\mathbf{A}\mathbf{v}_1 = \sigma_1\mathbf{u}_1$",
           ha="left", va="center", color=style.colour(0))
right.text(-0.35, 1.35, r"$\mathbf{A}\mathbf{v}_2 = \sigma_2\mathbf{u}_2$",
           ha="right", va="center", color=style.colour(1))
right.set_xlim(-4.3, 4.3)
right.set_ylim(-2.6, 2.6)
right.set_xticks([-4, -2, 0, 2, 4])
right.set_yticks([-2, 0, 2])
right.set_xlabel(r"$y_1$")
right.set_ylabel(r"$y_2$")

for ax in (left, right):
    ax.set_aspect("equal")
    ax.axhline(0, color=style.LIGHT_GREY, lw=0.5, zorder=0)
    ax.axvline(0, color=style.LIGHT_GREY, lw=0.5, zorder=0)

# An arrow y = A x between the panels, from the left panel's edge to the right panel's y label.
fig.canvas.draw()
renderer = fig.canvas.get_renderer()
to_figure = fig.transFigure.inverted()
start = to_figure.transform(left.get_window_extent(renderer).p1)[0] + 0.01
label_box = right.yaxis.get_tightbbox(renderer)
end = to_figure.transform((label_box.x0, 0))[0] - 0.015
a = left.get_position()
y_mid = (a.y0 + a.y1) / 2
link = FancyArrowPatch((start, y_mid), (end, y_mid), transform=fig.transFigure,
                       arrowstyle="-|>", mutation_scale=10, lw=0.9, color="black")
fig.add_artist(link)
fig.text((start + end) / 2, y_mid + 0.03, r"$\mathbf{y} = \mathbf{A}\mathbf{x}$",
         ha="center", va="bottom")

style.save(fig, __file__)
