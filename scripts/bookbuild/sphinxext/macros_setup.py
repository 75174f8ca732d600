"""MathJax for the HTML, served from the site, with ``book/macros.tex`` as its macros.

The same macros file goes to LaTeX, so HTML and PDF share one source of macros.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..macros import MACROS_FILE, mathjax_macros, read_macros
from ..vendor import MATHJAX_ENTRY, ensure_mathjax


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _configure)


def _configure(app: Sphinx, config) -> None:
    # MathJax from the site itself, never from a CDN: the book must work offline.
    static = str(ensure_mathjax(Path(app.srcdir)))
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]
    config.mathjax_path = MATHJAX_ENTRY
    path = Path(app.srcdir) / MACROS_FILE
    macros = read_macros(path) if path.is_file() else []
    mathjax = dict(config.mathjax3_config or {})
    options = dict(mathjax.get("options", {}))
    # Keep MathJax's assistive MathML (for screen readers) switched on.
    options.setdefault("menuOptions", {"settings": {"assistiveMml": True}})
    mathjax["options"] = options
    tex = dict(mathjax.get("tex", {}))
    tex["macros"] = {**mathjax_macros(macros), **tex.get("macros", {})}
    mathjax["tex"] = tex
    config.mathjax3_config = mathjax
    files = list(config.latex_additional_files)
    if path.is_file() and str(path) not in files:
        files.append(str(path))
    config.latex_additional_files = files
