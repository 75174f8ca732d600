"""The LaTeX parser: SymPy's Lark grammar plus the book's notation families, with a cache.

Parsing with Earley is the slow step, so three things keep it cheap:

- **shapes**: a text is parsed with every digit written as 1 and every letter but
  "d" written as x, and its own characters are put back into the tokens by
  position, so ``x_1 - x_2`` and ``v_1 - v_2`` share one parse;
- **pieces**: a matrix literal and a plain fraction are parsed on their own and
  grafted into the parse of the text around them, so a matrix costs the parses
  of its (short, often repeated) entries, not one long Earley run;
- **a cache on disk** under ``.cache/mathcheck``, keyed by the grammar, so only a
  cold run (a fresh clone) parses anything at all.

The assembled tree equals a direct parse of the whole text (a test checks this
for every text in the book).
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import os
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import lark
import sympy
from lark import Token, Tree
from sympy.parsing.latex.lark import latex_parser as sympy_lark

from .errors import Unreadable

SYMPY_GRAMMAR = Path(sympy_lark.__file__).parent / "grammar"
FAMILIES = ("core", "linalg", "calculus", "probability")
FAMILY_GRAMMAR = Path(__file__).with_name("grammar")


def grammar_text() -> str:
    """SymPy's grammar followed by each family's rules, in order."""
    parts = [(SYMPY_GRAMMAR / "latex.lark").read_text(encoding="utf8")]
    parts += [(FAMILY_GRAMMAR / f"{family}.lark").read_text(encoding="utf8") for family in FAMILIES]
    return "\n".join(parts)


@functools.lru_cache(maxsize=1)
def lark_parser() -> lark.Lark:
    return lark.Lark(
        grammar_text(), source_path=str(SYMPY_GRAMMAR) + "/", parser="earley", start="latex_string",
        lexer="auto", ambiguity="explicit", propagate_positions=False,
        maybe_placeholders=False, keep_all_tokens=True, ordered_sets=False,
    )


# --- shapes ------------------------------------------------------------------------------

# Commands and environment names keep their letters; any other letter but "d" is a name.
_WORD = re.compile(r"\\(?:begin|end)\{[^}]*\}|\\[A-Za-z]+|\\.|[A-Za-ce-z]|[0-9]")


def shape(text: str) -> str:
    """``text`` with every digit written 1 and every name letter written x (same length)."""
    def one(match: re.Match) -> str:
        word = match.group(0)
        if word.isdigit():
            return "1"
        return "x" if len(word) == 1 else word
    return _WORD.sub(one, text)


def restore(tree, text: str):
    """A copy of ``tree`` (the parse of ``shape(text)``) whose tokens carry ``text``'s characters."""
    if isinstance(tree, Token):  # (a pickled Token keeps start_pos but not end_pos)
        return tree.update(value=text[tree.start_pos:tree.start_pos + len(tree)])
    return Tree(tree.data, [restore(child, text) for child in tree.children], tree.meta)


# --- pieces ------------------------------------------------------------------------------

MATRIX_SLOT = r"\SlotMatrix"
FRACTION_SLOT = r"\SlotFraction"
_MATRIX_BEGIN = re.compile(r"\\begin\{(bmatrix|pmatrix)\}")
_FRACTION = re.compile(r"\\frac\{")
_RELATIONS = {"eq", "ne", "lt", "lte", "gt", "gte"}


@dataclass
class Piece:
    """A matrix literal (``parts`` are its rows of entries) or a fraction (numerator, denominator)."""

    kind: str          # "matrix" or "fraction"
    start: int         # where its slot starts in the skeleton text
    parts: list        # matrix: list of rows of entry texts; fraction: [numerator, denominator]
    begin: str = ""    # a matrix's \begin{...} and \end{...}
    end: str = ""
    trailing_row: bool = False


