"""The HTML book on every device, in a real browser, with every host but 127.0.0.1 blocked.

The site (``scripts/build site``: the HTML and all four PDFs) is served locally
and every page is loaded in headless Chromium (Debian's package) at a phone's,
a tablet's and a desktop's width. On each, at each width:

- nothing is requested from another host and nothing is logged as an error;
- every formula was typeset at build time (KaTeX), with MathML for screen readers;
- the page does not scroll sideways, no inline formula is cut off, and a display
  wider than its column scrolls inside its own box, with a visible cue;
- axe-core (vendored from the npm registry) finds no serious or critical violation;
- formulas are not tab stops, no tab stop is repeated, touch targets are at
  least 24 x 24 CSS pixels;
- the menu, the page's table of contents and search open and close with a click;
- the page links to the index and arrow keys turn the page.

Separate tests cover previews of cross-references (hover and tap), solutions
revealed in place, search, downloads, printing, and the edition note.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import threading
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
WIDTHS = (390, 768, 1400)
# One page of each kind. Every page is checked at the phone width, where content
# overflows first; at the wider widths, and for what the shared templates and style
# sheet decide alone (the menu buttons, colour contrast), these pages stand for the
# rest, which keeps the browser tests to minutes as the book grows.
KINDS_OF_PAGE = ("book/index.html", "book/front/notation.html", "book/linear-algebra/index.html",
                 "book/calculus/backprop.html", "book/probability/random-variables.html",
                 "book/calculus/cheat-sheet.html", "book/back/solutions/probability/gaussian.html",
                 "genindex.html", "search.html")
slow = pytest.mark.slow


# ---- Quick checks of the machinery (no build) -------------------------------------------

def test_icons_are_read_from_the_themes_font_awesome() -> None:
    from bookbuild.sphinxext.html_setup import ICONS, _fontawesome_js, icons_css, solid_icons

    icons = solid_icons(_fontawesome_js().read_text(encoding="utf8"))
    assert {"bars", "list", "magnifying-glass", "sun", "moon"} <= set(icons)
    width, height, path = icons["bars"]
    assert (width, height) == (448, 512) and path.startswith("M")
    css = icons_css(_fontawesome_js().read_text(encoding="utf8"))
    for name in ICONS:
        assert f".fa-{name} {{ --mlm-icon: url(\"data:image/svg+xml," in css
    assert len(css) < 20_000


def test_the_sidebar_markup_is_made_accessible() -> None:
    from bookbuild.sphinxext.html_setup import accessible_toctree

    html = ('<p class="caption" role="heading"><span class="caption-text">Linear algebra</span></p>'
            '<li class="toctree-l1 has-children"><a class="reference internal" href="la/index.html">'
            '1. Linear algebra</a><details><summary><span class="toctree-toggle" role="presentation">'
            '<i class="fa-solid fa-chevron-down"></i></span></summary><ul></ul></details></li>')
    fixed = accessible_toctree(html)
    assert 'role="heading" aria-level="2"' in fixed
    assert '<summary aria-label="Sections of 1. Linear algebra">' in fixed
    assert accessible_toctree(fixed) == fixed


def test_the_edition_note_comes_from_the_toc(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from bookbuild.sphinxext.landing import edition, note

    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "plan.md").write_text("# A study plan\n")
    (tmp_path / "book" / "calc.md").write_text("(sec-calc)=\n# Multivariate calculus and optimisation\n")
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nparts:\n"
        "  - caption: Getting started\n    chapters:\n      - file: book/intro\n"
        "  - caption: Linear algebra\n    chapters:\n      - file: book/la\n"
        "  - caption: Multivariate calculus\n    chapters:\n      - file: book/calc\n"
        "  - caption: Appendices\n    chapters:\n      - file: book/plan\n")
    config = SimpleNamespace(
        mlm_planned_chapters=["Linear algebra", "Multivariate calculus and optimisation",
                              "Probability and statistics", "A study plan"],
        mlm_latex_divisions={"Getting started": "frontmatter", "Appendices": "appendix"})
    present, to_come = edition(tmp_path, config)
    # The calculus part is named once, by its chapter's title, not by its shorter caption too.
    assert present == ["Linear algebra", "Multivariate calculus and optimisation", "A study plan"]
    assert to_come == ["Probability and statistics"]
    assert note(present, to_come) == ("This version contains: Linear algebra; Multivariate calculus and "
                                      "optimisation; A study plan. Still to come: Probability and statistics.")
    assert note(present, []) == ""


def test_pdf_names_map_to_editions_and_papers() -> None:
    from bookbuild.build import EDITIONS, PAPERS, PdfVariant
    from bookbuild.sphinxext.landing import pdf_variant

    for paper in PAPERS:
        for edition in EDITIONS:
            assert pdf_variant(PdfVariant(paper, edition).filename) == (edition, paper)
    assert pdf_variant("notes.pdf") is None


def test_katex_typesets_with_the_books_macros_and_reports_errors() -> None:
    from bookbuild.sphinxext.mathrender import Typesetter

    typesetter = Typesetter(REPO)
    try:
        (html, error), (bad, message) = typesetter.typeset([(r"\R^n \ni \mathbf{x}", False),
                                                            (r"\frac{1}{", True)])
    finally:
        typesetter.close()
    assert error is None and 'class="katex"' in html and "<math" in html and "double-struck" in html
    assert bad is None and "KaTeX parse error" in message


def test_a_page_preloads_the_fonts_its_formulas_are_set_in() -> None:
    from bookbuild.sphinxext.mathrender import Typesetter, fonts_of_page, katex_fonts
    from bookbuild.vendor import katex_static

    fonts = katex_fonts((katex_static(REPO) / "katex" / "katex.min.css").read_text())
    typesetter = Typesetter(REPO)
    try:
        page = lambda *tex: "".join(html for html, _ in typesetter.typeset([(t, False) for t in tex]))
        names = lambda *tex: [url.split("/")[-1].removesuffix(".woff2") for url in fonts_of_page(page(*tex), fonts)]
        plain = names("x^{2}", r"\bigl(y\bigr)")  # a superscript is "sizing size3", a \bigl "delimsizing size1"
        bold = names(r"\mathbf{A}\in\R^{n}", r"\Bigl(\sum_i a_i\Bigr)")
    finally:
        typesetter.close()
    assert plain == ["KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_Size1-Regular"], plain
    assert sorted(bold) == ["KaTeX_AMS-Regular", "KaTeX_Main-Bold", "KaTeX_Main-Regular", "KaTeX_Math-Italic",
                            "KaTeX_Size1-Regular", "KaTeX_Size2-Regular"], bold  # \sum inline: Size1
    assert fonts_of_page("<p>No formula here.</p>", fonts) == []


def test_vendored_npm_packages_are_pinned_with_integrity() -> None:
    import json

    from bookbuild.vendor import LOCK, NODE_DIR

    wanted = json.loads((NODE_DIR / "package.json").read_text())["dependencies"]
    packages = json.loads(LOCK.read_text())["packages"]
    for name, version in wanted.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly"
        entry = packages[f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-")
    assert all(info["integrity"].startswith("sha512-")
               for name, info in packages.items() if name.startswith("node_modules/"))


# ---- The built site -------------------------------------------------------------------

@pytest.fixture(scope="module")
def book_root(request) -> Path:
    """The checkout whose site is tested: the clean build (HTML and the A4 PDFs), assembled
    as ``build site`` assembles it, or, while working on these tests, an existing one named
    by MLM_TEST_BUILT_SITE. The four-PDF site build is tested in test_pdf.py."""
    existing = os.environ.get("MLM_TEST_BUILT_SITE")
    if existing:
        return Path(existing)
    from bookbuild.publish import assemble_site

    root, result = request.getfixturevalue("clean_build")
    assert result.returncode == 0, result.stderr
    assemble_site(root / "_build" / "html", root / "_build" / "site")  # what `build site` adds to it
    return root


@pytest.fixture(scope="module")
def site(book_root: Path) -> Path:
    return book_root / "_build" / "site"


@pytest.fixture(scope="module")
def server(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def axe(book_root: Path) -> Path:
    from bookbuild.vendor import axe_script

    return axe_script(book_root)


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site, except redirect stubs (the root index.html)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_")
                  and 'http-equiv="Refresh"' not in p.read_text(errors="replace"))


def _open(browser, server: str, path: str, width: int = 1400, dark: bool = False, touch: bool = False,
          idle: bool = True):
    """Load a page offline; return (page, blocked requests, console errors), lists that go on
    filling while the page is open. ``idle``: wait until the network has been quiet for 0.5 s."""
    context = browser.new_context(viewport={"width": width, "height": 900}, has_touch=touch,
                                  is_mobile=touch)
    if dark:
        context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    page = context.new_page()
    blocked, errors = [], []

    def route(request_route) -> None:
        if request_route.request.url.startswith(server + "/"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda r: errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(f"{server}/{path}", wait_until="load")
    if idle:
        page.wait_for_load_state("networkidle")
    page.wait_for_function("(document.documentElement.dataset.mlmMath === 'ready' || !document.querySelector('article'))"
                           " && document.fonts.status === 'loaded'", timeout=60_000)
    return page, blocked, errors


def _scroll_through(page) -> None:
    """Scroll to the bottom and back, as a reader would: every section is laid out once
    (long sections are laid out only near the screen, see mlmbook.css)."""
    page.evaluate("""async () => {
        // Two frames, or 250 ms if the page renders no frames (evaluate() has no timeout).
        const frame = () => Promise.race([new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))),
                                          new Promise(r => setTimeout(r, 250))]);
        for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
            window.scrollTo(0, y);
            await frame();
        }
        window.scrollTo(0, 0);
        await frame();
        await frame();
    }""")
    page.wait_for_function("document.documentElement.dataset.mlmMath === 'ready' || !document.querySelector('article')")


# Checks run in the page; each returns a list of problems.
_MATH = """() => {
  const problems = [];
  const math = [...document.querySelectorAll('.math')];
  const bare = math.filter(m => !m.querySelector('.katex'));
  if (bare.length) problems.push(`${bare.length} of ${math.length} formulas not typeset`);
  const errors = document.querySelectorAll('.mlm-math-error, .katex-error');
  if (errors.length) problems.push(`${errors.length} formulas typeset as errors`);
  const noMathml = [...document.querySelectorAll('.katex')].filter(k => !k.querySelector('.katex-mathml math'));
  if (noMathml.length) problems.push(`${noMathml.length} formulas without MathML for screen readers`);
  const hidden = [...document.querySelectorAll('.katex-html')].filter(h => h.getAttribute('aria-hidden') !== 'true');
  if (hidden.length) problems.push(`${hidden.length} formulas read twice (visual part not aria-hidden)`);
  const main = document.querySelector('main') || document.body;
  const text = main.innerText;
  for (const d of ['$$', '\\\\(', '\\\\)', '\\\\[', '\\\\begin{']) if (text.includes(d)) problems.push(`raw TeX in the text: ${d}`);
  return problems;
}"""

_FIT = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
  const clipper = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.overflowX !== 'visible') return p;
    }
    return null;
  };
  const article = document.querySelector('article.bd-article');
  for (const k of document.querySelectorAll('span.math > .katex')) {
    if (k.closest('details:not([open])')) continue;
    const r = k.getBoundingClientRect();
    if (!r.width) continue;
    const clip = clipper(k);
    if (clip) { const c = clip.getBoundingClientRect(); if (c.width <= 1 && c.height <= 1) continue; }  // visually hidden, for screen readers
    const box = k.classList.contains('mlm-inline-wide') ? k : clip || article;
    const c = (box === k ? k.parentElement : box).getBoundingClientRect();
    const right = box === k ? r.left + k.clientWidth : r.right;
    if (right > c.right + 1 || r.left < c.left - 1) {
      problems.push(`inline formula cut off: ${k.querySelector('annotation').textContent.slice(0, 60)}`);
    }
    if (box === k && k.scrollWidth > k.clientWidth + 1 && k.tabIndex !== 0) problems.push('a wide inline formula cannot be scrolled with the keyboard');
  }
  for (const d of document.querySelectorAll('.mlm-display')) {
    if (d.closest('details:not([open])') || !d.clientWidth) continue;
    if (d.scrollWidth > d.clientWidth + 1) {
      const s = getComputedStyle(d);
      const tex = d.querySelector('annotation').textContent.slice(0, 60);
      if (s.overflowX !== 'auto' && s.overflowX !== 'scroll') problems.push(`a wide display is cut off: ${tex}`);
      if (!d.classList.contains('mlm-scrolls') || !(d.classList.contains('mlm-more-right') || d.classList.contains('mlm-more-left'))) problems.push(`a wide display has no cue that it continues: ${tex}`);
      if (d.tabIndex !== 0) problems.push(`a wide display cannot be scrolled with the keyboard: ${tex}`);
      if (getComputedStyle(d).boxShadow === 'none') problems.push(`a wide display shows no shadow: ${tex}`);
    }
    const r = d.getBoundingClientRect();
    if (r.right > root.clientWidth + 1) problems.push('a display box runs off the screen');
  }
  return problems;
}"""

