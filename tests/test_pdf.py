"""The printed book: fonts, outline, references, paper sizes, editions, index and numbering."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import book_harness
from pypdf import PdfReader

pytestmark = pytest.mark.slow

EDITIONS = {
    "math-for-ml.pdf": ("A4", False), "math-for-ml-letter.pdf": ("Letter", False),
    "math-for-ml-exercises.pdf": ("A4", True), "math-for-ml-exercises-letter.pdf": ("Letter", True),
}
SIZES = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


@pytest.fixture(scope="module")
def pdfs(built_site: Path) -> dict[str, Path]:
    folder = built_site / "_build" / "pdf"
    return {name: folder / name for name in EDITIONS}


def _text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    return subprocess.run(args + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_every_font_is_embedded(pdfs) -> None:
    for name, pdf in pdfs.items():
        table = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = table.splitlines()[2:]
        assert rows, f"{name}: no fonts listed"
        # Columns: name type encoding emb sub uni ...; "emb" is the fourth field from the right end group.
        not_embedded = [r for r in rows if r.split()[-5] != "yes"]
        assert not not_embedded, f"{name}: fonts not embedded:\n" + "\n".join(not_embedded)


def test_outline_has_parts_chapters_and_sections(pdfs) -> None:
    reader = PdfReader(pdfs["math-for-ml.pdf"])

    def titles(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from titles(item, depth + 1)
            else:
                yield depth, item.title

    outline = list(titles(reader.outline))
    names = [t for _, t in outline]
    assert any("Linear algebra" in t for t in names)
    assert any("Introduction" in t for t in names)
    assert any("Vectors" in t for t in names)
    assert any("Solutions" in t for t in names)
    assert any(t.strip().endswith("Index") for t in names)
    assert max(depth for depth, _ in outline) >= 2, "sections should nest under chapters under parts"


def test_no_unresolved_reference(pdfs) -> None:
    for name, pdf in pdfs.items():
        assert "??" not in _text(pdf), f"{name} has an unresolved reference (??)"


def test_references_to_exercises_print_the_exercise_number(pdfs) -> None:
    """Exercises are numbered within the chapter (Exercise 2.17); a three-part number is a subsection's."""
    text = re.sub(r"\s+", " ", _text(pdfs["math-for-ml.pdf"]))
    wrong = sorted(set(re.findall(r"Exercises? \d+\.\d+\.\d+", text)))
    assert not wrong, f"references print a subsection's number: {wrong}"
    assert re.search(r"\(Exercise \d+\.\d+\)", text), "the book cites exercises by their numbers somewhere"


def test_page_size_matches_the_paper_option(pdfs) -> None:
    for name, pdf in pdfs.items():
        width, height = SIZES[EDITIONS[name][0]]
        for page in PdfReader(pdf).pages:
            box = page.mediabox
            assert abs(float(box.width) - width) < 1 and abs(float(box.height) - height) < 1, name


def test_exercise_edition_has_exercises_but_no_solutions(pdfs) -> None:
    harness = book_harness()
    solutions = [b for b in harness.blocks if b.kind == "solution"]
    exercises_only = _text(pdfs["math-for-ml-exercises.pdf"])
    full = _text(pdfs["math-for-ml.pdf"])
    assert "Exercise 1.1" in exercises_only
    for text in ("Solution to Exercise", "Solutions to the exercises"):
        assert text in full and text not in exercises_only
    assert "Solution on page" not in re.sub(r"\s+", " ", exercises_only)
    for block in solutions:
        sentence = next((line.strip() for line in block.body.splitlines()
                         if len(line.strip()) > 40 and "$" not in line and not line.startswith(":")), None)
        if sentence:
            words = " ".join(sentence.split()[:6])
            assert words not in re.sub(r"\s+", " ", exercises_only), f"{block.label} text in the exercise edition"
    assert len(PdfReader(pdfs["math-for-ml-exercises.pdf"]).pages) < len(PdfReader(pdfs["math-for-ml.pdf"]).pages)


