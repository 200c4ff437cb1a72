"""Content files written by reportgen (``import``, ``init``) in the plain style a writer
keeps by hand: keys in a fixed order, long text as ``|`` blocks, no flow noise."""

from __future__ import annotations

import re

import yaml


class _Dumper(yaml.SafeDumper):
    """Safe dumper that writes text with line breaks as literal blocks."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)  # list items indented under their key


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _text(dumper: yaml.SafeDumper, value: str):
    if _DAY.fullmatch(value):  # written bare, as a writer types it (reportgen reads it as text)
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value)
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_yaml(data: object, first_line: str = "") -> str:
    """``data`` as YAML text, after ``first_line`` (a schema modeline, say)."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88,
                     default_flow_style=False)
    return first_line + text


#: a word that would open a list, heading, quote, table or fence at the start of a line
_BLOCK_START = re.compile(r"^(?:[-+*#>|=~`<]|\d+[.)])")


def wrap(text: str, width: int = 88) -> str:
    """Markdown text broken into lines of at most ``width`` characters (a blank line
    between paragraphs kept), so a block's text reads well in an editor.  A line never
    starts with a word that Markdown would read as the start of another block."""
    paragraphs = []
    for paragraph in (p for p in text.split("\n\n") if p.strip()):
        if all(line.lstrip().startswith("|") for line in paragraph.strip().splitlines()):
            paragraphs.append(paragraph.strip())  # a table's rows stay one to a line
            continue
        lines: list[str] = []
        # only ordinary spaces break: a no-break space (French '4\u00a0000') holds
        for word in re.split(r"[ \t\r\n]+", paragraph.strip(" \t\r\n")):
            if lines and (len(lines[-1]) + 1 + len(word) <= width or _BLOCK_START.match(word)):
                lines[-1] += " " + word
            else:
                lines.append(word)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs) + "\n"
