"""Checks for book/calculus/constrained.md and its solutions."""

from itertools import combinations

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient

# ---- a small exact KKT solver ------------------------------------------------------------


def kkt_points(f, gs, hs, xs):
    """Every KKT point of: minimise f subject to g_i <= 0 and h_j = 0, in the variables xs.

    Each guess of the active set is solved exactly; a guess survives when its point is
    feasible, its multipliers are non-negative and nothing is left undetermined. Returns
    (point, lambdas, nus, value) tuples, with the book's sign convention L = f + sum l g + sum n h.
    """
    xs = list(xs)
    lams = sympy.symbols(f"lam0:{len(gs)}")
    nus = sympy.symbols(f"nu0:{len(hs)}")
    L = f + sum(lam * g for lam, g in zip(lams, gs)) + sum(n * h for n, h in zip(nus, hs))
    stationarity = list(gradient(L, xs))
    found = []
    for size in range(len(gs) + 1):
        for active in combinations(range(len(gs)), size):
            zero = {lams[i]: 0 for i in range(len(gs)) if i not in active}
            equations = [e.subs(zero) for e in stationarity] + [gs[i] for i in active] + list(hs)
            unknowns = xs + [lams[i] for i in active] + list(nus)
            for solution in sympy.solve(equations, unknowns, dict=True):
                if set(unknowns) - set(solution) or any(v.free_symbols & set(unknowns) for v in solution.values()):
                    continue
                if any(v.is_real is False for v in solution.values()):
                    continue
                point = [solution[x] for x in xs]
                lam = [solution.get(m, zero.get(m)) for m in lams]
                if any(value < 0 for value in lam):
                    continue
                if any(at(g, xs, point) > 0 for g in gs):
                    continue
                found.append((sympy.Matrix(point), sympy.Matrix(lam), sympy.Matrix([solution[n] for n in nus]),
                              at(f, xs, point)))
    return found


def solve_convex(ex, f, gs, hs, xs):
    """The KKT point of a convex problem (the solution, by the sufficiency of KKT)."""
    points = kkt_points(f, gs, hs, xs)
    if not points:
        ex.fail("no point satisfies the KKT conditions")
    return min(points, key=lambda p: p[-1])


def unique(ex, solutions, what):
    if len(solutions) != 1:
        ex.fail(f"{what} is not unique: {solutions}")
    return solutions[0]


# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_qp_dual(ex):
    # The second display states the dual function; the third, the Lagrangian as a square plus it.
    split = next(m.latex for m in ex.block.displays if r"\mathbf{P}\big(" in m.latex)
    ex.identity(chain=split, positive=("P",))


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_lagrange_ellipse(ex):
    f, h = ex.given("f"), ex.given("h")
    xs = list(f.variables)
    point, _, nu, value = solve_convex(ex, f.expr, [], [h(*xs)], xs)
    ex.states(r"\nabla f(2, 1)", at(gradient(f.expr, xs), xs, point))
    ex.results(value, nu[0])


@check
def ex_calc_kkt_two_constraints(ex):
    f, g1, g2 = ex.given("f"), ex.given("g_1"), ex.given("g_2")
    xs = list(f.variables)
    point, lam, _, value = solve_convex(ex, f.expr, [g1.expr, g2.expr], [], xs)
    ex.states(r"\nabla f(\mathbf{x}^\star)", at(gradient(f.expr, xs), xs, point))
    ex.states(r"g_1(\mathbf{x}^\star)", at(g1.expr, xs, point))
    ex.states(r"g_2(\mathbf{x}^\star)", at(g2.expr, xs, point))
    ex.results(point, lam, value)


@check
def ex_calc_dual_qp(ex):
    f, g = ex.given("f"), ex.given("g")
    xs = list(f.variables)
    lam = sympy.Symbol("lambda")
    L = f.expr + lam * g.expr
    inner = unique(ex, sympy.solve(list(gradient(L, xs)), xs, dict=True), "the minimiser of the Lagrangian")
    q = sympy.expand(L.subs(inner))
    ex.states(r"\argmin_{\mathbf{x}} \mathcal{L}(\mathbf{x}, \lambda)", sympy.Matrix([inner[x] for x in xs]))
    ex.states(r"q(\lambda)", q)
    best = unique(ex, sympy.solve(sympy.diff(q, lam), lam), "the dual's maximiser")
    ex.states(r"\lambda^\star", best)
    ex.states(r"d^\star", q.subs(lam, best))
    point, multiplier, _, value = solve_convex(ex, f.expr, [g.expr], [], xs)
    ex.require(multiplier[0] == best, "the primal multiplier differs from the dual solution")
    ex.states(r"\mathbf{x}^\star", point)
    ex.result(value)


