"""Raw HTML in a writer's text: found, and refused with the tag named as written.

Text is plain text and Markdown; a tag would pass into the HTML unchecked and be lost
from the other formats, so it is an error wherever a writer may type it (a block's text,
a value that text quotes)."""

from __future__ import annotations

import re

#: where raw HTML may start (markup.py's parser decides what is a tag in a block's text)
START = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*|<[?!]")
#: a whole tag, as CommonMark reads one, in text no parser has read (a quoted value)
#: ('\\<' before it prints '<': no tag)
WHOLE_TAG = re.compile(r"(?<!\\)(?:<!--|<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)")


def _first_tag(raw: str) -> str:
    found = START.search(raw)
    if not found:
        return raw.strip()[:40]
    end = raw.find(">", found.start())
    return raw[found.start():end + 1] if 0 <= end - found.start() < 40 else found.group(0) + ">"


def raw_html_message(raw: str) -> str:
    """The error for raw HTML in a block's text, naming its first tag as written."""
    found = START.search(raw)
    if found and found.group(0) == "<!--":
        return ("an HTML comment ('<!--') is not allowed in text; delete it, or write '\\<' "
                "to print '<'")
    return (f"raw HTML '{_first_tag(raw)}' is not allowed in text; write plain text and Markdown "
            "(a blank line starts a new paragraph), or write '\\<' to print '<'")


def refuse_raw_html(text: str) -> str:
    """``text`` unless it holds a tag (ValueError naming it): for a value that text
    quotes ({{ fact.NAME }}, {{ period.venue }}), which is pasted into the Markdown of
    the block that quotes it, so that the error names where the tag was typed rather
    than that block."""
    found = WHOLE_TAG.search(text)
    if found:
        what = "an HTML comment ('<!--')" if found.group(0) == "<!--" else f"raw HTML '{_first_tag(text[found.start():])}'"
        raise ValueError(f"{what} is not allowed in a value that text quotes; write plain text")
    return text
