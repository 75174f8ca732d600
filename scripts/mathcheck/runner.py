"""Run the checks of a whole book: which blocks are checked, marked, or missing."""

from __future__ import annotations

import gc
import multiprocessing
import os
import tempfile
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CheckError, Unreadable
from .parser import default_cache, lark_parser
from .registry import Check, load_checks
from .source import Block, book_blocks
from .worked import Worked

# Source markers (":class:") that exempt a block from needing a check.
MARKERS = ("conceptual", "proof")


@dataclass
class Report:
    """What one block's check left behind, for the coverage summary."""

    counts: Counter = field(default_factory=Counter)   # link statuses
    defects: list[str] = field(default_factory=list)
    differences: int = 0                               # derivatives also taken by central differences
    proved: int = 0                                    # identities SymPy simplified symbolically
    simulations: int = 0


@dataclass
class Harness:
    root: Path
    blocks: list[Block] = field(default_factory=list)
    checks: dict[str, Check] = field(default_factory=dict)
    reports: dict[str, Report] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, checks_dir: Path | None = None) -> "Harness":
        blocks = book_blocks(root)
        checks = dict(load_checks(checks_dir or root / "tests" / "checks"))
        return cls(root, blocks, checks)

    @property
    def by_label(self) -> dict[str, Block]:
        return {b.label: b for b in self.blocks if b.label}

    def required(self) -> list[Block]:
        """Examples and solutions: each needs a check or a visible marker."""
        return [b for b in self.blocks if b.kind in ("example", "solution")]

    def marker(self, block: Block) -> str | None:
        return next((m for m in MARKERS if m in block.classes), None)

    def status(self, block: Block) -> str:
        if block.label in self.checks:
            return "checked"
        return self.marker(block) or "missing"

    def missing(self) -> list[Block]:
        return [b for b in self.required() if self.status(b) == "missing"]

    def orphans(self) -> list[str]:
        labels = self.by_label
        return sorted(label for label in self.checks if label not in labels)

    def runnable(self) -> list[str]:
        """Labels with a check, in book order."""
        return [b.label for b in self.blocks if b.label in self.checks]

    def worked(self, label: str) -> Worked:
        return Worked(self.by_label[label], self.root, lookup=self.by_label.get)

    def run(self, label: str) -> Worked:
        """Verify one block's chains and run its check; raise CheckError listing every failure."""
        return self.run_block(self.by_label[label])

    def run_block(self, block: Block) -> Worked:
        label = block.label
        worked = Worked(block, self.root, lookup=self.by_label.get)
        failures = []
        verified = block.kind in ("example", "solution") and not self.marker(block)
        if verified:
            failures.extend(worked.verify_chains())
            failures.extend(f"{worked.coverage.describe(d)} ({label}; the checker cannot read this link: rewrite it, "
                            "or teach the checker its notation)" for d in worked.coverage.defects())
        before = worked.compared
        try:
            self.checks[label](worked)
        except CheckError as exc:
            failures.append(str(exc))
        except Unreadable as exc:
            failures.append(f"{block.where} {label}: {exc}")
        else:
            if worked.compared == before:
                failures.append(f"{block.where} {label}: the check {self.checks[label].where} "
                                "compared nothing with the text")
            elif verified:
                failures.extend(worked.unchecked_results())
        self.reports[label] = Report(worked.coverage.counts(), [worked.coverage.describe(d) for d in worked.coverage.defects()],
                                     worked.differences, worked.proved_symbolically, len(worked.simulations))
        if failures:
            raise CheckError("\n".join(failures))
        return worked

    def outcome(self, label: str) -> str | None:
        """None when the check passes, else its failure message (a traceback for a checker bug)."""
        try:
            self.run(label)
        except CheckError as exc:
            return str(exc)
        except Exception:  # a bug in the checker itself: show where
            return f"{self.by_label[label].where} {label}: the checker failed\n{traceback.format_exc()}"
        return None

    def run_many(self, labels: list[str], processes: int | None = None) -> dict[str, str | None]:
        """Outcomes of several checks, spread over the machine's cores.

        Parsing LaTeX is the slow step, so on a cold cache the work is shared by
        forked worker processes, costliest blocks first; they hand each other the
        trees they parse through a scratch folder, and the trees come back to be
        saved in the parent's cache for the next run.
        """
        processes = min(processes or os.cpu_count() or 1, len(labels))
        if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            return {label: self.outcome(label) for label in labels}
        cost = {b.label: sum(len(m.latex) for m in b.math) for b in self.blocks if b.label}
        order = sorted(labels, key=lambda label: -cost.get(label, 0))
        global _FORKED
        _FORKED = self
        cache = default_cache()
        lark_parser()  # build the grammar once, before the workers fork
        gc.freeze()  # and keep the collector off the objects they share
        outcomes: dict[str, str | None] = {}
        with tempfile.TemporaryDirectory(prefix="mlm-trees-") as shared:
            cache.shared = Path(shared)
            try:
                # Workers are short-lived, so they run without the cycle collector at all.
                with multiprocessing.get_context("fork").Pool(processes, initializer=gc.disable) as pool:
                    for label, outcome, trees, report in pool.imap_unordered(_run_in_worker, order):
                        outcomes[label] = outcome
                        if report is not None:
                            self.reports[label] = report
                        if trees:
                            cache.trees.update(trees)
                            cache.dirty = True
            finally:
                cache.shared = None
                gc.unfreeze()
        cache.save()
        return {label: outcomes[label] for label in labels}

    def coverage(self) -> dict[str, Counter]:
        """Link statuses of the checks that ran, per chapter and for the whole book."""
        from .coverage import chapter_of, summarise

        rows = []
        for label, report in self.reports.items():
            block = self.by_label[label]
            counts = Counter(report.counts)
            counts["derivatives by central differences"] = report.differences
            counts["identities proved symbolically"] = report.proved
            counts["simulation receipts"] = report.simulations
            rows.append((chapter_of(block.path), counts))
        return summarise(rows)

    def summary(self) -> dict[str, int]:
        counts = {"examples checked": 0, "solutions checked": 0, "results checked": 0,
                  "marked conceptual": 0, "marked proof": 0, "unchecked": 0}
        for block in self.blocks:
            status = self.status(block)
            if status == "checked":
                key = {"example": "examples checked", "solution": "solutions checked"}.get(
                    block.kind, "results checked")
                counts[key] += 1
            elif block.kind in ("example", "solution"):
                counts[{"conceptual": "marked conceptual", "proof": "marked proof"}.get(status, "unchecked")] += 1
        return counts


_FORKED: Harness | None = None  # the harness a forked worker inherits


def _run_in_worker(label: str):
    """Run one check in a worker; return its outcome and the parse trees it added."""
    cache = default_cache()
    known = set(cache.trees)
    outcome = _FORKED.outcome(label)
    return (label, outcome, {text: tree for text, tree in cache.trees.items() if text not in known},
            _FORKED.reports.get(label))
