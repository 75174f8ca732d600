"""One chapter's PDF for proofreading (``scripts/build pdf --chapter``).

With ``mlm_chapter`` set, Sphinx's LaTeX builder, run over the whole book's
environment, assembles only the chapter, the appendix sections that hold the chapter's
solutions, and the back matter. Everything keeps its whole-book number:

- box headings already carry the numbers Sphinx computed for the whole book
  (``boxes``); parts, chapters and sections get ``\\setcounter`` before them,
  so LaTeX's own counters (and with them equations and figures, numbered per
  chapter) continue from where the whole book would be;
- a reference to a page outside the proof prints the whole book's text, for
  example "Theorem 1.5", with no link, and the proof's last page lists what
  each such reference names ("p. 104 Theorem 1.5 — §1.1 Vectors"), so the
  text, and every page break, stays the book's;
- given the whole book's ``.aux`` (``mlm_chapter_book_aux``, from the last
  whole-book build), the chapter's part starts on the page it starts on in the
  book, so the chapter's own pages, and page references into them, are the
  book's. The appendix that follows is numbered on from there.

The front matter, the title page, the contents and the index are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.latex.nodes import math_reference
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

from .latex_structure import DIVISION_CLASS, division_latex, division_node

# LaTeX counters that number chapter-level items and continue across the sections
# of a chapter: a skipped sibling section adds its items to them.
_COUNTED = {"figure": "figure", "table": "table", "displaymath": "equation"}


def setup(app: Sphinx) -> None:
    app.add_config_value("mlm_chapter", "", "")  # the chapter's folder under book/
    app.add_config_value("mlm_chapter_book_aux", "", "")  # the whole book's .aux, if built
    # It replaces the "latex" builder rather than adding one: sphinxcontrib-bibtex writes
    # its citations as LaTeX only for a builder of that name (style/template.py).
    app.add_builder(ChapterLaTeXBuilder, override=True)


def slug(folder: str) -> str:
    """A chapter folder as one file-name part: ``calculus``, ``a/b`` -> ``a-b``."""
    return folder.strip("/").replace("/", "-")


def texname(folder: str) -> str:
    """The name of the chapter's .tex (and work folder): ``chapter-<folder>``."""
    return f"chapter-{slug(folder)}"


def chapter_docs(env, folder: str) -> list[str]:
    """The documents of the chapter in ``book/<folder>/``, in reading order."""
    prefix = f"{folder.strip('/')}/"
    return [doc for doc in subtree(env, env.config.root_doc) if doc.split("/", 1)[-1].startswith(prefix)]


def subtree(env, doc: str) -> list[str]:
    """``doc`` and the documents below it in the toctrees, in reading order."""
    found = [doc]
    for child in env.toctree_includes.get(doc, []):
        found += subtree(env, child)
    return found


