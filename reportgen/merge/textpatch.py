"""Turning an edit of printed text into an edit of its Markdown source.

A paragraph's printed text (what the Word file showed) differs from its source by the
Markdown's markup, the variables' values and typography.  The two are aligned character
by character, with markup that prints nothing or something else (``{{ fact.x }}``,
``[^note]``, a link's address) kept out of the alignment, so that an edit of printed
words lands on the same words of the source.  An edit touching a variable's value is a
:class:`VariableConflict`, never a figure pasted into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

#: source markup that is not printed as it stands: variables, footnote calls, link
#: addresses, HTML
_PROTECTED = re.compile(r"\{\{.*?\}\}|\[\^[^\]\s]+\]|\]\([^)\s]*\)|<[^>\n]+>", re.S)
#: a word or one other character with the spaces before it, or spaces alone: the unit
#: of a word-by-word edit (spaces kept with their word, so that they are not all alike)
_TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]|\s+")
#: characters that would be read as Markdown if typed into a source
_MARKDOWN = re.compile(r"([\\`*_\[\]<>{}])")


@dataclass(frozen=True)
class Edit:
    """Replace ``old[start:end]`` by ``text`` (one word-level change of a text)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class VariableConflict:
    """An edit of the words a variable printed."""

    variable: str   # '{{ fact.parties }}'
    printed: str    # what the file showed there
    edited: str     # what the editor made of it


@dataclass(frozen=True)
class Patched:
    """A source with an edited text's changes applied, and the edits it could not take."""

    source: str
    conflicts: tuple[VariableConflict, ...]
    edits: tuple[Edit, ...]   # in the source's coordinates
    taken: tuple[Edit, ...] = ()  # the same edits, in the printed text's coordinates


def word_edits(old: str, new: str) -> list[Edit]:
    """The changes from ``old`` to ``new``, word by word, in ``old``'s coordinates."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    a_at, b_at = _offsets(a), _offsets(b)
    spans: list[list[int]] = []  # [i1, i2, j1, j2] of the changes, word by word
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            continue
        # two changes with only a space between them are one ('a total of' -> 'in all')
        if spans and all(not t.strip() for t in a[spans[-1][1]:i1]):
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return [Edit(a_at[i1], a_at[i2], new[b_at[j1]:b_at[j2]]) for i1, i2, j1, j2 in spans]


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """``difflib``'s opcodes from ``a`` to ``b``, the tokens both begin and end with
    set aside first: an editor changes a few words of a long paragraph, and matching
    only the stretch between the first and the last change is many times faster."""
    head = 0
    most = min(len(a), len(b))
    while head < most and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < most - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ops = [("equal", 0, head, 0, head)] if head else []
    if head < len(a) - tail or head < len(b) - tail:
        middle = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail],
                                 autojunk=False).get_opcodes()
        ops += [(t, head + i1, head + i2, head + j1, head + j2) for t, i1, i2, j1, j2 in middle]
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return ops


def _offsets(tokens: list[str]) -> list[int]:
    at, out = 0, [0]
    for token in tokens:
        at += len(token)
        out.append(at)
    return out


def protected_spans(source: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PROTECTED.finditer(source)]


class Alignment:
    """Positions of a printed text mapped to positions of another text (its source, or a
    later version of the same source)."""

    def __init__(self, printed: str, source: str, protected: list[tuple[int, int]] = ()):
        masked = list(source)
        for start, end in protected:
            masked[start:end] = ["\ue000"] * (end - start)
        ops = _char_opcodes(printed, "".join(masked))
        self.ops = [op for op in ops if op[1] != op[2] or op[0] == "equal"]
        self.printed_length = len(printed)
        self.source_length = len(source)

    def start(self, position: int) -> int:
        for tag, i1, i2, j1, _j2 in self.ops:
            if i1 <= position < i2:
                return j1 + position - i1 if tag == "equal" else j1
        # the end of the printed text: after its last character's source, before what
        # follows it unprinted (the block's last line break)
        return self.ops[-1][4] if self.ops else self.source_length

    def end(self, position: int) -> int:
        for tag, i1, i2, j1, j2 in self.ops:
            if i1 < position <= i2:
                return j1 + position - i1 if tag == "equal" else j2
        return 0 if position == 0 else self.source_length


def _char_opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """``difflib``'s opcodes from ``a`` to ``b``, character by character: words are
    matched first, then the characters of the stretches that differ (matching a long
    text character by character at once would take seconds)."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    oa, ob = _offsets(ta), _offsets(tb)
    ops = []
    for tag, i1, i2, j1, j2 in opcodes(ta, tb):
        a1, a2, b1, b2 = oa[i1], oa[i2], ob[j1], ob[j2]
        if tag == "replace":
            for t, x1, x2, y1, y2 in SequenceMatcher(None, a[a1:a2], b[b1:b2],
                                                     autojunk=False).get_opcodes():
                ops.append((t, a1 + x1, a1 + x2, b1 + y1, b1 + y2))
        else:
            ops.append((tag, a1, a2, b1, b2))
    return ops


