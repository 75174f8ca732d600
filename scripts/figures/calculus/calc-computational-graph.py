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
    "x": ((0.0, -2.0), rf"$x = {x}$", rf"$\bar{{x}} = {x_bar}$"),
    "y": ((0.0, 2.0), rf"$y = {y}$", rf"$\bar{{y}} = {y_bar}$"),
    "u": ((3.4, 0.0), rf"$u = x + y = {u}$", rf"$\bar{{u}} = {u_bar}$"),
    "v": ((7.3, 0.0), rf"$v = u^2 = {v}$", rf"$\bar{{v}} = {v_bar}$"),
    "w": ((11.2, 0.0), rf"$w = v\,y = {w}$", rf"$\bar{{w}} = {w_bar}$"),
}
# Each arrow carries its local derivative, written as a partial derivative so that it
# cannot be read as a forward value: parent, child, label, curvature, label offset (points),
# horizontal and vertical alignment.
EDGES = [
    ("x", "u", r"$\partial u/\partial x = 1$", 0.0, (4, -2), "left", "top"),
    ("y", "u", r"$\partial u/\partial y = 1$", 0.0, (4, 2), "left", "bottom"),
    ("u", "v", rf"$\partial v/\partial u = 2u = {2 * u}$", 0.0, (0, -4), "center", "top"),
    ("v", "w", rf"$\partial w/\partial v = y = {y}$", 0.0, (0, -4), "center", "top"),
    ("y", "w", rf"$\partial w/\partial y = v = {v}$", -0.22, (0, 3), "center", "bottom"),
]

# One data unit is one centimetre of the printed figure: the axes fill a figure of the
# size of the window, so the layout below is in cm and the text keeps the body size.
XLIM, YLIM = (-0.75, 13.65), (-3.1, 3.25)
fig, ax = style.figure(XLIM[1] - XLIM[0], YLIM[1] - YLIM[0])
fig.subplots_adjust(left=0, right=1, bottom=0, top=1)
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

for parent, child, local, rad, offset, ha, va in EDGES:
    (x0, y0), (x1, y1) = NODES[parent][0], NODES[child][0]
    arrow = FancyArrowPatch((x0, y0), (x1, y1), connectionstyle=f"arc3,rad={rad}", arrowstyle="-|>",
                            mutation_scale=10, color="black", linewidth=0.9, shrinkA=13, shrinkB=13, zorder=2)
    ax.add_patch(arrow)
    # The label sits at the middle of the arrow: for an arc, halfway between the chord's
    # midpoint and the control point of matplotlib's arc3 (a quadratic Bezier curve).
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = mx + rad * (y1 - y0), my - rad * (x1 - x0)
    ax.annotate(local, ((mx + cx) / 2, (my + cy) / 2), textcoords="offset points", xytext=offset,
                ha=ha, va=va, fontsize=style.BODY_PT, color=style.GREY)

# A legend in words: which labels are values, which are adjoints and which are local derivatives.
ax.text(13.5, -2.2, "forward values above the nodes, adjoints below;\n"
        "each arrow carries its local derivative", ha="right", va="center", linespacing=1.3,
        fontsize=style.BODY_PT, color=style.GREY)

ax.set_xlim(*XLIM)
ax.set_ylim(*YLIM)
ax.set_aspect("equal")
ax.axis("off")
style.save(fig, __file__)
