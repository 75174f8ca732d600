"""Contours of f(x) = x1^2 + 3 x2^2 with gradient arrows at six points, perpendicular to the level sets.

Used by book/calculus/gradient.md (fig-calc-gradient-contours).
"""

import numpy as np

from figures import style

LEVELS = [1, 3, 6, 10]
SCALE = 0.15  # every arrow is 0.15 times the gradient


def f(x1, x2):
    return x1**2 + 3 * x2**2


def grad(p):
    return np.array([2 * p[0], 6 * p[1]])


# Points on the contours: (sqrt(c) cos t, sqrt(c/3) sin t) lies on f = c.
POINTS = []
for c, t in ((3, 0.35), (3, 2.2), (6, 1.25), (6, 4.3), (10, 5.6), (10, 2.9)):
    POINTS.append(np.array([np.sqrt(c) * np.cos(t), np.sqrt(c / 3) * np.sin(t)]))

fig, ax = style.figure(12, 7.6)
g1, g2 = np.meshgrid(np.linspace(-4.2, 4.2, 401), np.linspace(-2.6, 2.6, 301))
contours = ax.contour(g1, g2, f(g1, g2), levels=LEVELS, colors=style.GREY, linewidths=0.8)
ax.clabel(contours, fmt=lambda v: f"{v:g}", fontsize=style.BODY_PT - 1, inline_spacing=3,
          manual=[(0.0, np.sqrt(c / 3)) for c in LEVELS])

for p in POINTS:
    tip = p + SCALE * grad(p)
    ax.annotate("", xy=tip, xytext=p, zorder=4,
                arrowprops=dict(arrowstyle="-|>,head_length=0.45,head_width=0.22",
                                color=style.colour(1), lw=1.5, shrinkA=0, shrinkB=0))
    ax.plot(*p, "o", color="black", ms=3, zorder=5)

ax.plot(0, 0, "+", color="black", ms=6, mew=1)
ax.set_xlim(-4.2, 4.2)
ax.set_ylim(-2.6, 2.6)
ax.set_aspect("equal")
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$", labelpad=1)
fig.subplots_adjust(left=0.1, right=0.99, bottom=0.12, top=0.99)
style.save(fig, __file__)