_KEYBOARD = """() => {
  const problems = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden], dialog:not([open]), details:not([open]) > :not(summary)');
  };
  const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled && visible(el));
  const inMath = focusable.filter(el => el.closest('.katex') && !el.matches('.mlm-inline-wide'));
  if (inMath.length) problems.push(`${inMath.length} tab stops inside formulas`);
  const displays = focusable.filter(el => el.matches('.mlm-display'));
  const wide = displays.filter(el => el.scrollWidth <= el.clientWidth + 1);
  if (wide.length) problems.push(`${wide.length} displays that fit are tab stops`);
  const seen = new Map();
  for (const el of focusable) {
    if (el.matches('.mlm-display, .mlm-inline-wide, .headerlink')) continue;
    const name = (el.getAttribute('aria-label') || el.textContent || el.title || '').replace(/\\s+/g, ' ').trim();
    const key = `${el.tagName} ${el.getAttribute('href') || ''} ${name}`;
    if (!el.closest('article') && seen.has(key)) problems.push(`repeated tab stop: ${key}`);
    seen.set(key, el);
  }
  for (const el of focusable) {
    const s = getComputedStyle(el);
    if (s.display === 'inline' && el.closest('p, li, td, th, dd, dt, figcaption, caption, span.caption-text') && !el.closest('nav, .bd-sidebar, .prev-next-area')) continue;  // links in a sentence (WCAG 2.5.8, inline)
    if (el.matches('.mlm-display, .mlm-inline-wide')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 24 - 0.5 || r.height < 24 - 0.5) {
      problems.push(`touch target ${Math.round(r.width)}x${Math.round(r.height)}: ${el.outerHTML.slice(0, 90)}`);
    }
  }
  return problems;
}"""

