"""A bad chapter fails the build loudly, names the file and line, and keeps the last good output."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import build_command, build_env, run_build

SECTION = "book/topic/section.md"
INTRODUCTION = "book/front/introduction.md"


def _edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in a file; return the 1-based line of the change."""
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def built(minibook: Path) -> Path:
    result = run_build(minibook, "html")
    assert result.returncode == 0, result.stderr
    return minibook


def _line_of(root: Path, rel: str, text: str) -> int:
    content = (root / rel).read_text()
    return content[: content.index(text)].count("\n") + 1


def _assert_failed_at(result, where: str) -> None:
    assert result.returncode != 0, "the build should have failed"
    assert f"{where}: error:" in result.stderr, result.stderr


def _assert_html_kept(root: Path, marker: str = "A thing is") -> None:
    page = root / "_build" / "html" / "book" / "topic" / "section.html"
    assert page.is_file(), "the last good HTML was removed"
    assert marker in page.read_text()


def test_broken_cross_reference(built: Path) -> None:
    line = _edit(built, SECTION, "{prf:ref}`def-topic-thing`", "{prf:ref}`def-topic-nothing`")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "def-topic-nothing" in result.stderr
    _assert_html_kept(built)


def test_unknown_directive(built: Path) -> None:
    line = _edit(built, SECTION, ":::{prf:example} Sum", ":::{prf:exampel} Sum")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "prf:exampel" in result.stderr
    _assert_html_kept(built)


def test_missing_figure(built: Path) -> None:
    line = _edit(built, SECTION, "/figures/mini-figure.*", "/figures/no-such-figure.*")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "no-such-figure" in result.stderr
    _assert_html_kept(built)


def test_figure_script_that_raises(built: Path) -> None:
    script = "scripts/figures/topic/mini-figure.py"
    line = _edit(built, script, "ax.plot([0, 1], [0, 1]", "ax.plot([0, 1], [0, 1, 2]")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{script}:{line}")
    assert "ValueError" in result.stderr
    # The chapter that uses the figure is named too.
    assert f"{SECTION}:" in result.stderr and "mini-figure" in result.stderr
    _assert_html_kept(built)


def test_warning_is_reported_again_on_rerun(built: Path) -> None:
    """A failed page is re-read next time, so an unfixed error cannot vanish."""
    line = _edit(built, SECTION, "{prf:ref}`def-topic-thing`", "{prf:ref}`def-topic-nothing`")
    first, second = run_build(built, "html"), run_build(built, "html")
    _assert_failed_at(first, f"{SECTION}:{line}")
    _assert_failed_at(second, f"{SECTION}:{line}")


@pytest.mark.slow
def test_equation_latex_rejects(minibook: Path) -> None:
    good = run_build(minibook, "pdf")
    assert good.returncode == 0, good.stderr
    pdf = minibook / "_build" / "pdf" / "math-for-ml.pdf"
    before = pdf.read_bytes()
    # MathJax would show this in red; LaTeX must refuse it.
    line = _edit(minibook, SECTION, "1 + 2 = 3", r"1 + 2 = \frac{3}")
    result = run_build(minibook, "pdf")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert pdf.read_bytes() == before, "the last good PDF was replaced"


@pytest.mark.slow
def test_undefined_macro_in_inline_math(minibook: Path) -> None:
    line = _edit(minibook, SECTION, r"A thing is $\mathbf{x}\in\R^2$.", r"A thing is $\mathbf{x}\in\Reals^2$.")
    result = run_build(minibook, "pdf")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "Undefined control sequence" in result.stderr
    assert not (minibook / "_build" / "pdf" / "math-for-ml.pdf").exists()


def test_unknown_citation(built: Path) -> None:
    line = _edit(built, SECTION, "A thing is $\\mathbf{x}\\in\\R^2$.", "A thing is $\\mathbf{x}\\in\\R^2$ {cite}`no-such-key`.")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "no-such-key" in result.stderr
    _assert_html_kept(built)


