"""A bad chapter fails the build loudly, names the file and line, and keeps the last good output."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build

SECTION = "book/topic/section.md"


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
