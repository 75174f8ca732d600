"""Checks for book/calculus/jacobian.md and its solutions."""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import at, gradient, jacobian

# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_jac_affine(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_jac_linearisation(ex):
    f, a = ex.given(r"\mathbf{f}"), ex.given(r"\mathbf{a}")
    ((_, x),) = f.params
    xs = list(x)
    J = at(jacobian(f.expr, xs), xs, list(a))
    ex.states(r"J_{\mathbf{f}}(\mathbf{a})", J)
    ex.result(J.det())


@check
def ex_calc_jac_sigmoid_layer(ex):
    s, W = ex.given(r"\mathbf{s}"), ex.given(r"\mathbf{W}")
    xs = list(s.variables)
    layer = (W * sympy.Matrix(xs)).applyfunc(lambda z: 1 / (1 + sympy.exp(-z)))
    ex.require(sympy.simplify(sympy.Matrix(s.expr) - layer) == sympy.zeros(len(xs), 1),
               "s should be the sigmoid of W x")
    J = jacobian(layer, xs)

    def jacobian_at(*point):
        for i, value in enumerate(W * sympy.Matrix(point)):  # the pre-activations the text states
            ex.states(f"z_{i + 1}", value)
        return sympy.simplify(at(J, xs, list(point)))

    ex.result_at(jacobian_at)


@check
def ex_calc_jac_chain(ex):
    f, g, h = ex.given(r"\mathbf{f}"), ex.given(r"\mathbf{g}"), ex.given(r"\mathbf{h}")
    xs, us = list(f.variables), list(g.variables)
    composed = sympy.Matrix(g.expr).subs(dict(zip(us, f.expr)), simultaneous=True)
    ex.require(sympy.simplify(composed - sympy.Matrix(h.expr)) == sympy.zeros(len(h.expr), 1),
               "h should be g after f")
    ex.result_at(lambda *point: at(jacobian(composed, xs), xs, list(point)))


@check
def ex_calc_jac_two_paths(ex):
    f, u, t = ex.given("f"), ex.given("u"), ex.given("t")
    a, b = f.variables
    (v,) = u.variables
    total = sympy.diff(f.expr.subs(b, u.expr.subs(v, a)), a).subs(a, t)
    ex.states(r"\frac{\partial f}{\partial t}(1, 4) + \frac{\partial f}{\partial s}(1, 4)\cdot u'(1)", total)
    ex.result(total)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_jac_polar(ex):
    p = ex.given(r"\mathbf{p}")
    xs = list(p.variables)
    J = jacobian(p.expr, xs)
    ex.result_at(lambda *point: at(J, xs, list(point)))


@check
def sol_calc_jac_layouts(ex):
    A, a = ex.given(r"\mathbf{A}"), ex.given(r"\mathbf{a}")
    xs = list(sympy.symbols(f"x_1:{A.cols + 1}"))
    z = A * sympy.Matrix(xs)
    f = (z.T * z)[0]
    grad = at(gradient(f, xs), xs, list(a))
    ex.states(r"J_{\mathbf{z}}(\mathbf{a})", at(jacobian(z, xs), xs, list(a)))
    ex.states(r"\frac{\partial f}{\partial\mathbf{x}}(\mathbf{a})", grad.T)
    ex.results(at(jacobian(z, xs), xs, list(a)).T, grad)


@check
def sol_calc_jac_scalar_chain(ex):
    g, f = ex.given("g"), ex.given(r"\mathbf{f}")
    xs, us = list(f.variables), list(g.variables)
    composed = g.expr.subs(dict(zip(us, f.expr)), simultaneous=True)
    ex.states(r"(J_{\mathbf{f}}(1, 2))^\top\nabla g(3, 2)", at(gradient(composed, xs), xs, [1, 2]))
    ex.result_at(lambda *point: at(gradient(composed, xs), xs, list(point)))


@check
def sol_calc_jac_tied_weight(ex):
    loss = ex.given(r"\ell")
    (w,) = loss.variables
    ex.states(r"2(\hat{x} - x)(h + wx)", sympy.diff(loss.expr, w).subs(w, ex.given("w")))
    ex.result_at(lambda point: sympy.diff(loss.expr, w).subs(w, point))


@check
def sol_calc_jac_inverse(ex):
    p, q = ex.given(r"\mathbf{p}"), ex.given(r"\mathbf{q}")
    ps, qs = list(p.variables), list(q.variables)
    Jp, Jq = jacobian(p.expr, ps), jacobian(q.expr, qs)
    ex.result_at(lambda *point: sympy.simplify(at(Jq, qs, list(point))))
    # q inverts p: the inverse of J_p at the preimage of the point equals J_q there.
    ex.require(all(sympy.simplify(e) == 0 for e in
                   (at(Jp, ps, list(q.expr)).inv() - Jq).subs({qs[0]: sympy.Symbol("x", positive=True)})),
               "J_q should be the inverse of J_p")
