"""Sampling distributions of the two variance estimators, for samples of n = 5 from N(0, 1).

The MLE divides the sum of squared deviations by n, the sample variance by n - 1;
200 000 samples, drawn with a fixed seed.
Used by book/probability/estimation.md (fig-prob-bias-variance).
"""

import numpy as np

from figures import style

rng = np.random.default_rng(37)
n, samples = 5, 200_000
draws = rng.standard_normal((samples, n))
squares = ((draws - draws.mean(axis=1, keepdims=True)) ** 2).sum(axis=1)
mle, unbiased = squares / n, squares / (n - 1)

bins = np.linspace(0, 4, 81)
fig, ax = style.figure(12, 7)
for i, (values, label) in enumerate(((mle, r"$\hat{\sigma}^2$ (divides by $n$)"),
                                     (unbiased, r"$s^2$ (divides by $n - 1$)"))):
    ax.hist(values, bins=bins, density=True, histtype="step", lw=1.2, color=style.colour(i),
            linestyle=style.line(i)["linestyle"], label=label)
    mean = values.mean()
    ax.plot([mean, mean], [0, 0.1], color=style.colour(i), lw=2.0, linestyle="-")
ax.axvline(1.0, color="black", lw=0.8, ls=":", zorder=0)
ax.annotate(r"$\sigma^2 = 1$", (1.0, 0.9), textcoords="offset points", xytext=(4, 0), ha="left")
ax.annotate("means", (1.0, 0.1), textcoords="offset points", xytext=(10, 2), ha="left",
            color=style.GREY)

ax.set_xlim(0, 4)
ax.set_ylim(0, 1.05)
ax.set_xlabel("estimate of the variance")
ax.set_ylabel("density")
ax.legend(loc="upper right")

style.save(fig, __file__)
