"""The computational graph of f(x, y) = y (x + y)^2 at (1, 2): forward values above, adjoints below.

Used by book/calculus/backprop.md (fig-calc-computational-graph).
"""

from matplotlib.patches import Circle, FancyArrowPatch

from figures import style

# The graph and its numbers, computed rather than typed: forward pass, then reverse pass.
x, y = 1, 2
u = x + y
v = u**2
w = v * y
w_bar = 1
v_bar = w_bar * y
u_bar = v_bar * 2 * u
x_bar = u_bar
y_bar = w_bar * v + u_bar

R = 0.42
NODES = {  # name: (position, label above, label below)
    "x": ((0.0, -1.4), rf"$x = {x}$", rf"$\bar{{x}} = {x_bar}$"),
    "y": ((0.0, 1.4), rf"$y = {y}$", rf"$\bar{{y}} = {y_bar}$"),
    "u": ((2.7, 0.0), rf"$u = x + y = {u}$", rf"$\bar{{u}} = {u_bar}$"),
    "v": ((5.2, 0.0), rf"$v = u^2 = {v}$", rf"$\bar{{v}} = {v_bar}$"),
    "w": ((7.7, 0.0), rf"$w = v\,y = {w}$", rf"$\bar{{w}} = {w_bar}$"),
}
EDGES = [  # parent, child, local derivative, curvature, label offset (points), vertical alignment
    ("x", "u", r"$1$", 0.0, (5, -3), "top"),
    ("y", "u", r"$1$", 0.0, (5, 3), "bottom"),
    ("u", "v", rf"$2u = {2 * u}$", 0.0, (0, -3), "top"),
    ("v", "w", rf"$y = {y}$", 0.0, (0, -3), "top"),
    ("y", "w", rf"$v = {v}$", -0.25, (0, 3), "bottom"),
]

fig, ax = style.figure(14, 6.4)
red = style.colour(1)

for name, ((cx, cy), above, below) in NODES.items():
    ax.add_patch(Circle((cx, cy), R, facecolor="white", edgecolor="black", linewidth=1.0, zorder=3))
    ax.text(cx, cy, rf"${name}$", ha="center", va="center", fontsize=style.BODY_PT + 1, zorder=4)
    if name == "w":  # the arc from y enters w from above: put w's labels on its right
        ax.text(cx + R + 0.12, cy + 0.08, above, ha="left", va="bottom", zorder=4)
        ax.text(cx + R + 0.12, cy - 0.08, below, ha="left", va="top", color=red, zorder=4)
        continue
    ax.text(cx, cy + R + 0.12, above, ha="center", va="bottom", zorder=4)
    ax.text(cx, cy - R - 0.12, below, ha="center", va="top", color=red, zorder=4)

for parent, child, local, rad, offset, va in EDGES:
    (x0, y0), (x1, y1) = NODES[parent][0], NODES[child][0]
    arrow = FancyArrowPatch((x0, y0), (x1, y1), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                            mutation_scale=10, color="black", linewidth=0.9, shrinkA=13, shrinkB=13, zorder=2)
    ax.add_patch(arrow)
    # The label sits at the middle of the arrow: for an arc, halfway between the chord's
    # midpoint and the control point of matplotlib's arc3 (a quadratic Bezier curve).
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = mx + rad * (y1 - y0), my - rad * (x1 - x0)
    ax.annotate(local, ((mx + cx) / 2, (my + cy) / 2), textcoords="offset points", xytext=offset,
                ha="center", va=va, fontsize=style.BODY_PT - 1, color=style.GREY)

# A legend in words: which labels are values and which are adjoints.
ax.text(-0.55, -2.75, "forward values above the nodes, adjoints below", ha="left", va="center",
        fontsize=style.BODY_PT - 1, color=style.GREY)

ax.set_xlim(-0.9, 10.0)
ax.set_ylim(-2.9, 2.7)
ax.set_aspect("equal")
ax.axis("off")
style.save(fig, __file__)
