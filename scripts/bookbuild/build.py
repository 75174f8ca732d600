"""Build the figures, the HTML book and the PDFs: the steps behind ``scripts/build``."""

from __future__ import annotations

import concurrent.futures
import functools
import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import fingerprint
from .config import ensure_conf
from .figures import build_figures
from .latex import run_latexmk
from .locks import work_area
from .project import PDF_BASENAME, Project
from .publish import publish_file, publish_html
from .sourcecheck import check_sources
from .sphinxrun import run_sphinx

PAPERS = {"a4": "a4paper", "letter": "letterpaper"}
EDITIONS = ("full", "exercises")


@dataclass(frozen=True)
class PdfVariant:
    paper: str = "a4"
    edition: str = "full"

    @property
    def key(self) -> str:
        return f"{self.paper}-{self.edition}"

    @property
    def filename(self) -> str:
        parts = [PDF_BASENAME]
        if self.edition == "exercises":
            parts.append("exercises")
        if self.paper != "a4":
            parts.append(self.paper)
        return "-".join(parts) + ".pdf"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def prepare(project: Project, force_figures: bool = False) -> bool:
    """Steps every build shares: conf.py from _config.yml, then the figures."""
    if ensure_conf(project):
        log("conf.py regenerated from _config.yml/_toc.yml (the book is re-read in full)")
    return build_figures(project, force=force_figures)


def build_html(project: Project, fresh: bool = False, verbose: bool = False) -> bool:
    work = project.work_dir / "html"
    with work_area(work, "HTML"):
        stamp = fingerprint.fingerprint(project, html=True)
        if not fresh and fingerprint.is_current(project, "html", stamp, project.html_dir / "index.html"):
            log("html: up to date")
            return True
        if not _sources_ok(project, "html", project.html_dir):
            return False
        result = run_sphinx(project, "html", work / "out", work / "doctrees", fresh=fresh, quiet=not verbose)
        if not result.ok:
            _report(result.diagnostics)
            log(f"html: FAILED with {len(result.diagnostics)} error(s); {_kept(project, project.html_dir)}")
            return False
        publish_html(work / "out", project.html_dir)
        fingerprint.record(project, "html", stamp)
        log(f"html: {result.docs_read} page(s) re-read, built in {result.seconds:.1f} s")
        return True


def build_pdf(project: Project, variant: PdfVariant, fresh: bool = False, verbose: bool = False) -> bool:
    work = project.work_dir / f"latex-{variant.key}"
    target = project.pdf_dir / variant.filename
    with work_area(work, f"PDF ({variant.key})"):
        stamp = fingerprint.fingerprint(project, extra=variant.key)
        if not fresh and fingerprint.is_current(project, f"pdf-{variant.key}", stamp, target):
            log(f"pdf ({variant.filename}): up to date")
            return True
        if not _sources_ok(project, "pdf", target):
            return False
        overrides = {
            "latex_elements.papersize": PAPERS[variant.paper],
            "hide_solutions": variant.edition == "exercises",
        }
        tags = ["exercises_only"] if variant.edition == "exercises" else []
        result = run_sphinx(project, "latex", work / "out", work / "doctrees", overrides=overrides,
                            fresh=fresh, quiet=not verbose, tags=tags)
        if not result.ok:
            _report(result.diagnostics)
            log(f"pdf: FAILED in Sphinx with {len(result.diagnostics)} error(s); {_kept(project, target)}")
            return False
        texname = Path(PDF_BASENAME).name
        extras = _preamble_sources(project)
        latex = run_latexmk(project, work / "out", texname, extras)
        if not latex.ok:
            _report(latex.diagnostics)
            log(f"pdf: FAILED in LaTeX; {_kept(project, target)}")
            return False
        wide = [(pt, where) for pt, where in latex.overfull if pt > 2.0]
        for pt, where in wide:
            log(f"{where}: warning: overfull box, {pt:.1f} pt too wide")
        publish_file(latex.pdf, target)
        publish_file(latex.pdf, project.downloads_dir / "downloads" / variant.filename)
        fingerprint.record(project, f"pdf-{variant.key}", stamp)
        log(f"pdf ({variant.filename}): built in {result.seconds + latex.seconds:.1f} s "
            f"(Sphinx {result.seconds:.1f} s, LaTeX {latex.seconds:.1f} s; "
            f"{len(latex.overfull)} overfull box(es), {len(wide)} over 2 pt)")
        return True


def chapter_pdf_name(folder: str, paper: str = "a4") -> str:
    from .sphinxext.chapter import slug

    name = f"{PDF_BASENAME}-{slug(folder)}"
    return name + ("" if paper == "a4" else f"-{paper}") + ".pdf"


