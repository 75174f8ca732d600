"""Regenerate the book's figures from their scripts, in parallel and only when needed.

Each figure is one script ``scripts/figures/<topic>/<name>.py`` that writes
``figures/<name>.svg`` and ``figures/<name>.pdf`` through the shared style in
``scripts/figures/style.py``. A figure is rerun when its script or the style
changed since its last successful run, or when an output is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .figrun import run_scripts
from .locks import locked
from .project import TOOLING_ROOT, Project
from .publish import write_atomic

STAMPS = ".stamps.json"
OUTPUT_SUFFIXES = (".svg", ".pdf")


@dataclass(frozen=True)
class Figure:
    name: str
    script: Path
    digest: str


def style_file(project: Project) -> Path:
    own = project.figure_scripts / "style.py"
    return own if own.is_file() else TOOLING_ROOT / "scripts" / "figures" / "style.py"


def discover(project: Project) -> list[Figure]:
    """All figure scripts, one per figure; names must be unique across topics."""
    style = style_file(project).read_bytes()
    figures: dict[str, Figure] = {}
    if not project.figure_scripts.is_dir():
        return []
    for script in sorted(project.figure_scripts.glob("*/*.py")):
        if script.name.startswith("_"):
            continue
        name = script.stem
        if name in figures:
            raise SystemExit(
                f"{project.rel(script)}:1: error: figure name {name!r} is also used by "
                f"{project.rel(figures[name].script)}"
            )
        digest = hashlib.sha256(script.read_bytes() + b"\0" + style).hexdigest()[:20]
        figures[name] = Figure(name, script, digest)
    return list(figures.values())


def _load_stamps(project: Project) -> dict[str, str]:
    try:
        return json.loads((project.figures_dir / STAMPS).read_text())
    except (FileNotFoundError, ValueError):
        return {}


def _save_stamps(project: Project, stamps: dict[str, str]) -> None:
    path = project.figures_dir / STAMPS
    text = json.dumps(dict(sorted(stamps.items())), indent=1) + "\n"
    if path.is_file() and path.read_text() == text:
        return
    write_atomic(path, text)


def outdated(project: Project, figures: list[Figure]) -> list[Figure]:
    stamps = _load_stamps(project)
    return [
        fig for fig in figures
        if stamps.get(fig.name) != fig.digest
        or not all((project.figures_dir / f"{fig.name}{suffix}").is_file() for suffix in OUTPUT_SUFFIXES)
    ]


def figure_users(project: Project, name: str) -> list[str]:
    """``file:line`` of every chapter line that references ``figures/<name>``."""
    users = []
    pattern = re.compile(rf"figures/{re.escape(name)}\.")
    for md in sorted(project.book_dir.rglob("*.md")):
        for number, line in enumerate(md.read_text(encoding="utf8").splitlines(), 1):
            if pattern.search(line):
                users.append(f"{project.rel(md)}:{number}")
    return users


def _error_location(project: Project, fig: Figure, stderr: str) -> str:
    """The deepest traceback frame inside the figure script, as ``file:line``."""
    script = str(fig.script.resolve())  # the runner runs scripts by their resolved path
    line = 1
    for match in re.finditer(r'File "([^"]+)", line (\d+)', stderr):
        if match.group(1) == script:
            line = int(match.group(2))
    return f"{project.rel(fig.script)}:{line}"


def figure_env(project: Project) -> dict[str, str]:
    """The environment figure scripts run in: the shared style importable, output deterministic."""
    env = dict(os.environ)
    paths = [str(TOOLING_ROOT / "scripts"), env.get("PYTHONPATH", "")]
    env.update(
        PYTHONPATH=os.pathsep.join(p for p in paths if p),
        MLM_FIGURES_DIR=str(project.figures_dir),
        MPLBACKEND="Agg",
        PYTHONHASHSEED="0",
        SOURCE_DATE_EPOCH="0",
    )
    return env


def build_figures(project: Project, jobs: int | None = None, force: bool = False) -> bool:
    """Bring every figure up to date. Returns False if any script failed."""
    project.figures_dir.mkdir(exist_ok=True)
    with locked(project.work_dir / "figures.lock", "figures"):
        figures = discover(project)
        _remove_orphans(project, figures)
        todo = figures if force else outdated(project, figures)
        if not todo:
            return True
        stamps = _load_stamps(project)
        ok = True
        jobs = jobs or os.cpu_count() or 1
        print(f"figures: regenerating {len(todo)} of {len(figures)}", file=sys.stderr)
        by_script = {fig.script.resolve(): fig for fig in todo}
        for done, ran in enumerate(run_scripts(list(by_script), figure_env(project), project.root, jobs), 1):
            fig = by_script[ran.script]
            missing = [s for s in OUTPUT_SUFFIXES
                       if not (project.figures_dir / f"{fig.name}{s}").is_file()]
            if ran.returncode == 0 and not missing:
                stamps[fig.name] = fig.digest
                print(f"  [{done}/{len(todo)}] {fig.name} ({ran.seconds:.1f} s)", file=sys.stderr)
                continue
            ok = False
            stamps.pop(fig.name, None)
            where = _error_location(project, fig, ran.stderr)
            if ran.returncode != 0:
                last = (ran.stderr.strip().splitlines() or ["(no output)"])[-1]
                print(f"{where}: error: figure script failed: {last}", file=sys.stderr)
                print(_indent(ran.stderr), file=sys.stderr)
            else:
                print(f"{where}: error: figure script wrote no figures/{fig.name}{missing[0]} "
                      "(save it with style.save(fig, __file__))", file=sys.stderr)
            for user in figure_users(project, fig.name):
                print(f"{user}: note: this chapter uses figure {fig.name!r}", file=sys.stderr)
        _save_stamps(project, stamps)
        return ok


def _remove_orphans(project: Project, figures: list[Figure]) -> None:
    """Delete outputs whose script no longer exists, so chapters cannot use stale figures."""
    names = {fig.name for fig in figures}
    for path in project.figures_dir.iterdir():
        if path.suffix in OUTPUT_SUFFIXES and path.stem not in names:
            path.unlink()


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines())
