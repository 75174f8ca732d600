"""From a chapter's LaTeX to chains of links: normalising, splitting and reading numbers.

A *chain* is what a display states, such as ``\\det A = 2\\cdot 3 - 1\\cdot 1 = 5``:
links (``\\det A``, ``2\\cdot 3 - 1\\cdot 1``, ``5``) joined by relations. This
module cuts math into chains at the top level (outside braces, brackets,
matrices and ``\\left...\\right``), and normalises each link for the parser:
the book's macros are expanded from ``book/macros.tex``, spacing is dropped,
and every decimal literal is replaced by a placeholder that remembers its
precision, so that ``\\approx 0.749`` is compared to three decimals.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

RELATIONS = {
    "=": "=", "\\approx": "approx", "\\le": "<=", "\\leq": "<=", "\\ge": ">=", "\\geq": ">=",
    "<": "<", ">": ">", "\\ne": "!=", "\\neq": "!=", "\\in": "in", "\\lt": "<", "\\gt": ">",
    "\\sim": "sim", "\\xrightarrow": "rowequiv", "\\longrightarrow": "rowequiv",
    "\\perp": "indep", "\\indep": "indep", "\\propto": "propto",
}
# Top-level words that end a chain and start the next one.
SEPARATORS = {",", ";", "\\quad", "\\qquad", "\\implies", "\\Rightarrow", "\\iff", "\\therefore",
              "\\Longrightarrow", "\\text", "\\mbox", "\\textrm", "\\hspace", "\\quad,"}
OPEN = {"{": "}", "(": ")", "[": "]"}
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_DECIMAL = re.compile(r"(?<![\w.\\])(\d+\.\d+|\.\d+)(?![\d.])")
# One pass over commands, so that the row break "\\\\" is never mistaken for "\\ ".
_TOKEN = re.compile(r"\\\\|\\[A-Za-z]+|\\.|~")
_DROP = {"\\,", "\\;", "\\:", "\\!", "\\ ", "\\quad", "\\qquad", "\\displaystyle", "\\textstyle",
         "\\limits", "\\nolimits", "\\left", "\\right", "\\middle", "~"}
_SIZES = re.compile(r"\\[bB]igg?[lrm]?")
_ACCENT = re.compile(r"\\(hat|bar|tilde|widehat|overline)"
                     r"\{(\\mathbf\{([A-Za-z])\}|\\boldsymbol\{\\([A-Za-z]+)\}|\\?([A-Za-z]+))\}")


@dataclass
class Link:
    text: str                 # the link as written (trimmed)
    offset: int               # character offset of the link inside its math

    def __str__(self) -> str:
        return self.text


@dataclass
class Chain:
    links: list[Link]
    relations: list[str]      # len(links) - 1 entries from RELATIONS' values
    math_index: int = 0       # which math span of the block
    line: int = 0             # 1-based file line of the first link
    labels: list[str] = field(default_factory=list)  # text over each arrow (row operations), or ""

    @property
    def subject(self) -> str:
        return self.links[0].text

    @property
    def last(self) -> Link:
        return self.links[-1]


@dataclass
class Normalised:
    """A link ready for the parser, with its decimal placeholders."""

    text: str
    decimals: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)  # name -> (value, half ulp)


# --- splitting ------------------------------------------------------------------------


def _strip_environment(latex: str) -> str:
    """Drop an outer aligned/align*/gathered wrapper: its rows are chains too."""
    # \perp\!\!\!\perp (independence) is one relation: keep the length, so offsets still hold.
    latex = re.sub(r"\\perp(?:\s*\\!)+\s*\\perp", lambda m: "\\perp" + " " * (len(m.group(0)) - 5), latex)
    text = latex.strip()
    match = re.fullmatch(r"\\begin\{(aligned|align\*?|gathered|gather\*?|split|equation\*?)\}(.*)\\end\{\1\}",
                         text, re.S)
    return match.group(2) if match else text


def _scan(latex: str):
    """Yield (kind, text, start) tokens at depth 0: 'rel', 'sep', 'row', 'char'."""
    depth = 0
    i = 0
    n = len(latex)
    while i < n:
        c = latex[i]
        if c == "\\":
            match = _COMMAND.match(latex, i)
            word = match.group(0)
            if word == "\\begin":
                depth += 1
            elif word == "\\end":
                depth -= 1
            elif word in ("\\left",):
                depth += 1
            elif word in ("\\right",):
                depth -= 1
            elif word == "\\\\" and depth == 0:
                yield "row", word, i
                i = match.end()
                continue
            elif depth == 0 and word in RELATIONS:
                end = match.end()
                if word == "\\xrightarrow":
                    end = _skip_group(latex, end)  # the row operation written over the arrow
                yield "rel", latex[i:end], i
                i = end
                continue
            elif depth == 0 and word in SEPARATORS and not _names_a_word(latex, match.end()):
                end = match.end()
                if word in ("\\text", "\\mbox", "\\textrm", "\\hspace"):
                    end = _skip_group(latex, end)
                yield "sep", latex[i:end], i
                i = end
                continue
            if word in ("\\{", "\\}"):
                depth += 1 if word == "\\{" else -1
            yield "char", word, i
            i = match.end()
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and c in "=<>":
            yield "rel", c, i
            i += 1
            continue
        elif depth == 0 and c in ",;":
            yield "sep", c, i
            i += 1
            continue
        elif depth == 0 and c == "&":
            yield "char", " ", i
            i += 1
            continue
        yield "char", c, i
        i += 1


def _names_a_word(latex: str, i: int) -> bool:
    """\\text{Bernoulli} or \\text{Var} names a distribution or an operator: part of the formula."""
    word = re.match(r"\s*\{([A-Za-z]+)\}", latex[i:])
    return bool(word) and (word.group(1) in DISTRIBUTIONS or word.group(1) in OPERATORS)


def _skip_group(latex: str, i: int) -> int:
    while i < len(latex) and latex[i].isspace():
        i += 1
    if i < len(latex) and latex[i] == "{":
        depth = 0
        for j in range(i, len(latex)):
            if latex[j] == "{":
                depth += 1
            elif latex[j] == "}":
                depth -= 1
                if depth == 0:
                    return j + 1
    return i


_INDENTS = ("\\quad", "\\qquad")


def split_chains(latex: str, math_index: int = 0, line: int = 0) -> list[Chain]:
    """Cut one math span into chains of at least two links."""
    body = _strip_environment(latex)
    shift = latex.find(body) if body in latex else 0
    chains: list[Chain] = []
    links: list[Link] = []
    relations: list[str] = []
    labels: list[str] = []
    current, start = [], None
    pending_row = indented = False

    def close_link() -> None:
        nonlocal current, start
        text = "".join(current).strip()
        if text:
            links.append(Link(text.rstrip(".").strip(), start + shift))
        current, start = [], None

    def close_chain() -> None:
        nonlocal links, relations, labels
        close_link()
        if len(links) >= 2 and len(relations) == len(links) - 1:
            offset = links[0].offset
            chains.append(Chain(links, relations, math_index, line + latex[:offset].count("\n"), labels))
        links, relations, labels = [], [], []

    for kind, text, pos in _scan(body):
        if kind == "rel":
            if pending_row and not "".join(current).strip():
                pending_row = False  # "\\ &= ..." continues the chain on the next row
            elif pending_row:
                pass
            if not "".join(current).strip() and not links:
                continue  # a relation with nothing before it
            close_link()
            word = _COMMAND.match(text).group(0) if text.startswith("\\") else text
            relations.append(RELATIONS[word])
            labels.append(text[len(word):].strip()[1:-1] if word == "\\xrightarrow" else "")
        elif kind == "row":
            close_link()
            pending_row, indented = True, False
        elif kind == "sep":
            if pending_row and text in _INDENTS:
                indented = True  # "\\ &\quad = ..." or "\\ &\qquad - ...": a continuation row's indent
                continue
            close_chain()
            pending_row = False
        else:
            if pending_row and indented and text.strip() and text.strip()[0] in "+-" and len(links) > len(relations):
                # An indented row that starts with + or - continues the expression of the row before.
                pending_row = False
                saved = links.pop()
                current, start = [saved.text, " "], saved.offset - shift
            if pending_row and text.strip():
                # A new row that does not start with a relation starts a new chain.
                pending_row = False
                saved = links.pop() if len(links) > len(relations) else None
                if saved is not None:
                    links.append(saved)
                close_chain()
            if start is None:
                if not text.strip():
                    continue
                start = pos
            current.append(text)
    close_chain()
    return chains


# --- normalising ------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def book_macros(root: str) -> tuple[tuple[str, int, str], ...]:
    from bookbuild.macros import MACROS_FILE, read_macros

    path = Path(root) / MACROS_FILE
    if not path.is_file():
        return ()
    return tuple((m.name, m.nargs, m.body) for m in read_macros(path))


def expand_macros(text: str, macros) -> str:
    for name, nargs, body in macros:
        if nargs:
            continue
        text = re.sub(r"\\" + name + r"(?![A-Za-z])", lambda _m, b=body: b, text)
    return text


def _accent(match: re.Match) -> str:
    accent, _, bold, bold_greek, plain = match.groups()
    tag = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde"}[accent]
    if bold:
        return r"\mathbf{%s%s}" % (bold, tag)
    if bold_greek:   # \hat{\boldsymbol{\Sigma}}: a bold name of its own, like \hat{\mathbf{x}}
        return r"\boldsymbol{\%s%s}" % (bold_greek, tag)
    return r"\sym{%s%s}" % (plain, tag)


_SUBSCRIPTED = re.compile(r"(\\sym\{[A-Za-z]+\}|\\ell|(?<![\\A-Za-z])[A-Za-z])_(\d)(?![\d])")
_LONG_SUBSCRIPT = re.compile(r"(\\ell|\\[A-Za-z]+|(?<![\\A-Za-z])[A-Za-z])_\{(\d{2,})\}")


_STAR = r"\^\s*(?:\{\s*(?:\\star|\*|\\ast)\s*\}|\\star|\*|\\ast)"


def _decorated(text: str) -> str:
    r"""Names with decorations the grammar cannot read, as plain names: x^\star -> \sym{xstar},
    \mathbf{x}^\star -> \mathbf{xstar}, \mathcal{L} -> \sym{Lcal}, x_{k+1} -> \sym{x}_{kplus1},
    \lambda_{\max}(\mathbf{A}) -> \EigMax(\mathbf{A})."""
    text = re.sub(r"\\lambda_\{?\\(max|min)\}?\s*(?=\()", lambda m: "\\Eig" + m.group(1).capitalize(), text)
    text = re.sub(r"_\{\s*\\(max|min)\s*\}", r"_{\1}", text)
    text = re.sub(r"\\(mathbf|boldsymbol)\{(\\?[A-Za-z]+)\}\^\{\\star\s*\\top\}", r"\\\1{\2star}^\\top", text)
    text = re.sub(r"\\(mathbf|boldsymbol)\{(\\?[A-Za-z]+)\}" + _STAR, r"\\\1{\2star}", text)
    text = re.sub(r"\\(" + _GREEK + r")" + _STAR, r"\\sym{\1star}", text)
    text = re.sub(r"(?<![\\A-Za-z{])([A-Za-z])" + _STAR, r"\\sym{\1star}", text)
    text = re.sub(r"\\mathcal\{([A-MO-TV-Z])\}", r"\\sym{\1cal}", text)

    def subscript(match: re.Match) -> str:
        base, inside = match.group(1), match.group(2)
        code = re.sub(r"\s+", "", inside).replace("+", "plus").replace("-", "minus")
        if base.startswith("\\mathbf") or base.startswith("\\boldsymbol") or base.startswith("\\sym"):
            return f"{base}_{{{code}}}"
        return f"\\sym{{{base.lstrip(chr(92))}}}_{{{code}}}"

    return re.sub(r"(\\(?:mathbf|boldsymbol|sym)\{\\?[A-Za-z0-9]+\}|\\(?:" + _GREEK + r")|(?<![\\A-Za-z{])[A-Za-z])"
                  r"_\{([A-Za-z0-9 ]*[+-][A-Za-z0-9 +-]*)\}", subscript, text)


def _named(text: str) -> str:
    """Rewrite names SymPy's grammar cannot read into \\sym{...} form."""
    text = re.sub(r"\\ell(?![A-Za-z])", r"\\sym{ell}", text)
    text = re.sub(r"(\\sym\{[A-Za-z]+\})_(\d)(?!\d)", r"\1_{\2}", text)

    def long(match: re.Match) -> str:
        base, digits = match.groups()
        if base.startswith("\\") and base not in ("\\sym",):
            if not base[1:].isalpha() or base[1:] in ("frac", "sqrt", "sum", "int", "prod", "binom"):
                return match.group(0)
            base = base[1:]
        return r"\sym{%s}_{%s}" % (base, digits)

    return _LONG_SUBSCRIPT.sub(long, text)


