"""The checking harness itself, on a small fixture book with one example per topic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sympy
from conftest import REPO
from mathcheck.errors import CheckError
from mathcheck.identity import check_identity
from mathcheck.latex import normalise, split_chains
from mathcheck.mutate import survivors
from mathcheck.parser import TreeCache, direct_parse, shape
from mathcheck.runner import Harness
from mathcheck.source import read_blocks

FIXTURE = Path(__file__).parent / "fixtures" / "mathcheck"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A writable copy of the fixture book, so tests can break its text."""
    root = tmp_path / "fixture"
    shutil.copytree(FIXTURE, root)
    return root


def harness(root: Path) -> Harness:
    return Harness.load(root, checks_dir=FIXTURE / "tests" / "checks")


def edit(root: Path, rel: str, old: str, new: str) -> int:
    path = root / rel
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return text[: text.index(old)].count("\n") + 1


def fixture_labels(prefix: str = "") -> list[str]:
    """The fixture book's checked blocks (the errata pairs have their own tests)."""
    h = harness(FIXTURE)
    return [label for label in h.runnable()
            if "erratum" not in label and "wrong" not in label and label.startswith(prefix)]


GOOD = fixture_labels()


@pytest.mark.parametrize("label", GOOD)
def test_fixture_examples_and_identities_pass(label: str) -> None:
    harness(FIXTURE).run(label)


# ---- one topic each: a matrix result, a gradient, a probability and an expectation ----


def test_matrix_result_wrong_entry_is_reported_with_both_values(book: Path) -> None:
    line = edit(book, "book/topics/la.md", "= \\begin{bmatrix}0.6 & -0.2", "= \\begin{bmatrix}0.6 & -0.3")
    with pytest.raises(CheckError) as failure:
        harness(book).run("ex-la-fixture-inverse")
    message = str(failure.value)
    assert f"book/topics/la.md:{line} ex-la-fixture-inverse: the text says" in message
    assert "-3/10" in message and "-1/5" in message


def test_determinant_message_names_file_line_label_text_and_sympy(book: Path) -> None:
    line = edit(book, "book/topics/la.md", "- 1\\cdot 1 = 5,", "- 1\\cdot 1 = 6,")
    with pytest.raises(CheckError) as failure:
        harness(book).run("ex-la-fixture-inverse")
    assert (f"book/topics/la.md:{line} ex-la-fixture-inverse: the text says \\det\\mathbf{{A}} = 6, "
            "sympy computes 5") in str(failure.value)


def test_intermediate_step_is_checked(book: Path) -> None:
    """The result is still right, but one link of the chain is not."""
    edit(book, "book/topics/la.md", "2\\cdot 3 - 1\\cdot 1 = 5", "2\\cdot 3 - 1\\cdot 2 = 5")
    with pytest.raises(CheckError, match=r"the text says .*1\\cdot 2 = 5"):
        harness(book).run("ex-la-fixture-inverse")


def test_changed_given_without_updated_results_fails(book: Path) -> None:
    edit(book, "book/topics/la.md", "\\mathbf{A} = \\begin{bmatrix}2 & 1", "\\mathbf{A} = \\begin{bmatrix}4 & 1")
    with pytest.raises(CheckError):
        harness(book).run("ex-la-fixture-inverse")


def test_gradient_wrong_partial_derivative_fails(book: Path) -> None:
    line = edit(book, "book/topics/calc.md", "\\frac{\\partial f}{\\partial x} = 2xy", "\\frac{\\partial f}{\\partial x} = 2x")
    with pytest.raises(CheckError) as failure:
        harness(book).run("ex-calc-fixture-gradient")
    assert f"book/topics/calc.md:{line} ex-calc-fixture-gradient" in str(failure.value)


def test_gradient_at_a_point_reads_the_point_from_the_text(book: Path) -> None:
    edit(book, "book/topics/calc.md", "\\begin{bmatrix}2\\pi\\\\ 0\\end{bmatrix}", "\\begin{bmatrix}2\\pi\\\\ 1\\end{bmatrix}")
    with pytest.raises(CheckError, match="sympy computes"):
        harness(book).run("ex-calc-fixture-gradient")


