"""The ``@check`` decorator and the discovery of check modules.

Checks live in ``tests/checks/<chapter>/<section>.py``, mirroring
``book/<chapter>/<section>.md``. A check's function name is its block's label
with ``-`` replaced by ``_``, so a label finds its check with one search.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Callable

CHECKS: dict[str, "Check"] = {}


class Check:
    def __init__(self, func: Callable, label: str):
        self.func = func
        self.label = label
        code = func.__code__
        self.where = f"{code.co_filename}:{code.co_firstlineno}"

    def __call__(self, worked) -> None:
        self.func(worked)


def label_of(name: str) -> str:
    return name.replace("_", "-")


def check(func: Callable) -> Callable:
    """Register ``func`` as the check of the block labelled like its name."""
    label = label_of(func.__name__)
    if label in CHECKS and CHECKS[label].where != Check(func, label).where:
        raise ValueError(f"two checks for {label}: {CHECKS[label].where} and {Check(func, label).where}")
    CHECKS[label] = Check(func, label)
    return func


def load_checks(folder: Path) -> dict[str, Check]:
    """Import every ``*.py`` under ``folder`` (by path) and return the registered checks."""
    for path in sorted(folder.rglob("*.py")):
        if path.name.startswith("_"):
            continue
        name = "mathcheck_checks." + ".".join(path.relative_to(folder).with_suffix("").parts).replace("-", "_")
        if name in sys.modules:
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    inside = str(folder.resolve()) + "/"
    return {label: c for label, c in CHECKS.items() if c.where.startswith(inside)}
