"""Cheap fingerprints of a build's inputs, so that a no-op rebuild does nothing.

A fingerprint hashes the path, size and modification time of every input file.
It is compared with the one stored after the last *successful* build of the same
target; a failed build stores nothing, so the next run always retries.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .project import Project
from .publish import write_atomic

# Directory names never treated as inputs.
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ipynb_checkpoints"}


def _walk(path: Path):
    if path.is_file():
        yield path
        return
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith((".pyc", ".tmp", ".lock")):
                yield Path(dirpath) / name


def input_paths(project: Project, html: bool = False) -> list[Path]:
    """Everything a Sphinx build of the book reads (the HTML also copies the PDFs)."""
    tooling = Path(__file__).resolve().parent
    paths = [
        project.book_dir, project.figures_dir, project.config_yml, project.toc_yml,
        project.conf_py, project.root / "requirements.txt", tooling,
    ]
    return paths + [project.downloads_dir] if html else paths


def fingerprint(project: Project, extra: str = "", html: bool = False) -> str:
    h = hashlib.sha256(extra.encode())
    for top in input_paths(project, html):
        for path in _walk(top):
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            h.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _state_file(project: Project, target: str) -> Path:
    return project.state_dir / f"{target}.json"


def is_current(project: Project, target: str, value: str, output: Path) -> bool:
    """True when ``target`` was last built from exactly these inputs and its output exists."""
    try:
        stored = json.loads(_state_file(project, target).read_text())
    except (FileNotFoundError, ValueError):
        return False
    return stored.get("fingerprint") == value and output.exists()


def record(project: Project, target: str, value: str) -> None:
    write_atomic(_state_file(project, target), json.dumps({"fingerprint": value}))


def forget(project: Project, target: str) -> None:
    _state_file(project, target).unlink(missing_ok=True)
