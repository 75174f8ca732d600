"""Every worked example and solution in the book, checked by SymPy against the text.

Each check runs as ``test_check[<label>]``. A failure names the file, the line,
the label, what the text says and what SymPy computes.
"""

from __future__ import annotations

import ast
import re

import pytest
from conftest import REPO, book_harness
from mathcheck.listings import book_listings

HARNESS = book_harness()
LABEL = re.compile(r"^(def|thm|prop|lem|cor|ex|exc|sol|fig|eq|sec)-(la|calc|prob|ml|front|back)-[a-z0-9]+(-[a-z0-9]+)*$")
KIND_PREFIX = {"example": "ex", "solution": "sol", "theorem": "thm", "proposition": "prop",
               "lemma": "lem", "corollary": "cor", "definition": "def", "exercise": "exc"}


@pytest.fixture(scope="session")
def outcomes(request) -> dict[str, str | None]:
    """Run every selected check once, in parallel over the machine's cores."""
    labels = [item.callspec.params["label"] for item in request.session.items
              if getattr(item, "originalname", "") == "test_check"]
    return HARNESS.run_many(labels)


@pytest.mark.parametrize("label", HARNESS.runnable())
def test_check(label: str, outcomes) -> None:
    if outcomes[label]:
        pytest.fail(outcomes[label], pytrace=False)


def test_every_example_and_solution_is_checked_or_marked() -> None:
    missing = HARNESS.missing()
    lines = [f"{b.where} {b.label}: no check; add `def {b.label.replace('-', '_')}(ex)` under "
             "tests/checks/, or mark it `:class: conceptual` (or `proof`) if nothing can be computed"
             for b in missing]
    assert not missing, "unchecked:\n" + "\n".join(lines)


def test_every_check_belongs_to_a_block() -> None:
    assert not HARNESS.orphans(), f"checks whose label is not in the book: {HARNESS.orphans()}"


def test_labels_follow_the_house_style() -> None:
    bad = []
    for block in HARNESS.blocks:
        prefix = KIND_PREFIX.get(block.kind)
        if not block.label:
            bad.append(f"{block.where}: {block.directive} without a :label:")
        elif not LABEL.match(block.label) or (prefix and not block.label.startswith(prefix + "-")):
            bad.append(f"{block.where}: label {block.label!r} should read {prefix or '<kind>'}-<topic>-<name>")
    assert not bad, "\n".join(bad)


def test_solutions_are_named_after_their_exercises() -> None:
    bad = [f"{b.where}: solution {b.label} of {b.argument} should be labelled "
           f"{b.argument.replace('exc-', 'sol-', 1)}"
           for b in HARNESS.blocks if b.kind == "solution" and b.label != b.argument.replace("exc-", "sol-", 1)]
    assert not bad, "\n".join(bad)


def test_checks_never_type_a_given_or_a_result() -> None:
    """Numbers in a check would repeat the text; only 0, 1 and 2 (as in norms) are allowed."""
    bad = []
    for path in sorted((REPO / "tests" / "checks").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
                    and not isinstance(node.value, bool) and node.value not in (0, 1, 2):
                bad.append(f"{path.relative_to(REPO)}:{node.lineno}: the literal {node.value!r}; "
                           "read it from the text with ex.given(...) instead")
    assert not bad, "\n".join(bad)


def test_linear_algebra_chapter_meets_its_floors() -> None:
    """The pilot chapter's promised minimums: examples, exercises, their grades, figures."""
    chapter = [b for b in HARNESS.blocks if str(b.path).startswith("book/linear-algebra/")]
    examples = [b for b in chapter if b.kind == "example"]
    exercises = [b for b in chapter if b.kind == "exercise"]
    harder = [b for b in exercises if {"standard", "challenging"} & set(b.classes)]
    proofs = [b for b in HARNESS.blocks if b.kind == "solution" and "proof" in b.classes
              and b.argument in {e.label for e in exercises}]
    figures = list((REPO / "scripts" / "figures" / "linear-algebra").glob("*.py"))
    assert len(examples) >= 25, len(examples)
    assert len(exercises) >= 40, len(exercises)
    assert 3 * len(harder) >= len(exercises), (len(harder), len(exercises))
    assert proofs, "some exercises should be proofs"
    assert len(figures) >= 10, len(figures)


@pytest.mark.slow
@pytest.mark.parametrize("label", [label for label in HARNESS.runnable()
                                   if HARNESS.by_label[label].kind in ("example", "solution")])
def test_every_number_in_results_and_givens_is_guarded(label: str) -> None:
    """Mutation test: changing any number in a stated result or a given makes the check fail."""
    from mathcheck.mutate import survivors

    total, alive = survivors(HARNESS, label)
    assert not alive, "\n".join(
        f"{m.block.path}:{m.line} {label}: changing {m.before} to {m.after} still passes" for m in alive)


LISTINGS = book_listings(REPO)


@pytest.mark.parametrize("listing", LISTINGS, ids=[x.where for x in LISTINGS])
def test_code_listing_prints_what_the_text_shows(listing) -> None:
    from mathcheck.listings import run

    problem = run(listing)
    if problem:
        pytest.fail(problem, pytrace=False)
