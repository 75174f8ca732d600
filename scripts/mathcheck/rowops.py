"""Row operations written over an arrow, such as ``\\xrightarrow{R_2 - 2R_1}``, applied exactly.

Accepted forms, one or more separated by commas or ``\\quad``: ``R_2 - 2R_1``,
``R_2 + \\frac{1}{2}R_3``, ``R_2 \\to R_2 - 2R_1``, ``R_1 \\leftrightarrow R_2``,
``\\frac{1}{3}R_2`` and ``-R_1``. Rows are numbered from 1.
"""

from __future__ import annotations

import re

import sympy

_ROW = r"R_\{?(\d+)\}?"
_SWAP = re.compile(rf"^{_ROW}\s*\\leftrightarrow\s*{_ROW}$")
_ADD = re.compile(rf"^{_ROW}\s*([+-])\s*(.*?)\s*{_ROW}$")
_SCALE = re.compile(rf"^(.*?)\s*{_ROW}$")


def parse_operations(label: str):
    """A list of operations, or None when the label is not in an accepted form."""
    text = re.sub(r"\\(quad|qquad|,|;|:|!| )", ",", label)
    ops = []
    for part in [p.strip() for p in re.split(r"[,;]", text) if p.strip()]:
        if "\\to" in part:
            target, _, part = part.partition("\\to")
            target = target.strip()
            part = part.strip()
        else:
            target = None
        if match := _SWAP.match(part):
            ops.append(("swap", int(match.group(1)) - 1, int(match.group(2)) - 1))
        elif match := _ADD.match(part):
            row, sign, coefficient, other = match.groups()
            if target and re.sub(r"\s", "", target) != f"R_{row}" and re.sub(r"\s", "", target) != f"R_{{{row}}}":
                return None
            ops.append(("add", int(row) - 1, sign, coefficient.strip() or "1", int(other) - 1))
        elif match := _SCALE.match(part):
            coefficient, row = match.groups()
            coefficient = coefficient.strip()
            if coefficient in ("", "+"):
                coefficient = "1"
            elif coefficient == "-":
                coefficient = "-1"
            ops.append(("scale", int(row) - 1, coefficient))
        else:
            return None
    return ops or None


def apply(matrix, operations, read_number):
    """Apply parsed operations to ``matrix``; ``read_number`` turns LaTeX into a SymPy number."""
    m = sympy.Matrix(matrix)
    for op in operations:
        if op[0] == "swap":
            m.row_swap(op[1], op[2])
        elif op[0] == "add":
            _, row, sign, coefficient, other = op
            c = read_number(coefficient)
            m[row, :] = m[row, :] + (c if sign == "+" else -c) * m[other, :]
        else:
            _, row, coefficient = op
            m[row, :] = read_number(coefficient) * m[row, :]
    return sympy.ImmutableMatrix(m)
