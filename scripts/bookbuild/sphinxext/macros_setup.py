"""``book/macros.tex``, the one source of math macros: LaTeX reads it as is; the
HTML's KaTeX gets the same definitions (see ``mathrender``), and so do the checks.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..macros import MACROS_FILE


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _configure)


def _configure(app: Sphinx, config) -> None:
    path = Path(app.srcdir) / MACROS_FILE
    files = list(config.latex_additional_files)
    if path.is_file() and str(path) not in files:
        files.append(str(path))
    config.latex_additional_files = files
