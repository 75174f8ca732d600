"""Print styling for definitions, theorems, examples, exercises and solutions.

sphinx-proof and sphinx-exercise render every block as the same grey "note"
admonition in LaTeX. Here each becomes an ``mlmbox`` environment (defined in
``latex/mlmbook.sty``) that knows its kind, so definitions, results, examples,
exercises and solutions each get their own look. Numbers are the ones Sphinx
computed for the HTML, so the PDF and the HTML always agree.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.latex import LaTeXTranslator
from sphinx_exercise import nodes as ex_nodes
from sphinx_proof import nodes as prf_nodes
from sphinx_proof.proof_type import PROOF_TYPES

# The HTML visitors stay sphinx-proof's and sphinx-exercise's own.
_HTML_PRF = (prf_nodes.visit_enumerable_node, prf_nodes.depart_enumerable_node)


def setup(app: Sphinx) -> None:
    for kind in PROOF_TYPES:
        app.add_node(prf_nodes.NODE_TYPES[kind], override=True,
                     latex=(visit_prf_latex, depart_box_latex))
    app.add_node(prf_nodes.unenumerable_node, override=True,
                 latex=(visit_prf_latex, depart_box_latex))
    app.add_node(prf_nodes.proof_node, override=True,
                 latex=(visit_proof_latex, depart_proof_latex))
    app.add_node(ex_nodes.exercise_enumerable_node, override=True,
                 latex=(visit_exercise_latex, depart_box_latex))
    app.add_node(ex_nodes.exercise_node, override=True,
                 latex=(visit_exercise_latex, depart_box_latex))
    app.add_node(ex_nodes.solution_node, override=True,
                 latex=(visit_solution_latex, depart_box_latex))


def _label(self: LaTeXTranslator, key: str) -> None:
    self.body.append(r"\phantomsection\label{%s}" % key + "\n")


def _keep(self: LaTeXTranslator) -> None:
    """Put ``\\mlmkeep`` before the box and the anchors Sphinx wrote for it.

    Page references ("Solution on page N") point at the anchors, so they must
    move to the next page together with the box.
    """
    at = len(self.body)
    while at and (not self.body[at - 1].strip()
                  or self.body[at - 1].lstrip().startswith(("\\phantomsection", "\\label", "%mlm-src"))):
        at -= 1
    self.body.insert(at, "\n\\mlmkeep\n")


def _begin(self: LaTeXTranslator, node: nodes.Element, kind: str, heading: str) -> None:
    """Open ``mlmbox`` and render the node's own title (which may hold math) as its third argument."""
    self.body.append("\n\\begin{mlmbox}{%s}{%s}{" % (kind, heading))
    title = node.children[0] if node.children and isinstance(node.children[0], nodes.title) else None
    if title is not None:
        for child in title.children:
            child.walkabout(self)
        title.mlm_rendered = True
    self.body.append("}\n")


def depart_box_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    self.body.append("\n\\end{mlmbox}\n")


def _docname(self: LaTeXTranslator, node: nodes.Element) -> str | None:
    """The document a node comes from.

    sphinx-proof finds it by matching the document's title against section
    names, which fails when a subsection repeats the title (docutils then drops
    both names); the node's source file is the reliable answer.
    """
    env = self.builder.env
    if node.source:
        docname = env.path2doc(node.source)
        if docname:
            return docname
    return prf_nodes.find_parent(env, node, "section")


def _number(self: LaTeXTranslator, node: nodes.Element, docname: str | None) -> str:
    """The number Sphinx gave the node for the HTML, so both outputs agree."""
    key = node.get("countertype", "")
    ids = node.get("ids", [""])[0]
    number = self.builder.env.toc_fignumbers.get(docname, {}).get(key, {}).get(ids, ())
    return ".".join(map(str, number))


def visit_prf_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    _keep(self)
    realtype = node.get("realtype", "") or node.get("type", "")
    docname = _docname(self, node)
    if node.get("label"):
        _label(self, f"{docname}:{node['label']}")
    if isinstance(node, prf_nodes.unenumerable_node):
        heading = realtype.title()
    else:
        number = _number(self, node, docname)
        if not number and not node.get("nonumber"):
            raise ValueError(f"{node.source}:{node.line}: {realtype} {node.get('label')} has no number")
        heading = f"{realtype.title()} {number}".strip()
    _begin(self, node, realtype, heading)


def visit_proof_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    # sphinx-proof writes "Proof. " into the first paragraph; set it in italics.
    for text in node.findall(nodes.Text):
        if text.astext().startswith("Proof. "):
            text.parent.replace(text, [nodes.emphasis(text="Proof."), nodes.Text(" " + text.astext()[7:])])
        break
    self.body.append("\n\\begin{mlmproof}\n")


def depart_proof_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    last = [c for c in node.children if not isinstance(c, (nodes.system_message, nodes.target))]
    if last and isinstance(last[-1], nodes.paragraph):
        # End the last paragraph with the square rather than giving it a line of its own.
        while self.body and not self.body[-1].strip():
            self.body.pop()
        self.body[-1] = self.body[-1].rstrip()
        self.body.append("\\mlmqed\n")
    else:
        self.body.append("\n\\par\\nobreak\\hfill$\\square$\\par\n")
    self.body.append("\\end{mlmproof}\n")


def visit_exercise_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    _keep(self)
    heading = node.children[0].astext() if node.children else "Exercise"
    # \ref to an exercise prints its own number ("Exercise 2.17"), not the number of the
    # subsection it sits in, which is all that \phantomsection would give.
    number = re.match(r"\S+\s+(\d+(?:\.\d+)*)", heading)
    if number:
        self.body.append("\\mlmrefnumber{%s}\n" % number.group(1))
    _label(self, f"exercise:{node['label']}")  # sphinx-exercise's own references
    docname = _docname(self, node)
    if docname:  # Sphinx's numref and ref from other documents
        _label(self, r"\detokenize{%s:%s}" % (docname, node["label"]))
    node.children[0].mlm_rendered = True
    grade = next((c for c in node.get("classes", []) if c in GRADES), "")
    self.body.append("\n\\begin{mlmbox}{exercise}{%s}{%s}\n" % (self.encode(heading), grade))


def visit_solution_latex(self: LaTeXTranslator, node: nodes.Element) -> None:
    _keep(self)
    docname = node.get("docname", "")
    _label(self, r"\detokenize{%s:%s}" % (docname, node["label"]))
    _begin(self, node, "solution", "")


GRADES = ("routine", "standard", "challenging")