# Every KaTeX font the page has used (all sections laid out) was preloaded, and no more.
_FONTS = """() => {
  const name = (f) => `${f.family}-${f.weight >= 700 || f.weight === 'bold' ? 'Bold' : ''}${f.style === 'italic' ? 'Italic' : ''}`
    .replace(/-$/, '-Regular');
  const used = new Set([...document.fonts].filter(f => f.status === 'loaded' && f.family.startsWith('KaTeX_')).map(name));
  const preloaded = new Set([...document.querySelectorAll('link[rel=preload][as=font]')]
    .map(l => l.href.split('/').pop().replace('.woff2', '')));
  const problems = [];
  for (const f of used) if (!preloaded.has(f)) problems.push(`font used but not preloaded: ${f}`);
  for (const f of preloaded) if (!used.has(f)) problems.push(`font preloaded but not used: ${f}`);
  return problems;
}"""

# On the pages of each kind (KINDS_OF_PAGE), at every width, axe reads the whole page,
# colour contrast included. On the others it reads the page without its formulas: their
# visual part is aria-hidden (checked by _MATH), and what axe could find in it, focusable
# elements, is _KEYBOARD's "tab stops inside formulas"; their MathML, which screen readers
# read, comes from KaTeX alone, as on the pages of each kind, where axe reads it. The
# formulas are most of a page's nodes: axe takes 3 to 4 times as long with them.
_AXE = """async (contrast) => {
  if (!contrast) document.querySelectorAll('.katex-html, .katex-mathml').forEach(e => e.remove());
  const result = await axe.run(document, {resultTypes: ['violations'],
                                          rules: {'color-contrast': {enabled: contrast}}});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.nodes.length} node(s), e.g. ${v.nodes[0].target.join(' ')}`);
}"""


