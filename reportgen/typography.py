"""The typography of printed text: one list of rules, applied to the text of the document
model, so that Markdown, HTML, PDF and Word carry the same characters.

Two kinds of rule:

- **Marks of a language** (:class:`Typography`): straight quotes and apostrophes become
  the language's marks (English “…” ‘…’ and ’, French « … » with no-break spaces, Spanish,
  Russian and Arabic «…», Chinese “…”), and French sets a no-break space before the high
  punctuation marks (a narrow one before ; ! ? as French printers do, a full one before :
  and %), so that a mark never starts a line.
- **Runs that must not break** (:data:`KEEP_TOGETHER`): document symbols, resolution
  numbers, "para. 7", sums and numbers with their unit, date ranges, and codes
  such as "COVID-19".  Their spaces become no-break spaces (U+00A0) and their hyphens
  non-breaking hyphens (U+2011) in the model's text.  Each writer then keeps the run
  whole in its own way besides: HTML (and so the PDF) wraps it in ``<span class="nobr">``
  (:mod:`reportgen.keeptogether`), Word writes each U+2011 as ``w:noBreakHyphen``.

The rules are chosen by the language of the text itself, given by the caller (an edition
may hold text not yet translated, which keeps its own language's marks).  Writers type
straight quotes and ordinary spaces; their source is never changed.  Only plain text is
touched: code, link targets and footnote calls keep every character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .markup import Inline

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
NB_HYPHEN = "\u2011"

_OPENING_CONTEXT = set(" \t\n([{\u00a0\u202f/—–-\u2011") | {""}
_SPACES = " \u00a0\u202f"
#: what stands between words in the model's text but is not a character of a token
_BARRIER = "\x00"


@dataclass(frozen=True)
class Typography:
    """The marks of one language."""

    #: the marks that open and close a quotation (None: the text keeps what was typed)
    quotes: tuple[str, str] | None = None
    #: the space each punctuation mark takes before it (French: ';' -> narrow no-break)
    space_before: dict[str, str] = field(default_factory=dict)
    #: the marks of a quotation inside a quotation (typed as single straight quotes)
    inner: tuple[str, str] | None = None
    #: the apostrophe ("the Parties’ reports", "l’État")
    apostrophe: str | None = None

    def set_inline(self, inline: "Inline") -> None:
        """Apply the marks and the runs that must not break to every text token of
        ``inline``, in place."""
        state = _State()
        for token in inline.tokens:
            if token.type == "text":
                token.content = self._text(token.content, state)
            elif token.type in ("softbreak", "hardbreak"):
                state.previous = " "
            elif token.type in ("code_inline", "footnote_ref") or token.type.startswith("link_"):
                state.previous = "x"  # a word-like run: a mark after it is after a word
        keep_inline_together(inline)

    def set_text(self, text: str | None) -> str | None:
        """The rules applied to a plain string (a heading, a title); None stays None."""
        if not text:
            return text
        return keep_together_text(self._text(text, _State()))

    def _marks(self) -> re.Pattern | None:
        """The characters some rule of this language may change; None if none."""
        chars = ('"\u201c\u201d\u00ab\u00bb' if self.quotes else "") + (
            "'" if self.apostrophe else "") + "".join(self.space_before)
        return re.compile(f"[{re.escape(chars)}]") if chars else None

    def _text(self, text: str, state: "_State") -> str:
        out: list[str] = []
        marks = self._marks()
        i = 0
        while i < len(text):
            # the characters no rule changes are copied as they stand, up to the next
            # one a rule may change (the loop below would copy them one by one)
            found = marks.search(text, i) if marks is not None else None
            end = found.start() if found else len(text)
            if end > i:
                out.extend(text[i:end])
                i = end
                if i == len(text):
                    break
            char = text[i]
            before = out[-1] if out else state.previous
            if self.quotes and char in '"\u201c\u201d\u00ab\u00bb':
                after = text[i + 1] if i + 1 < len(text) else ""
                # a straight mark opens after a space or bracket, or, in a script without
                # spaces (Chinese), when no quotation is open and a word follows
                opening = (char in "\u201c\u00ab" or (char == '"' and (
                    before in _OPENING_CONTEXT or (not state.double_open and after.isalnum()))))
                state.double_open = opening
                if opening:
                    out.append(self.quotes[0])
                    while i + 1 < len(text) and text[i + 1] in _SPACES:
                        i += 1  # the opening mark brings its own space
                else:
                    while out and out[-1] in _SPACES:
                        out.pop()
                    out.append(self.quotes[1])
            elif char == "'" and self.apostrophe:
                after = text[i + 1] if i + 1 < len(text) else ""
                if before in _OPENING_CONTEXT and after and not after.isspace() and self.inner:
                    out.append(self.inner[0])
                    state.inner_open += 1
                elif before.isalnum() and after.isalnum():
                    out.append(self.apostrophe)  # l'État, don't
                elif state.inner_open and self.inner:
                    out.append(self.inner[1])
                    state.inner_open -= 1
                else:
                    out.append(self.apostrophe)  # the Parties' reports
            elif char in self.space_before and self._ends_a_word(text, i):
                while out and out[-1] in _SPACES:
                    out.pop()
                before = out[-1] if out else state.previous
                if before not in _OPENING_CONTEXT or char == "%":
                    out.append(self.space_before[char])
                out.append(char)
            else:
                out.append(char)
            i += 1
        if out:
            state.previous = out[-1]
        return "".join(out)

    def _ends_a_word(self, text: str, i: int) -> bool:
        """A mark followed by a space, a closing mark or the end is punctuation; one in
        the middle of a run ('10:30', 'http://', '?q=') is not."""
        after = text[i + 1] if i + 1 < len(text) else ""
        if text[i] == "%":
            return bool(re.search(r"\d[ \u00a0\u202f]?\Z", text[:i]))
        return after in ("", " ", "\n", ")", "]", "\u00bb", '"', "\u201d", "\u00a0", "\u202f")


class _State:
    """What the text before a token left open: its last character, and the inner
    quotations not closed yet."""

    def __init__(self) -> None:
        self.previous = ""
        self.inner_open = 0
        self.double_open = False


#: the marks of each language's text, by language code
TYPOGRAPHY = MappingProxyType({
    "en": Typography(("\u201c", "\u201d"), inner=("\u2018", "\u2019"), apostrophe="\u2019"),
    "fr": Typography(("\u00ab\u00a0", "\u00a0\u00bb"), {
        ";": NARROW_NBSP, "!": NARROW_NBSP, "?": NARROW_NBSP, ":": NBSP, "%": NBSP},
        inner=("\u201c", "\u201d"), apostrophe="\u2019"),
    "es": Typography(("\u00ab", "\u00bb"), inner=("\u201c", "\u201d"), apostrophe="\u2019"),
    "ru": Typography(("\u00ab", "\u00bb"), inner=("\u201e", "\u201c"), apostrophe="\u2019"),
    "ar": Typography(("\u00ab", "\u00bb"), inner=("\u201c", "\u201d"), apostrophe="\u2019"),
    "zh": Typography(("\u201c", "\u201d"), inner=("\u2018", "\u2019"), apostrophe="\u2019"),
})


def typography_of(language: str) -> Typography:
    """The marks of text written in ``language`` (a code such as 'fr'); a language
    without rules of its own keeps what was typed."""
    return TYPOGRAPHY.get(language, Typography())


def typeset(text: str | None, language: str) -> str | None:
    """``text``, written in ``language``, with every rule applied; None stays None."""
    return typography_of(language).set_text(text)


def typeset_inline(inline: "Inline", language: str) -> None:
    """Every rule applied to the text of ``inline``, written in ``language``, in place."""
    typography_of(language).set_inline(inline)


#: each mark or space the rules set, and what a writer would have typed for it
_TYPED = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u201e": '"', "\u00ab": '"', "\u00bb": '"', NB_HYPHEN: "-",
                        NBSP: " ", NARROW_NBSP: " "})


def as_typed(text: str) -> str:
    """``text`` with the marks and spaces of the rules as a writer types them: for
    comparing a typeset text with one that was not (an issued document's conversion)."""
    return text.translate(_TYPED)


# -- runs that must not break -----------------------------------------------------------

_UNITS = (r"(?:per\s+cent|pour\s+cent|por\s+ciento|%|km|kg|tonnes|tons|million|millions|"
          r"billion|milliards?|hours|days|weeks|months|years)")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
           "novembre|décembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
           "октября|ноября|декабря")


@dataclass(frozen=True)
class KeepRule:
    """A run of text that must not break across lines, with an example of it as typed
    and as every format prints it."""

    name: str
    pattern: str
    typed: str
    printed: str


KEEP_TOGETHER: tuple[KeepRule, ...] = (
    KeepRule("document symbol",
             r"(?<![\w/])[A-Z][A-Za-z]*(?:\.\d+)?(?:/[A-Za-z0-9.\-\u2011]*[A-Za-z0-9])+(?![\w/])",
             "CTOC/COP/WG.2/2022-1", "CTOC/COP/WG.2/2022\u20111"),
    KeepRule("resolution number", r"(?<![\w/])\d+/\d+(?![\w/])", "75/196", "75/196"),
    KeepRule("Security Council resolution", r"(?<![\w,.])\d+\s+\(\d{4}\)",
             "2546 (2020)", "2546\u00a0(2020)"),
    KeepRule("paragraph reference",
             r"\b(?:[Pp]aras?|[Pp]árrs?|[Pp]ar)\.\s+\d+(?:[\u2013\u2011-]\d+)?",
             "paras. 7-9", "paras.\u00a07\u20119"),
    KeepRule("sum of money", r"(?:US\$|\$|€)\s?\d[\d,.]*(?:\s+(?:million|billion))?",
             "US$ 5 million", "US$\u00a05\u00a0million"),
    KeepRule("date range", r"\b\d{1,2}\s*[\u2013\u2011-]\s*\d{1,2}\s+(?:" + _MONTHS + r")(?:\s+\d{4})?\b",
             "17–21 October 2022", "17–21\u00a0October\u00a02022"),
    KeepRule("number with its unit", r"(?<![\w,.])\d[\d,.]*\s*" + _UNITS + r"(?!\w)",
             "5 per cent", "5\u00a0per\u00a0cent"),
    KeepRule("code with a hyphen", r"\b[A-Z][A-Z0-9]*[A-Z](?:[-\u2011]\d+)+\b", "COVID-19",
             "COVID\u201119"),
)