def test_index_is_present_with_page_numbers(pdfs) -> None:
    reader = PdfReader(pdfs["math-for-ml.pdf"])
    last_pages = "\n".join(_text(pdfs["math-for-ml.pdf"], len(reader.pages) - 3, len(reader.pages)).splitlines())
    assert "Index" in last_pages
    assert re.search(r"dot product,?\s+\d+", last_pages), "the index lists 'dot product' with its page"


def test_version_stamp_on_every_page_and_roman_front_matter(pdfs) -> None:
    pdf = pdfs["math-for-ml.pdf"]
    reader = PdfReader(pdf)
    for number in range(1, len(reader.pages) + 1):
        assert "version" in _text(pdf, number, number), f"page {number} has no version stamp"
    labels = reader.page_labels
    assert labels[0] in ("i", "1") and "ii" in labels and "1" in labels
    assert labels.index("1") > labels.index("ii"), "front matter is numbered in roman numerals"


def test_exercises_link_to_solutions_and_back(pdfs) -> None:
    full = re.sub(r"\s+", " ", _text(pdfs["math-for-ml.pdf"]))
    assert re.search(r"Solution on page \d+", full)
    reader = PdfReader(pdfs["math-for-ml.pdf"])
    internal = sum(1 for page in reader.pages for annot in (page.get("/Annots") or [])
                   if annot.get_object().get("/A", {}).get("/S") == "/GoTo" or "/Dest" in annot.get_object())
    assert internal > 20, "internal links are missing"


EXERCISE_TO_PAGE = re.compile(
    r"Exercise (\d+\.\d+)\s+(?:routine|standard|challenging)\b"
    r"(?:(?!Exercise \d+\.\d+\s+(?:routine|standard|challenging)).)*?Solution on page (\w+)", re.S)


def test_solution_page_numbers_point_at_the_solution(pdfs) -> None:
    """Each exercise's "Solution on page N" is the page where that solution starts, with its body."""
    pdf = pdfs["math-for-ml.pdf"]
    labels = PdfReader(pdf).page_labels
    text = _text(pdf)
    pages = text.split("\f")
    claims = EXERCISE_TO_PAGE.findall(text)
    exercises = set(re.findall(r"^\s*Exercise (\d+\.\d+)\s+(?:routine|standard|challenging)\s*$", text, re.M))
    assert {number for number, _ in claims} == exercises, "an exercise has no 'Solution on page N'"
    wrong = []
    for number, label in claims:
        page = pages[labels.index(label)]
        heading = f"Solution to Exercise {number}."
        if heading not in page:
            wrong.append(f"Exercise {number}: page {label} does not hold its solution")
        elif not [line for line in page.split(heading, 1)[1].splitlines()
                  if line.strip() and "version" not in line]:
            wrong.append(f"Exercise {number}: page {label} holds only the solution's heading")
    assert not wrong, "\n".join(wrong)


def test_no_solution_link_or_box_title_is_cut_off_at_a_page_break(pdfs) -> None:
    """No page starts with an exercise's "Solution on page N" line, apart from its box, and
    no page ends with a box's title line alone (reader reviews found both); in all four editions."""
    # A box's title: "Theorem 2.7 (Name)." or "Example 3.2." (text may follow on the line), or
    # "Exercise 2.40  standard"; not a sentence that starts with a reference ("Example 3.2 does").
    title = re.compile(r"^((Example|Theorem|Proposition|Definition|Lemma|Corollary) \d+\.\d+ ?[(.]"
                       r"|Exercise \d+\.\d+\s+(routine|standard|challenging)$)")
    bad = []
    for name, pdf in sorted(pdfs.items()):
        bad += _cut_off(name, _text(pdf), title)
    assert not bad, "\n".join(bad)


