"""Histograms of the standardised sample mean sqrt(n) (Xbar_n - 1) of n Exponential(1)
draws, for n = 1, 2, 10 and 50 (40 000 repetitions each), against the standard
normal density.

Used by book/probability/limits.md (fig-prob-clt-histograms).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(31415)
reps = 40_000
sizes = (1, 2, 10, 50)
z = np.linspace(-3.5, 4.5, 400)
phi = np.exp(-z**2 / 2) / np.sqrt(2 * np.pi)
bins = np.linspace(-3.5, 4.5, 41)

fig, axes = style.figure(15, 9, nrows=2, ncols=2, sharex=True, sharey=True)
for ax, n in zip(axes.flat, sizes):
    means = rng.exponential(1.0, size=(reps, n)).mean(axis=1)
    standardised = np.sqrt(n) * (means - 1.0)
    ax.hist(standardised, bins=bins, density=True, color=style.colour(0), alpha=0.45,
            edgecolor=style.colour(0), lw=0.4)
    ax.plot(z, phi, color="black", lw=1.2, ls="--")
    ax.text(0.97, 0.9, rf"$n = {n}$", transform=ax.transAxes, ha="right", va="top", fontsize=style.BODY_PT)
    ax.set_xlim(-3.5, 4.5)
    ax.set_ylim(0, 1.05)
for ax in axes[1]:
    ax.set_xlabel(r"$n^{1/2}(\bar{X}_n - \mu)/\sigma$")
for ax in axes[:, 0]:
    ax.set_ylabel("density")
fig.tight_layout()
style.save(fig, __file__)
