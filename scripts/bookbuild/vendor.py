"""Third-party web assets served from the site itself, so the HTML works offline.

MathJax 3 comes from the npm registry as a pinned, integrity-checked tarball
and is unpacked (trimmed to the CommonHTML output, the TeX input extensions,
the accessibility modules and the English speech rules) under
``.cache/vendor/``. Sphinx then copies it into the site's ``_static/``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

MATHJAX_VERSION = "3.2.2"
MATHJAX_URL = f"https://registry.npmjs.org/mathjax/-/mathjax-{MATHJAX_VERSION}.tgz"
MATHJAX_SHA512 = "Bt+SSVU8eBG27zChVewOicYs7Xsdt40qm4+UpHyX7k0/O9NliPc+x77k1/FEsPsjKPZGJvtRZM1vO+geW0OhGw=="
MATHJAX_ENTRY = "mathjax/tex-mml-chtml.js"  # relative to _static/

# Parts of package/es5/ the site needs: the combined TeX+CHTML component, the TeX
# extensions it may autoload, the CHTML fonts, the menu, and the a11y modules.
KEEP = ("tex-mml-chtml.js", "input/tex/extensions/", "output/chtml/", "ui/", "a11y/",
        "sre/speech-worker.js", "sre/mathmaps/base.json", "sre/mathmaps/en.json", "sre/mathmaps/nemeth.json")


def vendor_dir(root: Path) -> Path:
    """The folder to add to html_static_path; it holds ``mathjax/``."""
    return root / ".cache" / "vendor" / f"mathjax-{MATHJAX_VERSION}"


def ensure_mathjax(root: Path) -> Path:
    target = vendor_dir(root)
    if (target / MATHJAX_ENTRY).is_file():
        return target
    cached = root / ".cache" / "vendor" / f"mathjax-{MATHJAX_VERSION}.tgz"
    if not cached.is_file():
        print(f"downloading MathJax {MATHJAX_VERSION} from the npm registry (once) ...", file=sys.stderr)
        with urllib.request.urlopen(MATHJAX_URL, timeout=120) as response:
            data = response.read()
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(data)
    data = cached.read_bytes()
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != MATHJAX_SHA512:
        cached.unlink()
        raise SystemExit(f"error: {MATHJAX_URL} does not match its pinned sha512; refusing to use it")
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/es5/")
            if member.isfile() and name != member.name and name.startswith(KEEP):
                out = staging / "mathjax" / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(archive.extractfile(member).read())
    license_member = archive = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    (staging / "mathjax" / "LICENSE").write_bytes(license_member.extractfile("package/LICENSE").read())
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target
