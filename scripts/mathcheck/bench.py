"""What a cold parse of the book's mathematics costs, per distinct formula shape.

    python -m mathcheck.bench [--direct]

Collects every link of every chain in the book's examples and solutions, then
parses them all from an empty cache in this one process, timing the CPU. It
reports the cost per *digit shape* (a text with its digits written as 1: the
unit the checker cached before, so the figure compares with earlier ones) and
the number of Earley runs the shape-and-piece cache needs. ``--direct`` also
times one Earley run per digit shape on the whole text, the earlier method,
for a comparison on the same machine and grammar.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from .latex import book_macros, normalise, split_chains
from .parser import TreeCache, direct_parse
from .source import book_blocks

DIGIT = re.compile(r"[0-9]")


def link_texts(root: Path) -> list[str]:
    macros = book_macros(str(root))
    found = set()
    for block in book_blocks(root):
        if block.kind not in ("example", "solution"):
            continue
        for math in block.math:
            for chain in split_chains(math.latex):
                found.update(normalise(link.text, macros).text for link in chain.links)
    return sorted(found)


def measure(root: Path, direct: bool = False) -> dict[str, float]:
    texts = link_texts(root)
    shapes = sorted({DIGIT.sub("1", t) for t in texts})
    cache = TreeCache(None)
    start = time.process_time()
    for text in texts:
        try:
            cache.parse(text)
        except Exception:
            pass
    seconds = time.process_time() - start
    result = {"link texts": len(texts), "digit shapes": len(shapes), "Earley runs": cache.parses,
              "cold CPU seconds": seconds, "ms per digit shape": 1000 * seconds / max(1, len(shapes))}
    if direct:
        start = time.process_time()
        for text in shapes:
            try:
                direct_parse(text)
            except Exception:
                pass
        old = time.process_time() - start
        result["direct CPU seconds"] = old
        result["direct ms per digit shape"] = 1000 * old / max(1, len(shapes))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m mathcheck.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--direct", action="store_true", help="also time one Earley run per shape, as before")
    parser.add_argument("root", nargs="?", default=".")
    args = parser.parse_args()
    for name, value in measure(Path(args.root).resolve(), args.direct).items():
        print(f"{name}: {value:.1f}" if isinstance(value, float) else f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