# Commands that name an operator, a function or a distribution, as the grammar reads them.
OPERATORS = {
    "tr": "trace", "trace": "trace", "rank": "rank", "diag": "diag", "vec": "VecOp",
    "Var": "Variance", "Cov": "Covariance", "Corr": "Correlation", "corr": "Correlation",
    "softmax": "Softmax", "LSE": "LogSumExp", "logsumexp": "LogSumExp", "ReLU": "ReLU", "relu": "ReLU",
    "argmin": "ArgMin", "argmax": "ArgMax", "KL": "KL",
}
DISTRIBUTIONS = {
    "Bernoulli": "Bernoulli", "Bern": "Bernoulli", "Binomial": "Binomial", "Bin": "Binomial",
    "Binom": "Binomial", "Categorical": "Categorical", "Cat": "Categorical", "Geometric": "Geometric",
    "Geom": "Geometric", "Geo": "Geometric", "Poisson": "Poisson", "Pois": "Poisson",
    "Uniform": "Uniform", "Unif": "Uniform", "Exponential": "Exponential", "Exp": "Exponential",
    "Expo": "Exponential", "Normal": "Normal", "Beta": "Beta", "Gamma": "Gamma",
    "Laplace": "Laplace",
}
_NAMED_WORD = re.compile(r"\\(?:operatorname\*?|mathrm|text|textrm|mathsf)\{([A-Za-z]+)\}")
_NOT_NAME = r"(?<![\\A-Za-z{])"   # a letter that is not part of a command, a word or a command's argument
_NOT_LETTER = r"(?<![\\A-Za-z])"  # a letter that is not part of a command or a word


