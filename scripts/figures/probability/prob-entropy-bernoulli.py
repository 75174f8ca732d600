"""The entropy of a Bernoulli(p) variable in bits, H_2(p) = -p log2 p - (1 - p) log2 (1 - p), against p.

Used by book/probability/information.md (fig-prob-entropy-bernoulli).
"""

import numpy as np

from figures import style

p = np.linspace(0.0, 1.0, 401)
inner = p[1:-1]
entropy = np.zeros_like(p)  # 0 log 0 = 0 at both ends
entropy[1:-1] = -inner * np.log2(inner) - (1 - inner) * np.log2(1 - inner)

fig, ax = style.figure(11, 6.5)
ax.plot(p, entropy, **style.line(0, marker=None))

# The maximum, one bit at p = 1/2, and a skewed coin with p = 0.1 for comparison.
ax.plot([0.5], [1.0], "o", color="black", ms=4, zorder=4)
ax.annotate(r"$H = 1$ bit at $p = \frac{1}{2}$", (0.5, 1.0), textcoords="offset points", xytext=(0, -16),
            ha="center", va="top")
skew = 0.1
h_skew = -skew * np.log2(skew) - (1 - skew) * np.log2(1 - skew)
ax.plot([skew], [h_skew], "s", color=style.colour(1), ms=4, zorder=4)
ax.annotate(r"$p = 0.1$: $H \approx 0.47$ bits", (skew, h_skew), textcoords="offset points", xytext=(8, -4),
            ha="left", va="top")

ax.set_xlim(0, 1)
ax.set_ylim(0, 1.12)
ax.set_xticks([0, 0.25, 0.5, 0.75, 1])
ax.set_xlabel(r"$p = P(X = 1)$")
ax.set_ylabel(r"$H(X)$ in bits")

style.save(fig, __file__)
