"""Command line: ``python -m bookbuild {build,figures,preview} ...`` (see scripts/build --help)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project
# The build's own modules import Sphinx: they are imported in main(), after the warm
# server (warm.py) has had the chance to run the command in a process that has them.


def main(argv: list[str] | None = None) -> int:
    from .build import EDITIONS, PAPERS, PdfVariant, build
    from .figures import build_figures
    from .project import Project

    parser = argparse.ArgumentParser(prog="scripts/build", description=__doc__)
    parser.add_argument("--root", help="book checkout to build (default: current directory)")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", prog="scripts/build", help="build figures, HTML and PDF (what scripts/build runs)")
    b.add_argument("target", nargs="?", default="all", choices=["all", "html", "pdf", "site"],
                   help="all (default); only the HTML or only the PDFs for fast editing; or site: "
                        "every PDF and the HTML, assembled in _build/site/ for a static host")
    b.add_argument("--out", help="with site: where to put the site (default _build/site)")
    b.add_argument("--paper", choices=[*sorted(PAPERS), "both"], default="a4",
                   help="PDF paper size: a4 (default), letter, or both")
    b.add_argument("--edition", choices=[*EDITIONS, "both"], default="both",
                   help="the full PDF, the exercise-only edition, or both (default)")
    b.add_argument("--chapter", metavar="FOLDER",
                   help="with pdf: only the chapter in book/FOLDER/ and its solutions, numbered as in "
                        "the whole book, for proofreading (_build/proof/math-for-ml-FOLDER.pdf)")
    b.add_argument("--fresh", action="store_true", help="ignore caches and rebuild everything")
    b.add_argument("-v", "--verbose", action="store_true", help="show Sphinx's own progress")

    f = sub.add_parser("figures", help="regenerate figures whose script or style changed")
    f.add_argument("--force", action="store_true", help="regenerate every figure")

    p = sub.add_parser("preview", help="serve the HTML on 127.0.0.1, rebuild on save, reload the browser")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--chapter", metavar="FOLDER",
                   help="also rebuild the proof PDF of book/FOLDER/ after each save (see build --chapter)")

    proof = sub.add_parser("proof", help="build a chapter's proof PDF in the background (used by the preview)")
    proof.add_argument("chapter", metavar="FOLDER")
    proof.add_argument("--in-background", action="store_true", help=argparse.SUPPRESS)

    sub.add_parser("prepare", help="regenerate conf.py and figures if needed (used by the preview)")


    args = parser.parse_args(argv)
    project = Project.at(args.root)

    if args.command == "build" and args.target == "site":
        return _site(project, args.out)
    if args.command == "build" and args.chapter:
        return _chapter(project, args)
    if args.command == "build":
        targets = ["html", "pdf"] if args.target == "all" else [args.target]
        editions = EDITIONS if args.edition == "both" else (args.edition,)
        papers = sorted(PAPERS) if args.paper == "both" else [args.paper]
        variants = [PdfVariant(paper, edition) for paper in papers for edition in editions]
        return build(project, targets, variants, fresh=args.fresh, verbose=args.verbose)
    if args.command == "figures":
        return 0 if build_figures(project, force=args.force) else 1
    if args.command == "prepare":
        from .build import prepare

        return 0 if prepare(project) else 1
    if args.command == "preview":
        from .preview import serve

        return serve(project, args.port, args.chapter)
    if args.command == "proof":
        from .preview import run_proof, start_proof

        return run_proof(project, args.chapter) if args.in_background else start_proof(project, args.chapter)
    return 2


def _chapter(project: Project, args) -> int:
    from .build import build_chapter_pdf, log, prepare

    if args.target != "pdf" or args.paper == "both" or args.edition == "exercises":
        log("--chapter builds one PDF: use it as  scripts/build pdf --chapter FOLDER [--paper a4|letter]")
        return 2
    if not prepare(project):
        log("build FAILED: a figure script raised (see above); nothing else was rebuilt")
        return 1
    return 0 if build_chapter_pdf(project, args.chapter, args.paper, args.verbose) else 1


def _site(project: Project, out: str | None) -> int:
    """Every PDF variant and the HTML book, copied into one folder for a static host."""
    from pathlib import Path

    from .build import EDITIONS, PAPERS, PdfVariant, build
    from .publish import assemble_site

    variants = [PdfVariant(paper, edition) for paper in sorted(PAPERS) for edition in EDITIONS]
    status = build(project, ["html", "pdf"], variants)
    if status == 0:
        target = Path(out).resolve() if out else project.build_dir / "site"
        assemble_site(project.html_dir, target)
        print(f"  site: {project.rel(target)}/ (serve it as is; index.html is the entry point)",
              file=sys.stderr)
    return status


if __name__ == "__main__":
    from .warm import delegate, note_modules, root_of

    status = delegate(sys.argv[1:])  # in a warm process that has Sphinx imported, if there is one
    if status is None:
        status = main()
        note_modules(root_of(sys.argv[1:]))
    # Python would free the Sphinx environment object by object on the way out: about 2 s
    # for this book, more as it grows. Every file is written and closed; the OS frees the rest.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
