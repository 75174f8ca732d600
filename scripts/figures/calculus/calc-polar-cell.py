"""A polar grid with two cells of the same steps in r and theta: the outer cell is larger.

A cell between r and r + dr and between theta and theta + dtheta is nearly a rectangle
with sides dr and r dtheta. Used by book/calculus/integrals.md (fig-calc-polar-cell).
"""

import numpy as np
from matplotlib.patches import Polygon

from figures import style

DR, DTHETA = 0.5, np.radians(15)
RADII = np.arange(DR, 2.5 + DR / 2, DR)
ANGLES = np.arange(0, np.pi / 2 + DTHETA / 2, DTHETA)
T0 = 2 * DTHETA  # the shaded cells span the angles 30 to 45 degrees


def cell(r0, t0):
    """The polar cell [r0, r0 + DR] x [t0, t0 + DTHETA] as a polygon (arcs sampled finely)."""
    t = np.linspace(t0, t0 + DTHETA, 30)
    outer = np.column_stack([(r0 + DR) * np.cos(t), (r0 + DR) * np.sin(t)])
    inner = np.column_stack([r0 * np.cos(t[::-1]), r0 * np.sin(t[::-1])])
    return np.vstack([outer, inner])


fig, ax = style.figure(9, 8.4)

# The grid: circles and rays in light grey.
t = np.linspace(0, np.pi / 2, 200)
for radius in RADII:
    ax.plot(radius * np.cos(t), radius * np.sin(t), color=style.LIGHT_GREY, linewidth=0.7, zorder=1)
for angle in ANGLES:
    ax.plot([0, RADII[-1] * np.cos(angle)], [0, RADII[-1] * np.sin(angle)], color=style.LIGHT_GREY,
            linewidth=0.7, zorder=1)

# Two cells with the same steps: near the origin (hatched) and farther out (filled).
ax.add_patch(Polygon(cell(1.0, T0), closed=True, facecolor="none", edgecolor=style.colour(0), hatch="////",
                     linewidth=1.0, zorder=2))
ax.add_patch(Polygon(cell(2.0, T0), closed=True, facecolor=style.PALETTE["sky"], alpha=0.45,
                     edgecolor="none", zorder=2))
ax.add_patch(Polygon(cell(2.0, T0), closed=True, fill=False, edgecolor=style.colour(0), linewidth=1.0, zorder=3))

# Labels on the outer cell: its radial side (at angle T0) and its outer arc.
mid = 2.0 + DR / 2
ax.annotate(r"$\Delta r$", (mid * np.cos(T0), mid * np.sin(T0)), textcoords="offset points", xytext=(6, -9),
            ha="left", va="center")
arc_mid = T0 + DTHETA / 2
ax.annotate(r"$r\,\Delta\theta$", ((2.0 + DR) * np.cos(arc_mid), (2.0 + DR) * np.sin(arc_mid)),
            textcoords="offset points", xytext=(5, 4), ha="left", va="bottom")
# The angle step, marked near the origin.
t = np.linspace(T0, T0 + DTHETA, 30)
ax.plot(0.35 * np.cos(t), 0.35 * np.sin(t), color="black", linewidth=0.8, zorder=3)
ax.annotate(r"$\Delta\theta$", (0.35 * np.cos(arc_mid), 0.35 * np.sin(arc_mid)), textcoords="offset points",
            xytext=(4, 2), ha="left", va="bottom")
for angle in (T0, T0 + DTHETA):
    ax.plot([0, 2.5 * np.cos(angle)], [0, 2.5 * np.sin(angle)], color=style.GREY, linewidth=0.8,
            linestyle="--", zorder=2)

ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$y$")
ax.set_xlim(0, 2.75)
ax.set_ylim(0, 2.75)
ax.set_aspect("equal")
ax.set_xticks([0, 1, 2])
ax.set_yticks([0, 1, 2])
style.save(fig, __file__)
