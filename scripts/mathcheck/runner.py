"""Run the checks of a whole book: which blocks are checked, marked, or missing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import CheckError, Unreadable
from .registry import Check, load_checks
from .source import Block, book_blocks
from .worked import Worked

# Source markers (":class:") that exempt a block from needing a check.
MARKERS = ("conceptual", "proof")


@dataclass
class Harness:
    root: Path
    blocks: list[Block] = field(default_factory=list)
    checks: dict[str, Check] = field(default_factory=dict)

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
        if block.kind in ("example", "solution") and not self.marker(block):
            failures.extend(worked.verify_chains())
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
        if failures:
            raise CheckError("\n".join(failures))
        return worked

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
