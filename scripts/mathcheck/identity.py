"""Checks of general identities, such as grad(x^T A x) = (A + A^T) x or Var[aX + b] = a^2 Var[X].

An identity is a chain whose links hold for every value of their symbols. It is
checked three ways:

- **symbolically**, where SymPy can: bold names become 2 x 2 (or 2 x 1) matrices of
  symbols, scalars stay symbols, and the difference of the two sides must simplify
  to zero (a difference SymPy cannot simplify is left to the trials below);
- **exactly**, on seeded random instances of several shapes: bold names become
  random rational matrices and derivatives are taken symbolically;
- **numerically**: bold names and scalars become random floats, and every
  derivative at a point is a central finite difference.

Random variables get random finite distributions with rational masses (one joint
distribution for all of them, unless ``independent`` names some), named events
a random probability for each atom of their space, and a joint mass function
``p`` over the variables ``joint`` names a random table.

Shapes come from the text (``\\mathbf{A}\\in\\R^{m\\times n}``, ``\\mathbf{x}\\in\\R^n``)
or from the check. A bold lowercase name without a stated shape is a column
vector; a bold uppercase one is square.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from dataclasses import dataclass, field

import sympy
from sympy import stats

from .compare import show
from .errors import Unreadable
from .evaluate import BookTransformer, Env, finalize
from .events import EventName
from .notation.linalg import unknown_matrix
from .notation.probability import random_symbol
from .values import JointMass, VectorFunction, is_matrix

DIMENSION_VALUES = (1, 2, 3, 4)
TRIALS = 4
FD_TOLERANCE = 1e-5
ATOMS = 4            # outcomes of a random finite distribution
JOINT_VALUES = (0, 1, 2)


@dataclass
class Setting:
    """What the statement assumes, read from the text and from the check."""

    stated: dict                     # bold name -> (rows, cols), as dimension names or digits
    symmetric: tuple = ()
    positive: tuple = ()
    random: tuple = ()               # bold names that are random vectors
    scalars_random: tuple = ()       # capital letters that are random variables
    events: tuple = ()               # capital letters that are events
    independent: tuple = ()          # names (of either kind) that are mutually independent
    joint: tuple = ()                # lowercase variables of a joint mass function p
    directions: tuple = ()           # bold names whose differential d\mathbf{X} appears
    functions: dict = field(default_factory=dict)


def shapes_from_text(worked) -> dict[str, tuple[str, str]]:
    """``\\mathbf{A}\\in\\R^{m\\times n}`` -> {"\\mathbf{A}": ("m", "n")} from the block's math."""
    found = {}
    for math in worked.block.math:
        text = math.latex
        for match in re.finditer(
                r"((?:" + _BOLD + r"\s*,?\s*)+)\\in\s*(?:\\R|\\mathbb\{R\})\^", text):
            rest = text[match.end():].lstrip()
            if rest.startswith("{"):
                depth, end = 0, 0
                for i, c in enumerate(rest):
                    depth += c == "{"
                    depth -= c == "}"
                    if depth == 0:
                        end = i
                        break
                exponent = rest[1:end]
            else:
                exponent = rest[:1]
            dims = [d.strip() for d in exponent.split("\\times")]
            shape = (dims[0], dims[1]) if len(dims) == 2 else (dims[0], "1")
            for name in re.findall(_BOLD, match.group(1)):
                found[_braced(name)] = shape
    return found


_BOLD = r"\\(?:mathbf\{[A-Za-z0-9]\}|boldsymbol\{\\?[A-Za-z]+\})(?:_\{?[A-Za-z0-9]+\}?)?"


def _braced(name: str) -> str:
    return re.sub(r"_([A-Za-z0-9])$", r"_{\1}", name)


def _default_shape(name: str) -> tuple[str, str]:
    return ("n", "1") if _is_vector(name) else ("n", "n")


