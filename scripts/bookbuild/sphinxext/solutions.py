"""Link every exercise to its solution, and show each exercise's grade.

Solutions sit in the back-matter appendix. After each exercise we add a link to
its solution (with the page number in the PDF). An exercise without a solution
is a build error, named at the exercise's line. In the exercise-only edition
(``hide_solutions``) there is nothing to link to, so no link is added.

Grades come from the exercise's class: ``:class: routine``, ``standard`` or
``challenging``. Every exercise must have exactly one.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx_exercise.nodes import is_exercise_node

from .boxes import GRADES

logger = logging.getLogger(__name__)


def setup(app: Sphinx) -> None:
    app.add_post_transform(LinkExercisesToSolutions)


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
                    "to the chapter's solutions page in book/back/",
                    location=node, type="mlm", subtype="solution",
                )
                continue
            sol_label, sol_doc = solutions[label]
            node[-1] += self._link(sol_label, sol_doc)

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
