"""Cross-references name the kind of object they point to.

A reference such as {prf:ref}`thm-la-spectral` prints "Theorem 1.78" by itself,
and {numref}`Section {number} <sec-la-svd>` prints the word it is given; a word
written before a reference, or inside it, must name the kind of its target, and
{ref} (which prints a title or a section number) points only to sections. A test
of this kind catches slips such as "(Exercise 1.7.7)", where the number printed
was a subsection's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO

ROLE = re.compile(r"\{(prf:ref|numref|ref|eq)\}`([^`]+)`")
KINDS = {
    "def": {"definition"}, "thm": {"theorem"}, "prop": {"proposition"}, "lem": {"lemma"},
    "cor": {"corollary"}, "ex": {"example"}, "exc": {"exercise"}, "sol": {"solution"},
    "fig": {"figure", "fig."}, "eq": {"equation", "eq."}, "sec": {"section", "chapter", "appendix", "part"},
}
KIND_WORDS = set().union(*KINDS.values()) | {w + "s" for w in set().union(*KINDS.values())}
SELF_NAMING = {"prf:ref"}  # prints "Theorem 1.78" itself


def references(path: Path):
    """(line, role, written text or '', target label, the word before, whether a parenthesis
    separates them) for every reference in a file."""
    for number, line in enumerate(path.read_text(encoding="utf8").splitlines(), start=1):
        for match in ROLE.finditer(line):
            role, body = match.groups()
            explicit = re.fullmatch(r"(.*?)\s*<([^>]+)>", body)
            text, target = (explicit.group(1), explicit.group(2)) if explicit else ("", body)
            before = re.search(r"([A-Za-z.]+)(\s*\(?\s*)$", line[:match.start()])
            word = before.group(1).lower() if before else ""
            yield number, role, text, target.strip(), word, bool(before) and "(" in before.group(2)


def problems(root: Path) -> list[str]:
    found = []
    for path in sorted((root / "book").rglob("*.md")):
        rel = path.relative_to(root)
        for line, role, text, target, before, parenthesised in references(path):
            kind = target.split("-", 1)[0]
            allowed = KINDS.get(kind, set())
            plural = {w + "s" for w in allowed}
            where = f"{rel}:{line}: {{{role}}}`{target}`"
            if role == "ref" and not text and kind != "sec":
                found.append(f"{where} prints a title or a section number, not the {kind} it names: "
                             "use {numref} or {prf:ref}")
            if text:
                word = text.split()[0].lower() if text.split() else ""
                if "{number}" in text and word not in allowed:
                    found.append(f"{where} is written as {text!r}, but it points to a {sorted(allowed)[0]}")
            if before in KIND_WORDS:
                if before not in allowed | plural:
                    found.append(f"{where} follows the word {before!r}, but it points to a {sorted(allowed)[0]}")
                elif role in SELF_NAMING and not parenthesised:
                    found.append(f"{where} follows the word {before!r}, which the reference prints itself")
    return found


def test_every_reference_names_the_kind_of_its_target() -> None:
    found = problems(REPO)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, complaint", [
    ("(Exercise {ref}`exc-la-norms`)", "prints a title"),
    ("see Theorem {numref}`fig-la-linear-combination`", "follows the word 'theorem'"),
    ("{numref}`Section {number} <exc-la-norms>`", "written as"),
    ("Theorem {prf:ref}`thm-la-cauchy-schwarz`", "prints itself"),
])
def test_slips_are_caught(tmp_path: Path, text: str, complaint: str) -> None:
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "page.md").write_text(text + "\n")
    found = problems(tmp_path)
    assert len(found) == 1 and complaint in found[0], found


def test_a_right_reference_passes(tmp_path: Path) -> None:
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "page.md").write_text(
        "{numref}`Section {number} <sec-la-svd>` and {prf:ref}`thm-la-spectral` and {numref}`exc-la-norms`\n")
    assert problems(tmp_path) == []
