"""The HTML book's page: our layout over sphinx-book-theme's, icons, CSS and JS.

- ``templates/layout.html`` drops the pydata navbar, whose hidden copies of the
  menu and "On this page" buttons captured the themes' click handlers (so the
  visible buttons did nothing), and drops ``fontawesome.js``;
- ``mlm-icons.css`` draws the few Font Awesome icons the pages use, as CSS masks
  made at build time from the theme's own icon data (no 1.45 MB script);
- ``static/mlmbook.css`` and ``static/mlmbook.js``: math that fits the screen,
  print styles, cross-reference previews, arrow keys, search snippets;
- a solutions page is titled after its chapter or section ("Solutions: Linear
  algebra", "Solutions: 1.1 Vectors"), so that it is never confused with them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from ..publish import write_atomic
from .chapter import subtree

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"
# Every Font Awesome icon the theme's templates put in our pages (tests check the list).
ICONS = ("angle-left", "angle-right", "arrow-up", "bars", "chevron-down", "chevron-right",
         "circle-half-stroke", "download", "expand", "file", "file-pdf", "list", "magnifying-glass",
         "moon", "outdent", "sun", "xmark", "link")
ICON_ALIASES = {"fas": "fa-solid"}


def setup(app: Sphinx) -> None:
    # Sphinx copies static files only when some page is rewritten; a digest of the
    # book's own assets, as an "html" config value, rewrites every page when they change.
    app.add_config_value("mlm_assets_digest", "", "html")
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _builder_inited)
    # After section numbers are assigned (env-get-updated, Sphinx's collector first).
    app.connect("env-get-updated", _title_solutions, priority=900)
    app.connect("doctree-resolved", _title_solution_page)
    app.connect("html-page-context", _accessible_body)
    app.add_css_file("mlm-icons.css")
    app.add_css_file("mlmbook.css")
    app.add_js_file("mlmbook.js", loading_method="defer")


def _configure(app: Sphinx, config) -> None:
    digest = hashlib.sha256()
    for folder in (STATIC, TEMPLATES):
        for path in sorted(folder.iterdir()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    config.mlm_assets_digest = digest.hexdigest()[:16]
    context = dict(config.html_context or {})
    # Without an explicit mode the theme logs a console error on first visit.
    context.setdefault("default_mode", "auto")
    config.html_context = context
    if not config.html_favicon:
        # Without a favicon the browser asks for /favicon.ico and logs a 404 error.
        config.html_favicon = str(STATIC / "favicon.svg")
    icons = _icons_dir(Path(app.srcdir))
    for folder in (str(STATIC), str(icons)):
        if folder not in config.html_static_path:
            config.html_static_path = [*config.html_static_path, folder]
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [str(TEMPLATES), *config.templates_path]
    # The PDFs that scripts/build publishes, offered as downloads/<name>.pdf.
    extra = Path(app.srcdir) / "_build" / ".site-extra"
    if extra.is_dir() and str(extra) not in config.html_extra_path:
        config.html_extra_path = [*config.html_extra_path, str(extra)]


def _builder_inited(app: Sphinx) -> None:
    if app.builder.format != "html" or not hasattr(app.builder, "templates"):
        return
    filters = app.builder.templates.environment.filters
    filters["mlm_without_fontawesome"] = without_fontawesome
    filters["mlm_accessible_toctree"] = accessible_toctree


def without_fontawesome(html: str) -> str:
    return re.sub(r"\s*<script[^>]*fontawesome\.js[^>]*></script>", "", str(html))


def accessible_toctree(html: str) -> str:
    """The sidebar's toctree as pydata-sphinx-theme writes it, made accessible.

    A part caption has ``role="heading"`` but no level; a chapter's expand button
    (``<summary>`` holding only an icon) has no name. Both are serious or critical
    failures for axe-core.
    """
    html = re.sub(r'<p([^>]*) role="heading"(?![^>]*aria-level)', r'<p\1 role="heading" aria-level="2"', str(html))

    def name(match: re.Match) -> str:
        title = re.sub(r"<[^>]+>", "", match.group(2)).strip()
        return f'{match.group(1)}<details{match.group(3)}><summary aria-label="Sections of {title}">'

    return re.sub(r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">(.*?)</a>)<details([^>]*)><summary>',
                  name, html)


def _accessible_body(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """docutils writes the bibliography as role="list" holding role="doc-biblioentry"
    entries, which ARIA does not allow (a list holds list items): make them list items."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


# Icons ------------------------------------------------------------------------------

def _fontawesome_js() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" \
        / "scripts" / "fontawesome.js"


