"""The symmetric matrix A = [[3, 1], [1, 3]] maps the unit circle to an ellipse.

Inputs on the unit circle are dashed arrows, their images under A solid arrows of
the same colour. A generic input x is turned off its line by A; the eigenvectors
v1 = (1, 1)/sqrt(2) and v2 = (1, -1)/sqrt(2) stay on their own lines (dotted) and
are only stretched, by lambda1 = 4 and lambda2 = 2. They are the ellipse's axes.

Used by book/linear-algebra/eigenvalues.md (fig-la-eigenvectors-map).
"""

import numpy as np

from figures import style

A = np.array([[3.0, 1.0], [1.0, 3.0]])
v1 = np.array([1.0, 1.0]) / np.sqrt(2)
v2 = np.array([1.0, -1.0]) / np.sqrt(2)
x = np.array([-0.96, 0.28])
y = np.array([1.0, 0.0])

fig, ax = style.figure(12, 8)

# The eigenvector lines: every vector on them is only stretched.
for v, colour in ((v1, style.colour(0)), (v2, style.colour(1))):
    ends = np.outer([-6, 6], v)
    ax.plot(ends[:, 0], ends[:, 1], color=colour, lw=0.9, ls=":", zorder=0)

# The unit circle (dashed) and its image, an ellipse (solid).
t = np.linspace(0, 2 * np.pi, 361)
circle = np.vstack([np.cos(t), np.sin(t)])
ellipse = A @ circle
ax.plot(*circle, color=style.GREY, lw=1.0, ls="--", zorder=1)
ax.plot(*ellipse, color="black", lw=1.0, zorder=1)


def arrow(tip, colour, dashed, width):
    ax.annotate("", xy=tip, xytext=(0, 0), zorder=3,
                arrowprops=dict(arrowstyle="-|>,head_length=0.5,head_width=0.22", color=colour,
                                lw=width, linestyle="--" if dashed else "-",
                                shrinkA=0, shrinkB=0))


pairs = [(v1, style.colour(0), 1.8), (v2, style.colour(1), 1.8),
         (x, style.colour(2), 1.2), (y, style.colour(3), 1.2)]
for v, colour, width in pairs:
    arrow(A @ v, colour, dashed=False, width=width)
for v, colour, width in pairs:
    arrow(v, colour, dashed=True, width=width)

label = dict(textcoords="offset points", fontsize=style.BODY_PT)
ax.annotate(r"$\mathbf{v}_1$", v1, xytext=(-19, -6), **label)
ax.annotate(r"$\mathbf{A}\mathbf{v}_1 = 4\mathbf{v}_1$", A @ v1, xytext=(4, -4), **label)
ax.annotate(r"$\mathbf{v}_2$", v2, xytext=(-20, -2), **label)
ax.annotate(r"$\mathbf{A}\mathbf{v}_2 = 2\mathbf{v}_2$", A @ v2, xytext=(4, -10), **label)
ax.annotate(r"$\mathbf{x}$", x, xytext=(-4, 5), **label)
ax.annotate(r"$\mathbf{A}\mathbf{x}$", A @ x, xytext=(6, -14), **label)
ax.annotate(r"$\mathbf{y}$", y, xytext=(3, -12), **label)
ax.annotate(r"$\mathbf{A}\mathbf{y}$", A @ y, xytext=(5, -3), **label)

ax.set_xlim(-4.6, 4.6)
ax.set_ylim(-3.4, 3.4)
ax.set_aspect("equal")
ax.set_xticks(range(-4, 5))
ax.set_yticks(range(-3, 4))
ax.set_xlabel(r"$x_1$")
ax.set_ylabel(r"$x_2$")
ax.axhline(0, color=style.GREY, lw=0.5, zorder=0)
ax.axvline(0, color=style.GREY, lw=0.5, zorder=0)

style.save(fig, __file__)
