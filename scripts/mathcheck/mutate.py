"""Mutation testing of the checks: change one number in the text, expect a failure.

For a block, every number in its stated results (the last links of its final
display) and in its givens (the values the text binds to names) is changed in turn, and
the block's check is re-run on the changed text. A mutant that passes is a
*survivor*: the text could drift there without any test noticing.

The whole book has over 3,000 mutants, about twenty minutes of checking on two
cores, so the test suite runs a fixed sample (``SAMPLE`` mutants a block, the
final result's first) and says so; ``python -m mathcheck.mutate`` runs them all.
A mutant whose check runs longer than ``TIME_LIMIT`` seconds counts as caught
(the check would hang on that text, which the tests would see) and is reported.
Mutants of a check that already fails would all count as caught, so the full run
first checks each block as written and reports one that fails instead of sweeping it
(in the test suite, each block's own test runs that check).
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
    result: bool     # in a stated result (else in a given)


def _bump(number: str) -> str:
    if "." in number:
        whole, frac = number.split(".")
        digit = int(frac[-1])
        changed = digit + 1 if digit < 9 else digit - 1
        return f"{whole}.{frac[:-1]}{changed}"
    return str(int(number) + 1)


def _spans(worked: Worked) -> list[tuple[int, int, bool]]:
    """(start, end, is a result) offsets in the file of every stated result and every given."""
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
            links.append((chain.last, True))
        if chain.relations[0] == "=" and (id(loc), 1) in worked.definitions:
            # The value a given name is bound to. "z = w_1 + 2w_2" in unknowns binds nothing: it is
            # a condition, which the coverage summary counts as such, not a given.
            links.extend((link, False) for link in chain.links[1:2])
        for link, result in links:
            line = loc.line_of(link)
            start = line_starts[line - 1]
            # Find the link's text in the file from its first line on.
            found = text.find(link.text, start)
            if found >= 0:
                spans.append((found, found + len(link.text), result))
    return spans


def mutants(worked: Worked) -> list[Mutant]:
    path = worked.block.path if worked.block.path.is_absolute() else worked.root / worked.block.path
    text = path.read_text(encoding="utf8")
    found: list[Mutant] = []
    seen = set()
    subscripts = [m.span() for m in _SUBSCRIPT.finditer(text)]
    for start, end, result in _spans(worked):
        for match in _NUMBER.finditer(text, start, end):
            if match.start() in seen or any(a <= match.start() < b for a, b in subscripts):
                continue
            seen.add(match.start())
            number = match.group(1)
            changed = text[: match.start()] + _bump(number) + text[match.end():]
            line = text[: match.start()].count("\n") + 1
            found.append(Mutant(worked.block, line, number, _bump(number), changed, result))
    return found


SAMPLE = 2
TIME_LIMIT = 30


def _spread(items: list, k: int) -> list:
    """``k`` of ``items`` at even steps, the last always among them."""
    if k <= 0:
        return []
    if len(items) <= k:
        return list(items)
    step = len(items) / k
    return [items[len(items) - 1 - int(i * step)] for i in range(k)][::-1]


def sample(found: list[Mutant], limit: int | None) -> list[Mutant]:
    """At most ``limit`` of a block's mutants: the final results' first (their last number
    always), then the givens; all of them when ``limit`` is None."""
    if limit is None or len(found) <= limit:
        return found
    results = [m for m in found if m.result]
    picked = _spread(results, min(len(results), (limit + 1) // 2 if len(found) > len(results) else limit))
    picked += _spread([m for m in found if not m.result], limit - len(picked))
    return picked


class _TooLong(BaseException):
    """Raised by the alarm; a BaseException, so that no ``except Exception`` inside SymPy swallows it."""


def _alarm(signum, frame):
    raise _TooLong


@dataclass
class Swept:
    """The mutants of one block: how many it has, how many ran, and what came of them."""

    found: int
    ran: int
    alive: list       # (path, line, before, after) of each survivor
    too_long: int = 0  # counted caught: the check ran past TIME_LIMIT


def survivors(harness, label: str, limit: int | None = None) -> tuple[int, list[Mutant]]:
    """Run (a sample of) the mutants of one block; return how many ran and those that passed."""
    swept, alive = _run(harness, label, limit)
    return swept.ran, alive


class BaselineFails(Exception):
    """The block's check fails on the text as written: every mutant would count as caught."""


