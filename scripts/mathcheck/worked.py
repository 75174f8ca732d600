"""One worked example or solution, read from the text: its givens, its chains, its results.

``Worked`` is what a check receives. It binds every name the text defines
(``\\mathbf{A} = \\begin{bmatrix}...``, ``f(x) = ...``, ``a = 3``), verifies
every chain of relations link by link, and offers the check a small API:

- ``given(name)``: a value the text binds, for example ``given(r"\\mathbf{A}")``;
- ``result(value)``: compare with the block's stated result, the last link of
  its final display;
- ``results(v1, v2, ...)`` and ``result_set(values)``: the final display holds
  several results (in order, or in any order);
- ``states(subject, value)``: compare with the last link of the chain that
  starts with ``subject`` anywhere in the block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sympy

from .compare import Measured, holds, measure, show
from .errors import CheckError, Unreadable
from .evaluate import BookTransformer, BoldName, Env, FunctionHead, finalize, is_matrix
from .latex import Chain, Link, book_macros, normalise, split_chains
from .parser import default_cache
from .source import Block

SYMBOL_OF = {"=": "=", "approx": "\\approx", "<=": "\\le", ">=": "\\ge", "<": "<", ">": ">",
             "!=": "\\ne", "in": "\\in", "rowequiv": "\\sim"}


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
        self.supports: dict[str, sympy.Set] = {}
        self.compared = 0
        self.skipped: list[str] = []
        self.located: list[Located] = []
        for index, math in enumerate(block.math):
            for chain in split_chains(math.latex, index, math.line):
                self.located.append(Located(chain, math.line, math.latex))
        self._bind()

    # ---- reading links -----------------------------------------------------------

    def _parse(self, text: str):
        norm = normalise(text, self.macros)
        return norm, self.cache.parse(norm.text)

    def measure(self, text: str, exclude: frozenset = frozenset()) -> Measured:
        """The value of one link under the block's bindings (``exclude``: names left free)."""
        norm, tree = self._parse(text)
        env = self.env
        if exclude:
            env = self.env.copy()
            for name in exclude:
                env.values.pop(name, None)
        raw = BookTransformer(env)._sub(tree)
        return measure(finalize(raw, env), norm.decimals)

    def name_of(self, text: str):
        """The name a link consists of, if it is one: a key, or ("f", [params]) for f(x, y)."""
        try:
            _, tree = self._parse(text)
            name = BookTransformer(self.env, naming=True)._sub(tree)
        except Unreadable:
            return None
        if isinstance(name, BoldName):
            return name.key
        if isinstance(name, sympy.Symbol) and not name.name.startswith("decimal"):
            return name.name
        if isinstance(name, FunctionHead) and all(isinstance(a, sympy.Symbol) for a in name.args):
            return (name.name, list(name.args))
        return None

    # ---- bindings ----------------------------------------------------------------

    def _bind(self) -> None:
        """Bind every name the text defines. A scalar is bound only to a closed value
        (no unknowns left), so that "the line $x_2 = -x_1$" states a condition, not a
        definition; bindings that wait on later ones are retried until none progress."""
        pending = []
        for loc in self.located:
            chain = loc.chain
            if chain.relations[0] == "in":
                self._bind_support(chain)
                continue
            if chain.relations[0] != "=":
                continue
            name = self.name_of(chain.subject)
            if name is not None:
                pending.append((name, chain))
        progress = True
        while pending and progress:
            progress = False
            for item in list(pending):
                if self._bind_one(*item):
                    pending.remove(item)
                    progress = True

    def _bind_one(self, name, chain: Chain) -> bool:
        """Try to bind one name from its chain; True when settled (bound, or never bindable)."""
        key = name[0] if isinstance(name, tuple) else name
        if key in self.env.values:
            return True
        for link, relation in zip(chain.links[1:], chain.relations):
            if relation != "=":
                break
            try:
                if isinstance(name, tuple):
                    params = name[1]
                    body = self.measure(link.text, exclude=frozenset(p.name for p in params))
                    self.env.bind(key, sympy.Lambda(tuple(params), body.value))
                    return True
                value = self.measure(link.text, exclude=frozenset({key}))
            except Unreadable:
                continue
            if value.tolerance != 0 and not is_matrix(value.tolerance):
                return True  # never bind to a rounded decimal
            if not key.startswith("\\") and not value.closed:
                return False  # a scalar waits until its value is known
            self.env.bind(key, value.value)
            return True
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
            self.supports[name] = sympy.Interval(low, high, interval.group(1) == "(", interval.group(4) == ")")
            return
        if not (text.startswith("\\{") and text.endswith("\\}")):
            return
        items = [t.strip() for t in text[2:-2].split(",")]
        if any(t in ("\\dots", "\\ldots", "\\cdots") for t in items):
            i = [t in ("\\dots", "\\ldots", "\\cdots") for t in items].index(True)
            try:
                start, second, last = (self.measure(items[0]).value, self.measure(items[1]).value,
                                       self.measure(items[-1]).value)
            except Unreadable:
                return
            step = second - start if i >= 2 else 1
            values = list(range(int(start), int(last) + 1, int(step)))
        else:
            try:
                values = [self.measure(t).value for t in items]
            except Unreadable:
                return
        self.supports[name] = sympy.FiniteSet(*values)

    # ---- verifying chains --------------------------------------------------------

    def verify_chains(self) -> list[str]:
        """Check every readable link of every chain; return failure messages."""
        failures = []
        for loc in self.located:
            failures.extend(self._verify(loc))
        return failures

    def _verify(self, loc: Located) -> list[str]:
        chain = loc.chain
        if "in" in chain.relations:
            return []
        values: list[Measured | None] = []
        for link in chain.links:
            try:
                values.append(self.measure(link.text))
            except Unreadable as exc:
                self.skipped.append(f"{self.block.path}:{loc.line_of(link)} {link.text!r}: {exc}")
                values.append(None)
        if any(v is not None and v.closed for v in values):
            for i, v in enumerate(values):
                if v is not None and not v.closed:
                    self.skipped.append(f"{self.block.path}:{loc.line_of(chain.links[i])} "
                                        f"{chain.links[i].text!r}: unbound {', '.join(sorted(v.free))}")
                    values[i] = None
        failures = []
        last, between = None, []
        for i, value in enumerate(values):
            if i > 0:
                between.append(chain.relations[i - 1])
            if value is None:
                continue
            if last is not None:
                relation = _compose(between)
                if len(chain.links) == 2 and values[last].free and value.free:
                    # Two expressions in unknowns: an identity if they agree, otherwise a
                    # condition on the unknowns (the line $x_2 = -x_1$), which is not a claim.
                    if relation is not None and holds(relation, values[last], value) is True:
                        self.compared += 1
                    last, between = i, []
                    continue
                if relation == "rowequiv" and i == last + 1 and chain.labels[last]:
                    verdict = self._row_operation(chain.labels[last], values[last], value)
                    if verdict is False:
                        failures.append(self._chain_message(loc, last, i, relation, chain.labels[last]))
                    elif verdict is True:
                        self.compared += 1
                    last, between = i, []
                    continue
                if relation is not None:
                    verdict = holds(relation, values[last], value)
                    if verdict is False:
                        failures.append(self._chain_message(loc, last, i, relation))
                    elif verdict is True:
                        self.compared += 1
            last, between = i, []
        return failures

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
        va, vb = self.measure(a.text), self.measure(b.text)
        if label:
            from .rowops import apply, parse_operations

            operations = parse_operations(label)
            try:
                done = apply(va.value, operations, lambda text: self.measure(text).value) if operations else None
            except (Unreadable, IndexError, ValueError):
                done = None
            if done is None:
                return (f"{self.block.path}:{loc.line_of(b)} {self.block.label}: the text says "
                        f"{show(va.value)} \\sim {show(vb.value)}, but they are not row equivalent")
            return (f"{self.block.path}:{loc.line_of(b)} {self.block.label}: the text applies {label} "
                    f"to {show(va.value)} and gets {show(vb.value)}, but sympy gets {show(done)}")
        return (f"{self.block.path}:{loc.line_of(b)} {self.block.label}: the text says "
                f"{a.text} {SYMBOL_OF[relation]} {b.text}, but sympy computes "
                f"{show(va.value)} and {show(vb.value)}")

    # ---- the API for checks ------------------------------------------------------

    def given(self, name: str, free: tuple[str, ...] = ()):
        """The value the text binds to ``name`` (as written in LaTeX).

        ``free`` names scalars to keep as symbols even if the text binds them too,
        as in $\\mathbf{b} = (1, c)$ when the block later solves for $c = 2$.
        """
        key = self.name_of(name)
        key = key[0] if isinstance(key, tuple) else key
        if key not in self.env.values:
            raise CheckError(f"{self.block.where} {self.block.label}: the text never defines {name} "
                             f"(write a display or inline math such as ${name} = ...$)")
        if not free:
            return self.env.values[key]
        for loc in self.located:
            if loc.chain.relations[0] == "=" and self.name_of(loc.chain.subject) == key:
                return self.measure(loc.chain.links[1].text, exclude=frozenset(free)).value
        return self.env.values[key]

    def require(self, condition: bool, message: str) -> None:
        """A property the check verifies itself (say, that a stated vector is a unit eigenvector)."""
        if not condition:
            raise CheckError(f"{self.block.where} {self.block.label}: {message}")
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
                    raise CheckError(f"{self.block.path}:{loc.line_of(link)} {self.block.label}: the text says "
                                     f"{first.text} = {link.text}, but sympy finds {show(expected.value)} "
                                     f"and {show(value.value)}")
                self.compared += 1

    def eliminates(self, matrix) -> None:
        """The block's first chain of row operations starts from ``matrix``."""
        for loc in self.located:
            if "rowequiv" in loc.chain.relations:
                start = self.measure(loc.chain.subject).value
                if not (is_matrix(start) and sympy.Matrix(start) == sympy.Matrix(matrix)):
                    raise CheckError(f"{self.block.path}:{loc.line_of(loc.chain.links[0])} {self.block.label}: "
                                     f"the elimination starts from {show(start)}, but the system's "
                                     f"matrix is {show(sympy.ImmutableMatrix(matrix))}")
                self.compared += 1
                return
        raise CheckError(f"{self.block.where} {self.block.label}: no chain of row operations "
                         "(write them over arrows, \\xrightarrow{R_2 - 2R_1})")

    def support(self, name: str) -> sympy.Set:
        """The set a variable ranges over, from ``x \\in \\{1, 2, \\dots, 6\\}`` in the text."""
        key = self.name_of(name)
        if key not in self.supports:
            raise CheckError(f"{self.block.where} {self.block.label}: the text never says "
                             f"{name} \\in \\{{...\\}}")
        return self.supports[key]

    def final_chains(self) -> list[Located]:
        displays = [i for i, m in enumerate(self.block.math) if m.display]
        if not displays:
            raise CheckError(f"{self.block.where} {self.block.label}: no display equation states a result")
        last = displays[-1]
        found = [loc for loc in self.located if loc.chain.math_index == last]
        if not found:
            raise CheckError(f"{self.block.where} {self.block.label}: the final display states no "
                             "relation such as '= result'")
        return found

    def result(self, value) -> None:
        """Compare ``value`` with the stated result: the last link of the final display."""
        chains = self.final_chains()
        if len(chains) != 1:
            raise CheckError(f"{self.block.where} {self.block.label}: the final display states "
                             f"{len(chains)} results; use results(...) or result_set(...)")
        self._compare(chains[0], value)

    def results(self, *values) -> None:
        """Compare with the final display's results, in order."""
        chains = self.final_chains()
        if len(chains) != len(values):
            raise CheckError(f"{self.block.where} {self.block.label}: the final display states "
                             f"{len(chains)} results, the check computes {len(values)}")
        for loc, value in zip(chains, values):
            self._compare(loc, value)

    def result_set(self, values) -> None:
        """Compare with the final display's results, in any order (eigenvalues, say)."""
        chains = self.final_chains()
        expected = list(values)
        if len(chains) != len(expected):
            raise CheckError(f"{self.block.where} {self.block.label}: the final display states "
                             f"{len(chains)} results, the check computes {len(expected)}: "
                             f"{', '.join(show(v) for v in expected)}")
        remaining = list(expected)
        for loc in chains:
            stated = self.measure(loc.chain.last.text)
            match = next((v for v in remaining
                          if holds("=", stated, measure(sympy.sympify(v) if not is_matrix(v) else v, {}))), None)
            if match is None:
                raise CheckError(self._message(loc, f"{{{', '.join(show(v) for v in remaining)}}}"))
            remaining.remove(match)
            self.compared += 1

    def states(self, subject: str, value) -> None:
        """Compare with every chain that starts with ``subject``."""
        want = normalise(subject, self.macros).text
        found = [loc for loc in self.located
                 if normalise(loc.chain.subject, self.macros).text == want
                 and set(loc.chain.relations) <= {"=", "approx"}]
        if not found:
            raise CheckError(f"{self.block.where} {self.block.label}: the text never states "
                             f"{subject} = ...")
        for loc in found:
            self._compare(loc, value)

    def identity(self, chain: str | None = None, shapes: dict | None = None,
                 symmetric: tuple[str, ...] = (), positive: tuple[str, ...] = ()) -> None:
        """Check the block's general identity on random inputs of several shapes.

        ``chain`` picks a display other than the first; ``shapes`` supplies shapes the
        text does not state, as {"\\mathbf{A}": "m n"}; ``symmetric`` and ``positive``
        name matrices (by letter) that the statement assumes symmetric or positive definite.
        """
        from .identity import check_identity

        check_identity(self, chain, shapes, tuple(symmetric), tuple(positive))

    def use_definition(self, label: str) -> None:
        """Take the names another block defines, such as the sigmoid's formula for its identity."""
        block = self.lookup(label) if self.lookup else None
        if block is None:
            raise CheckError(f"{self.block.where} {self.block.label}: no block labelled {label}")
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
            raise CheckError(f"{self.block.where} {self.block.label}: the final result's subject "
                             f"{loc.chain.subject!r} is not of the form F(a, b, ...)")
        try:
            values = [self.measure(a).value for a in args]
        except Unreadable as exc:
            raise CheckError(f"{self.block.where} {self.block.label}: cannot read the arguments "
                             f"of {loc.chain.subject!r}: {exc}") from None
        self._compare(loc, operation(*values))

    def _compare(self, loc: Located, value) -> None:
        link = loc.chain.last
        try:
            stated = self.measure(link.text)
        except Unreadable as exc:
            raise CheckError(f"{self.block.path}:{loc.line_of(link)} {self.block.label}: cannot read "
                             f"the stated result {link.text!r}: {exc}") from None
        computed = measure(value if is_matrix(value) or isinstance(value, sympy.Set)
                           else sympy.sympify(value), {})
        relation = "approx" if loc.chain.relations[-1] == "approx" else "="
        if holds(relation, stated, computed) is not True:
            raise CheckError(self._message(loc, show(computed.value)))
        self.compared += 1

    def _message(self, loc: Located, computed: str) -> str:
        chain = loc.chain
        return (f"{self.block.path}:{loc.line_of(chain.last)} {self.block.label}: the text says "
                f"{chain.subject} {SYMBOL_OF[chain.relations[-1]]} {chain.last.text}, "
                f"sympy computes {computed}")


def _compose(relations: list[str]) -> str | None:
    """The relation implied between two links by the relations between them."""
    kinds = set(relations)
    if "rowequiv" in kinds:
        return "rowequiv" if kinds <= {"=", "rowequiv"} else None
    if kinds <= {"=", "approx"}:
        return "approx" if "approx" in kinds else "="
    for weak, strict in (("<=", "<"), (">=", ">")):
        if kinds <= {"=", "approx", weak, strict}:
            return strict if strict in kinds else weak
    if kinds == {"!="}:
        return "!="
    return None


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