def _words(text: str) -> str:
    r"""\operatorname{Var} -> \Variance, \text{Bernoulli} -> \DistBernoulli, \mathcal{N} -> \DistNormal, ..."""
    def word(match: re.Match) -> str:
        name = match.group(1)
        if name in OPERATORS:
            return "\\" + OPERATORS[name] + " "
        if name in DISTRIBUTIONS:
            return "\\Dist" + DISTRIBUTIONS[name]
        if name == "d":
            return match.group(0)
        return match.group(0)

    text = _NAMED_WORD.sub(word, text)
    text = re.sub(r"\\mathcal\{N\}", r"\\DistNormal", text)
    text = re.sub(r"\\mathcal\{U\}", r"\\DistUniform", text)
    text = re.sub(r"\\operatorname\*?\{arg\s*min\}", r"\\ArgMin ", text)
    text = re.sub(r"\\operatorname\*?\{arg\s*max\}", r"\\ArgMax ", text)
    text = re.sub(r"\\arg\s*\\min(?![A-Za-z])", r"\\ArgMin ", text)
    text = re.sub(r"\\arg\s*\\max(?![A-Za-z])", r"\\ArgMax ", text)
    text = re.sub(r"\\mathbb\{E\}", r"\\Expect", text)
    text = re.sub(r"\\(?:Pr|mathbb\{P\})(?![A-Za-z])", r"\\Prob", text)
    text = re.sub(r"\\mathbb\{R\}", r"\\Reals", text)
    text = re.sub(r"\\(?:mathbb|mathbf)\{[1I]\}\s*(?=\[|\\\{)", r"\\Indicator", text)
    return text


