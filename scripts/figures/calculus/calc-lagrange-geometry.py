"""Level sets of f(x, y) = x^2 + 2y^2, the constraint line x + y = 3, and the gradients.

At the constrained minimum (2, 1) the gradient of f is parallel to the gradient of
the constraint; at the feasible point (3, 0) it is not, and moving along the line
lowers f. Used by book/calculus/constrained.md (fig-calc-lagrange-geometry).
"""

import numpy as np

from figures import style

fig, ax = style.figure(12, 8.4)

# Level sets f = c of f(x, y) = x^2 + 2 y^2: ellipses x = sqrt(c) cos t, y = sqrt(c/2) sin t.
t = np.linspace(0, 2 * np.pi, 400)
for c, dash in ((2, ":"), (6, "-"), (12, "--")):
    ax.plot(np.sqrt(c) * np.cos(t), np.sqrt(c / 2) * np.sin(t), color=style.colour(0), linestyle=dash,
            linewidth=1.0, zorder=2)
ax.text(0.0, 0.2, r"$f = 2$", ha="center", va="bottom", color=style.colour(0))
ax.text(-1.55, 1.55, r"$f = 6$", ha="center", va="bottom", color=style.colour(0))
ax.text(-2.2, 2.3, r"$f = 12$", ha="center", va="bottom", color=style.colour(0))

# The constraint line h(x, y) = x + y - 3 = 0.
xs = np.linspace(-0.6, 4.2, 2)
ax.plot(xs, 3 - xs, color=style.colour(1), linewidth=1.4, linestyle="-.", zorder=3)
ax.text(0.05, 3.05, r"$x + y = 3$", color=style.colour(1), ha="left", va="bottom")

arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.010, headwidth=4, headlength=5, zorder=5)

# At the optimum (2, 1): grad f = (4, 4) (drawn at a quarter of its length) and grad h = (1, 1),
# which point the same way; grad h is dashed and offset a little so that both stay visible.
opt = np.array([2.0, 1.0])
ax.plot(*opt, "o", color="black", markersize=4, zorder=6)
ax.annotate(r"$(2, 1)$", opt, textcoords="offset points", xytext=(-34, -12))
ax.quiver(*opt, 1.0, 1.0, color=style.colour(0), **arrow)
# The two labels sit on opposite sides of the pair of arrows: 1/4 grad f above-left of its
# tip, grad h below-right of its (offset) tip, each on a white patch so no curve crosses it.
label_box = dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none")
ax.annotate(r"$\frac{1}{4}\nabla f$", opt + np.array([1.0, 1.0]), textcoords="offset points", xytext=(-4, 1),
            ha="right", va="bottom", color=style.colour(0), bbox=label_box, zorder=7)
off = np.array([0.12, -0.12])
ax.plot([opt[0] + off[0], opt[0] + off[0] + 0.7], [opt[1] + off[1], opt[1] + off[1] + 0.7],
        color=style.colour(2), linestyle="--", linewidth=1.2, zorder=5)
ax.annotate("", opt + off + np.array([0.75, 0.75]), opt + off + np.array([0.55, 0.55]),
            arrowprops=dict(arrowstyle="-|>", color=style.colour(2), lw=1.0, mutation_scale=8), zorder=5)
ax.annotate(r"$\nabla h$", opt + off + np.array([0.75, 0.75]), textcoords="offset points", xytext=(4, -2),
            ha="left", va="top", color=style.colour(2), bbox=label_box, zorder=7)

# At the feasible point (3, 0): grad f = (6, 0) (a quarter: (1.5, 0)) is not parallel to grad h.
other = np.array([3.0, 0.0])
ax.plot(*other, "s", color="black", markersize=4, zorder=6)
ax.text(2.55, -0.62, r"$(3, 0)$")
ax.quiver(*other, 1.5, 0.0, color=style.colour(0), **arrow)
ax.annotate(r"$\frac{1}{4}\nabla f$", other + np.array([1.5, 0.0]), textcoords="offset points", xytext=(-20, 5),
            color=style.colour(0))
ax.quiver(*other, 0.7, 0.7, color=style.colour(2), **arrow)
ax.annotate(r"$\nabla h$", other + np.array([0.7, 0.7]), textcoords="offset points", xytext=(3, 0),
            color=style.colour(2))

ax.set_xlim(-3.8, 5.0)
ax.set_ylim(-2.7, 3.6)
ax.set_aspect("equal")
ax.set_xlabel(r"$x$")
ax.set_ylabel(r"$y$")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

style.save(fig, __file__)
