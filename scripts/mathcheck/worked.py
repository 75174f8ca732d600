"""One worked example or solution, read from the text: its givens, its chains, its results.

``Worked`` is what a check receives. It binds every name the text defines
(``\\mathbf{A} = \\begin{bmatrix}...``, ``f(x) = ...``, ``a = 3``, ``X \\sim \\DistPoisson(2)``,
``P(D) = 0.01``), verifies every chain of relations link by link, records what it
made of each link (``coverage``), and offers the check a small API:

- ``given(name)``: a value the text binds, for example ``given(r"\\mathbf{A}")``;
- ``result(value)``: compare with the block's stated result, the last link of
  its final display;
- ``results(v1, v2, ...)`` and ``result_set(values)``: the final display holds
  several results (in order, or in any order);
- ``states(subject, value)``: compare with the last link of the chain that
  starts with ``subject`` anywhere in the block;
- ``fail(message)``: report a problem the check found, with file, line and label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sympy

from .compare import Measured, holds, measure, show
from .coverage import Coverage
from .errors import CheckError, Unbound, Unreadable
from .evaluate import BookTransformer, Env, finalize
from .events import EventName
from .latex import Chain, Link, book_macros, normalise, split_chains
from .notation.core import BUILTIN_FUNCTIONS
from .notation.linalg import unknown_matrix
from .notation.probability import random_symbol, random_variable
from .parser import default_cache
from .source import Block
from .values import BoldName, Branches, Distribution, FunctionHead, Table, VectorFunction, is_matrix

# Notation that takes a derivative (after normalising), for the central-difference checks.
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\frac\{\s*d|\\Jacobian|'")

SYMBOL_OF = {"=": "=", "approx": "\\approx", "<=": "\\le", ">=": "\\ge", "<": "<", ">": ">",
             "!=": "\\ne", "in": "\\in", "rowequiv": "\\sim", "sim": "\\sim", "propto": "\\propto",
             "indep": "\\perp"}


@dataclass
class Located:
    chain: Chain
    math_line: int
    math_text: str

    def line_of(self, link: Link) -> int:
        return self.math_line + self.math_text[: link.offset].count("\n")


class Worked:
    def __init__(self, block: Block, root: Path, cache=None, lookup=None):
        self.block = block
        self.lookup = lookup  # label -> Block, for definitions used by identities
        self.root = root
        self.macros = book_macros(str(root))
        self.cache = cache or default_cache()
        self.env = Env()
        self.compared = 0
        self.coverage = Coverage(block.path)
        self.located: list[Located] = []
        self.definitions: set[tuple[int, int]] = set()  # (chain, link) pairs a name was bound from
        self.stated_givens: set[int] = set()            # chains that state a given probability
        self.problems: list[str] = []                    # found while reading the givens
        self._value_cache: dict[int, list] = {}
        self.differences = 0                             # derivatives checked by central differences
        self.proved_symbolically = 0                     # identities whose sides SymPy simplified to one
        self.simulations: list[tuple] = []               # (subject, estimate, standard error, draws)
        for index, math in enumerate(block.math):
            for chain in split_chains(math.latex, index, math.line):
                self.located.append(Located(chain, math.line, math.latex))
        self._bind()

    @property
    def supports(self) -> dict:
        return self.env.supports

    # ---- reading links -----------------------------------------------------------

    def _parse(self, text: str):
        norm = normalise(text, self.macros)
        return norm, self.cache.parse(norm.text)

    def raw(self, text: str, env: Env | None = None):
        """The value of one link before the block's scalars are put in."""
        _, tree = self._parse(text)
        return BookTransformer(env or self.env)._sub(tree)

    def measure(self, text: str, exclude: frozenset = frozenset(), env: Env | None = None) -> Measured:
        """The value of one link under the block's bindings (``exclude``: names left free)."""
        norm, tree = self._parse(text)
        env = env or self.env
        if exclude:
            env = env.copy()
            for name in exclude:
                env.values.pop(name, None)
        value = BookTransformer(env)._sub(tree)
        try:
            return measure(finalize(value, env), norm.decimals)
        except (NotImplementedError, TypeError, ValueError, ZeroDivisionError) as exc:
            raise Unreadable(f"sympy cannot evaluate it: {type(exc).__name__}: {exc}") from None

    def name_of(self, text: str):
        """What a link names, if it is a name: a key; ("f", [params]) for f(x, y) or f(\\mathbf{x});
        ("table", "p", [args]) for p(0, 1)."""
        try:
            _, tree = self._parse(text)
            name = BookTransformer(self.env, naming=True)._sub(tree)
        except Unreadable:
            return None
        if isinstance(name, BoldName):
            return name.key
        if isinstance(name, sympy.Symbol) and not name.name.startswith("decimal"):
            return name.name
        if isinstance(name, FunctionHead):
            base = name.name.rstrip("'")
            if base != name.name and (base in self.env.values or base in BUILTIN_FUNCTIONS):
                return None  # f'(x) = ... of a bound f is a claim about its derivative
            if base in BUILTIN_FUNCTIONS:
                return None  # sigma(0) = 1/2 is a claim about the sigmoid, not a new function
            if all(isinstance(a, (sympy.Symbol, BoldName)) for a in name.args):
                return (name.name, list(name.args))
            if all(isinstance(a, sympy.Basic) and a.is_number for a in name.args):
                return ("table", name.name, list(name.args))
        return None

    # ---- bindings ----------------------------------------------------------------

    def _bind(self) -> None:
        """Bind every name the text defines. A scalar is bound only to a closed value
        (no unknowns left), so that "the line $x_2 = -x_1$" states a condition, not a
        definition; bindings that wait on later ones are retried until none progress."""
        pending = []
        for loc in self.located:
            relation = loc.chain.relations[0]
            if relation == "in":
                self._bind_support(loc.chain)
            elif relation == "sim":
                pending.append((("random",), loc))
            elif relation == "=":
                name = self.name_of(loc.chain.subject)
                if name is not None:
                    pending.append((name, loc))
            if loc.chain.relations[-1] == "=" and len(loc.chain.links) > 1:
                last = self.name_of(loc.chain.last.text)
                if isinstance(last, str) and last.startswith("\\"):
                    pending.append(((last,), loc))  # a matrix named at the end: "... = \mathbf{R}"
        progress = True
        while pending and progress:
            progress = False
            for item in list(pending):
                if self._bind_one(*item):
                    pending.remove(item)
                    progress = True
        self._bind_implied_random_variables()
        self._bind_events()
        self._bind_directions()

    def _bind_one(self, name, loc: Located) -> bool:
        """Try to bind one name from its chain; True when settled (bound, or never bindable)."""
        chain = loc.chain
        if isinstance(name, tuple) and name[0] == "table":
            return self._bind_point(name[1], name[2], loc)
        if name == ("random",):
            return self._bind_random(loc)
        if isinstance(name, tuple) and len(name) == 1:
            return self._bind_last(name[0], loc)
        key = name[0] if isinstance(name, tuple) else name
        if key in self.env.values:
            return True
        for index, (link, relation) in enumerate(zip(chain.links[1:], chain.relations), start=1):
            if relation != "=":
                break
            try:
                if isinstance(name, tuple):
                    try:
                        function = self._function(key, name[1], link.text)
                    except Unbound:
                        return False
                    if function is None:
                        continue
                    self.env.bind(key, function)
                    self.definitions.add((id(loc), index))
                    return True
                value = self.measure(link.text, exclude=frozenset({key}))
            except Unreadable:
                continue
            if _rounded(value) and index > 1:
                return True  # a decimal after the first "=" may be rounded: never bind to it
            if not key.startswith("\\") and not value.closed:
                return False  # a scalar waits until its value is known
            if isinstance(value.value, sympy.Basic) and value.value.has(sympy.Order) or isinstance(value.value, Branches):
                return True  # a Taylor polynomial, or "x = \\pm v", states a property of x, not its value
            self.env.bind(key, value.value)
            self.definitions.add((id(loc), index))
            return True
        return True

    def _bind_last(self, key: str, loc: Located) -> bool:
        """Bind a bold name that closes a chain to the value of the link before it."""
        if key in self.env.values:
            return True
        try:
            value = self.measure(loc.chain.links[-2].text)
        except Unreadable:
            return False
        self.env.bind(key, value.value)
        self.definitions.add((id(loc), -1))
        return True

    def _function(self, key: str, params: list, body_text: str):
        """f(x, y) = body as a Lambda; f(\\mathbf{x}) = body as a VectorFunction, its
        vector parameters given symbols of the shape the block implies."""
        scalars = [p for p in params if isinstance(p, sympy.Symbol)]
        if len(scalars) == len(params):
            body = self.measure(body_text, exclude=frozenset(p.name for p in scalars)).value
            return sympy.Lambda(tuple(scalars), body)
        for shapes in self._parameter_shapes([p for p in params if isinstance(p, BoldName)]):
            env = self.env.copy()
            symbolic = []
            for param in params:
                if isinstance(param, BoldName):
                    symbols = unknown_matrix(param.key, shapes[param.key])
                    env.values[param.key] = symbols
                    symbolic.append((param.key, symbols))
                else:
                    env.values.pop(param.name, None)
                    symbolic.append((param.name, param))
            try:
                value = self.measure(body_text, env=env).value
            except Unbound as exc:
                if exc.key not in shapes:
                    raise  # the body uses a name bound later: bind the function then
                continue
            except Unreadable:
                continue
            return VectorFunction(key, tuple(symbolic), value)
        return None

    def _parameter_shapes(self, params: list[BoldName]):
        """Candidate shapes for unbound bold names: stated ones first, then the sizes in the block."""
        from .identity import shapes_from_text

        stated = shapes_from_text(self)
        sizes = []
        for value in self.env.values.values():
            if is_matrix(value):
                sizes += [d for d in value.shape if d not in sizes]
        sizes += [d for d in (2, 3, 1, 4) if d not in sizes]
        candidates = []
        for size in sizes:
            shapes = {}
            for p in params:
                rows, cols = stated.get(p.key, (None, None))
                rows = self._dimension(rows, size)
                vector = re.search(r"\{\\?[a-z]", p.key)
                cols = self._dimension(cols, 1 if vector else rows) if cols else (1 if vector else rows)
                shapes[p.key] = (rows, cols)
            if shapes not in candidates:
                candidates.append(shapes)
        return candidates

    def _dimension(self, name, default: int) -> int:
        """A stated dimension ("3", or a name the block binds to a number), else ``default``."""
        if name is None:
            return default
        if name.isdigit():
            return int(name)
        value = self.env.values.get(name)
        return int(value) if isinstance(value, sympy.Integer) else default

    def _bind_point(self, name: str, args: list, loc: Located) -> bool:
        """p(0, 1) = 0.2: one value of a function the text gives point by point."""
        table = self.env.values.setdefault(name, Table(name))
        if not isinstance(table, Table):
            return True
        try:
            value = self.measure(loc.chain.links[1].text)
        except Unreadable:
            return True
        if not value.closed:
            return False
        key = tuple(args)
        if key not in table.points:
            table.points[key] = value.value
            self.definitions.add((id(loc), 1))
        return True

    def _bind_support(self, chain: Chain) -> None:
        name = self.name_of(chain.subject)
        if not isinstance(name, str):
            return
        text = chain.links[1].text.strip()
        interval = re.fullmatch(r"([\[(])(.*),(.*)([\])])", text)
        if interval:
            try:
                low, high = self.measure(interval.group(2)).value, self.measure(interval.group(3)).value
            except Unreadable:
                return
            self.env.supports[name] = sympy.Interval(low, high, interval.group(1) == "(", interval.group(4) == ")")
            return
        if not (text.startswith("\\{") and text.endswith("\\}")):
            return
        items = [t.strip() for t in text[2:-2].split(",")]
        dots = [t in ("\\dots", "\\ldots", "\\cdots") for t in items]
        try:
            if any(dots):
                i = dots.index(True)
                start, second = self.measure(items[0]).value, self.measure(items[1]).value
                step = second - start if i >= 2 else 1
                if i == len(items) - 1:  # \{0, 1, 2, \dots\}: every whole number from the start
                    self.env.supports[name] = sympy.Range(int(start), sympy.oo, int(step))
                    return
                last = self.measure(items[-1]).value
                values = list(range(int(start), int(last) + 1, int(step)))
            else:
                values = [self.measure(t).value for t in items]
        except Unreadable:
            return
        self.env.supports[name] = sympy.FiniteSet(*values)

    def _bind_random(self, loc: Located) -> bool:
        """X \\sim \\mathrm{Binomial}(10, 0.3): X is a random variable with that distribution.
        True when settled; False while a parameter waits for a value bound later."""
        chain = loc.chain
        try:
            distribution = self.raw(chain.links[1].text)
        except Unbound:
            return False  # a parameter the block binds later
        except Unreadable:
            return True
        name = self.name_of(chain.subject)
        if not isinstance(distribution, Distribution) or not isinstance(name, str) or name in self.env.values:
            return True
        try:
            decimals = normalise(chain.links[1].text, self.macros).decimals
            measured = [measure(finalize(p, self.env), decimals) for p in distribution.params]
            if any(not m.closed for m in measured):
                return False
            params = tuple(m.value for m in measured)
            letter = re.sub(r"\\(mathbf|boldsymbol)\{\\?([A-Za-z]+)\}.*", r"\2", name)
            self.env.bind(name, random_variable(letter, Distribution(distribution.name, params)))
        except (Unreadable, ValueError, TypeError) as exc:
            self.problems.append(f"{self.block.path}:{loc.line_of(chain.links[1])} {self.block.label}: "
                                 f"cannot make {chain.subject} \\sim {chain.links[1].text}: {exc}")
            return True
        self.definitions.add((id(loc), 1))
        return True

    def _bind_implied_random_variables(self) -> None:
        """A block that gives p(x) (or p_X(x)) for x in a support defines the random variable X."""
        from sympy import stats

        letters = set(re.findall(r"(?<![\\A-Za-z{])([A-Z])(?![A-Za-z])", " ".join(m.latex for m in self.block.math)))
        for letter in sorted(letters):
            if letter in self.env.values:
                continue
            x = letter.lower()
            pmf = next((self.env.values[k] for k in (f"p_{{{letter}}}", "p", f"f_{{{letter}}}", "f")
                        if isinstance(self.env.values.get(k), sympy.Lambda)
                        and len(self.env.values[k].variables) == 1 and self.env.values[k].variables[0].name == x), None)
            support = self.env.supports.get(x)
            if pmf is None or support is None:
                continue
            if isinstance(support, sympy.FiniteSet):
                self.env.bind(letter, stats.FiniteRV(random_symbol(letter), {v: pmf(v) for v in support}))
            elif isinstance(support, sympy.Interval):
                variable = random_symbol(letter)
                self.env.bind(letter, stats.ContinuousRV(variable, pmf(variable), set=support))

    def _bind_directions(self) -> None:
        r"""d\mathbf{X} in the text: X varies, by a matrix of unknowns dX of X's shape."""
        text = " ".join(m.latex for m in self.block.math)
        stated = {}  # d\mathbf{X} = \begin{bmatrix}...\end{bmatrix}: a change the text gives
        for loc in self.located:
            subject = re.fullmatch(r"d\s*(\\mathbf\{[A-Za-z]\})", loc.chain.subject.strip())
            if subject and loc.chain.relations[0] == "=":
                try:
                    value = self.measure(loc.chain.links[1].text).value
                except Unreadable:
                    continue
                if is_matrix(value):
                    stated[subject.group(1)] = value
                    self.definitions.add((id(loc), 1))
        self.env.directions.update(stated)
        for key in sorted(set(re.findall(r"(?<![A-Za-z\\])d\s*(\\mathbf\{[A-Za-z]\})", text)) - set(stated)):
            value = self.env.values.get(key)
            if is_matrix(value):
                letter = key[len("\\mathbf{"):-1]
                rows, cols = value.shape
                self.env.directions[key] = sympy.ImmutableMatrix(
                    rows, cols, lambda i, j: sympy.Symbol(f"d{letter.lower()}_{{{i + 1}{j + 1}}}"))

    def _bind_events(self) -> None:
        """P(B \\mid A) = 0.9 and friends: each stated probability of named events is an
        equation for the block's event space; one that the others imply is a claim."""
        stated = []
        for loc in self.located:
            chain = loc.chain
            if chain.relations[0] == "indep":
                names = [self.name_of(link.text) for link in chain.links]
                if all(isinstance(n, str) and n not in self.env.values for n in names) and len(names) == 2:
                    space = self.env.event_space()
                    where = f"{self.block.path}:{loc.line_of(chain.links[0])}"
                    space.independent(EventName(names[0]), EventName(names[1]), where)
                continue
            if chain.relations[0] != "=" or "\\Prob" not in normalise(chain.subject, self.macros).text:
                continue
            try:
                left = self.raw(chain.subject)
                value = self.measure(chain.links[1].text)
            except Unreadable:
                continue
            if self.env.events is None or not value.closed or "\\Prob" in normalise(chain.links[1].text, self.macros).text:
                continue
            self.env.events.state(left, value.value, f"{self.block.path}:{loc.line_of(chain.links[1])}")
            stated.append(loc)
        space = self.env.events
        if space is None or not space.constraints:
            return
        if space.substitutions() is None:
            self.problems.append(f"{self.block.where} {self.block.label}: the probabilities the text states "
                                 "contradict each other (no distribution over the events has them all)")
            return
        for index, loc in enumerate(stated):
            others = space.solve(leave_out=index)
            left = space.current(self.raw(loc.chain.subject))
            if others is None or not sympy.sympify(left).xreplace(others).is_number:
                self.stated_givens.add(id(loc))

    # ---- verifying chains --------------------------------------------------------

    def verify_chains(self) -> list[str]:
        """Check every link of every chain; record what each is; return failure messages."""
        failures = list(self.problems)
        self.constrained = self._constrained_unknowns()
        for loc in self.located:
            failures.extend(self._verify(loc))
        return failures

    def _constrained_unknowns(self) -> list[tuple[int, set[str]]]:
        r"""The unknowns that the block's conditions (x_1 + x_2 = 0, \eta > 0, \mathbf{H}\mathbf{q} =
        \lambda\mathbf{q}) constrain, with the line of each condition: a step in them may use a
        condition stated by then, so it need not hold identically."""
        found: list[tuple[int, set[str], tuple[str, sympy.Interval] | None, int]] = []
        for loc in self.located:
            chain = loc.chain
            if set(chain.relations) & {"in", "indep", "sim", "rowequiv", "propto"}:
                continue
            values = self._values(loc)
            for i, (a, b) in enumerate(zip(values, values[1:])):
                if not (isinstance(a, Measured) and isinstance(b, Measured)) or (a.closed and b.closed):
                    continue
                if chain.relations[i] != "=" or len(chain.links) == 2 or a.closed or b.closed:
                    if chain.relations[i] != "=" or holds("=", a, b) is not True:
                        found.append((loc.line_of(loc.chain.links[i]), a.free | b.free,
                                      _bound(chain.relations[i], a, b), id(loc)))
        return found

    def _constrained_by(self, line: int) -> set[str]:
        """The unknowns constrained by a condition stated on ``line`` or before it."""
        return set().union(*(free for at, free, _, _ in self.constrained if at <= line))

    def _bounds_by(self, line: int, loc: Located) -> tuple[dict[str, sympy.Interval], set[str]]:
        """By ``line``: the interval each bounded unknown lies in (its support, and conditions
        such as y > 0), and the unknowns that other conditions (equations) constrain; the
        chain ``loc`` being judged is no condition of itself."""
        bounds = {name: support for name, support in self.env.supports.items() if isinstance(support, sympy.Interval)}
        others: set[str] = set()
        for at, free, bound, chain in self.constrained:
            if at > line or chain == id(loc):
                continue
            if bound is None:
                others |= free
            else:
                name, interval = bound
                bounds[name] = bounds[name].intersect(interval) if name in bounds else interval
        return bounds, others

    def _values(self, loc: Located) -> list:
        """Each link's Measured value, or the Unreadable it raised. Bold names the block never
        binds (the x of "Ax = b") become matrices of unknowns x_1, x_2, ... of a fitting shape."""
        if id(loc) in self._value_cache:
            return self._value_cache[id(loc)]

        def evaluate(env):
            found = []
            for link in loc.chain.links:
                try:
                    found.append(self.measure(link.text, env=env))
                except Unreadable as exc:
                    found.append(exc)
            return found

        values = evaluate(self.env)
        missing = {v.key for v in values if isinstance(v, Unbound)}
        while missing:  # find every unbound name: binding one may reveal the next
            env = self.env.copy()
            for key, shape in self._parameter_shapes([BoldName(k) for k in sorted(missing)])[0].items():
                env.values[key] = unknown_matrix(key, shape)
            more = {v.key for v in evaluate(env) if isinstance(v, Unbound)} - missing
            if not more:
                break
            missing |= more
        if missing:
            best = values
            for shapes in self._parameter_shapes([BoldName(k) for k in sorted(missing)]):
                env = self.env.copy()
                for key, shape in shapes.items():
                    env.values[key] = unknown_matrix(key, shape)
                trial = evaluate(env)
                if sum(isinstance(v, Measured) for v in trial) > sum(isinstance(v, Measured) for v in best):
                    best = trial
                if all(isinstance(v, Measured) for v in trial):
                    break
            values = best
        self._value_cache[id(loc)] = values
        return values

    def _verify(self, loc: Located) -> list[str]:
        chain = loc.chain
        kinds = set(chain.relations)
        mark = self.coverage.mark
        if kinds & {"in", "indep"} or (chain.relations[0] == "sim" and (id(loc), 1) in self.definitions):
            for link in chain.links:
                mark(loc, link, "given", "a declaration")
            return []
        values = self._values(loc)
        failures = []
        for link, value in zip(chain.links, values):
            if isinstance(value, Exception):
                mark(loc, link, "defect", f"unreadable: {value}")
            elif value.closed:
                failures.extend(self._by_differences(loc, link, value))
        readable = [i for i, v in enumerate(values) if isinstance(v, Measured)]
        for i, j in zip(readable, readable[1:]):
            a, b = values[i], values[j]
            first, second = chain.links[i], chain.links[j]
            if i == 0 and (id(loc), j) in self.definitions or id(loc) in self.stated_givens and i == 0 and j == 1 \
                    or (id(loc), -1) in self.definitions and j == len(chain.links) - 1 \
                    or chain.relations[i] == "=" and (i == 0 and self._free_name(first) or
                                                       j == len(chain.links) - 1 and self._free_name(second)):
                # A definition holds by itself, unless another one overrides it (y_1 = 4 stated
                # beside a vector y whose first entry is something else): then it fails.
                if a.closed and b.closed and holds("=", a, b) is False:
                    failures.append(self._chain_message(loc, i, j, "="))
                mark(loc, first, "given", "defined here")
                mark(loc, second, "given", "defined here")
                continue
            relation = _compose(chain.relations[i:j])
            if relation is None:
                for link in (first, second):
                    mark(loc, link, "defect", f"relations {' '.join(chain.relations[i:j])} do not compose")
                continue
            if relation in ("sim", "rowequiv"):
                verdict = self._row_equivalent(chain, i, j, a, b)
                label = chain.labels[i] if j == i + 1 else ""
            elif relation == "propto":
                verdict, label = _proportional(a, b), ""
            elif a.closed and b.closed:
                verdict, label = holds(relation, a, b), ""
            else:
                verdict, label = self._in_unknowns(loc, relation, a, b, loc.line_of(second)), ""
                if verdict is None:
                    mark(loc, first, "condition", "an equation or inequality in unknowns")
                    mark(loc, second, "condition", "an equation or inequality in unknowns")
                    continue
            if verdict is True:
                mark(loc, first, "compared")
                mark(loc, second, "compared")
                self.compared += 1
            elif verdict is False:
                failures.append(self._chain_message(loc, i, j, relation, label))
            else:
                for link in (first, second):
                    mark(loc, link, "defect", f"sympy cannot decide {first.text} {SYMBOL_OF[relation]} {second.text}")
        return failures

    def _by_differences(self, loc: Located, link: Link, exact: Measured) -> list[str]:
        """A stated derivative, gradient, Hessian or Jacobian, computed again by central differences."""
        norm, tree = self._parse(link.text)
        if not _DERIVATIVE.search(norm.text):
            return []
        transformer = BookTransformer(self.env, numeric=True)
        try:
            numeric = finalize(transformer._sub(tree), self.env)
        except (Unreadable, TypeError, ValueError):
            return []
        if not transformer.used_differences:
            return []
        self.differences += 1
        pairs = list(zip(exact.value, numeric)) if is_matrix(exact.value) and is_matrix(numeric) else [(exact.value, numeric)]
        try:
            close = all(abs(complex(sympy.N(a)) - complex(sympy.N(b))) <= 1e-5 * max(1.0, abs(complex(sympy.N(a))))
                        for a, b in pairs) and (not is_matrix(exact.value) or exact.value.shape == numeric.shape)
        except (TypeError, ValueError):
            return []
        if close:
            return []
        return [f"{self.block.path}:{loc.line_of(link)} {self.block.label}: {link.text} is {show(exact.value)} "
                f"exactly, but central differences give {show(numeric)}"]

    def _free_name(self, link: Link) -> bool:
        r"""A bare name the block gives no value: "\mathbf{y} = ..." defines it in terms of unknowns."""
        name = self.name_of(link.text)
        return isinstance(name, str) and name not in self.env.values

    def _in_unknowns(self, loc: Located, relation: str, a: Measured, b: Measured, line: int) -> bool | None:
        """A relation between links with unknowns left: an identity (True), a wrong step of a
        chain of three or more expressions in unknowns (False), or a condition (None). A step in
        unknowns that the block's conditions, stated by then, constrain may rest on them, so it
        is a condition; a condition stated later in the block cannot excuse it."""
        if relation != "=":
            return None
        if holds("=", a, b) is True:
            return True
        bounds, others = self._bounds_by(line, loc)
        if not (a.free | b.free) & others:  # only intervals (supports, y > 0) constrain the step
            if _identity_within(a, b, bounds):
                return True
            if len(loc.chain.links) > 2 and a.free and b.free and _refuted_within(a, b, bounds):
                return False
        if len(loc.chain.links) > 2 and a.free and b.free and not (a.free | b.free) <= self._constrained_by(line):
            return False
        return None

    def _row_equivalent(self, chain: Chain, i: int, j: int, a: Measured, b: Measured) -> bool | None:
        if j == i + 1 and chain.labels[i]:
            return self._row_operation(chain.labels[i], a, b)
        return holds("rowequiv", a, b)

    def _row_operation(self, label: str, left: Measured, right: Measured) -> bool | None:
        """Apply the row operations over an arrow exactly; None if the label is not readable."""
        from .rowops import apply, parse_operations

        operations = parse_operations(label)
        if operations is None or not (is_matrix(left.value) and is_matrix(right.value)):
            return holds("rowequiv", left, right)
        try:
            done = apply(left.value, operations, lambda text: self.measure(text).value)
        except (Unreadable, IndexError, ValueError):
            return holds("rowequiv", left, right)
        return done.shape == right.value.shape and all(sympy.simplify(x - y) == 0 for x, y in zip(done, right.value))

    def _chain_message(self, loc: Located, i: int, j: int, relation: str, label: str = "") -> str:
        chain = loc.chain
        a, b = chain.links[i], chain.links[j]
        values = self._values(loc)
        va, vb = values[i], values[j]
        where = f"{self.block.path}:{loc.line_of(b)} {self.block.label}"
        if label:
            from .rowops import apply, parse_operations

            operations = parse_operations(label)
            try:
                done = apply(va.value, operations, lambda text: self.measure(text).value) if operations else None
            except (Unreadable, IndexError, ValueError):
                done = None
            if done is None:
                return f"{where}: the text says {show(va.value)} \\sim {show(vb.value)}, but they are not row equivalent"
            return f"{where}: the text applies {label} to {show(va.value)} and gets {show(vb.value)}, but sympy gets {show(done)}"
        if relation == "=" and (va.free or vb.free):
            return (f"{where}: the text says {a.text} = {b.text}, but these differ as expressions in "
                    f"{', '.join(sorted(va.free | vb.free))}: {show(va.value)} and {show(vb.value)}")
        return (f"{where}: the text says {a.text} {SYMBOL_OF[relation]} {b.text}, but sympy computes "
                f"{show(va.value)} and {show(vb.value)}")

    def unchecked_results(self) -> list[str]:
        """The last links of the final display that no comparison reached."""
        try:
            chains = self.final_chains()
        except CheckError as exc:
            return [str(exc)]
        return [f"{self.block.path}:{loc.line_of(loc.chain.last)} {self.block.label}: the stated result "
                f"{loc.chain.last.text!r} is never compared ({self._why(loc)})"
                for loc in chains if self.coverage.status(loc, loc.chain.last) != "compared"]

    def _why(self, loc: Located) -> str:
        found = self.coverage.links.get((loc.chain.math_index, loc.chain.last.offset))
        return f"{found.status}: {found.reason}" if found and found.reason else (found.status if found else "not read")

    # ---- the API for checks ------------------------------------------------------

    def fail(self, message: str, line: int | None = None):
        """Raise the one kind of failure a check reports: file, line and label, then ``message``."""
        where = f"{self.block.path}:{line}" if line else self.block.where
        raise CheckError(f"{where} {self.block.label}: {message}")

    def given(self, name: str, free: tuple[str, ...] = ()):
        """The value the text binds to ``name`` (as written in LaTeX).

        ``free`` names scalars to keep as symbols even if the text binds them too,
        as in $\\mathbf{b} = (1, c)$ when the block later solves for $c = 2$.
        """
        key = self.name_of(name)
        key = key[0] if isinstance(key, tuple) and key[0] != "table" else (key[1] if isinstance(key, tuple) else key)
        if key not in self.env.values:
            # Not a name but a value the text determines, such as a stated probability P(D).
            try:
                value = self.measure(name)
            except Unreadable:
                value = None
            if value is not None and value.closed and any(normalise(loc.chain.subject, self.macros).text
                                                          == normalise(name, self.macros).text for loc in self.located):
                return value.value
            self.fail(f"the text never defines {name} (write a display or inline math such as ${name} = ...$)")
        if not free:
            return self.env.values[key]
        for loc in self.located:
            if loc.chain.relations[0] == "=" and self.name_of(loc.chain.subject) == key:
                return self.measure(loc.chain.links[1].text, exclude=frozenset(free)).value
        return self.env.values[key]

    def require(self, condition: bool, message: str) -> None:
        """A property the check verifies itself (say, that a stated vector is a unit eigenvector)."""
        if not condition:
            self.fail(message)
        self.compared += 1

    def identities(self) -> None:
        """Every chain whose links all keep unknowns is an identity in them.

        The harness reads a two-link chain in unknowns that does not hold as a
        condition (the line $x_2 = -x_1$); call this when the block has no such
        conditions, so that every chain in unknowns (a characteristic polynomial,
        a quadratic form) must hold identically.
        """
        for loc in self.located:
            chain = loc.chain
            if set(chain.relations) != {"="}:
                continue
            # Chains in unknown vectors (H q = lambda q) state conditions: only scalar unknowns here.
            readable = []
            for link in chain.links:
                try:
                    readable.append((link, self.measure(link.text)))
                except Unreadable:
                    continue
            if len(readable) < 2 or any(value.closed for _, value in readable):
                continue
            (first, expected), *rest = readable
            for link, value in rest:
                if holds("=", expected, value) is not True:
                    self.fail(f"the text says {first.text} = {link.text}, but sympy finds {show(expected.value)} "
                              f"and {show(value.value)}", loc.line_of(link))
                self.coverage.mark(loc, first, "compared")
                self.coverage.mark(loc, link, "compared")
                self.compared += 1

    def eliminates(self, matrix) -> None:
        """The block's first chain of row operations starts from ``matrix``."""
        for loc in self.located:
            if {"rowequiv", "sim"} & set(loc.chain.relations):
                start = self.measure(loc.chain.subject).value
                if not (is_matrix(start) and sympy.Matrix(start) == sympy.Matrix(matrix)):
                    self.fail(f"the elimination starts from {show(start)}, but the system's matrix is "
                              f"{show(sympy.ImmutableMatrix(matrix))}", loc.line_of(loc.chain.links[0]))
                self.compared += 1
                return
        self.fail("no chain of row operations (write them over arrows, \\xrightarrow{R_2 - 2R_1})")

    def support(self, name: str) -> sympy.Set:
        """The set a variable ranges over, from ``x \\in \\{1, 2, \\dots, 6\\}`` in the text."""
        key = self.name_of(name)
        if key not in self.env.supports:
            self.fail(f"the text never says {name} \\in \\{{...\\}}")
        return self.env.supports[key]

    def final_chains(self) -> list[Located]:
        displays = [i for i, m in enumerate(self.block.math) if m.display]
        if not displays:
            self.fail("no display equation states a result")
        last = displays[-1]
        found = [loc for loc in self.located if loc.chain.math_index == last]
        if not found:
            self.fail("the final display states no relation such as '= result'")
        return found

    def result(self, value) -> None:
        """Compare ``value`` with the stated result: the last link of the final display."""
        chains = self.final_chains()
        if len(chains) != 1:
            self.fail(f"the final display states {len(chains)} results; use results(...) or result_set(...)")
        self._compare(chains[0], value)

    def results(self, *values) -> None:
        """Compare with the final display's results, in order."""
        chains = self.final_chains()
        if len(chains) != len(values):
            self.fail(f"the final display states {len(chains)} results, the check computes {len(values)}")
        for loc, value in zip(chains, values):
            self._compare(loc, value)

    def result_set(self, values) -> None:
        """Compare with the final display's results, in any order (eigenvalues, say)."""
        chains = self.final_chains()
        expected = list(values)
        if len(chains) != len(expected):
            self.fail(f"the final display states {len(chains)} results, the check computes {len(expected)}: "
                      f"{', '.join(show(v) for v in expected)}")
        remaining = list(expected)
        for loc in chains:
            stated = self.measure(loc.chain.last.text)
            match = next((v for v in remaining
                          if holds("=", stated, measure(sympy.sympify(v) if not is_matrix(v) else v, {}))), None)
            if match is None:
                raise CheckError(self._message(loc, f"{{{', '.join(show(v) for v in remaining)}}}"))
            remaining.remove(match)
            self.coverage.mark(loc, loc.chain.last, "compared")
            self.compared += 1

    def _stating(self, subject: str) -> list[Located]:
        want = normalise(subject, self.macros).text
        return [loc for loc in self.located
                if normalise(loc.chain.subject, self.macros).text == want
                and set(loc.chain.relations) <= {"=", "approx"}]

    def stated(self, subject: str) -> bool:
        """Whether some chain starts with ``subject``: for a check that follows the text's own count."""
        return bool(self._stating(subject))

    def states(self, subject: str, value) -> None:
        """Compare with every chain that starts with ``subject``."""
        found = self._stating(subject)
        if not found:
            self.fail(f"the text never states {subject} = ...")
        for loc in found:
            self._compare(loc, value)

    def identity(self, chain: str | None = None, shapes: dict | None = None,
                 symmetric: tuple[str, ...] = (), positive: tuple[str, ...] = (), **options) -> None:
        """Check the block's general identity on random inputs of several shapes.

        ``chain`` picks a display other than the first; ``shapes`` supplies shapes the
        text does not state, as {"\\mathbf{A}": "m n"}; ``symmetric`` and ``positive``
        name matrices (by letter) that the statement assumes symmetric or positive
        definite; see ``identity.check_identity`` for the options of random variables.
        """
        from .identity import check_identity

        check_identity(self, chain, shapes, tuple(symmetric), tuple(positive), **options)

    def use_definition(self, label: str) -> None:
        """Take the names another block defines, such as the sigmoid's formula for its identity."""
        block = self.lookup(label) if self.lookup else None
        if block is None:
            self.fail(f"no block labelled {label}")
        other = Worked(block, self.root, self.cache, self.lookup)
        for key, value in other.env.values.items():
            self.env.values.setdefault(key, value)

    def result_at(self, operation) -> None:
        """The final display states ``F(a, b) = ...``: compare with ``operation(a, b)``.

        The arguments are read from the text's subject, so the check never types them.
        """
        chains = self.final_chains()
        loc = chains[-1]
        args = _call_arguments(loc.chain.subject)
        if args is None:
            self.fail(f"the final result's subject {loc.chain.subject!r} is not of the form F(a, b, ...)")
        try:
            values = [self.measure(a).value for a in args]
        except Unreadable as exc:
            self.fail(f"cannot read the arguments of {loc.chain.subject!r}: {exc}")
        self._compare(loc, operation(*values))

    def simulate(self, subject: str, draw) -> None:
        """A Monte Carlo receipt: compare every value stated for ``subject`` with the mean of
        ``draw(rng, size)``, within four of the estimate's own standard errors (``montecarlo.py``)."""
        from .montecarlo import receipt

        receipt(self, subject, draw)

    def _compare(self, loc: Located, value) -> None:
        link = loc.chain.last
        try:
            stated = self.measure(link.text)
        except Unreadable as exc:
            self.fail(f"cannot read the stated result {link.text!r}: {exc}", loc.line_of(link))
        computed = measure(value if is_matrix(value) or isinstance(value, sympy.Set)
                           else sympy.sympify(value), {})
        relation = "approx" if loc.chain.relations[-1] == "approx" else "="
        if holds(relation, stated, computed) is not True:
            raise CheckError(self._message(loc, show(computed.value)))
        self.coverage.mark(loc, link, "compared")
        self.compared += 1

    def _message(self, loc: Located, computed: str) -> str:
        chain = loc.chain
        return (f"{self.block.path}:{loc.line_of(chain.last)} {self.block.label}: the text says "
                f"{chain.subject} {SYMBOL_OF[chain.relations[-1]]} {chain.last.text}, "
                f"sympy computes {computed}")


