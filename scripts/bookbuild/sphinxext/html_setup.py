"""Small HTML adjustments: the theme's colour mode, a favicon, the book's own CSS and JS."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def setup(app: Sphinx) -> None:
    # Sphinx copies static files only when some page is rewritten; a digest of the
    # book's own assets, as an "html" config value, rewrites every page when they change.
    app.add_config_value("mlm_assets_digest", "", "html")
    app.connect("config-inited", _configure)
    app.add_css_file("mlmbook.css")
    app.add_js_file("mlmbook.js", loading_method="defer")


def _configure(app: Sphinx, config) -> None:
    digest = hashlib.sha256()
    for path in sorted(STATIC.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    config.mlm_assets_digest = digest.hexdigest()[:16]
    context = dict(config.html_context or {})
    # Without an explicit mode the theme logs a console error on first visit.
    context.setdefault("default_mode", "auto")
    config.html_context = context
    if not config.html_favicon:
        # Without a favicon the browser asks for /favicon.ico and logs a 404 error.
        config.html_favicon = str(STATIC / "favicon.svg")
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]
    # The PDFs that scripts/build publishes, offered as downloads/<name>.pdf.
    extra = Path(app.srcdir) / "_build" / ".site-extra"
    if extra.is_dir() and str(extra) not in config.html_extra_path:
        config.html_extra_path = [*config.html_extra_path, str(extra)]