def _kinds_of_page(site: Path) -> list[str]:
    pages = _pages(site)
    assert set(KINDS_OF_PAGE) <= set(pages), set(KINDS_OF_PAGE) - set(pages)
    return list(KINDS_OF_PAGE)


def _check_page(page, path: str, width: int, axe: Path) -> list[str]:
    problems = [f"{path} @{width}: {p}" for p in page.evaluate(_MATH)]
    if page.locator("article").count() and path != "genindex.html":
        index = page.locator(".mlm-index-link a")
        if index.count() != 1 or not (index.get_attribute("href") or "").endswith("genindex.html"):
            problems.append(f"{path} @{width}: no link to the index")
    _scroll_through(page)  # formulas are measured as they come near the screen: all have, now
    problems += [f"{path} @{width}: {p}" for p in page.evaluate(_FIT) + page.evaluate(_KEYBOARD)]
    problems += [f"{path} @{width}: {p}" for p in page.evaluate(_FONTS)]
    page.add_script_tag(path=str(axe))
    problems += [f"{path} @{width}: axe: {p}" for p in page.evaluate(_AXE, path in KINDS_OF_PAGE)]
    return problems  # the last check: _AXE may take the formulas' visual part out of the page


@slow
@pytest.mark.parametrize("width", WIDTHS)
def test_pages_at_each_width(site: Path, server: str, browser, axe: Path, width: int) -> None:
    """Every page at the phone width, one page of each kind at the wider ones."""
    problems = []
    pages = _pages(site) if width == min(WIDTHS) else _kinds_of_page(site)
    assert len(pages) >= 9
    for path in pages:
        page, blocked, errors = _open(browser, server, path, width, idle=False)
        problems += _check_page(page, path, width, axe)
        # After scrolling through, so that what loads late (lazy images, fonts) is counted too.
        if blocked:
            problems.append(f"{path}: requested another host: {blocked}")
        if errors:
            problems.append(f"{path}: console errors: {errors}")
        page.context.close()
    assert not problems, "\n".join(problems)