def _letter_functions(text: str) -> str:
    """P(...), O(...), H(...), D_{KL}(...) and I(X; Y): letters the grammar may not name."""
    text = re.sub(_NOT_LETTER + r"P\s*\(", r"\\Prob(", text)
    text = re.sub(_NOT_LETTER + r"O\s*\(", r"\\BigO(", text)
    text = re.sub(_NOT_LETTER + r"H\s*\(", r"\\Entropy(", text)
    text = re.sub(_NOT_LETTER + r"D_\{?(?:\\mathrm\{KL\}|\\text\{KL\}|KL|\\KL\s*)\}?\s*\(", r"\\KL(", text)
    text = re.sub(r"\\KL\s+\(", r"\\KL(", text)
    text = re.sub(_NOT_LETTER + r"I\s*\(([^;()]*);", r"\\MutualInfo(\1,", text)
    for command in ("\\KL(", "\\Prob("):
        start = 0
        while (found := text.find(command, start)) >= 0:
            end = _close_paren(text, found + len(command) - 1)
            inside = text[found + len(command):end]
            if command == "\\KL(":
                inside = re.sub(r"\\(?:parallel|\||Vert)|\|\|", ",", inside)
            else:
                inside = re.sub(r"\^\s*(?:\{\s*(?:\\mathsf\{c\}|\\mathrm\{c\}|c|\\complement)\s*\}|c(?![A-Za-z])|\\complement)",
                                r"^{\\complement}", inside)
            text = text[:found + len(command)] + inside + text[end:]
            start = found + len(command) + len(inside)
    return text


