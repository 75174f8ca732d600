"""Find the checkable blocks of a chapter and the math inside them, with line numbers.

The MyST source is read with myst-parser's own markdown-it configuration, so
directives nested in lists, admonitions or other directives are found too.
Directive bodies are parsed recursively with the right line offsets.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

# Directives whose math the harness reads, and the label kinds they use.
CHECKED = {"prf:example": "example", "solution": "solution"}
RESULTS = {"prf:theorem", "prf:proposition", "prf:lemma", "prf:corollary", "prf:definition", "exercise"}


@dataclass
class Math:
    latex: str
    line: int          # 1-based line of the math's first line in the file
    display: bool


@dataclass
class Block:
    directive: str     # "prf:example", "solution", "prf:theorem", ...
    label: str
    path: Path
    line: int          # 1-based line of the opening fence
    title: str = ""
    argument: str = ""  # a solution's exercise label
    classes: list[str] = field(default_factory=list)
    math: list[Math] = field(default_factory=list)
    end_line: int = 0
    body: str = ""

    @property
    def kind(self) -> str:
        return CHECKED.get(self.directive, self.directive.removeprefix("prf:"))

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def displays(self) -> list[Math]:
        return [m for m in self.math if m.display]


@functools.lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions={"colon_fence", "dollarmath", "amsmath", "deflist"})
    return create_md_parser(config, RendererHTML)


def _split_options(content: str) -> tuple[dict[str, str], str, int]:
    """Split ``:key: value`` option lines (or a ``---`` YAML block) from a directive body.

    Returns the options, the body, and how many lines the options took.
    """
    lines = content.split("\n")
    options: dict[str, str] = {}
    used = 0
    if lines and lines[0].strip() == "---":
        import yaml

        end = lines.index("---", 1)
        options = {k: str(v) for k, v in (yaml.safe_load("\n".join(lines[1:end])) or {}).items()}
        used = end + 1
    else:
        while used < len(lines) and lines[used].startswith(":") and lines[used].count(":") >= 2:
            key, _, value = lines[used][1:].partition(":")
            options[key.strip()] = value.strip()
            used += 1
    return options, "\n".join(lines[used:]), used


def _math_in(tokens, offset: int) -> list[Math]:
    """Math in a token stream; ``offset`` converts token lines to 1-based file lines."""
    found: list[Math] = []
    for token in tokens:
        if token.type in ("math_block", "math_block_label") and token.map:
            # The content starts on the line after "$$" unless it shares that line.
            first = token.map[0] + offset
            found.append(Math(token.content.strip("\n"), first + 1, True))
        elif token.type == "amsmath" and token.map:
            found.append(Math(token.content, token.map[0] + offset, True))
        elif token.type == "inline" and token.children and token.map:
            line = token.map[0] + offset
            for child in token.children:
                if child.type == "math_inline":
                    found.append(Math(child.content, line, False))
                elif child.type == "math_inline_double":
                    found.append(Math(child.content, line, True))
                line += child.content.count("\n") if child.type != "text" else child.content.count("\n")
                if child.type in ("softbreak", "hardbreak"):
                    line += 1
    return found


def _fix_block_math_lines(math: list[Math], text: str, offset: int) -> None:
    """A display's content starts on the "$$" line when the "$$" is not alone there."""
    lines = text.split("\n")
    for m in math:
        if m.display:
            opening = m.line - offset - 1  # 0-based index of the "$$" line in ``text``
            if 0 <= opening < len(lines) and lines[opening].strip() not in ("$$",) and lines[opening].lstrip().startswith("$$"):
                m.line -= 1


def read_blocks(path: Path, text: str | None = None, rel: Path | None = None) -> list[Block]:
    """Every checked or result block in one Markdown file, in source order."""
    text = path.read_text(encoding="utf8") if text is None else text
    blocks: list[Block] = []
    _walk(text, 1, rel or path, blocks, None)
    return blocks


def _walk(text: str, first_line: int, path: Path, blocks: list[Block], parent: Block | None) -> None:
    """Parse ``text`` (starting at file line ``first_line``), collecting blocks and math."""
    tokens = _parser().parse(text)
    offset = first_line  # token.map is 0-based relative to ``text``
    if parent is not None:
        math = _math_in(tokens, offset)
        _fix_block_math_lines(math, text, offset)
        parent.math.extend(math)
    for token in tokens:
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        info = token.info.strip()
        if not info.startswith("{"):
            continue
        name, _, argument = info[1:].partition("}")
        options, body, used = _split_options(token.content)
        body_line = token.map[0] + offset + 1 + used
        if name in CHECKED or name in RESULTS:
            label = options.get("label", "")
            block = Block(
                directive=name, label=label, path=path, line=token.map[0] + offset,
                title=argument.strip() if name != "solution" else "",
                argument=argument.strip() if name == "solution" else "",
                classes=options.get("class", "").split(), end_line=token.map[1] + offset - 1,
                body=body,
            )
            blocks.append(block)
            _walk(body, body_line, path, blocks, block)
        else:
            _walk(body, body_line, path, blocks, parent)


def book_blocks(root: Path) -> list[Block]:
    """Blocks of every chapter file under ``root/book``, paths relative to ``root``."""
    blocks: list[Block] = []
    for md in sorted((root / "book").rglob("*.md")):
        blocks.extend(read_blocks(md, rel=md.relative_to(root)))
    return blocks
