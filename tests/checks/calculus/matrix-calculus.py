"""Checks for book/calculus/matrix-calculus.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient

# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_mc_rules(ex):
    ex.identity()


@check
def prop_calc_mc_grad_linear(ex):
    ex.identity()


@check
def prop_calc_mc_grad_quadratic(ex):
    ex.identity()


@check
def prop_calc_mc_grad_least_squares(ex):
    ex.identity()


@check
def prop_calc_mc_grad_trace(ex):
    ex.identity()


@check
def prop_calc_mc_det(ex):
    ex.identity()


@check
def prop_calc_mc_logdet(ex):
    ex.identity()


@check
def prop_calc_mc_inverse(ex):
    ex.identity()


@check
def prop_calc_mc_vec_kron(ex):
    ex.identity()


@check
def cor_calc_mc_inverse_vec(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_mc_quadratic(ex):
    f, A, b, a = ex.given("f"), ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{b}"), ex.given(r"\mathbf{a}")
    ex.states(r"\mathbf{A} + \mathbf{A}^\top", A + A.T)
    ex.states(r"2\mathbf{A}\mathbf{a} + \mathbf{b}", 2 * A * a + b)
    ex.result(at(gradient(f.expr, f.variables), f.variables, list(a)))


@check
def ex_calc_mc_logdet(ex):
    X = ex.given(r"\mathbf{X}")
    ex.states(r"\det\mathbf{X}", X.det())
    ex.states(r"\mathbf{X}^{-1}", X.inv())
    entries = sympy.Matrix(2, 2, sympy.symbols("x0:4"))
    logdet = sympy.log(entries.det())
    grad = entries.applyfunc(lambda e: sympy.diff(logdet, e)).subs(dict(zip(entries, X)))
    ex.result(grad)


@check
def ex_calc_mc_symmetric(ex):
    f, S = ex.given("f"), ex.given(r"\mathbf{S}")
    a, b, c = f.variables
    point = {a: S[0, 0], b: S[0, 1], c: S[1, 1]}
    partials = [sympy.diff(f.expr, v).subs(point) for v in (a, b, c)]
    ex.states(r"\frac{\partial f}{\partial a}(2, 1, 1)", partials[0])
    ex.states(r"\frac{\partial f}{\partial c}(2, 1, 1)", partials[2])
    ex.require(partials[1] == S.inv()[0, 1] + S.inv()[1, 0],
               "the derivative by b is the sum of the off-diagonal gradient entries")
    ex.results(partials[1], S.inv().T)


@check
def ex_calc_mc_ridge(ex):
    X, y, lam, u = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{y}"), ex.given(r"\lambda"), ex.given(r"\mathbf{u}")
    G = X.T * X
    ex.states(r"\mathbf{X}^\top\mathbf{X}", G)
    ex.states(r"\mathbf{X}^\top\mathbf{y}", X.T * y)
    ex.states(r"(\mathbf{X}^\top\mathbf{X})^{-1}\mathbf{X}^\top\mathbf{y}", G.solve(X.T * y))
    ex.require(G * u == X.T * y, "u solves the normal equations")
    ex.states(r"\nabla f(\mathbf{u})", 2 * X.T * (X * u - y) + 2 * lam * u)
    ridge = (G + lam * sympy.eye(G.rows)).solve(X.T * y)
    ex.states(r"(\mathbf{X}^\top\mathbf{X} + \lambda\mathbf{I}_2)^{-1}\mathbf{X}^\top\mathbf{y}", ridge)
    ex.result(ridge)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_mc_linear_square(ex):
    g, c, a = ex.given("g"), ex.given(r"\mathbf{c}"), ex.given(r"\mathbf{a}")
    M = c * c.T
    ex.states(r"\mathbf{c}^\top\mathbf{a}", (c.T * a)[0])
    ex.states(r"\nabla g(\mathbf{a})", at(gradient(g.expr, g.variables), g.variables, list(a)))
    ex.states(r"\mathbf{M}", M)
    ex.result(2 * M * a)


@check
def sol_calc_mc_frobenius(ex):
    C, X = ex.given(r"\mathbf{C}"), ex.given(r"\mathbf{X}")
    entries = sympy.Matrix(X.rows, X.cols, lambda i, j: sympy.Symbol(f"x_{i}{j}"))
    value = (entries.T * C * entries).trace()
    grad = entries.applyfunc(lambda e: sympy.diff(value, e)).subs(dict(zip(entries, X)))
    ex.states(r"\mathbf{C} + \mathbf{C}^\top", C + C.T)
    ex.result(grad)


@check
def sol_calc_mc_inverse_form(ex):
    X, a, b = ex.given(r"\mathbf{X}"), ex.given(r"\mathbf{a}"), ex.given(r"\mathbf{b}")
    entries = sympy.Matrix(X.rows, X.cols, lambda i, j: sympy.Symbol(f"x_{i}{j}"))
    value = (a.T * entries.inv() * b)[0]
    grad = entries.applyfunc(lambda e: sympy.diff(value, e)).subs(dict(zip(entries, X)))
    ex.states(r"\det\mathbf{X}", X.det())
    ex.states(r"\mathbf{X}^{-1}", X.inv())
    ex.states(r"(\mathbf{X}^{-1})^\top\mathbf{a}", X.inv().T * a)
    ex.result(sympy.simplify(grad))


@check
def sol_calc_mc_kron(ex):
    A, B, Z = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{B}"), ex.given(r"\mathbf{Z}")
    product = A * Z * B
    vec = lambda M: M.T.reshape(len(M), 1)  # noqa: E731  (stack the columns)
    kron = sympy.kronecker_product(B.T, A)
    ex.states(r"\mathbf{A}\mathbf{Z}", A * Z)
    ex.states(r"\mathbf{A}\mathbf{Z}\mathbf{B}", product)
    ex.states(r"\mathbf{B}^\top\otimes\mathbf{A}", kron)
    ex.require(kron * vec(Z) == vec(product), "the Kronecker form reproduces vec(AZB)")
    ex.result(kron * vec(Z))
