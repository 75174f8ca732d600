"""Publish finished outputs atomically, so the last good build stays until a new one succeeds.

The HTML book is a directory; ``_build/html`` is a symlink to an immutable
snapshot, swapped with one atomic rename. Files unchanged since the previous
snapshot are hard-linked from it, so publishing costs little. The PDF is copied
next to its final name and renamed into place.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

SNAPSHOTS = ".html-snapshots"


def publish_html(work_out: Path, target: Path) -> None:
    snapshots = target.parent / SNAPSHOTS
    snapshots.mkdir(parents=True, exist_ok=True)
    previous = target.resolve() if target.is_symlink() else None
    new = snapshots / f"{time.time_ns()}"
    _copy_tree(work_out, new, previous)
    link = target.parent / f".{target.name}.link.tmp"
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(new, target.parent), link)
    if target.exists() and not target.is_symlink():
        # An older layout (a plain directory) is moved aside, then removed.
        shutil.rmtree(target)
    os.replace(link, target)
    for old in snapshots.iterdir():
        if old != new:
            shutil.rmtree(old, ignore_errors=True)


def _copy_tree(src: Path, dst: Path, previous: Path | None) -> None:
    for dirpath, _dirnames, filenames in os.walk(src):
        rel = Path(dirpath).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            source = Path(dirpath) / name
            target = dst / rel / name
            if previous is not None:
                old = previous / rel / name
                try:
                    st_new, st_old = source.stat(), old.stat()
                    if st_new.st_size == st_old.st_size and st_new.st_mtime_ns == st_old.st_mtime_ns:
                        os.link(old, target)
                        continue
                except (FileNotFoundError, OSError):
                    pass
            shutil.copy2(source, target)


def _temporary(target: Path) -> Path:
    # Beside the target (a rename within one file system is atomic), named per process
    # (two builds may write the same file at once), ending in .tmp (the preview ignores it).
    return target.with_name(f".{target.name}.{os.getpid()}.tmp")


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write ``data`` to ``target`` so that a reader sees the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf8")
    os.replace(tmp, target)


def publish_file(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    shutil.copy2(source, tmp)
    os.replace(tmp, target)


def assemble_site(html: Path, target: Path) -> None:
    """A self-contained copy of the HTML book (PDFs included) for any static host."""
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html.resolve(), staging, symlinks=False)
    (staging / ".nojekyll").write_text("")  # GitHub Pages: serve _static/ as is
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
