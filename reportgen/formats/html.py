"""One self-contained HTML file for the web, from the ``<kind>.html.j2`` templates."""

from __future__ import annotations

from ..fingerprint import source_digest
from . import Format, RenderContext, Rendered
from .templated import render_html


def render(doc, ctx: RenderContext) -> Rendered:
    text = render_html(doc, ctx.env, "web")
    return Rendered(source_digest(text), text.encode("utf-8"))


FORMAT = Format("html", "html", render)
