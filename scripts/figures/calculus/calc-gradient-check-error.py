"""Error of the forward and central differences of f(x) = exp(x) at x = 1 against the step h.

Computed in double precision (deterministic IEEE arithmetic): truncation error falls
with slope 1 or 2, round-off error grows like eps/h. Used by book/calculus/backprop.md
(fig-calc-gradient-check-error).
"""

import numpy as np

from figures import style

x = 1.0
exact = np.exp(x)
h = np.logspace(0, -15, 151)
forward = np.abs((np.exp(x + h) - np.exp(x)) / h - exact)
central = np.abs((np.exp(x + h) - np.exp(x - h)) / (2 * h) - exact)
eps = np.finfo(float).eps

fig, ax = style.figure(12, 8)
ax.loglog(h, forward, label="forward difference", **style.line(0, markevery=10, linewidth=1.1))
ax.loglog(h, central, label="central difference", **style.line(1, markevery=10, linewidth=1.1))

# Reference lines: the truncation terms h f''/2 and h^2 f'''/6, and the round-off eps f / h.
grey = dict(color=style.GREY, linewidth=0.8, linestyle=(0, (2, 2)))
right = h >= 1e-9
ax.loglog(h[right], exact / 2 * h[right], **grey)
ax.loglog(h[h >= 1e-6], exact / 6 * h[h >= 1e-6] ** 2, **grey)
left = h <= 1e-4
ax.loglog(h[left], eps * exact / h[left], **grey)
label = dict(color=style.GREY, fontsize=style.BODY_PT - 1)
ax.text(1.5e-4, 2e-3, "slope 1", ha="right", va="bottom", **label)
ax.text(3e-3, 1.5e-7, "slope 2", ha="left", va="top", **label)
ax.text(1.5e-14, 1.0, r"slope $-1$", ha="left", va="bottom", **label)
ax.set_xlabel(r"step $h$")
ax.set_ylabel("absolute error")
ax.set_xlim(1e-15, 1)
ax.set_ylim(1e-12, 10)
ax.legend(loc="upper center")
style.save(fig, __file__)