def _group_end(text: str, i: int) -> int:
    """The index after the brace group that opens at ``text[i] == '{'``, or -1."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


def _environment_end(text: str, i: int, name: str) -> int:
    """The index after the \\end{name} that closes the environment opened at ``i``."""
    depth = 0
    pattern = re.compile(r"\\(begin|end)\{" + name + r"\}")
    for match in pattern.finditer(text, i):
        depth += 1 if match.group(1) == "begin" else -1
        if depth == 0:
            return match.end()
    return -1


def _split_top(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside braces, parentheses, brackets and environments."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        if text.startswith("\\begin{", i):
            depth, i = depth + 1, text.find("}", i) + 1
        elif text.startswith("\\end{", i):
            depth, i = depth - 1, text.find("}", i) + 1
        elif depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            i = start = i + len(separator)
        elif text[i] == "\\":
            i += 2  # a command or an escaped character such as \{ or \&
        else:
            depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(text[i], 0)
            i += 1
    parts.append(text[start:])
    return parts


def _matrix_piece(body: str) -> tuple[list[list[str]], bool] | None:
    rows = _split_top(body, "\\\\")
    trailing = len(rows) > 1 and not rows[-1].strip()
    if trailing:
        rows = rows[:-1]
    cells = [[cell.strip() for cell in _split_top(row, "&")] for row in rows]
    if any(not cell for row in cells for cell in row):
        return None
    return cells, trailing


def _plain(part: str) -> bool:
    """A fraction part that is an ordinary expression (not \\partial or a differential d)."""
    return "\\partial" not in part and not re.match(r"\s*(d(?![a-zA-Z])|d[a-zA-Z\\]|\\mathrm\{d\})", part)


def split_pieces(text: str) -> tuple[str, list[Piece]]:
    """Replace top-level matrix literals and plain fractions by slots."""
    out, pieces, i = [], [], 0
    length = 0
    while i < len(text):
        matrix = _MATRIX_BEGIN.match(text, i)
        if matrix:
            end = _environment_end(text, i, matrix.group(1))
            parsed = _matrix_piece(text[matrix.end():end - len(f"\\end{{{matrix.group(1)}}}")]) if end > 0 else None
            if parsed:
                pieces.append(Piece("matrix", length, parsed[0], matrix.group(0),
                                    f"\\end{{{matrix.group(1)}}}", parsed[1]))
                out.append(MATRIX_SLOT)
                length += len(MATRIX_SLOT)
                i = end
                continue
        fraction = _FRACTION.match(text, i)
        if fraction:
            first_end = _group_end(text, i + 5)
            second_end = _group_end(text, first_end) if 0 < first_end < len(text) and text[first_end] == "{" else -1
            if second_end > 0:
                numerator, denominator = text[i + 6:first_end - 1], text[first_end + 1:second_end - 1]
                if _plain(numerator) and _plain(denominator) and numerator.strip() and denominator.strip():
                    pieces.append(Piece("fraction", length, [numerator, denominator]))
                    out.append(FRACTION_SLOT)
                    length += len(FRACTION_SLOT)
                    i = second_end
                    continue
        step = 2 if text[i] == "\\" else 1
        out.append(text[i:i + step])
        length += len(text[i:i + step])
        i += step
    return "".join(out), pieces


# Notation whose reach extends over a "+" (\\sum_k a + b, \\int x + 1\\,dx, 1 \\pm 2, |a + b|): a
# text holding any of it is parsed whole, never split into terms.
_SPREADING = re.compile(r"\\(sum|prod|int|lim|min|max|ArgMin|ArgMax|EvalAt|EvalOpen|pm|mp)(?![A-Za-z])|\|")
_OPEN = {"{": "}", "(": ")", "[": "]"}
_OPERAND_END = re.compile(r"([A-Za-z0-9}\])!']|\\[A-Za-z]+)\s*$")
_OPERATOR_COMMANDS = {"\\cdot", "\\times", "\\div"}


def split_terms(text: str) -> list[tuple[str, str]]:
    """The top-level terms of a sum, with their signs: "-a + b c" -> [("-", "a"), ("+", "b c")].

    A "+" or "-" splits only outside every bracket, environment and norm, and only
    where it follows an operand (so x^{-1} and 2\\cdot -3 keep their signs); a text
    with notation that reaches over a "+" stays whole (a single term).
    """
    if _SPREADING.search(text):
        return [("", text)]
    terms, depth, start, i, sign = [], 0, 0, 0, ""
    while i < len(text):
        if text.startswith(("\\begin{", "\\lVert", "\\lvert", "\\{"), i):
            depth += 1
        elif text.startswith(("\\end{", "\\rVert", "\\rvert", "\\}"), i):
            depth -= 1
        if text[i] == "\\":
            command = re.match(r"\\[A-Za-z]+|\\.", text[i:])
            i += len(command.group(0)) if command else 1
            continue
        c = text[i]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif c in "+-" and depth == 0:
            before = text[start:i]
            end = _OPERAND_END.search(before)
            if end and end.group(0).strip() not in _OPERATOR_COMMANDS:
                terms.append((sign, before.strip()))
                sign, start = c, i + 1
            elif not before.strip() and not terms and not sign:
                sign, start = c, i + 1  # a leading minus
        i += 1
    terms.append((sign, text[start:].strip()))
    if any(not term for _, term in terms) or depth != 0:
        return [("", text)]
    return terms


# --- the cache ---------------------------------------------------------------------------


class TreeCache:
    """Parse trees by shape, persisted between runs; texts are assembled from pieces."""

    def __init__(self, folder: Path | None):
        key = hashlib.sha256((grammar_text() + lark.__version__ + sympy.__version__).encode()).hexdigest()[:16]
        self.path = folder / f"trees-{key}.pickle" if folder else None
        self.trees: dict[str, object] = {}     # shape -> tree, or the parser's complaint (a str)
        self.assembled: dict[str, object] = {}  # text -> tree (in memory only)
        self.dirty = False
        self.parses = 0                          # Earley runs in this process
        # While parallel workers run, each tree they parse is also dropped in this
        # folder, so that no two workers parse the same shape.
        self.shared: Path | None = None
        if self.path and self.path.is_file():
            try:
                self.trees = pickle.loads(self.path.read_bytes())
            except Exception:
                self.trees = {}
        atexit.register(self.save)

    def parse(self, text: str):
        """The parse tree of ``text``; raises Unreadable when the grammar cannot read it."""
        if text not in self.assembled:
            try:
                self.assembled[text] = self._assemble(text)
            except Unreadable as exc:
                whole = self._parse_shape(text)  # a piece that does not stand alone: try the whole
                self.assembled[text] = whole if isinstance(whole, Tree) else exc
        tree = self.assembled[text]
        if isinstance(tree, Unreadable):
            raise tree
        return tree

    def _assemble(self, text: str):
        terms = split_terms(text)
        if len(terms) > 1 or terms[0][0]:
            return self._sum_tree(terms)
        skeleton, pieces = split_pieces(text)
        tree = self._parse_shape(skeleton)
        if not isinstance(tree, Tree):
            raise Unreadable(f"the parser cannot read {text!r}: {tree}")
        if not pieces:
            return tree
        grafts = {piece.start: self._piece_tree(piece) for piece in pieces}
        return _graft(tree, grafts)

    def _sum_tree(self, terms):
        """a - b + c as SymPy's grammar reads it, sub(add(a, b), c), from the terms' own trees."""
        sign, first = terms[0]
        tree = self._expression(first)
        if sign:
            tree = Tree("sub" if sign == "-" else "add", [Token("SUB" if sign == "-" else "ADD", sign), tree])
        for sign, term in terms[1:]:
            kind = "sub" if sign == "-" else "add"
            tree = Tree(kind, [tree, Token(kind.upper(), sign), self._expression(term)])
        return Tree("latex_string", [tree])

    def _piece_tree(self, piece: Piece):
        if piece.kind == "fraction":
            numerator, denominator = (self._expression(part) for part in piece.parts)
            def braced(part):
                return Tree("group_curly_parentheses", [Token("L_BRACE", "{"), part, Token("R_BRACE", "}")])

            return Tree("fraction", [Token("CMD_FRAC", "\\frac"), braced(numerator), braced(denominator)])
        body = []
        for index, row in enumerate(piece.parts):
            if index:
                body.append(Token("MATRIX_ROW_DELIM", "\\\\"))
            children = []
            for column, cell in enumerate(row):
                if column:
                    children.append(Token("MATRIX_COL_DELIM", "&"))
                children.append(self._expression(cell))
            body.append(Tree("matrix_row", children))
        if piece.trailing_row:
            body.append(Token("MATRIX_ROW_DELIM", "\\\\"))
        return Tree("matrix", [Token("CMD_MATRIX_BEGIN", piece.begin), Tree("matrix_body", body),
                               Token("CMD_MATRIX_END", piece.end)])

    def _expression(self, text: str):
        """The tree of one piece part: an expression, never a relation."""
        tree = self.parse(text)
        if tree.data == "_ambig":
            return Tree("_ambig", [_expression_of(alternative, text) for alternative in tree.children])
        return _expression_of(tree, text)

    def _parse_shape(self, text: str):
        """The tree of ``text`` through the shape cache, or the parser's complaint (a str)."""
        key = shape(text)
        if key not in self.trees and self.shared:
            self._fetch_shared(key)
        if key not in self.trees:
            self.trees[key] = self._earley(key)
            self.dirty = True
            if self.shared:
                self._publish(key)
        tree = self.trees[key]
        return restore(tree, text) if isinstance(tree, Tree) else tree

    def _earley(self, text: str):
        # Earley makes millions of short-lived objects; pausing the cycle collector
        # while it runs saves about a tenth of the time (reference counting frees them).
        collecting = gc.isenabled()
        gc.disable()
        self.parses += 1
        try:
            return lark_parser().parse(text)
        except lark.exceptions.LarkError as exc:
            return str(exc).splitlines()[0]
        finally:
            if collecting:
                gc.enable()

    def _shared_path(self, key: str) -> Path:
        return self.shared / hashlib.sha256(key.encode()).hexdigest()

    def _fetch_shared(self, key: str) -> None:
        try:
            self.trees[key] = pickle.loads(self._shared_path(key).read_bytes())
            self.dirty = True
        except (OSError, pickle.PickleError, EOFError):
            pass

    def _publish(self, key: str) -> None:
        path = self._shared_path(key)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.trees[key]))
        os.replace(tmp, path)

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.trees))
        os.replace(tmp, self.path)
        self.dirty = False


