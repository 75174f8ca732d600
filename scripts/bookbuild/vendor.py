"""Third-party code from the npm registry, pinned and integrity-checked, so the HTML works offline.

``scripts/bookbuild/node/package-lock.json`` pins every package by version and
sha512. ``npm ci`` installs exactly that lock (and refuses a tarball whose
hash differs) into ``.cache/vendor/npm-<lock digest>/``, once per lock:

- KaTeX typesets the book's math when the book is built (``sphinxext.mathrender``);
  its stylesheet and WOFF2 fonts are the only parts the site serves;
- axe-core is injected into every page by the browser tests; it is never served.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .locks import locked

NODE_DIR = Path(__file__).resolve().parent / "node"
LOCK = NODE_DIR / "package-lock.json"
RENDER_JS = NODE_DIR / "render.js"


def _lock_digest() -> str:
    h = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        h.update((NODE_DIR / name).read_bytes())
    return h.hexdigest()[:16]


def npm_dir(root: Path) -> Path:
    """Where ``npm ci`` installed the lock: holds ``node_modules/``."""
    return root / ".cache" / "vendor" / f"npm-{_lock_digest()}"


def locked_versions() -> dict[str, str]:
    packages = json.loads(LOCK.read_text())["packages"]
    return {name.removeprefix("node_modules/"): info["version"]
            for name, info in packages.items() if name.startswith("node_modules/")}


def ensure_npm_packages(root: Path) -> Path:
    """Install the lock once; concurrent builds (the PDF editions run side by side) wait for it."""
    target = npm_dir(root)
    if (target / "node_modules" / ".mlm-complete").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # npm's own cache (~/.npm) is shared by every checkout: two installs at once, in two
    # checkouts built side by side, corrupt it. So one install at a time on this machine.
    machine_lock = Path(tempfile.gettempdir()) / f"mlm-npm-install-{os.getuid()}.lock"
    with locked(target.parent / "npm.lock", "npm install"), locked(machine_lock, "npm install"):
        return _install_npm_packages(target)


def _install_npm_packages(target: Path) -> Path:
    if (target / "node_modules" / ".mlm-complete").is_file():  # another build just installed it
        return target
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"error: {tool} is required to typeset the HTML book's math "
                             "(install Debian's nodejs and npm packages)")
    print("installing KaTeX and axe-core from the npm registry (once; pinned in "
          "scripts/bookbuild/node/package-lock.json) ...", file=sys.stderr)
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(NODE_DIR / name, staging / name)
    done = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"],
                          cwd=staging, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("error: npm ci failed for scripts/bookbuild/node/package-lock.json (output above)")
    for name, version in locked_versions().items():
        installed = json.loads((staging / "node_modules" / name / "package.json").read_text())["version"]
        if installed != version:
            raise SystemExit(f"error: npm installed {name} {installed}, but the lock pins {version}")
    (staging / "node_modules" / ".mlm-complete").write_text("")
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target


def katex_version() -> str:
    return locked_versions()["katex"]


def katex_static(root: Path) -> Path:
    """A folder for html_static_path holding ``katex/katex.min.css`` and its WOFF2 fonts.

    Every browser that runs the site reads WOFF2, so the stylesheet is trimmed to
    name only those and the WOFF and TTF copies are left out of the site.
    """
    base = ensure_npm_packages(root)
    target = base / "static"
    if (target / "katex" / "katex.min.css").is_file():
        return target
    with locked(base.parent / "npm.lock", "KaTeX's stylesheet"):
        return _trim_katex_static(base, target)


def _trim_katex_static(base: Path, target: Path) -> Path:
    if (target / "katex" / "katex.min.css").is_file():
        return target
    dist = base / "node_modules" / "katex" / "dist"
    staging = base / "static.partial"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "katex" / "fonts").mkdir(parents=True)
    css = (dist / "katex.min.css").read_text()
    css, count = re.subn(r'(url\(fonts/[^)]+\.woff2\) format\("woff2"\))(,url\([^)]+\) format\("[a-z]+"\))+',
                         r"\1", css)
    if count == 0:
        raise SystemExit("error: katex.min.css has no WOFF2 font rules to keep; check the KaTeX version")
    (staging / "katex" / "katex.min.css").write_text(css)
    for font in sorted((dist / "fonts").glob("*.woff2")):
        shutil.copy2(font, staging / "katex" / "fonts" / font.name)
    shutil.copy2(base / "node_modules" / "katex" / "LICENSE", staging / "katex" / "LICENSE")
    os.replace(staging, target)
    return target


def axe_script(root: Path) -> Path:
    """axe-core's browser bundle, for the accessibility tests."""
    return ensure_npm_packages(root) / "node_modules" / "axe-core" / "axe.min.js"
