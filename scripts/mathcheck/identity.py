"""Property checks of general identities, such as grad(x^T A x) = (A + A^T) x.

An identity is a chain whose links hold for every value of their symbols. It is
checked on seeded random inputs of several shapes, two ways:

- **exactly**: bold symbols become random rational matrices, and derivatives are
  taken symbolically (by the one matrix being differentiated);
- **numerically**: bold symbols become random floating-point matrices, and every
  derivative is replaced by a central finite difference.

Shapes come from the text (``\\mathbf{A}\\in\\R^{m\\times n}``, ``\\mathbf{x}\\in\\R^n``)
or from the check. A bold lowercase name without a stated shape is a column
vector; a bold uppercase one is square.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass

import sympy

from .compare import measure, show
from .errors import CheckError, Unreadable
from .evaluate import BookTransformer, Env, finalize
from .values import is_matrix

DIMENSION_VALUES = (1, 2, 3, 4)
TRIALS = 4
FD_STEP = 1e-6
FD_TOLERANCE = 1e-5


@dataclass
class Trial:
    dims: dict[str, int]
    seed: int


def shapes_from_text(worked) -> dict[str, tuple[str, str]]:
    """``\\mathbf{A}\\in\\R^{m\\times n}`` -> {"\\mathbf{A}": ("m", "n")} from the block's math."""
    found = {}
    for math in worked.block.math:
        text = math.latex
        for match in re.finditer(
                r"((?:\\mathbf\{[A-Za-z]\}(?:_\{?[A-Za-z0-9]+\}?)?\s*,?\s*)+)\\in\s*(?:\\R|\\mathbb\{R\})\^", text):
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
            for name in re.findall(r"\\mathbf\{[A-Za-z]\}(?:_\{?[A-Za-z0-9]+\}?)?", match.group(1)):
                found[re.sub(r"_([A-Za-z0-9])$", r"_{\1}", name)] = shape
    return found


def _default_shape(name: str) -> tuple[str, str]:
    letter = re.search(r"\{([A-Za-z])\}", name).group(1)
    return ("n", "1") if letter.islower() else ("n", "n")


def _bold_names(text: str) -> set[str]:
    """Bold names that stand for arbitrary matrices (the identity and zero are fixed)."""
    names = {re.sub(r"_([A-Za-z0-9])$", r"_{\1}", n)
             for n in re.findall(r"\\mathbf\{[A-Za-z0-9]\}(?:_\{?\w+\}?)?", text)}
    return {n for n in names if not re.match(r"\\mathbf\{[I0]\}", n)}


def check_identity(worked, chain_text: str | None = None, shapes: dict | None = None,
                   symmetric: tuple[str, ...] = (), positive: tuple[str, ...] = (),
                   trials: int = TRIALS, modes: tuple[str, ...] = ("exact", "numeric")) -> None:
    """Verify the block's identity (its first display, or ``chain_text``) on random inputs."""
    from .latex import split_chains

    if chain_text is None:
        displays = worked.block.displays
        if not displays:
            raise CheckError(f"{worked.block.where} {worked.block.label}: no display states the identity")
        chain_text = displays[0].latex
    chains = split_chains(chain_text)
    if not chains:
        raise CheckError(f"{worked.block.where} {worked.block.label}: the identity states no relation")
    stated = dict(shapes_from_text(worked))
    for key, value in (shapes or {}).items():
        stated[key] = tuple(value.split()) if isinstance(value, str) else tuple(value)
    names = set().union(*(_bold_names(link.text) for chain in chains for link in chain.links))
    for name in names:
        stated.setdefault(name, _default_shape(name))
    dim_symbols = sorted({d for shape in stated.values() for d in shape if not d.isdigit()})
    rng = random.Random(f"{worked.block.label}")
    combos = list(itertools.product(DIMENSION_VALUES, repeat=len(dim_symbols)))
    rng.shuffle(combos)
    # Prefer shapes where the dimensions differ, so a transposed factor cannot pass by luck.
    combos.sort(key=lambda c: -len(set(c)))
    if not dim_symbols:
        combos = [()] * trials  # only scalars: several random points
    tried = 0
    for combo in combos:
        if tried >= trials:
            break
        dims = dict(zip(dim_symbols, combo))
        for exact in [mode == "exact" for mode in modes]:
            outcome = _trial(worked, chains, stated, dims, symmetric, positive, exact,
                             seed=rng.randrange(2 ** 31))
            if outcome is None:
                break  # these shapes do not fit the expression; try others
        else:
            tried += 1
    if tried == 0:
        raise CheckError(f"{worked.block.where} {worked.block.label}: no choice of shapes makes "
                         f"the identity's sides computable")
    worked.compared += tried


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


def _trial(worked, chains, stated, dims, symmetric, positive, exact, seed) -> bool | None:
    rng = random.Random(seed)
    env = Env()
    numeric_values = {}
    for name, (r, c) in stated.items():
        rows = int(r) if r.isdigit() else dims[r]
        cols = int(c) if c.isdigit() else dims[c]
        letter = re.search(r"\{([A-Za-z])\}", name).group(1)
        # Exact trials use random rationals; a derivative by a matrix then works on
        # fresh symbols for that matrix alone (see BookTransformer._with_symbolic).
        env.bind(name, _random_matrix(rng, rows, cols, exact, letter in symmetric or name in symmetric,
                                      letter in positive or name in positive))
    for key, value in worked.env.values.items():
        if isinstance(value, sympy.Lambda):
            env.bind(key, value)
    for chain in chains:
        evaluated = []
        for link in chain.links:
            try:
                norm, tree = worked._parse(link.text)
                raw = BookTransformer(env, numeric=not exact)._sub(tree)
                value = finalize(raw, env)
            except Unreadable:
                return None
            except (sympy.ShapeError, ValueError, TypeError):
                return None
            evaluated.append(value)
        scalars = set()
        for value in evaluated:
            items = list(value) if is_matrix(value) else [value]
            for item in items:
                scalars |= {s for s in sympy.sympify(item).free_symbols
                            if s not in numeric_values and not s.name.startswith("decimal")}
        point = dict(numeric_values)
        for s in sorted(scalars, key=lambda s: s.name):
            point[s] = sympy.Rational(rng.randint(-9, 9), rng.randint(1, 4)) if exact else rng.uniform(-1.5, 1.5)
        concrete = [_at(v, point) for v in evaluated]
        for i, relation in enumerate(chain.relations):
            a, b = concrete[i], concrete[i + 1]
            if not _agree(a, b, relation, exact):
                shape_text = ", ".join(f"{k}={v}" for k, v in dims.items()) or "the stated shapes"
                how = "exactly" if exact else "by finite differences"
                raise CheckError(
                    f"{worked.block.where} {worked.block.label}: the identity "
                    f"{chain.links[i].text} {relation} {chain.links[i + 1].text} fails {how} "
                    f"for {shape_text}: the sides are {show(a)} and {show(b)}")
    return True


def _at(value, point):
    if is_matrix(value):
        return sympy.ImmutableMatrix(value.subs(point))
    return sympy.sympify(value).subs(point)


def _agree(a, b, relation, exact) -> bool:
    if is_matrix(a) != is_matrix(b):
        return False
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
