"""Keep the rebuild after an edit from unpickling every doctree of the book.

Sphinx 7.4 does so twice on every build that reads a page:

- ``TocTreeCollector.assign_figure_numbers`` walks the doctree of every page to
  number figures, tables, equations, theorems and exercises, although only the
  pages just read can have changed. Here the walk runs over an *outline* of
  each page instead (its sections, toctrees and numbered nodes, in order), made
  once from the page's doctree when the page is read and kept in the
  environment. The numbers are the same walk's numbers: the outline holds
  exactly what the walk looks at.
- ``StandardDomain._resolve_numref_xref`` unpickles the target page's doctree
  for every ``{numref}``, to look at one node: its class, its ids and its
  children's classes. Here that node is kept in the same record, as a copy of
  the node and of its children without their contents.

Both are upstream behaviour (``sphinx/environment/collectors/toctree.py`` and
``sphinx/domains/std/__init__.py``); this module replaces the two methods.

Every build also loads the environment, and sphinx-exercise's registry made
most of it: each solution is kept as the live node of its page, and each
exercise as a copy that still points at its page, so pickling the registry
pickled whole doctrees (8 of the 11 MB at four chapters). The registry's
readers look only at a node's attributes and its title, so once a page is read
its entries are replaced by copies of those (``sphinx_exercise/directive.py``);
the solutions extension keeps each solution's body for the pages that reveal it.

Sphinx compiles every Jinja template of the theme again on every build (0.3 s);
a bytecode cache beside the doctrees keeps them, checked against their sources.

It also mends an upstream gap the other way round: Sphinx rewrites the pages it
re-read and the pages whose own numbers changed, but not the pages that *refer*
to them, so a reference elsewhere keeps the old "Example 1.1" after an example
is inserted before it. Each written page's internal links are noted (in
``mlm-references.json`` beside the doctrees); when what a reference into a page
can show changes (its numbers, or the titles and captions of its targets), the
pages linking to it are written again, and every page when a page's title (in
every sidebar) changes. And it spares a gap the other way: Sphinx writes a
page's parents in the table of contents after every edit of it, but they show
only its title and its sections, so they are written only when those change.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from pathlib import Path
from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.util import url_re

from ..publish import write_atomic

# An outline item: ("section", first id, items) | ("toctree", [docname, ...]) | ("numbered", figtype, first id)
Outline = list[tuple]
REFERENCES = "mlm-references.json"


class PageRecord(NamedTuple):
    outline: Outline                    # what the figure numbering walk sees of the page
    targets: dict[str, nodes.Element]   # numref targets: label id -> node shell
    shown: str                          # digest of the titles and captions a reference can show


def setup(app: Sphinx) -> None:
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers
    StandardDomain._resolve_numref_xref = _resolve_numref_xref
    app.connect("builder-inited", _cache_templates)
    app.connect("doctree-read", _detach_exercises, priority=900)  # after sphinx-exercise's
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-updated", _referrers, priority=900)  # after the numbers are assigned
    app.connect("doctree-resolved", _note_references)
    app.connect("write-started", _keep_parents)
    app.connect("build-finished", _save_references)
    app.connect("build-finished", _restore_parents)


def _cache_templates(app: Sphinx) -> None:
    environment = getattr(getattr(app.builder, "templates", None), "environment", None)
    if environment is not None:
        from jinja2 import FileSystemBytecodeCache

        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def _detach_exercises(app: Sphinx, doctree: nodes.document) -> None:
    """Keep this page's exercises and solutions in sphinx-exercise's registry as their titles."""
    docname = app.env.docname
    for entry in getattr(app.env, "sphinx_exercise_registry", {}).values():
        if entry.get("docname") == docname:
            entry["node"] = _titled_shell(entry["node"])


def off_page(copy: nodes.Node) -> nodes.Node:
    """``copy`` (of a node) without its link to its page's document, which a pickle would
    otherwise carry whole; Text nodes too, as some keep their page."""
    for part in copy.findall():
        part.document = None
    return copy


def _titled_shell(node: nodes.Element) -> nodes.Element:
    """``node`` with its attributes and its title (its first child), on no page."""
    shell = node.copy()
    if node.children:
        shell += node.children[0].deepcopy()
    return off_page(shell)


def _pages(env: BuildEnvironment) -> dict[str, PageRecord]:
    if not hasattr(env, "mlm_page_records"):
        env.mlm_page_records = {}
    return env.mlm_page_records


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pages(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = _pages(other)
    _pages(env).update({d: theirs[d] for d in docnames if d in theirs})


def _record(env: BuildEnvironment, docname: str) -> PageRecord:
    """The page's record, made from its doctree when the page has just been read."""
    pages = _pages(env)
    if docname not in pages:
        doctree = env.get_doctree(docname)
        ids = {labelid for target, labelid in env.domains["std"].anonlabels.values() if target == docname}
        targets = {labelid: _shell(doctree.ids[labelid]) for labelid in ids if labelid in doctree.ids}
        pages[docname] = PageRecord(outline(env, doctree), targets, _shown(doctree))
    return pages[docname]


