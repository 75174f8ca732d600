"""The warm server runs a build exactly as the client would: output, errors and exit status."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import build_command, build_env

SECTION = "book/topic/section.md"


def _build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(build_command(root, *args), capture_output=True, text=True, timeout=600,
                          env={**build_env(), "MLM_WARM": "1"})


def _served(root: Path) -> list[str]:
    log = root / "_build" / ".warm" / "served.log"
    return log.read_text().splitlines() if log.is_file() else []


def _wait_for_server(root: Path) -> None:
    sock = root / "_build" / ".warm" / "build.sock"
    deadline = time.monotonic() + 60
    while not sock.exists():
        assert time.monotonic() < deadline, "the first build started no warm server"
        time.sleep(0.2)


@pytest.fixture
def warm_book(minibook: Path):
    first = _build(minibook, "html")
    assert first.returncode == 0, first.stderr
    assert not _served(minibook)[1:], "the first build should run in its own process"
    _wait_for_server(minibook)
    yield minibook
    for line in _served(minibook):
        if line.startswith("server "):  # "server <pid> ready": stop it rather than wait for it to notice
            try:
                os.kill(int(line.split()[1]), signal.SIGTERM)
            except OSError:
                pass


def test_a_build_in_the_warm_server_reports_as_its_client(warm_book: Path) -> None:
    page = warm_book / SECTION
    text = page.read_text()
    page.write_text(text.replace("{prf:ref}`def-topic-thing`", "{prf:ref}`def-topic-nothing`", 1))
    line = text[: text.index("{prf:ref}`def-topic-thing`")].count("\n") + 1
    failed = _build(warm_book, "html")
    assert failed.returncode == 1, failed.stderr
    assert f"{SECTION}:{line}: error:" in failed.stderr, failed.stderr
    assert "build FAILED" in failed.stderr
    page.write_text(text + "\nA sentence the warm build must publish.\n")
    fixed = _build(warm_book, "html")
    assert fixed.returncode == 0, fixed.stderr
    assert "1 page(s) re-read" in fixed.stderr
    assert "A sentence the warm build must publish." in (
        warm_book / "_build" / "html" / "book" / "topic" / "section.html").read_text()
    served = _served(warm_book)
    assert len([line for line in served if line.startswith("child ")]) == 2, served


def test_a_server_with_other_code_steps_aside(warm_book: Path) -> None:
    folder = warm_book / "_build" / ".warm"
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    here = os.getcwd()
    os.chdir(folder)
    try:
        conn.connect("build.sock")
    finally:
        os.chdir(here)
    with conn:
        request = {"stamp": "code that changed since", "argv": ["--help"], "cwd": str(warm_book), "env": {}}
        socket.send_fds(conn, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
        assert json.loads(conn.makefile("rb").readline()) == {"stale": True}
    assert not (folder / "build.sock").exists(), "a stale server must give up its socket"
    again = _build(warm_book, "html")  # builds in its own process and starts a fresh server
    assert again.returncode == 0, again.stderr
    _wait_for_server(warm_book)
    assert _served(warm_book)[0].startswith("server "), "a fresh server starts a fresh log"