def _is_vector(name: str) -> bool:
    return bool(re.match(r"\\(?:mathbf|boldsymbol)\{\\?[a-z]", name))


def _bold_names(text: str) -> set[str]:
    """Bold names that stand for arbitrary matrices (the identity, zero and ones are fixed)."""
    names = {_braced(n) for n in re.findall(_BOLD, text)}
    return {n for n in names if not re.match(r"\\mathbf\{[I01]\}", n)}


# Spans whose capital letters are random variables or events.
_RANDOM_SPAN = re.compile(r"\\(?:Expect|Variance|Covariance|Correlation|Prob|Entropy|KL)\s*[\[(]")
_CAPITAL = re.compile(r"(?<![\\A-Za-z{])([A-Z])(?![A-Za-z}])")
_RELATION_NEAR = re.compile(r"^\s*(=|<|>|\\le|\\ge|\\leq|\\geq|\\ne)|(=|<|>|\\le|\\ge|\\leq|\\geq|\\ne)\s*$")


def random_names(text: str) -> tuple[set[str], set[str]]:
    """Capital letters that are random variables (inside E, Var, Cov, or P(X = ...)) and those
    that are events (inside P(...) with no relation beside them)."""
    variables, events = set(), set()
    for match in _RANDOM_SPAN.finditer(text):
        opening = match.end() - 1
        close = {"[": "]", "(": ")"}[text[opening]]
        depth, end = 0, len(text)
        for j in range(opening, len(text)):
            depth += text[j] == text[opening]
            depth -= text[j] == close
            if depth == 0:
                end = j
                break
        inside = text[opening + 1:end]
        probability = text[match.start():opening].strip().endswith("Prob")
        for letter in _CAPITAL.finditer(inside):
            before, after = inside[:letter.start()], inside[letter.end():]
            beside = _RELATION_NEAR.search(after[:6]) or _RELATION_NEAR.search(before[-6:])
            (events if probability and not beside else variables).add(letter.group(1))
    return variables - events, events


def check_identity(worked, chain_text: str | None = None, shapes: dict | None = None,
                   symmetric: tuple[str, ...] = (), positive: tuple[str, ...] = (),
                   trials: int = TRIALS, modes: tuple[str, ...] = ("symbolic", "exact", "numeric"),
                   random_vectors: tuple[str, ...] = (), independent: tuple[str, ...] = (),
                   joint: tuple[str, ...] = ()) -> None:
    """Verify the block's identity (its first display, or ``chain_text``) on random inputs."""
    from .latex import normalise, split_chains

    if chain_text is None:
        displays = worked.block.displays
        if not displays:
            worked.fail("no display states the identity")
        chain_text = displays[0].latex
    chains = split_chains(chain_text)
    if not chains:
        worked.fail("the identity states no relation")
    text = " ".join(link.text for chain in chains for link in chain.links)
    stated = dict(shapes_from_text(worked))
    for key, value in (shapes or {}).items():
        stated[key] = tuple(value.split()) if isinstance(value, str) else tuple(value)
    for name in _bold_names(text):
        stated.setdefault(name, _default_shape(name))
    variables, events = random_names(" ".join(normalise(link.text, worked.macros).text
                                                for chain in chains for link in chain.links))
    setting = Setting(
        stated=stated, symmetric=tuple(symmetric), positive=tuple(positive), random=tuple(random_vectors),
        scalars_random=tuple(sorted(variables)), events=tuple(sorted(events)), independent=tuple(independent),
        joint=tuple(joint), directions=tuple(sorted(set(re.findall(r"(?<![A-Za-z\\])d\s*(" + _BOLD + ")", text)))),
        functions={k: v for k, v in worked.env.values.items() if isinstance(v, (sympy.Lambda, VectorFunction))},
    )
    dim_symbols = sorted({d for shape in stated.values() for d in shape if not d.isdigit()})
    rng = random.Random(f"{worked.block.label}")
    combos = list(itertools.product(DIMENSION_VALUES, repeat=len(dim_symbols)))
    rng.shuffle(combos)
    # Prefer shapes where the dimensions differ, so a transposed factor cannot pass by luck.
    combos.sort(key=lambda c: -len(set(c)))
    if not dim_symbols:
        combos = [()] * trials  # only scalars: several random points
    if "symbolic" in modes and not (setting.scalars_random or setting.events or setting.joint or setting.random):
        if _symbolic(worked, chains, setting, dim_symbols):
            worked.proved_symbolically = getattr(worked, "proved_symbolically", 0) + 1
    tried = 0
    for combo in combos:
        if tried >= trials:
            break
        dims = dict(zip(dim_symbols, combo))
        for mode in [m for m in modes if m != "symbolic"]:
            outcome = _trial(worked, chains, setting, dims, mode == "exact", seed=rng.randrange(2 ** 31))
            if outcome is None:
                break  # these shapes do not fit the expression; try others
        else:
            tried += 1
    if tried == 0:
        worked.fail("no choice of shapes makes the identity's sides computable")
    worked.compared += tried


