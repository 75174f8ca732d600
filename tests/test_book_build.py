"""The whole book builds from a clean copy, and the README's commands are the ones CI runs."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REPO


def readme_quick_start() -> list[str]:
    text = (REPO / "README.md").read_text()
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```(?:sh|bash|console)?\n(.*?)```", section, re.S).group(1)
    return [line.strip() for line in block.strip().splitlines()]


def test_readme_quick_start_is_build_then_test() -> None:
    text = (REPO / "README.md").read_text()
    assert text.index("## Quick start") < text.index("\n## ", text.index("## Quick start") + 5)
    assert readme_quick_start() == ["./scripts/build", "./scripts/test"]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text()
    test_command = readme_quick_start()[1]
    commands = [row.strip() for row in ci.splitlines() if row.strip() and not row.strip().startswith("#")]
    assert "apt-get update" in ci
    assert test_command in commands
    assert commands[-1] == test_command or commands[-1] == f"exec {test_command}"


@pytest.mark.slow
def test_whole_book_builds_from_a_clean_copy(clean_build) -> None:
    book_copy, result = clean_build
    assert result.returncode == 0, result.stderr
    assert "HTML: _build/html/index.html" in result.stderr
    assert "PDF:  _build/pdf/math-for-ml.pdf" in result.stderr
    html = book_copy / "_build" / "html"
    assert (html / "book" / "front" / "introduction.html").is_file()
    assert (html / "book" / "linear-algebra" / "vectors.html").is_file()

    pdf = book_copy / "_build" / "pdf" / "math-for-ml.pdf"
    first_pages = subprocess.run(["pdftotext", "-l", "8", str(pdf), "-"], capture_output=True,
                                 text=True, check=True).stdout
    assert "The Math Required for Machine Learning" in first_pages
    assert "Contents" in first_pages
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Introduction" in text and "Vectors" in text and "Cauchy" in text
