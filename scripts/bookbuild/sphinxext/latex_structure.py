"""The printed book's skeleton, and markers that map LaTeX lines back to sources.

Jupyter Book's parts are toctree captions, which Sphinx's LaTeX writer drops.
Before each part's toctree in the root document we insert the matching LaTeX
division: ``\\part{...}`` by default, or the division named for that caption in
``mlm_latex_divisions`` (``frontmatter``, ``appendix`` or ``backmatter``).

``SourceMappedLaTeXTranslator`` writes ``%mlm-src:<file>:<line>`` comments before
paragraphs, display math and headings, so that a LaTeX error can be reported at
the Markdown line that caused it (see ``bookbuild.latex``).
"""

from __future__ import annotations

import datetime
import functools
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator

MARKER = "%mlm-src:"
DIVISION_CLASS = "mlm-division"  # the raw nodes that open parts and matters
# Macros defined in latex/mlmbook.sty.
DIVISIONS = {
    "frontmatter": r"\mlmfrontmatter",
    "appendix": r"\mlmappendix",
    "backmatter": r"\mlmbackmatter",
}


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _insert_divisions)
    app.connect("config-inited", _set_version)
    app.set_translator("latex", SourceMappedLaTeXTranslator, override=True)


def _insert_divisions(app: Sphinx, doctree: nodes.document) -> None:
    if app.builder.format != "latex" or app.env.docname != app.config.root_doc:
        return
    if app.config.hide_solutions:
        _omit_solutions(app, doctree)
    divisions = app.config.mlm_latex_divisions or {}
    main_started = False
    for toctree in list(doctree.findall(addnodes.toctree)):
        caption = toctree.get("caption")
        if not caption:
            continue
        latex, is_part = division_latex(caption, divisions, main_started)
        main_started = main_started or is_part
        anchor = toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree
        anchor.parent.insert(anchor.parent.index(anchor), division_node(latex))


def division_latex(caption: str, divisions: dict, main_started: bool) -> tuple[str, bool]:
    """The LaTeX that opens the part ``caption``, and whether it is a numbered part."""
    division = divisions.get(caption)
    if division is None:
        return ("" if main_started else "\\mlmmainmatter\n") + f"\\part{{{_escape(caption)}}}\n", True
    if division in DIVISIONS:
        return DIVISIONS[division] + "\n", False
    raise ValueError(f"mlm_latex_divisions: unknown division {division!r} for part {caption!r}")


def division_node(latex: str) -> nodes.raw:
    return nodes.raw("", latex, format="latex", classes=[DIVISION_CLASS])


def _omit_solutions(app: Sphinx, doctree: nodes.document) -> None:
    """The exercise-only edition leaves out the documents that hold the solutions."""
    omit = set(app.config.mlm_solution_docs or [])
    for toctree in doctree.findall(addnodes.toctree):
        toctree["entries"] = [(title, ref) for title, ref in toctree["entries"] if ref not in omit]
        toctree["includefiles"] = [ref for ref in toctree["includefiles"] if ref not in omit]


def _escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#")


def _set_version(app: Sphinx, config) -> None:
    """Put the version (``git describe`` and commit date, else today) in the PDF preamble."""
    if not config.mlm_version:
        config.mlm_version = _describe(app.srcdir)
    elements = dict(config.latex_elements)
    version = config.mlm_version.replace("_", r"\_").replace("#", r"\#")
    edition = "exercises" if config.hide_solutions else "full"
    elements["preamble"] = ("\\newcommand{\\sphinxmlmversion}{%s}\n" % version
                            + "\\newcommand{\\sphinxmlmedition}{%s}\n" % edition
                            + elements.get("preamble", ""))
    config.latex_elements = elements


def _describe(srcdir) -> str:
    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=srcdir, capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return ""
        return done.stdout.strip() if done.returncode == 0 else ""

    version = git("describe", "--tags", "--always")
    date = git("log", "-1", "--format=%cs") or datetime.date.today().isoformat()
    return f"{version} ({date})" if version else date


class SourceMappedLaTeXTranslator(LaTeXTranslator):
    """Sphinx's LaTeX translator, plus ``%mlm-src`` comments naming the source line."""

    def _mark(self, node: nodes.Element, offset: int = 0) -> None:
        if self.table or self.in_title or self.in_footnote or self.in_parsed_literal:
            return
        source, line = node.source, node.line
        parent = node.parent
        while (source is None or line is None) and parent is not None:
            source = source or parent.source
            line = line or parent.line
            parent = parent.parent
        if not source or not line:
            return
        try:
            rel = Path(source).resolve().relative_to(Path(self.builder.srcdir).resolve())
        except ValueError:
            rel = Path(source)
        if str(rel.with_suffix("")) in {d for docs in self.builder.env.included.values() for d in docs}:
            line -= 1  # MyST's include directive counts the included file's lines from 2
        prefix = "" if (self.body and self.body[-1].endswith("\n")) else "\n"
        self.body.append(f"{prefix}{MARKER}{rel}:{line + offset}\n")

    def visit_paragraph(self, node: nodes.Element) -> None:
        self._mark(node)
        super().visit_paragraph(node)

    def visit_math_block(self, node: nodes.Element) -> None:
        # MyST gives a display's first line, the "$$"; the LaTeX holds only its content.
        self._mark(node, offset=1 if _opens_alone(node) else 0)
        super().visit_math_block(node)

    def visit_section(self, node: nodes.Element) -> None:
        self._mark(node)
        super().visit_section(node)

    def visit_figure(self, node: nodes.Element) -> None:
        self._mark(node)
        super().visit_figure(node)

    def visit_admonition(self, node: nodes.Element) -> None:
        if _inside_proof(node):
            return
        if "in-ml" in node.get("classes", []):
            from .boxes import _begin

            self._mark(node)
            _begin(self, node, "inml", "")
            return
        super().visit_admonition(node)

    def depart_admonition(self, node: nodes.Element) -> None:
        if _inside_proof(node):
            return
        if "in-ml" in node.get("classes", []):
            self.body.append("\n\\end{mlmbox}\n")
            return
        super().depart_admonition(node)

    def visit_reference(self, node: nodes.Element) -> None:
        at = len(self.body)
        super().visit_reference(node)
        label = node.get("mlm_outside")  # a reference out of a chapter's proof (see chapter.py)
        if label:
            for index in range(at, len(self.body)):
                if self.body[index].startswith("{\\hyperref["):
                    self.body[index] = "{\\label{%s}\\mlmnolink[" % label + self.body[index][len("{\\hyperref["):]

    def visit_title(self, node: nodes.Element) -> None:
        if getattr(node, "mlm_rendered", False):
            raise nodes.SkipNode
        super().visit_title(node)


def _inside_proof(node: nodes.Element) -> bool:
    """sphinx-proof wraps a proof's body in a bare admonition; ``mlmproof`` replaces it."""
    from sphinx_proof.nodes import proof_node

    return isinstance(node.parent, proof_node)


@functools.lru_cache(maxsize=256)
def _source_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf8").splitlines())
    except OSError:
        return ()


def _opens_alone(node: nodes.Element) -> bool:
    """True when the display's first source line holds only ``$$``."""
    if not node.source or not node.line:
        return False
    lines = _source_lines(node.source)
    return 0 < node.line <= len(lines) and lines[node.line - 1].strip() == "$$"
