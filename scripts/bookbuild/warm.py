"""A warm builder: keep Sphinx and the extensions imported, and fork a build per command.

Importing Sphinx, MyST-NB (which imports SQLAlchemy), the themes and this
project's extension takes about 2 s, more than the rest of an edit's rebuild.
So the first ``scripts/build`` in a checkout starts, beside its own build, a
small server that imports all of it once and waits on a Unix socket in
``_build/.warm``. The next ``scripts/build`` (or ``python -m bookbuild``) sends
its arguments, working directory, environment and standard streams there; the
server forks, and the child runs the command exactly as the client would have,
in a copy of the warm process, then reports the exit status. Nothing carries
over from one build to the next: each child starts from the server's state,
which holds imported modules and nothing else.

The client checks a stamp of the build code (every ``bookbuild`` module, the
installed requirements and the Python), so a server that imported older code
is told to quit and the command runs in the client instead. The server quits
by itself after an idle hour, or when its socket is removed (``rm -rf _build``).
``MLM_WARM=0`` turns it off; the tests do, except the test of this module.
Ctrl-C in the client interrupts the child's whole process group.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
IDLE_SECONDS = 3600
CHECK_SECONDS = 30     # how often an idle server looks for its socket
SOCKET = "build.sock"  # in <root>/_build/.warm, bound by a relative name (paths can exceed 108 bytes)
MODULES = "modules.json"  # what the last build imported: what the next server imports
SERVED = "served.log"     # one line per command the server ran, since it started


def stamp(root: Path) -> str:
    """What the server's imports depend on: the build code, the installed packages, the Python."""
    digest = hashlib.sha1(f"{sys.executable}\0{sys.version}\0{root}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(PACKAGE)}\0{info.st_mtime_ns}\0{info.st_size}\n".encode())
    requirements = Path(sys.prefix) / ".mlm-requirements"
    if requirements.is_file():
        digest.update(requirements.read_bytes())
    return digest.hexdigest()


def root_of(argv: list[str]) -> Path:
    if "--root" in argv[:-1]:
        return Path(argv[argv.index("--root") + 1]).resolve()
    return Path.cwd().resolve()


def _socket_dir(root: Path) -> Path:
    return root / "_build" / ".warm"