# --- building one instance ---------------------------------------------------------------


def _random_matrix(rng: random.Random, rows: int, cols: int, exact: bool, symmetric=False, positive=False):
    if exact:
        entries = [[sympy.Rational(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(cols)] for _ in range(rows)]
    else:
        entries = [[rng.uniform(-2, 2) for _ in range(cols)] for _ in range(rows)]
    m = sympy.Matrix(entries)
    if symmetric and rows == cols:
        m = (m + m.T) / 2
    if positive and rows == cols:
        m = m * m.T + sympy.eye(rows)
    return sympy.ImmutableMatrix(m)


def _masses(rng: random.Random, count: int) -> list:
    weights = [rng.randint(1, 9) for _ in range(count)]
    return [sympy.Rational(w, sum(weights)) for w in weights]


def _finite_space(name: str, rng: random.Random):
    """A random variable W uniform-ish on 1..ATOMS: the outcome that the random values depend on."""
    return stats.FiniteRV(random_symbol(name), dict(zip(range(1, ATOMS + 1), _masses(rng, ATOMS))))


def _on(space, rng: random.Random, exact: bool):
    """A random value that is a function of the outcome ``space``: a random number per outcome."""
    values = [sympy.Rational(rng.randint(-9, 9), rng.randint(1, 3)) for _ in range(ATOMS)]
    return sympy.Piecewise(*[(v, sympy.Eq(space, k + 1)) for k, v in enumerate(values[:-1])], (values[-1], True))


def _shape(setting: Setting, name: str, dims: dict) -> tuple[int, int]:
    r, c = setting.stated[name]
    return (int(r) if r.isdigit() else dims[r], int(c) if c.isdigit() else dims[c])


def _letter(name: str) -> str:
    return re.search(r"\{\\?([A-Za-z]+)\}", name).group(1)


def _instance(setting: Setting, dims: dict, exact: bool, rng: random.Random) -> Env:
    env = Env()
    shared = _finite_space("W", rng)
    for name in setting.stated:
        rows, cols = _shape(setting, name, dims)
        if name in setting.random:
            space = _finite_space(f"W{_letter(name)}", rng) if name in setting.independent else shared
            env.bind(name, sympy.ImmutableMatrix(rows, cols, [_on(space, rng, exact) for _ in range(rows * cols)]))
            continue
        letter = _letter(name)
        env.bind(name, _random_matrix(rng, rows, cols, exact, letter in setting.symmetric or name in setting.symmetric,
                                      letter in setting.positive or name in setting.positive))
    for name in setting.directions:
        value = env.values.get(name)
        if is_matrix(value):
            env.directions[name] = _random_matrix(rng, *value.shape, exact)
    for letter in setting.scalars_random:
        space = _finite_space(f"W{letter}", rng) if letter in setting.independent else shared
        env.bind(letter, _on(space, rng, exact))
    if setting.events:
        _random_events(env, setting, rng)
    if setting.joint:
        points = list(itertools.product(JOINT_VALUES, repeat=len(setting.joint)))
        env.bind("p", JointMass(setting.joint, dict(zip(points, _masses(rng, len(points))))))
        for name in setting.joint:
            env.values[name] = sympy.Integer(JOINT_VALUES[0])
    for key, value in setting.functions.items():
        env.values.setdefault(key, value)
    return env


def _random_events(env: Env, setting: Setting, rng: random.Random) -> None:
    space = env.event_space()
    for name in setting.events:
        space.add_name(name)
    independent = [n for n in setting.events if n in setting.independent]
    marginals = {n: sympy.Rational(rng.randint(1, 8), 9) for n in independent}
    atoms = space.atoms()
    weights = _masses(rng, len(atoms))
    for atom, weight in zip(atoms, weights):
        value = weight
        if independent:
            # Independent events: the atom's mass factors over them (the rest is shared at random).
            value = sympy.Integer(1)
            for inside, name in zip(atom, space.names):
                if name in marginals:
                    value *= marginals[name] if inside else 1 - marginals[name]
            others = [n for n in space.names if n not in marginals]
            value *= sympy.Rational(1, 2 ** len(others))
        space.state(space.symbol(atom), value)


# --- one trial ---------------------------------------------------------------------------


def _trial(worked, chains, setting: Setting, dims: dict, exact: bool, seed: int) -> bool | None:
    rng = random.Random(seed)
    env = _instance(setting, dims, exact, rng)
    evaluated = _evaluate(worked, chains, env, numeric=not exact)
    if evaluated is None:
        return None
    # Give the remaining scalars values, in the environment (so derivatives by them are taken
    # at a point, by central differences in the numeric trials), and evaluate again.
    scalars, orders = set(), set()
    for values in evaluated:
        for value in values:
            for item in (list(value) if is_matrix(value) else [value]):
                item = sympy.sympify(item)
                scalars |= {s for s in item.free_symbols if _free_scalar(s, env)}
                for order in item.atoms(sympy.Order):
                    orders |= set(order.variables)
    scalars -= orders  # a remainder O(h^3) is about h -> 0: h stays a symbol
    variables = sorted(scalars, key=lambda s: s.name) + [sympy.Symbol(n) for n in setting.joint]
    for _ in range(8):  # a random point can hit a pole (ad - bc = 0): draw another
        concrete_points = []
        for point in _points(variables, setting, exact, rng):
            for symbol, value in point.items():
                env.values[symbol.name] = value
            concrete = _evaluate(worked, chains, env, numeric=not exact) if point else evaluated
            if concrete is None:
                return None
            concrete_points.append(concrete)
        if not any(_undefined(c) for c in concrete_points):
            break
    else:
        return None
    for concrete in concrete_points:
        for chain, values in zip(chains, concrete):
            for i, relation in enumerate(chain.relations):
                a, b = values[i], values[i + 1]
                if not _agree(a, b, relation, exact):
                    where = ", ".join(f"{k}={v}" for k, v in dims.items()) or "the stated shapes"
                    how = "exactly" if exact else "by finite differences"
                    worked.fail(f"the identity {chain.links[i].text} {relation} {chain.links[i + 1].text} fails {how} "
                                f"for {where}: the sides are {show(a)} and {show(b)}")
    return True


def _undefined(evaluated) -> bool:
    """Some side is infinite or undefined at this point."""
    items = [x for values in evaluated for value in values for x in (list(value) if is_matrix(value) else [value])]
    return any(isinstance(x, sympy.Basic) and x.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) for x in items)


