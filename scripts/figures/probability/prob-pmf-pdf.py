"""Two pmfs (binomial, Poisson) and three densities (two normals, exponential, beta) in a 2 x 2 panel.

Used by section 3.2, book/probability/, for fig-prob-pmf-pdf.
"""

import math

import numpy as np

from figures import style

fig, axes = style.figure(15, 10, nrows=2, ncols=2)
(binomial_ax, poisson_ax), (normal_ax, other_ax) = axes


def stems(ax, xs, ps, i, label):
    ax.vlines(xs, 0, ps, color=style.colour(i), lw=1.6)
    ax.plot(xs, ps, linestyle="none", marker=style.MARKERS[i], color=style.colour(i), ms=4, label=label)
    ax.set_ylim(0, 0.32)
    ax.set_xlabel(r"$x$")
    ax.set_ylabel(r"$p(x)$")


n, p = 10, 0.3
xs = np.arange(n + 1)
stems(binomial_ax, xs, [math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in xs], 0, r"$\mathrm{Binomial}(10, 0.3)$")
binomial_ax.set_xticks(range(0, n + 1, 2))

lam = 3
xs = np.arange(13)
stems(poisson_ax, xs, [lam**k * math.exp(-lam) / math.factorial(k) for k in xs], 1, r"$\mathrm{Poisson}(3)$")
poisson_ax.set_xticks(range(0, 13, 2))

x = np.linspace(-3.5, 3.5, 701)
for i, (mu, var) in enumerate([(0, 1), (1, 0.25)]):
    density = np.exp(-((x - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var)
    normal_ax.plot(x, density, **style.line(i, markevery=70),
                   label=rf"$\mathcal{{N}}({mu}, {var:g})$")
normal_ax.set_ylim(0, 0.9)
normal_ax.set_xlabel(r"$x$")
normal_ax.set_ylabel(r"$p(x)$")

t = np.linspace(0, 1.5, 601)
other_ax.plot(t, 2 * np.exp(-2 * t), **style.line(2, markevery=60), label=r"$\mathrm{Exponential}(2)$")
u = np.linspace(0, 1, 401)
other_ax.plot(u, 30 * u * (1 - u) ** 4, **style.line(3, markevery=40), label=r"$\mathrm{Beta}(2, 5)$")
other_ax.set_ylim(0, 2.7)
other_ax.set_xlabel(r"$x$")
other_ax.set_ylabel(r"$p(x)$")

for ax in axes.flat:
    ax.legend(loc="upper left" if ax is normal_ax else "upper right", frameon=False, fontsize=style.BODY_PT - 1)
fig.tight_layout()
style.save(fig, __file__)
