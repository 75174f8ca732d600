"""The landing page's download table and the edition note, both generated.

``{pdf-downloads}`` lists exactly the PDFs this build published in
``_build/.site-extra/downloads/`` (``scripts/build`` makes the A4 editions,
``scripts/build site`` all four), so no link can point at a missing file.

``{edition-note}`` says which chapters this version contains and which are
still to come. It is computed from ``_toc.yml`` and ``mlm_planned_chapters``
(in ``_config.yml``): a planned chapter counts as present once a part caption
or a chapter title in ``_toc.yml`` carries its name. The PDF prints the same
sentence on its title and copyright pages (``\\sphinxmlmcontents``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

PAPER_NAMES = {"a4": "A4", "letter": "US Letter"}


def setup(app: Sphinx) -> None:
    app.add_config_value("mlm_planned_chapters", [], "env")
    app.add_config_value("mlm_downloads", [], "html")
    app.add_directive("pdf-downloads", DownloadsDirective)
    app.add_directive("edition-note", EditionNoteDirective)
    app.add_node(downloads_node, html=(visit_downloads, None), latex=(_skip, None), text=(_skip, None))
    app.connect("config-inited", _configure)


def _configure(app: Sphinx, config) -> None:
    folder = Path(app.srcdir) / "_build" / ".site-extra" / "downloads"
    config.mlm_downloads = sorted(p.name for p in folder.glob("*.pdf")) if folder.is_dir() else []
    present, to_come = edition(Path(app.srcdir), config)
    elements = dict(config.latex_elements)
    elements["preamble"] = ("\\def\\sphinxmlmcontents{%s}\n" % _latex_escape(note(present, to_come))
                            + elements.get("preamble", ""))
    config.latex_elements = elements


# Edition note -----------------------------------------------------------------------

def _first_heading(path: Path) -> str:
    for suffix in (".md", ".ipynb", ".rst"):
        file = path.with_suffix(suffix)
        if file.is_file():
            match = re.search(r"^# (.+)$", file.read_text(encoding="utf8"), re.M)
            return match.group(1).strip() if match else ""
    return ""


def toc_parts(root: Path) -> list[tuple[str, set[str]]]:
    """Each part of ``_toc.yml`` in order: (caption, its caption and chapter titles, lower-cased)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf8"))
    parts = []

    def walk(entries, names):
        for entry in entries or []:
            if "file" in entry:
                names.add(_first_heading(root / entry["file"]).lower())
            walk(entry.get("sections"), names)

    for part in toc.get("parts", []):
        caption = part.get("caption", "")
        names = {caption.lower()}
        walk(part.get("chapters"), names)
        parts.append((caption, names))
    return parts


def edition(root: Path, config) -> tuple[list[str], list[str]]:
    """(chapters this version contains, planned chapters still to come), in book order.

    A main-matter part counts once: by the planned chapter it holds (its caption may be a
    shorter name, "Multivariate calculus" for "Multivariate calculus and optimisation"),
    or by its caption when it holds none. A planned chapter may also sit in a division
    such as the appendices.
    """
    planned = list(config.mlm_planned_chapters or [])
    divisions = config.mlm_latex_divisions or {}
    present: list[str] = []
    for caption, names in toc_parts(root):
        held = [p for p in planned if p.lower() in names and p not in present]
        if held:
            present += held
        elif caption and caption not in divisions and caption not in present:
            present.append(caption)
    to_come = [p for p in planned if p not in present]
    return present, to_come


def _series(items: list[str]) -> str:
    # Semicolons: the titles themselves hold "and" ("Probability and statistics").
    return "; ".join(items)


def note(present: list[str], to_come: list[str]) -> str:
    if not to_come:
        return ""
    have = _series(present) if present else "no chapter yet"
    return f"This version contains: {have}. Still to come: {_series(to_come)}."


def _latex_escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("#", r"\#").replace("_", r"\_")


class EditionNoteDirective(SphinxDirective):
    """A paragraph: which chapters this version holds, which are to come (nothing once all exist)."""

    @staticmethod
    def _titles(para: nodes.paragraph, titles: list[str]) -> None:
        for i, title in enumerate(titles):
            if i:
                para += nodes.Text("; ")
            para += nodes.emphasis(text=title)

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(Path(self.env.srcdir) / "_toc.yml"))
        present, to_come = edition(Path(self.env.srcdir), self.config)
        if not to_come:
            return []
        para = nodes.paragraph(classes=["edition-note"])
        para += nodes.strong(text="This version contains: ")
        self._titles(para, present or ["no chapter yet"])
        para += nodes.Text(". ")
        para += nodes.strong(text="Still to come: ")
        self._titles(para, to_come)
        para += nodes.Text(".")
        return [para]


# Downloads --------------------------------------------------------------------------

class downloads_node(nodes.General, nodes.Element):
    pass


class DownloadsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [downloads_node()]


def pdf_variant(name: str) -> tuple[str, str] | None:
    """``math-for-ml-exercises-letter.pdf`` -> ("exercises", "letter")."""
    match = re.fullmatch(r"math-for-ml(-exercises)?(-letter)?\.pdf", name)
    if not match:
        return None
    return ("exercises" if match.group(1) else "full", "letter" if match.group(2) else "a4")


def visit_downloads(self, node: downloads_node) -> None:
    files = {pdf_variant(n): n for n in self.builder.config.mlm_downloads if pdf_variant(n)}
    if not files:
        self.body.append('<p class="downloads-none">This build of the site holds no PDF; '
                         "<code>./scripts/build site</code> makes all four.</p>")
        raise nodes.SkipNode
    root = "../" * self.builder.current_docname.count("/")
    papers = [p for p in PAPER_NAMES if any(k[1] == p for k in files)]
    rows = ['<table class="downloads">', "<thead><tr><th scope=\"col\">Edition</th>"
            + "".join(f'<th scope="col">{PAPER_NAMES[p]}</th>' for p in papers) + "</tr></thead><tbody>"]
    for edition_key, label in (("full", "Full edition"), ("exercises", "Exercise-only edition")):
        if not any(k[0] == edition_key for k in files):
            continue
        cells = []
        for paper in papers:
            name = files.get((edition_key, paper))
            cells.append(f'<td><a href="{root}downloads/{name}" download>PDF, {PAPER_NAMES[paper]}</a></td>'
                         if name else "<td></td>")
        rows.append(f'<tr><th scope="row">{label}</th>{"".join(cells)}</tr>')
    rows.append("</tbody></table>")
    self.body.append("\n".join(rows))
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode
