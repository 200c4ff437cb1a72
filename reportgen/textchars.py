"""Characters that are not what they seem, and characters no output can carry.

One rule for every text that enters an output, whichever file it comes from (a content
file, a Markdown report to import or compare with, a revision of the store):

- a character no output can carry is an error at its file and line, in ``check`` and
  ``build`` alike and whatever the field (``yamlsource``), and in a Markdown report or
  baseline (``importer``): a control character (Unicode category Cc) other than the tab
  and the line break (XML 1.0, and so Word, refuses most of them, and a terminal obeys
  them), a lone surrogate or a noncharacter such as U+FFFE (XML refuses them; HTML calls
  them errors);
- an override or isolate of the bidirectional algorithm (U+202A-U+202E, U+2066-U+2069)
  outside right-to-left text makes a printed sentence read otherwise than its source, and
  is warned about.
"""

from __future__ import annotations

import re
import unicodedata

#: the control characters (Unicode category Cc) but for the line break and the tab
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: lone surrogates and the noncharacters: no XML document, so no Word file, may hold them
NOT_CARRIED = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                         + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}"
                                   for p in range(1, 17))
                         + "]")
#: embeddings, overrides and isolates: they reorder what follows them when displayed
BIDI_OVERRIDES = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
#: presentation forms), where directional marks are part of ordinary writing
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def not_carried(text: str) -> list[str]:
    """The distinct characters of ``text`` that no output can carry, control characters
    included (but the tab and the line break), in order of code."""
    return sorted(set(NOT_CARRIED.findall(text)) | set(CONTROL.findall(text)))


def line_of(text: str, index: int) -> int:
    """The 1-based line of position ``index`` in ``text``."""
    return text.count("\n", 0, index) + 1


def overrides_outside_rtl(text: str) -> list[str]:
    """The bidirectional overrides and isolates of ``text`` if it holds no right-to-left
    letter (where they are ordinary); else an empty list."""
    if _RIGHT_TO_LEFT.search(text):
        return []
    return sorted(set(BIDI_OVERRIDES.findall(text)))


def invisible(char: str) -> bool:
    """True for a character that shows nothing or moves other characters: controls,
    format characters (zero-width spaces and joiners, directional marks), line and
    paragraph separators, surrogates and noncharacters."""
    return (unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")
            or bool(NOT_CARRIED.fullmatch(char)))
