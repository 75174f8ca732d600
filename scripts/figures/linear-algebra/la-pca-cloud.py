"""A seeded 2-D Gaussian point cloud with its mean and its two principal directions.

The arrows start at the sample mean and have lengths sqrt(lambda_1) and sqrt(lambda_2),
the standard deviations of the data along the principal directions w_1 and w_2.
Used by book/linear-algebra/pca.md (fig-la-pca-cloud).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(20240607)
mean = np.array([3.0, 2.0])
cov = np.array([[3.0, 1.5], [1.5, 1.25]])
X = rng.multivariate_normal(mean, cov, size=200)

xbar = X.mean(axis=0)
Xc = X - xbar
S = Xc.T @ Xc / (len(X) - 1)
lam, W = np.linalg.eigh(S)           # ascending eigenvalues
lam, W = lam[::-1], W[:, ::-1]        # largest first
# Eigenvectors have no preferred sign: let w_1 point right and w_2 a quarter turn anticlockwise.
W[:, 0] *= np.sign(W[0, 0])
W[:, 1] = [-W[1, 0], W[0, 0]]

fig, ax = style.figure(12, 8)
ax.scatter(X[:, 0], X[:, 1], s=7, color=style.colour(5), edgecolors="none", alpha=0.75, zorder=1)

# The first principal axis: the line through the mean along w_1.
t = np.array([-4.0, 4.0])
ax.plot(xbar[0] + t * W[0, 0], xbar[1] + t * W[1, 0], color=style.GREY, lw=0.8, ls="--", zorder=0)

arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.009, headwidth=4, headlength=5,
             headaxislength=4.5, zorder=3)
for i, (dx, dy) in enumerate((np.sqrt(lam) * W).T):
    ax.quiver(*xbar, dx, dy, color=("black" if i == 0 else style.colour(1)), **arrow)

tip1 = xbar + np.sqrt(lam[0]) * W[:, 0]
tip2 = xbar + np.sqrt(lam[1]) * W[:, 1]
# A white box keeps each label legible over the points; zorder 2 puts it under the arrows.
label = dict(textcoords="offset points", zorder=2,
             bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.85))
ax.annotate(r"$\sqrt{\lambda_1}\,\mathbf{w}_1$", tip1, xytext=(4, -12), **label)
ax.annotate(r"$\sqrt{\lambda_2}\,\mathbf{w}_2$", tip2, xytext=(-44, 2), color=style.colour(1), **label)
ax.plot(*xbar, "o", color="white", mec="black", mew=1.2, ms=6, zorder=4)
ax.annotate(r"$\bar{\mathbf{x}}$", xbar, xytext=(2, -15), **label)

ax.set_aspect("equal")
ax.set_xlim(-1.5, 8.0)
ax.set_ylim(-1.0, 5.5)
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")

style.save(fig, __file__)