def _run(harness, label: str, limit: int | None, time_limit: int | None = None,
         baseline: bool = False) -> tuple[Swept, list[Mutant]]:
    import signal

    if baseline:
        try:
            harness.run(label)
        except CheckError as exc:
            raise BaselineFails("its check fails on the text as written, so its mutants "
                                f"prove nothing: {str(exc).splitlines()[0]}") from None
    worked = harness.worked(label)
    found = mutants(worked)
    todo = sample(found, limit)
    alive, too_long = [], 0
    timed = time_limit is not None and hasattr(signal, "setitimer")
    if timed:
        previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for mutant in todo:
            blocks = read_blocks(harness.root / mutant.block.path, text=mutant.text, rel=mutant.block.path)
            changed = next((b for b in blocks if b.label == label), None)
            if changed is None:
                continue
            if timed:
                signal.setitimer(signal.ITIMER_REAL, time_limit)
            try:
                harness.run_block(changed)
            except CheckError:
                continue
            except _TooLong:
                too_long += 1
                continue
            except Exception:  # the changed text crashes the check: it does not pass, so the mutant is caught
                continue
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            alive.append(mutant)
    finally:
        if timed:
            signal.signal(signal.SIGALRM, previous)
    return Swept(len(found), len(todo), [(str(m.block.path), m.line, m.before, m.after) for m in alive],
                 too_long), alive


SWEEP_FAILED = "the sweep failed"  # the 'before' of a survivor that stands for a block not swept
_SWEPT = None  # (harness, limit, baseline) that the forked workers of sweep() share


def _sweep_one(label: str) -> tuple[str, Swept]:
    harness, limit, baseline = _SWEPT
    try:
        swept, _ = _run(harness, label, limit, TIME_LIMIT, baseline)
    except Exception as exc:  # reported by the label's own test; the rest of the sweep goes on
        reason = str(exc) if isinstance(exc, BaselineFails) else repr(exc)
        return label, Swept(0, 0, [(str(harness.by_label[label].path), 0, SWEEP_FAILED, reason)])
    return label, swept


def sweep(harness, labels: list[str], limit: int | None = SAMPLE,
          processes: int | None = None, baseline: bool = False) -> dict[str, Swept]:
    """The mutants of several blocks (``limit`` a block, or all when None), spread over the
    machine's cores in forked workers. With ``baseline``, each block's check is first run on
    the text as written, and a block whose check fails is reported rather than swept (the
    test suite leaves this to each block's own test, which runs that check anyway)."""
    import gc
    import multiprocessing
    import os

    global _SWEPT
    _SWEPT = (harness, limit, baseline)
    processes = min(processes or os.cpu_count() or 1, len(labels))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return dict(map(_sweep_one, labels))
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=gc.disable) as pool:
            return dict(pool.imap_unordered(_sweep_one, labels))
    finally:
        gc.unfreeze()


def describe(swept: dict[str, Swept]) -> str:
    """One line: how much of the book's mutants ran and what came of them."""
    found = sum(s.found for s in swept.values())
    ran = sum(s.ran for s in swept.values())
    failed = sum(1 for s in swept.values() for a in s.alive if a[2] == SWEEP_FAILED)
    alive = sum(len(s.alive) for s in swept.values()) - failed
    too_long = sum(s.too_long for s in swept.values())
    share = "all" if ran == found else "a sample; python -m mathcheck.mutate runs all"
    return (f"mutation sweep of {len(swept)} blocks: {ran} of their {found} mutants run ({share}), "
            f"{alive} survived, {too_long} ran past {TIME_LIMIT} s (counted caught)"
            + (f"; {failed} blocks not swept (their own check fails)" if failed else ""))


def main(argv: list[str] | None = None) -> int:
    """Run every mutant of every checked example and solution (or of the labels given)."""
    import argparse
    import time
    from pathlib import Path

    from .runner import Harness

    parser = argparse.ArgumentParser(prog="python -m mathcheck.mutate", description=main.__doc__)
    parser.add_argument("labels", nargs="*", help="blocks to sweep (default: every example and solution)")
    parser.add_argument("--sample", type=int, default=None, help="at most this many mutants a block")
    args = parser.parse_args(argv)
    harness = Harness.load(Path(__file__).resolve().parents[2])
    labels = args.labels or [label for label in harness.runnable()
                             if harness.by_label[label].kind in ("example", "solution")]
    start = time.monotonic()
    swept = sweep(harness, labels, limit=args.sample, baseline=True)
    for label in labels:
        for path, line, before, after in swept[label].alive:
            print(f"{path} {label}: {after}" if before == SWEEP_FAILED
                  else f"{path}:{line} {label}: changing {before} to {after} still passes")
    print(describe(swept), f"in {time.monotonic() - start:.0f} s")
    return 1 if any(s.alive for s in swept.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
