"""The HTML book in a real browser, with every host but 127.0.0.1 blocked.

The site is served locally and every page is loaded in headless Chromium
(Debian's package). Each page must typeset all its math with the MathJax the
site serves itself, leave no raw TeX delimiters or error nodes, keep MathJax's
assistive MathML, and log no console errors.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site / "_build" / "site"


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


def _pages(site: Path) -> list[str]:
    """Every HTML page of the site, except redirect stubs (the root index.html)."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_")
                  and 'http-equiv="Refresh"' not in p.read_text(errors="replace"))


def _open(browser, server: str, path: str, dark: bool = False):
    """Load a page offline; return (page, blocked requests, console errors)."""
    context = browser.new_context()
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
    page.goto(f"{server}/{path}", wait_until="load")
    page.evaluate("() => (window.MathJax && MathJax.startup) ? MathJax.startup.promise : null")
    page.wait_for_load_state("networkidle")
    return page, blocked, errors


def test_every_page_typesets_its_math_offline(site: Path, server: str, browser) -> None:
    problems = []
    pages = _pages(site)
    assert len(pages) >= 10
    for path in pages:
        page, blocked, errors = _open(browser, server, path)
        state = page.evaluate("""() => ({
            math: document.querySelectorAll('.math').length,
            untypeset: [...document.querySelectorAll('.math')].filter(m => !m.querySelector('mjx-container')).length,
            containers: document.querySelectorAll('mjx-container').length,
            assistive: document.querySelectorAll('mjx-assistive-mml').length,
            merror: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
            text: document.querySelector('main') ? document.querySelector('main').innerText : document.body.innerText,
        })""")
        raw = [d for d in ("$$", "\\(", "\\)", "\\[", "\\begin{") if d in state["text"]]
        if blocked:
            problems.append(f"{path}: requested another host: {blocked}")
        if errors:
            problems.append(f"{path}: console errors: {errors}")
        if state["untypeset"]:
            problems.append(f"{path}: {state['untypeset']} of {state['math']} math elements not typeset")
        if state["merror"]:
            problems.append(f"{path}: {state['merror']} MathJax error nodes")
        if raw:
            problems.append(f"{path}: raw TeX left in the text: {raw}")
        if state["containers"] and state["assistive"] < state["containers"]:
            problems.append(f"{path}: assistive MathML missing ({state['assistive']} of {state['containers']})")
        page.context.close()
    assert not problems, "\n".join(problems)


def test_a_chapter_page_has_math_figure_and_exercise(server: str, browser) -> None:
    page, blocked, errors = _open(browser, server, "book/linear-algebra/vectors.html")
    assert page.locator("mjx-container").count() > 50
    assert page.locator("figure img").count() >= 1
    assert page.locator(".exercise").count() >= 5
    page.context.close()


def test_search_works_offline(server: str, browser) -> None:
    page, blocked, errors = _open(browser, server, "search.html?q=orthogonal")
    page.wait_for_selector("#search-results li, ul.search li", timeout=20000)
    hits = page.locator("#search-results li, ul.search li").count()
    assert hits >= 1 and not blocked and not errors
    page.context.close()


def test_exercises_link_to_their_solutions(site: Path, server: str, browser) -> None:
    page, _, _ = _open(browser, server, "book/linear-algebra/vectors.html")
    links = page.locator("p.solution-link a")
    assert links.count() == page.locator(".exercise").count()
    href = links.first.get_attribute("href")
    page.goto(f"{server}/book/linear-algebra/{href}")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    # ... and the solution links back to its exercise.
    back = page.locator(f"[id='{anchor}'] a[href*='vectors.html#']")
    assert back.count() >= 1
    page.context.close()


def test_landing_page_offers_both_pdf_editions(site: Path) -> None:
    html = (site / "book" / "index.html").read_text()
    targets = re.findall(r'href="\.\./(downloads/[^"]+\.pdf)"', html)
    assert {Path(t).name for t in targets} == {
        "math-for-ml.pdf", "math-for-ml-letter.pdf", "math-for-ml-exercises.pdf", "math-for-ml-exercises-letter.pdf"}
    for target in targets:
        assert (site / target).read_bytes()[:5] == b"%PDF-"


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
