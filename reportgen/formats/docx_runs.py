"""A run of inline tokens as Word runs: text, emphasis, links and footnote calls.

This is the one place that turns parsed text (:class:`~reportgen.markup.Inline`) into
WordprocessingML.  It returns elements rather than writing into a paragraph, so a writer
can put them in a paragraph, a footnote, or inside revision marks (``w:ins``/``w:del``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from markdown_it.token import Token

from ..markup import Inline, render_text
from ..typography import NB_HYPHEN
from .ooxml import hyperlink

_EXTERNAL = ("http://", "https://", "mailto:")


@dataclass
class RunContext:
    """Where runs go and what they may refer to.

    ``part`` is the package part holding the runs (external links are related to it);
    ``style_ids`` maps style names to the identifiers of the document's styles;
    ``call_note`` gives the run of a footnote call (a ``footnote_ref`` token).
    """

    part: object
    style_ids: dict[str, str]
    call_note: Callable[[Token], object] | None = None


def bookmark_name(anchor: str) -> str:
    """A Word bookmark name for an HTML anchor: 'para-12' -> 'para_12' (letters, digits
    and underscores, at most 40 characters).  A name that must be cut, or whose anchor
    holds other signs than hyphens, ends in a fingerprint of the whole anchor, so two
    anchors never share a bookmark (and a link never leads to the wrong heading)."""
    name = "".join(c if c.isalnum() else "_" for c in anchor)
    name = name if name[:1].isalpha() else f"_{name}"
    if len(name) <= 40 and all(c.isalnum() or c == "-" for c in anchor):
        return name
    return f"{name[:31]}_{hashlib.sha256(anchor.encode('utf-8')).hexdigest()[:8]}"


def text_run(text: str, style_id: str | None = None, italic: bool = False, bold: bool = False):
    """One w:r: ``text`` (tabs and line breaks become w:tab and w:br) in a character
    style; italic and bold are set directly only where a style cannot say it (emphasis
    inside a link)."""
    run = OxmlElement("w:r")
    if style_id or italic or bold:
        props = run.get_or_add_rPr()
        if style_id:
            props.style = style_id
        if bold:
            props.b_val = True
        if italic:
            props.i_val = True
    set_run_text(run, text)
    return run


def set_run_text(run, text: str) -> None:
    """``text`` as the content of the w:r ``run``: tabs and line breaks as w:tab and
    w:br, each non-breaking hyphen (U+2011, set by reportgen.typography) as
    w:noBreakHyphen, which Word draws with the font's own hyphen."""
    pieces = text.split(NB_HYPHEN)
    run.text = pieces[0]
    for piece in pieces[1:]:
        run.append(OxmlElement("w:noBreakHyphen"))
        if piece:
            holder = OxmlElement("w:r")
            holder.text = piece
            for child in list(holder):
                run.append(child)


def inline_runs(inline: Inline, context: RunContext) -> list:
    """The runs and hyperlinks of ``inline``, in order."""
    out: list = []
    target = out  # where runs go: the list itself, or the open hyperlink
    emphasis = strong = 0
    styles = context.style_ids

    def add(text: str) -> None:
        if not text:
            return
        in_link = target is not out
        if in_link:
            run = text_run(text, styles["Hyperlink"], italic=emphasis > 0, bold=strong > 0)
        elif emphasis and strong:
            run = text_run(text, styles["Strong"], italic=True)
        else:
            style = "Strong" if strong else "Emphasis" if emphasis else None
            run = text_run(text, styles[style] if style else None)
        target.append(run)

    tokens = inline.tokens
    for tok in tokens:
        token_type = tok.type
        if token_type in ("text", "code_inline", "html_inline"):
            add(tok.content)
        elif token_type == "softbreak":
            add(" ")
        elif token_type == "hardbreak":
            add("\n")
        elif token_type == "image":
            add(tok.content or render_text(tok.children or []))
        elif token_type in ("em_open", "em_close"):
            emphasis += 1 if token_type == "em_open" else -1
        elif token_type in ("strong_open", "strong_close"):
            strong += 1 if token_type == "strong_open" else -1
        elif token_type == "link_open":
            link = _link(tok.attrGet("href") or "", context)
            if link is not None:
                out.append(link)
                target = link
        elif token_type == "link_close":
            target = out
        elif token_type == "footnote_ref":
            call = context.call_note(tok) if context.call_note else None
            out.append(call if call is not None else
                       text_run(str(tok.meta.get("number", "")), styles["footnote reference"]))
    return out


def _link(href: str, context: RunContext):
    """A w:hyperlink for a safe address or an anchor in the document; None otherwise
    (the link's text then stays plain, as in the other formats)."""
    holder = OxmlElement("w:p")  # hyperlink() appends to a paragraph; taken out at once
    if href.startswith(_EXTERNAL):
        rel_id = context.part.relate_to(href, RT.HYPERLINK, is_external=True)
        link = hyperlink(holder, rel_id=rel_id)
    elif href.startswith("#") and len(href) > 1:
        link = hyperlink(holder, anchor=bookmark_name(href[1:]))
    else:
        return None
    holder.remove(link)
    return link