def _expression_of(tree: Tree, text: str):
    if tree.data != "latex_string" or len(tree.children) != 1:
        raise Unreadable(f"the parser cannot read {text!r} as a matrix entry or a fraction's part")
    child = tree.children[0]
    if isinstance(child, Tree) and child.data in _RELATIONS:
        raise Unreadable(f"{text!r} is a relation, not an expression")
    return child


def _graft(tree, grafts: dict[int, Tree]):
    """Put each piece's tree where its slot token is (found by the token's position)."""
    if isinstance(tree, Token):
        return tree
    if tree.data in ("matrix", "fraction") and len(tree.children) == 1 and isinstance(tree.children[0], Token) \
            and tree.children[0].type in ("MATRIX_SLOT", "FRACTION_SLOT"):
        return grafts[tree.children[0].start_pos]
    return Tree(tree.data, [_graft(child, grafts) for child in tree.children], tree.meta)


def direct_parse(text: str):
    """Parse ``text`` in one Earley run, without shapes or pieces (for tests)."""
    return lark_parser().parse(text)


@functools.lru_cache(maxsize=1)
def default_cache() -> TreeCache:
    folder = os.environ.get("MLM_MATHCHECK_CACHE")  # the benchmark measures a cold cache
    root = Path(os.environ.get("MLM_ROOT", Path(__file__).resolve().parents[2]))
    return TreeCache(Path(folder) if folder else root / ".cache" / "mathcheck")
