"""Math typeset when the book is built: KaTeX in Node writes the HTML and MathML into each page.

The reader's browser does no typesetting: a formula is visible as soon as its
text is, in KaTeX's fonts, and screen readers read the MathML KaTeX writes next
to it. KaTeX was chosen over MathJax in Node by measurement (see the README):
it typesets the whole book about three times faster, needs one static
stylesheet rather than one per page, and lets inline formulas break after
relations and operators, so they wrap on a phone instead of being clipped.

Only the pages Sphinx writes are typeset, and each formula is typeset once:
the answers are kept in an SQLite cache keyed by the formula, display or
inline, the macros of ``book/macros.tex`` and the KaTeX version. A formula
KaTeX rejects is a build error at its Markdown line, like a LaTeX error.

Each build leaves ``mlm-math.json`` in the doctree folder: how many formulas the
written pages hold, how many came from the cache, and the seconds spent here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

from ..macros import MACROS_FILE, read_macros
from ..vendor import RENDER_JS, ensure_npm_packages, katex_static, katex_version

logger = logging.getLogger(__name__)
RENDERER = "mlm-katex"
STATS = "mlm-math.json"


def setup(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    app.connect("config-inited", _configure)
    app.connect("builder-inited", _start)
    app.connect("doctree-resolved", _typeset_page)
    app.connect("html-page-context", _preload_fonts)
    app.connect("build-finished", _finish)


def _configure(app: Sphinx, config) -> None:
    config.html_math_renderer = RENDERER
    static = str(katex_static(Path(app.srcdir)))
    if static not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, static]


def _start(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.builder.add_css_file("katex/katex.min.css", priority=300)
    app.mlm_katex = Typesetter(Path(app.srcdir))
    css = katex_static(Path(app.srcdir)) / "katex" / "katex.min.css"
    app.mlm_katex_fonts = katex_fonts(css.read_text(encoding="utf8"))


def _typeset_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    typesetter = getattr(app, "mlm_katex", None)
    if typesetter is None:
        return
    found = [(node, tex_of(node), isinstance(node, nodes.math_block))
             for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))]
    results = typesetter.typeset([(tex, display) for _, tex, display in found])
    for (node, tex, _display), (html, error) in zip(found, results):
        if error:
            logger.warning(f"KaTeX cannot typeset this: {error}", location=node, type="mlm", subtype="math")
            html = f'<span class="mlm-math-error">{_escape(tex)}</span>'
        node["mlm_html"] = html


def _finish(app: Sphinx, exception) -> None:
    typesetter = getattr(app, "mlm_katex", None)
    if typesetter is not None:
        typesetter.close()
        stats = Path(app.doctreedir) / STATS
        stats.write_text(json.dumps(typesetter.stats))


# ---- Fonts a page needs, fetched while it is parsed ----------------------------------
# KaTeX's fonts are "font-display: block": a formula stays invisible until its font is in.
# The browser asks for a font only when it lays out text set in it, so on a long page the
# large delimiters' fonts were asked for seconds after the page was shown, when a far
# section was laid out. Each page names the fonts its formulas use, read from the classes
# in its HTML and the rules of katex.min.css, as <link rel="preload">.

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS = re.compile(r"\.([\w-]+)")
_CLASS_ATTR = re.compile(r'class="([^"]*)"')


def katex_fonts(css: str) -> list[tuple[tuple[frozenset[str], ...], str]]:
    """(compounds, font file) pairs: text inside ``.katex`` under elements that have, in
    turn, the classes of each compound is set in that file (a path relative to
    katex.min.css). The first pair, with no compounds, is the face every formula uses."""
    faces, rules = {}, []
    for selectors, body in _RULE.findall(css):
        decl = dict(part.split(":", 1) for part in body.split(";") if ":" in part)
        if selectors.strip() == "@font-face":
            url = re.search(r"url\(([^)]+\.woff2)\)", decl.get("src", ""))
            if url:
                family = decl["font-family"].strip("\"'")
                faces[(family, decl.get("font-style", "normal"), decl.get("font-weight", "400"))] = url.group(1)
            continue
        family = re.search(r"KaTeX_\w+", decl.get("font-family", decl.get("font", "")))
        if not family and not ("font-weight" in decl or "font-style" in decl):
            continue
        key = (family.group(0) if family else "KaTeX_Main", decl.get("font-style", "normal"),
               "700" if decl.get("font-weight") in ("700", "bold") else "400")
        for selector in selectors.split(","):
            if not selector.strip().startswith(".katex"):
                continue
            compounds = tuple(c for c in (frozenset(_CLASS.findall(part)) - {"katex"}
                                          for part in re.split(r"[\s>+~]+", selector.strip())) if c)
            if family or compounds:
                rules.append((compounds, key))
    return [(compounds, faces[key]) for compounds, key in rules if key in faces]


def fonts_of_page(body: str, fonts: list[tuple[tuple[frozenset[str], ...], str]]) -> list[str]:
    """The font files the formulas in this HTML are set in, in the order of ``fonts``: a rule
    counts when each of its compounds is matched by some one element (nesting is not checked)."""
    if 'class="katex"' not in body:
        return []
    elements = {frozenset(value.split()) for value in set(_CLASS_ATTR.findall(body))}
    return list(dict.fromkeys(url for compounds, url in fonts
                              if all(any(c <= e for e in elements) for c in compounds)))


def _preload_fonts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    fonts = getattr(app, "mlm_katex_fonts", None)
    if fonts is None:
        return
    context["mlm_font_preloads"] = [context["pathto"]("_static/katex/" + url, 1)
                                    for url in fonts_of_page(context.get("body") or "", fonts)]


def tex_of(node: nodes.Element) -> str:
    """The TeX that a math node stands for, as sphinx.ext.mathjax would hand it to MathJax."""
    if isinstance(node, nodes.math) or node.get("nowrap"):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    wrapped = [r"\begin{split}" + part + r"\end{split}" if r"\\" in part and r"\begin" not in part else part
               for part in parts]
    if len(wrapped) > 1:
        return r"\begin{gathered}" + r"\\".join(wrapped) + r"\end{gathered}"
    return wrapped[0] if wrapped else ""


def _html(self, node: nodes.Element, display: bool) -> str:
    html = node.get("mlm_html")
    if html is None:  # a node made after the page was resolved
        typesetter = self.builder.app.mlm_katex
        ((html, error),) = typesetter.typeset([(tex_of(node), display)])
        if error:
            logger.warning(f"KaTeX cannot typeset this: {error}", location=node, type="mlm", subtype="math")
            html = f'<span class="mlm-math-error">{_escape(tex_of(node))}</span>'
    return html


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_html(self, node, False) + "</span>")
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"] and not node.get("nowrap"):
        number = get_node_equation_number(self, node)
        self.body.append('<span class="eqno">(%s)' % number)
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    # The display scrolls inside this box when it is wider than the column.
    self.body.append('<div class="mlm-display">' + _html(self, node, True) + "</div>")
    self.body.append("</div>\n")
    raise nodes.SkipNode


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def katex_macros(root: Path) -> dict[str, str]:
    path = root / MACROS_FILE
    macros = read_macros(path) if path.is_file() else []
    return {"\\" + m.name: m.body for m in macros}


class Typesetter:
    """Formulas in, KaTeX's HTML out; a cache first, then one Node process for the misses."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.macros = katex_macros(root)
        self.version = katex_version()
        salt = json.dumps([self.version, self.macros, RENDER_JS.read_text()], sort_keys=True)
        self.salt = hashlib.sha256(salt.encode()).hexdigest()
        cache_dir = root / ".cache" / "math"
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(cache_dir / "katex.sqlite", timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS formulas (key TEXT PRIMARY KEY, html TEXT NOT NULL)")
        self.process: subprocess.Popen | None = None
        self.stats = {"formulas": 0, "cached": 0, "typeset": 0, "seconds": 0.0}

    def key(self, tex: str, display: bool) -> str:
        return hashlib.sha256(f"{self.salt}\0{int(display)}\0{tex}".encode()).hexdigest()

    def typeset(self, items: list[tuple[str, bool]]) -> list[tuple[str, str | None]]:
        """(html, None) or (None, error) for each (tex, display)."""
        start = time.perf_counter()
        keys = [self.key(tex, display) for tex, display in items]
        known: dict[str, str] = {}
        unique = sorted(set(keys))
        for at in range(0, len(unique), 500):
            chunk = unique[at:at + 500]
            rows = self.db.execute(
                f"SELECT key, html FROM formulas WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            known.update(rows)
        misses = {k: item for k, item in zip(keys, items) if k not in known}
        errors: dict[str, str] = {}
        if misses:
            answers = self._ask(list(misses.values()))
            fresh = []
            for key, (html, error) in zip(misses, answers):
                if error:
                    errors[key] = error
                else:
                    known[key] = html
                    fresh.append((key, html))
            self.db.executemany("INSERT OR REPLACE INTO formulas VALUES (?, ?)", fresh)
        self.stats["formulas"] += len(items)
        self.stats["cached"] += len(items) - sum(1 for k in keys if k in misses)
        self.stats["typeset"] += len(misses)
        self.stats["seconds"] += time.perf_counter() - start
        return [(known.get(k), errors.get(k)) for k in keys]

    def _ask(self, items: list[tuple[str, bool]]) -> list[tuple[str | None, str | None]]:
        """Typeset in the Node process; a thread writes the requests while this one reads."""
        if self.process is None:
            modules = ensure_npm_packages(self.root) / "node_modules"
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
                json.dump(self.macros, handle)
            self._macros_file = Path(handle.name)
            self.process = subprocess.Popen(
                ["node", str(RENDER_JS), handle.name], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                text=True, encoding="utf8", env={**os.environ, "NODE_PATH": str(modules)})
        process = self.process

        def write() -> None:
            for tex, display in items:
                process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            process.stdin.flush()

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        answers = []
        for _item in items:
            line = process.stdout.readline()
            if not line:
                raise RuntimeError("the KaTeX process (scripts/bookbuild/node/render.js) stopped")
            answer = json.loads(line)
            answers.append((answer.get("html"), answer.get("error")))
        writer.join()
        return answers

    def close(self) -> None:
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self._macros_file.unlink(missing_ok=True)
            self.process = None
        self.db.close()

