"""Link every exercise to its solution, and show each exercise's grade.

Solutions sit in the back-matter appendix. After each exercise we add a link to
its solution (with the page number in the PDF). An exercise without a solution
is a build error, named at the exercise's line. In the exercise-only edition
(``hide_solutions``) there is nothing to link to, so no link is added.

In the HTML the solution can also be revealed in place: a ``<details>`` element
(closed until the reader opens it) shows a copy of the solution. The copies of a
page are written to one script beside it, ``_static/mlm-solutions/<page>.js``,
which the page loads when the reader first opens one, so the page itself does not
carry them (a third of a chapter page's HTML, and of the time a phone takes to
parse it). A script, not a fetch, so that it loads from ``file://`` too. When a
solutions page changes, the pages whose exercises it answers are re-read, so
the copies never go stale. Each solution is kept on its own when its page is
read (``mlm-solutions/<label>.pickle`` beside the doctrees), so writing a page
of exercises loads its own solutions, not the whole appendix page (0.3 s).

Grades come from the exercise's class: ``:class: routine``, ``standard`` or
``challenging``. Every exercise must have exactly one.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import relative_uri
from sphinx_exercise.nodes import is_exercise_node

from ..publish import write_atomic
from .boxes import GRADES
from .incremental import off_page

logger = logging.getLogger(__name__)


def setup(app: Sphinx) -> None:
    app.add_post_transform(LinkExercisesToSolutions)
    app.add_node(reveal_node, html=(visit_reveal_html, depart_reveal_html),
                 latex=(_skip, None), text=(_skip, None))
    app.connect("env-get-outdated", _reread_exercises)
    app.connect("doctree-read", _keep_solutions, priority=950)  # after every change to the page
    app.connect("html-page-context", _write_page_solutions)


REVEAL_DIR = "_static/mlm-solutions"


class reveal_node(nodes.General, nodes.Element):
    """The solution, inside a closed ``<details>`` after its exercise (HTML only)."""


def _reveal_script(docname: str) -> str:
    return f"{REVEAL_DIR}/{docname}.js"


def visit_reveal_html(self, node: reveal_node) -> None:
    docname = self.builder.current_docname
    src = relative_uri(self.builder.get_target_uri(docname), _reveal_script(docname))
    self.body.append(f'<details class="mlm-reveal" data-mlm-solution="{self.attval(node["label"])}" '
                     f'data-mlm-src="{self.attval(src)}"><summary>Show the solution here</summary>'
                     '<div class="mlm-reveal-body">')
    node["mlm_body_start"] = len(self.body)


def depart_reveal_html(self, node: reveal_node) -> None:
    """Take the solution's HTML out of the page and keep it for the page's script."""
    start = node["mlm_body_start"]
    kept = getattr(self.builder, "mlm_page_solutions", None)
    if kept is None:
        kept = self.builder.mlm_page_solutions = {}
    kept.setdefault(self.builder.current_docname, {})[node["label"]] = "".join(self.body[start:])
    del self.body[start:]
    self.body.append("</div></details>")


def _write_page_solutions(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """Write the script that holds the solutions this page reveals (or remove a stale one)."""
    solutions = getattr(app.builder, "mlm_page_solutions", {}).pop(pagename, None)
    path = Path(app.outdir) / _reveal_script(pagename)
    if not solutions:
        path.unlink(missing_ok=True)
        return
    data = json.dumps(solutions, sort_keys=True, separators=(",", ":"))
    write_atomic(path, f"window.mlmSolutions = Object.assign(window.mlmSolutions || {{}}, {data});\n")


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _solution_file(app: Sphinx, label: str) -> Path:
    return Path(app.doctreedir) / "mlm-solutions" / f"{label}.pickle"


def _keep_solutions(app: Sphinx, doctree: nodes.document) -> None:
    """Pickle each solution of a page just read, for the pages that reveal it."""
    from sphinx_exercise.nodes import solution_node

    if app.builder.format != "html":
        return
    for node in doctree.findall(solution_node):
        kept = off_page(node.deepcopy())
        write_atomic(_solution_file(app, node.get("label")), pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))


def _reread_exercises(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages whose exercises are answered on a changed solutions page (their copies would be stale)."""
    if app.builder.format != "html":
        return []
    registry = getattr(env, "sphinx_exercise_registry", {})
    touched = set(added) | set(changed)
    stale_exercises = {info["node"].get("target_label") for info in registry.values()
                       if info.get("type") == "solution" and info.get("docname") in touched}
    return sorted({info["docname"] for label, info in registry.items()
                   if info.get("type") != "solution" and label in stale_exercises
                   and info.get("docname") not in touched and info.get("docname") in env.all_docs})


