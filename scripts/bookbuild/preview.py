"""Live preview: serve the HTML on 127.0.0.1, rebuild on save (figures too), reload the browser.

It uses sphinx-autobuild with its own output and doctree directories under
``_build/.preview``, so it never touches the published ``_build/html`` and can
run while ``scripts/build`` runs. Before each rebuild it regenerates conf.py
(when ``_config.yml`` or ``_toc.yml`` changed) and any figure whose script changed.
"""

from __future__ import annotations

import shlex
import sys

from .config import ensure_conf
from .project import Project


def command(project: Project, port: int) -> list[str]:
    preview = project.build_dir / ".preview"
    prepare = f"{shlex.quote(sys.executable)} -m bookbuild --root {shlex.quote(str(project.root))} prepare"
    return [
        sys.executable, "-m", "sphinx_autobuild",
        str(project.root), str(preview / "html"),
        "-d", str(preview / "doctrees"),
        "--host", "127.0.0.1", "--port", str(port),
        "--pre-build", prepare,
        "--watch", str(project.figure_scripts),
        "--ignore", str(project.build_dir / "*"),
        "--ignore", str(project.root / ".venv" / "*"),
        "--ignore", str(project.root / ".cache" / "*"),
        "--ignore", str(project.figures_dir / ".*"),
        "--ignore", "*.tmp",
        "--ignore", str(project.root / "tests" / "*"),
        "--ignore", str(project.root / "conf.py"),
        "-n", "--keep-going", "-q",
    ]


def serve(project: Project, port: int) -> int:
    import os

    ensure_conf(project)
    print(f"preview: http://127.0.0.1:{port}/  (Ctrl-C stops it)", file=sys.stderr)
    cmd = command(project, port)
    os.execv(cmd[0], cmd)
    return 0
