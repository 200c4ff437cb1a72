"""Stage 3: render a document model to Markdown and HTML through the templates."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, TemplateError, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup, escape

from ..assets import builtin_templates
from ..bidi import LRI, PDI, isolate_html
from ..errors import ContentError, Problem
from ..kinds import kind_named
from ..markup import Inline
from ..model.document import Document


def render_markdown(doc: Document, env: Environment) -> str:
    return render_template(env, f"{_frame(doc)}.md.j2", doc=doc)


def render_html(doc: Document, env: Environment, target: str = "web",
                light_faces: dict[str, str] | None = None) -> str:
    """HTML for the web (``target="web"``) or for WeasyPrint (``target="pdf"``).

    For print, each footnote's text stands at its first call and floats to the foot of
    the page; for the web, calls link to a list of notes at the end and back.
    ``light_faces`` gives the URL of a lighter face of the document's font by weight
    (see reportgen.lightfaces), set first in the print stylesheet's font list.
    """
    rtl = getattr(doc, "direction", "ltr") == "rtl"

    def html(inline: Inline, isolate: bool = True) -> Markup:
        text = inline.html(_footnote_print if target == "pdf" else _footnote_web)
        # left-to-right runs (symbols, English) isolated inside right-to-left text; not
        # inside an untranslated paragraph, left to right as a whole (see ``ltr``)
        return Markup(isolate_html(text, target) if rtl and isolate else text)

    def ltr(fragment: str) -> Markup:
        """A left-to-right part of a right-to-left page (an untranslated paragraph) as
        one isolated unit; the web page's dir="ltr" element isolates it already."""
        return Markup(f"{LRI}{fragment}{PDI}" if rtl and target == "pdf" else fragment)

    masthead = getattr(doc, "masthead", None)
    qr_svg = _qr_svg(masthead.symbol_url) if target == "pdf" and masthead and masthead.job_number else ""
    return render_template(env, f"{_frame(doc)}.html.j2", doc=doc, target=target, html=html, ltr=ltr,
                           qr_svg=qr_svg, assets_url=builtin_templates().as_uri(),
                           light_faces=light_faces or {})


def _frame(doc) -> str:
    """The stem of the page frame templates of ``doc``'s kind ('brief')."""
    return kind_named(doc.kind).frame


def _qr_svg(url: str | None) -> Markup:
    """A QR code of the document's address, as inline SVG for the foot of page 1."""
    if not url:
        return Markup("")
    import segno  # only documents with a job number print a QR code

    # the title is the picture's alternative text in the tagged PDF (PDF/UA)
    svg = segno.make(url, error="m").svg_inline(scale=4, border=0, omitsize=True,
                                                title=f"QR code: {url}")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="QR code: {url}" ', 1))


def _footnote_web(tok) -> str:
    n = tok.meta["number"]
    ident = f' id="fnref-{n}"' if tok.meta.get("first") else ""
    return (f'<sup class="fn-call"><a href="#fn-{n}"{ident} role="doc-noteref" '
            f'aria-label="footnote {n}">{n}</a></sup>')


def _footnote_print(tok) -> str:
    # The call is a real link to its note (the renderer's own footnote call cannot be
    # one); the note written right after it floats to the foot of the page.
    n = tok.meta["number"]
    if not tok.meta.get("first"):
        return f'<sup class="fn-call"><a href="#fn-{n}">{n}</a></sup>'
    note = tok.meta["note"]
    # WeasyPrint ends a line of a floated note at each newline of its source, so the
    # note's text is written on one line (a newline is only a space in HTML anyway).
    # The first call's id and the note's origin let the PDF writer check its page.
    text = " ".join(note.content.html().split("\n"))
    if note.language:  # untranslated: the original, marked in the edition's language
        text = (f'<span class="untranslated-mark">{escape(note.mark)}</span> '
                f'<span lang="{note.language}" dir="ltr">{LRI}{text}{PDI}</span>')
    return (f'<sup class="fn-call"><a href="#fn-{n}" id="fnref-{n}">{n}</a></sup>'
            f'<span class="footnote" id="fn-{n}" data-n="{n}" data-block="{escape(note.block_id)}" '
            f'data-label="{escape(note.label)}">{text}</span>')


def render_template(env: Environment, name: str, **context) -> str:
    """Template ``name`` rendered; any template fault is a ContentError naming the
    template file and line."""
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        shown = _shown_template(exc.filename, exc.name or name)
        raise ContentError([Problem(shown, exc.lineno,
                                    f"template syntax error: {exc.message}")]) from None
    except TemplateNotFound as exc:
        where, line = _template_frame(exc, name)
        raise ContentError([Problem(where, line, f"template not found: {exc.name}")]) from None
    except TemplateError as exc:
        where, line = _template_frame(exc, name)
        raise ContentError([Problem(where, line, f"template error: {exc.message}")]) from None
    except RecursionError:
        # a template that includes or extends itself, directly or through others
        raise ContentError([Problem(_shown_template(None, name), None,
                                    "templates include or extend each other in a circle")]) from None


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where a render-time error happened (innermost frame)."""
    tb = exc.__traceback__
    where, line = _shown_template(None, name), None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".css")):
            where, line = _shown_template(filename, name), tb.tb_lineno
        tb = tb.tb_next
    return where, line


def _shown_template(filename: str | None, name: str) -> str:
    """A template as the writer knows it: templates/NAME in the workspace, or built-in."""
    if filename is None:
        return f"templates/{name}"
    path = Path(filename).resolve()
    builtin = builtin_templates().resolve()
    if path.is_relative_to(builtin):
        return f"!builtin/{path.relative_to(builtin).as_posix()}"
    if "templates" in path.parts:
        parts = path.parts
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("templates"):])
    return path.name
