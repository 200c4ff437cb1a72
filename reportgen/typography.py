"""The typography of a language, applied to the text of the document model.

French sets a no-break space inside « » and before the high punctuation marks (a narrow
one before ; ! ? as French printers do, a full one before : and %), so that a mark never
starts a line; Spanish and Russian quote with « » too. Writers type straight or English
quotation marks and ordinary spaces; the edition gets its language's marks, in every
format at once, because the rules are applied to the document model's text.

Only plain text is touched: code, link targets, footnote labels and document symbols
are tokens of their own and keep every character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .markup import Inline

_OPENING_CONTEXT = set(" \t\n([{\u00a0\u202f/—–-") | {""}
_SPACES = " \u00a0\u202f"


@dataclass(frozen=True)
class Typography:
    #: the marks that open and close a quotation (None: the text keeps what was typed)
    quotes: tuple[str, str] | None = None
    #: the space each punctuation mark takes before it (French: ';' -> narrow no-break)
    space_before: dict[str, str] = field(default_factory=dict)

    def set_inline(self, inline: "Inline") -> None:
        """Apply the rules to every text token of ``inline``, in place."""
        if self.quotes is None and not self.space_before:
            return
        state = _State()
        for token in inline.tokens:
            if token.type == "text":
                token.content = self._text(token.content, state)
            elif token.type in ("softbreak", "hardbreak"):
                state.previous = " "
            elif token.type in ("code_inline", "footnote_ref") or token.type.startswith("link_"):
                state.previous = "x"  # a word-like run: a mark after it is after a word

    def set_text(self, text: str | None) -> str | None:
        """The rules applied to a plain string (a heading, a title); None stays None."""
        if not text or (self.quotes is None and not self.space_before):
            return text
        return self._text(text, _State())

    def _text(self, text: str, state: "_State") -> str:
        out: list[str] = []
        i = 0
        while i < len(text):
            char = text[i]
            if self.quotes and char in '"\u201c\u201d\u00ab\u00bb':
                opening = (char in "\u201c\u00ab" or
                           (char == '"' and (out[-1] if out else state.previous) in _OPENING_CONTEXT))
                if opening:
                    out.append(self.quotes[0])
                    while i + 1 < len(text) and text[i + 1] in _SPACES:
                        i += 1  # the opening mark brings its own space
                else:
                    while out and out[-1] in _SPACES:
                        out.pop()
                    out.append(self.quotes[1])
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
    """The last character set, carried from one text token to the next."""

    def __init__(self) -> None:
        self.previous = ""

