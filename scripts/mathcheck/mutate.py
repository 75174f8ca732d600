"""Mutation testing of the checks: change one number in the text, expect a failure.

For a block, every number in its stated results (the last links of its final
display) and in its givens (the values bound to names) is changed in turn, and
the block's check is re-run on the changed text. A mutant that passes is a
*survivor*: the text could drift there without any test noticing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import CheckError
from .source import Block, read_blocks
from .worked import Worked

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\d.])")
_SUBSCRIPT = re.compile(r"_(\{[^{}]*\}|\d)")


@dataclass
class Mutant:
    block: Block
    line: int
    before: str
    after: str
    text: str        # the whole file, changed


def _bump(number: str) -> str:
    if "." in number:
        whole, frac = number.split(".")
        digit = int(frac[-1])
        changed = digit + 1 if digit < 9 else digit - 1
        return f"{whole}.{frac[:-1]}{changed}"
    return str(int(number) + 1)


def _spans(worked: Worked) -> list[tuple[int, int]]:
    """(start, end) offsets in the file of every stated result and every given."""
    text = worked.block.path.read_text(encoding="utf8") if worked.block.path.is_absolute() else \
        (worked.root / worked.block.path).read_text(encoding="utf8")
    lines = text.split("\n")
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    spans = []
    final = {id(loc) for loc in worked.final_chains()} if worked.block.displays else set()
    for loc in worked.located:
        chain = loc.chain
        links = []
        if id(loc) in final:
            links.append(chain.last)
        if chain.relations[0] == "=" and worked.name_of(chain.subject) is not None:
            links.extend(chain.links[1:2])  # the value a given name is bound to
        for link in links:
            line = loc.line_of(link)
            start = line_starts[line - 1]
            # Find the link's text in the file from its first line on.
            found = text.find(link.text, start)
            if found >= 0:
                spans.append((found, found + len(link.text)))
    return spans


def mutants(worked: Worked) -> list[Mutant]:
    path = worked.block.path if worked.block.path.is_absolute() else worked.root / worked.block.path
    text = path.read_text(encoding="utf8")
    found: list[Mutant] = []
    seen = set()
    subscripts = [m.span() for m in _SUBSCRIPT.finditer(text)]
    for start, end in _spans(worked):
        for match in _NUMBER.finditer(text, start, end):
            if match.start() in seen or any(a <= match.start() < b for a, b in subscripts):
                continue
            seen.add(match.start())
            number = match.group(1)
            changed = text[: match.start()] + _bump(number) + text[match.end():]
            line = text[: match.start()].count("\n") + 1
            found.append(Mutant(worked.block, line, number, _bump(number), changed))
    return found


def survivors(harness, label: str, limit: int | None = None) -> tuple[int, list[Mutant]]:
    """Run the mutants of one block; return how many ran and those that passed."""
    worked = harness.worked(label)
    todo = mutants(worked)[:limit] if limit else mutants(worked)
    alive = []
    for mutant in todo:
        blocks = read_blocks(harness.root / mutant.block.path, text=mutant.text, rel=mutant.block.path)
        changed = next((b for b in blocks if b.label == label), None)
        if changed is None:
            continue
        try:
            harness.run_block(changed)
        except CheckError:
            continue
        except Exception:  # the changed text crashes the check: it does not pass, so the mutant is caught
            continue
        alive.append(mutant)
    return len(todo), alive


_SWEPT = None  # the harness the forked workers of sweep() share


def _sweep_one(label: str) -> tuple[str, int, list[tuple[str, int, str, str]]]:
    try:
        total, alive = survivors(_SWEPT, label)
    except Exception as exc:  # reported by the label's own test; the rest of the sweep goes on
        return label, 0, [(str(_SWEPT.by_label[label].path), 0, "the sweep failed", repr(exc))]
    return label, total, [(str(m.block.path), m.line, m.before, m.after) for m in alive]


def sweep(harness, labels: list[str], processes: int | None = None) -> dict[str, tuple[int, list[tuple]]]:
    """survivors() of several blocks, spread over the machine's cores (forked workers).

    Each label maps to (mutants run, [(path, line, before, after) of each survivor]).
    """
    import gc
    import multiprocessing
    import os

    global _SWEPT
    _SWEPT = harness
    processes = min(processes or os.cpu_count() or 1, len(labels))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return {label: (total, alive) for label, total, alive in map(_sweep_one, labels)}
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=gc.disable) as pool:
            return {label: (total, alive) for label, total, alive in pool.imap_unordered(_sweep_one, labels)}
    finally:
        gc.unfreeze()