def solid_icons(script: str) -> dict[str, tuple[int, int, str]]:
    """Font Awesome's solid pack, read from the theme's fontawesome.js: name -> (width, height, path)."""
    end = script.index('d("fas",')
    start = script.rindex('d("far",', 0, end)
    found = {}
    entry = re.compile(r'(?:"([a-z0-9-]+)"|([a-z0-9]+)):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]+","([^"]+)"\]')
    for match in entry.finditer(script, start, end):
        name = match.group(1) or match.group(2)
        found[name] = (int(match.group(3)), int(match.group(4)), match.group(5))
    return found


def icons_css(script: str) -> str:
    icons = solid_icons(script)
    rules = [
        "/* Font Awesome Free icons (CC BY 4.0, https://fontawesome.com/license/free), drawn as CSS",
        "   masks in the text colour. Generated by scripts/bookbuild/sphinxext/html_setup.py. */",
        ".fa-solid, .fas { display: inline-block; width: 1em; height: 1em; vertical-align: -0.125em;",
        "  font-style: normal; }",
        ".fa-solid::before, .fas::before { content: \"\"; display: block; width: 100%; height: 100%;",
        "  background-color: currentColor; -webkit-mask: var(--mlm-icon) center / contain no-repeat;",
        "  mask: var(--mlm-icon) center / contain no-repeat; }",
        ".fa-lg { font-size: 1.25em; line-height: 0.05em; vertical-align: -0.075em; }",
    ]
    for name in ICONS:
        width, height, path = icons[name]
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
        rules.append(f'.fa-{name} {{ --mlm-icon: url("data:image/svg+xml,{_url_escape(svg)}"); }}')
    return "\n".join(rules) + "\n"


def _url_escape(svg: str) -> str:
    return svg.replace("%", "%25").replace("#", "%23").replace("<", "%3C").replace(">", "%3E").replace('"', "'")


def _icons_dir(root: Path) -> Path:
    script = _fontawesome_js()
    stamp = hashlib.sha256(f"{script.stat().st_size}:{ICONS}:{Path(__file__).stat().st_mtime_ns}".encode())
    target = root / ".cache" / "html" / f"icons-{stamp.hexdigest()[:12]}"
    css = target / "mlm-icons.css"
    if not css.is_file():
        write_atomic(css, icons_css(script.read_text(encoding="utf8")))
    return target


# Solutions pages --------------------------------------------------------------------

def _solution_pages(app: Sphinx) -> set[str]:
    """The pages under the solutions documents (one per chapter and one per section), not
    the appendix's own page."""
    roots = set(app.config.mlm_solution_docs or [])
    return {doc for root in roots for doc in subtree(app.env, root)} - roots


def solution_title(title: str, number: str = "") -> str:
    """"Solutions: 1.1 Vectors" for the solutions of section 1.1, "Solutions: Linear algebra"."""
    return title if title.startswith("Solutions") else f"Solutions: {number}{title}"


def _section_number(env, docname: str) -> str:
    """"1.1 " for ``book/back/solutions/linear-algebra/vectors``, the solutions of
    ``book/linear-algebra/vectors``; "" for a page that answers no one section."""
    parts = docname.split("/")
    if len(parts) != 5 or parts[:3] != ["book", "back", "solutions"]:
        return ""
    number = env.toc_secnumbers.get(f"book/{parts[3]}/{parts[4]}", {}).get("")
    return ".".join(map(str, number)) + " " if number else ""


def _title_solutions(app: Sphinx, env) -> list[str]:
    """Retitle the solutions pages in the environment (page titles, links, the sidebar).

    A page read again has its own title back; the title as written is kept, so that
    a page not read again is retitled with its section's current number."""
    if app.builder.format != "html":
        return []
    written = env.__dict__.setdefault("mlm_solution_titles", {})
    for docname in _solution_pages(app):
        title = env.titles.get(docname)
        if title is None:
            continue
        if not title.astext().startswith("Solutions"):
            written[docname] = title.astext()
        full = solution_title(written.get(docname, title.astext()), _section_number(env, docname))
        env.titles[docname] = nodes.title("", full)
        env.longtitles[docname] = nodes.title("", full)
        toc = env.tocs.get(docname)
        first = next(iter(toc.findall(nodes.reference)), None) if toc is not None else None
        if first is not None:
            first.children = []
            first += nodes.Text(full)
    return []


def _title_solution_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or docname not in _solution_pages(app):
        return
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and isinstance(section[0], nodes.title):
        title = section[0]
        if not title.astext().startswith("Solutions"):
            title.insert(0, nodes.Text(f"Solutions: {_section_number(app.env, docname)}"))