def _rounded(value: Measured) -> bool:
    """Written with decimals: exact where "=" defines a given, perhaps rounded further on."""
    tolerance = value.tolerance
    return any(t != 0 for t in tolerance) if is_matrix(tolerance) else tolerance != 0


def _compose(relations: list[str]) -> str | None:
    """The relation implied between two links by the relations between them."""
    kinds = set(relations)
    if kinds & {"rowequiv", "sim"}:
        return "rowequiv" if kinds <= {"=", "rowequiv", "sim"} else None
    if kinds == {"propto"} or kinds == {"=", "propto"}:
        return "propto"
    if kinds <= {"=", "approx"}:
        return "approx" if "approx" in kinds else "="
    for weak, strict in (("<=", "<"), (">=", ">")):
        if kinds <= {"=", "approx", weak, strict}:
            return strict if strict in kinds else weak
    if kinds == {"!="}:
        return "!="
    return None


def _proportional(a: Measured, b: Measured) -> bool | None:
    """a \\propto b: their ratio is the same for every value of the unknowns."""
    if is_matrix(a.value) or is_matrix(b.value):
        return None
    try:
        ratio = sympy.simplify(sympy.sympify(a.value) / sympy.sympify(b.value))
    except (TypeError, ZeroDivisionError):
        return None
    from .compare import unknowns

    return not unknowns(ratio) and ratio != 0


