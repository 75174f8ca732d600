"""The one shared style of every figure in the book.

Usage in a figure script (``scripts/figures/<topic>/<name>.py``)::

    from figures import style
    fig, ax = style.figure()          # 12 x 8 cm, the typical size
    ax.plot(x, y, **style.line(0))    # colour, dash pattern and marker of series 0
    style.save(fig, __file__)         # writes figures/<name>.svg and figures/<name>.pdf

Rules the style enforces:
- text in TeX Gyre Pagella at the body text size of the printed book;
- the Okabe-Ito colour-blind-safe palette, and every series also differs by
  dash pattern and marker so that it survives greyscale printing;
- a white background, so that figures stay legible in the HTML dark mode;
- deterministic output: the same bytes on every run.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

# The body text of the PDF is 10 pt TeX Gyre Pagella (see latex_elements in _config.yml).
BODY_PT = 10.0
CM = 1 / 2.54
TEXT_WIDTH_CM = 15.0
FONT_DIR = Path("/usr/share/texmf/fonts/opentype/public/tex-gyre")
FONT_FILES = ("texgyrepagella-regular.otf", "texgyrepagella-italic.otf",
              "texgyrepagella-bold.otf", "texgyrepagella-bolditalic.otf")

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every
# common colour-vision deficiency. Ordered so that neighbours also differ in lightness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
SERIES_COLOURS = ["blue", "vermillion", "green", "orange", "purple", "sky"]
DASHES = ["-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 1))]
MARKERS = ["o", "s", "^", "D", "v", "P"]
GREY = "#7f7f7f"
LIGHT_GREY = "#d9d9d9"


def _register_fonts() -> None:
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        raise RuntimeError(
            f"TeX Gyre Pagella is missing ({', '.join(missing)}); "
            "install the Debian package fonts-texgyre (scripts/build does this)"
        )
    for name in FONT_FILES:
        font_manager.fontManager.addfont(str(FONT_DIR / name))


def apply() -> None:
    """Set matplotlib's global style. Called on import."""
    _register_fonts()
    plt.rcdefaults()
    plt.rcParams.update({
        "font.family": "TeX Gyre Pagella",
        "font.size": BODY_PT,
        "axes.labelsize": BODY_PT,
        "xtick.labelsize": BODY_PT - 1,
        "ytick.labelsize": BODY_PT - 1,
        "legend.fontsize": BODY_PT - 1,
        "mathtext.fontset": "custom",
        "mathtext.rm": "TeX Gyre Pagella",
        "mathtext.it": "TeX Gyre Pagella:italic",
        "mathtext.bf": "TeX Gyre Pagella:bold",
        "mathtext.bfit": "TeX Gyre Pagella:bold:italic",
        "mathtext.sf": "TeX Gyre Pagella",
        "mathtext.cal": "TeX Gyre Pagella:italic",
        "mathtext.tt": "TeX Gyre Pagella",
        "axes.prop_cycle": plt.cycler(color=[PALETTE[c] for c in SERIES_COLOURS]),
        "axes.linewidth": 0.6,
        "axes.edgecolor": "#333333",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": BODY_PT,
        "lines.linewidth": 1.4,
        "lines.markersize": 4.5,
        "grid.color": LIGHT_GREY,
        "grid.linewidth": 0.5,
        "xtick.major.width": 0.6,
        "ytick.major.width": 0.6,
        "legend.frameon": False,
        "figure.facecolor": "white",
        "savefig.facecolor": "white",
        "savefig.transparent": False,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.04,
        "svg.fonttype": "path",
        "svg.hashsalt": "math-for-ml",
        "pdf.fonttype": 3,
        "path.simplify": False,
    })


def figure(width_cm: float = 12.0, height_cm: float = 8.0, **kwargs):
    """A new figure of the given printed size (at most the text width) and its axes."""
    if width_cm > TEXT_WIDTH_CM:
        raise ValueError(f"figure width {width_cm} cm exceeds the text width of {TEXT_WIDTH_CM} cm")
    return plt.subplots(figsize=(width_cm * CM, height_cm * CM), **kwargs)


def line(i: int, **overrides) -> dict:
    """Plot keywords for series ``i``: colour, dash pattern and marker all differ."""
    style = {
        "color": PALETTE[SERIES_COLOURS[i % len(SERIES_COLOURS)]],
        "linestyle": DASHES[i % len(DASHES)],
        "marker": MARKERS[i % len(MARKERS)],
        "markevery": 0.1,
    }
    style.update(overrides)
    return style


def colour(i: int) -> str:
    return PALETTE[SERIES_COLOURS[i % len(SERIES_COLOURS)]]


def output_dir() -> Path:
    return Path(os.environ.get("MLM_FIGURES_DIR", Path.cwd() / "figures"))


def save(fig, script: str) -> None:
    """Write ``figures/<script name>.svg`` and ``.pdf`` atomically and deterministically."""
    name = Path(script).stem
    out = output_dir()
    out.mkdir(parents=True, exist_ok=True)
    for suffix, metadata in ((".svg", {"Date": None, "Creator": None}),
                             (".pdf", {"CreationDate": None, "ModDate": None,
                                       "Creator": None, "Producer": None})):
        target = out / f"{name}{suffix}"
        tmp = out / f".{name}{suffix}.tmp"
        fig.savefig(tmp, format=suffix[1:], metadata=metadata)
        os.replace(tmp, target)
    plt.close(fig)


apply()
