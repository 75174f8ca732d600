"""Where the sources, the work directories and the published outputs live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository that holds this tooling (used for the shared figure style).
TOOLING_ROOT = Path(__file__).resolve().parents[2]

PDF_BASENAME = "math-for-ml"


@dataclass(frozen=True)
class Project:
    """A book checkout: ``root`` holds ``_config.yml`` and ``_toc.yml``."""

    root: Path

    @classmethod
    def at(cls, root: str | Path | None = None) -> "Project":
        path = Path(root or Path.cwd()).resolve()
        if not (path / "_config.yml").is_file():
            raise SystemExit(f"error: {path} has no _config.yml; run this from the repository root")
        return cls(path)

    # Sources -----------------------------------------------------------------
    @property
    def config_yml(self) -> Path:
        return self.root / "_config.yml"

    @property
    def toc_yml(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def conf_py(self) -> Path:
        return self.root / "conf.py"

    @property
    def book_dir(self) -> Path:
        return self.root / "book"

    @property
    def figure_scripts(self) -> Path:
        return self.root / "scripts" / "figures"

    @property
    def figures_dir(self) -> Path:
        return self.root / "figures"

    # Build areas -------------------------------------------------------------
    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    @property
    def work_dir(self) -> Path:
        """Sphinx and LaTeX scratch space; never served or opened by readers."""
        return self.build_dir / ".work"

    @property
    def state_dir(self) -> Path:
        return self.build_dir / ".state"

    @property
    def html_dir(self) -> Path:
        """The published HTML book: a symlink swapped atomically on success."""
        return self.build_dir / "html"

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    @property
    def proof_dir(self) -> Path:
        """One chapter's proof PDFs (``build pdf --chapter``): never offered for download."""
        return self.build_dir / "proof"

    @property
    def downloads_dir(self) -> Path:
        """Copied into the HTML site's root (html_extra_path): holds ``downloads/*.pdf``."""
        return self.build_dir / ".site-extra"

    def rel(self, path: str | Path) -> str:
        """``path`` relative to the root when it lies inside it, else as given."""
        absolute = Path(os.path.abspath(path))
        try:
            return str(absolute.relative_to(self.root))
        except ValueError:
            return str(path)