def _cut_off(name: str, text: str, title: re.Pattern) -> list[str]:
    bad = []
    for n, page in enumerate(text.split("\f"), 1):
        body = [line.strip() for line in page.splitlines()
                if line.strip() and "version" not in line and not re.fullmatch(r"[\divxlc]+", line.strip())]
        if len(body) < 3:
            continue
        if body[1].startswith("Solution on page"):       # body[0] is the running head
            bad.append(f"{name}, page {n} starts with {body[1]!r}")
        if title.match(body[-1]):
            bad.append(f"{name}, page {n} ends with the title {body[-1]!r}")
    return bad


class _Numbers(HTMLParser):
    """Caption numbers of definitions, theorems, examples and exercises in an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.numbers: list[str] = []
        self._grab = False

    def handle_starttag(self, tag, attrs):
        if "caption-number" in (dict(attrs).get("class") or ""):
            self._grab = True

    def handle_data(self, data):
        if self._grab:
            self.numbers.append(" ".join(data.split()))
            self._grab = False


def test_numbers_match_between_html_and_pdf(built_site: Path, pdfs) -> None:
    html_dir = built_site / "_build" / "site" / "book" / "linear-algebra"
    numbers = []
    for page in sorted(html_dir.glob("*.html")):
        parser = _Numbers()
        parser.feed(page.read_text())
        numbers += [n for n in parser.numbers if re.fullmatch(r"(Definition|Theorem|Example|Proposition|"
                                                              r"Lemma|Corollary|Exercise) \d+\.\d+", n)]
    assert len(numbers) >= 10
    pdf_text = re.sub(r"\s+", " ", _text(pdfs["math-for-ml.pdf"]))
    missing = [n for n in numbers if n not in pdf_text]
    assert not missing, f"numbered in the HTML but not in the PDF: {missing}"


def test_no_overfull_box_wider_than_2pt(built_site: Path) -> None:
    log = (built_site / "_build" / ".work" / "latex-a4-full" / "out" / "math-for-ml.log").read_text(errors="replace")
    wide = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log) if float(w) > 2]
    assert not wide, f"{len(wide)} overfull boxes wider than 2 pt: {wide}"


def test_figures_are_vector_graphics(pdfs) -> None:
    listing = subprocess.run(["pdfimages", "-list", str(pdfs["math-for-ml.pdf"])],
                             capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    # The only raster allowed is the low-rank approximation of an image, which is an image by nature.
    rasters = [row for row in listing if row.split()[2] == "image"]
    assert len(rasters) <= 4, f"raster images in the PDF: {rasters}"


def test_referenced_equations_have_the_same_number_in_html_and_pdf(built_site: Path, pdfs) -> None:
    numbers = set()
    for page in (built_site / "_build" / "site" / "book").rglob("*.html"):
        numbers |= set(re.findall(r'class="eqno">\((\d+\.\d+)\)', page.read_text()))
    assert numbers, "no numbered equation in the HTML"
    text = _text(pdfs["math-for-ml.pdf"])
    for number in sorted(numbers):
        assert f"({number})" in text, f"equation ({number}) is not numbered in the PDF"


def test_unicode_in_running_text_prints(pdfs) -> None:
    text = re.sub(r"\s+", " ", _text(pdfs["math-for-ml.pdf"]))
    assert "a 3 × 2 matrix" in text and "x → Ax" in text and "eigenvalue λ" in text


def test_the_site_offers_all_four_pdfs(built_site: Path) -> None:
    """``build site`` makes every edition on both papers, and its landing page offers each."""
    site = built_site / "_build" / "site"
    html = (site / "book" / "index.html").read_text()
    downloads = sorted(Path(d).name for d in re.findall(r'href="\.\./(downloads/[^"]+\.pdf)"', html))
    assert downloads == sorted(EDITIONS)
    for name in downloads:
        assert (site / "downloads" / name).read_bytes()[:5] == b"%PDF-"
