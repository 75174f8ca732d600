"""Error against iteration, log scale: Newton's method against gradient descent.

f(x) = e^x - 2x, minimiser ln 2, from x0 = 0. Newton: x <- x - 1 + 2 e^{-x}.
Gradient descent: x <- x - (e^x - 2)/4. The iterates are computed with 60-digit
arithmetic so that Newton's tiny errors are exact, then plotted down to 1e-16.

Used by book/calculus/newton.md (fig-calc-newton-vs-gd).
"""

import mpmath
import numpy as np

from figures import style

mpmath.mp.dps = 60
STEPS = 50
FLOOR = 1e-16
target = mpmath.log(2)


def errors(update):
    x, out = mpmath.mpf(0), []
    for _ in range(STEPS + 1):
        out.append(float(abs(x - target)))
        x = update(x)
    return np.array(out)


newton = errors(lambda x: x - 1 + 2 * mpmath.exp(-x))
descent = errors(lambda x: x - (mpmath.exp(x) - 2) / 4)
shown = newton >= FLOOR

fig, ax = style.figure(12, 7)
k = np.arange(STEPS + 1)
ax.semilogy(k, descent, label=r"gradient descent, $\eta = 1/4$", **style.line(0, markevery=5))
ax.semilogy(k[shown], newton[shown], label="Newton's method", **style.line(1, markevery=1))
ax.set_xlim(0, STEPS)
ax.set_ylim(FLOOR, 2)
ax.set_xlabel(r"iteration $k$")
ax.set_ylabel(r"$|x_k - x^\star|$")
ax.grid(True, which="major", axis="y")
ax.legend(loc="upper right")

style.save(fig, __file__)
