"""Advisory file locks so that two builds never write the same work directory."""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import sys
from pathlib import Path

UNFINISHED = ".unfinished"


@contextlib.contextmanager
def locked(path: Path, what: str):
    """Hold an exclusive lock on ``path`` (created if needed) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of the {what} to finish ...", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def work_area(work: Path, what: str):
    """Lock the work directory ``work`` for the block, emptied first if its last build never finished.

    A build killed half-way (SIGKILL, a crash) can leave Sphinx's pickles and
    LaTeX's auxiliary files half-written, so nothing in it is trusted then. The
    lock itself dies with the process that held it.
    """
    with locked(work.with_name(f"{work.name}.lock"), what):
        marker = work / UNFINISHED
        if marker.exists():
            print(f"{what}: the last build was interrupted; starting it from scratch", file=sys.stderr)
            shutil.rmtree(work)
        work.mkdir(parents=True, exist_ok=True)
        marker.touch()
        yield
        marker.unlink()  # not reached when the block raises: the next build starts clean
