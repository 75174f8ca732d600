"""A least-squares line b = 1/2 + t through four points, with the vertical residuals.

The data are those of the worked example ex-la-least-squares-line:
(t, b) = (0, 1), (1, 1), (2, 2), (3, 4).
Used by book/linear-algebra/orthogonality.md (fig-la-least-squares-fit).
"""

from fractions import Fraction

import numpy as np

from figures import style

t = np.array([0.0, 1.0, 2.0, 3.0])
b = np.array([1.0, 1.0, 2.0, 4.0])
A = np.column_stack([np.ones_like(t), t])
x_hat = np.linalg.solve(A.T @ A, A.T @ b)  # (1/2, 1): intercept and slope
fitted = A @ x_hat

fig, ax = style.figure(12, 8)

line_t = np.array([-0.4, 3.4])
ax.plot(line_t, x_hat[0] + x_hat[1] * line_t, color=style.colour(0), linestyle="-", lw=1.4,
        label=r"least-squares line $b = \frac{1}{2} + t$")
for i, (ti, bi, fi) in enumerate(zip(t, b, fitted)):
    ax.plot([ti, ti], [fi, bi], color=style.colour(1), linestyle="--", lw=1.2,
            label="residuals $b_i - (\\hat{x}_1 + \\hat{x}_2 t_i)$" if i == 0 else None)
    # Label each residual on the side of its segment away from the line.
    r = Fraction(bi - fi).limit_denominator(100)
    sign = "+" if r > 0 else "-"
    ax.annotate(rf"${sign}\frac{{{abs(r.numerator)}}}{{{r.denominator}}}$", (ti, (bi + fi) / 2), textcoords="offset points",
                xytext=(-5 if bi > fi else 5, 0), ha="right" if bi > fi else "left", va="center",
                color=style.colour(1), fontsize=style.BODY_PT - 1)
ax.plot(t, b, "o", color="black", ms=5, zorder=3, label="data $(t_i, b_i)$")
ax.plot(t, fitted, "s", color=style.colour(0), ms=3.5, zorder=3, mfc="white",
        label=r"fitted values $\hat{x}_1 + \hat{x}_2 t_i$")

ax.set_xlim(-0.5, 3.5)
ax.set_ylim(-0.2, 4.6)
ax.set_xlabel(r"$t$")
ax.set_ylabel(r"$b$")
ax.set_xticks([0, 1, 2, 3])
ax.grid(True)
ax.legend(loc="upper left")

style.save(fig, __file__)
