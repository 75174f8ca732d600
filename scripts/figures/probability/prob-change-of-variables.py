"""A density pushed through a monotone map: X ~ N(0, 1) and Y = exp(X).

Bottom: the density of X with two intervals of equal width 1/2. Top right: the map
y = e^x, carrying each interval to an interval of y. Top left: the density of Y,
p_Y(y) = p_X(ln y) / y, drawn sideways, with the two image intervals. Each shaded
region has the same area as its partner: the short interval near y = 0.5 gets a tall
density, the long interval near y = 3.5 a low one.
Used by book/probability/transformations.md (fig-prob-change-of-variables).
"""

import numpy as np
from matplotlib import gridspec

from figures import style


def p_x(x):
    return np.exp(-x**2 / 2) / np.sqrt(2 * np.pi)


def p_y(y):
    return p_x(np.log(y)) / y


fig, _ = style.figure(14, 10)
fig.clf()
grid = gridspec.GridSpec(2, 2, figure=fig, width_ratios=(1, 2.2), height_ratios=(2.2, 1),
                         wspace=0.08, hspace=0.08)
ax_map = fig.add_subplot(grid[0, 1])
ax_x = fig.add_subplot(grid[1, 1], sharex=ax_map)
ax_y = fig.add_subplot(grid[0, 0], sharey=ax_map)

xs = np.linspace(-2.5, 2.0, 400)
ys = np.linspace(0.02, 7.4, 600)
intervals = [(-1.0, -0.5), (1.0, 1.5)]
colours = [style.colour(0), style.colour(1)]
hatches = ["", "//"]

# The map y = e^x.
ax_map.plot(xs, np.exp(xs), color="black", lw=1.2)
ax_map.annotate(r"$y = e^x$", (1.75, np.exp(1.75)), xytext=(-30, 2), textcoords="offset points", ha="right")

# The density of X, below.
ax_x.plot(xs, p_x(xs), color="black", lw=1.0)
# The density of Y, sideways on the left (its values grow to the left).
ax_y.plot(p_y(ys), ys, color="black", lw=1.0)

for (a, b), colour, hatch in zip(intervals, colours, hatches):
    seg = np.linspace(a, b, 50)
    ax_x.fill_between(seg, 0, p_x(seg), color=colour, alpha=0.35, hatch=hatch, lw=0)
    ys_seg = np.exp(seg)
    ax_y.fill_betweenx(ys_seg, 0, p_y(ys_seg), color=colour, alpha=0.35, hatch=hatch, lw=0)
    # Guides from the x-interval up to the curve and across to the y-axis.
    for end in (a, b):
        ax_map.plot([end, end], [-0.2, np.exp(end)], color=colour, lw=0.7, ls="--")
        ax_map.plot([-2.5, end], [np.exp(end), np.exp(end)], color=colour, lw=0.7, ls="--")

ax_x.annotate(r"$p_X(x)$", (-1.9, 0.25), ha="center")
ax_y.annotate(r"$p_Y(y)$", (0.5, 1.6), ha="center")

ax_map.set_xlim(-2.5, 2.0)
ax_map.set_ylim(-0.2, 7.4)
ax_map.tick_params(labelbottom=False, labelleft=False)
ax_x.set_ylim(0, 0.45)
ax_x.set_xlabel(r"$x$")
ax_x.set_yticks([0, 0.2, 0.4])
ax_y.set_xlim(0.75, 0)
ax_y.set_ylabel(r"$y$")
ax_y.set_xticks([0.6, 0.3])   # a 0 tick would collide with the bottom panel's 0.4
ax_y.set_xlabel("density")   # read from right to left: the density of Y grows to the left
for ax in (ax_map, ax_x, ax_y):
    ax.spines[["top", "right"]].set_visible(False)

style.save(fig, __file__)