def _call_arguments(subject: str) -> list[str] | None:
    """The top-level comma-separated arguments of the last (...) group ending ``subject``."""
    text = subject.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                inner = text[i + 1:-1]
                break
    else:
        return None
    args, depth, current = [], 0, ""
    for c in inner:
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
        if c == "," and depth == 0:
            args.append(current.strip())
            current = ""
        else:
            current += c
    args.append(current.strip())
    return args


def _bound(relation: str, a: Measured, b: Measured) -> tuple[str, sympy.Interval] | None:
    """(name, interval) for a condition "y > 0", "0 < y" or "\\eta \\le 1": one unknown against a number."""
    flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
    if relation not in flipped:
        return None
    if b.free and not a.free:
        a, b, relation = b, a, flipped[relation]
    if not (isinstance(a.value, sympy.Symbol) and b.closed and isinstance(b.value, sympy.Expr)
            and b.value.is_real and b.value.is_finite):
        return None
    number = b.value
    interval = {"<": sympy.Interval.open(-sympy.oo, number), "<=": sympy.Interval(-sympy.oo, number),
                ">": sympy.Interval.open(number, sympy.oo), ">=": sympy.Interval(number, sympy.oo)}[relation]
    return a.value.name, interval


def _inside(bounds: dict[str, sympy.Interval], symbols) -> dict:
    r"""Each bounded symbol written through a positive t so that SymPy knows every sign:
    lo + (hi - lo) t/(1 + t) on (lo, hi), lo + t on (lo, oo), hi - t on (-oo, hi)."""
    inside = {}
    for symbol in symbols:
        interval = bounds.get(symbol.name)
        if not isinstance(interval, sympy.Interval) or interval.is_empty:
            continue
        t = sympy.Dummy(symbol.name, positive=True)
        low, high = interval.inf, interval.sup
        if low.is_finite and high.is_finite:
            inside[symbol] = low + (high - low) * t / (1 + t)
        elif low.is_finite:
            inside[symbol] = low + t
        elif high.is_finite:
            inside[symbol] = high - t
    return inside


