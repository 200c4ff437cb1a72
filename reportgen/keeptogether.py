"""Words that must stay on one line, in HTML: document symbols, resolution numbers,
paragraph references, dates, codes such as "COVID-19" and numbers with their unit.

Issued documents never break ``CTOC/COP/2022/7`` after a slash, ``2546 (2020)`` before
its year, "para. 39" after the abbreviation or "5 per cent" before its unit.  The runs
are those of :data:`reportgen.typography.KEEP_TOGETHER` (one list for every format): the
model's text already has their spaces no-break; HTML wraps each run in
``<span class="nobr">`` (common.css keeps it whole, so a slash cannot break either), with
its non-breaking hyphens printed as hyphens, which every font has.  Links to symbols and
paragraphs are kept whole by their own class.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .typography import NB_HYPHEN, keep_together_text, together_spans


def keep_together(escaped: str) -> str:
    """``escaped`` (HTML-escaped text, no tags) with each run that must not break wrapped
    in a ``nobr`` span."""
    out: list[str] = []
    at = 0
    for start, end in together_spans(escaped):
        out.append(escaped[at:start])
        out.append(f'<span class="nobr">{escaped[start:end].replace(NB_HYPHEN, "-")}</span>')
        at = end
    out.append(escaped[at:])
    return "".join(out)


def keep_together_html(text: object) -> Markup:
    """A plain text field (a caption, a line of sources) as HTML with its runs kept
    whole: the ``keep`` filter of the HTML templates."""
    if isinstance(text, Markup):
        return text
    # a field made of reportgen's own words ('para. 9') gets the no-break spaces too
    return Markup(keep_together(str(escape(keep_together_text(str(text))))))
