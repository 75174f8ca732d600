"""Running means of five independent sample paths of Exponential(1) draws (mean 1,
standard deviation 1), against the bands 1 +/- 2 sigma / sqrt(n), for n = 1 to 2000
on a logarithmic axis.

Used by book/probability/limits.md (fig-prob-lln-paths).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(20261202)
paths, n_max = 5, 2000
n = np.arange(1, n_max + 1)
draws = rng.exponential(1.0, size=(paths, n_max))
running = np.cumsum(draws, axis=1) / n

fig, ax = style.figure(12, 7)
ax.fill_between(n, 1 - 2 / np.sqrt(n), 1 + 2 / np.sqrt(n), color=style.LIGHT_GREY, lw=0, zorder=0)
ax.plot(n, 1 + 2 / np.sqrt(n), color=style.GREY, lw=0.8, ls="--", zorder=1)
ax.plot(n, 1 - 2 / np.sqrt(n), color=style.GREY, lw=0.8, ls="--", zorder=1)
ax.axhline(1.0, color="black", lw=0.8, zorder=1)
for i in range(paths):
    ax.plot(n, running[i], **style.line(i, marker=None, lw=1.1), zorder=2)
ax.set_xscale("log")
ax.set_xlim(1, n_max)
ax.set_ylim(-0.1, 2.6)
ax.set_xlabel(r"number of draws $n$")
ax.set_ylabel(r"running mean $\bar{X}_n$")
ax.annotate(r"$\mu \pm 2\sigma/n^{1/2}$", (60, 1 - 2 / np.sqrt(60)), xytext=(4, -14),
            textcoords="offset points", fontsize=style.BODY_PT, color=style.GREY)
fig.tight_layout()
style.save(fig, __file__)
