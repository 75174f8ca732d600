"""A 64 x 64 greyscale image and its best rank-1, rank-5 and rank-20 approximations from the SVD.

The image is synthetic and made here, deterministically: a soft diagonal gradient, a disc,
a tilted square, a thin ring and a faint seeded texture. Under each panel: the rank and
the relative Frobenius error ||A - A_k||_F / ||A||_F.

Used by book/linear-algebra/svd.md (fig-la-low-rank-image).
"""

import numpy as np

from figures import style

N = 64
y, x = np.mgrid[0:N, 0:N] / (N - 1)  # coordinates in [0, 1], y downwards

image = 0.25 + 0.35 * (0.6 * x + 0.4 * y)                              # background gradient
image += 0.45 * (((x - 0.30) ** 2 + (y - 0.32) ** 2) < 0.17 ** 2)        # bright disc
ring = np.hypot(x - 0.70, y - 0.70)
image -= 0.30 * (np.abs(ring - 0.20) < 0.025)                            # dark ring
# A square tilted by 36 degrees.
c, s = np.cos(np.pi / 5), np.sin(np.pi / 5)
u, v = c * (x - 0.70) + s * (y - 0.30), -s * (x - 0.70) + c * (y - 0.30)
image += 0.35 * ((np.abs(u) < 0.11) & (np.abs(v) < 0.11))
image -= 0.25 * ((np.abs(y - 0.80) < 0.04) & (x > 0.08) & (x < 0.45))   # dark bar
rng = np.random.default_rng(20240611)
image += 0.04 * rng.standard_normal((N, N))                              # fine texture
image = np.clip(image, 0.0, 1.0)

U, sigma, Vt = np.linalg.svd(image)
total = np.linalg.norm(image)


def approximation(k: int) -> np.ndarray:
    return (U[:, :k] * sigma[:k]) @ Vt[:k]


panels = [("original", image)] + [(f"rank {k}", approximation(k)) for k in (1, 5, 20)]

fig, axes = style.figure(15, 4.5, ncols=4, gridspec_kw={"wspace": 0.06})
fig.subplots_adjust(left=0.005, right=0.995, top=0.995, bottom=0.13)
for ax, (name, picture) in zip(axes, panels):
    ax.imshow(np.clip(picture, 0.0, 1.0), cmap="gray", vmin=0.0, vmax=1.0, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.4)
    if name == "original":
        ax.set_xlabel(f"original ({N}" + r"$\times$" + f"{N})")
    else:
        error = np.linalg.norm(image - picture) / total
        ax.set_xlabel(f"{name}, error {error:.2f}")

style.save(fig, __file__)
