"""What the checker made of every link: compared, a given, a condition, or a defect.

A *link* is one side of a relation in a chain (``\\det A = 2\\cdot 3 - 1 = 5`` has
three). After a block is checked, each of its links has one status:

- **compared**: it took part in a comparison that SymPy decided;
- **given**: it defines something (``\\mathbf{A} = ...``, ``X \\sim \\DistPoisson(2)``,
  ``x \\in \\{1, 2\\}``, a stated probability no other statement implies);
- **condition**: an equation or inequality in unknowns (``x_2 = -x_1``), which
  states a condition rather than a claim;
- **defect**: the checker could not read or evaluate it, or could not decide
  the comparison. The book must have none.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

STATUSES = ("compared", "given", "condition", "defect")
_RANK = {"defect": 0, "condition": 1, "given": 2, "compared": 3}


@dataclass
class LinkStatus:
    status: str
    line: int
    text: str
    reason: str = ""


class Coverage:
    """The status of each link of one block, keyed by (math index, offset in the math)."""

    def __init__(self, path):
        self.path = path
        self.links: dict[tuple[int, int], LinkStatus] = {}

    def mark(self, located, link, status: str, reason: str = "") -> None:
        key = (located.chain.math_index, link.offset)
        current = self.links.get(key)
        if current is not None and (current.reason.startswith("unreadable") or _RANK[current.status] >= _RANK[status]):
            return
        self.links[key] = LinkStatus(status, located.line_of(link), link.text, reason)

    def status(self, located, link) -> str | None:
        found = self.links.get((located.chain.math_index, link.offset))
        return found.status if found else None

    def counts(self) -> Counter:
        return Counter(s.status for s in self.links.values())

    def defects(self) -> list[LinkStatus]:
        return [s for s in self.links.values() if s.status == "defect"]

    def describe(self, status: LinkStatus) -> str:
        return f"{self.path}:{status.line} {status.text!r}: {status.reason}"


def summarise(coverages: list[tuple[str, Counter]]) -> dict[str, Counter]:
    """Counts per chapter (the folder under book/ or book/back/solutions/) and in all."""
    totals: dict[str, Counter] = {"the whole book": Counter()}
    for chapter, counts in coverages:
        totals.setdefault(chapter, Counter()).update(counts)
        totals["the whole book"].update(counts)
    return totals


def chapter_of(path) -> str:
    parts = str(path).split("/")
    if parts[:3] == ["book", "back", "solutions"] and len(parts) > 3:
        return parts[3]
    return parts[1] if len(parts) > 2 else parts[-1]
