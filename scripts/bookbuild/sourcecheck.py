"""Checks of the Markdown that Sphinx cannot make, run before it reads the book.

A directive fence that is never closed makes MyST swallow the rest of the file
(or of the enclosing directive) without a word; a fence closed by a longer one
(``:::`` closed by the ``::::`` of the directive around it) does the same. And
Sphinx reports a label defined twice at one of the two places, sometimes
without a line. Here each such fence is named at its opening line, and each
duplicated label at every line that defines it.

What one file yields (its problems, the labels it defines, the files it
includes) depends on its text alone, so it is kept in
``_build/.work/sourcecheck.json`` under the text's hash: after an edit only the
edited file is parsed again, however large the book.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic
from .project import Project
from .publish import write_atomic

CACHE_VERSION = 1
# Directives whose body is not Markdown: never looked into.
LITERAL = {"code", "code-block", "sourcecode", "code-cell", "math", "raw", "csv-table", "literalinclude"}
LABEL_OPTIONS = ("label", "name")


@dataclass
class _Scan:
    problems: list[Diagnostic]
    labels: dict[str, list[str]]  # label -> ["file:line", ...]
    seen: set[Path]
    cache: dict[str, dict]        # file (relative) -> what its text yields, under the text's hash


def check_sources(project: Project) -> list[Diagnostic]:
    """Unclosed fences and duplicated labels in the files the book is built from."""
    cache_file = project.work_dir / "sourcecheck.json"
    scan = _Scan([], defaultdict(list), set(), _load_cache(cache_file))
    for path in _toc_files(project):
        _read_file(project, path, scan)
    for label, places in scan.labels.items():
        if len(places) > 1:
            for place in places:
                path, _, line = place.rpartition(":")
                others = ", ".join(p for p in places if p != place)
                scan.problems.append(Diagnostic(path, int(line), f"duplicate label '{label}', also defined at {others}"))
    _save_cache(cache_file, {rel: scan.cache[rel] for rel in map(project.rel, scan.seen) if rel in scan.cache})
    return scan.problems


def _load_cache(path: Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf8"))
    except (OSError, ValueError):
        return {}
    return data.get("files", {}) if data.get("version") == CACHE_VERSION else {}


def _save_cache(path: Path, files: dict[str, dict]) -> None:
    # The PDF editions check the sources side by side: write_atomic's temporary is per process.
    write_atomic(path, json.dumps({"version": CACHE_VERSION, "files": files}))


def _toc_files(project: Project) -> list[Path]:
    """The Markdown files of ``_toc.yml``, in its order."""
    found: list[Path] = []

    def visit(node) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    found.append(project.root / f"{node[key].removesuffix('.md')}.md")
            for value in node.values():
                if isinstance(value, list):
                    for item in value:
                        visit(item)

    visit(yaml.safe_load(project.toc_yml.read_text(encoding="utf8")) or {})
    return [path for path in found if path.is_file()]


def _read_file(project: Project, path: Path, scan: _Scan) -> None:
    if path in scan.seen:
        return
    scan.seen.add(path)
    text = path.read_text(encoding="utf8")
    rel, digest = project.rel(path), hashlib.sha1(text.encode()).hexdigest()
    found = scan.cache.get(rel)
    if not found or found["hash"] != digest:
        one = _Scan([], defaultdict(list), set(), {})
        includes: list[str] = []
        _walk(project, path, text, 1, one, "the file", includes)
        found = scan.cache[rel] = {
            "hash": digest, "labels": one.labels, "includes": includes,
            "problems": [[d.path, d.line, d.message] for d in one.problems]}
    scan.problems += [Diagnostic(*problem) for problem in found["problems"]]
    for label, places in found["labels"].items():
        scan.labels[label] += places
    for included in found["includes"]:
        _read_file(project, project.root / included, scan)


def _walk(project: Project, path: Path, text: str, first_line: int, scan: _Scan, scope: str,
          includes: list[str]) -> None:
    """Check ``text``, which starts at line ``first_line`` of ``path``; collect the files it includes."""
    lines = text.split("\n")
    rel = project.rel(path)
    for token in _parser(_extensions(project.config_yml)).parse(text):
        if not token.map:
            continue
        line = token.map[0] + first_line
        if token.type == "myst_target":
            scan.labels[token.content.strip()].append(f"{rel}:{line}")
        elif token.type == "math_block_label" and token.info.strip():
            scan.labels[token.info.strip()].append(f"{rel}:{token.map[1] - 1 + first_line}")
        if token.type not in ("fence", "colon_fence"):
            continue
        info = token.info.strip()
        name = info[1:].partition("}")[0] if info.startswith("{") else ""
        unclosed = _unclosed(token, lines, first_line, scope)
        if unclosed:
            what = f"the {{{name}}} directive" if name else "the code block"
            scan.problems.append(Diagnostic(rel, line, f"{what} opened here is never closed: {unclosed}"))
            continue
        if not name:
            continue
        options, used = _options(token.content)
        rows = token.content.split("\n")
        for key in LABEL_OPTIONS:
            if options.get(key):
                row = next(i for i, text in enumerate(rows) if text.startswith(f":{key}:"))
                scan.labels[options[key]].append(f"{rel}:{line + 1 + row}")
        if name == "include":
            target = info.partition("}")[2].strip()
            included = project.root / target.lstrip("/") if target.startswith("/") else path.parent / target
            if included.is_file():  # a missing file is Sphinx's to report
                includes.append(project.rel(included.resolve()))
        elif name not in LITERAL:
            _walk(project, path, "\n".join(rows[used:]), line + 1 + used, scan, f"the {{{name}}} directive",
                  includes)


def _unclosed(token, lines: list[str], first_line: int, scope: str) -> str:
    """Why ``token``'s fence is not properly closed, or "" when it is."""
    start, end = token.map
    marker = token.markup
    last = lines[end - 1].lstrip(" \t>").rstrip() if start < end - 1 < len(lines) else ""  # ">": a block quote
    if not (last and set(last) == {marker[0]} and len(last) >= len(marker)):
        return f"no '{marker}' follows it, so MyST reads the rest of {scope} into it"
    if token.info.startswith("{") and len(last) > len(marker):
        # CommonMark lets a longer fence close it; in this book that is always the enclosing directive's.
        return f"the '{last}' on line {end - 1 + first_line} ends it, so MyST reads everything up to there into it"
    return ""


def _options(content: str) -> tuple[dict[str, str], int]:
    """The ``:key: value`` lines that open a directive body, and how many there are."""
    options: dict[str, str] = {}
    rows = content.split("\n")
    used = 0
    while used < len(rows) and rows[used].startswith(":") and rows[used].count(":") >= 2:
        key, _, value = rows[used][1:].partition(":")
        options[key.strip()] = value.strip()
        used += 1
    return options, used


@functools.lru_cache(maxsize=4)
def _extensions(config_yml: Path) -> frozenset[str]:
    config = yaml.safe_load(config_yml.read_text(encoding="utf8")) or {}
    return frozenset((config.get("parse") or {}).get("myst_enable_extensions") or [])


@functools.lru_cache(maxsize=4)
def _parser(extensions: frozenset[str]):
    """myst-parser's own markdown-it set-up, with the book's extensions; block level only."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    parser = create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)
    return parser.disable("inline")  # fences and targets are blocks; inline parsing only costs time
