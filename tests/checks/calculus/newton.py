"""Checks for book/calculus/newton.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib import indexed, states_indexed
from mathcheck.lib.calculus import at, gradient, hessian, jacobian, newton


def scalar(f):
    """A function of a vector, f(x) = ..., as a Lambda of its coordinates (one SymPy value each)."""
    return f if isinstance(f, sympy.Lambda) else sympy.Lambda(tuple(f.variables), f.expr)


def derivative(f, order, point):
    (x,) = f.variables
    return sympy.diff(f.expr, x, order).subs(x, point)


def limit_ratio(f, point):
    """The limit f'''(x*) / (2 f''(x*)) of Newton's error ratios e_{k+1} / e_k^2."""
    (x,) = f.variables
    second = sympy.diff(f.expr, x, 2)
    return sympy.diff(second, x).subs(x, point) / (2 * second.subs(x, point))


def logistic_loss(X, y, w):
    scores = X * w
    return -sum(t * sympy.log(sympy.exp(s) / (1 + sympy.exp(s))) + (1 - t) * sympy.log(1 / (1 + sympy.exp(s)))
                for s, t in zip(scores, y))


# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_newton_model(ex):
    ex.identity(symmetric=("H",))


@check
def prop_calc_newton_least_squares(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_newton_ratios(ex):
    f, x0, xstar = ex.given("f"), ex.given("x_0"), ex.given(r"x^\star")
    ex.require(derivative(f, 1, xstar) == 0 and derivative(f, 2, xstar) > 0, "x* is not a strict minimiser")
    stated = indexed(ex, "x")
    x = newton(ex, f, x0, len(stated))
    states_indexed(ex, "x", x[1:])
    errors = [sympy.simplify(v - xstar) for v in x]
    states_indexed(ex, "e", errors[1:])
    ex.states("e_0", errors[0])
    ratios = [b / a**2 for a, b in zip(errors, errors[1:])]
    limit = limit_ratio(f, xstar)
    gaps = [abs(sympy.N(r - limit)) for r in ratios]
    ex.require(all(b < a for a, b in zip(gaps[1:], gaps[2:])) and gaps[-1] < gaps[0] / len(gaps) ** 2,
               "Newton's error ratios do not approach f'''/(2f'')")
    ex.results(*ratios, limit)


@check
def ex_calc_newton_least_squares(ex):
    X, y, w0 = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}"), ex.given(r"\mathbf{w}_0")
    f = scalar(ex.given("f"))
    ex.states(r"\mathbf{X}^\top\mathbf{y}", X.T * y)
    ex.states(r"\mathbf{X}^\top\mathbf{X}", X.T * X)
    w = newton(ex, f, w0, 2)
    ex.states(r"\mathbf{w}_1", w[1])
    ex.require(w[2] == w[1] == (X.T * X).solve(X.T * y), "one step does not reach the least-squares solution")
    ex.result(at(gradient(f), f.variables, w[1]))


@check
def ex_calc_newton_logistic(ex):
    X, y, w0 = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}"), ex.given(r"\mathbf{w}_0")
    w = sympy.Matrix(sympy.symbols(f"w_1:{X.cols + 1}"))
    loss = logistic_loss(X, y, w)
    point = dict(zip(w, w0))
    g = gradient(loss, list(w)).subs(point)
    H = sympy.simplify(hessian(loss, list(w)).subs(point))
    ex.states(r"\mathbf{g}", g)
    ex.states(r"\mathbf{H}", H)
    (step,) = newton(ex, loss, w0, 1, variables=list(w))[1:]
    ex.results(H.inv(), step)
    # The further iterates in floating point (15 digits are plenty): exact ones grow nested exponentials.
    grad, hess = gradient(loss, list(w)), hessian(loss, list(w))
    point, k = sympy.Matrix(step).evalf(), 1
    ex.require(ex.stated(r"\lVert\mathbf{g}_1\rVert_2"), "the text should state the gradient norms of later iterates")
    while ex.stated(rf"\lVert\mathbf{{g}}_{k}\rVert_2"):
        at_point = dict(zip(w, point))
        g_k = grad.subs(at_point).evalf()
        ex.states(rf"\lVert\mathbf{{g}}_{k}\rVert_2", g_k.norm())
        point, k = point - hess.subs(at_point).evalf().inv() * g_k, k + 1


@check
def ex_calc_newton_damped(ex):
    f = ex.given("f")
    (x,) = f.variables
    z0, x0 = ex.given("z_0"), ex.given("x_0")
    z = newton(ex, f, z0, len(indexed(ex, "z")))
    states_indexed(ex, "z", z[1:])
    ex.require(abs(z[-1]) > abs(z[0]) > 1, "pure Newton does not run away")
    # Damped Newton: halve the step length until the value decreases.
    step = sympy.simplify(-sympy.diff(f.expr, x) / sympy.diff(f.expr, x, 2))
    points, lengths = [x0], []
    for _ in indexed(ex, "x"):
        here, t = points[-1], sympy.Integer(1)
        p = step.subs(x, here)
        while not f(here + t * p) < f(here):
            t /= 2
        points.append(sympy.nsimplify(here + t * p))
        lengths.append(t)
    ex.states("s_0", step.subs(x, x0))
    ex.states("t_0", lengths[0])
    ex.require(all(t == 1 for t in lengths[1:]), "the later steps are not full Newton steps")
    ex.results(lengths[0], *points[1:])


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_newton_cube_root(ex):
    f, x0, xstar = ex.given("f"), ex.given("x_0"), ex.given(r"x^\star")
    ex.require(derivative(f, 1, xstar) == 0, "x* is not stationary")
    x = newton(ex, f, x0, len(indexed(ex, "x")))
    ex.states("x_1", x[1])
    ex.states("x_2", x[2])
    ex.result(limit_ratio(f, xstar))


@check
def sol_calc_newton_log(ex):
    f, x0, xstar = ex.given("f"), ex.given("x_0"), ex.given(r"x^\star")
    x = newton(ex, f, x0, len(indexed(ex, "x")))
    errors = [v - xstar for v in x]
    ex.require(all(b == -a**2 for a, b in zip(errors, errors[1:])), "the errors do not obey e_{k+1} = -e_k^2")
    ex.results(*x[1:], limit_ratio(f, xstar))


@check
def sol_calc_newton_gauss_newton(ex):
    r, w0 = ex.given(r"\mathbf{r}"), ex.given(r"\mathbf{w}_0")
    variables = list(r.variables)
    J = jacobian(list(r.expr), variables)
    J0 = J.subs(dict(zip(variables, w0)))
    r0 = r.expr.subs(dict(zip(variables, w0)))
    ex.states(r"\mathbf{r}_0", r0)
    ex.states(r"\mathbf{J}", J0)
    w1 = w0 - (J0.T * J0).solve(J0.T * r0)
    ex.states(r"\mathbf{w}_1", w1)
    r1 = r.expr.subs(dict(zip(variables, w1)))
    ex.states(r"\mathbf{r}_1", r1)
    loss = [sum(v**2 for v in res) / 2 for res in (r0, r1)]
    ex.require(loss[1] < loss[0], "the Gauss-Newton step does not decrease the loss")
    ex.results(*loss)


@check
def sol_calc_newton_separable(ex):
    loss, w0 = ex.given(r"\ell"), ex.given("w_0")
    (w,) = loss.variables
    iterates = newton(ex, loss, w0, len(indexed(ex, "w")))
    ridge = loss.expr + w**2 / 2
    ex.states(r"w^\star", sympy.nsolve(sympy.diff(ridge, w), w, 0))
    ex.results(*iterates[1:])
