"""The book's Sphinx extension: one place for everything Jupyter Book leaves to us.

- ``mlm_sources_digest``: changes with ``_toc.yml``/``_config.yml`` and forces a
  fresh environment (see ``bookbuild.config``);
- ``macros_setup``: MathJax served from the site, fed ``book/macros.tex`` (as is LaTeX);
- ``html_setup``: the theme's colour mode and the book's stylesheet;
- ``latex_structure``: parts, front/main/back matter and source-line markers in the PDF;
- ``boxes``: print styling of definitions, theorems, examples, exercises and solutions;
- ``solutions``: links from each exercise to its solution, and exercise grades.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from . import boxes, html_setup, latex_structure, macros_setup, solutions

LATEX_DIR = Path(__file__).parent / "latex"


def setup(app: Sphinx) -> dict:
    app.add_config_value("mlm_sources_digest", "", "env")
    app.add_config_value("mlm_latex_divisions", {}, "env")
    app.add_config_value("mlm_version", "", "")
    app.add_config_value("mlm_solution_docs", [], "env")
    macros_setup.setup(app)
    html_setup.setup(app)
    latex_structure.setup(app)
    boxes.setup(app)
    solutions.setup(app)
    app.connect("config-inited", _add_latex_files)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def _add_latex_files(app: Sphinx, config) -> None:
    files = list(config.latex_additional_files)
    for path in sorted(LATEX_DIR.glob("*.sty")):
        if str(path) not in files:
            files.append(str(path))
    config.latex_additional_files = files
