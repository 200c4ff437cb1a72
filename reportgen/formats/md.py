"""Markdown (CommonMark with footnotes), from the ``<kind>.md.j2`` templates."""

from __future__ import annotations

from ..fingerprint import source_digest
from . import Format, RenderContext, Rendered
from .templated import render_markdown


def render(doc, ctx: RenderContext) -> Rendered:
    text = render_markdown(doc, ctx.env)
    return Rendered(source_digest(text), text.encode("utf-8"))


FORMAT = Format("md", "markdown", render)