def escape(text: str) -> str:
    """Typed text as Markdown that prints it as typed."""
    return _MARKDOWN.sub(r"\\\1", text)


def patch(source: str, printed: str, edited: str) -> Patched:
    """``source`` with the changes that turned ``printed`` into ``edited``."""
    if printed == edited:
        return Patched(source, (), ())
    spans = protected_spans(source)
    variables = [(s, e) for s, e in spans if source.startswith("{{", s)]
    align = Alignment(printed, source, spans)
    mapped: list[Edit] = []
    taken: list[Edit] = []
    conflicts: list[VariableConflict] = []
    for edit in word_edits(printed, edited):
        if (not edit.text and edit.end < len(printed) and printed[edit.start:edit.start + 1].isspace()
                and printed[edit.end].isspace()):
            # ' Smuggling of' deleted is 'Smuggling of ' deleted: the source's line break
            # before it stays where it was
            edit = Edit(edit.start + 1, edit.end + 1, "")
        start = align.start(edit.start)
        end = align.end(edit.end) if edit.end > edit.start else start
        touched = [(s, e) for s, e in variables
                   if ((start < e and end > s) if end > start else s < start < e)]
        if touched:
            conflicts += [VariableConflict(source[s:e], printed[edit.start:edit.end].strip(),
                                           edit.text.strip()) for s, e in touched]
            continue
        link = next((e for s, e in spans if s == end and source.startswith("](", s)), None)
        if not edit.text and link is not None and start > 0 and source[start - 1] == "[" and \
                (start == end or printed[edit.start:edit.end]):
            # the whole text of a link deleted: the link goes with it
            start, end = start - 1, link
        kept = "".join(source[s:e] for s, e in spans if start <= s and e <= end and end > start
                       and not source.startswith("](", s))
        text = escape(edit.text)
        if "\n\n" in text:  # a paragraph split inside emphasis: closed, then opened again
            markers = _open_markers(source, start)
            text = text.replace("\n\n", "".join(reversed(markers)) + "\n\n" + "".join(markers))
        mapped.append(Edit(start, end, text + kept))
        taken.append(edit)
    return Patched(apply(source, mapped), tuple(dict.fromkeys(conflicts)), tuple(mapped),
                   tuple(taken))


def _open_markers(source: str, position: int) -> list[str]:
    """The emphasis markers ('*', '**') open at ``position`` of its paragraph."""
    begin = source.rfind("\n\n", 0, position)
    segment = source[begin + 2 if begin >= 0 else 0:position]
    segment = _PROTECTED.sub("", re.sub(r"\\.", "", segment))
    stack: list[str] = []
    for marker in re.findall(r"\*\*|\*", segment):
        if stack and stack[-1] == marker:
            stack.pop()
        else:
            stack.append(marker)
    return stack


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with ``edits`` (in its coordinates, not overlapping) applied."""
    out, at = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < at:
            continue
        out += [text[at:edit.start], edit.text]
        at = edit.end
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True)
class ThreeWay:
    """The editor's edits of a base source, applied to the store's current source."""

    source: str
    overlapping: tuple[Edit, ...]   # editor's edits (base coordinates) touching changed words


def three_way(base: str, current: str, edits: tuple[Edit, ...], side: str | None) -> ThreeWay:
    """Apply ``edits`` (made on ``base``) to ``current``.  Edits of words the store changed
    meanwhile overlap: with ``side`` None they and the rest are reported, and the source is
    left as it is; 'theirs' takes the editor's words there, 'ours' keeps the store's."""
    if base == current:
        return ThreeWay(apply(current, list(edits)), ())
    changed = [(e.start, e.end) for e in word_edits(base, current)]
    align = Alignment(base, current)
    overlapping = tuple(e for e in edits if any(_overlap(e.start, e.end, a, b) for a, b in changed))
    if overlapping and side is None:
        return ThreeWay(current, overlapping)
    moved: list[Edit] = []
    for edit in edits:
        if edit in overlapping:
            if side == "ours":
                continue
            hit = [(a, b) for a, b in changed if _overlap(edit.start, edit.end, a, b)]
            lo = min([edit.start] + [a for a, _ in hit])
            hi = max([edit.end] + [b for _, b in hit])
            text = base[lo:edit.start] + edit.text + base[edit.end:hi]
            moved.append(Edit(align.start(lo) if hi > lo else align.start(lo),
                              align.end(hi) if hi > lo else align.start(lo), text))
        else:
            start = align.start(edit.start)
            end = align.end(edit.end) if edit.end > edit.start else start
            moved.append(Edit(start, end, edit.text))
    return ThreeWay(apply(current, moved), overlapping)


def _overlap(start: int, end: int, a: int, b: int) -> bool:
    if end > start and b > a:
        return start < b and a < end
    return a <= start <= b if end == start else start <= a <= end
