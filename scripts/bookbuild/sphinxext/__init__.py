"""The book's Sphinx extension: one place for everything Jupyter Book leaves to us.

- ``mlm_sources_digest``: changes with ``_toc.yml``/``_config.yml`` and forces a
  fresh environment (see ``bookbuild.config``);
- ``macros_setup``: ``book/macros.tex`` for LaTeX (``mathrender`` gives KaTeX the same macros);
- ``mathrender``: the HTML's math typeset at build time by KaTeX, cached per formula;
- ``html_setup``: our page layout over the theme's, icons, the book's CSS and JS;
- ``landing``: the landing page's PDF downloads and the edition note, both generated;
- ``latex_structure``: parts, front/main/back matter and source-line markers in the PDF;
- ``boxes``: print styling of definitions, theorems, examples, exercises and solutions;
- ``solutions``: links from each exercise to its solution, and exercise grades;
- ``incremental``: an edit's rebuild reads the doctrees of the pages it writes, not every page's;
- ``chapter``: the ``mlmchapter`` builder, one chapter's PDF with the whole book's numbers;
- ``mlm_code_digest``: changes with this extension's Python code and forces a fresh
  environment, so that every page is read and written by the code that is there now
  (Sphinx by itself rewrites only the pages whose sources changed).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from . import boxes, chapter, html_setup, incremental, landing, latex_structure, macros_setup, mathrender, solutions

LATEX_DIR = Path(__file__).parent / "latex"


def setup(app: Sphinx) -> dict:
    app.add_config_value("mlm_sources_digest", "", "env")
    app.add_config_value("mlm_code_digest", "", "env")
    app.add_config_value("mlm_latex_divisions", {}, "env")
    app.add_config_value("mlm_version", "", "")
    app.add_config_value("mlm_solution_docs", [], "env")
    macros_setup.setup(app)
    html_setup.setup(app)
    mathrender.setup(app)
    landing.setup(app)
    latex_structure.setup(app)
    boxes.setup(app)
    solutions.setup(app)
    incremental.setup(app)
    chapter.setup(app)
    app.connect("config-inited", _add_latex_files)
    app.connect("config-inited", _digest_code)
    # env_version 2: the raw nodes that open parts carry a class (latex_structure.DIVISION_CLASS).
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}


def _add_latex_files(app: Sphinx, config) -> None:
    files = list(config.latex_additional_files)
    for path in sorted(LATEX_DIR.glob("*.sty")):
        if str(path) not in files:
            files.append(str(path))
    config.latex_additional_files = files


def _digest_code(app: Sphinx, config) -> None:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), here.parent / "macros.py"]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    config.mlm_code_digest = digest.hexdigest()[:16]
