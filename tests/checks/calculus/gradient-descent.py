"""Checks for book/calculus/gradient-descent.md and its solutions."""

import itertools

import sympy
from mathcheck import check
from mathcheck.lib import indexed
from mathcheck.lib.calculus import at, gradient, gradient_descent, hessian


def scalar(f):
    """A function of a vector, f(x) = ..., as a Lambda of its coordinates (one SymPy value each)."""
    return f if isinstance(f, sympy.Lambda) else sympy.Lambda(tuple(f.variables), f.expr)


def norm(v):
    return sympy.sqrt(sum(x**2 for x in v))


def extremes(f):
    """The smallest and largest eigenvalue of the (constant) Hessian of f."""
    values = list(hessian(f).eigenvals())
    return min(values), max(values)


def heavy_ball(f, start, eta, beta, steps):
    """Polyak's iterates x_{k+1} = x_k - eta grad f(x_k) + beta (x_k - x_{k-1}), x_{-1} = x_0."""
    g = gradient(f)
    previous = current = sympy.Matrix(start)
    points = [current]
    for _ in range(steps):
        previous, current = current, current - eta * at(g, f.variables, current) + beta * (current - previous)
        points.append(current)
    return points


def steps_to(shrink_ratio, tolerance):
    """The fewest k with shrink_ratio**k <= tolerance."""
    return sympy.ceiling(sympy.log(tolerance) / sympy.log(shrink_ratio))


def adam(g, start, eta, beta1, beta2, eps, steps):
    """Adam (def-calc-adam) from m_0 = v_0 = 0 with the gradients g(w): for each step k + 1 the
    dict of g_k, m_{k+1}, v_{k+1}, their corrections and w_{k+1}; entry 0 holds w_0."""
    w = sympy.Matrix(start)
    m = v = sympy.zeros(*w.shape)
    trace = [{"w": w}]
    for k in range(steps):
        grad = sympy.Matrix(g(w))
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad.multiply_elementwise(grad)
        mhat, vhat = m / (1 - beta1 ** (k + 1)), v / (1 - beta2 ** (k + 1))
        w = w - eta * sympy.Matrix([a / (sympy.sqrt(c) + eps) for a, c in zip(mhat, vhat)])
        trace.append({"g": grad, "m": m, "v": v, "mhat": mhat, "vhat": vhat, "w": sympy.simplify(w)})
    return trace


# ---- results stated in the section ------------------------------------------------------


@check
def prop_calc_gd_quadratic(ex):
    ex.identity(symmetric=("A",))


# ---- worked examples -------------------------------------------------------------------


def _strongly_convex_quadratic(ex):
    """The block's f with its Hessian's extreme eigenvalues compared and mu > 0 required;
    return (f, mu, L, the stationary point)."""
    f = scalar(ex.given("f"))
    mu, L = extremes(f)
    ex.states(r"\lambda_{\min}", mu)
    ex.states(r"\lambda_{\max}", L)
    ex.require(mu > 0, "the Hessian is not positive definite")
    (point,) = sympy.solve(list(gradient(f)), f.variables, dict=True)
    return f, mu, L, point


@check
def ex_calc_gd_convex_quadratic(ex):
    f, mu, L, point = _strongly_convex_quadratic(ex)
    ex.result_at(lambda *xy: f(*xy) if dict(zip(f.variables, xy)) == point else ex.fail(
        f"the stated point {xy} is not the stationary point {point}"))


@check
def ex_calc_gd_condition_quadratic(ex):
    f, x0, eta = scalar(ex.given("f")), ex.given(r"\mathbf{x}_0"), ex.given(r"\eta")
    mu, L = extremes(f)
    ex.require(eta == 2 / (L + mu), "the step is not 2/(L + mu)")
    x = gradient_descent(f, x0, eta, 2)
    ex.states(r"\mathbf{x}_1", x[1])
    ex.states(r"\mathbf{x}_2", x[2])
    rho = norm(x[1]) / norm(x[0])
    ex.require(sympy.simplify(norm(x[2]) - rho**2 * norm(x[0])) == 0, "the error does not shrink by a constant factor")
    ex.require(rho == (L / mu - 1) / (L / mu + 1), "the measured factor is not (kappa - 1)/(kappa + 1)")
    tolerance = ex.given(r"\varepsilon")
    counts = [steps_to(rho, tolerance)]
    # The second quadratic, with its own best step, measured the same way.
    g = scalar(ex.given("g"))
    mu_g, L_g = extremes(g)
    y = gradient_descent(g, x0, 2 / (L_g + mu_g), 2)
    rho_g = norm(y[1]) / norm(y[0])
    ex.require(sympy.simplify(norm(y[2]) - rho_g**2 * norm(y[0])) == 0, "g's error does not shrink by a constant factor")
    counts.append(steps_to(rho_g, tolerance))
    # The counts are where the measured error first drops below the tolerance (for f, by iterating).
    k = counts[0]
    run = gradient_descent(f, x0, eta, int(k))
    ex.require(norm(run[-1]) <= tolerance * norm(x0) < norm(run[-2]),
               "the step count for f is not the first to reach the tolerance")
    ex.results(*counts)