def _close_paren(text: str, i: int) -> int:
    """The index of the parenthesis that closes the one at ``text[i]``."""
    depth = 0
    for j in range(i, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return j
    return len(text)


def _evaluation_bars(text: str) -> str:
    r"""\left. f \right|_{x=1} and F(x)\Big|_0^1: the bar of evaluation, before sizes are dropped."""
    text = re.sub(r"\\left\s*\.", r"\\EvalOpen ", text)
    return re.sub(r"(?:\\right|\\[bB]igg?[lr]?)\s*\|\s*(?=[_^])", r"\\EvalAt", text)


_GREEK = ("alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|"
          "rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Sigma|Theta|Lambda|Omega|Phi|Psi|Delta|Gamma")
_NAME_COMMAND = re.compile(r"\\(?:mathbf|boldsymbol|sym|" + _GREEK + r")(?![A-Za-z])")
_DIFFERENTIAL_DENOMINATOR = re.compile(r"\s*(?:d(?=[A-Za-z\\])|\\mathrm\{d\})")


def _variable_d(text: str) -> str:
    r"""A letter d is the differential in dx, d\mathbf{X}, d(\mathbf{X}^{-1}), \frac{d}{dx} and
    \frac{d^2 f}{dx^2}; any other d (a dimension, as in \R^{n\times d}) is the variable \sym{d}."""
    differential = set()
    for match in re.finditer(r"\\frac\s*\{", text):
        first_end = _brace_end(text, match.end() - 1)
        if first_end < len(text) and text[first_end] == "{" and _DIFFERENTIAL_DENOMINATOR.match(text, first_end + 1):
            numerator = re.match(r"\s*d(?![A-Za-z])", text[match.end():])
            if numerator:
                differential.add(match.end() + numerator.end() - 1)
    out, last = [], 0
    for token in re.finditer(r"\\[A-Za-z]+|.", text, re.S):
        i = token.start()
        if token.group(0) != "d" or _in_command_argument(text, i) or i in differential:
            continue
        after = text[i + 1:i + 2]
        if after.isalpha() or _NAME_COMMAND.match(text, i + 1):
            continue  # dx, d\theta, d\mathbf{X}
        if after == "(" and re.search(r"\\(mathbf|boldsymbol)", text[i + 1:_close_paren(text, i + 1)]):
            continue  # d(\mathbf{X}^{-1})
        out.append(text[last:i] + r"\sym{d}")
        last = i + 1
    out.append(text[last:])
    return "".join(out)


def _brace_end(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return j + 1
    return len(text)


def _in_command_argument(text: str, i: int) -> bool:
    r"""Inside \begin{...}, \mathrm{...}, \text{...} and friends, where d is a letter of a word."""
    opening = text.rfind("{", 0, i)
    if opening < 0:
        return False
    head = re.search(r"\\(begin|end|mathrm|text|operatorname|mathsf|mathit|sym|mathbf|boldsymbol|mathcal|mathbb)\s*$",
                     text[:opening])
    return bool(head) and text.find("}", opening) > i


_GRAD_HEAD = re.compile(r"\\nabla(?:_\{(?:[^{}]|\{[^{}]*\})*\}|_\\?[A-Za-z])?\s*")


def _close_of(text: str, start: int, opening: str, closing: str) -> int:
    """The index just past the ``closing`` that matches the ``opening`` at ``start`` (-1 if none)."""
    depth, i = 0, start
    while i < len(text):
        if text.startswith(opening, i):
            depth, i = depth + 1, i + len(opening)
        elif text.startswith(closing, i):
            depth, i = depth - 1, i + len(closing)
            if depth == 0:
                return i
        else:
            i += 1
    return -1


def _gradient_operands(text: str) -> str:
    """Bracket what a gradient applies to when it is more than one factor.

    ``\\nabla_{\\mathbf{x}}\\lVert\\mathbf{r}\\rVert_2^2`` is the gradient of the squared norm
    (nobody squares a gradient of a norm), ``\\nabla_{\\mathbf{X}}\\tr(\\dots)`` the gradient of
    the trace and ``\\nabla_{\\mathbf{X}}\\log\\det\\mathbf{X}`` that of the log-determinant.
    """
    out, i = [], 0
    for match in _GRAD_HEAD.finditer(text):
        if match.start() < i:
            continue
        start = match.end()
        end = -1
        if text.startswith("\\lVert", start):
            end = _close_of(text, start, "\\lVert", "\\rVert")
            if end > 0:
                sub = re.match(r"_(?:\{[^{}]*\}|[A-Za-z0-9])", text[end:])
                end += sub.end() if sub else 0
                power = re.match(r"\^(?:\{[^{}]*\}|[0-9])", text[end:])
                end = end + power.end() if power else -1
        elif re.match(r"(?:\\tr|\\operatorname\{tr\})\s*\(", text[start:]):
            end = _close_of(text, text.index("(", start), "(", ")")
        else:
            logdet = re.match(r"\\log\s*\\det\s*(?:\\mathbf\{[A-Za-z]\}|\\boldsymbol\{\\?[A-Za-z]+\}|[A-Za-z])", text[start:])
            end = start + logdet.end() if logdet else -1
        if end > 0:
            out.append(text[i:start] + "(" + text[start:end] + ")")
            i = end
    out.append(text[i:])
    return "".join(out)


def normalise(text: str, macros=()) -> Normalised:
    """Rewrite one link into the dialect the extended Lark grammar reads."""
    t = expand_macros(text, macros)
    t = _evaluation_bars(t)
    t = _TOKEN.sub(lambda m: " " if (m.group(0) in _DROP or _SIZES.fullmatch(m.group(0))) else m.group(0), t)
    t = t.replace("{,}", "").replace("\\%", "\\cdot\\frac{1}{100}")
    t = _gradient_operands(t)
    t = _words(t)
    t = re.sub(r"\^\{?\\circ\}?", r"\\cdot\\frac{\\pi}{180}", t)
    t = re.sub(r"\\mathbf\{([A-Za-z0-9])\}_([A-Za-z0-9])(?![A-Za-z0-9])", r"\\mathbf{\1}_{\2}", t)
    t = _ACCENT.sub(_accent, t)
    t = re.sub(r"\\mathbf\{([A-Za-z0-9]+)\}_([A-Za-z0-9])(?![A-Za-z0-9])", r"\\mathbf{\1}_{\2}", t)
    t = re.sub(r"\\boldsymbol\{(\\[A-Za-z]+)\}_([A-Za-z0-9])(?![A-Za-z0-9])", r"\\boldsymbol{\1}_{\2}", t)
    t = re.sub(r"(?:\\mathbf\{J\}|" + _NOT_NAME + r"J)_\{?(\\mathbf\{[A-Za-z]\})\}?", r"\\Jacobian{\1}", t)
    t = _decorated(t)
    t = _named(t)
    t = re.sub(r"\\(dfrac|tfrac)", r"\\frac", t)
    t = re.sub(r"\\intercal(?![A-Za-z])", r"\\top", t)
    t = re.sub(r"\\(?:dim)\s*C\s*\(", r"\\DimColumn(", t)
    t = re.sub(r"\\(?:dim)\s*N\s*\(", r"\\DimNull(", t)
    t = _letter_functions(t)
    t = _variable_d(t)
    decimals: dict[str, tuple[Decimal, Decimal]] = {}

    def placeholder(match: re.Match) -> str:
        literal = match.group(1)
        digits = len(literal.split(".")[1])
        name = "decimal" + "".join(chr(ord("A") + int(d)) for d in str(len(decimals)))
        decimals[name] = (Decimal(literal), Decimal(5) / (Decimal(10) ** (digits + 1)))
        return r"\mathit{%s}" % name

    t = _DECIMAL.sub(placeholder, t)
    t = re.sub(r"\s+", " ", t).strip().rstrip(".").strip()
    return Normalised(t, decimals)
