"""Run Sphinx in this process: nitpicky, every warning an error, all of them reported.

A warning is reported once, at the build that produced it; Sphinx would not
re-read an unchanged page on the next run, and the warning would silently
vanish. So after a failed build the pages that warned are re-read next time
(or the whole book, when a warning names no page).
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, docname_of, parse_sphinx_warnings
from .project import Project


@dataclass
class SphinxResult:
    ok: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    docs_read: int = 0


def run_sphinx(project: Project, builder: str, outdir: Path, doctreedir: Path,
               overrides: dict | None = None, fresh: bool = False, quiet: bool = True,
               tags: list[str] | None = None) -> SphinxResult:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    retry_file = doctreedir / "mlm-retry.json"
    retry = _load_retry(retry_file)
    if retry is None:
        fresh = True
    warnings = io.StringIO()
    status = None if quiet else __import__("sys").stdout
    start = time.perf_counter()
    read: list[str] = []
    included: set[str] = set()
    try:
        with patch_docutils(str(project.root)), docutils_namespace():
            app = Sphinx(
                srcdir=str(project.root), confdir=str(project.root), outdir=str(outdir),
                doctreedir=str(doctreedir), buildername=builder,
                confoverrides=overrides or {}, status=status, warning=warnings,
                freshenv=fresh, warningiserror=True, keep_going=True, tags=tags or [],
                verbosity=0,
            )
            if retry:
                app.connect("env-get-outdated",
                            lambda app, env, added, changed, removed: [d for d in retry if d in env.all_docs])
            app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
            app.build()
            ok = app.statuscode == 0
            included = {doc for docs in app.env.included.values() for doc in docs}
    except Exception as exc:  # a crash inside Sphinx or an extension
        from sphinx.errors import SphinxError

        ok = False
        message = exc.message if isinstance(exc, SphinxError) else f"{type(exc).__name__}: {exc}"
        warnings.write(f"{project.conf_py}: ERROR: Sphinx stopped: {message}\n")
    diagnostics = parse_sphinx_warnings(warnings.getvalue(), project.root)
    for d in diagnostics:
        # MyST's include directive counts the included file's lines from 2, not 1.
        if d.line and docname_of(d.path) in included:
            d.line -= 1
    if ok and diagnostics:
        ok = False
    _save_retry(retry_file, diagnostics, ok)
    return SphinxResult(ok, diagnostics, time.perf_counter() - start, len(read))


def _load_retry(path: Path) -> list[str] | None:
    """Docnames to re-read; None means "re-read everything"."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text())
    return None if data.get("all") else data.get("docs", [])


def _save_retry(path: Path, diagnostics: list[Diagnostic], ok: bool) -> None:
    if ok:
        path.unlink(missing_ok=True)
        return
    docs = [docname_of(d.path) for d in diagnostics]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"all": any(d is None for d in docs),
                                "docs": sorted({d for d in docs if d})}))
