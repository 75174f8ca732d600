"""Linear algebra: bold vectors and matrices, transposes and powers, norms, the
functions of a matrix, Kronecker and Hadamard products (grammar: grammar/linalg.lark).

Bold names are replaced by their matrices while parsing, so products keep their
order. ``\\mathbf{I}`` and ``\\mathbf{1}`` without a size take the size the matrix
beside them implies.
"""

from __future__ import annotations

import re

import sympy
from lark import Token

from ..arithmetic import unwrap
from ..errors import Unbound, Unreadable
from ..values import BoldName, Eye, Ones, as_matrix, is_matrix

_SIZED = re.compile(r"\\mathbf\{([I01])\}(?:_\{(\d+)\})?")


class LinalgNotation:
    def _bold(self, key: str):
        if self.naming:
            return BoldName(key)
        if key in self.env.values:
            return self.env.values[key]
        if self.env.index:  # \\mathbf{x}_i inside \\sum_{i=1}^{n}: the i-th of the block's x_1, x_2, ...
            match = re.fullmatch(r"(.*)_\{(\w+)\}", key)
            if match and match.group(2) in self.env.index:
                indexed = f"{match.group(1)}_{{{self.env.index[match.group(2)]}}}"
                if indexed in self.env.values:
                    return self.env.values[indexed]
        sized = _SIZED.fullmatch(key)
        if sized:
            letter, size = sized.groups()
            if letter == "0":
                return sympy.ImmutableMatrix(sympy.zeros(int(size), 1)) if size else sympy.Integer(0)
            if letter == "I":
                return sympy.ImmutableMatrix(sympy.eye(int(size))) if size else Eye()
            return sympy.ImmutableMatrix(sympy.ones(int(size), 1)) if size else Ones()
        raise Unbound(key)

    def BOLD_SYMBOL(self, token):
        return self._bold(str(token))

    def superscript(self, tokens):
        base = tokens[0]
        sup = tokens[2] if len(tokens) == 3 else tokens[3]
        if isinstance(sup, Token) and sup.type == "CMD_TOP":
            if isinstance(base, Eye):
                return base
            if isinstance(base, Ones):
                return Ones(base.scale, not base.row)
            if not is_matrix(base):
                raise Unreadable("transpose of a scalar")
            return as_matrix(base).T
        if is_matrix(base) and sup == sympy.Symbol("T"):
            return as_matrix(base).T
        return super().superscript(tokens)

    def norm(self, tokens):
        value = tokens[1]
        rest = [t for t in tokens[3:] if not (isinstance(t, Token) and t.type in ("UNDERSCORE", "L_BRACE", "R_BRACE"))]
        sub = rest[0] if rest else None
        if not is_matrix(value):
            return sympy.Abs(value)
        m = as_matrix(value)
        if min(m.shape) != 1 and sub == 2:
            if m.free_symbols:
                raise Unreadable("the spectral norm of a matrix of unknowns")
            # The spectral norm: the largest singular value.
            return sympy.sqrt(sympy.Max(*(m.T * m).eigenvals().keys()))
        if sub is None or sub == 2:
            if min(m.shape) != 1:
                raise Unreadable("\\lVert A\\rVert of a matrix needs a subscript (F or 2)")
            # The book's vectors are real: x^2, and |x|^2 only for a complex entry.
            return sympy.sqrt(sum(x ** 2 if x.is_real is not False else sympy.Abs(x) ** 2 for x in m))
        if sub == 1:
            return sum(sympy.Abs(x) for x in m) if min(m.shape) == 1 else m.norm(1)
        if sub == sympy.oo:
            return sympy.Max(*[sympy.Abs(x) for x in m]) if min(m.shape) == 1 else m.norm(sympy.oo)
        if sub == sympy.Symbol("F"):
            return sympy.sqrt(sum(x ** 2 for x in m))
        raise Unreadable(f"norm with subscript {sub}")

    def determinant(self, tokens):
        if len(tokens) == 2:
            if not is_matrix(tokens[1]):
                raise Unreadable("determinant of a non-matrix")
            return as_matrix(tokens[1]).det()
        return self.matrix(tokens).det()

    def trace(self, tokens):
        if not is_matrix(tokens[1]):
            raise Unreadable("trace of a non-matrix")
        return as_matrix(tokens[1]).trace()

    def rank(self, tokens):
        if not is_matrix(tokens[1]):
            raise Unreadable("rank of a non-matrix")
        return sympy.Integer(as_matrix(tokens[1]).rank())

    def diag(self, tokens):
        items = [unwrap(x) for x in tokens[2]]
        if len(items) == 1 and is_matrix(items[0]) and min(items[0].shape) == 1:
            items = list(items[0])  # diag(x) of a vector
        return sympy.ImmutableMatrix(sympy.diag(*items))

    def vec(self, tokens):
        """The columns of a matrix stacked into one vector."""
        m = tokens[1]
        if not is_matrix(m):
            raise Unreadable("vec of a non-matrix")
        m = as_matrix(m)
        return sympy.ImmutableMatrix(m.T.reshape(len(m), 1))

    def dimension(self, tokens):
        """\\dim C(A) is the rank; \\dim N(A) is the number of columns minus the rank."""
        m = tokens[1]
        if not is_matrix(m):
            raise Unreadable("the column or null space of a non-matrix")
        m = as_matrix(m)
        rank = m.rank()
        return sympy.Integer(rank if tokens[0].type == "FUNC_DIM_COLUMN" else m.shape[1] - rank)

    def kronecker(self, tokens):
        a, b = tokens[0], tokens[2]
        if not (is_matrix(a) and is_matrix(b)):
            raise Unreadable("a Kronecker product of non-matrices")
        return sympy.ImmutableMatrix(sympy.kronecker_product(as_matrix(a), as_matrix(b)))

    def hadamard(self, tokens):
        a, b = tokens[0], tokens[2]
        if not (is_matrix(a) and is_matrix(b)) or as_matrix(a).shape != as_matrix(b).shape:
            raise Unreadable("an entrywise product needs two matrices of one shape")
        return sympy.ImmutableMatrix(as_matrix(a).multiply_elementwise(as_matrix(b)))

    def eigenvalue_extreme(self, tokens):
        m = tokens[1]
        if not is_matrix(m) or as_matrix(m) != as_matrix(m).T:
            raise Unreadable("the largest or smallest eigenvalue of something that is not a symmetric matrix")
        values = list(as_matrix(m).eigenvals())
        pick = sympy.Max if tokens[0].type == "FUNC_EIG_MAX" else sympy.Min
        return pick(*values)

    def tuple_vector(self, tokens):
        return sympy.ImmutableMatrix([unwrap(t) for t in tokens if not isinstance(t, Token)])

    def matrix(self, tokens):
        return sympy.ImmutableMatrix(super().matrix(tokens))


