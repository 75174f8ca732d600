"""Benchmark the build: wall-clock seconds for the cases the README promises.

The build cases run in a throw-away copy of the sources (sharing this
checkout's .venv), so your own _build is untouched; the math checks run on this
checkout with a throw-away parse-tree cache. Each timed case is repeated and the median
reported. The build cases run on today's book and on the book grown to four
chapters (``scalebook.py``), the size it is planned to reach. ``--record`` writes
the table, with the date and machine, into the README between the
``bench:start`` and ``bench:end`` markers.

    scripts/bench [--repeat 3] [--record] [--only build|math|web] [--book today|4x|both]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .project import Project

SECTION = Path("book/linear-algebra/vectors.md")
CHAPTER = "linear-algebra"  # the chapter SECTION is in, for the proof PDF (build pdf --chapter)
SCALE = 4  # the 4x book: chapters, counting copies of chapter 1 (see scalebook.py)
TARGETS = {  # for the whole book, which the 4x book stands in for
    "clean build, figures + HTML + PDF": 120.0,
    "no-op rebuild": 1.0,
    "HTML after editing one section": 2.5,
    "math checks, cold parse cache": 60.0,
    "chapter proof PDF, first build after the book's": 20.0,
    "chapter proof PDF after editing one of its sections": 20.0,
}
MATH_TESTS = ["tests/test_math.py", "tests/test_mathcheck.py"]
EDITS = 3  # edits (and no-op builds) per run: single edits are too noisy to report


def _copy_sources(src: Path, dst: Path) -> None:
    for name in ("_config.yml", "_toc.yml", "requirements.txt"):
        shutil.copy2(src / name, dst / name)
    shutil.copytree(src / "book", dst / "book")
    shutil.copytree(src / "scripts", dst / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (dst / ".venv").symlink_to(src / ".venv")


def _time(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"benchmark step failed: {' '.join(cmd)}")
    return seconds


def _edit(root: Path, n: int) -> None:
    path = root / SECTION
    path.write_text(path.read_text() + f"\nA sentence added by the benchmark ({n}).\n")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def run_build(repeat: int, chapters: int | None = None) -> list[tuple[str, float]]:
    """The build cases, each run in a fresh scratch copy of the sources; with ``chapters``,
    the copy is first grown to that many chapters (scalebook.py)."""
    from .scalebook import grow

    src = Project.at().root
    build = ["./scripts/build"]
    cold = {**os.environ, "MLM_WARM": "0"}
    sphinx = [str(Path(sys.executable).with_name("sphinx-build")), "-q", "-b", "html"]
    cases: dict[str, list[float]] = {}

    def note(name: str, seconds: float) -> None:
        cases.setdefault(name, []).append(seconds)

    for i in range(repeat):
        with tempfile.TemporaryDirectory(prefix="mlm-bench-") as tmp:
            root = Path(tmp) / "src"
            root.mkdir()
            _copy_sources(src, root)
            if chapters:
                grow(root, chapters)
            note("clean build, figures + HTML + PDF", _time(build, root))
            note("printed pages, full edition (A4)", _pages(root / "_build" / "pdf" / "math-for-ml.pdf"))
            for _ in range(EDITS):
                note("no-op rebuild", _time(build, root))
            shutil.rmtree(root / "_build")
            note("clean HTML build (figures included)", _time(build + ["html"], root))
            note("clean PDF build (figures already built)", _time(build + ["pdf"], root))
            proof = build + ["pdf", "--chapter", CHAPTER]
            note("chapter proof PDF, first build after the book's", _time(proof, root))
            note("printed pages, chapter proof", _pages(root / "_build" / "proof" / f"math-for-ml-{CHAPTER}.pdf"))
            for n in range(EDITS):
                _edit(root, 300 + 10 * i + n)
                note("chapter proof PDF after editing one of its sections", _time(proof, root))
            _time(build + ["html"], root)  # settle: the HTML picks up the new PDFs for download
            for n in range(EDITS):
                _edit(root, 10 * i + n)
                note("HTML after editing one section", _time(build + ["html"], root))
                note("  of which typesetting its math (KaTeX, cached per formula)", _math_seconds(root))
            for n in range(EDITS):
                _edit(root, 100 + 10 * i + n)
                note("  the same without the warm server (MLM_WARM=0)", _time(build + ["html"], root, cold))
            # Baseline: raw sphinx-build on the conf.py Jupyter Book generated, warm, same edit.
            # Its output lies outside the source tree: inside it, sphinx-external-toc would
            # exclude the copied _sources/*.md, change exclude_patterns and force a full rebuild.
            out, doctrees = Path(tmp) / "raw" / "html", Path(tmp) / "raw" / "doctrees"
            _time(sphinx + [".", str(out), "-d", str(doctrees)], root)
            for n in range(EDITS):
                _edit(root, 200 + 10 * i + n)
                note("baseline: raw sphinx-build, same edit", _time(sphinx + [".", str(out), "-d", str(doctrees)],
                                                                    root))
    return [(name, statistics.median(values)) for name, values in cases.items()]


def _math_seconds(root: Path) -> float:
    """Seconds the last HTML build spent typesetting math (see sphinxext/mathrender.py)."""
    import json

    return json.loads((root / "_build" / ".work" / "html" / "doctrees" / "mlm-math.json").read_text())["seconds"]


def run_math(repeat: int) -> list[tuple[str, float]]:
    """The math checks as `pytest -m "not slow"` runs them: from an empty parse-tree
    cache, as in a fresh clone or CI, and then warm, as in everyday editing."""
    pytest = [sys.executable, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider", *MATH_TESTS]
    cold, warm = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="mlm-bench-cache-") as cache:
            env = {**os.environ, "MLM_MATHCHECK_CACHE": cache}
            cold.append(_time(pytest, Project.at().root, env))
            warm.append(_time(pytest, Project.at().root, env))
    med = statistics.median
    return [("math checks, cold parse cache", med(cold)), ("math checks, warm parse cache", med(warm))]


def table(columns: dict[str, list[tuple[str, float]]]) -> str:
    """One row per case, one column per book measured."""
    names = list(dict.fromkeys(name for rows in columns.values() for name, _ in rows))
    values = {book: dict(rows) for book, rows in columns.items()}
    head = " | ".join(columns)
    lines = [f"| case | {head} | target |", "| --- |" + " ---: |" * (len(columns) + 1)]

    def cell(book: str, name: str) -> str:
        value = values[book].get(name)
        if value is None:
            return ""
        return f"{value:.0f}" if name.startswith("printed pages") else f"{value:.2f}"

    for name in names:
        target = TARGETS.get(name)
        cells = " | ".join(cell(book, name) for book in columns)
        lines.append(f"| {name} | {cells} | {f'≤ {target:g}' if target else ''} |")
        if name == "baseline: raw sphinx-build, same edit":
            ratios = []
            for book in columns:
                row = values[book]
                ratios.append(f"{(row['HTML after editing one section'] / row[name] - 1) * 100:+.0f} %"
                              if name in row else "")
            lines.append(f"| scripts/build against raw sphinx-build, same edit | {' | '.join(ratios)} | ≤ +15 % |")
    return "\n".join(lines)


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{os.cpu_count()} cores, {cpu or platform.processor()}, {system}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is reported")
    parser.add_argument("--record", action="store_true", help="write the table into README.md")
    parser.add_argument("--only", choices=("build", "math", "web"),
                        help="measure only these cases (web: the reader's browser, see webbench.py)")
    parser.add_argument("--book", choices=("today", "4x", "both"), default="both",
                        help=f"build today's book, the book grown to {SCALE} chapters, or both (default)")
    args = parser.parse_args()
    if args.only == "web":
        from .webbench import bench

        return bench(args.repeat, args.record)
    columns: dict[str, list[tuple[str, float]]] = {}
    if args.only != "math":
        if args.book in ("today", "both"):
            columns["today's book"] = run_build(args.repeat)
        if args.book in ("4x", "both"):
            columns[f"{SCALE}× book"] = run_build(args.repeat, SCALE)
    if args.only != "build":
        columns.setdefault("today's book", [])
        columns["today's book"] += run_math(args.repeat)
    report = (f"Measured on {datetime.date.today().isoformat()}, {machine()}; median of {args.repeat} "
              f"run(s), each with {EDITS} edits and {EDITS} no-op builds.\n\n{table(columns)}")
    print(report)
    if args.record:
        readme = Project.at().root / "README.md"
        text = readme.read_text()
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{report}\n{end}{after}")
        print(f"recorded in {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
