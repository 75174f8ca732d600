"""Simulation receipts: a claim about sampling, checked by a seeded Monte Carlo run.

The check says how to draw one sample of the quantity (``draw(rng, size)`` returns
``size`` independent draws whose mean estimates it: indicators for a probability,
squared deviations for a variance, sample means for the law of large numbers);
the harness picks the number of draws, runs them with a generator seeded by the
block's label, and accepts the stated value when it lies within four standard
errors of the estimate, plus the rounding of the digits the text writes. The
number of draws grows until four standard errors fit four times over inside that
rounding (up to a cap), so that a wrong last digit fails rather than hides in the
noise; state a simulated number to the digits such a run can confirm (two
significant digits is usually right).
"""

from __future__ import annotations

import math
import zlib

import numpy
import sympy

from .errors import Unreadable
from .latex import normalise

STANDARD_ERRORS = 4
FIRST = 20_000
MOST = 8_000_000


def seed_of(label: str) -> int:
    return zlib.crc32(label.encode())


def estimate(draw, label: str, resolution: float) -> tuple[float, float, int]:
    """(mean, standard error, draws): draws double until STANDARD_ERRORS errors fit in ``resolution``."""
    rng = numpy.random.default_rng(seed_of(label))
    samples = numpy.asarray(draw(rng, FIRST), dtype=float)
    while True:
        n = samples.size
        error = float(samples.std(ddof=1)) / math.sqrt(n)
        if STANDARD_ERRORS * error <= resolution / 4 or n >= MOST:
            return float(samples.mean()), error, n
        samples = numpy.concatenate([samples, numpy.asarray(draw(rng, n), dtype=float)])


def receipt(worked, subject: str, draw) -> None:
    """Compare every value the text states for ``subject`` with a simulation of it."""
    want = normalise(subject, worked.macros).text
    found = [loc for loc in worked.located if normalise(loc.chain.subject, worked.macros).text == want
             and set(loc.chain.relations) <= {"=", "approx"}]
    if not found:
        worked.fail(f"the text never states {subject} = ... or {subject} \\approx ...")
    for loc in found:
        link = loc.chain.last
        try:
            stated = worked.measure(link.text)
        except Unreadable as exc:
            worked.fail(f"cannot read the stated value {link.text!r}: {exc}", loc.line_of(link))
        value, rounding = float(sympy.N(stated.value)), float(sympy.N(stated.tolerance))
        mean, error, n = estimate(draw, worked.block.label, max(rounding, 1e-12))
        if abs(value - mean) > rounding + STANDARD_ERRORS * error:
            worked.fail(f"the text says {subject} = {link.text}, but {n} seeded draws give {mean:.6g} with a "
                        f"standard error of {error:.2g} ({STANDARD_ERRORS} standard errors: {STANDARD_ERRORS * error:.2g})",
                        loc.line_of(link))
        worked.coverage.mark(loc, link, "compared")
        worked.compared += 1
        worked.simulations.append((subject, mean, error, n))