def test_label_defined_twice_in_one_file(built: Path) -> None:
    first = _line_of(built, SECTION, ":label: def-topic-thing")
    line = _edit(built, SECTION, ":label: ex-topic-sum", ":label: def-topic-thing")
    result = run_build(built, "html")
    # Both definitions are named, each with its line.
    _assert_failed_at(result, f"{SECTION}:{line}")
    _assert_failed_at(result, f"{SECTION}:{first}")
    assert "def-topic-thing" in result.stderr
    _assert_html_kept(built)


def test_target_defined_in_two_files(built: Path) -> None:
    line = _edit(built, INTRODUCTION, "This small book", "(sec-topic-section)=\nThis small book")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{INTRODUCTION}:{line}")
    _assert_failed_at(result, f"{SECTION}:1")
    assert "sec-topic-section" in result.stderr
    _assert_html_kept(built)


def test_include_of_missing_file(built: Path) -> None:
    line = _edit(built, SECTION, "See {prf:ref}", "```{include} no-such-file.md\n```\n\nSee {prf:ref}")
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "book/topic/no-such-file.md" in result.stderr
    _assert_html_kept(built)


@pytest.mark.parametrize("opening, old, new", [
    # The ":::" is missing; the exercise's "::::" below closes the example instead.
    (":::{prf:example} Sum", "1 + 2 = 3\n$$\n:::\n", "1 + 2 = 3\n$$\n"),
    # No closing fence at all: the rest of the file would vanish into the figure.
    ("```{figure}", ":::{figure} /figures/mini-figure.*", "```{figure} /figures/mini-figure.*"),
], ids=["closed-by-outer-fence", "never-closed"])
def test_unclosed_directive_fence(built: Path, opening: str, old: str, new: str) -> None:
    _edit(built, SECTION, old, new)
    if opening.startswith("```"):
        _edit(built, SECTION, "A line.\n:::\n", "A line.\n")
    line = _line_of(built, SECTION, opening)
    result = run_build(built, "html")
    _assert_failed_at(result, f"{SECTION}:{line}")
    assert "never closed" in result.stderr
    assert result.stderr.count(": error:") == 1, result.stderr
    _assert_html_kept(built)


def _group_processes(pgid: int) -> list[str]:
    """Names of the live (not zombie) processes in process group ``pgid``."""
    names = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, _, rest = text.partition(" (")[2].rpartition(") ")
        fields = rest.split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            names.append(name)
    return names


def test_killed_during_latex(minibook: Path, tmp_path: Path) -> None:
    """SIGKILL in the middle of LaTeX keeps the published outputs, and the next build starts clean."""
    good = run_build(minibook, "--edition", "full")
    assert good.returncode == 0, good.stderr
    pdf = minibook / "_build" / "pdf" / "math-for-ml.pdf"
    before = pdf.read_bytes()
    _edit(minibook, SECTION, "Compute $2 + 2$.", "Compute $2 + 3$.")
    log = tmp_path / "killed.log"
    with open(log, "w") as out:
        build = subprocess.Popen(build_command(minibook, "pdf", "--edition", "full"), stdout=out, stderr=out,
                                 env=build_env(), start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "xelatex" not in _group_processes(build.pid):
            assert build.poll() is None, f"the build ended before LaTeX ran:\n{log.read_text()}"
            assert time.monotonic() < deadline, "LaTeX never started"
            time.sleep(0.02)
    finally:
        os.killpg(build.pid, signal.SIGKILL)
        build.wait()
    deadline = time.monotonic() + 10
    while _group_processes(build.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _group_processes(build.pid), "LaTeX outlived the build"
    assert pdf.read_bytes() == before, "the last good PDF was touched"
    _assert_html_kept(minibook)

    again = run_build(minibook, "pdf", "--edition", "full")
    assert again.returncode == 0, again.stderr
    assert "interrupted" in again.stderr
    assert pdf.read_bytes() != before
    assert not list(pdf.parent.glob(".*.tmp"))
