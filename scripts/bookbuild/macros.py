"""Read ``book/macros.tex``, the one file of math macros shared by HTML, PDF and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MACROS_FILE = Path("book") / "macros.tex"
_NEWCOMMAND = re.compile(r"\\newcommand\{\\([A-Za-z]+)\}(?:\[(\d)\])?\{(.*)\}\s*$")


@dataclass(frozen=True)
class Macro:
    name: str        # without the backslash
    nargs: int
    body: str
    line: int


def read_macros(path: Path) -> list[Macro]:
    """Parse one ``\\newcommand{\\name}[n]{body}`` per line; ``%`` lines are comments."""
    macros = []
    for number, raw in enumerate(path.read_text(encoding="utf8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        match = _NEWCOMMAND.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: expected one \\newcommand{{\\name}}{{body}} per line")
        name, nargs, body = match.groups()
        macros.append(Macro(name, int(nargs or 0), body, number))
    return macros


def mathjax_macros(macros: list[Macro]) -> dict:
    """The ``tex.macros`` entry of a MathJax 3 configuration."""
    return {m.name: (m.body if m.nargs == 0 else [m.body, m.nargs]) for m in macros}
