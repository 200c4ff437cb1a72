"""Where reportgen's own templates, stylesheets and fonts are."""

from __future__ import annotations

from pathlib import Path


def builtin_templates() -> Path:
    """reportgen's own templates: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"
