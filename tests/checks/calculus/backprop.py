"""Checks for book/calculus/backprop.md and its solutions.

Every gradient the text obtains by a forward or backward pass is recomputed here
independently, by differentiating the whole function symbolically.
"""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient


def _softmax(z):
    e = z.applyfunc(sympy.exp)
    return e / sum(e)


def _relu(t):
    return sympy.Max(0, t)


# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_backprop_lse_gradient(ex):
    ex.identity()


@check
def prop_calc_backprop_softmax_jacobian(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_backprop_graph(ex):
    f = ex.given("f")
    x, y = f.variables
    point = (ex.given("x"), ex.given("y"))
    grad = at(gradient(f), f.variables, point)
    # Adjoints of the inputs are the partial derivatives of the whole function.
    ex.states(r"\bar{x}", grad[0])
    ex.states(r"\bar{y}", grad[1])
    # The adjoint of u = x + y: write f through u and differentiate by u.
    u = sympy.Symbol("u")
    through_u = f.expr.subs(x, u - y)
    ex.states(r"\bar{u}", at(sympy.diff(through_u, u), (u, y), (point[0] + point[1], point[1])))
    # Forward mode with the seed e_1 is the directional derivative along e_1.
    ex.states(r"\tilde{w}", grad[0])
    ex.result_at(lambda a, b: at(gradient(f), f.variables, (a, b)))


@check
def ex_calc_backprop_softmax_ce(ex):
    z, y = ex.given(r"\mathbf{z}"), ex.given(r"\mathbf{y}")
    p = _softmax(z)
    ex.require(ex.given("k") == len(z), "k should be the number of classes, one logit each")
    ex.states(r"\mathbf{p}", p)
    true = list(y).index(1)  # y is one-hot
    ex.states(f"p_{true + 1}", p[true])
    loss = -sum(yi * sympy.log(pi) for yi, pi in zip(y, p))
    ex.states(r"\ell(\mathbf{z})", loss)
    symbols = sympy.Matrix(sympy.symbols(f"z1:{len(z) + 1}"))
    ce = -sum(yi * sympy.log(pi) for yi, pi in zip(y, _softmax(symbols)))
    ex.result(at(gradient(ce, list(symbols)), list(symbols), list(z)))


@check
def ex_calc_backprop_two_layer(ex):
    W1, b1 = ex.given(r"\mathbf{W}_1"), ex.given(r"\mathbf{b}_1")
    w2, b2 = ex.given(r"\mathbf{w}_2"), ex.given("b_2")
    x, y = ex.given(r"\mathbf{x}"), ex.given("y")
    # The loss as a function of every parameter, differentiated directly (no backward pass).
    V1 = sympy.Matrix(*W1.shape, lambda i, j: sympy.Symbol(f"W{i}{j}"))
    c1 = sympy.Matrix(len(b1), 1, lambda i, j: sympy.Symbol(f"c{i}"))
    v2 = sympy.Matrix(len(w2), 1, lambda i, j: sympy.Symbol(f"v{i}"))
    c2 = sympy.Symbol("c")
    hidden = (V1 * x + c1).applyfunc(_relu)
    loss = (v2.T * hidden)[0] + c2 - y
    loss = loss**2 / 2
    values = {**dict(zip(V1, W1)), **dict(zip(c1, b1)), **dict(zip(v2, w2)), c2: b2}

    def grad(symbol):
        return sympy.diff(loss, symbol).subs(values)

    a = W1 * x + b1
    ex.states(r"\mathbf{a}", a)
    ex.states(r"\mathbf{h}", a.applyfunc(_relu))
    ex.states(r"\ell", loss.subs(values))
    G1 = V1.applyfunc(grad)
    g1 = c1.applyfunc(grad)
    g2 = v2.applyfunc(grad)
    ex.states(r"\bar{\mathbf{W}}_1", G1)
    ex.states(r"\bar{\mathbf{b}}_1", g1)
    ex.states(r"\bar{\mathbf{w}}_2", g2)
    ex.results(G1, g1, g2, grad(c2))


@check
def ex_calc_backprop_central_difference(ex):
    f, h, x0 = ex.given("f"), ex.given("h"), ex.given("x")
    (x,) = f.variables
    exact = sympy.diff(f.expr, x).subs(x, x0)
    forward = (f(x0 + h) - f(x0)) / h
    central = (f(x0 + h) - f(x0 - h)) / (2 * h)
    ex.states(r"\frac{f(1 + h) - f(1)}{h}", forward)
    ex.states(r"\frac{f(1 + h) - f(1 - h)}{2h}", central)
    # The central error is exactly h^2 for this f, and quarters when h halves.
    half = h / 2
    ex.require(central - exact == h**2, "the central error is not h^2")
    ex.require(((f(x0 + half) - f(x0 - half)) / (2 * half) - exact) * 2**2 == central - exact,
               "halving h does not quarter the central error")
    ex.result(abs(central - exact) / sympy.Max(central, exact))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_backprop_by_hand(ex):
    f = ex.given("f")
    point = (ex.given("x"), ex.given("y"), ex.given("s"))
    grad = at(gradient(f), f.variables, point)
    for name, value in zip((r"\bar{x}", r"\bar{y}", r"\bar{s}"), grad):
        ex.states(name, value)
    ex.result_at(lambda *args: at(gradient(f), f.variables, args))


@check
def sol_calc_backprop_logistic(ex):
    w, x, y = ex.given(r"\mathbf{w}"), ex.given(r"\mathbf{x}"), ex.given("y")
    symbols = sympy.symbols(f"w1:{len(w) + 1}")
    score = sum(s * xi for s, xi in zip(symbols, x))
    prob = 1 / (1 + sympy.exp(-score))
    loss = -y * sympy.log(prob) - (1 - y) * sympy.log(1 - prob)
    ex.result(sympy.simplify(at(gradient(loss, symbols), symbols, list(w))))


@check
def sol_calc_backprop_chain_cost(ex):
    n0, n1, n2, n3 = ex.given("n_0"), ex.given("n_1"), ex.given("n_2"), ex.given("n_3")
    forward = n2 * n1 * n0 + n3 * n2 * n0
    reverse = n3 * n2 * n1 + n3 * n1 * n0
    ex.states(r"n_2 n_1 n_0 + n_3 n_2 n_0", forward)
    ex.states(r"n_3 n_2 n_1 + n_3 n_1 n_0", reverse)
    ex.result(sympy.Rational(forward, reverse))


@check
def sol_calc_backprop_network(ex):
    W1, b1 = ex.given(r"\mathbf{W}_1"), ex.given(r"\mathbf{b}_1")
    w2, b2 = ex.given(r"\mathbf{w}_2"), ex.given("b_2")
    x0, t = ex.given(r"\mathbf{x}"), ex.given("t")
    xs = sympy.Matrix(len(x0), 1, lambda i, j: sympy.Symbol(f"x{i}"))
    V1 = sympy.Matrix(*W1.shape, lambda i, j: sympy.Symbol(f"W{i}{j}"))
    v2 = sympy.Matrix(len(w2), 1, lambda i, j: sympy.Symbol(f"v{i}"))
    c2 = sympy.Symbol("c")

    def loss(target):
        out = (v2.T * (V1 * xs + b1).applyfunc(_relu))[0] + c2
        return (out - target) ** 2 / 2

    values = {**dict(zip(V1, W1)), **dict(zip(v2, w2)), c2: b2, **dict(zip(xs, x0))}
    ex.states(r"\bar{\mathbf{x}}", xs.applyfunc(lambda s: sympy.diff(loss(ex.given("y")), s).subs(values)))
    new = loss(t)
    ex.results(V1.applyfunc(lambda s: sympy.diff(new, s).subs(values)),
               v2.applyfunc(lambda s: sympy.diff(new, s).subs(values)),
               sympy.diff(new, c2).subs(values),
               xs.applyfunc(lambda s: sympy.diff(new, s).subs(values)))


@check
def sol_calc_backprop_best_step(ex):
    central, forward = ex.given("E"), ex.given("E_f")
    h = sympy.Symbol("h", positive=True)
    # The models keep M and delta as symbols; put in the values the solution chooses.
    numbers = {sympy.Symbol("M"): ex.given("M"), sympy.Symbol("delta"): ex.given(r"\delta")}
    central = sympy.Lambda(central.variables, central.expr.subs(numbers))
    forward = sympy.Lambda(forward.variables, forward.expr.subs(numbers))

    def minimiser(error):
        (best,) = sympy.solve(sympy.diff(error(h), h), h)
        return best

    ex.states(r"E'(h)", sympy.diff(central.expr, central.variables[0]))
    best, best_forward = minimiser(central), minimiser(forward)
    ex.states(r"h^*", best)
    ex.states(r"E(h^*)", central(best))
    ex.results(best_forward, forward(best_forward))
