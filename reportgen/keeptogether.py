"""Words that must stay on one line: document symbols, resolution numbers, paragraph
references and numbers with their unit.

Issued documents never break ``CTOC/COP/2022/7`` after a slash, ``2546 (2020)`` before
its year, "para. 39" after the abbreviation or "5 per cent" before its unit.  The HTML of
every format wraps such runs of text in ``<span class="nobr">`` (common.css keeps them
whole); links to symbols and paragraphs are kept whole by their own class.
"""

from __future__ import annotations

import re

_UNITS = r"(?:per\s+cent|%|km|kg|tonnes|tons|million|billion|hours|days|weeks|months|years)"
#: each alternative is a run that must not break; spaces in it may be any white space
_TOGETHER = re.compile(
    r"(?<![\w/])[A-Z][A-Za-z]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+(?![\w/])"  # CTOC/COP/2022/7
    r"|(?<![\w/])\d+/\d+(?![\w/])"                                    # 75/196
    r"|(?<![\w,.])\d+\s+\(\d{4}\)"                                     # 2546 (2020)
    r"|\b[Pp]aras?\.\s+\d+(?:[\u2013-]\d+)?"                            # para. 39, paras. 7–9
    r"|(?:US\$|\$|€)\s?\d[\d,.]*(?:\s+(?:million|billion))?"          # US$ 5 million
    r"|(?<![\w,.])\d[\d,.]*\s*" + _UNITS + r"(?!\w)"                  # 5 per cent, 30 km
)


def keep_together(escaped: str) -> str:
    """``escaped`` (HTML-escaped text, no tags) with each run that must not break wrapped
    in a ``nobr`` span; the text itself is unchanged."""
    return _TOGETHER.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', escaped)