class ChapterLaTeXBuilder(LaTeXBuilder):
    """Sphinx's LaTeX builder; with ``mlm_chapter`` set, one chapter and its solutions."""

    def init_document_data(self) -> None:
        super().init_document_data()
        folder = self.config.mlm_chapter
        if not folder:
            return
        first = self.document_data[0]
        self.document_data = [(first[0], f"{texname(folder)}.tex", *first[2:])]

    def init_context(self) -> None:
        super().init_context()
        if not self.config.mlm_chapter:
            return
        # No title page, contents or index: the proof starts at the chapter's part.
        self.context.update(maketitle=r"\mlmchapterproof", tableofcontents="", printindex="")

    def assemble_doctree(self, indexfile: str, toctree_only: bool, appendices: list[str]) -> nodes.document:
        if not self.config.mlm_chapter:
            return super().assemble_doctree(indexfile, toctree_only, appendices)
        env = self.env
        docs = chapter_docs(env, self.config.mlm_chapter)
        if not docs:
            raise ValueError(f"no chapter in folder book/{self.config.mlm_chapter}/ (see _toc.yml)")
        keep = self._kept(docs)
        tree = env.get_doctree(indexfile)
        tree["docname"] = indexfile
        pages = part_pages(Path(self.config.mlm_chapter_book_aux)) if self.config.mlm_chapter_book_aux else {}
        _replan_divisions(tree, self.config.mlm_latex_divisions or {}, keep, pages)
        skipped = [doc for doc in subtree(env, indexfile) if doc not in keep]
        largetree = inline_all_toctrees(self, set(), indexfile, tree, darkgreen, [indexfile, *skipped])
        largetree["docname"] = indexfile
        self._set_counters(largetree, keep)
        # References resolve as in the whole book (its text, its numbers); those that
        # leave the proof then lose their link.
        self.docnames = set(env.all_docs)
        env.resolve_references(largetree, indexfile, self)
        self.docnames = keep | {indexfile}
        _unlink_outside(env, largetree, self.docnames)
        return largetree

    def _kept(self, docs: list[str]) -> set[str]:
        """The chapter, the documents with its solutions and their parents, and the back matter."""
        env = self.env
        keep = set(docs)
        registry = getattr(env, "sphinx_exercise_registry", {})
        for entry in registry.values():
            if entry.get("type") != "solution":
                continue
            exercise = registry.get(entry["node"].get("target_label", ""), {})
            if exercise.get("docname") in keep:
                keep.add(entry["docname"])
        parents = {child: doc for doc, children in env.toctree_includes.items() for child in children}
        for doc in list(keep):
            while doc in parents:
                doc = parents[doc]
                keep.add(doc)
        back = [caption for caption, division in (self.config.mlm_latex_divisions or {}).items()
                if division == "backmatter"]
        root = env.get_doctree(self.config.root_doc)
        for toctree in root.findall(addnodes.toctree):
            if toctree.get("caption") in back:
                for doc in toctree["includefiles"]:
                    keep.update(subtree(env, doc))
        keep.discard(self.config.root_doc)
        return keep

    def _set_counters(self, tree: nodes.document, keep: set[str]) -> None:
        """Before each kept document, set the counter of its level to its whole-book value.

        A chapter is numbered by its place in the root's toctrees since the last change
        of matter (front, main, appendix, back); a section by its place in its chapter's.
        """
        env = self.env
        numbers = _places(env, self.config.root_doc)
        for sof in list(tree.findall(addnodes.start_of_file)):
            doc = sof["docname"]
            place = numbers.get(doc)
            if place is None:
                continue
            counter, before, siblings = place
            latex = f"\\setcounter{{{counter}}}{{{before}}}\n"
            for sibling in (s for s in siblings if s not in keep):  # skipped sections of a kept chapter
                for figtype, latex_counter in _COUNTED.items():
                    count = len(env.toc_fignumbers.get(sibling, {}).get(figtype, {}))
                    if count:
                        latex += f"\\addtocounter{{{latex_counter}}}{{{count}}}\n"
            sof.parent.insert(sof.parent.index(sof), nodes.raw("", latex, format="latex"))


def _places(env, root: str) -> dict[str, tuple[str, int, list[str]]]:
    """docname -> (LaTeX counter, its value before the document, earlier siblings).

    Chapters are the root's entries; they restart at each captioned toctree whose
    division changes the matter, exactly as ``latex_structure`` divides the book.
    """
    places: dict[str, tuple[str, int, list[str]]] = {}
    divisions = env.config.mlm_latex_divisions or {}
    tree = env.get_doctree(root)
    count, matter = 0, None
    for toctree in tree.findall(addnodes.toctree):
        division = divisions.get(toctree.get("caption"), "main")
        if division != matter:
            count, matter = 0, division
        for doc in toctree["includefiles"]:
            places[doc] = ("chapter", count, [])
            count += 1
            for index, child in enumerate(env.toctree_includes.get(doc, [])):
                earlier = env.toctree_includes[doc][:index]
                places[child] = ("section", index, earlier)
    return places


def part_pages(aux: Path) -> dict[int, int]:
    """Part number -> the page it starts on, from a whole-book ``.aux`` (empty if there is none)."""
    try:
        text = aux.read_text(errors="replace")
    except OSError:
        return {}
    found = re.findall(r"\\contentsline \{part\}\{.*?\}\{(\d+)\}\{part\.(\d+)\}", text)
    return {int(part): int(page) for page, part in found}


