"""A bimodal target p and the best single Gaussian q under the forward KL(p || q) and the reverse KL(q || p).

The target is the mixture p = 0.5 N(-2, 0.6^2) + 0.5 N(2, 0.6^2). Among Gaussians, KL(p || q) is
minimised by matching the mean and variance of p (computed exactly below); KL(q || p) is minimised
numerically on a fine grid of means and standard deviations, with the integrals done on a fixed grid,
so the figure is deterministic. Used by book/probability/information.md (fig-prob-kl-forward-reverse).
"""

import numpy as np

from figures import style

centres, spread, weight = np.array([-2.0, 2.0]), 0.6, 0.5
x = np.linspace(-9.0, 9.0, 3601)
dx = x[1] - x[0]


def normal(t, mu, sd):
    return np.exp(-0.5 * ((t - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))


p = weight * normal(x, centres[0], spread) + weight * normal(x, centres[1], spread)

# Forward KL(p || q): moment matching. Mean 0, variance = spread^2 + centre^2 = 0.36 + 4.
forward_mu = weight * centres.sum()
forward_var = spread**2 + weight * (centres**2).sum() - forward_mu**2
q_forward = normal(x, forward_mu, np.sqrt(forward_var))


# Reverse KL(q || p) = sum q (log q - log p) dx, searched over a grid of (mu, sd).
def reverse_kl(mu, sd):
    q = normal(x, mu, sd)
    keep = q > 1e-300
    return np.sum(q[keep] * (np.log(q[keep]) - np.log(p[keep]))) * dx


# By symmetry the two reverse fits are mirror images; search the right-hand one.
mus = np.linspace(0.0, 3.0, 121)
sds = np.linspace(0.2, 2.5, 116)
scores = np.array([[reverse_kl(m, s) for s in sds] for m in mus])
i, j = np.unravel_index(np.argmin(scores), scores.shape)
q_reverse = normal(x, mus[i], sds[j])

fig, ax = style.figure(12, 7)
ax.fill_between(x, p, color=style.LIGHT_GREY, zorder=1)
ax.plot(x, p, **style.line(2, color="black", marker=None), label=r"target $p$ (two modes)", zorder=2)
ax.plot(x, q_forward, **style.line(0, marker=None),
        label=r"$q$ minimising $D_{\mathrm{KL}}(p \,\|\, q)$ (covers both)", zorder=3)
ax.plot(x, q_reverse, **style.line(1, marker=None),
        label=r"$q$ minimising $D_{\mathrm{KL}}(q \,\|\, p)$ (locks onto one)", zorder=3)

ax.set_xlim(-6, 6)
# Headroom above the tallest curve (0.66) keeps the legend clear of it.
ax.set_ylim(0, 1.0)
ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8])
ax.set_xlabel(r"$x$")
ax.set_ylabel("density")
ax.legend(loc="upper left", frameon=False)

style.save(fig, __file__)
