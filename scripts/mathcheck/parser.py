"""The LaTeX parser: SymPy's Lark grammar plus the book's narrow extensions, with a cache.

Parsing with Earley is the slow step (tens of milliseconds a link), so parse
trees are cached on disk under ``.cache/mathcheck``, keyed by the grammar, and
re-used across runs; a cold run parses each shape of formula once (digits do
not change a parse, see ``TreeCache.parse``).
"""

from __future__ import annotations

import atexit
import functools
import gc
import hashlib
import os
import pickle
import re
from pathlib import Path

import lark
import sympy
from sympy.parsing.latex.lark import latex_parser as sympy_lark

from .errors import Unreadable

GRAMMAR_DIR = Path(sympy_lark.__file__).parent / "grammar"
BOOK_GRAMMAR = Path(__file__).with_name("book.lark")


def grammar_text() -> str:
    return (GRAMMAR_DIR / "latex.lark").read_text(encoding="utf8") + "\n" + BOOK_GRAMMAR.read_text(encoding="utf8")


@functools.lru_cache(maxsize=2)
def lark_parser(extended: bool = True) -> lark.Lark:
    text = grammar_text() if extended else (GRAMMAR_DIR / "latex.lark").read_text(encoding="utf8")
    return lark.Lark(
        text, source_path=str(GRAMMAR_DIR) + "/", parser="earley", start="latex_string",
        lexer="auto", ambiguity="explicit", propagate_positions=False,
        maybe_placeholders=False, keep_all_tokens=True,
    )


DIGIT = re.compile(r"[0-9]")


def with_digits(tree, text: str):
    """A copy of ``tree`` (parsed from ``text`` with its digits changed) whose tokens
    carry the text's own characters; the two texts have the same length."""
    if isinstance(tree, lark.Token):  # (a pickled Token keeps start_pos but not end_pos)
        return tree.update(value=text[tree.start_pos:tree.start_pos + len(tree)])
    return lark.Tree(tree.data, [with_digits(child, text) for child in tree.children], tree.meta)


class TreeCache:
    """Parse trees by normalised LaTeX, persisted between runs."""

    def __init__(self, folder: Path | None):
        key = hashlib.sha256((grammar_text() + lark.__version__ + sympy.__version__).encode()).hexdigest()[:16]
        self.path = folder / f"trees-{key}.pickle" if folder else None
        self.trees: dict[str, object] = {}
        self.dirty = False
        # While parallel workers run, each tree they parse is also dropped in this
        # folder, so that no two workers parse the same text.
        self.shared: Path | None = None
        if self.path and self.path.is_file():
            try:
                self.trees = pickle.loads(self.path.read_bytes())
            except Exception:
                self.trees = {}
        atexit.register(self.save)

    def parse(self, text: str):
        """The parse tree of ``text``; raises Unreadable when the grammar cannot read it.

        Digits never change the shape of a parse, so a text is parsed with every
        digit written as 1 and the real digits are put back into the tokens by
        position: a matrix or a chain of arithmetic is parsed once per shape, not
        once per set of numbers.
        """
        if text not in self.trees:
            skeleton = DIGIT.sub("1", text)
            tree = self._tree(skeleton)
            if skeleton != text:
                tree = self._tree(text) if isinstance(tree, Unreadable) else with_digits(tree, text)
                self.trees[text] = tree
        tree = self.trees[text]
        if isinstance(tree, Unreadable):
            raise tree
        return tree

    def _tree(self, text: str):
        """Parse ``text`` once (or take it from the cache or a sibling worker)."""
        if text not in self.trees and self.shared:
            self._fetch_shared(text)
        if text not in self.trees:
            # Earley makes millions of short-lived objects; pausing the cycle collector
            # while it runs saves about a tenth of the time (reference counting frees them).
            collecting = gc.isenabled()
            gc.disable()
            try:
                self.trees[text] = lark_parser().parse(text)
            except lark.exceptions.LarkError as exc:
                self.trees[text] = Unreadable(f"the parser cannot read {text!r}: {str(exc).splitlines()[0]}")
            finally:
                if collecting:
                    gc.enable()
            self.dirty = True
            if self.shared:
                self._publish(text)
        return self.trees[text]

    def _shared_path(self, text: str) -> Path:
        return self.shared / hashlib.sha256(text.encode()).hexdigest()

    def _fetch_shared(self, text: str) -> None:
        try:
            self.trees[text] = pickle.loads(self._shared_path(text).read_bytes())
            self.dirty = True
        except (OSError, pickle.PickleError, EOFError):
            pass

    def _publish(self, text: str) -> None:
        path = self._shared_path(text)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.trees[text]))
        os.replace(tmp, path)

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(self.trees))
        os.replace(tmp, self.path)
        self.dirty = False


@functools.lru_cache(maxsize=1)
def default_cache() -> TreeCache:
    folder = os.environ.get("MLM_MATHCHECK_CACHE")  # the benchmark measures a cold cache
    root = Path(os.environ.get("MLM_ROOT", Path(__file__).resolve().parents[2]))
    return TreeCache(Path(folder) if folder else root / ".cache" / "mathcheck")