def _in_dir(folder: Path, action):
    """Run ``action`` with ``folder`` as the working directory (for the socket's relative name)."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return action()
    finally:
        os.chdir(here)


# ---- Client ---------------------------------------------------------------------------

def delegate(argv: list[str]) -> int | None:
    """Run the command in a warm server; None when there is none to use (the caller builds)."""
    if os.environ.get("MLM_WARM", "1") == "0" or not hasattr(socket, "send_fds"):
        return None
    root = root_of(argv)
    folder = _socket_dir(root)
    if not (root / "_config.yml").is_file():
        return None
    mine = stamp(root)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        _in_dir(folder, lambda: conn.connect(SOCKET))
    except OSError:
        conn.close()
        _start_server(root)
        return None
    with conn:
        request = json.dumps({"stamp": mine, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ)})
        try:
            socket.send_fds(conn, [request.encode() + b"\n"], [0, 1, 2])
            reply = conn.makefile("rb")
            first = json.loads(reply.readline() or b"{}")
            if "pid" not in first:  # a server with older code: it has quit; start a fresh one
                _start_server(root)
                return None
            return _wait(first["pid"], reply)
        except (OSError, ValueError):
            return None


def _wait(pid: int, reply) -> int | None:
    def forward(signum, _frame):
        try:
            os.killpg(pid, signum)
        except OSError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)
    line = reply.readline()
    if not line:
        print("error: the warm build process died; run with MLM_WARM=0 to build without it",
              file=sys.stderr)
        return 1
    return int(json.loads(line)["status"])


def _start_server(root: Path) -> None:
    folder = _socket_dir(root)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    subprocess.Popen([sys.executable, "-m", "bookbuild.warm", str(root)], cwd=folder,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True,
                     env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)})


# ---- Server ---------------------------------------------------------------------------

def serve(root: Path) -> None:
    folder = _socket_dir(root)
    os.chdir(folder)
    mine = stamp(root)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    mine_name = f"{SOCKET}.{os.getpid()}"
    try:
        listener.bind(mine_name)
    except OSError:
        return
    warmed = _warm_up(root)
    Path(SERVED).write_text(f"server {os.getpid()} ready\n", encoding="utf8")
    os.replace(mine_name, SOCKET)  # only a server that has finished importing takes requests
    listener.listen(8)
    listener.settimeout(CHECK_SECONDS)
    identity = os.stat(SOCKET).st_ino
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children report to their client, not to us
    idle = 0
    while idle < IDLE_SECONDS:
        try:
            conn, _ = listener.accept()
        except TimeoutError:
            idle += CHECK_SECONDS
            if not _still_mine(identity):
                return
            if _modules_seen() != warmed:
                warmed = _warm_up(root)
            continue
        idle = 0
        with conn:
            try:
                data, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
                request = json.loads(data.split(b"\n", 1)[0])
            except (OSError, ValueError):
                continue
            if request.get("stamp") != mine or len(fds) != 3 or not _still_mine(identity):
                if _still_mine(identity):
                    os.unlink(SOCKET)  # before the reply, so a client told "stale" finds it gone
                conn.sendall(b'{"stale": true}\n')
                _close(fds)
                return
            pid = os.fork()
            if pid == 0:
                listener.close()
                _child(conn, fds, request)  # never returns
            _close(fds)
            with open(SERVED, "a", encoding="utf8") as served:
                served.write(f"child {pid}: {' '.join(request['argv'])}\n")
            if _modules_seen() != warmed:
                # A build recorded what it imports since this server warmed up (the record
                # goes with _build): import it now, on the core the child leaves free.
                warmed = _warm_up(root)


def _still_mine(identity: int) -> bool:
    try:
        return os.stat(SOCKET).st_ino == identity
    except OSError:
        return False


def _close(fds: list[int]) -> None:
    for fd in fds:
        os.close(fd)


def note_modules(root: Path) -> None:
    """Record the modules this build imported, for the next server to import before any build."""
    folder = _socket_dir(root)
    if os.environ.get("MLM_WARM", "1") == "0" or not folder.parent.is_dir():
        return
    folder.mkdir(exist_ok=True, mode=0o700)
    names = sorted(name for name in sys.modules if name != "__main__" and not name.startswith("_pytest"))
    tmp = folder / f"{MODULES}.{os.getpid()}"
    tmp.write_text(json.dumps(names), encoding="utf8")
    tmp.replace(folder / MODULES)


def _modules_seen() -> int:
    try:
        return os.stat(MODULES).st_mtime_ns
    except OSError:
        return 0


def _warm_up(root: Path) -> int:
    """Import what the last build imported (Sphinx, the extensions, the themes), or at least the
    build code and the extensions of conf.py; return the record's time, to notice a newer one."""
    import importlib

    if str(PACKAGE.parent) not in sys.path:
        sys.path.insert(0, str(PACKAGE.parent))
    seen = _modules_seen()
    try:
        names = json.loads(Path(MODULES).read_text(encoding="utf8"))
    except (OSError, ValueError):
        names = _conf_extensions(root)
    for name in ["bookbuild.__main__", "sphinx.application", *names]:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except BaseException:  # a build imports it again and reports any error where it belongs
                pass
    return seen


def _conf_extensions(root: Path) -> list[str]:
    """The extensions conf.py names (before any build has recorded what it imports)."""
    import ast

    try:
        tree = ast.parse((root / "conf.py").read_text(encoding="utf8"))
    except (OSError, SyntaxError):
        return []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "extensions" for t in node.targets):
            try:
                return [name for name in ast.literal_eval(node.value) if isinstance(name, str)]
            except ValueError:
                return []
    return []


def _reopen_streams() -> None:
    """Python objects for the client's streams, buffered as Python would buffer them there."""
    import io

    def stream(fd: int, mode: str, line_buffering: bool):
        raw = io.FileIO(fd, mode, closefd=False)
        buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        return io.TextIOWrapper(buffered, encoding="utf-8", errors="backslashreplace" if fd == 2 else "strict",
                                line_buffering=line_buffering)

    sys.stdin = stream(0, "r", False)
    sys.stdout = stream(1, "w", os.isatty(1))
    sys.stderr = stream(2, "w", True)


def _child(conn: socket.socket, fds: list[int], request: dict) -> None:
    status = 1
    try:
        os.setpgid(0, 0)
        conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        _close(fds)
        _reopen_streams()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.argv = ["bookbuild", *request["argv"]]
        from bookbuild.__main__ import main

        status = main(request["argv"])
        note_modules(root_of(request["argv"]))
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
    except KeyboardInterrupt:
        status = 130
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            conn.sendall(json.dumps({"status": status}).encode() + b"\n")
        finally:
            os._exit(status if isinstance(status, int) else 1)


if __name__ == "__main__":
    serve(Path(sys.argv[1]))
