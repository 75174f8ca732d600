"""Checks for book/probability/random-variables.md and its solutions."""

import itertools
import random
import re

import sympy
from mathcheck import check
from mathcheck.latex import split_chains
from mathcheck.notation.probability import random_variable
from mathcheck.sandbox import worked
from sympy import stats

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_rv_linearity(ex):
    ex.identity()


# The table of common distributions: every row, every column, against sympy.stats.


def table_rows(body):
    """One row per distribution, as {header: cell}, merged across the tables in ``body``
    (one table gives the parameters, support and moments, the next the pmf or density)."""
    merged = {}
    for row in _table_rows(body):
        merged.setdefault(row["distribution"], {}).update(row)
    return list(merged.values())


def _table_rows(body):
    """Rows of the Markdown tables in ``body``, as {header: cell}, headers stripped of spaces."""
    lines = [line.strip() for line in body.split("\n")]
    rows, header = [], None
    for before, line in zip([""] + lines, lines):
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else None
        if cells is None:
            header = None
        elif set("".join(cells)) <= set("-: "):
            header = [c for c in before.strip("|").split("|")]
            header = [h.strip() for h in header]
        elif header is not None:
            rows.append(dict(zip(header, cells)))
    return rows


def same(a, b):
    """Exactly equal, once beta functions are written with gamma functions."""
    return sympy.simplify(sympy.sympify(a - b).rewrite(sympy.gamma)) == 0


def maths(cell):
    return re.findall(r"\$(.+?)\$", cell)


def column(row, marker):
    (key,) = [k for k in row if marker in k]
    (text,) = maths(row[key])
    return text


def instance(rng, names, parameters_text):
    """Random exact values of a row's parameters: probabilities in (0, 1) where the row says
    ``\\in [0, 1]`` or ``\\in (0, 1]``; else distinct whole numbers, increasing in order of appearance."""
    values, wholes = {}, sorted(rng.sample(range(1, 2 ** 2 ** 2), len(names)))
    for name, whole in zip(names, wholes):
        if re.search(rf"\\?{name}\s*\\in\s*[\[(]0,\s*1\]", parameters_text):
            k = rng.randint(1, 2 ** 2 ** 2)
            values[name] = sympy.Rational(k, k + rng.randint(1, 2 ** 2 ** 2))
        else:
            values[name] = sympy.Integer(whole)
    return values


def stated_support(ex, cell, values, extra=()):
    """The set the support cell names, with the row's parameters put in."""
    block = worked(r"x \in \{0, 1\}")
    for name, value in list(values.items()) + list(extra):
        block.env.values[name] = value
    (chain,) = split_chains(f"x \\in {cell}", 0, 1)
    block.supports.pop("x", None)
    block._bind_support(chain)
    if "x" not in block.supports:
        ex.fail(f"cannot read the support {cell}")
    return block.supports["x"]


def sample_points(support):
    """A few points of the support: its first values, or points inside the interval."""
    if isinstance(support, sympy.Interval):
        low, high = support.inf, support.sup
        if low.is_finite and high.is_finite:
            return [low + (high - low) / 2 ** 2, (low + high) / 2, high - (high - low) / 2 ** 2 ** 2]
        if low.is_finite:
            return [low + sympy.Rational(1, 2), low + 1, low + 2 ** 2]
        return [-2, sympy.Rational(-1, 2), 0, 1, 2 + sympy.Rational(1, 2)]
    return list(itertools.islice(iter(support), 2 ** 2 + 1))


def check_row(ex, row, rng):
    text = column(row, "distribution")
    parameters = row[next(k for k in row if "parameters" in k)]
    pmf_text, mean_text, var_text = column(row, "p(x)"), column(row, "E"), column(row, "Var")
    support_text = column(row, "support")
    x = sympy.Symbol("x")
    for _ in range(2):
        env = ex.env.copy()
        if "Categorical" in text:
            size = rng.randint(2, 2 ** 2 + 1)
            weights = [rng.randint(1, 2 ** 2 ** 2) for _ in range(size)]
            probabilities = sympy.Matrix([sympy.Rational(w, sum(weights)) for w in weights])
            env.values["K"], env.values[r"\mathbf{p}"] = sympy.Integer(size), probabilities
            X = stats.FiniteRV(sympy.Symbol("X", real=True), {k + 1: q for k, q in enumerate(probabilities)})
            values = {}
            support = stated_support(ex, support_text, {}, [("K", sympy.Integer(size))])
            mean = ex.measure(mean_text, env=env).value
            env.values["mu"] = mean
            entry = {sympy.Symbol(f"p_{{{k}}}"): probabilities[k - 1] for k in support}
            # p_x is the entry of p at x: the checker reads it as a plain symbol, so put the entry in here.
            pmf = lambda point: ex.measure(pmf_text, env=env).value.subs(
                sympy.Symbol("p_{x}"), sympy.Symbol(f"p_{{{point}}}")).subs(entry)
        else:
            distribution = ex.raw(text)
            names = sorted({s.name for p in distribution.params for s in p.free_symbols},
                           key=lambda n: text.index(n if n != "lambda" else "\\lambda"))
            values = instance(rng, names, parameters)
            params = tuple(p.subs({sympy.Symbol(n): v for n, v in values.items()}) for p in distribution.params)
            X = random_variable("X", type(distribution)(distribution.name, params))
            for name, value in values.items():
                env.values[name] = value
            support = stated_support(ex, support_text, values)
            mean = ex.measure(mean_text, env=env).value

            def pmf(point, env=env):
                env = env.copy()
                env.values["x"] = point
                return ex.measure(pmf_text, env=env).value
        where = f"{text} with {values or 'K = ' + str(len(X.pspace.domain.set))}"
        ex.require(same(stats.E(X), mean), f"{where}: the mean is {stats.E(X)}, not {mean}")
        variance = ex.measure(var_text, env=env).value
        ex.require(same(stats.variance(X), variance),
                   f"{where}: the variance is {stats.variance(X)}, not {variance}")
        discrete = not isinstance(support, sympy.Interval)
        if discrete:
            true_support = X.pspace.domain.set if hasattr(X.pspace, "domain") else None
            if isinstance(true_support, sympy.FiniteSet) or true_support is None:
                true_support = sympy.FiniteSet(*[k for k, q in stats.density(X).items() if q != 0])
                ex.require(sympy.FiniteSet(*support) == true_support,
                           f"{where}: the support is {true_support}, not {support}")
            else:
                ex.require(support.inf == true_support.inf and support.sup == true_support.sup
                           and support.is_subset(sympy.S.Integers),
                           f"{where}: the support is {true_support}, not {support}")
            for point in sample_points(support):
                ex.require(same(stats.P(sympy.Eq(X, point)), pmf(point)),
                           f"{where}: P(X = {point}) is {stats.P(sympy.Eq(X, point))}, not {pmf(point)}")
            if "Categorical" in text:
                total = sum(pmf(point) for point in support)
            else:
                total = sympy.summation(pmf(x), (x, support.inf, support.sup if support.sup.is_finite else sympy.oo))
        else:
            ex.require(support == X.pspace.set, f"{where}: the support is {X.pspace.set}, not {support}")
            for point in sample_points(support):
                ex.require(same(stats.density(X)(point), pmf(point)),
                           f"{where}: the density at {point} is {stats.density(X)(point)}, not {pmf(point)}")
            total = sympy.integrate(pmf(x), (x, support.inf, support.sup))
        ex.require(same(total, 1), f"{where}: the pmf or pdf adds up to {total}, not 1")


