"""Rebuilds redo only what changed, never go stale, and never trample each other."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import build_command, build_env, run_build


def _section_html(root: Path) -> str:
    return (root / "_build" / "html" / "book" / "topic" / "section.html").read_text()


def test_noop_rebuild_does_nothing(minibook: Path) -> None:
    assert run_build(minibook, "html").returncode == 0
    index = minibook / "_build" / "html" / "index.html"
    stamp = index.stat().st_mtime_ns
    result = run_build(minibook, "html")
    assert result.returncode == 0, result.stderr
    assert "html: up to date" in result.stderr
    assert index.stat().st_mtime_ns == stamp


def test_one_page_edit_rereads_one_page(minibook: Path) -> None:
    assert run_build(minibook, "html").returncode == 0
    page = minibook / "book" / "topic" / "section.md"
    page.write_text(page.read_text().replace("A line.", "A rising line."))
    result = run_build(minibook, "html")
    assert result.returncode == 0, result.stderr
    assert "html: 1 page(s) re-read" in result.stderr
    assert "A rising line." in _section_html(minibook)


def test_toc_edit_rebuilds_numbering_and_sidebar(minibook: Path) -> None:
    assert run_build(minibook, "html").returncode == 0
    assert "1.1. Section" in _section_html(minibook)
    # Insert a second chapter before the first: the section must become 2.1.
    new_chapter = minibook / "book" / "topic" / "first.md"
    new_chapter.write_text("# First chapter\n\nNew.\n")
    toc = minibook / "_toc.yml"
    toc.write_text(toc.read_text().replace(
        "      - file: book/topic/index\n",
        "      - file: book/topic/first\n      - file: book/topic/index\n"))
    result = run_build(minibook, "html")
    assert result.returncode == 0, result.stderr
    assert "conf.py regenerated" in result.stderr
    html = _section_html(minibook)
    assert "2.1. Section" in html
    assert "First chapter" in html  # the sidebar of an unchanged page lists the new chapter


def test_config_edit_is_picked_up(minibook: Path) -> None:
    assert run_build(minibook, "html").returncode == 0
    config = minibook / "_config.yml"
    config.write_text(config.read_text().replace(
        "title: The Math Required for Machine Learning", "title: A Renamed Book"))
    result = run_build(minibook, "html")
    assert result.returncode == 0, result.stderr
    assert "A Renamed Book" in _section_html(minibook)


def test_concurrent_builds_do_not_corrupt_output(minibook: Path) -> None:
    """Two builds of the same checkout at once: one waits for the other, both succeed."""
    assert run_build(minibook, "html").returncode == 0
    page = minibook / "book" / "topic" / "section.md"
    page.write_text(page.read_text() + "\nOne more paragraph.\n")
    cmd = build_command(minibook, "html", "--fresh")
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=build_env()) for _ in range(2)]
    outputs = [p.communicate(timeout=300)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert any("waiting for another build" in out for out in outputs)
    html = _section_html(minibook)
    assert "One more paragraph." in html and html.rstrip().endswith("</html>")


def test_preview_uses_its_own_directories(minibook: Path) -> None:
    from bookbuild.preview import command
    from bookbuild.project import Project

    cmd = " ".join(command(Project(minibook), 8123))
    assert str(minibook / "_build" / ".preview" / "html") in cmd
    assert str(minibook / "_build" / "html") + " " not in cmd
    assert "--host 127.0.0.1" in cmd and "--pre-build" in cmd