def test_probability_fraction_wrong(book: Path) -> None:
    edit(book, "book/topics/prob.md", "= \\frac{1}{4} = 0.25", "= \\frac{1}{4} = 0.26")
    with pytest.raises(CheckError, match="0.26"):
        harness(book).run("ex-prob-fixture-binomial")


def test_expectation_by_a_sum_wrong(book: Path) -> None:
    edit(book, "book/topics/prob.md", "= \\frac{21}{6} = \\frac{7}{2}", "= \\frac{21}{6} = \\frac{7}{3}")
    with pytest.raises(CheckError):
        harness(book).run("ex-prob-fixture-die")


def test_expectation_by_an_integral_wrong(book: Path) -> None:
    edit(book, "book/topics/prob.md", "= \\frac{2}{3} .", "= \\frac{3}{4} .")
    with pytest.raises(CheckError):
        harness(book).run("ex-prob-fixture-integral")


# ---- identities ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["exact", "numeric"])
def test_published_wrong_gradient_is_rejected(mode: str) -> None:
    """d||X - UV||_F^2 / dV = 2U^T(X - UV) is wrong: the sign is -2."""
    h = harness(FIXTURE)
    worked = h.worked("prop-la-fixture-wrong-gradient")
    with pytest.raises(CheckError, match="exactly" if mode == "exact" else "finite differences"):
        check_identity(worked, modes=(mode,))


@pytest.mark.parametrize("mode", ["exact", "numeric"])
def test_corrected_gradient_is_accepted(mode: str) -> None:
    worked = harness(FIXTURE).worked("prop-la-fixture-right-gradient")
    check_identity(worked, modes=(mode,))
    assert worked.compared >= 2


def test_quadratic_form_gradient_needs_the_transpose(book: Path) -> None:
    """(A + A^T)x is right for every A; 2Ax only for symmetric A."""
    edit(book, "book/topics/la.md", "= (\\mathbf{A} + \\mathbf{A}^\\top)\\mathbf{x} .", "= 2\\mathbf{A}\\mathbf{x} .")
    h = harness(book)
    with pytest.raises(CheckError):
        h.run("thm-la-fixture-quadratic")
    check_identity(h.worked("thm-la-fixture-quadratic"), symmetric=("A",))


def test_sigmoid_derivative_wrong_sign_is_rejected(book: Path) -> None:
    edit(book, "book/topics/calc.md", "\\sigma(z)\\,(1 - \\sigma(z))", "\\sigma(z)\\,(1 + \\sigma(z))")
    with pytest.raises(CheckError):
        harness(book).run("prop-calc-fixture-sigmoid")


# ---- reading the source ------------------------------------------------------------------


def test_directive_nested_in_a_list_is_found_with_its_line() -> None:
    blocks = {b.label: b for b in read_blocks(FIXTURE / "book/topics/la.md", rel=Path("la.md"))}
    nested = blocks["ex-la-fixture-product"]
    text = (FIXTURE / "book/topics/la.md").read_text().splitlines()
    assert "prf:example" in text[nested.line - 1]
    display = nested.displays[0]
    assert "\\mathbf{B}\\mathbf{x}" in text[display.line - 1]


def test_coverage_lists_unchecked_blocks_and_counts_markers(book: Path) -> None:
    h = harness(book)
    assert h.missing() == []
    assert h.summary()["marked conceptual"] == 1
    page = book / "book/topics/prob.md"
    page.write_text(page.read_text() + "\n:::{prf:example} New\n:label: ex-prob-fixture-new\n\n$1 + 1 = 2$\n:::\n")
    assert [b.label for b in harness(book).missing()] == ["ex-prob-fixture-new"]


def test_a_check_that_compares_nothing_fails(book: Path) -> None:
    h = harness(book)
    h.checks["ex-la-fixture-product"] = type(h.checks["ex-la-fixture-product"])(lambda ex: None, "ex-la-fixture-product")
    with pytest.raises(CheckError, match="compared nothing"):
        h.run("ex-la-fixture-product")


