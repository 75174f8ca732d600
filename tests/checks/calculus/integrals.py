"""Checks for book/calculus/integrals.md and its solutions.

Integrals are recomputed by SymPy from the integrands the text gives; changes of
variables are checked by computing the Jacobian determinant of the stated map.
"""

import sympy
from mathcheck import check
from mathcheck.lib.calculus import jacobian
from sympy import stats

x, y, r, t = sympy.symbols("x y r t", real=True)
theta = sympy.Symbol("theta", real=True)


def _polar_area(integrand_of_r, radius):
    """The integral over a disc of a function of the radius, by polar coordinates."""
    return sympy.integrate(integrand_of_r * r, (r, 0, radius), (theta, 0, 2 * sympy.pi))


# ---- results stated in the section ------------------------------------------------------


@check
def thm_calc_gaussian_integral(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_calc_integrals_triangle(ex):
    p = ex.given("p")
    density = p.expr.subs(dict(zip(p.variables, (x, y))))
    inside_y = sympy.integrate(density, (y, 0, x))
    ex.states(r"\int_0^1\int_0^x 8xy\,dy\,dx", sympy.integrate(inside_y, (x, 0, 1)))
    ex.states(r"\int_0^1\int_y^1 8xy\,dx\,dy", sympy.integrate(density, (x, y, 1), (y, 0, 1)))
    # The marginal density of the first coordinate, integrated up to one half.
    half = sympy.Rational(1, 2)
    ex.result(sympy.integrate(inside_y, (x, 0, half)))


@check
def ex_calc_integrals_polar(ex):
    g = ex.given(r"\mathbf{g}")
    J = jacobian(g.expr, g.variables)
    ex.states(r"\det J_{\mathbf{g}}(r, \theta)", sympy.simplify(J.det()))
    rho, phi = g.variables
    radius_squared = sympy.simplify(sum(c**2 for c in g.expr))  # x^2 + y^2 in polar coordinates
    ex.states(r"\int_0^{2\pi}\int_0^2 r^2\cdot r\,dr\,d\theta",
              sympy.integrate(radius_squared * sympy.simplify(J.det()), (rho, 0, 2), (phi, 0, 2 * sympy.pi)))
    # The area of the disc of radius 2, the classical pi r^2.
    ex.result(sympy.pi * 2**2)


@check
def ex_calc_integrals_gaussian(ex):
    mu, sigma = ex.given(r"\mu"), ex.given(r"\sigma")
    constant = sympy.integrate(sympy.exp(-(x - mu) ** 2 / (2 * sigma**2)), (x, -sympy.oo, sympy.oo))
    ex.states(r"\int_{-\infty}^{\infty} e^{-(x - 1)^2/18}\,dx", constant)
    ex.result(1 / constant)


@check
def ex_calc_integrals_exponential(ex):
    rate, f, p_X, X = ex.given(r"\lambda"), ex.given("f"), ex.given("p_X"), ex.given("X")
    u, v = sympy.symbols("u v", positive=True)
    support = stats.pspace(X).domain.set
    middle = (support.inf + support.sup) / 2
    ex.require(support.inf == 0 and stats.density(X)(middle) == p_X(middle),
               "p_X should be the density of X, on an interval starting at 0")
    Y = ex.given("Y")
    ex.require(sympy.simplify(Y - f(X)) == 0, "Y should be f(X)")
    ex.require(sympy.limit(-sympy.log(u) / rate, u, support.sup) == 0,
               "f should map the support of X onto (0, oo)")
    forward = -sympy.log(u) / rate
    ex.require(sympy.simplify(f(u) - forward) == 0, "f should be the map x -> -ln(x)/lambda")
    (inverse,) = sympy.solve(sympy.Eq(forward, v), u)
    density = p_X(inverse) * sympy.Abs(sympy.diff(inverse, v))
    ex.states("p_Y(y)", density.subs(v, sympy.Symbol("y")))
    ex.require(sympy.integrate(density, (v, 0, sympy.oo)) == 1, "the density does not integrate to 1")
    ex.result(sympy.integrate(density, (v, 1, sympy.oo)))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_integrals_rectangle(ex):
    integrand = x * y**2 + 1
    ex.states(r"\int_0^1\int_0^2 (xy^2 + 1)\,dy\,dx", sympy.integrate(integrand, (y, 0, 2), (x, 0, 1)))
    ex.result(sympy.integrate(integrand, (x, 0, 1), (y, 0, 2)))


@check
def sol_calc_integrals_ellipse(ex):
    h = ex.given(r"\mathbf{h}")
    numbers = {sympy.Symbol("a"): ex.given("a"), sympy.Symbol("b"): ex.given("b")}
    J = jacobian(h.expr, h.variables).subs(numbers)
    determinant = sympy.simplify(J.det())
    ex.states(r"\det J_{\mathbf{h}}(r, \theta)", determinant)
    rho, phi = h.variables
    ex.result(sympy.integrate(determinant, (rho, 0, 1), (phi, 0, 2 * sympy.pi)))


@check
def sol_calc_integrals_swap(ex):
    integrand = sympy.exp(x**2)
    ex.result(sympy.integrate(integrand, (y, 0, x), (x, 0, 1)))


@check
def sol_calc_integrals_rayleigh(ex):
    p = ex.given("p")
    s = sympy.Symbol("s", positive=True)
    density = p.expr.subs(dict(zip(p.variables, (r * sympy.cos(theta), r * sympy.sin(theta)))))
    inside = sympy.integrate(sympy.simplify(density) * r, (r, 0, s), (theta, 0, 2 * sympy.pi))
    one, two = sympy.Integer(1), sympy.Integer(2)
    ex.results(inside.subs(s, one), inside.subs(s, two))


@check
def sol_calc_integrals_gaussian_nd(ex):
    L, mu = ex.given(r"\mathbf{L}"), ex.given(r"\boldsymbol{\mu}")
    Sigma = L * L.T
    ex.states(r"\boldsymbol{\Sigma}", Sigma)
    ex.states(r"\det\boldsymbol{\Sigma}", Sigma.det())
    # The density of z = L^{-1}(y - mu), at y = mu, divided by |det L|.
    z1, z2 = sympy.symbols("z1 z2", real=True)
    standard = sympy.exp(-(z1**2 + z2**2) / 2) / (2 * sympy.pi)
    z = L.inv() * (mu - mu)
    ex.result(standard.subs({z1: z[0], z2: z[1]}) / sympy.Abs(L.det()))


@check
def sol_calc_integrals_fubini_fails(ex):
    f = ex.given("f")
    expr = f.expr.subs(dict(zip(f.variables, (x, y))))
    ex.results(sympy.integrate(sympy.integrate(expr, (y, 0, 1)), (x, 0, 1)),
               sympy.integrate(sympy.integrate(expr, (x, 0, 1)), (y, 0, 1)))
