"""Machine-checked mathematics: every worked example and solution is verified by SymPy.

A *check* is a small Python function named after the label of the example or
solution it verifies (``ex_la_dot_angle`` for ``ex-la-dot-angle``). It reads
the givens and the stated results from the chapter text through the ``Worked``
object it receives, and states in Python only the operation::

    @check
    def ex_la_dot_angle(ex):
        x, y = ex.given(r"\\mathbf{x}"), ex.given(r"\\mathbf{y}")
        ex.states(r"\\mathbf{x}^\\top\\mathbf{y}", (x.T * y)[0])
        ex.result(sympy.acos((x.T * y)[0] / (x.norm() * y.norm())))

Besides the check, every chain of equalities in the block's math
(``\\det A = 2\\cdot 3 - 1\\cdot 1 = 5``) is verified link by link.
"""

from .errors import CheckError
from .registry import check

__all__ = ["check", "CheckError"]
