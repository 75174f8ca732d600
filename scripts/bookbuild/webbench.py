"""What a reader's browser pays for the HTML book: time to typeset and bytes loaded.

Each page is opened in a fresh browser context (a cold cache) in headless
Chromium with its CPU slowed 4x through the DevTools protocol
(``Emulation.setCPUThrottlingRate``), roughly a mid-range phone. The site is
served from 127.0.0.1 by a server that compresses text as GitHub Pages does
(gzip for HTML, CSS, JS, SVG and JSON); both the bytes on the wire and the
uncompressed bytes are reported.

*Time to typeset* is the time from the start of navigation until every
``.math`` element on the page holds typeset output (MathJax's
``mjx-container`` or a prerendered ``.katex``), the page is parsed and the web
fonts it is laying out have loaded, checked at every animation frame, and
every font file it fetched has arrived: the moment the reader can see all the
math, set in its own fonts. A long page lays out a far section only as the
reader nears it, and its fonts with it; each page preloads every KaTeX font
its formulas use (the browser tests check the list against the fonts used
once every section has been laid out), so "every font file it fetched"
covers the far sections too. *Main thread busy after load* adds up the long
tasks (over 50 ms) that start after the load event: while one runs, a tap waits.

The heaviest page is the one with the most HTML (what a phone parses), and the
heaviest chapter page the same among the chapters' pages.

    python -m bookbuild.webbench [--site _build/html] [--repeat 3]
    scripts/bench --only web [--record]   (builds the HTML in a scratch copy first)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import statistics
import sys
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CPU_SLOWDOWN = 4
COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt", ".map")
TARGETS = {"typeset": 2.0, "first": 1.5, "chapter": 0.8}

# Runs in the page from its first byte: records when all math is typeset and the fonts are in.
_WATCH = """
(() => {
  window.__mlmTypeset = null;
  const done = () => {
    const math = document.querySelectorAll('.math');
    for (const m of math) {
      if (!m.querySelector('mjx-container, .katex')) return false;
    }
    return document.readyState !== 'loading' && document.fonts.status === 'loaded';
  };
  const tick = () => {
    if (done()) { window.__mlmTypeset = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__mlmLongTasks = [];
  new PerformanceObserver((list) => window.__mlmLongTasks.push(...list.getEntries().map(e => [e.startTime, e.duration])))
    .observe({type: 'longtask', buffered: true});
})();
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text when the browser accepts it, like GitHub Pages."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class Server:
    def __init__(self, site: Path) -> None:
        handler = functools.partial(_Handler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


def measure(browser, url: str, timeout_ms: int = 120_000) -> dict:
    """Open ``url`` cold with the CPU slowed; return seconds to typeset and bytes loaded."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire, decoded, requests = [0], [0], [0]
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(0, wire[0] + e["encodedDataLength"]))
    cdp.on("Network.dataReceived", lambda e: decoded.__setitem__(0, decoded[0] + e["dataLength"]))
    cdp.on("Network.requestWillBeSent", lambda e: requests.__setitem__(0, requests[0] + 1))
    page.add_init_script(_WATCH)
    page.goto(url, wait_until="load", timeout=timeout_ms)
    page.wait_for_function("window.__mlmTypeset !== null", timeout=timeout_ms, polling=200)
    page.wait_for_load_state("networkidle", timeout=timeout_ms)
    page.wait_for_timeout(500)  # a font asked for during the last layout
    typeset = page.evaluate("""Math.max(window.__mlmTypeset, ...performance.getEntriesByType('resource')
        .filter(r => /\\.(woff2?|ttf|otf)$/.test(new URL(r.name).pathname)).map(r => r.responseEnd))""") / 1000
    formulas = page.evaluate("document.querySelectorAll('.math').length")
    busy = page.evaluate("""(() => { const load = performance.getEntriesByType('navigation')[0].loadEventEnd;
        return window.__mlmLongTasks.filter(([start]) => start >= load).reduce((t, [, d]) => t + d, 0); })()""") / 1000
    context.close()
    return {"typeset": typeset, "wire": wire[0], "decoded": decoded[0], "requests": requests[0],
            "formulas": formulas, "busy": busy}


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_"))


def heaviest(site: Path, chapters_only: bool = False) -> str:
    """The page with the most HTML, among all pages or the chapters' (not front or back matter)."""
    def chapter(rel: str) -> bool:
        parts = Path(rel).parts
        return len(parts) == 3 and parts[0] == "book" and parts[1] not in ("front", "back")
    return max((p for p in pages(site) if chapter(p) or not chapters_only),
               key=lambda rel: (site / rel).stat().st_size)


def run(site: Path, repeat: int = 3) -> list[tuple[str, float, float | None, str]]:
    """Rows of (case, value, target, unit)."""
    from playwright.sync_api import sync_playwright

    site = site.resolve()
    heavy = heaviest(site)
    chapter = heaviest(site, chapters_only=True)
    server = Server(site)
    results: dict[str, list[dict]] = {"heavy": [], "first": [], "chapter": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for _ in range(repeat):
                    results["heavy"].append(measure(browser, f"{server.url}/{heavy}"))
                    results["first"].append(measure(browser, f"{server.url}/"))
                    results["chapter"].append(measure(browser, f"{server.url}/{chapter}"))
            finally:
                browser.close()
    finally:
        server.close()
    if heavy == chapter:  # one page measured twice per run: pool the runs, one median for both rows
        results["heavy"] = results["chapter"] = results["heavy"] + results["chapter"]
    med = lambda key, field: statistics.median(r[field] for r in results[key])
    mb = 1e6
    return [
        (f"time to typeset every formula, {heavy} ({results['heavy'][0]['formulas']} formulas), CPU {CPU_SLOWDOWN}x slower",
         med("heavy", "typeset"), TARGETS["typeset"], "s"),
        ("first visit (landing page), transferred", med("first", "wire") / mb, TARGETS["first"], "MB"),
        ("first visit (landing page), uncompressed", med("first", "decoded") / mb, None, "MB"),
        (f"heaviest chapter page ({chapter}), transferred", med("chapter", "wire") / mb, TARGETS["chapter"], "MB"),
        (f"heaviest chapter page ({chapter}), uncompressed", med("chapter", "decoded") / mb, None, "MB"),
        (f"heaviest page ({heavy}), transferred", med("heavy", "wire") / mb, None, "MB"),
        (f"time to typeset, heaviest chapter page, CPU {CPU_SLOWDOWN}x slower", med("chapter", "typeset"), None, "s"),
        (f"time to typeset, landing page, CPU {CPU_SLOWDOWN}x slower", med("first", "typeset"), None, "s"),
        (f"main thread busy after load (long tasks), {heavy}, CPU {CPU_SLOWDOWN}x slower", med("heavy", "busy"), None, "s"),
    ]


def table(rows) -> str:
    lines = ["| case | value | target |", "| --- | ---: | ---: |"]
    for name, value, target, unit in rows:
        lines.append(f"| {name} | {value:.2f} {unit} | {f'≤ {target:g} {unit}' if target else ''} |")
    return "\n".join(lines)


def bench(repeat: int, record: bool) -> int:
    """``scripts/bench --only web``: build the HTML in a scratch copy, measure it, report."""
    import datetime
    import os
    import shutil
    import subprocess
    import tempfile

    from .bench import _copy_sources, machine
    from .project import Project

    src = Project.at().root
    with tempfile.TemporaryDirectory(prefix="mlm-webbench-") as tmp:
        root = Path(tmp) / "src"
        root.mkdir()
        _copy_sources(src, root)
        vendor = src / ".cache" / "vendor"
        if vendor.is_dir():  # the pinned npm packages, installed once
            shutil.copytree(vendor, root / ".cache" / "vendor")
        done = subprocess.run(["./scripts/build", "html"], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit("webbench: the HTML build failed")
        rows = run(root / "_build" / "html", repeat)
    load = os.getloadavg()[0]
    report = (f"Measured on {datetime.date.today().isoformat()}, {machine()}, load average {load:.2f} "
              f"at the end; median of {repeat} runs, each page opened with a cold cache.\n\n{table(rows)}")
    print(report)
    if record:
        readme = src / "README.md"
        text = readme.read_text()
        start, end = "<!-- webbench:start -->", "<!-- webbench:end -->"
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{report}\n{end}{after}")
        print(f"recorded in {readme}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bookbuild.webbench", description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html", help="the built HTML to measure")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON too")
    args = parser.parse_args()
    rows = run(Path(args.site), args.repeat)
    print(table(rows))
    if args.json:
        print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
