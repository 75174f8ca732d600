"""Contours of the 2-D Gaussian N(mu, Sigma) with mu = (1, 2), Sigma = [[5, 2], [2, 2]],
its eigenvector axes, and the conditional slice at x1 = a = 3.5.

Left: the ellipses of Mahalanobis distance 1, 2 and 3, the two principal axes
(eigenvectors of Sigma scaled by the square roots of the eigenvalues 6 and 1), and
the vertical line x1 = 3.5 with the conditional mean 3 marked on it. Right: the
conditional density p(x2 | x1 = 3.5) = N(3, 6/5) against the marginal p(x2) = N(2, 2).

Used by book/probability/gaussian.md (fig-prob-gaussian-conditional).
"""

import numpy as np

from figures import style

mu = np.array([1.0, 2.0])
Sigma = np.array([[5.0, 2.0], [2.0, 2.0]])
a = 3.5
cond_mean = mu[1] + Sigma[1, 0] / Sigma[0, 0] * (a - mu[0])      # 3
cond_var = Sigma[1, 1] - Sigma[1, 0] ** 2 / Sigma[0, 0]          # 6/5

# Eigenvectors of Sigma, fixed by hand (numpy's signs are arbitrary): 6 and 1.
q1 = np.array([2.0, 1.0]) / np.sqrt(5.0)
q2 = np.array([1.0, -2.0]) / np.sqrt(5.0)
lam1, lam2 = 6.0, 1.0

fig, (ax, bx) = style.figure(15, 7.5, ncols=2, gridspec_kw={"width_ratios": [1.25, 1]})

t = np.linspace(0, 2 * np.pi, 361)
for r, ls in ((1, "-"), (2, "--"), (3, ":")):
    pts = mu[:, None] + r * (np.sqrt(lam1) * np.outer(q1, np.cos(t)) + np.sqrt(lam2) * np.outer(q2, np.sin(t)))
    ax.plot(pts[0], pts[1], color="black", lw=0.9, ls=ls, zorder=1)

for q, lam, i, name in ((q1, lam1, 0, r"$\lambda_1^{1/2}\mathbf{q}_1$"), (q2, lam2, 2, r"$\lambda_2^{1/2}\mathbf{q}_2$")):
    tip = mu + np.sqrt(lam) * q
    ax.annotate("", xy=tip, xytext=mu, zorder=3,
                arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.22", color=style.colour(i),
                                lw=1.6, shrinkA=0, shrinkB=0))
    offset = (-40, 6) if i == 0 else (5, -9)
    ax.annotate(name, tip, xytext=offset, textcoords="offset points", fontsize=style.BODY_PT, color=style.colour(i),
                bbox=dict(fc="white", ec="none", pad=0.6), zorder=5)

ax.plot(*mu, "o", color="black", ms=3.5, zorder=4)
ax.annotate(r"$\boldsymbol{\mu}$", mu, xytext=(-14, 2), textcoords="offset points", fontsize=style.BODY_PT)

ax.axvline(a, color=style.colour(1), lw=1.3, ls="-.", zorder=2)
ax.plot(a, cond_mean, "s", color=style.colour(1), ms=4, zorder=4)
ax.annotate(r"$x_1 = 3.5$", (a, -3.4), xytext=(4, 0), textcoords="offset points", fontsize=style.BODY_PT,
            color=style.colour(1))
ax.set_xlim(-6, 8)
ax.set_ylim(-3.8, 7.8)
ax.set_aspect("equal")
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")

x2 = np.linspace(-3.8, 7.8, 400)


def normal(x, m, v):
    return np.exp(-(x - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v)


bx.plot(x2, normal(x2, cond_mean, cond_var), **style.line(1, linestyle="-", marker=None, lw=1.5),
        label=r"$p(x_2 \mid x_1 = 3.5)$")
bx.plot(x2, normal(x2, mu[1], Sigma[1, 1]), **style.line(0, linestyle="--", marker=None, lw=1.2),
        label=r"$p(x_2)$")
bx.vlines(cond_mean, 0, normal(cond_mean, cond_mean, cond_var), color=style.colour(1), lw=0.7, ls=":")
bx.vlines(mu[1], 0, normal(mu[1], mu[1], Sigma[1, 1]), color=style.colour(0), lw=0.7, ls=":")
bx.set_xlabel(r"$x_2$")
bx.set_ylabel("density")
bx.set_xlim(-3.8, 7.8)
bx.set_ylim(0, 0.42)
bx.legend(loc="upper left", frameon=False)

fig.tight_layout()
style.save(fig, __file__)
