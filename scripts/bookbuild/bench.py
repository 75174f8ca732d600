"""Benchmark the build: wall-clock seconds for the cases the README promises.

The build cases run in a throw-away copy of the sources (sharing this
checkout's .venv), so your own _build is untouched; the math checks run on this
checkout with a throw-away parse-tree cache. Each timed case is repeated and the median
reported. ``--record`` writes the table, with the date and machine, into the
README between the ``bench:start`` and ``bench:end`` markers.

    scripts/bench [--repeat 3] [--record] [--only build|math]
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
TARGETS = {
    "clean build, figures + HTML + PDF": 90.0,
    "no-op rebuild": 2.0,
    "HTML after editing one section": 4.0,
    "math checks, cold parse cache": 60.0,
}
MATH_TESTS = ["tests/test_math.py", "tests/test_mathcheck.py"]


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


def run_build(repeat: int) -> list[tuple[str, float]]:
    """The build cases, each in a fresh scratch copy of the sources."""
    src = Project.at().root
    build = ["./scripts/build"]
    sphinx = [str(Path(sys.executable).with_name("sphinx-build")), "-q", "-b", "html"]
    clean_all, clean_html, clean_pdf, noop, edit, raw, math_edit = [], [], [], [], [], [], []
    for i in range(repeat):
        with tempfile.TemporaryDirectory(prefix="mlm-bench-") as tmp:
            root = Path(tmp) / "src"
            root.mkdir()
            _copy_sources(src, root)
            clean_all.append(_time(build, root))
            noop.append(_time(build, root))
            shutil.rmtree(root / "_build")
            clean_html.append(_time(build + ["html"], root))
            clean_pdf.append(_time(build + ["pdf"], root))
            _time(build + ["html"], root)  # settle: the HTML picks up the new PDFs for download
            _edit(root, i)
            edit.append(_time(build + ["html"], root))
            math_edit.append(_math_seconds(root))
            # Baseline: raw sphinx-build on the conf.py Jupyter Book generated, warm, same edit.
            # Its output lies outside the source tree: inside it, sphinx-external-toc would
            # exclude the copied _sources/*.md, change exclude_patterns and force a full rebuild.
            out, doctrees = Path(tmp) / "raw" / "html", Path(tmp) / "raw" / "doctrees"
            _time(sphinx + [".", str(out), "-d", str(doctrees)], root)
            _edit(root, 100 + i)
            raw.append(_time(sphinx + [".", str(out), "-d", str(doctrees)], root))
    med = statistics.median
    return [
        ("clean build, figures + HTML + PDF", med(clean_all)),
        ("clean HTML build (figures included)", med(clean_html)),
        ("clean PDF build (figures already built)", med(clean_pdf)),
        ("no-op rebuild", med(noop)),
        ("HTML after editing one section", med(edit)),
        ("  of which typesetting its math (KaTeX, cached per formula)", med(math_edit)),
        ("baseline: raw sphinx-build, same edit", med(raw)),
    ]


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


def table(rows: list[tuple[str, float]]) -> str:
    timings = dict(rows)
    lines = ["| case | seconds | target |", "| --- | ---: | ---: |"]
    for name, seconds in rows:
        target = TARGETS.get(name)
        lines.append(f"| {name} | {seconds:.2f} | {f'≤ {target:g}' if target else ''} |")
        if name == "baseline: raw sphinx-build, same edit":
            overhead = timings["HTML after editing one section"] / seconds - 1
            lines.append(f"| overhead of scripts/build over raw sphinx-build | {overhead * 100:+.0f} % | ≤ +15 % |")
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
    args = parser.parse_args()
    if args.only == "web":
        from .webbench import bench

        return bench(args.repeat, args.record)
    rows = ([] if args.only == "math" else run_build(args.repeat)) + \
           ([] if args.only == "build" else run_math(args.repeat))
    report = (f"Measured on {datetime.date.today().isoformat()}, {machine()}; "
              f"median of {args.repeat} runs.\n\n{table(rows)}")
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
