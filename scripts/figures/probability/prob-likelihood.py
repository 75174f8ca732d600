"""The Bernoulli log-likelihood of 7 heads in 10 tosses, with its maximiser p = 0.7 marked.

A second, dotted curve shows the log-likelihood of 70 heads in 100 tosses, shifted
vertically to the same peak height: the same maximiser, a narrower peak.
Used by book/probability/estimation.md (fig-prob-likelihood).
"""

import numpy as np

from figures import style

k, n = 7, 10
# Both ends dive below the axes, which clip them: ell(p) -> -inf as p -> 0 or 1.
p = np.linspace(0.00005, 0.99995, 4001)
ell = k * np.log(p) + (n - k) * np.log(1 - p)
p_hat = k / n
top = k * np.log(p_hat) + (n - k) * np.log(1 - p_hat)
# Ten times the data: ten times the log-likelihood, moved down to the same peak height.
ell_100 = 10 * ell - 10 * top + top

fig, ax = style.figure(12, 7.5)
ax.plot(p, ell, **style.line(0, marker=None), label=r"$\ell(p)$: 7 heads in 10 tosses")
ax.plot(p, ell_100, **style.line(2, color=style.colour(1), marker=None),
        label="70 heads in 100 tosses, shifted")
ax.axvline(p_hat, color=style.GREY, lw=0.8, ls="--", zorder=0)
ax.plot([p_hat], [top], "o", color="black", ms=4, zorder=5)
# {-}: a unary minus (mathtext would space a bare "-" after \approx as a binary one).
ax.annotate(r"$\hat{p} = 0.7$, $\ell(\hat{p}) \approx {-}6.11$", (p_hat, top), textcoords="offset points",
            xytext=(-12, 6), ha="right", va="bottom")

ax.set_xlim(0, 1)
ax.set_ylim(-24, -2)
ax.set_yticks(range(-24, -3, 4))
ax.set_xlabel(r"$p$")
ax.set_ylabel(r"log-likelihood")
# Above the axes: inside, any place a legend fits is crossed by one of the curves.
ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False)

style.save(fig, __file__)
