"""The bench's 4x book: copies of chapter 1 whose labels resolve inside the copy."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from bookbuild.project import Project
from bookbuild.scalebook import chapters, grow
from bookbuild.sourcecheck import check_sources
from conftest import REPO

LABEL = re.compile(r"^\((?P<label>[^)]+)\)=\s*$|^:label: (?P<option>\S+)", re.M)


def _labels(folder: Path) -> list[str]:
    return [m["label"] or m["option"] for path in sorted(folder.rglob("*.md"))
            for m in LABEL.finditer(path.read_text(encoding="utf8"))]


def test_the_grown_book_has_four_chapters_and_no_label_twice(tmp_path: Path) -> None:
    root = tmp_path / "book4"
    root.mkdir()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "book", root / "book")
    before = len(chapters(yaml.safe_load((root / "_toc.yml").read_text())))
    added = grow(root, 4)
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    assert len(chapters(toc)) == 4 and added == 4 - before
    original, copy = _labels(REPO / "book" / "linear-algebra"), _labels(root / "book" / "linear-algebra-2")
    assert len(copy) == len(original) > 100
    assert not set(copy) & set(original), "a copied label kept its name"
    appendix = next(p for p in toc["parts"] if p["chapters"][0]["file"] == "book/back/solutions")
    copied = next(s for s in appendix["chapters"][0]["sections"]
                  if s["file"] == "book/back/solutions-linear-algebra-2")
    assert [s["file"] for s in copied["sections"]][0] == "book/back/solutions/linear-algebra-2/vectors"
    problems = check_sources(Project.at(root))
    assert not problems, "\n".join(p.format() for p in problems)