def build_chapter_pdf(project: Project, folder: str, paper: str = "a4", verbose: bool = False,
                      on_locked=None) -> bool:
    """One chapter with its solutions, numbered as in the whole book (sphinxext.chapter).

    Sphinx reads and updates the full edition's environment, so after a whole-book
    build only the edited pages are read; LaTeX runs in the chapter's own folder and
    keeps its auxiliary files, so an edit usually needs one xelatex pass.
    """
    from .sphinxext.chapter import texname

    full = PdfVariant(paper, "full")
    work = project.work_dir / f"{texname(folder)}-{paper}"
    target = project.proof_dir / chapter_pdf_name(folder, paper)
    what = f"PDF of {folder}"
    if not (project.book_dir / folder).is_dir():
        log(f"pdf: FAILED: no chapter folder {project.rel(project.book_dir / folder)}")
        return False
    with work_area(work, what):
        if on_locked:
            on_locked()
        if not _sources_ok(project, "pdf", target):
            return False
        shared = project.work_dir / f"latex-{full.key}"
        book_aux = shared / "out" / f"{Path(PDF_BASENAME).name}.aux"
        overrides = {"latex_elements.papersize": PAPERS[paper], "hide_solutions": False,
                     "mlm_chapter": folder, "mlm_chapter_book_aux": str(book_aux) if book_aux.is_file() else ""}
        with work_area(shared, f"PDF ({full.key})"):
            result = run_sphinx(project, "latex", work / "out", shared / "doctrees", overrides=overrides,
                                quiet=not verbose)
        if not result.ok:
            _report(result.diagnostics)
            log(f"pdf: FAILED in Sphinx with {len(result.diagnostics)} error(s); {_kept(project, target)}")
            return False
        latex = run_latexmk(project, work / "out", texname(folder), _preamble_sources(project))
        if not latex.ok:
            _report(latex.diagnostics)
            log(f"pdf: FAILED in LaTeX; {_kept(project, target)}")
            return False
        publish_file(latex.pdf, target)
        log(f"pdf ({target.name}): built in {result.seconds + latex.seconds:.1f} s "
            f"(Sphinx {result.seconds:.1f} s, {result.docs_read} page(s) re-read; LaTeX {latex.seconds:.1f} s, "
            f"{latex.passes} pass(es))")
        log(f"  PDF:  {project.rel(target)}")
        return True


@functools.cache
def _source_problems(project: Project) -> tuple:
    return tuple(check_sources(project))


def _sources_ok(project: Project, what: str, output: Path) -> bool:
    """Our own checks of the Markdown (see sourcecheck), made once per run, before Sphinx reads it."""
    problems = _source_problems(project)
    if problems:
        _report(problems)
        log(f"{what}: FAILED with {len(problems)} error(s) in the Markdown; {_kept(project, output)}")
    return not problems


def _kept(project: Project, output: Path) -> str:
    if output.exists():
        return f"the last good build is unchanged at {project.rel(output)}"
    return "no earlier good build exists"


def _preamble_sources(project: Project) -> dict[str, Path]:
    from .sphinxext import LATEX_DIR

    extras = {p.name: p for p in LATEX_DIR.glob("*.sty")}
    extras["macros.tex"] = project.book_dir / "macros.tex"
    return extras


def _report(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)


def _build_pdfs(project: Project, variants: list[PdfVariant], fresh: bool, verbose: bool) -> bool:
    """Build the PDF variants, as many at once as the machine has cores (each in a forked process).

    Each variant has its own work directory, lock, fingerprint and output file, so
    the builds share nothing but the figures, which ``prepare`` made beforehand.
    """
    workers = min(len(variants), os.cpu_count() or 1)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return all(build_pdf(project, variant, fresh, verbose) for variant in variants)
    context = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        results = list(pool.map(_build_pdf_in_child, [(project, v, fresh, verbose) for v in variants]))
    return all(results)


def _build_pdf_in_child(job: tuple) -> bool:
    ok = build_pdf(*job)
    sys.stderr.flush()
    return ok


def build(project: Project, targets: list[str], variants: list[PdfVariant], fresh: bool = False,
          verbose: bool = False) -> int:
    start = time.perf_counter()
    if not prepare(project):
        log("build FAILED: a figure script raised (see above); nothing else was rebuilt")
        return 1
    ok = True
    # PDFs first, so that the HTML book can offer the fresh PDFs for download.
    if "pdf" in targets:
        ok = _build_pdfs(project, variants, fresh, verbose)
    if "html" in targets:
        if not ok:
            log("html: skipped because the PDF build failed (fix the errors above first)")
        else:
            ok = build_html(project, fresh, verbose)
    if not ok:
        log(f"build FAILED after {time.perf_counter() - start:.1f} s")
        return 1
    log(f"build finished in {time.perf_counter() - start:.1f} s")
    if "html" in targets:
        log(f"  HTML: {project.rel(project.html_dir)}/index.html")
    if "pdf" in targets:
        for variant in variants:
            log(f"  PDF:  {project.rel(project.pdf_dir / variant.filename)}")
    return 0
