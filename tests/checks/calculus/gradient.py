"""Checks for book/calculus/gradient.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient, gradient_descent

# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_grad_squared_error(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_grad_linear_approx(ex):
    f = ex.given("f")
    x, y = f.variables
    ex.states(r"\frac{\partial f}{\partial x}", sympy.diff(f.expr, x))
    ex.states(r"\frac{\partial f}{\partial y}", sympy.diff(f.expr, y))
    ex.states(r"\nabla f(2, 1)", at(gradient(f), f.variables, [2, 1]))
    ex.result_at(lambda a, b: f(a, b))


@check
def ex_calc_grad_steepest(ex):
    f, a, u = ex.given("f"), ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{u}")
    g = at(gradient(f), f.variables, list(a))
    ex.require(sympy.simplify(u.norm() - 1) == 0, "u should be a unit vector")
    ex.states(r"\lVert\nabla f(3, 2)\rVert_2", g.norm())
    ex.states(r"(\nabla f(3, 2))^\top\mathbf{u}", (g.T * u)[0])
    ex.result(g / g.norm())


@check
def ex_calc_grad_not_differentiable(ex):
    f = ex.given("f")
    t = sympy.Symbol("t")
    ex.states("f(t, t)", sympy.simplify(f(t, t)))
    ex.result(sympy.limit(f(t, t), t, 0))


@check
def ex_calc_grad_squared_error(ex):
    X, y, w = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}"), ex.given(r"\mathbf{w}")
    ws = sympy.symbols(f"w_1:{X.cols + 1}")
    residual = X * sympy.Matrix(ws) - y
    loss = (residual.T * residual)[0]
    ex.states(r"\mathbf{X}\mathbf{w} - \mathbf{y}", X * w - y)
    ex.states(r"\lVert\mathbf{X}\mathbf{w} - \mathbf{y}\rVert_2^2", at(loss, ws, list(w)))
    ex.result(at(gradient(loss, ws), ws, list(w)))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_grad_three_variables(ex):
    g = ex.given("g")
    x, y, z = g.variables
    ex.states(r"\frac{\partial g}{\partial y}", sympy.diff(g.expr, y))
    ex.states(r"\frac{\partial g}{\partial z}", sympy.diff(g.expr, z))
    ex.result_at(lambda *point: at(gradient(g), g.variables, list(point)))


@check
def sol_calc_grad_directional(ex):
    h, u = ex.given("h"), ex.given(r"\mathbf{u}")
    g = at(gradient(h), h.variables, [1, 1])
    ex.states(r"\nabla h(1, 1)", g)
    ex.states(r"(\nabla h(1, 1))^\top\mathbf{u}", (g.T * u)[0])
    ex.result(g.norm())


@check
def sol_calc_grad_distance(ex):
    rho = ex.given(r"\rho")
    ex.result_at(lambda a, b: rho(a, b))


@check
def sol_calc_grad_ellipse(ex):
    q, r, t, v = ex.given("q"), ex.given(r"\mathbf{r}"), ex.given("t"), ex.given(r"\mathbf{v}")
    (s,) = r.variables
    curve = sympy.Matrix(r.expr)
    point = curve.subs(s, t)
    velocity = curve.diff(s).subs(s, t)
    ex.require(sympy.simplify(q(*curve) - q(*point)) == 0, "the curve should stay on the level set")
    ex.require(velocity == v, "v should be the velocity of the curve at t")
    grad = at(gradient(q), q.variables, list(point))
    ex.states(r"\nabla q(2, 1)", grad)
    ex.result(sympy.simplify((grad.T * velocity)[0]))


@check
def sol_calc_grad_descent_step(ex):
    X, y = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}")
    w0, alpha = ex.given(r"\mathbf{w}_0"), ex.given(r"\alpha")
    ws = list(sympy.symbols(f"w_1:{X.cols + 1}"))
    residual = X * sympy.Matrix(ws) - y
    cost = (residual.T * residual)[0] / 2
    start, w1 = gradient_descent(cost, list(w0), alpha, 1, variables=ws)
    ex.states(r"\frac{1}{2}\lVert\mathbf{X}\mathbf{w}_0 - \mathbf{y}\rVert_2^2", at(cost, ws, list(start)))
    ex.states(r"\nabla J(\mathbf{w}_0)", at(gradient(cost, ws), ws, list(start)))
    ex.states(r"\mathbf{w}_1", sympy.Matrix(w1))
    ex.states(r"\mathbf{X}\mathbf{w}_1 - \mathbf{y}", X * sympy.Matrix(w1) - y)
    ex.result(at(cost, ws, list(w1)))