def _shown(doctree: nodes.document) -> str:
    """A digest of every target's kind, title or caption, and name."""
    digest = hashlib.sha1()
    for node_id in sorted(doctree.ids):
        node = doctree.ids[node_id]
        heading = next((c.astext() for c in node.children if isinstance(c, (nodes.title, nodes.caption))), "") \
            if isinstance(node, nodes.Element) else ""
        digest.update(f"{node_id}\0{type(node).__name__}\0{heading}\0{node.get('title', '')}\n".encode())
    return digest.hexdigest()


def _shell(node: nodes.Element) -> nodes.Element:
    """``node`` with its attributes and its children's, without their contents."""
    shell = node.copy()
    shell.extend(child.copy() for child in node.children if isinstance(child, nodes.Element))
    return off_page(shell)


def _figtype(env: BuildEnvironment, node: nodes.Node) -> str | None:
    """What ``assign_figure_numbers`` numbers ``node`` as (its ``get_figtype``)."""
    for domain in env.domains.values():
        figtype = domain.get_enumerable_node_type(node)
        if domain.name == "std" and not domain.get_numfig_title(node):  # an uncaptioned node
            continue
        if figtype:
            return figtype
    return None


def outline(env: BuildEnvironment, tree: nodes.Element) -> Outline:
    """What the numbering walk sees of ``tree``, in the order it sees it."""
    items: Outline = []
    for node in tree.children:
        if isinstance(node, nodes.section):
            items.append(("section", node["ids"][0], outline(env, node)))
        elif isinstance(node, addnodes.toctree):
            items.append(("toctree", [docname for _title, docname in node["entries"]]))
        elif isinstance(node, nodes.Element):
            figtype = _figtype(env, node)
            if figtype and node["ids"]:
                items.append(("numbered", figtype, node["ids"][0]))
            items += outline(env, node)  # the walk goes into it with the same section number
    return items


def assign_figure_numbers(self: TocTreeCollector, env: BuildEnvironment) -> list[str]:
    """Sphinx's figure numbering, walking the pages' outlines instead of their doctrees."""
    generated_docnames = frozenset(env.domains["std"]._virtual_doc_names)
    assigned: set[str] = set()
    old_fignumbers = env.toc_fignumbers
    env.toc_fignumbers = {}
    counters: dict[str, dict[tuple[int, ...], int]] = {}

    def section_number(docname: str, first_id: str) -> tuple[int, ...]:
        secnumbers = env.toc_secnumbers.get(docname, {})
        anchorname = "#" + first_id
        return (secnumbers[anchorname] if anchorname in secnumbers else secnumbers.get("")) or ()

    def walk(docname: str, items: Outline, secnum: tuple[int, ...]) -> None:
        for item in items:
            if item[0] == "section":
                walk(docname, item[2], section_number(docname, item[1]) or secnum)
            elif item[0] == "toctree":
                for subdocname in item[1]:
                    if not (url_re.match(subdocname) or subdocname == "self" or subdocname in generated_docnames):
                        walk_doc(subdocname, secnum)
            else:
                _kind, figtype, figure_id = item
                counter = counters.setdefault(figtype, {})
                prefix = secnum[:env.config.numfig_secnum_depth]
                counter[prefix] = counter.get(prefix, 0) + 1
                fignumbers = env.toc_fignumbers.setdefault(docname, {}).setdefault(figtype, {})
                fignumbers[figure_id] = (*prefix, counter[prefix])

    def walk_doc(docname: str, secnum: tuple[int, ...]) -> None:
        if docname not in assigned:
            assigned.add(docname)
            walk(docname, _record(env, docname).outline, secnum)

    if not env.config.numfig:
        return []
    walk_doc(env.config.root_doc, ())
    return [docname for docname, fignums in env.toc_fignumbers.items() if fignums != old_fignumbers.get(docname)]


_upstream_numref = StandardDomain._resolve_numref_xref


