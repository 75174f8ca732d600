"""Live preview: serve the HTML on 127.0.0.1, rebuild on save (figures too), reload the browser.

It uses sphinx-autobuild with its own output and doctree directories under
``_build/.preview``, so it never touches the published ``_build/html`` and can
run while ``scripts/build`` runs. Before each rebuild it regenerates conf.py
(when ``_config.yml`` or ``_toc.yml`` changed) and any figure whose script changed.

With ``--chapter FOLDER`` each successful rebuild also starts the chapter's proof
PDF (``scripts/build pdf --chapter FOLDER``) in the background, so the HTML reloads
at once and the PDF follows; saves made while it builds are folded into one more
build. The PDF is written to ``_build/proof/`` and served at ``/_proof/`` too.
"""

from __future__ import annotations

import fcntl
import os
import shlex
import subprocess
import sys

from .config import ensure_conf
from .project import Project


def _bookbuild(project: Project, *args: str) -> str:
    return shlex.join([sys.executable, "-m", "bookbuild", "--root", str(project.root), *args])


def command(project: Project, port: int, chapter: str | None = None) -> list[str]:
    preview = project.build_dir / ".preview"
    prepare = _bookbuild(project, "prepare")
    proof = ["--post-build", _bookbuild(project, "proof", chapter)] if chapter else []
    return [
        sys.executable, "-m", "sphinx_autobuild",
        str(project.root), str(preview / "html"),
        "-d", str(preview / "doctrees"),
        "--host", "127.0.0.1", "--port", str(port),
        "--pre-build", prepare,
        *proof,
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


def serve(project: Project, port: int, chapter: str | None = None) -> int:
    ensure_conf(project)
    print(f"preview: http://127.0.0.1:{port}/  (Ctrl-C stops it)", file=sys.stderr)
    if chapter:
        from .build import chapter_pdf_name

        if not (project.book_dir / chapter).is_dir():
            print(f"preview: no chapter folder {project.rel(project.book_dir / chapter)}", file=sys.stderr)
            return 2
        name = chapter_pdf_name(chapter)
        print(f"preview: the proof of book/{chapter}/ follows each save: "
              f"{project.rel(project.proof_dir / name)} and http://127.0.0.1:{port}/_proof/{name}", file=sys.stderr)
    cmd = command(project, port, chapter)
    os.execv(cmd[0], cmd)
    return 0


def start_proof(project: Project, chapter: str) -> int:
    """Build the chapter's proof in a background process (run_proof); return at once."""
    subprocess.Popen([sys.executable, "-m", "bookbuild", "--root", str(project.root), "proof", chapter,
                      "--in-background"])
    return 0


def run_proof(project: Project, chapter: str) -> int:
    """Build the proof, then copy it where the preview serves it.

    One build runs and at most one waits for it: a waiting build reads the latest
    sources when its turn comes, so a save made while one already waits adds nothing.
    """
    from .build import build_chapter_pdf, chapter_pdf_name, prepare
    from .publish import publish_file
    from .sphinxext.chapter import slug

    waiting = project.work_dir / f"proof-{slug(chapter)}.waiting"
    waiting.parent.mkdir(parents=True, exist_ok=True)
    handle = open(waiting, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return 0
    ok = prepare(project) and build_chapter_pdf(project, chapter, on_locked=handle.close)
    pdf = project.proof_dir / chapter_pdf_name(chapter)
    served = project.build_dir / ".preview" / "html" / "_proof"
    if ok and pdf.is_file() and served.parent.is_dir():
        publish_file(pdf, served / pdf.name)
    return 0 if ok else 1
