"""The live preview serves on 127.0.0.1, rebuilds on save (figures too) and reloads the browser;
with --chapter it also rebuilds that chapter's proof PDF."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _pdf_text(pdf: Path) -> str:
    if not pdf.is_file():
        return ""
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout


def test_preview_serves_rebuilds_and_reloads(minibook: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bookbuild", "--root", str(minibook), "preview", "--port", str(port),
         "--chapter", "topic"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}/book/topic/section.html"
    try:
        assert _wait_for(lambda: "A line." in _get(url), 180), "the preview never served the page"
        page = _get(url)
        assert "websocket" in page.lower(), "no live-reload script in the served page"
        # Edit a chapter: the served page follows.
        section = minibook / "book" / "topic" / "section.md"
        section.write_text(section.read_text().replace("A line.", "A line, edited."))
        assert _wait_for(lambda: "A line, edited." in _get(url), 120), "the edit never showed up"
        # With --chapter the chapter's proof PDF follows the edit too, and is served.
        proof = minibook / "_build" / "proof" / "math-for-ml-topic.pdf"
        assert _wait_for(lambda: "A line, edited." in _pdf_text(proof), 180), "the proof PDF never followed"
        served = urllib.request.urlopen(f"http://127.0.0.1:{port}/_proof/math-for-ml-topic.pdf", timeout=5)
        assert served.read(5) == b"%PDF-"
        # Edit a figure script: the figure is redrawn.
        svg = minibook / "figures" / "mini-figure.svg"
        before = svg.read_bytes()
        script = minibook / "scripts" / "figures" / "topic" / "mini-figure.py"
        script.write_text(script.read_text().replace("[0, 1], [0, 1]", "[0, 1], [1, 0]"))
        assert _wait_for(lambda: svg.read_bytes() != before, 120), "the figure was not redrawn"
        # The published HTML of scripts/build is untouched by the preview.
        assert not (minibook / "_build" / "html").exists()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