def _hard_margin_svm(ex):
    """Solve the hard-margin SVM on the block's points x_1, x_2, ... with labels y, and
    compare alpha, w*, b* and the last point's margin; return (alpha, w*, primal value)."""
    data = [ex.given(rf"\mathbf{{x}}_{i}") for i in range(1, len(ex.given(r"\mathbf{y}")) + 1)]
    y = ex.given(r"\mathbf{y}")
    w1, w2, b = sympy.symbols("w1 w2 b")
    w = sympy.Matrix([w1, w2])
    primal = (w.T * w)[0] / 2
    gs = [1 - y[i] * ((w.T * x)[0] + b) for i, x in enumerate(data)]
    point, alpha, _, value = solve_convex(ex, primal, gs, [], [w1, w2, b])
    ex.states(r"\boldsymbol{\alpha}", alpha)
    ex.states(r"\mathbf{w}^\star", point[:2, :])
    ex.states(r"b^\star", point[2])
    ex.states("a", alpha[0])
    ex.states(r"y_3(\mathbf{w}^{\star\top}\mathbf{x}_3 + b^\star)", y[-1] * ((point[:2, :].T * data[-1])[0] + point[2]))
    return alpha, point[:2, :], value


@check
def ex_calc_dual_svm(ex):
    alpha, _, value = _hard_margin_svm(ex)
    ex.results(sum(alpha) - value, value)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_lagrange_line(ex):
    f, h = ex.given("f"), ex.given("h")
    xs = list(f.variables)
    point, _, nu, value = solve_convex(ex, f.expr, [], [h(*xs)], xs)
    ex.states(r"\nu^\star", nu[0])
    ex.states(r"f(2, 1)", value)
    (u,) = ex.given(r"p^\star").variables
    _, _, _, shifted = solve_convex(ex, f.expr, [], [h(*xs) - u], xs)
    ex.states(r"p^\star(u)", sympy.simplify(shifted))
    ex.result(sympy.diff(shifted, u).subs(u, 0))


@check
def sol_calc_kkt_signs(ex):
    f, g1, g2 = ex.given("f"), ex.given("g_1"), ex.given("g_2")
    (x,) = f.variables
    point, lam, _, value = solve_convex(ex, f.expr, [g1(x), g2(x)], [], [x])
    ex.states(r"\boldsymbol{\lambda}^\star", lam)
    ex.states(r"x^\star", point[0])
    ex.states(r"g_2(x^\star)", at(g2.expr, [x], point[0]))
    wrong = sympy.solve(sympy.diff(f.expr, x) - sympy.Symbol("m"), sympy.Symbol("m"))[0].subs(x, point[0])
    ex.results(value, wrong)


@check
def sol_calc_constrained_eigen(ex):
    A = ex.given(r"\mathbf{A}")
    values = A.eigenvals()
    for name in (r"\mathbf{u}", r"\mathbf{v}"):
        vector = ex.given(name)
        image = A * vector
        ratio = (vector.T * image)[0]
        ex.require(sympy.simplify((vector.T * vector)[0]) == 1, f"{name} is not a unit vector")
        ex.require(sympy.simplify(image - ratio * vector) == sympy.zeros(*vector.shape),
                   f"{name} is not an eigenvector")
        ex.states(name + r"^\top\mathbf{A}" + name, ratio)
    ex.results(max(values), min(values))


@check
def sol_calc_slater_fails(ex):
    f, g = ex.given("f"), ex.given("g")
    (x,) = f.variables
    lam = sympy.Symbol("lambda")
    L = f.expr + lam * g(x)
    inner = unique(ex, sympy.solve(sympy.diff(L, x), x), "the minimiser of the Lagrangian")
    q = sympy.simplify(L.subs(x, inner))
    ex.identities()
    ex.states(r"q(\lambda)", q)
    feasible = unique(ex, sympy.solve(g(x), x), "the feasible point")
    ex.states(r"p^\star", f(feasible))
    ex.result(sympy.limit(q, lam, sympy.oo))


@check
def sol_calc_svm_three_points(ex):
    alpha, w, value = _hard_margin_svm(ex)
    ex.states(r"\frac{1}{\lVert\mathbf{w}^\star\rVert_2}", 1 / w.norm())
    ex.results(sum(alpha) - value, value)
