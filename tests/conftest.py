"""Shared fixtures: the repository, and throw-away book checkouts to build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"


def run_build(root: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the build command's Python entry point on ``root``; output is text."""
    return subprocess.run(
        [sys.executable, "-m", "bookbuild", "--root", str(root), "build", *args],
        capture_output=True, text=True, timeout=timeout,
    )


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


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the whole book's sources (not its build outputs)."""
    root = tmp_path / "book"
    root.mkdir()
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "book", root / "book")
    shutil.copytree(REPO / "scripts" / "figures", root / "scripts" / "figures",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return root