@check
def ex_calc_gd_bounds(ex):
    f, x0, eta, k = scalar(ex.given("f")), ex.given(r"\mathbf{x}_0"), ex.given(r"\eta"), ex.given("k")
    mu, L = ex.given(r"\mu"), ex.given("L")
    xstar, fstar = ex.given(r"\mathbf{x}^\star"), ex.given(r"f^\star")
    ex.require((mu, L) == extremes(f), "mu and L are not the extreme curvatures of f")
    x = gradient_descent(f, x0, eta, k)
    ex.states(r"\mathbf{x}_1", x[1])
    ex.states(rf"\mathbf{{x}}_{{{k}}}", x[k])
    gap = f(*x[k]) - fstar
    strong = (1 - mu / L) ** k * (f(*x0) - fstar)
    offset = x0 - xstar if hasattr(xstar, "shape") else x0  # the text writes the zero vector as 0
    sublinear = L * norm(offset) ** 2 / (2 * k)
    ex.require(gap <= strong <= sublinear, "the measured gap does not obey the two bounds")
    ex.results(gap, strong, sublinear)


@check
def ex_calc_gd_heavy_ball(ex):
    f, x0 = scalar(ex.given("f")), ex.given(r"\mathbf{x}_0")
    eta, beta, k = ex.given(r"\eta"), ex.given(r"\beta"), ex.given("k")
    mu, L = extremes(f)
    kappa = L / mu
    ex.require(eta == (2 / (sympy.sqrt(L) + sympy.sqrt(mu))) ** 2, "eta is not Polyak's step")
    ex.require(beta == ((sympy.sqrt(kappa) - 1) / (sympy.sqrt(kappa) + 1)) ** 2, "beta is not Polyak's momentum")
    # The theorem: every eigenvalue of the map (x_k, x_{k-1}) -> (x_{k+1}, x_k) has modulus sqrt(beta).
    n = len(f.variables)
    A = hessian(f)
    M = sympy.Matrix(sympy.BlockMatrix([[(1 + beta) * sympy.eye(n) - eta * A, -beta * sympy.eye(n)],
                                        [sympy.eye(n), sympy.zeros(n)]]))
    ex.require(all(sympy.Abs(r) == sympy.sqrt(beta) for r in M.eigenvals()), "the iteration's eigenvalues are not sqrt(beta)")
    tolerance = ex.given(r"\varepsilon")
    x = heavy_ball(f, x0, eta, beta, k)
    while norm(x[-1]) > tolerance * norm(x0):
        x = heavy_ball(f, x0, eta, beta, len(x))
    ex.states(r"\mathbf{x}_1", x[1])
    ex.states(r"\mathbf{x}_2", x[2])
    ex.results(x[k], len(x) - 1)


@check
def ex_calc_adam_steps(ex):
    f, w0 = scalar(ex.given("f")), ex.given(r"\mathbf{w}_0")
    eta, eps = ex.given(r"\eta"), ex.given(r"\epsilon")
    beta1, beta2 = ex.given(r"\beta_1"), ex.given(r"\beta_2")
    mu, L = ex.given(r"\mu"), ex.given("L")
    ex.require((mu, L) == extremes(f), "mu and L are not the extreme curvatures of f")
    grad = gradient(f)

    def g(w):
        return at(grad, f.variables, w)

    trace = adam(g, w0, eta, beta1, beta2, eps, 2)
    for k in (1, 2):
        ex.states(rf"\mathbf{{g}}_{k - 1}", trace[k]["g"])
        ex.states(rf"\mathbf{{m}}_{k}", trace[k]["m"])
        ex.states(rf"\mathbf{{v}}_{k}", trace[k]["v"])
        ex.states(rf"\hat{{\mathbf{{m}}}}_{k}", trace[k]["mhat"])
        ex.states(rf"\hat{{\mathbf{{v}}}}_{k}", trace[k]["vhat"])
    ex.states(r"\mathbf{w}_1", trace[1]["w"])
    ex.states(r"\mathbf{w}_2", trace[2]["w"])
    # The notable fact: the first step is -eta times the sign of the first gradient, coordinate by coordinate.
    ex.require(trace[1]["w"] == w0 - eta * trace[1]["g"].applyfunc(sympy.sign),
               "the first Adam step is not -eta sign(g_0)")
    # Gradient descent with the best constant step 2/(L + mu), for comparison.
    ex.results(trace[2]["w"], sympy.Matrix(w0) - 2 / (L + mu) * g(w0))


# ---- solutions -------------------------------------------------------------------------


