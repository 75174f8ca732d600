"""Run figure scripts, each in a fork of one process that has matplotlib imported.

A figure script takes about 1.5 s as a process of its own, and 1 s of that is
importing matplotlib and the shared style. The runner imports them once; every
script then runs in a fresh fork of it, as ``__main__`` with its own ``sys.argv``
and ``sys.path[0]``, so scripts still cannot see one another's state, and its
exit status, stderr and time are reported as they finish.

    python -m bookbuild.figrun JOBS SCRIPT...    (one JSON line per script on stdout)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Ran:
    script: Path
    returncode: int
    stderr: str
    seconds: float


def run_scripts(scripts: list[Path], env: dict[str, str], cwd: Path, jobs: int) -> Iterator[Ran]:
    """Run ``scripts`` (``jobs`` at a time) in a runner process with ``env``; yield each as it ends."""
    cmd = [sys.executable, "-m", "bookbuild.figrun", str(jobs), *map(str, scripts)]
    with subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, text=True) as runner:
        for line in runner.stdout:
            done = json.loads(line)
            yield Ran(Path(done["script"]), done["returncode"], done["stderr"], done["seconds"])
    if runner.returncode != 0:
        raise RuntimeError(f"the figure runner failed with exit status {runner.returncode}")


def _child(script: Path, stderr_fd: int) -> None:
    """In the fork: run ``script`` as a fresh interpreter would run it, then leave."""
    import runpy
    import traceback

    os.dup2(stderr_fd, 2)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    sys.argv = [str(script)]
    sys.path[0] = str(script.parent)
    status = 0
    try:
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as exit_:
        status = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:  # reported like an uncaught exception in a process of its own
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main(argv: list[str]) -> int:
    jobs, scripts = max(1, int(argv[0])), [Path(a).resolve() for a in argv[1:]]
    try:  # what every script imports first; a failure here is each script's own to report
        import matplotlib.pyplot  # noqa: F401

        from figures import style  # noqa: F401
    except Exception:
        pass
    running: dict[int, tuple[Path, int, str, float]] = {}
    todo = list(reversed(scripts))
    with tempfile.TemporaryDirectory(prefix="mlm-figrun-") as tmp:
        while todo or running:
            while todo and len(running) < jobs:
                script = todo.pop()
                log = os.path.join(tmp, f"{len(todo)}.stderr")
                fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                start = time.perf_counter()
                pid = os.fork()
                if pid == 0:
                    _child(script, fd)
                os.close(fd)
                running[pid] = (script, fd, log, start)
            pid, status = os.wait()
            script, _fd, log, start = running.pop(pid)
            with open(log, errors="replace") as handle:
                stderr = handle.read()
            code = os.waitstatus_to_exitcode(status)
            print(json.dumps({"script": str(script), "returncode": code, "stderr": stderr,
                              "seconds": time.perf_counter() - start}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
