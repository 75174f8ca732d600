"""Figures: one script each, regenerated only when needed, byte-identical, in the shared style."""

from __future__ import annotations

import ast
import hashlib
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from bookbuild.figrun import run_scripts
from bookbuild.figures import build_figures, discover, outdated
from bookbuild.project import Project

REPO = Path(__file__).resolve().parents[1]


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.suffix in (".svg", ".pdf")}


def test_runner_reruns_only_changed_scripts_and_output_is_deterministic(minibook: Path) -> None:
    project = Project(minibook)
    assert build_figures(project)
    first = _digests(project.figures_dir)
    assert set(first) == {"mini-figure.svg", "mini-figure.pdf"}
    assert outdated(project, discover(project)) == []

    script = minibook / "scripts" / "figures" / "topic" / "mini-figure.py"
    script.write_text(script.read_text() + "\n# an edit\n")
    assert [f.name for f in outdated(project, discover(project))] == ["mini-figure"]
    assert build_figures(project)
    assert _digests(project.figures_dir) == first, "rerunning a figure changed its bytes"


def test_every_book_figure_is_deterministic(tmp_path: Path) -> None:
    """Run every real figure script twice into fresh folders, with different hash seeds: once
    in forks of the build's runner (figrun.py), once each as a process of its own, as a
    reader running a script by hand would. The bytes must match."""
    scripts = sorted(p for p in (REPO / "scripts" / "figures").glob("*/*.py") if not p.name.startswith("_"))
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "scripts")}
    forked = tmp_path / "forked"
    ran = list(run_scripts(scripts, {**env, "MLM_FIGURES_DIR": str(forked), "PYTHONHASHSEED": "1"}, REPO,
                           os.cpu_count() or 1))
    assert sorted(r.script for r in ran) == [s.resolve() for s in scripts]
    for r in ran:
        assert r.returncode == 0, f"{r.script}: {r.stderr}"

    def alone(script: Path) -> subprocess.CompletedProcess:
        own = {**env, "MLM_FIGURES_DIR": str(tmp_path / "alone"), "PYTHONHASHSEED": "2"}
        return subprocess.run([sys.executable, str(script)], cwd=REPO, capture_output=True, text=True, env=own)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # one script per core
        for script, done in zip(scripts, pool.map(alone, scripts)):
            assert done.returncode == 0, f"{script}: {done.stderr}"
    runs = [_digests(forked), _digests(tmp_path / "alone")]
    assert runs[0] == runs[1]
    assert len(runs[0]) == 2 * len(scripts)


def _figure_directives(md: Path):
    text = md.read_text(encoding="utf8")
    for match in re.finditer(r"^(:{3,}|`{3,})\{figure\} (\S+)\n((?::[a-z]+:.*\n)*)", text, re.M):
        line = text[: match.start()].count("\n") + 1
        options = dict(re.findall(r"^:([a-z]+): ?(.*)$", match.group(3), re.M))
        yield line, match.group(2), options


def test_chapters_reference_figures_by_script_name_with_label_and_alt_text() -> None:
    scripts = {p.stem for p in (REPO / "scripts" / "figures").glob("*/*.py")}
    used = set()
    for md in sorted((REPO / "book").rglob("*.md")):
        for line, target, options in _figure_directives(md):
            where = f"{md.relative_to(REPO)}:{line}"
            match = re.fullmatch(r"/figures/([a-z0-9-]+)\.\*", target)
            assert match, f"{where}: reference figures as /figures/<name>.*"
            name = match.group(1)
            assert name in scripts, f"{where}: no script scripts/figures/*/{name}.py"
            assert options.get("name") == f"fig-{name}", f"{where}: label the figure :name: fig-{name}"
            assert len(options.get("alt", "")) >= 40, f"{where}: describe the figure in :alt:"
            used.add(name)
    assert used == scripts, f"figure scripts no chapter uses: {sorted(scripts - used)}"


def test_figure_scripts_use_the_shared_style_and_set_no_title() -> None:
    for script in sorted((REPO / "scripts" / "figures").glob("*/*.py")):
        tree = ast.parse(script.read_text())
        source = script.read_text()
        assert "from figures import style" in source, f"{script}: import the shared style"
        assert "style.save(fig, __file__)" in source, f"{script}: save with style.save(fig, __file__)"
        calls = {n.func.attr for n in ast.walk(tree)
                 if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        assert not calls & {"set_title", "suptitle", "title"}, f"{script}: the caption is the title"
        # Randomness only through a seeded generator: no module-level numpy.random draws, no stdlib random.
        unseeded = re.search(r"\b(?:np|numpy)\.random\.(?!default_rng\b)\w+|^\s*(?:import random|from random import)",
                             source, re.M)
        assert not unseeded, f"{script}: seed randomness with numpy.random.default_rng(<seed>), not {unseeded.group(0)!r}"


def test_style_matches_the_pdf_body_text_size() -> None:
    from figures import style

    config = (REPO / "_config.yml").read_text()
    pointsize = re.search(r"pointsize: (\d+)pt", config).group(1)
    assert float(pointsize) == style.BODY_PT


def test_style_rejects_figures_wider_than_the_text() -> None:
    from figures import style

    with pytest.raises(ValueError):
        style.figure(16, 8)
