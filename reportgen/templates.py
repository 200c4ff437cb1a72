"""The Jinja environment for output templates, looked up user-first, built-in last.

A workspace's ``templates/`` folder is searched before reportgen's own templates, so a
writer can replace any one file; ``{% extends "!builtin/report.html.j2" %}`` reaches the
built-in version of a template the workspace overrides.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined,
                    select_autoescape)

from .assets import builtin_templates
from .markup import Inline


def template_env(root: Path) -> Environment:
    builtin = builtin_templates()
    search = [FileSystemLoader(str(root / "templates"))] if (root / "templates").is_dir() else []
    if search and (root / "templates").resolve() == builtin.resolve():
        search = []
    loader = ChoiceLoader(search + [FileSystemLoader(str(builtin)),
                                    PrefixLoader({"!builtin": FileSystemLoader(str(builtin))})])
    # HTML templates escape every value they print: titles and masthead fields come from
    # content files, and only the Markup of rendered content text may carry tags
    env = Environment(loader=loader, undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2", "html"], default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = lambda inline: inline.markdown if isinstance(inline, Inline) else str(inline)
    env.filters["md_text"] = md_escape_line
    return env


def md_escape_line(text: str) -> str:
    """Plain text placed in Markdown output (masthead lines, titles)."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in "\\`*_[]<>#" else ch)
    return "".join(out)


def template_files(root: Path) -> list[Path]:
    """Every file that can shape the output (for change detection)."""
    folders = [builtin_templates()]
    if (root / "templates").is_dir():
        folders.append(root / "templates")
    return sorted({p.resolve() for folder in folders for p in folder.rglob("*") if p.is_file()})
