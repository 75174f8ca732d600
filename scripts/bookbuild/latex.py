"""Run latexmk/xelatex on Sphinx's LaTeX output and report errors at Markdown lines.

xelatex runs with ``-halt-on-error -file-line-error``, so it stops at the first
error and names a line of the generated ``.tex`` file. The translator in
``sphinxext.latex_structure`` writes ``%mlm-src:<file>:<line>`` markers into
that file; we walk back from the failing line to the nearest marker and report
the chapter's own file and line.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic
from .project import Project
from .sphinxext.latex_structure import MARKER

_FILE_LINE_ERROR = re.compile(r"^(?P<file>\.?/?[^:\s][^:]*\.(?:tex|sty|cls|def)):(?P<line>\d+): (?P<msg>.*)$")
_INPUT_LINE = re.compile(r"on input line (\d+)")
_OVERFULL = re.compile(r"^Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\) .*?lines? (\d+)")
# Lines Sphinx writes between a marker and the text that the marker's source line holds.
_DISPLAY_END = re.compile(r"^\\end\{(split|equation\*?|align\*?|gather\*?|multline\*?)\}")
_SCAFFOLD = re.compile(r"^(\s*|\\sphinxAtStartPar|\\begin\{(equation\*?|split|align\*?)\}|\\label\{.*\}|\\noindent)$")


@dataclass
class LatexResult:
    ok: bool
    pdf: Path | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    overfull: list[tuple[float, str]] = field(default_factory=list)  # (points, "file:line")
    seconds: float = 0.0
    passes: int = 0  # xelatex runs latexmk needed


def source_of(tex_lines: list[str], tex_line: int) -> tuple[str, int] | None:
    """Map a 1-based line of the generated .tex file to (source file, line)."""
    for index in range(min(tex_line, len(tex_lines)) - 1, -1, -1):
        text = tex_lines[index]
        if text.startswith(MARKER):
            path, _, line = text[len(MARKER):].strip().rpartition(":")
            first = index + 1
            while first < tex_line - 1 and _SCAFFOLD.match(tex_lines[first]):
                first += 1
            if _DISPLAY_END.match(tex_lines[tex_line - 1]):
                # amsmath reads a whole display before typesetting it, so TeX
                # reports its errors at the end: name the display's first line.
                return path, int(line)
            return path, int(line) + max(0, tex_line - 1 - first)
    return None


def run_latexmk(project: Project, workdir: Path, texname: str, extra_sources: dict[str, Path]) -> LatexResult:
    """Build ``workdir/<texname>.tex`` to PDF. ``extra_sources`` maps preamble files to their originals."""
    start = time.perf_counter()
    # Run latexmk as Sphinx's own Makefile does (its latexmkrc makes "-pdf" mean
    # xelatex), but stop at the first error and keep log lines unwrapped.
    env = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error -file-line-error",
               XINDYOPTS=_makefile_xindyopts(workdir), max_print_line="100000", error_line="254",
               half_error_line="238")
    cmd = ["latexmk", "-pdf", "-dvi-", "-ps-", "-norc", "-r", "latexmkrc", f"{texname}.tex"]
    done = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True, errors="replace")
    log_path = workdir / f"{texname}.log"
    log = log_path.read_text(errors="replace") if log_path.is_file() else ""
    tex_lines = (workdir / f"{texname}.tex").read_text(errors="replace").splitlines()
    pdf = workdir / f"{texname}.pdf"
    diagnostics = _errors(project, log + "\n" + done.stdout, tex_lines, texname, extra_sources)
    if done.returncode != 0 and not diagnostics:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        diagnostics.append(Diagnostic(project.rel(workdir / f"{texname}.tex"), None,
                                      "latexmk failed", tail))
    if done.returncode == 0:
        diagnostics += _undefined_references(log, tex_lines)
        diagnostics += _missing_characters(log, tex_lines)
    ok = done.returncode == 0 and not diagnostics and pdf.is_file()
    if not ok:
        # A run that stopped half-way can leave auxiliary files that would
        # confuse the next one; make latexmk start over next time.
        for path in workdir.glob(f"{texname}.*"):
            if path.suffix != ".tex":
                path.unlink()
    passes = len(re.findall(r"^Run number \d+ of rule '(?:pdf|xe)latex'", done.stdout + done.stderr, re.M))
    return LatexResult(ok, pdf if ok else None, diagnostics, _overfull(log, tex_lines),
                       time.perf_counter() - start, passes)


def _makefile_xindyopts(workdir: Path) -> str:
    """The xindy options Sphinx wrote into its Makefile (language, encoding, style)."""
    makefile = workdir / "Makefile"
    if makefile.is_file():
        for line in makefile.read_text().splitlines():
            if line.startswith("export XINDYOPTS"):
                return line.split("=", 1)[1].strip()
    return "-L english -C utf8 -M sphinx.xdy"


def _locate(project: Project, file: str, line: int, tex_lines: list[str], texname: str,
            extra_sources: dict[str, Path]) -> tuple[str, int]:
    name = Path(file).name
    if name == f"{texname}.tex":
        mapped = source_of(tex_lines, line)
        if mapped:
            return mapped
        return project.rel(file), line
    if name in extra_sources:
        return project.rel(extra_sources[name]), line
    return file, line


def _errors(project: Project, log: str, tex_lines: list[str], texname: str,
            extra_sources: dict[str, Path]) -> list[Diagnostic]:
    lines = log.splitlines()
    for i, text in enumerate(lines):
        match = _FILE_LINE_ERROR.match(text)
        if not match:
            continue
        path, line = _locate(project, match.group("file"), int(match.group("line")), tex_lines,
                             texname, extra_sources)
        context = [row for row in lines[i + 1:i + 6] if row.strip() and not row.startswith("!")]
        message = f"LaTeX rejected this: {match.group('msg').strip()}"
        return [Diagnostic(path, line, message, "\n".join(context[:3]))]
    return []


def _undefined_references(log: str, tex_lines: list[str]) -> list[Diagnostic]:
    found = []
    for text in log.splitlines():
        if "LaTeX Warning: Reference" in text or "LaTeX Warning: Citation" in text:
            match = _INPUT_LINE.search(text)
            where = source_of(tex_lines, int(match.group(1))) if match else None
            path, line = where if where else ("", None)
            message = text.replace("LaTeX Warning: ", "").strip()
            found.append(Diagnostic(path, line, f"unresolved in the PDF: {message}"))
    return found


def _missing_characters(log: str, tex_lines: list[str]) -> list[Diagnostic]:
    """A character the font lacks prints as nothing: treat it as an error."""
    found = []
    for text in log.splitlines():
        if text.startswith("Missing character: There is no"):
            found.append(Diagnostic("", None, f"the PDF font cannot print a character: {text}"))
    return found


def _overfull(log: str, tex_lines: list[str]) -> list[tuple[float, str]]:
    boxes = []
    for text in log.splitlines():
        match = _OVERFULL.match(text)
        if match:
            where = source_of(tex_lines, int(match.group(2)))
            boxes.append((float(match.group(1)), f"{where[0]}:{where[1]}" if where else "?"))
    return boxes