def _free_scalar(symbol, env: Env) -> bool:
    from sympy.stats.rv import RandomSymbol

    return not isinstance(symbol, (RandomSymbol, sympy.Dummy)) and not symbol.name.startswith(("decimal", "P[")) \
        and symbol.name not in env.values


def _points(scalars, setting: Setting, exact: bool, rng: random.Random) -> list[dict]:
    """Values for the free scalars: one random point, or every point of a joint table."""
    joint = [s for s in scalars if s.name in setting.joint]
    others = [s for s in scalars if s.name not in setting.joint]
    base = {s: (sympy.Rational(rng.randint(-9, 9), rng.randint(1, 4)) if exact else sympy.Float(rng.uniform(-1.5, 1.5)))
            for s in others}
    if not joint:
        return [base]
    return [{**base, **dict(zip(joint, values))} for values in itertools.product(JOINT_VALUES, repeat=len(joint))]


def _evaluate(worked, chains, env: Env, numeric: bool):
    results = []
    for chain in chains:
        values = []
        for link in chain.links:
            try:
                _, tree = worked._parse(link.text)
                values.append(finalize(BookTransformer(env, numeric=numeric)._sub(tree), env))
            except (Unreadable, sympy.ShapeError, ValueError, TypeError) as exc:
                if os.environ.get("MLM_IDENTITY_DEBUG"):
                    print(f"identity trial: {link.text!r}: {type(exc).__name__}: {exc}")
                return None
        results.append(values)
    return results