def solutions_by_exercise(env) -> dict[str, tuple[str, str]]:
    """exercise label -> (solution label, solution docname)."""
    registry = getattr(env, "sphinx_exercise_registry", {})
    return {
        info["node"].get("target_label"): (label, info["docname"])
        for label, info in registry.items()
        if info.get("type") == "solution"
    }


class LinkExercisesToSolutions(SphinxPostTransform):
    default_priority = 5  # before Sphinx resolves references (priority 10)

    def run(self, **kwargs) -> None:
        solutions = solutions_by_exercise(self.env)
        for node in list(self.document.findall(is_exercise_node)):
            label = node.get("label", "")
            self._check_grade(node, label)
            if self.config.hide_solutions:
                continue
            if label not in solutions:
                logger.warning(
                    f"exercise {label!r} has no solution; add a {{solution}} {label} block "
                    "to the section's solutions page in book/back/solutions/",
                    location=node, type="mlm", subtype="solution",
                )
                continue
            sol_label, sol_doc = solutions[label]
            if self.app.builder.format == "latex":
                # Keep "Solution on page N" with the exercise's last line: end that paragraph
                # here and forbid a page break before the next one.
                node[-1] += nodes.raw("", "\n\\par\\nobreak\n", format="latex")
            node[-1] += self._link(sol_label, sol_doc)
            if self.app.builder.format == "html":
                reveal = self._reveal(sol_label, sol_doc)
                if reveal is not None:
                    node[-1] += reveal

    def _reveal(self, sol_label: str, sol_doc: str) -> reveal_node | None:
        try:
            solution = pickle.loads(_solution_file(self.app, sol_label).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            return None
        reveal = reveal_node(label=sol_label)
        for child in solution.children:
            if isinstance(child, nodes.title):
                continue
            copy = child.deepcopy()
            for element in copy.findall(nodes.Element):
                element["ids"] = []
                if isinstance(element, addnodes.pending_xref):
                    element["refdoc"] = self.env.docname
            reveal += copy
        return reveal

    def _check_grade(self, node: nodes.Element, label: str) -> None:
        grades = [c for c in node.get("classes", []) if c in GRADES]
        if len(grades) != 1:
            logger.warning(
                f"exercise {label!r} needs exactly one grade, ':class: routine', "
                "':class: standard' or ':class: challenging'",
                location=node, type="mlm", subtype="grade",
            )
        elif self.app.builder.format == "html":
            title = node.children[0]
            title += nodes.inline("", grades[0], classes=["exercise-grade"])

    def _link(self, sol_label: str, sol_doc: str) -> nodes.paragraph:
        para = nodes.paragraph(classes=["solution-link"])
        xref = addnodes.pending_xref(
            "", nodes.inline("", "Solution"), refdomain="std", reftype="ref",
            reftarget=sol_label, refexplicit=True, refwarn=True, refdoc=self.env.docname,
        )
        para += xref
        if self.app.builder.format == "latex":
            para += nodes.raw("", r" on page~\pageref{\detokenize{%s:%s}}" % (sol_doc, sol_label),
                              format="latex")
        else:
            para += nodes.Text(" in the appendix")
        return para
