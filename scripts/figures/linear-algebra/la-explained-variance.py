"""Scree plot: explained-variance ratio of each principal component of a seeded 10-feature data set.

Bars show each component's ratio lambda_j / sum(lambda); the line shows the cumulative ratio.
Used by book/linear-algebra/pca.md (fig-la-explained-variance).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(7)
n, d = 500, 10
# Three strong hidden directions, then weak ones, mixed by a random rotation and blurred by noise.
spread = np.array([3.0, 2.0, 1.3, 0.7, 0.5, 0.4, 0.3, 0.25, 0.2, 0.15])
Q, _ = np.linalg.qr(rng.standard_normal((d, d)))
X = (rng.standard_normal((n, d)) * spread) @ Q.T + 0.1 * rng.standard_normal((n, d))

Xc = X - X.mean(axis=0)
sigma = np.linalg.svd(Xc, compute_uv=False)
lam = sigma**2 / (n - 1)
ratio = lam / lam.sum()
cumulative = np.cumsum(ratio)
k = np.arange(1, d + 1)

fig, ax = style.figure(12, 7)
ax.bar(k, ratio, width=0.6, color=style.colour(0), edgecolor="black", linewidth=0.5,
       label="ratio of component $j$")
ax.plot(k, cumulative, **style.line(1, color="black", markevery=1, markersize=5,
                                    markerfacecolor="white"), label="cumulative ratio")
ax.axhline(0.9, color=style.GREY, lw=0.8, ls=":", zorder=0)
ax.annotate("90%", (0.45, 0.9), textcoords="offset points", xytext=(0, 3), ha="left",
            color=style.GREY)

ax.set_xticks(k)
ax.set_xlim(0.4, d + 0.6)
ax.set_ylim(0, 1.05)
ax.set_xlabel(r"component $j$")
ax.set_ylabel("explained-variance ratio")
ax.legend(loc="center right")

style.save(fig, __file__)