_SHOWN = """(sel) => [...document.querySelectorAll(sel)].some(e => {
        const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth;
    })"""


def _shown(page, selector: str) -> bool:
    return page.evaluate(_SHOWN, selector)


def _settles(page, selector: str, shown: bool) -> bool:
    """Wait (up to 2 s, for a transition) until ``selector`` is shown or hidden; say whether it got there."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(f"(sel) => ({_SHOWN})(sel) === {'true' if shown else 'false'}", arg=selector,
                               timeout=2000, polling=50)
    except PlaywrightTimeout:
        return False
    return True


@slow
@pytest.mark.parametrize("width", WIDTHS)
def test_menu_contents_and_search_open_and_close(site: Path, server: str, browser, width: int) -> None:
    """A real click on the visible buttons, on one page of each kind (the buttons come from the templates)."""
    problems = []
    for path in _kinds_of_page(site):
        page, _, _ = _open(browser, server, path, width)
        if not page.locator("article").count():
            page.context.close()
            continue
        where = f"{path} @{width}"
        menu = page.locator(".primary-toggle:visible")
        if menu.count() != 1:
            problems.append(f"{where}: {menu.count()} visible menu buttons")
        else:
            before = _shown(page, ".bd-sidenav")
            menu.click()
            if not _settles(page, ".bd-sidenav", not before):
                problems.append(f"{where}: the menu button did nothing")
            if page.evaluate("document.querySelector('#pst-primary-sidebar-modal').open"):
                page.keyboard.press("Escape")
            else:
                menu.click()
            if not _settles(page, ".bd-sidenav", before):
                problems.append(f"{where}: the menu did not close again")
        if page.locator("#pst-page-toc-nav").count():
            toc = page.locator(".secondary-toggle:visible")
            if toc.count() != 1:
                problems.append(f"{where}: {toc.count()} visible 'On this page' buttons")
            else:
                before = _shown(page, "#pst-page-toc-nav")
                toc.click()
                if not _settles(page, "#pst-page-toc-nav", not before):
                    problems.append(f"{where}: the 'On this page' button did nothing")
                if page.evaluate("!!document.querySelector('#pst-secondary-sidebar-modal[open]')"):
                    page.keyboard.press("Escape")
                else:
                    toc.click()
                if not _settles(page, "#pst-page-toc-nav", before):
                    problems.append(f"{where}: the page's contents did not close again")
        search = page.locator(".search-button__button:visible")
        if search.count() != 1:
            problems.append(f"{where}: {search.count()} visible search buttons")
        else:
            search.click()
            if not _settles(page, "#pst-search-dialog[open]", True):
                problems.append(f"{where}: the search button did not open search")
            page.keyboard.type("eigenvalue")
            page.keyboard.press("Escape")
            if not _settles(page, "#pst-search-dialog[open]", False):
                problems.append(f"{where}: search did not close")
        page.context.close()
    assert not problems, "\n".join(problems)


@slow
def test_search_finds_sections_and_shows_no_tex(server: str, browser) -> None:
    page, blocked, errors = _open(browser, server, "search.html?q=orthogonal+projection")
    page.wait_for_selector("#search-results li", timeout=30_000)
    page.wait_for_timeout(1500)
    items = page.locator("#search-results li")
    assert items.count() >= 1 and not blocked and not errors
    summaries = " ".join(page.locator("#search-results li p.context").all_inner_texts())
    assert summaries.strip()
    assert not re.search(r"\\[a-zA-Z(\[]", summaries), f"raw TeX in search snippets: {summaries[:300]}"
    hrefs = [a.get_attribute("href") for a in page.locator("#search-results li > a").all()]
    deep = [h for h in hrefs if "#" in h]
    assert len(deep) >= len(hrefs) // 2, f"results lead to the top of pages: {hrefs}"
    page.goto(f"{server}/book/{deep[0].split('book/', 1)[-1]}" if "book/" in deep[0] else deep[0])
    anchor = deep[0].split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    page.context.close()


@slow
def test_cross_references_preview_on_hover_and_tap(server: str, browser) -> None:
    page, _, errors = _open(browser, server, "book/linear-algebra/vectors.html")
    _scroll_through(page)  # sections below the screen get their real height, as a reader scrolls
    link = page.locator("article a.reference.internal[href*='#thm-'], article a.reference.internal[href*='#prop-']").first
    link.scroll_into_view_if_needed()
    link.hover()
    page.wait_for_selector(".mlm-preview", timeout=5000)
    preview = page.locator(".mlm-preview")
    assert preview.locator(".katex").count() >= 1
    assert re.search(r"(Theorem|Proposition) \d+\.\d+", preview.inner_text())
    page.mouse.move(0, 0)
    page.wait_for_timeout(800)
    assert page.locator(".mlm-preview").count() == 0
    # Equations, figures and exercises on other pages, read from this site.
    for selector in ("a[href*='#equation-']", "a[href*='#fig-']", "a[href*='#exc-']"):
        found = page.evaluate("""async (sel) => {
            for (const a of document.querySelectorAll('article ' + sel)) {
              if (a.closest('p.solution-link, nav')) continue;
              if (await window.mlmPreview(a)) return document.querySelector('.mlm-preview').innerText.length;
            }
            return 0;
        }""", selector)
        assert found > 10, f"no preview for {selector}"
    page.context.close()
    assert not errors

    page, _, errors = _open(browser, server, "book/linear-algebra/matrices.html", width=390, touch=True)
    _scroll_through(page)
    link = page.locator("article a.reference.internal[href*='#thm-'], article a.reference.internal[href*='#def-']").first
    link.scroll_into_view_if_needed()
    url = page.url
    link.tap()
    page.wait_for_selector(".mlm-preview", timeout=5000)
    assert page.url == url, "the first tap must show the preview, not leave the page"
    go = page.locator(".mlm-preview .mlm-preview-go").get_attribute("href")
    page.locator(".mlm-preview .mlm-preview-go").tap()
    page.wait_for_url(go, timeout=10_000)
    page.context.close()
    assert not errors


@slow
def test_exercises_link_to_their_solutions_and_reveal_them(site: Path, server: str, browser) -> None:
    page, _, _ = _open(browser, server, "book/linear-algebra/vectors.html")
    exercises = page.locator("div.exercise")
    links = page.locator("p.solution-link a")
    reveals = page.locator("div.exercise details.mlm-reveal")
    assert links.count() == exercises.count() == reveals.count()
    assert page.evaluate("[...document.querySelectorAll('details.mlm-reveal')].every(d => !d.open)")
    # The page does not carry the solutions: they load from a script beside it when one is opened.
    assert not page.locator("details.mlm-reveal .mlm-reveal-body *").count()
    assert not page.evaluate("'mlmSolutions' in window")
    first = reveals.first
    first.scroll_into_view_if_needed()
    first.locator("summary").click()
    assert first.evaluate("d => d.open")
    first.locator(".mlm-reveal-body .katex").first.wait_for(timeout=10_000)
    revealed = " ".join(first.locator(".mlm-reveal-body").inner_text().split())
    assert len(revealed) > 40
    second = reveals.nth(1)
    second.scroll_into_view_if_needed()
    second.locator("summary").click()
    second.locator(".mlm-reveal-body .katex").first.wait_for(timeout=10_000)
    assert " ".join(second.locator(".mlm-reveal-body").inner_text().split()) != revealed
    href = links.first.get_attribute("href")
    page.goto(f"{server}/book/linear-algebra/{href}")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    # What was revealed is the appendix's solution, word for word.
    solution = " ".join(page.locator(f"[id='{anchor}']").inner_text().split())
    assert revealed[:200] in solution
    back = page.locator(f"[id='{anchor}'] a[href*='vectors.html#']")
    assert back.count() >= 1
    page.context.close()


@slow
def test_arrow_keys_turn_the_page(server: str, browser) -> None:
    page, _, _ = _open(browser, server, "book/linear-algebra/vectors.html")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/matrices.html")
    page.wait_for_load_state("load")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/vectors.html")
    page.context.close()


@slow
def test_solutions_pages_have_their_own_titles(site: Path) -> None:
    titles = {}
    for path in _pages(site):
        match = re.search(r"<title>(.*?)</title>", (site / path).read_text())
        titles.setdefault(match.group(1), []).append(path)
    assert all(len(paths) == 1 for paths in titles.values()), {t: p for t, p in titles.items() if len(p) > 1}
    assert any(t.startswith("Solutions: Linear algebra") for t in titles)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and not href.startswith(("mailto:", "javascript:")):
            self.links.append(href)


@slow
def test_every_link_on_the_landing_page_resolves(site: Path, server: str, book_root: Path) -> None:
    html = (site / "book" / "index.html").read_text()
    parser = _Links()
    parser.feed(html)
    base = f"{server}/book/index.html"
    checked = 0
    for href in parser.links:
        url = urllib.parse.urljoin(base, href)
        if not url.startswith(server):
            continue  # none expected; the offline test would catch a request
        with urllib.request.urlopen(url.split("#")[0]) as response:
            assert response.status == 200, url
            body = response.read()
        if "#" in url and url.split("#")[0].endswith(".html"):
            anchor = url.split("#", 1)[1]
            assert f'id="{anchor}"' in body.decode(), f"{href}: no anchor {anchor}"
        checked += 1
    downloads = re.findall(r'href="\.\./(downloads/[^"]+\.pdf)"', html)
    made = sorted(p.name for p in (site / "downloads").glob("*.pdf"))
    assert sorted(Path(d).name for d in downloads) == made
    assert made == sorted(p.name for p in (book_root / "_build" / "pdf").glob("*.pdf")) and len(made) >= 2
    for target in downloads:
        assert (site / target).read_bytes()[:5] == b"%PDF-"
    assert checked >= 8


@slow
def test_the_landing_page_offers_only_the_pdfs_the_build_made(minibook_a4: Path) -> None:
    html = (minibook_a4 / "_build" / "html" / "book" / "index.html").read_text()
    downloads = sorted(Path(d).name for d in re.findall(r'href="\.\./(downloads/[^"]+\.pdf)"', html))
    assert downloads == ["math-for-ml-exercises.pdf", "math-for-ml.pdf"]
    for name in downloads:
        assert (minibook_a4 / "_build" / "html" / "downloads" / name).is_file()


@pytest.fixture(scope="module")
def minibook_a4(tmp_path_factory) -> Path:
    """The small test book built as ``scripts/build`` builds by default: the A4 PDFs, then the HTML."""
    import shutil
    import sys

    from conftest import MINIBOOK

    root = tmp_path_factory.mktemp("mini") / "minibook"
    shutil.copytree(MINIBOOK, root)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    for name in ("macros.tex", "references.bib"):
        shutil.copy(REPO / "book" / name, root / "book" / name)
    index = root / "book" / "index.md"
    index.write_text(index.read_text() + "\n:::{pdf-downloads}\n:::\n")
    vendor = REPO / ".cache" / "vendor"
    if vendor.is_dir():
        shutil.copytree(vendor, root / ".cache" / "vendor")
    done = subprocess.run([sys.executable, "-m", "bookbuild", "--root", str(root), "build"],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr
    return root


@slow
def test_the_edition_note_says_what_is_here_and_what_is_to_come(site: Path, book_root: Path) -> None:
    html = (site / "book" / "index.html").read_text()
    note = re.search(r'<p class="edition-note">(.*?)</p>', html, re.S)
    assert note, "the landing page has no edition note"
    text = re.sub(r"<[^>]+>", "", note.group(1))
    # What the note should say follows from this checkout's _toc.yml and _config.yml, so the
    # test holds as chapters land; the sentence's form is pinned by the test above.
    expected = _edition_sentence(book_root)
    assert re.sub(r"\s+", " ", text).strip() == expected
    have = expected.split(". Still to come: ")[0].removeprefix("This version contains: ").split("; ")
    assert "Linear algebra" in have and len(have) == len(set(have)), have
    pdf = book_root / "_build" / "pdf" / "math-for-ml.pdf"
    front = subprocess.run(["pdftotext", "-l", "4", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    front = re.sub(r"\s+", " ", front)
    assert expected in front


def _edition_sentence(root: Path) -> str:
    from types import SimpleNamespace

    import yaml
    from bookbuild.sphinxext.landing import edition, note

    config = yaml.safe_load((root / "_config.yml").read_text())["sphinx"]["config"]
    present, to_come = edition(root, SimpleNamespace(mlm_planned_chapters=config["mlm_planned_chapters"],
                                                     mlm_latex_divisions=config["mlm_latex_divisions"]))
    return note(present, to_come)


@slow
def test_printing_from_the_browser(server: str, browser, tmp_path: Path) -> None:
    """Wide math fits the printed page, headings keep with their text, titles keep their numbers."""
    page, _, _ = _open(browser, server, "book/linear-algebra/svd.html", width=1400)
    page.emulate_media(media="print")
    page.wait_for_timeout(300)
    state = page.evaluate("""() => {
        const article = document.querySelector('article.bd-article').getBoundingClientRect();
        const wide = [...document.querySelectorAll('.mlm-display')].filter(d => {
            const r = d.firstElementChild.getBoundingClientRect();
            return r.right > article.right + 1 || d.scrollWidth > d.clientWidth + 1 && getComputedStyle(d).overflowX !== 'visible';
        }).length;
        const h = document.querySelector('article h2');
        return {wide, breakAfter: getComputedStyle(h).breakAfter,
                h1: [...document.querySelectorAll('h1')].filter(e => e.offsetParent !== null).map(e => e.textContent)};
    }""")
    assert state["wide"] == 0, f"{state['wide']} displays do not fit the printed page"
    assert state["breakAfter"] == "avoid"
    assert len(state["h1"]) == 1 and state["h1"][0].startswith("1.8. "), state["h1"]
    pdf = tmp_path / "svd.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "1.8. The singular value decomposition" in re.sub(r"\s+", " ", text)
    lines = [row.strip() for row in text.splitlines()]
    pages = text.split("\f")
    for number, body in enumerate(pages[:-1], 1):
        tail = [row for row in body.strip().splitlines() if row.strip()]
        if tail and re.fullmatch(r"1\.8\.\d+(\.\d+)?\. .*", tail[-1].strip()):
            pytest.fail(f"printed page {number} ends with the heading {tail[-1]!r}")
    assert lines
    page.context.close()


@slow
def test_figures_stay_legible_in_dark_mode(server: str, browser) -> None:
    page, _, errors = _open(browser, server, "book/linear-algebra/vectors.html", dark=True)
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    background = page.evaluate("getComputedStyle(document.querySelector('figure img')).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    page.context.close()


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.levels: list[int] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" or (tag == "main" and not self.in_article):
            self.in_article += 1
        if self.in_article and re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        if self.in_article and tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "article" and self.in_article:
            self.in_article -= 1


@slow
def test_headings_nest_in_order_and_images_have_alt_text(site: Path) -> None:
    problems = []
    for path in _pages(site):
        outline = _Outline()
        outline.feed((site / path).read_text())
        levels = outline.levels
        if levels and levels[0] != 1:
            problems.append(f"{path}: the first heading is h{levels[0]}")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{path}: h{before} followed by h{after}")
        for image in outline.images:
            if len((image.get("alt") or "").strip()) < 10:
                problems.append(f"{path}: image {image.get('src')} has no alt text")
    assert not problems, "\n".join(problems)


@slow
def test_pages_load_no_icon_script_and_no_search_index(site: Path) -> None:
    for path in _pages(site):
        html = (site / path).read_text()
        assert "fontawesome.js" not in html, path
        assert ("searchindex.js" in html) == (path == "search.html"), path
        used = set(re.findall(r"\bfa-([a-z][a-z-]+)\b", html)) - {"solid", "lg", "brands", "regular"}
        from bookbuild.sphinxext.html_setup import ICONS

        assert used <= set(ICONS), f"{path}: icons without a rule in mlm-icons.css: {used - set(ICONS)}"