def test_a_sweep_with_a_baseline_refuses_a_block_whose_check_already_fails(book: Path) -> None:
    """Every mutant of a failing check 'is caught': the full sweep says so instead of counting them."""
    from mathcheck.mutate import sweep

    page = book / "book/topics/la.md"
    text = page.read_text()
    assert r"= \begin{bmatrix}3\\ 1\end{bmatrix}." in text
    page.write_text(text.replace(r"= \begin{bmatrix}3\\ 1\end{bmatrix}.", r"= \begin{bmatrix}4\\ 1\end{bmatrix}.", 1))
    swept = sweep(harness(book), ["ex-la-fixture-product"], limit=1, processes=1, baseline=True)
    ((path, _line, _before, reason),) = swept["ex-la-fixture-product"].alive
    assert path.endswith("la.md") and "fails on the text as written" in reason, reason
    untouched = sweep(harness(FIXTURE), ["ex-la-fixture-product"], limit=1, processes=1, baseline=True)
    assert not untouched["ex-la-fixture-product"].alive


@pytest.mark.slow
@pytest.mark.parametrize("label", fixture_labels("ex-"))
def test_no_mutant_of_a_fixture_example_survives(label: str) -> None:
    """One number changed anywhere in a given or a stated result makes the example fail."""
    total, alive = survivors(harness(FIXTURE), label)
    assert total >= 1 and not alive, [(m.line, m.before, m.after) for m in alive]


def test_fixture_covers_every_notation_family() -> None:
    labels = set(GOOD)
    for needed in ("ex-calc-fixture-orders", "ex-calc-fixture-jacobian", "ex-calc-fixture-integrals",
                   "ex-calc-fixture-taylor", "ex-prob-fixture-bayes", "ex-prob-fixture-continuous",
                   "ex-prob-fixture-gaussian", "ex-prob-fixture-information", "ex-prob-fixture-simulation"):
        assert needed in labels


# ---- units ---------------------------------------------------------------------------------


def test_chains_split_at_top_level_only() -> None:
    chains = split_chains(r"\max(3, 4) = 4, \qquad \det\begin{bmatrix}1 & 2\\ 3 & 4\end{bmatrix} = -2 .")
    assert [[str(link) for link in c.links] for c in chains] == [
        [r"\max(3, 4)", "4"], [r"\det\begin{bmatrix}1 & 2\\ 3 & 4\end{bmatrix}", "-2"]]


def test_aligned_rows_continue_a_chain() -> None:
    (chain,) = split_chains(r"\begin{aligned} a &= 1 + 1 \\ &= 2 \end{aligned}")
    assert [str(link) for link in chain.links] == ["a", "1 + 1", "2"]


@pytest.mark.parametrize("latex, links", [
    # An indented row that opens with an operator continues the expression above it.
    (r"\begin{aligned} &a + b \\ &\quad = c \\ &\qquad - d . \end{aligned}", [["a + b", "c - d"]]),
    # Unindented rows of a system are equations of their own, even when one opens with a minus.
    (r"\begin{aligned} x_1 + x_2 &= 3 \\ -x_1 + x_2 &= 1 \end{aligned}", [["x_1 + x_2", "3"], ["-x_1 + x_2", "1"]]),
])
def test_rows_that_continue_an_expression(latex: str, links: list[list[str]]) -> None:
    assert [[str(link) for link in c.links] for c in split_chains(latex)] == links


def test_decimals_carry_the_precision_they_are_written_with() -> None:
    norm = normalise(r"0.749 + 42.9^\circ")
    (first, tol_first), (second, tol_second) = norm.decimals.values()
    assert (str(first), str(tol_first)) == ("0.749", "0.0005")
    assert (str(second), str(tol_second)) == ("42.9", "0.05")


def test_rounded_result_is_accepted_to_its_digits_only(book: Path) -> None:
    h = harness(book)
    worked = h.worked("ex-prob-fixture-binomial")
    assert worked.measure("0.25").tolerance == sympy.Rational(5, 1000)
    edit(book, "book/topics/prob.md", "= 0.25 .", "= 0.250 .")
    harness(book).run("ex-prob-fixture-binomial")


