"""The projection p of b = (2, 3) onto the line through a = (2, 1), with the error e = b - p.

The numbers are those of the worked example ex-la-projection-line.
Used by book/linear-algebra/orthogonality.md (fig-la-projection-line).
"""

import numpy as np

from figures import style

a = np.array([2.0, 1.0])
b = np.array([2.0, 3.0])
p = (a @ b) / (a @ a) * a  # (14/5, 7/5)
e = b - p                  # (-4/5, 8/5)

fig, ax = style.figure(10, 7.2)


def arrow(tail, tip, colour, linestyle="-", lw=1.4):
    ax.annotate("", xy=tip, xytext=tail,
                arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.22", color=colour,
                                lw=lw, linestyle=linestyle, shrinkA=0, shrinkB=0))


# The line through a: every multiple t*a.
ts = np.array([-0.25, 2.2])
ax.plot(ts * a[0], ts * a[1], color=style.GREY, lw=0.8, linestyle=(0, (1, 2)), zorder=0)

arrow((0, 0), b, "black")
arrow((0, 0), p, style.colour(1), lw=2.4)
arrow((0, 0), a, style.colour(0), lw=1.4)
arrow(p, b, style.colour(2), linestyle="--")

# Right-angle mark at p, with sides along a and along e.
s = 0.2
u, w = a / np.linalg.norm(a), e / np.linalg.norm(e)
corner = np.array([p + s * u, p + s * u + s * w, p + s * w])
ax.plot(corner[:, 0], corner[:, 1], color="black", lw=0.7)

ax.annotate(r"$\mathbf{a}$", a / 2, textcoords="offset points", xytext=(2, -13), color=style.colour(0))
ax.annotate(r"$\mathbf{p}$", (a + p) / 2, textcoords="offset points", xytext=(2, -13), color=style.colour(1))
ax.annotate(r"$\mathbf{b}$", b / 2, textcoords="offset points", xytext=(-13, 2))
ax.annotate(r"$\mathbf{e} = \mathbf{b} - \mathbf{p}$", (p + b) / 2, textcoords="offset points",
            xytext=(6, 0), color=style.colour(2))
ax.annotate(r"line through $\mathbf{a}$", 1.62 * a, textcoords="offset points", xytext=(2, -4),
            color=style.GREY, fontsize=style.BODY_PT - 1, rotation=np.degrees(np.arctan2(a[1], a[0])),
            rotation_mode="anchor", ha="left", va="top")
for point in (a, b, p):
    ax.plot(*point, "o", color="black", ms=2.5)

ax.set_xlim(-0.6, 4.5)
ax.set_ylim(-0.5, 3.4)
ax.set_aspect("equal")
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

style.save(fig, __file__)