def components(key: str, value) -> dict:
    """x_{i} for the entries of a bound \\mathbf{x}; a_{ij} for those of \\mathbf{A}."""
    match = re.fullmatch(r"\\(?:mathbf\{([A-Za-z])\}|boldsymbol\{\\([A-Za-z]+)\})", key)
    if not match:
        return {}
    letter = match.group(1) or match.group(2)
    rows, cols = value.shape
    found = {}
    if cols == 1 or rows == 1:
        for i, entry in enumerate(value):
            found[sympy.Symbol(f"{letter if match.group(2) else letter.lower()}_{{{i + 1}}}")] = entry
    elif rows < 10 and cols < 10:
        for i in range(rows):
            for j in range(cols):
                found[sympy.Symbol(f"{letter.lower()}_{{{i + 1}{j + 1}}}")] = value[i, j]
    return found


def unknown_matrix(key: str, shape: tuple[int, int]) -> sympy.ImmutableMatrix:
    """A matrix of symbols named like the entries of ``key`` (x_{1}, ..., or a_{11}, ...)."""
    match = re.fullmatch(r"\\(?:mathbf|boldsymbol)\{\\?([A-Za-z]+)\}(?:_\{(\w+)\})?", key)
    letter = match.group(1).lower() if match else "u"
    rows, cols = shape
    if match and match.group(2):
        letter = f"{letter}{match.group(2)}"
    if cols == 1 or rows == 1:
        return sympy.ImmutableMatrix(rows, cols, [sympy.Symbol(f"{letter}_{{{i + 1}}}") for i in range(rows * cols)])
    return sympy.ImmutableMatrix(rows, cols, lambda i, j: sympy.Symbol(f"{letter}_{{{i + 1}{j + 1}}}"))
