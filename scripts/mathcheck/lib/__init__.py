"""Helpers shared by the checks, one module per topic: ``linalg``, ``calculus``, ``probability``.

A helper takes SymPy values and returns exact SymPy values. One that can find a
problem takes the check's ``ex`` and reports it with ``ex.fail(message)``, which
adds file, line and label. The two below read names the text numbers.
"""

from __future__ import annotations

from ..errors import CheckError


def given_all(ex, *names):
    """The values the text binds to each of ``names``, in order."""
    return [ex.given(name) for name in names]


def indexed(ex, name):
    """The values the text binds to name_1, name_2, ..., up to the first one it does not bind."""
    values = []
    while True:
        try:
            values.append(ex.given(rf"{name}_{{{len(values) + 1}}}"))
        except CheckError:
            return values


def states_indexed(ex, name, values):
    """The text states name_1, name_2, ... as ``values``, in order; returns ``values``."""
    for i, value in enumerate(values, start=1):
        ex.states(rf"{name}_{i}", value)
    return values
