"""Rebuilds redo only what changed, never go stale, and never trample each other."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
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


# A second section for the minibook: numbered things that the first section refers
# to and that refer back to it, an index entry, and two exercises with solutions.
LATER = """(sec-topic-later)=
# Later

:::{prf:theorem} Later result
:label: thm-topic-later

Every thing $\\mathbf{x}$ of {prf:ref}`def-topic-thing` equals itself.
:::

$$
a + b = b + a
$$ (eq-topic-swap)

By {eq}`eq-topic-swap`, {prf:ref}`ex-topic-sum`, {numref}`fig-topic-mini`,
{ref}`fig-topic-mini` and {ref}`exc-topic-three`, the {index}`commutative law` holds.

::::{exercise}
:label: exc-topic-two
:class: routine

Compute $3 + 3$.
::::

::::{exercise}
:label: exc-topic-three
:class: routine

Compute $4 + 4$.
::::
"""
LATER_SOLUTIONS = """
:::{solution} exc-topic-two
:label: sol-topic-two

$3 + 3 = 6$.
:::

:::{solution} exc-topic-three
:label: sol-topic-three

$4 + 4 = 8$.
:::
"""
# Each edit: (file, old text, new text), applied in order.
EDITS = {
    "adds an example": [("book/topic/section.md", ":::{prf:example} Sum",
                         ":::{prf:example} First sum\n:label: ex-topic-first\n\n$$\n0 + 1 = 1\n$$\n:::\n\n"
                         ":::{prf:example} Sum")],
    "removes an exercise": [("book/topic/later.md", "::::{exercise}\n:label: exc-topic-two\n:class: routine\n\n"
                             "Compute $3 + 3$.\n::::\n", ""),
                            ("book/back/solutions.md", ":::{solution} exc-topic-two\n:label: sol-topic-two\n\n"
                             "$3 + 3 = 6$.\n:::\n", "")],
    "renames a label": [("book/topic/section.md", "def-topic-thing", "def-topic-object"),
                        ("book/topic/later.md", "def-topic-thing", "def-topic-object")],
    "retitles a page": [("book/topic/later.md", "# Later\n", "# Much later\n")],
    # Only the appendix is edited; the exercise's page reveals the new words in place.
    "rewords a solution": [("book/back/solutions.md", "$2 + 2 = 4$.", "$2 + 2 = 4$, by counting.")],
    "recaptions a figure": [("book/topic/section.md", "\nA line.\n", "\nA rising line.\n")],
}


@pytest.fixture
def two_sections(minibook: Path) -> Path:
    (minibook / "book" / "topic" / "later.md").write_text(LATER)
    _edit(minibook, "_toc.yml", "          - file: book/topic/section\n",
          "          - file: book/topic/section\n          - file: book/topic/later\n")
    _edit(minibook, "book/topic/section.md", "See {prf:ref}`def-topic-thing` and {numref}`fig-topic-mini`.",
          "See {prf:ref}`def-topic-thing`, {numref}`fig-topic-mini`, {prf:ref}`thm-topic-later`, "
          "{eq}`eq-topic-swap` and {ref}`exc-topic-three`; a {index}`thing` is defined here.")
    solutions = minibook / "book" / "back" / "solutions.md"
    solutions.write_text(solutions.read_text() + LATER_SOLUTIONS)
    return minibook


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text()
    assert old in text, f"{name} no longer holds {old!r}"
    path.write_text(text.replace(old, new))


def _pages(root: Path) -> dict[str, str]:
    """Every HTML page and the scripts holding the solutions pages reveal in place, without
    the ``?v=`` stamps Sphinx adds only once a static file was copied."""
    html = root / "_build" / "html"
    files = [*html.rglob("*.html"), *(html / "_static" / "mlm-solutions").rglob("*.js")]
    assert any(p.suffix == ".js" for p in files), "no page reveals a solution"
    return {str(p.relative_to(html)): re.sub(r"\?v=[0-9a-f]+", "", p.read_text()) for p in files}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edit_builds_what_a_fresh_build_builds(two_sections: Path, tmp_path: Path, edit: str) -> None:
    """Numbers, cross-references, the index and the search page after an edit are a fresh build's."""
    assert run_build(two_sections, "html").returncode == 0
    for name, old, new in EDITS[edit]:
        _edit(two_sections, name, old, new)
    result = run_build(two_sections, "html")
    assert result.returncode == 0, result.stderr
    fresh = tmp_path / "fresh"
    shutil.copytree(two_sections, fresh, ignore=shutil.ignore_patterns("_build"))
    result = run_build(fresh, "html")
    assert result.returncode == 0, result.stderr
    edited, clean = _pages(two_sections), _pages(fresh)
    assert sorted(edited) == sorted(clean)
    stale = [name for name in sorted(clean) if edited[name] != clean[name]]
    shown = [line for name in stale[:2] for line in difflib.unified_diff(
        clean[name].splitlines(), edited[name].splitlines(), f"fresh/{name}", f"edited/{name}", n=0, lineterm="")]
    assert not stale, f"after the edit these pages differ from a fresh build: {stale}\n" + "\n".join(shown[:40])
