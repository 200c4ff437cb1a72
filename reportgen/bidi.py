"""Left-to-right runs inside right-to-left text, isolated so that they read in order.

In an Arabic edition, a document symbol, an English clause or an untranslated paragraph
stands inside right-to-left paragraphs.  Left to the Unicode bidirectional algorithm
alone, the punctuation and figures at the edges of such a run take the paragraph's
direction and move to the wrong end ('international ,30/1 At its'); isolated, the run is
laid out left to right as one unit.  The web page isolates with ``<bdi dir="ltr">``; the
PDF with the isolate characters LRI ... PDI (U+2066, U+2069), which the PDF renderer's
text layout honours, as it does not honour ``unicode-bidi`` on inline boxes.
"""

from __future__ import annotations

import html
import re

LRI, PDI = "\u2066", "\u2069"

_LATIN = "A-Za-z\u00c0-\u024f"
#: a run of Latin text: from a letter to a letter or figure, over spaces, figures and the
#: punctuation found inside symbols and clauses ('CTOC/COP/WG.7/2021/2', 'Protect, prevent')
LATIN_RUN = re.compile(rf"[{_LATIN}](?:[{_LATIN}0-9 .,:;/&'\u2019\u2013-]*[{_LATIN}0-9])?")

#: a tag, or the text between tags
_TAG = re.compile(r"(<[^>]*>)")


#: a run that must not break (reportgen.keeptogether): a span of text without tags
_NOBR = re.compile(r'(<span class="nobr">[^<]*</span>)')
#: a right-to-left letter (Arabic, Hebrew and their presentation forms)
_RTL_LETTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _isolated(fragment: str, target: str) -> str:
    return f'<bdi dir="ltr">{fragment}</bdi>' if target == "web" else f"{LRI}{fragment}{PDI}"


def isolate_html(fragment: str, target: str) -> str:
    """``fragment`` (HTML) with each Latin run of its text isolated as left to right:
    ``<bdi dir="ltr">`` for the web, LRI ... PDI for the PDF.  A run kept on one line
    (``<span class="nobr">``) with Latin in it is isolated whole, the isolate around the
    span: 'paras. 7-9' or 'US$ 5 million' read as one unit, not as Latin words with the
    figures and signs between them set right to left."""
    pieces = _NOBR.split(fragment)
    for i in range(1, len(pieces), 2):  # odd items are nobr spans
        text = html.unescape(pieces[i][len('<span class="nobr">'):-len("</span>")])
        if LATIN_RUN.search(text) and not _RTL_LETTER.search(text):
            pieces[i] = _isolated(pieces[i], target)
        else:
            pieces[i] = _isolate_runs(pieces[i], target)
    for i in range(0, len(pieces), 2):
        pieces[i] = _isolate_runs(pieces[i], target)
    return "".join(pieces)


def _isolate_runs(fragment: str, target: str) -> str:
    """``fragment`` with each Latin run of its text isolated."""
    parts = _TAG.split(fragment)
    for i in range(0, len(parts), 2):  # even items are text, odd ones tags
        text = html.unescape(parts[i])
        pieces, end = [], 0
        for match in LATIN_RUN.finditer(text):
            pieces.append(html.escape(text[end:match.start()], quote=False))
            run = html.escape(match.group(0), quote=False)
            pieces.append(_isolated(run, target))
            end = match.end()
        if pieces:
            pieces.append(html.escape(text[end:], quote=False))
            parts[i] = "".join(pieces)
    return "".join(parts)


def latin_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_latin) in order, for writers that tag runs (Word)."""
    out, end = [], 0
    for match in LATIN_RUN.finditer(text):
        if match.start() > end:
            out.append((text[end:match.start()], False))
        out.append((match.group(0), True))
        end = match.end()
    if end < len(text):
        out.append((text[end:], False))
    return out