@pytest.mark.parametrize("text", [
    r"\begin{bmatrix}3 & -12\\ 0 & 7\end{bmatrix}\begin{bmatrix}2\\ 5\end{bmatrix}",
    r"\frac{14}{5} + 0.25\cdot x_{2}^{3}",
    r"\frac{1}{\sqrt{2}}\begin{bmatrix}1 & \frac{a}{b}\\ -1 & 1\end{bmatrix} - \mathbf{A}^\top",
    r"\det(\mathbf{A} - \lambda\mathbf{I}) = (3 - \lambda)(1 - \lambda) - 8",
])
def test_trees_assembled_from_shapes_and_pieces_equal_direct_parses(tmp_path, text) -> None:
    """The cache parses a text's shape (digits as 1, letters as x) piece by piece (matrices
    and fractions on their own) and puts the characters back; the result equals a direct
    parse, also when the shapes' trees went through a pickle."""
    first = TreeCache(tmp_path)
    first.parse(text)
    first.save()
    second = TreeCache(tmp_path)  # reads the pickle written above
    assert second.parse(text) == direct_parse(text)
    assert second.parses == 0


def test_a_shape_keeps_commands_and_the_differential() -> None:
    assert shape(r"\frac{dy}{dx} + \mathbf{A}_{12}\sin\theta") == r"\frac{dx}{dx} + \mathbf{x}_{11}\sin\theta"


# ---- code listings --------------------------------------------------------------------------


def test_a_listing_prints_what_the_text_shows() -> None:
    from mathcheck.listings import listings_in, run

    page = FIXTURE / "book/topics/prob-notation.md"
    (listing,) = listings_in(page, Path("prob-notation.md"))
    assert run(listing) is None


def test_a_listing_whose_output_drifted_fails_with_file_and_line(book: Path) -> None:
    from mathcheck.listings import listings_in, run

    line = edit(book, "book/topics/prob-notation.md", "[9 6 6]", "[9 6 5]")
    (listing,) = listings_in(book / "book/topics/prob-notation.md", Path("book/topics/prob-notation.md"))
    problem = run(listing)
    assert problem and problem.startswith(f"book/topics/prob-notation.md:{line - 2}:") and "[9 6 6]" in problem


def test_a_listing_that_raises_fails(book: Path) -> None:
    from mathcheck.listings import listings_in, run

    edit(book, "book/topics/prob-notation.md", "np.array([3.0, 4.0])", "np.array([3.0, 4.0, 5.0])")
    (listing,) = listings_in(book / "book/topics/prob-notation.md", Path("book/topics/prob-notation.md"))
    assert "raises" in run(listing)


def test_a_simulation_receipt_rejects_a_wrong_last_digit(book: Path) -> None:
    edit(book, "book/topics/prob-notation.md", r"\hat{p} \approx 0.16", r"\hat{p} \approx 0.17")
    with pytest.raises(CheckError, match="standard error"):
        harness(book).run("ex-prob-fixture-simulation")


