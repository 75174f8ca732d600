"""Serve ``book/macros.tex`` to MathJax (HTML) and to LaTeX (PDF) from the one file."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..macros import MACROS_FILE, mathjax_macros, read_macros


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _configure)


def _configure(app: Sphinx, config) -> None:
    path = Path(app.srcdir) / MACROS_FILE
    if not path.is_file():
        return
    macros = read_macros(path)
    mathjax = dict(config.mathjax3_config or {})
    tex = dict(mathjax.get("tex", {}))
    tex["macros"] = {**mathjax_macros(macros), **tex.get("macros", {})}
    mathjax["tex"] = tex
    config.mathjax3_config = mathjax
    files = list(config.latex_additional_files)
    if str(path) not in files:
        files.append(str(path))
    config.latex_additional_files = files