def _replan_divisions(tree: nodes.document, divisions: dict, keep: set[str],
                      pages: dict[int, int]) -> None:
    """Drop the parts with nothing kept; number the kept parts, and their pages, as in the book."""
    for raw in [r for r in tree.findall(nodes.raw) if DIVISION_CLASS in r["classes"]]:
        raw.parent.remove(raw)
    main_started = False
    part = 0
    for toctree in list(tree.findall(addnodes.toctree)):
        caption = toctree.get("caption")
        if not caption:
            continue
        latex, is_part = division_latex(caption, divisions, main_started)
        anchor = toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree
        if is_part:
            part += 1
        if not any(doc in keep for doc in toctree["includefiles"]):
            anchor.parent.remove(anchor)
            continue
        if is_part:
            main_started = True
            page = f"\\setcounter{{page}}{{{pages[part]}}}" if part in pages else ""
            latex = latex.replace("\\part{", f"{page}\\setcounter{{part}}{{{part - 1}}}\\part{{", 1)
        anchor.parent.insert(anchor.parent.index(anchor), division_node(latex))


def _unlink_outside(env, tree: nodes.document, kept: set[str]) -> None:
    """References to pages outside the proof keep the whole book's text and lose their link.

    The LaTeX is the book's with ``\\mlmnolink`` for ``\\hyperref`` and the number for
    ``\\ref``, so that every page of the proof breaks where the book's does. What each one
    names is listed on the proof's last page with the page of the reference:
    "p. 104 Theorem 1.5 — §1.1 Vectors".
    """
    outside: list[tuple[str, str, str]] = []  # (label, text, where)

    def mark(node: nodes.Element, text: str, doc: str) -> str:
        label = f"mlm-outside-{len(outside) + 1}"
        outside.append((label, text, _where(env, doc, text)))
        return label

    for node in list(tree.findall(nodes.reference)):
        uri = node.get("refuri", "")
        doc = uri[1:].split("#", 1)[0] if uri.startswith("%") else None
        if doc is None or doc in kept:
            continue
        if isinstance(node, addnodes.number_reference):  # the writer would \ref the number
            text = _numbered_text(env, node, doc, uri.partition("#")[2])
            node.replace_self(_nolink(mark(node, text, doc), text))
        else:  # SourceMappedLaTeXTranslator writes it as the book does, unlinked
            node["mlm_outside"] = mark(node, node.astext(), doc)
    math_domain = env.get_domain("math")
    for node in list(tree.findall(math_reference)):
        if node["docname"] in kept:
            continue
        numbers = env.toc_fignumbers.get(node["docname"], {}).get("displaymath", {})
        number = (".".join(map(str, numbers.get(f"equation-{node['target']}", ())))
                  or str(math_domain.get_equation_number_for(node["target"])))
        text = (env.config.math_eqref_format or "({number})").format(number=number)
        node.replace_self(_nolink(mark(node, text, node["docname"]), text))
    if outside:
        tree += nodes.raw("", _outside_list(outside), format="latex")


def _numbered_text(env, node: nodes.Element, doc: str, labelid: str) -> str:
    """The text of a {numref}, as the book prints it.

    For sections Sphinx leaves the number to LaTeX's \\ref when the builder is "latex"
    (StandardDomain.get_fignumber), so it is taken from the section numbers here.
    """
    target = env.get_doctree(doc).ids.get(labelid) if labelid else None
    if not isinstance(target, nodes.section):
        return node.astext()
    secnumbers = env.toc_secnumbers.get(doc, {})
    number = secnumbers.get(f"#{target['ids'][0]}", secnumbers.get(""))
    number = ".".join(map(str, number or ()))
    title = node.get("title", "%s")
    return title.format(number=number) if "{number}" in title else title.replace("%s", number)


def _nolink(label: str, text: str) -> nodes.raw:
    from sphinx.util.texescape import escape

    return nodes.raw("", f"\\label{{{label}}}\\mlmnolink{{{escape(text)}}}", format="latex")


def _outside_list(outside: list[tuple[str, str, str]]) -> str:
    from sphinx.util.texescape import escape

    rows = "".join(f"\\mlmoutsideref{{{label}}}{{{escape(text)}}}{{{escape(where)}}}\n"
                   for label, text, where in outside)
    return f"\n\\begin{{mlmoutside}}\n{rows}\\end{{mlmoutside}}\n"


def _where(env, doc: str, text: str) -> str:
    """The page a target lives on: "§1.1 Vectors", or only its title after "Section 1.1"."""
    title = env.titles[doc].astext() if doc in env.titles else doc
    number = ".".join(map(str, env.toc_secnumbers.get(doc, {}).get("", ())))
    if not number or text.endswith(f" {number}"):
        return title
    return f"§{number} {title}"