@check
def sol_calc_gd_classify(ex):
    f, mu, L, point = _strongly_convex_quadratic(ex)
    ex.results(f(*[point[v] for v in f.variables]), L / mu)


@check
def sol_calc_gd_one_step(ex):
    f, x0, eta = scalar(ex.given("f")), ex.given(r"\mathbf{x}_0"), ex.given(r"\eta")
    _, L = extremes(f)
    x = gradient_descent(f, x0, eta, 1)
    ex.states(r"\mathbf{x}_1", x[1])
    ex.require(0 < eta < 2 / L, "the step is not allowed")
    ex.results(f(*x0), f(*x[1]), 2 / L)


@check
def sol_calc_gd_best_step(ex):
    A = ex.given(r"\mathbf{A}")
    values = list(A.eigenvals())
    mu, L = min(values), max(values)
    n = A.rows

    def factor(step):
        return max(sympy.Abs(v) for v in (sympy.eye(n) - step * A).eigenvals())

    best = 2 / (L + mu)
    rho = factor(best)
    ex.require(all(factor(best + s * best / L**2) > rho for s in (-1, 1)), "2/(L + mu) is not the best step")
    ex.states(r"\rho", rho)
    ex.require(factor(1 / L) == 1 - mu / L, "the step 1/L does not shrink the error by 1 - mu/L")
    ex.results(rho, factor(1 / L))


@check
def sol_calc_sgd_running_mean(ex):
    ys, w = indexed(ex, "y"), ex.given("w_0")
    ws = []
    for k, y in enumerate(ys):
        w = w - (w - y) / (k + 1)
        ws.append(w)
    ex.require(ws[-1] == sum(ys) / len(ys), "the last iterate is not the mean")
    ex.results(*ws)


@check
def sol_calc_adam_bias(ex):
    beta1, beta2 = ex.given(r"\beta_1"), ex.given(r"\beta_2")
    # With a constant gradient, m_k = (1 - beta^k) g solves the recursion m_{k+1} = beta m_k + (1 - beta) g.
    k = sympy.Symbol("k", integer=True, nonnegative=True)
    for beta in (beta1, beta2):
        ex.require(sympy.simplify(beta * (1 - beta**k) + (1 - beta) - (1 - beta ** (k + 1))) == 0,
                   "1 - beta^k does not solve the moment recursion")
    # Adam run on a constant gradient: the corrected moments are g and g*g at every step.
    eps = ex.given(r"\epsilon")
    g = sympy.Matrix(sympy.symbols("g_1 g_2", positive=True))
    trace = adam(lambda w: g, sympy.zeros(*g.shape), 1, beta1, beta2, eps, 2)
    ex.require(all(t["mhat"] == g and t["vhat"] == g.multiply_elementwise(g) for t in trace[1:]),
               "the corrected moments of a constant gradient are not g and g*g")
    ex.require(trace[1]["w"] == -sympy.ones(*g.shape), "the corrected step is not -eta sign(g)")
    # The first step without the correction, over the corrected one (the same in every coordinate).
    uncorrected = trace[1]["m"][0] / (sympy.sqrt(trace[1]["v"][0]) + eps)
    ex.result(sympy.simplify(uncorrected / (trace[1]["mhat"][0] / (sympy.sqrt(trace[1]["vhat"][0]) + eps))))


@check
def sol_calc_minibatch_variance(ex):
    ys, w0, n, b = indexed(ex, "y"), ex.given("w_0"), ex.given("n"), ex.given("b")
    ex.require(n == len(ys), "n is not the number of targets")
    f, fi = ex.given("f"), ex.given("f_i")
    (w,), (yi,) = f.variables, fi.expr.free_symbols - set(fi.variables)
    targets = {sympy.Symbol(f"y_{{{j}}}"): y for j, y in enumerate(ys, start=1)}
    grads = [sympy.diff(fi.expr, w).subs({yi: y, w: w0}) for y in ys]

    def mean(values):
        values = list(values)
        return sum(values) / len(values)

    def variance(values):
        values = list(values)
        return mean((v - mean(values)) ** 2 for v in values)

    full = mean(grads)
    ex.require(sympy.diff(f.expr, w).subs(targets).subs(w, w0) == full, "f is not the mean of the f_i")
    single = variance(grads)
    with_replacement = [mean(pair) for pair in itertools.product(grads, repeat=b)]
    without = [mean(pair) for pair in itertools.combinations(grads, b)]
    ex.require(mean(with_replacement) == full == mean(without), "a minibatch gradient is biased")
    ex.require(variance(with_replacement) == single / b, "the variance with replacement is not Sigma/b")
    ex.require(variance(without) == (n - b) / (n - 1) * single / b,
               "the variance without replacement is not (n - b)/(n - 1) Sigma/b")
    ex.results(full, single, variance(with_replacement), variance(without))
