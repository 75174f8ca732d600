"""Shared fixtures: the repository, and throw-away book checkouts to build."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

REPO = Path(__file__).resolve().parents[1]
# Builds in tests run in the process that asked for them; tests/test_warm.py turns the
# warm server (scripts/bookbuild/warm.py) back on for itself.
os.environ["MLM_WARM"] = "0"
MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"
MUTATION_SWEEP = pytest.StashKey[dict]()  # set by test_math's sweep, printed in the summary


@functools.lru_cache(maxsize=None)
def book_harness(root: Path | None = None):
    """The book's blocks and checks, loaded once per test session."""
    from mathcheck.runner import Harness

    return Harness.load(root or REPO)


# ---- Running on both cores (pytest-xdist; ./scripts/test does so on a 2-core machine) -------
# Tests that share an expensive session fixture run on one worker, which builds it once: the
# clean build with the browser tests and the four-PDF site build made on top of it (built_site
# reuses clean_build), and the book's checks with their mutation sweep.
# Every other test is a unit of its own. Each worker sends the checks' reports and the sweep
# back to the controller, which prints the coverage summary below.
ONE_WORKER = {
    "whole-book build": ("tests/test_book_build.py::test_whole_book", "tests/test_html.py::", "tests/test_pdf.py::",
                         "tests/test_chapter_pdf.py::test_a_chapters"),
    "book checks": ("tests/test_math.py::",),
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class BookScheduling(LoadScopeScheduling):
        """The groups of ONE_WORKER, largest first (so the two start on different workers)."""

        def _split_scope(self, nodeid: str) -> str:
            return next((group for group, starts in ONE_WORKER.items() if nodeid.startswith(starts)), nodeid)

    return BookScheduling(config, log)


def pytest_sessionfinish(session) -> None:
    output = getattr(session.config, "workeroutput", None)
    if output is None:  # not an xdist worker
        return
    from dataclasses import asdict

    if not book_harness.cache_info().currsize:
        return
    harness = book_harness()
    output["mlm_reports"] = {label: {**asdict(report), "counts": dict(report.counts)}
                             for label, report in harness.reports.items()}
    swept = session.config.stash.get(MUTATION_SWEEP, None)
    if swept:
        output["mlm_swept"] = {label: asdict(s) for label, s in swept.items()}


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """Gather a worker's check reports and mutation sweep for the summary."""
    from collections import Counter

    from mathcheck.mutate import Swept
    from mathcheck.runner import Report

    output = getattr(node, "workeroutput", {})
    for label, report in output.get("mlm_reports", {}).items():
        book_harness().reports[label] = Report(**{**report, "counts": Counter(report["counts"])})
    if output.get("mlm_swept"):
        swept = node.config.stash.get(MUTATION_SWEEP, {})
        swept.update({label: Swept(**s) for label, s in output["mlm_swept"].items()})
        node.config.stash[MUTATION_SWEEP] = swept


def pytest_terminal_summary(terminalreporter) -> None:
    """Print how much of the book's mathematics the checks cover."""
    harness = book_harness()
    counts = harness.summary()
    terminalreporter.write_sep("-", "checked mathematics")
    terminalreporter.write_line(
        f"{counts['examples checked']} worked examples and {counts['solutions checked']} solutions "
        f"checked by SymPy, {counts['results checked']} stated results (theorems, identities) checked; "
        f"{counts['marked conceptual']} marked conceptual, {counts['marked proof']} proofs; "
        f"{counts['unchecked']} unchecked")
    for block in harness.missing():
        terminalreporter.write_line(f"  unchecked: {block.where} {block.label}")
    coverage = harness.coverage()
    if len(coverage) > 1 or coverage["the whole book"]:
        terminalreporter.write_line("links in the examples and solutions (compared / given / condition / defect):")
        for chapter, counts in sorted(coverage.items(), key=lambda item: item[0] != "the whole book"):
            terminalreporter.write_line(
                f"  {chapter}: {counts['compared']} compared, {counts['given']} given, {counts['condition']} conditions, "
                f"{counts['defect']} defects; {counts['derivatives by central differences']} derivatives also by "
                f"central differences, {counts['identities proved symbolically']} identities proved symbolically, "
                f"{counts['simulation receipts']} simulation receipts")
    swept = terminalreporter.config.stash.get(MUTATION_SWEEP, None)
    if swept:
        from mathcheck.mutate import describe

        terminalreporter.write_line(describe(swept))


def build_command(root: Path, *args: str) -> list[str]:
    """The build command's Python entry point on ``root``."""
    return [sys.executable, "-m", "bookbuild", "--root", str(root), "build", *args]


def build_env() -> dict[str, str]:
    """The environment for ``build_command``: this checkout's tooling, even when .venv is shared."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO / "scripts"),
                                                                      os.environ.get("PYTHONPATH")]))}


def run_build(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the build command on ``root``; output is text."""
    return subprocess.run(build_command(root, *args), capture_output=True, text=True, timeout=timeout,
                          env=build_env())


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def minibook(tmp_path: Path) -> Path:
    """A small book that uses the real _config.yml, macros, bibliography and figure style."""
    root = tmp_path / "minibook"
    shutil.copytree(MINIBOOK, root)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    shutil.copy(REPO / "book" / "macros.tex", root / "book" / "macros.tex")
    shutil.copy(REPO / "book" / "references.bib", root / "book" / "references.bib")
    return root


def copy_book(root: Path) -> Path:
    """Copy the whole book's sources (not its build outputs) to ``root``."""
    root.mkdir(parents=True)
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "book", root / "book")
    shutil.copytree(REPO / "scripts" / "figures", root / "scripts" / "figures",
                    ignore=shutil.ignore_patterns("__pycache__"))
    vendor = REPO / ".cache" / "vendor"
    if vendor.is_dir():  # KaTeX and axe-core, installed once; a copy saves the network round trip
        shutil.copytree(vendor, root / ".cache" / "vendor")
    return root


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    return copy_book(tmp_path / "book")


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The README's ``scripts/build`` (HTML and both A4 PDFs) on a clean copy of the whole book."""
    root = copy_book(tmp_path_factory.mktemp("site") / "book")
    return root, run_build(root, timeout=1800)


@pytest.fixture(scope="session")
def built_site(clean_build) -> Path:
    """The whole book, HTML and all four PDFs: ``build site`` after the clean build, which
    reuses its HTML work and A4 PDFs, so the book is built once rather than twice."""
    root, first = clean_build
    assert first.returncode == 0, first.stderr
    result = run_build(root, "site", timeout=1800)
    assert result.returncode == 0, result.stderr
    return root
