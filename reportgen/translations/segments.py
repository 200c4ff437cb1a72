"""A text of the store as a translation tool shows it, and back.

A text is cut into chunks (its Markdown paragraphs, a list being one chunk), each chunk
into pieces: plain text, and codes that the translator must carry over but not translate
(a variable such as ``{{ fact.parties }}``, a footnote call, a symbol or cross-reference
link, emphasis marks, a line break with its list marker).  Plain text is then cut into
sentences, the segments of a translation tool.  Joining the pieces gives back the chunk
character for character, so an imported translation is exactly what the translator wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: a code: a variable; a footnote call; a link whose text is not to translate (a symbol,
#: an empty cross-reference); a link's opening bracket or its closing part with the
#: target; a code span; emphasis marks; a line break with the next item's list marker
_CODE = re.compile(r"""
    \{\{.*?\}\}
  | \[\^[^\]\s]+\]
  | \[[^\]]*\]\(symbol:[^)]*\)
  | \[\]\([^)]*\)
  | \[(?=[^\]]+\]\([^)]*\))
  | \]\([^)]*\)
  | `[^`]*`
  | \*\*|\*
  | \n(?:[ \t]*(?:[-*+]|\d+[.)])[ \t]+)?
  | \A[ \t]*(?:[-*+]|\d+[.)])[ \t]+
""", re.VERBOSE)

#: where a paragraph of a text ends: a blank line
_CHUNK_BREAK = re.compile(r"\n[ \t]*\n")

#: a sentence ends at . ! ? (with a closing mark or bracket after it) and a space before
#: the next word; Chinese and Arabic sentences at their own marks
_SENTENCE_END = re.compile(
    "(?:(?<=[.!?\u2026\u061f])|(?<=[.!?\u2026\u061f][\"'\u201d\u2019\u00bb)\\]]))\\s+(?=\\S)"
    "|(?<=[\u3002\uff01\uff1f])(?=\\S)")
#: words after which a full stop does not end the sentence ('para. 4', 'e.g. the')
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:para|paras|No|Nos|art|arts|e\.g|i\.e|Mr|Ms|Mrs|Dr|cf|vol|p|pp|Rev|Corr|Add|"
    r"par|párr|párrs|п|пп|St|Sr|Jr)|\b[A-Z])\.\Z")


@dataclass(frozen=True)
class Code:
    """A piece of a text that is carried over, not translated."""

    text: str
    kind: str  # 'variable', 'note', 'link', 'fmt', 'break'


Piece = str | Code


def chunks(text: str) -> list[str]:
    """The Markdown paragraphs of ``text`` (a list is one), without the blank lines."""
    body = text.strip("\n")
    return [part for part in _CHUNK_BREAK.split(body)] if body else []


def join_chunks(parts: list[str], like: str) -> str:
    """Chunks joined into a text, ending with a line break where ``like`` (the original)
    does, as a ``|`` block keeps it."""
    text = "\n\n".join(parts)
    return text + "\n" if like.endswith("\n") else text


def pieces(chunk: str) -> list[Piece]:
    """``chunk`` as plain text and codes, in order."""
    out: list[Piece] = []
    end = 0
    for match in _CODE.finditer(chunk):
        if match.start() > end:
            out.append(chunk[end:match.start()])
        out.append(Code(match.group(0), _kind(match.group(0))))
        end = match.end()
    if end < len(chunk):
        out.append(chunk[end:])
    return out


def _kind(code: str) -> str:
    if code.startswith("{{"):
        return "variable"
    if code.startswith("[^"):
        return "note"
    if code.startswith(("[", "]")):
        return "link"
    if code.strip(" \t").startswith("\n") or code[:1] in "-+0123456789 \t" or code == "\n":
        return "break"
    return "fmt"


def sentences(items: list[Piece]) -> list[tuple[list[Piece], str]]:
    """``items`` cut into sentences: each with the space that follows it (kept apart, as
    a translation tool keeps it between segments)."""
    out: list[tuple[list[Piece], str]] = []
    current: list[Piece] = []
    for item in items:
        if isinstance(item, Code):
            current.append(item)
            continue
        start = 0
        lead = re.match(r"\s+(?=\S)", item)
        if lead and current and _ends_sentence(current):
            # a sentence ending in a note call: 'Protocol.[^1] It'
            out.append((current, lead.group(0)))
            current, start = [], lead.end()
        for match in _SENTENCE_END.finditer(item, start):
            before = item[start:match.start()]
            if _ABBREVIATIONS.search(_last_words(current, before)):
                continue
            if before:
                current.append(before)
            space = match.group(0)
            if current:
                out.append((current, space))
            current = []
            start = match.end()
        if item[start:]:
            current.append(item[start:])
    if current:
        out.append((current, ""))
    return out


def _ends_sentence(current: list[Piece]) -> bool:
    """True when ``current`` ends with a full stop followed only by note calls."""
    items = list(current)
    while items and isinstance(items[-1], Code) and items[-1].kind == "note":
        items.pop()
    if len(items) == len(current) or not items or isinstance(items[-1], Code):
        return False
    text = items[-1].rstrip()
    return text.endswith((".", "!", "?", "\u3002")) and not _ABBREVIATIONS.search(text[-12:])


def _last_words(current: list[Piece], before: str) -> str:
    tail = "".join(p for p in current if isinstance(p, str)) + before
    return tail[-12:]


def plain(items: list[Piece]) -> str:
    """The text of ``items`` with each code as written."""
    return "".join(p.text if isinstance(p, Code) else p for p in items)


def words(items: list[Piece]) -> int:
    """The words a translation service counts: the runs of the plain text between spaces
    holding a letter or figure ('10/5' is one); codes are not counted."""
    return sum(1 for p in items if isinstance(p, str) for w in p.split() if re.search(r"\w", w))


def joined(parts: list[str], spaces: list[str]) -> str:
    """Translated sentences joined with the spaces between the original's, but none
    between sentences in Chinese (whose full stop is the whole break)."""
    out = ""
    for i, part in enumerate(parts):
        if i and out and not (_cjk(out[-1]) or _cjk(part[:1])):
            out += spaces[i - 1] if i - 1 < len(spaces) and spaces[i - 1] else " "
        out += part
    return out


def _cjk(char: str) -> bool:
    return bool(char) and ("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef")
