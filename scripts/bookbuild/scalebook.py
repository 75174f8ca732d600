"""Grow a scratch copy of the book to a given number of chapters, for the bench.

The book is planned at four chapters. To measure the build at that size before
the chapters exist, copies of the linear-algebra chapter (its sections, its
solutions and its part in ``_toc.yml``) are added until the book has as many
chapters as asked. Each copy's labels are renamed (``thm-la-...`` becomes
``thm-la2-...``), so every cross-reference, number and solution link resolves
inside the copy exactly as in the original; references into other chapters
stay as they are.

    python -m bookbuild.scalebook <scratch root> 4
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import yaml

CHAPTER = "linear-algebra"
TOPIC = "la"
_LABEL = re.compile(rf"\b([a-z]+)-{TOPIC}-")   # thm-la-, exc-la-, sec-back-solutions-la ...
_SOLUTIONS_LABEL = re.compile(rf"\b(solutions)-{TOPIC}\b")


def chapters(toc: dict) -> list[dict]:
    """The numbered parts of ``_toc.yml``: one per chapter."""
    return [part for part in toc["parts"] if part.get("numbered")]


def grow(root: Path, count: int) -> int:
    """Add copies of the linear-algebra chapter to the book at ``root`` until it has
    ``count`` chapters; returns how many were added."""
    toc_path = root / "_toc.yml"
    toc = yaml.safe_load(toc_path.read_text(encoding="utf8"))
    numbered = chapters(toc)
    original = next(p for p in numbered if p["chapters"][0]["file"] == f"book/{CHAPTER}/index")
    solutions = next(p for p in toc["parts"] if p["chapters"][0]["file"] == "book/back/solutions")
    original_solutions = next(s for s in solutions["chapters"][0]["sections"]
                              if s["file"] == f"book/back/solutions-{CHAPTER}")
    added = 0
    for n in range(2, 2 + max(0, count - len(numbered))):
        name = f"{CHAPTER}-{n}"
        _copy_tree(root / "book" / CHAPTER, root / "book" / name, n)
        _copy_tree(root / "book/back/solutions" / CHAPTER, root / "book/back/solutions" / name, n)
        page = root / f"book/back/solutions-{CHAPTER}.md"
        text = _rename(page.read_text(encoding="utf8"), n)
        text = text.replace(f"solutions/{CHAPTER}/", f"solutions/{name}/")
        (root / f"book/back/solutions-{name}.md").write_text(text, encoding="utf8")
        part = yaml.safe_load(yaml.safe_dump(original).replace(f"book/{CHAPTER}/", f"book/{name}/"))
        part["caption"] = f"{original['caption']}, copy {n}"
        toc["parts"].insert(toc["parts"].index(numbered[-1]) + added + 1, part)
        entry = yaml.safe_dump(original_solutions).replace(f"solutions-{CHAPTER}", f"solutions-{name}")
        solutions["chapters"][0]["sections"].append(
            yaml.safe_load(entry.replace(f"solutions/{CHAPTER}/", f"solutions/{name}/")))
        added += 1
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf8")
    return added


def _copy_tree(src: Path, dst: Path, n: int) -> None:
    shutil.copytree(src, dst)
    for path in dst.rglob("*.md"):
        path.write_text(_rename(path.read_text(encoding="utf8"), n), encoding="utf8")


def _rename(text: str, n: int) -> str:
    text = _LABEL.sub(rf"\1-{TOPIC}{n}-", text)
    return _SOLUTIONS_LABEL.sub(rf"\1-{TOPIC}{n}", text)


if __name__ == "__main__":
    print(f"added {grow(Path(sys.argv[1]), int(sys.argv[2]))} chapter copies")
