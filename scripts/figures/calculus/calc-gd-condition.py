"""Gradient descent with the best constant step on two quadratics, f(x) = (x1^2 + kappa x2^2)/2.

Left kappa = 2, right kappa = 9, both from x0 = (9, 1) with eta = 2/(L + mu): the
error shrinks by (kappa - 1)/(kappa + 1) per step, 1/3 on the left and 4/5 on the
right, where the iterates zigzag across the narrow valley.

Used by book/calculus/gradient-descent.md (fig-calc-gd-condition).
"""

import numpy as np

from figures import style

START = np.array([9.0, 1.0])
PANELS = ((2.0, 6), (9.0, 12))  # (condition number, steps drawn)

fig, axes = style.figure(15, 5.4, ncols=2, sharey=True)
grid1, grid2 = np.meshgrid(np.linspace(-1.5, 10.5, 481), np.linspace(-3.5, 3.5, 281))

for ax, (kappa, steps) in zip(axes, PANELS):
    curvature = np.array([1.0, kappa])
    eta = 2.0 / (kappa + 1.0)
    points = [START]
    for _ in range(steps):
        points.append(points[-1] - eta * curvature * points[-1])
    points = np.array(points)

    values = 0.5 * (grid1**2 + kappa * grid2**2)
    levels = 0.5 * (curvature * points[:5] ** 2).sum(axis=1)[::-1]
    ax.contour(grid1, grid2, values, levels=levels, colors=style.GREY, linewidths=0.6)
    ax.plot(points[:, 0], points[:, 1], **style.line(0 if kappa < 5 else 1, markevery=1, lw=1.1))
    ax.plot([0], [0], marker="*", color="black", ms=8, ls="none")
    ax.annotate(r"$\mathbf{x}_0$", START, xytext=(-4, 6), textcoords="offset points")
    ax.annotate(r"$\mathbf{x}^\star$", (0, 0), xytext=(-16, -15), textcoords="offset points")
    ax.text(0.03, 0.96, rf"$\kappa = {kappa:g}$,  $\eta = {'2/3' if kappa < 5 else '1/5'}$",
            transform=ax.transAxes, va="top", bbox=dict(facecolor="white", edgecolor="none", pad=1.5))
    ax.set_aspect("equal")
    ax.set_xlim(-1.5, 10.5)
    ax.set_ylim(-3.5, 3.5)
    ax.set_xlabel(r"$x_1$")
axes[0].set_ylabel(r"$x_2$")

style.save(fig, __file__)
