"""Code listings that print: each ```python listing followed by a ```text block of what it
prints is run, and its output must match the text (the house style allows short,
seeded NumPy listings; the tests keep their printed output honest)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = {"python", "python3", "{code-block} python", "{code} python"}
OUTPUTS = {"text", "{code-block} text", "{code} text", "output"}
TIMEOUT = 120


@dataclass
class Listing:
    path: Path           # relative to the book's root
    line: int            # 1-based line of the code fence
    code: str
    output: str          # what the text says it prints
    output_line: int

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def _fences(text: str):
    from .source import _parser

    tokens = _parser().parse(text)
    stack = [tokens]
    found = []
    while stack:
        for token in stack.pop():
            if token.type in ("fence", "colon_fence") and token.map:
                found.append(token)
                if token.info.strip().startswith("{") and token.type == "colon_fence":
                    stack.append(_parser().parse(token.content))
    return sorted(found, key=lambda t: t.map[0])


def listings_in(path: Path, rel: Path) -> list[Listing]:
    """Listings of one file: a python fence followed, after blank lines only, by a text fence."""
    text = path.read_text(encoding="utf8")
    lines = text.split("\n")
    fences = [t for t in _fences(text) if t.type == "fence"]
    found = []
    for code, output in zip(fences, fences[1:]):
        if code.info.strip() not in LANGUAGES or output.info.strip() not in OUTPUTS:
            continue
        between = lines[code.map[1]:output.map[0]]
        if any(line.strip() for line in between):
            continue
        found.append(Listing(rel, code.map[0] + 1, _without_options(code), _without_options(output),
                             output.map[0] + 1))
    return found


def _without_options(token) -> str:
    """A directive's body without its leading ``:caption:``-style option lines."""
    lines = token.content.split("\n")
    if token.info.strip().startswith("{"):
        while lines and lines[0].startswith(":"):
            lines = lines[1:]
    return "\n".join(lines)


def book_listings(root: Path) -> list[Listing]:
    found = []
    for md in sorted((root / "book").rglob("*.md")):
        found.extend(listings_in(md, md.relative_to(root)))
    return found


def run(listing: Listing) -> str | None:
    """None when the listing prints what the text shows; else what went wrong."""
    try:
        result = subprocess.run([sys.executable, "-c", listing.code], capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"{listing.where}: the listing ran for more than {TIMEOUT} s"
    if result.returncode != 0:
        last = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit code {result.returncode}"
        return f"{listing.where}: the listing raises: {last}"
    printed = _clean(result.stdout)
    shown = _clean(listing.output)
    if printed != shown:
        return (f"{listing.path}:{listing.output_line}: the text shows what the listing at line {listing.line} "
                f"prints as\n{shown}\nbut it prints\n{printed}")
    return None


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
