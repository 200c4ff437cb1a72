"""The Jinja environment for output templates, looked up user-first, built-in last.

A workspace's ``templates/`` folder is searched before reportgen's own templates, so a
writer can replace any one file; ``{% extends "!builtin/report.html.j2" %}`` reaches the
built-in version of a template the workspace overrides.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from markupsafe import Markup, escape

from .assets import template_dirs
from .errors import ContentError, Problem
from .keeptogether import keep_together, keep_together_html
from .markup import Inline, markdown_note, md_escape
from .plainfiles import FileTooLarge, NotPlainFile, check_plain, read_plain

#: a template is a page of markup; anything bigger is not one
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024


class PlainFileLoader(BaseLoader):
    """Templates from one folder, read as plain files: a link, a pipe or a folder in a
    template's place is refused with a problem naming it, never followed or waited on."""

    def __init__(self, folder: Path, shown: str):
        self.folder = folder
        self.shown = shown

    def get_source(self, environment, template):
        path = Path(self.folder, *split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        shown = f"{self.shown}/{template}"
        try:
            check_plain(path)
            if os.path.realpath(path) != os.path.join(os.path.realpath(self.folder),
                                                      *split_template_path(template)):
                raise NotPlainFile(path, "lies in a folder that is a symbolic link; links "
                                         "are not followed")
            data = read_plain(path, MAX_TEMPLATE_BYTES)
            source = data.decode("utf-8")
        except (NotPlainFile, FileTooLarge) as exc:
            raise ContentError([Problem(shown, None, exc.reason)]) from None
        except UnicodeDecodeError as exc:
            line = data[:exc.start].count(b"\n") + 1
            raise ContentError([Problem(shown, line, f"file is not UTF-8 text (byte "
                                        f"0x{data[exc.start]:02x}); save it as UTF-8")]) from None
        except OSError as exc:
            raise ContentError([Problem(shown, None,
                                        f"cannot read file: {exc.strerror or exc}")]) from None
        mtime = os.lstat(path).st_mtime_ns
        return source, str(path), lambda: _mtime_or_none(path) == mtime


def _mtime_or_none(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mtime_ns
    except OSError:
        return None


def template_env(root: Path) -> Environment:
    builtin, *own = template_dirs(root)
    search = [PlainFileLoader(folder, "templates") for folder in own]
    loader = ChoiceLoader(search + [PlainFileLoader(builtin, "!builtin"),
                                    PrefixLoader({"!builtin": PlainFileLoader(builtin, "!builtin")})])
    # HTML templates escape every value they print: titles and masthead fields come from
    # content files, and only the Markup of rendered content text may carry tags
    env = Environment(loader=loader, undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2", "html"], default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = lambda inline: inline.markdown if isinstance(inline, Inline) else str(inline)
    env.filters["md_text"] = md_escape_line
    env.filters["md_cell"] = markdown_cell
    env.filters["md_note"] = markdown_note
    env.filters["no_lone_word"] = no_lone_word
    env.filters["keep"] = keep_together_html
    return env


def no_lone_word(text: str) -> Markup:
    """HTML of ``text`` whose last two words cannot be parted, so no line holds one word
    alone (in a narrow figure card, for instance)."""
    head, _, last = str(escape(text)).rpartition(" ")
    return Markup(keep_together(f"{head}\u00a0{last}" if head else last))


def md_escape_line(text: str) -> str:
    """Plain text placed in Markdown output (masthead lines, titles): every character
    with a meaning inline escaped, '#' too (a heading's closing sequence)."""
    return md_escape(str(text), also="#")


def markdown_cell(inline: Inline) -> str:
    """A table cell as Markdown: its pipes escaped so the cell does not split; a figure
    such as '12.5' at its start is not escaped, since no list starts in a cell."""
    return re.sub(r"^(\d+)\\([.)])", r"\1\2", inline.markdown.replace("|", "\\|"))