def _difference(a: Measured, b: Measured):
    if not all(isinstance(v, sympy.Expr) and not getattr(v, "is_Matrix", False) for v in (a.value, b.value)):
        return None  # matrices, sets, branches: their own rules decide
    return a.value - b.value


def _identity_within(a: Measured, b: Measured, bounds: dict[str, sympy.Interval]) -> bool:
    r"""An identity once each unknown is kept inside its interval (\theta \in (0, 1) makes
    \log\frac{3/4}{\theta} = \log\frac{3}{4} - \log\theta one; y > 0 makes \sqrt{y^2} = y one)."""
    difference = _difference(a, b)
    if difference is None or not bounds:
        return False
    inside = _inside(bounds, difference.free_symbols)
    if not inside:
        return False
    within = difference.subs(inside)
    forms = (lambda e: sympy.expand_log(sympy.logcombine(e)), lambda e: sympy.expand_log(sympy.simplify(e)))
    return any(sympy.simplify(form(within)) == 0 for form in forms)


def _refuted_within(a: Measured, b: Measured, bounds: dict[str, sympy.Interval]) -> bool:
    """True when the two sides differ at some point inside the intervals (an unbounded
    unknown may take any value): evaluated at five seeded points, so the verdict is the
    same on every run."""
    import random

    difference = _difference(a, b)
    if difference is None or not difference.free_symbols:
        return False
    symbols = sorted(difference.free_symbols, key=lambda x: x.name)
    rng = random.Random(str(difference))
    for _ in range(5):
        point = {}
        for symbol in symbols:
            u = rng.uniform(0.15, 0.85)
            interval = bounds.get(symbol.name, sympy.Interval(-2, 2))
            low, high = interval.inf, interval.sup
            low = float(low) if low.is_finite else (float(high) - 3 if high.is_finite else -2.0)
            high = float(high) if high.is_finite else low + 3
            point[symbol] = low + (high - low) * u
        try:
            value = complex(difference.evalf(subs=point))
            scale = 1 + abs(complex(a.value.evalf(subs=point)))
        except (TypeError, ValueError, ZeroDivisionError):
            continue
        if value == value and abs(value) > 1e-7 * scale and abs(value) != float("inf"):
            return True
    return False
