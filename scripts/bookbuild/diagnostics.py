"""Turn Sphinx and LaTeX messages into ``file:line: error: message`` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# "/abs/book/x.md:27: WARNING: undefined label: 'x' [ref.ref]" and variants without a line.
_SPHINX_LINE = re.compile(
    r"^(?P<loc>.*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|SEVERE|CRITICAL): (?P<msg>.*)$"
)
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Diagnostic:
    path: str          # relative to the project root when possible ("" if unknown)
    line: int | None
    message: str
    detail: str = ""   # continuation lines (tracebacks, context)

    def format(self) -> str:
        where = self.path or "<book>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: error: {self.message}"
        if self.detail:
            text += "\n" + "\n".join("    " + row for row in self.detail.rstrip().splitlines())
        return text


def parse_sphinx_warnings(text: str, root: Path) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    for raw in _ANSI.sub("", text).splitlines():
        match = _SPHINX_LINE.match(raw)
        if match:
            loc = match.group("loc").strip()
            # "/x/book/a.md:docstring of ..." never happens here; keep what Sphinx says.
            path = _relative(loc, root) if loc else ""
            line = int(match.group("line")) if match.group("line") else None
            diagnostics.append(Diagnostic(path, line, match.group("msg").strip()))
        elif raw.strip() and diagnostics:
            diagnostics[-1].detail += raw + "\n"
        elif raw.strip():
            diagnostics.append(Diagnostic("", None, raw.strip()))
    return tidy(diagnostics, root)


def tidy(diagnostics: list[Diagnostic], root: Path) -> list[Diagnostic]:
    """Fix sphinx-proof's ``.rst`` paths, shorten absolute paths, drop line-less duplicates."""
    for d in diagnostics:
        d.message = d.message.replace(f"{root}/", "")
        if d.path.endswith(".rst") and not (root / d.path).exists():
            md = str(Path(d.path).with_suffix(".md"))
            if (root / md).exists():
                d.path = md
    located = [d for d in diagnostics if d.line is not None]
    kept = []
    for d in diagnostics:
        quoted = re.findall(r"'([^']+)'", d.message) or re.findall(r": (\S+)$", d.message)
        if d.line is None and any(any(q in o.message for q in quoted) for o in located):
            continue
        kept.append(d)
    return kept


def _relative(loc: str, root: Path) -> str:
    try:
        return str(Path(loc).resolve().relative_to(root))
    except (ValueError, OSError):
        return loc


def docname_of(path: str) -> str | None:
    """``book/a/b.md`` -> ``book/a/b`` (Sphinx's docname), else None."""
    if path.endswith((".md", ".ipynb", ".rst")):
        return str(Path(path).with_suffix(""))
    return None