@check
def prop_prob_rv_common(ex):
    rows = table_rows(ex.block.body)
    ex.require(len(rows) == len({column(r, "distribution") for r in rows}) and rows, "no table rows found")
    ex.require(all(len(r) == len(rows[0]) for r in rows), "a distribution is missing from one of the tables")
    rng = random.Random(ex.block.label)
    for row in rows:
        check_row(ex, row, rng)


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_rv_three_tosses(ex):
    X = ex.given("X")
    ex.states(r"F_X(1)", stats.P(X <= 1))
    ex.states(r"\E[X^2]", stats.E(X**2))
    ex.results(stats.E(X), stats.variance(X))


@check
def ex_prob_rv_density(ex):
    X = ex.given("X")
    ex.states(r"\E[X^2]", stats.E(X**2))
    ex.states(r"\E[X]", stats.E(X))
    ex.states(r"P(X \le \frac{1}{2})", stats.cdf(X)(sympy.Rational(1, 2)))
    ex.result(stats.variance(X))


@check
def ex_prob_rv_requests(ex):
    N, T = ex.given("N"), ex.given("T")
    ex.states(r"P(N = 0)", stats.P(sympy.Eq(N, 0)))
    ex.states(r"P(N > 2)", stats.P(N > 2))
    ex.states(r"\E[T]", stats.E(T))
    ex.results(stats.P(N <= 2), stats.P(T > 1))


@check
def ex_prob_rv_batch_classes(ex):
    K, m = ex.given("K"), ex.given("m")
    batches = list(itertools.product(range(K), repeat=m))   # every batch, equally likely
    ex.result(sympy.Rational(sum(len(set(b)) for b in batches), len(batches)))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_rv_pmf_constant(ex):
    c, p = ex.given("c"), ex.given("p")
    support = ex.support("x")
    ex.require(sum(p(x) for x in support) == 1 and all(p(x) == c * x for x in support),
               "p(x) = cx should be a pmf on the support")
    X = ex.given("X")
    ex.states(r"\E[X^2]", stats.E(X**2))
    ex.states(r"\E[X]", stats.E(X))           # P(X >= 3) is compared link by link by the harness
    ex.states(r"\Var[X]", stats.variance(X))


@check
def sol_prob_rv_density_constant(ex):
    c, X = ex.given("c"), ex.given("X")
    x = sympy.Symbol("x")
    ex.require(sympy.integrate(c * (1 - x**2), (x, -1, 1)) == 1, "c should make the density integrate to 1")
    ex.states(r"\E[X^2]", stats.E(X**2))
    ex.states(r"P(X > \frac{1}{2})", stats.P(X > sympy.Rational(1, 2)))
    ex.states(r"\E[X]", stats.E(X))
    ex.states(r"\Var[X]", stats.variance(X))


@check
def sol_prob_rv_celsius(ex):
    C, a, b = ex.given("C"), ex.given("a"), ex.given("b")
    F = a * C + b
    ex.results(stats.E(F), stats.variance(F), sympy.sqrt(stats.variance(F)))


@check
def sol_prob_rv_geometric(ex):
    X = ex.given("X")
    # The harness evaluates P(X > 3) and P(X > 5 | X > 2) from X itself; the check adds
    # that the two agree (memorylessness) and the mean.
    later, fresh = ex.measure(r"P(X > 5 \mid X > 2)").value, ex.measure(r"P(X > 3)").value
    ex.require(later == fresh, f"memorylessness: {later} should equal {fresh}")
    ex.states(r"\E[X]", stats.E(X))