#: every run of :data:`KEEP_TOGETHER`, in the order given (the first that matches wins);
#: a no-break space or hyphen already set counts as its typed form
_TOGETHER = re.compile("|".join(f"(?:{rule.pattern})" for rule in KEEP_TOGETHER))


def together_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds a run that must not break, as (start, end) offsets."""
    return [m.span() for m in _TOGETHER.finditer(text)]


def _joined(match: re.Match) -> str:
    run = match.group(0)
    return re.sub(r"\s", NBSP, run).replace("-", NB_HYPHEN)


def keep_together_text(text: str) -> str:
    """``text`` with the spaces and hyphens of each run that must not break made
    no-break (same length: one character for one)."""
    return _TOGETHER.sub(_joined, text)


def keep_inline_together(inline: "Inline") -> None:
    """:func:`keep_together_text` over the text of ``inline`` as printed, across its
    tokens (emphasis and link marks print nothing; a line break inside a run becomes a
    no-break space), in place."""
    pieces: list[tuple[object, int]] = []  # (token, offset of its text in the joined text)
    joined: list[str] = []
    at = 0
    for token in inline.tokens:
        if token.type == "text":
            piece = token.content
        elif token.type == "softbreak":
            piece = " "
        elif token.type.endswith(("_open", "_close")) and token.type != "footnote_ref":
            continue
        else:
            piece = _BARRIER
        pieces.append((token, at))
        joined.append(piece)
        at += len(piece)
    text = "".join(joined)
    kept = keep_together_text(text)
    if kept == text:
        return
    for token, start in pieces:
        if token.type == "text":
            token.content = kept[start:start + len(token.content)]
        elif token.type == "softbreak" and kept[start] == NBSP:
            token.type, token.content = "text", NBSP
