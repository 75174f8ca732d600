"""A probability tree of the screening test: prevalence 0.01, sensitivity 0.9, false-alarm rate 0.05.

The numbers are those of the worked example ex-prob-ev-screening.
Used by book/probability/events.md (fig-prob-bayes-tree).
"""

from fractions import Fraction

from matplotlib.patches import FancyBboxPatch

from figures import style

prior = Fraction(1, 100)        # P(D)
hit = Fraction(9, 10)           # P(T | D)
alarm = Fraction(1, 20)         # P(T | D^c)
people = 10_000

fig, ax = style.figure(15, 7.6)
ax.set_xlim(0, 15)
ax.set_ylim(0, 7.6)
ax.axis("off")

root = (0.5, 3.8)
middle = {"D": (4.2, 5.9), "Dc": (4.2, 1.7)}
leaves = {("D", "T"): (8.0, 7.0), ("D", "Tc"): (8.0, 4.8),
          ("Dc", "T"): (8.0, 2.8), ("Dc", "Tc"): (8.0, 0.6)}
first = {"D": prior, "Dc": 1 - prior}
second = {("D", "T"): hit, ("D", "Tc"): 1 - hit, ("Dc", "T"): alarm, ("Dc", "Tc"): 1 - alarm}
names = {"D": r"$D$", "Dc": r"$D^c$", "T": r"$T$", "Tc": r"$T^c$"}
given = {"D": r"D", "Dc": r"D^c"}


def decimal(q: Fraction) -> str:
    return f"{float(q):g}"


def branch(start, end, text, above):
    ax.plot([start[0], end[0]], [start[1], end[1]], color="black", lw=0.9, zorder=1)
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    ax.annotate(text, (mx, my), textcoords="offset points", xytext=(0, 7 if above else -7),
                ha="center", va="bottom" if above else "top", fontsize=style.BODY_PT - 1,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"))


ax.plot(*root, "o", color="black", ms=3)
for key, point in middle.items():
    branch(root, point, rf"$P({given[key][0] if key == 'D' else 'D^c'}) = {decimal(first[key])}$", key == "D")
    ax.plot(*point, "o", color="black", ms=3)
    ax.annotate(names[key], point, textcoords="offset points", xytext=(0, 6), ha="center", va="bottom")

for (top, test), point in leaves.items():
    start = middle[top]
    branch((start[0] + 0.15, start[1]), point, rf"$P({names[test][1:-1]} \mid {given[top]}) = {decimal(second[top, test])}$",
           test == "T")
    joint = first[top] * second[top, test]
    positive = test == "T"
    colour = style.colour(1) if positive else "black"
    box = FancyBboxPatch((point[0] + 0.15, point[1] - 0.42), 6.6, 0.84, boxstyle="round,pad=0.05",
                         fc="#fbe3d4" if positive else "white", ec=colour, lw=1.2 if positive else 0.6,
                         linestyle="-" if positive else "--")
    ax.add_patch(box)
    count = f"({int(joint * people):,} of {people:,})".replace(",", "\u2009")  # thin spaces, as in the text
    ax.text(point[0] + 0.3, point[1], rf"${names[top][1:-1]} \cap {names[test][1:-1]}$:  {decimal(joint)}  {count}",
            va="center", ha="left", color=colour, fontsize=style.BODY_PT - 0.5)

posterior = first["D"] * hit / (first["D"] * hit + first["Dc"] * alarm)
true, false = int(first["D"] * hit * people), int(first["Dc"] * alarm * people)   # 90 and 495
ax.text(8.3, 3.8, rf"$P(D \mid T) = {true} / ({true} + {false}) = {posterior.numerator}/{posterior.denominator}"
        rf" \approx {float(posterior):.2f}$", ha="left", va="center", color=style.colour(1))

style.save(fig, __file__)
