"""Where reportgen's own templates, stylesheets and fonts are."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem, display_path


def builtin_templates() -> Path:
    """reportgen's own templates: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "templates"
    return packaged if packaged.is_dir() else here.parent / "templates"


def template_dirs(root: Path) -> list[Path]:
    """The folders templates and assets come from: the built-in one, then the workspace's
    own ``templates/`` if it has one (and it is not the built-in folder itself).  Lookup
    goes user-first, so the last folder wins."""
    builtin = builtin_templates()
    own = root / "templates"
    if own.is_symlink():
        raise ContentError([Problem(display_path(own, root), None,
                                    "is a symbolic link; links are not followed")])
    return [builtin] + ([own] if own.is_dir() and own.resolve() != builtin.resolve() else [])
