"""Checks for book/calculus/hessian.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient, hessian

# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_hess_quadratic(ex):
    ex.identity()


@check
def prop_calc_hess_quadratic_exact(ex):
    ex.identity(symmetric=("A",))


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_hess_compute(ex):
    f = ex.given("f")
    x, y = f.variables
    ex.states(r"\frac{\partial f}{\partial x}", sympy.diff(f.expr, x))
    ex.states(r"\frac{\partial f}{\partial y}", sympy.diff(f.expr, y))
    ex.states(r"\frac{\partial^2 f}{\partial x^2}", sympy.diff(f.expr, x, 2))
    ex.states(r"\frac{\partial}{\partial x}\Big(\frac{\partial f}{\partial y}\Big)", sympy.diff(f.expr, y, x))
    H = hessian(f)
    ex.result_at(lambda a, b: at(H, f.variables, [a, b]))


@check
def ex_calc_hess_taylor(ex):
    f, q = ex.given("f"), ex.given("q")
    x, y = f.variables
    origin = [0, 0]
    g, H = at(gradient(f), f.variables, origin), at(hessian(f), f.variables, origin)
    ex.states(r"\nabla f(0, 0)", g)
    ex.states(r"\nabla^2 f(0, 0)", H)
    step = sympy.Matrix([x, y])
    model = f.expr.subs({x: 0, y: 0}) + (g.T * step)[0] + (step.T * H * step)[0] / 2
    ex.require(sympy.expand(model - q.expr.subs(dict(zip(q.variables, (x, y))))) == 0,
               "q is the second-order Taylor polynomial of f at the origin")
    ex.result_at(lambda a, b: f(a, b) - q(a, b))


@check
def ex_calc_hess_classify(ex):
    f, A, B = ex.given("f"), ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{B}")
    x, y = f.variables
    g = gradient(f)
    points = sympy.solve(list(g), [x, y], dict=True)
    real = [p for p in points if all(v.is_real for v in p.values())]
    ex.require(len(real) == 2, "the gradient vanishes at exactly two real points")
    H = hessian(f)
    for point, matrix in zip(sorted(real, key=lambda p: p[x]), (A, B)):
        ex.require(H.subs(point) == matrix, "the stated Hessian at each stationary point")
    ex.states(r"\lambda_{\min}(\mathbf{A})", min(A.eigenvals()))
    ex.states(r"\lambda_{\max}(\mathbf{A})", max(A.eigenvals()))
    # The eigenvector lines through the saddle: f(t, t) falls on both sides of the stated t,
    # f(t, -t) rises, and (t, t) is the stationary point whose Hessian is A.
    t, t0 = sympy.Symbol("t"), ex.given("t")
    along, across = f.expr.subs({x: t, y: t}, simultaneous=True), f.expr.subs({x: t, y: -t}, simultaneous=True)
    ex.require(H.subs({x: t0, y: t0}) == A and all(v.subs({x: t0, y: t0}) == 0 for v in g),
               "the stated t puts (t, t) at the saddle point")
    ex.require(sympy.diff(along, t, 2).subs(t, t0) < 0 < sympy.diff(across, t, 2).subs(t, t0),
               "f(t, t) falls and f(t, -t) rises on both sides of the stated t")
    best = max(real, key=lambda p: p[x])
    ex.results(min(B.eigenvals()), f.expr.subs(best))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_hess_three_vars(ex):
    f = ex.given("f")
    H = hessian(f)
    ex.require(H == H.T, "the Hessian is symmetric")
    ex.states(r"\frac{\partial f}{\partial y}", sympy.diff(f.expr, f.variables[1]))
    ex.result_at(lambda *point: at(H, f.variables, list(point)))


def _stationary(f):
    points = sympy.solve(list(gradient(f)), list(f.variables), dict=True)
    return [p for p in points if all(v.is_real for v in p.values())]


@check
def sol_calc_hess_double_well(ex):
    f = ex.given("f")
    H = hessian(f)
    points = _stationary(f)
    kinds = {}
    for p in points:
        eigen = list(H.subs(p).eigenvals())
        kinds[tuple(p[v] for v in f.variables)] = "min" if min(eigen) > 0 else "saddle" if max(eigen) > 0 else "?"
    ex.require(sorted(kinds.values()) == ["min", "min", "saddle"], "two minima and one saddle")
    values = {f.expr.subs(p) for p in points if kinds[tuple(p[v] for v in f.variables)] == "min"}
    ex.require(len(values) == 1, "both minima have the same value")
    ex.result_at(lambda a, b: f(a, b))


@check
def sol_calc_hess_logistic(ex):
    ell, m, features = ex.given(r"\ell"), ex.given("m"), ex.given(r"\mathbf{x}")
    w1, w2 = ell.variables
    margin = (features.T * sympy.Matrix([w1, w2]))[0]
    ex.require(sympy.simplify(ell.expr - sympy.log(1 + sympy.exp(-margin))) == 0,
               "x should be the feature vector of the loss, whose margin is x^T w")
    origin = {w1: 0, w2: 0}
    g = gradient(ell).subs(origin)
    H = sympy.simplify(hessian(ell).subs(origin))
    ex.states(r"\nabla\ell(0, 0)", g)
    ex.states(r"\nabla^2\ell(0, 0)", H)
    step = sympy.Matrix([w1, w2])
    model = ell.expr.subs(origin) + (g.T * step)[0] + (step.T * H * step)[0] / 2
    ex.require(sympy.simplify(model - m(w1, w2)) == 0, "m is the quadratic model of the loss at the origin")
    eigen = sorted(H.eigenvals(), reverse=True)
    ex.results(*eigen)