class _Page:
    """Stands in for a page's doctree in ``_resolve_numref_xref``, which reads only ``.ids``."""

    def __init__(self, env: BuildEnvironment, docname: str, load) -> None:
        self.ids = _Ids(_record(env, docname).targets, docname, load)


class _Ids(dict):
    def __init__(self, shells: dict[str, nodes.Element], docname: str, load) -> None:
        super().__init__(shells)
        self.docname, self.load = docname, load

    def get(self, labelid, default=None):
        if labelid in self:
            return self[labelid]
        return self.load(self.docname).ids.get(labelid, default)  # not a label the record knows


def _resolve_numref_xref(self: StandardDomain, env: BuildEnvironment, *args, **kwargs):
    """Sphinx's ``{numref}`` resolution, reading the target from the page's record."""
    load = env.get_doctree
    env.get_doctree = lambda docname: _Page(env, docname, load)
    try:
        return _upstream_numref(self, env, *args, **kwargs)
    finally:
        del env.get_doctree


# ---- Pages that refer to a changed page ----------------------------------------------

class Signature(NamedTuple):
    """What other pages show of a page: in their links, and in their tables of contents."""
    title: str
    shown: str
    fignumbers: dict | None
    secnumbers: dict | None
    toc: str


def _signature(env: BuildEnvironment, docname: str) -> Signature:
    toc = env.tocs.get(docname)
    return Signature(env.titles[docname].astext() if docname in env.titles else "", _record(env, docname).shown,
                     env.toc_fignumbers.get(docname), env.toc_secnumbers.get(docname),
                     hashlib.sha1(toc.pformat().encode()).hexdigest() if toc is not None else "")


def _referrers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages to write again because what their links show may have changed."""
    old = getattr(env, "mlm_signatures", {})
    new = {d: _signature(env, d) for d in env.all_docs}
    env.mlm_signatures = new
    if not old:  # a fresh environment: every page is written anyway
        return []
    changed = {d for d in old.keys() | new.keys() if old.get(d) != new.get(d)}
    app.mlm_same_toc = {d for d in old.keys() & new.keys()
                        if (old[d].title, old[d].secnumbers, old[d].toc) == (new[d].title, new[d].secnumbers, new[d].toc)}
    if any(getattr(old.get(d), "title", "") != getattr(new.get(d), "title", "") for d in changed):
        return sorted(env.all_docs)  # a page title is in every page's sidebar
    links = _load_references(app)
    return sorted(d for d, targets in links.items() if d in env.all_docs and changed.intersection(targets))


def _keep_parents(app: Sphinx, builder) -> None:
    """Write a page's parents in the table of contents again only if what they show of it changed.

    Sphinx writes them after every edit of the page (``Builder.write``, through
    ``env.files_to_rebuild``); they show its title and its sections' titles and numbers.
    """
    same = getattr(app, "mlm_same_toc", None)
    if same:
        app.mlm_files_to_rebuild = builder.env.files_to_rebuild
        builder.env.files_to_rebuild = {d: parents for d, parents in builder.env.files_to_rebuild.items()
                                        if d not in same}


def _restore_parents(app: Sphinx, exception: Exception | None) -> None:
    if hasattr(app, "mlm_files_to_rebuild"):
        app.env.files_to_rebuild = app.mlm_files_to_rebuild


def _load_references(app: Sphinx) -> dict[str, list[str]]:
    try:
        return json.loads((Path(app.doctreedir) / REFERENCES).read_text(encoding="utf8"))
    except (OSError, ValueError):
        return {}


def _note_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Which pages the links of ``docname`` lead to (HTML: every page is written on its own)."""
    if app.builder.format != "html":
        return
    if not hasattr(app, "mlm_uris"):
        app.mlm_uris = {app.builder.get_target_uri(d): d for d in app.env.all_docs}
        app.mlm_links = {}
    here = posixpath.dirname(app.builder.get_target_uri(docname))
    targets = set()
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "").partition("#")[0]
        if uri and ":" not in uri:
            target = app.mlm_uris.get(posixpath.normpath(posixpath.join(here, uri)))
            if target and target != docname:
                targets.add(target)
    app.mlm_links[docname] = sorted(targets)


def _save_references(app: Sphinx, exception: Exception | None) -> None:
    if not getattr(app, "mlm_links", None):
        return
    links = {**_load_references(app), **app.mlm_links}
    write_atomic(Path(app.doctreedir) / REFERENCES,
                 json.dumps({d: t for d, t in sorted(links.items()) if d in app.env.all_docs}))
