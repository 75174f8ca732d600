"""Measure how much of the book's math each LaTeX parser reads.

    python -m mathcheck.parsers [ROOT]

Every link of every chain in the book's examples and solutions is normalised
(the book's macros expanded) and handed to SymPy's ANTLR backend, SymPy's stock
Lark backend, and the extended Lark grammar this harness uses. A link counts
as read when the parser returns without an error; whether the reading is
*right* is what the checks themselves decide.
"""

from __future__ import annotations

import sys
import warnings
from collections import Counter
from pathlib import Path

from .latex import book_macros, normalise, split_chains
from .source import book_blocks


def links(root: Path) -> list[str]:
    found = []
    macros = book_macros(str(root))
    for block in book_blocks(root):
        if block.kind not in ("example", "solution"):
            continue
        for math in block.math:
            for chain in split_chains(math.latex):
                found.extend(normalise(link.text, macros).text for link in chain.links)
    return found


def measure(texts: list[str]) -> dict[str, Counter]:
    from sympy.parsing.latex import parse_latex
    from sympy.parsing.latex.lark import parse_latex_lark

    from .parser import lark_parser

    def antlr(text):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parse_latex(text, backend="antlr")

    backends = {"sympy antlr": antlr, "sympy lark": parse_latex_lark,
                "extended lark (this harness)": lambda t: lark_parser().parse(t)}
    results = {}
    for name, parse in backends.items():
        tally = Counter()
        for text in texts:
            try:
                parse(text)
                tally["read"] += 1
            except Exception:
                tally["failed"] += 1
        results[name] = tally
    return results


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    texts = sorted(set(links(root)))
    print(f"{len(texts)} distinct links in the examples and solutions under {root}/book")
    print("| parser | reads | fails |\n| --- | ---: | ---: |")
    for name, tally in measure(texts).items():
        print(f"| {name} | {tally['read']} | {tally['failed']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
