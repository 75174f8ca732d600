"""One chapter's proof PDF (scripts/build pdf --chapter): the book's pages, numbers and page
references, other chapters named without links, and errors at the Markdown line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import run_build

pytestmark = pytest.mark.slow

SECTION = "book/topic/section.md"


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")


def _opening(pages: list[str], number: int) -> int:
    """Index of the page that opens chapter ``number``."""
    return next(i for i, page in enumerate(pages) if re.search(rf"^\s*CHAPTER {number}\s*$", page, re.M))


def _printed_number(page: str) -> int | None:
    """The page number: in the foot beside the version stamp on a chapter's first page,
    else at the outer end of the running head."""
    lines = [line.strip() for line in page.strip().splitlines() if line.strip()]
    if not lines:
        return None
    foot = re.match(r"^(\d+)\s+The Math|The Math.*\s(\d+)$", lines[-1])
    head = None if re.match(r"(CHAPTER|PART|APPENDIX)\b", lines[0]) else re.match(r"^(\d+)\s|.*\s(\d+)$", lines[0])
    match = foot or head
    return int(match.group(1) or match.group(2)) if match else None


def test_a_chapters_proof_has_the_books_pages_and_names_what_lies_outside(clean_build) -> None:
    root, first = clean_build
    assert first.returncode == 0, first.stderr
    result = run_build(root, "pdf", "--chapter", "calculus")
    assert result.returncode == 0, result.stderr
    book = _pages(root / "_build" / "pdf" / "math-for-ml.pdf")
    proof = _pages(root / "_build" / "proof" / "math-for-ml-calculus.pdf")
    start, own = _opening(book, 2), _opening(proof, 2)
    end = next(i for i in range(start, len(book)) if re.search(r"^\s*PART [IVX]+\s*$", book[i], re.M))

    # Every page of the chapter is the book's page: same text, same breaks, same numbers
    # (theorems, equations, figures, sections), same page number. Only the solutions'
    # pages differ, for the appendix holds only this chapter's solutions.
    def same(page: str) -> str:
        return re.sub(r"Solution on page \d+", "Solution on page N", page)

    differing = [start + k for k in range(end - start) if same(book[start + k]) != same(proof[own + k])]
    assert not differing, f"pages of the book that the proof prints differently: {differing[:10]}"
    assert _printed_number(proof[own]) == _printed_number(book[start])

    # The solutions come after the chapter, with the appendix's numbering (A.2 for chapter 2).
    solutions = "\f".join(proof[own + end - start:])
    assert re.search(r"^\s*A\.2\s+Multivariate calculus", solutions, re.M), "no section A.2 of solutions"
    assert not re.search(r"^\s*A\.[13]\s", solutions, re.M), "solutions of another chapter"

    # References to other chapters lost their link and are listed with the page of the proof
    # they are on (in the chapter, the book's page, as shown above); each is printed there.
    listing = proof[-1] if "References to other chapters" in proof[-1] else "\f".join(proof[-3:])
    entries = re.findall(r"p\. (\d+) (.+?)\s+—\s+(.+)", listing)
    assert len(entries) > 10, listing
    numbers = {_printed_number(page): re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", page))
               for page in proof}
    for page, reference, where in entries:
        assert reference.strip() in numbers[int(page)], (page, reference)
        assert not re.search(r"\b(calc|Multivariate)\b", where), f"{reference} is inside the chapter: {where}"
    assert any(ref.startswith("Theorem 1.") for _, ref, _ in entries)


def test_an_unknown_chapter_is_refused(minibook: Path) -> None:
    result = run_build(minibook, "pdf", "--chapter", "no-such-chapter")
    assert result.returncode != 0
    assert "book/no-such-chapter" in result.stderr


def test_a_bad_formula_in_the_chapter_is_named_and_the_last_proof_kept(minibook: Path) -> None:
    good = run_build(minibook, "pdf", "--chapter", "topic")
    assert good.returncode == 0, good.stderr
    pdf = minibook / "_build" / "proof" / "math-for-ml-topic.pdf"
    before = pdf.read_bytes()
    path = minibook / SECTION
    text = path.read_text()
    line = text[: text.index("1 + 2 = 3")].count("\n") + 1
    path.write_text(text.replace("1 + 2 = 3", r"1 + 2 = \frac{3}", 1))
    result = run_build(minibook, "pdf", "--chapter", "topic")
    assert result.returncode != 0
    assert f"{SECTION}:{line}: error:" in result.stderr, result.stderr
    assert pdf.read_bytes() == before, "the last good proof was replaced"