@pytest.mark.slow
def test_assembled_trees_read_as_direct_parses_across_the_book() -> None:
    """Shapes, pieces and terms give the tree one Earley run over the whole text gives, or,
    where an ambiguity sits at another node, a tree with the same value (an evenly spaced
    sample of 300 distinct links of the book, in a fixed order, so that the cost of this
    test does not grow with the book)."""
    from mathcheck.bench import link_texts
    from mathcheck.evaluate import BookTransformer, Env, finalize, same_value

    def value(tree):
        env = Env()
        try:
            return finalize(BookTransformer(env)._sub(tree), env)
        except Exception as exc:  # the same failure on both sides is agreement
            return type(exc)

    cache = TreeCache(None)
    differ = []
    texts = link_texts(REPO)
    for text in texts[::max(1, len(texts) // 300)]:
        try:
            expected = direct_parse(text)
        except Exception:
            continue
        tree = cache.parse(text)
        if tree != expected:
            a, b = value(tree), value(expected)
            if not (a == b if isinstance(a, type) or isinstance(b, type) else same_value(a, b, Env())):
                differ.append(text)
    assert not differ, differ[:5]


def test_the_mutation_sample_keeps_the_final_result_and_a_given() -> None:
    from mathcheck.mutate import Mutant, sample

    found = [Mutant(None, line, "1", "2", "", line >= 5) for line in range(1, 9)]  # 4 givens, 4 results
    picked = sample(found, 2)
    assert [m.line for m in picked] == [8, 4]
    assert sample(found, None) == found and sample(found[:2], 3) == found[:2]
    only_results = [m for m in found if m.result]
    assert [m.line for m in sample(only_results, 2)] == [6, 8]


def test_a_condition_in_unknowns_is_no_given_to_mutate(book: Path) -> None:
    """Mutants change the values the text binds to names and the stated results; a relation
    in unknowns ("write z = w_1 + 5w_2") binds nothing, so it is not a given."""
    from mathcheck.mutate import mutants
    from mathcheck.source import read_blocks
    from mathcheck.worked import Worked

    rel = Path("book/topics/condition.md")
    (book / rel).write_text(":::{prf:example} A given and a condition\n:label: ex-la-fixture-condition\n\n"
                            "Let $a = 3$ and write $z = w_1 + 5w_2$. Then\n\n$$\na + 4 = 7 .\n$$\n:::\n")
    (block,) = [b for b in read_blocks(book / rel, rel=rel) if b.label]
    changed = sorted(m.before for m in mutants(Worked(block, book)))
    assert changed == ["3", "7"]


def _chains(book: Path, body: str) -> tuple[list[str], dict[str, str]]:
    """Verify the chains of a one-paragraph example: (failures, status of each link's text)."""
    from mathcheck.source import read_blocks
    from mathcheck.worked import Worked

    rel = Path("book/topics/steps.md")
    (book / rel).write_text(f":::{{prf:example}} Steps\n:label: ex-calc-fixture-steps\n\n{body}\n:::\n")
    (block,) = [b for b in read_blocks(book / rel, rel=rel) if b.label]
    worked = Worked(block, book)
    failures = worked.verify_chains()
    return failures, {s.text: s.status for s in worked.coverage.links.values()}


@pytest.mark.parametrize("body, fails, link, status", [
    # An identity in an unknown kept inside its declared interval: the logs split only there.
    (r"Let $\theta \in (0, 1)$. Then $\log\frac{3/4}{\theta} + \log\frac{1}{1 - \theta} = "
     r"\log\frac{3}{4} - \log\theta - \log(1 - \theta)$.", False, r"\log\frac{3}{4} - \log\theta - \log(1 - \theta)",
     "compared"),
    (r"Let $\theta \in (0, 1)$. Then $\log\frac{3/4}{\theta} = \log 3 - \log\theta = \log\frac{3}{\theta}$.",
     True, None, None),
    # A wrong step in unknowns is not excused by a condition stated only after it (on a later
    # line: "= x for x > 0" on the same line is a condition of the step) ...
    (r"Then $\frac{\partial}{\partial y}\frac{y}{x^2 + y^2} = \frac{x^2 - y^2}{(x^2 + y^2)^2} = "
     "\\frac{x^2 - y^2}{(x^2 + y^2)^3}$,\nand on the circle $x^2 + y^2 = 1$ it is simpler.", True, None, None),
    # ... but one stated before it may be what the step rests on.
    (r"On the circle $x^2 + y^2 = 1$, $\frac{\partial}{\partial y}\frac{y}{x^2 + y^2} = "
     r"\frac{x^2 - y^2}{(x^2 + y^2)^2} = \frac{x^2 - y^2}{(x^2 + y^2)^3}$.", False,
     r"\frac{x^2 - y^2}{(x^2 + y^2)^3}", "condition"),
])
def test_steps_in_unknowns_use_supports_and_only_earlier_conditions(book: Path, body, fails, link, status) -> None:
    failures, statuses = _chains(book, body)
    assert bool(failures) == fails, failures
    if link is not None:
        assert statuses.get(link) == status, statuses
