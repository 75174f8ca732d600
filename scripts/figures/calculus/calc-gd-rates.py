"""The gap f(x_k) - f* on a log scale: gradient descent against heavy-ball momentum.

f(x) = (x1^2 + kappa x2^2)/2 for kappa = 9 and kappa = 100, from x0 = (9, 1).
Gradient descent uses the best constant step 2/(L + mu); momentum uses Polyak's
tuned eta = 4/(sqrt L + sqrt mu)^2 and beta = ((sqrt kappa - 1)/(sqrt kappa + 1))^2.

Used by book/calculus/gradient-descent.md (fig-calc-gd-rates).
"""

import numpy as np

from figures import style

START = np.array([9.0, 1.0])
STEPS = 120


def gaps(kappa, momentum):
    curvature = np.array([1.0, kappa])
    if momentum:
        eta = 4.0 / (np.sqrt(kappa) + 1.0) ** 2
        beta = ((np.sqrt(kappa) - 1.0) / (np.sqrt(kappa) + 1.0)) ** 2
    else:
        eta, beta = 2.0 / (kappa + 1.0), 0.0
    previous = current = START.copy()
    out = []
    for _ in range(STEPS + 1):
        out.append(0.5 * (curvature * current**2).sum())
        previous, current = current, current - eta * curvature * current + beta * (current - previous)
    return np.array(out)


fig, ax = style.figure(12, 7.5)
k = np.arange(STEPS + 1)
series = [(9, False, r"GD, $\kappa = 9$"), (9, True, r"momentum, $\kappa = 9$"),
          (100, False, r"GD, $\kappa = 100$"), (100, True, r"momentum, $\kappa = 100$")]
for i, (kappa, momentum, label) in enumerate(series):
    ax.semilogy(k, gaps(kappa, momentum), label=label, **style.line(i, markevery=8))
ax.set_xlim(0, STEPS)
ax.set_ylim(1e-10, 1e3)
ax.set_xlabel(r"iteration $k$")
ax.set_ylabel(r"$f(\mathbf{x}_k) - f^\star$")
ax.grid(True, which="major", axis="y")
ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2)

style.save(fig, __file__)