def _symbolic(worked, chains, setting: Setting, dim_symbols) -> bool:
    """Both sides equal as expressions, with bold names as 2 x 2 (or 2 x 1) matrices of symbols."""
    env = Env()
    dims = {d: 2 for d in dim_symbols}
    for name in setting.stated:
        rows, cols = _shape(setting, name, dims)
        matrix = unknown_matrix(name, (rows, cols))
        if _letter(name) in setting.symmetric and rows == cols:
            matrix = sympy.ImmutableMatrix(rows, cols, lambda i, j: matrix[min(i, j), max(i, j)])
        env.bind(name, matrix)
    for name in setting.directions:
        if is_matrix(env.values.get(name)):
            env.directions[name] = unknown_matrix(f"\\mathbf{{d{_letter(name)}}}", env.values[name].shape)
    for key, value in setting.functions.items():
        env.values.setdefault(key, value)
    evaluated = _evaluate(worked, chains, env, numeric=False)
    if evaluated is None:
        return False
    for chain, values in zip(chains, evaluated):
        for relation, a, b in zip(chain.relations, values, values[1:]):
            if relation != "=" or is_matrix(a) != is_matrix(b):
                return False
            pairs = list(zip(a, b)) if is_matrix(a) else [(a, b)]
            if is_matrix(a) and a.shape != b.shape:
                return False
            if any(sympy.simplify(sympy.sympify(x) - sympy.sympify(y)) != 0 for x, y in pairs):
                return False
    return True


def _agree(a, b, relation, exact) -> bool:
    if is_matrix(a) != is_matrix(b):
        return False
    if not is_matrix(a) and (sympy.sympify(a).has(sympy.Order) or sympy.sympify(b).has(sympy.Order)):
        from .compare import equal_up_to_order

        return equal_up_to_order(a, b)
    pairs = list(zip(a, b)) if is_matrix(a) else [(a, b)]
    if is_matrix(a) and a.shape != b.shape:
        return False
    for x, y in pairs:
        if exact and relation == "=":
            if sympy.simplify(x - y) != 0:
                return False
            continue
        xv, yv = complex(sympy.N(x)), complex(sympy.N(y))
        scale = max(1.0, abs(xv), abs(yv))
        if relation in ("=", "approx"):
            if abs(xv - yv) > FD_TOLERANCE * scale:
                return False
        elif relation in ("<=", "<"):
            if xv.real > yv.real + FD_TOLERANCE * scale:
                return False
        elif relation in (">=", ">"):
            if xv.real < yv.real - FD_TOLERANCE * scale:
                return False
    return True


_ = EventName  # events appear in trials through the block's event space
