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


def isolate_html(fragment: str, target: str) -> str:
    """``fragment`` (HTML) with each Latin run of its text isolated as left to right:
    ``<bdi dir="ltr">`` for the web, LRI ... PDI for the PDF."""
    parts = _TAG.split(fragment)
    for i in range(0, len(parts), 2):  # even items are text, odd ones tags
        text = html.unescape(parts[i])
        pieces, end = [], 0
        for match in LATIN_RUN.finditer(text):
            pieces.append(html.escape(text[end:match.start()], quote=False))
            run = html.escape(match.group(0), quote=False)
            pieces.append(f'<bdi dir="ltr">{run}</bdi>' if target == "web" else f"{LRI}{run}{PDI}")
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
