"""The paragraphs of an edited Word file matched to the store texts they came from.

A paragraph is matched by the hidden bookmark it still holds; one whose bookmark is gone
(retyped, split, merged, moved, or passed through another editor) by its text, against
the paragraphs the file held when reportgen wrote it (:mod:`difflib`).  What follows is
defined for each case:

* a paragraph split in two: the second part has no bookmark, and with the first it reads
  like the stored paragraph, so it stays with the same block (the block gets two
  paragraphs);
* two paragraphs merged: the paragraph holds both bookmarks; it belongs to the first,
  and the second block's text is gone from its place (see :mod:`.plan`);
* a moved paragraph: matched wherever it stands; under another heading, its block's
  place changes;
* a new paragraph (no bookmark, like no stored paragraph): a :class:`NewParagraph`
  after the paragraph before it;
* a deleted paragraph: its store text has no paragraph left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..provenance import Mark, Marks
from ..wordread import Revision, ViewParagraph, WordPackage

#: the typed number or label a paragraph starts with: '12.', '(a)', 'a)', '•', 'I.', 'A.'
_LABEL = re.compile(r"^[ \t]*(?:\d+\.|\((?:[a-z]{1,3}|[ivxlcdm]+)\)|[a-z]{1,3}\)|\u2022|"
                    r"[IVXLCDM]+\.|[A-Z]\.)[ \t]+")
_ITEM = re.compile(r"^[ \t]*(?:\((?:[a-z]{1,3}|[ivxlcdm]+)\)|[a-z]{1,3}\)|\u2022)[ \t]")
#: how alike a paragraph and a stored one must be to be taken for it
SIMILAR = 0.6

Key = tuple[str, str, str]


def body(text: str, mark_kind: str) -> str:
    """A paragraph's text without its number or label (a footnote: without the tab
    after its number); masthead fields are taken whole."""
    if mark_kind == "masthead":
        return text.strip()
    if mark_kind in ("block", "heading", "document"):
        return _LABEL.sub("", text, count=1).strip()
    return text.strip()


def is_item(text: str) -> bool:
    return bool(_ITEM.match(text))


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'")
                    .replace("\u201c", '"').replace("\u201d", '"').split())


@dataclass
class Placed:
    """A paragraph of the edited file and what it was matched to."""

    paragraph: ViewParagraph
    text: str                  # without number or label
    key: Key | None = None
    how: str = "new"           # 'bookmark', 'text', 'split', 'new'
    item: bool = False         # a list item: joined to the one before by a line break
    also: list[Key] = field(default_factory=list)  # other texts merged into this paragraph


@dataclass(frozen=True)
class NewParagraph:
    text: str
    after: Key | None          # the store text of the paragraph before it
    heading: str | None        # the heading it stands under
    revisions: tuple[Revision, ...] = ()


@dataclass
class Matched:
    """Every store text of the file: its text as printed and as edited."""

    printed: dict[Key, str]
    edited: dict[Key, str]
    placed: list[Placed]
    new: list[NewParagraph]
    moved: dict[Key, str]               # block text -> the heading it now stands under
    merged: list[tuple[Key, Key]]       # (kept, merged into it)
    revisions: dict[Key, list[Revision]]
    kinds: dict[Key, str] = field(default_factory=dict)
    #: heading -> the blocks under it in the edited file, in their order there
    sequence: dict[str, list[str]] = field(default_factory=dict)


def match(package: WordPackage, marks: Marks) -> Matched:
    printed: dict[Key, str] = {}
    kinds: dict[Key, str] = {}
    placed_all: list[Placed] = []
    new: list[NewParagraph] = []
    moved: dict[Key, str] = {}
    merged: list[tuple[Key, Key]] = []
    revisions: dict[Key, list[Revision]] = {}
    edited_parts: dict[Key, list[Placed]] = {}
    sequence: dict[str, list[str]] = {}
    for story in ("body", "footnotes"):
        stored = [m for m in marks.paragraphs if m.story == story]
        for mark in stored:
            kinds[mark.key] = mark.kind
        placed = _place(package.view(story, accepted=True), stored)
        placed_all += placed
        for mark_group in _group(stored).items():
            key, group = mark_group
            printed[key] = _joined([(body(m.generated, m.kind), is_item(m.generated)) for m in group])
        heading = None
        previous: Key | None = None
        original_heading = _original_headings(stored)
        for item in placed:
            if item.key is None:
                new.append(NewParagraph(item.text, previous, heading, item.paragraph.revisions))
                continue
            if item.key[0] == "heading":
                heading = item.key[1]
            if (story == "body" and item.key[0] == "block" and heading is not None
                    and item.key not in edited_parts):
                sequence.setdefault(heading, []).append(item.key[1])
            edited_parts.setdefault(item.key, []).append(item)
            revisions.setdefault(item.key, []).extend(item.paragraph.revisions)
            merged += [(item.key, other) for other in item.also]
            if (item.key[0] == "block" and story == "body" and heading is not None
                    and item.key not in moved and len(edited_parts[item.key]) == 1
                    and original_heading.get(item.key) not in (None, heading)):
                moved[item.key] = heading
            previous = item.key
    edited = {key: _joined([(p.text, p.item) for p in parts]) for key, parts in edited_parts.items()}
    return Matched(printed, edited, placed_all, new, moved, merged, revisions, kinds, sequence)


def _group(marks: list[Mark]) -> dict[Key, list[Mark]]:
    groups: dict[Key, list[Mark]] = {}
    for mark in marks:
        groups.setdefault(mark.key, []).append(mark)
    return groups


def _original_headings(stored: list[Mark]) -> dict[Key, str]:
    found: dict[Key, str] = {}
    heading = None
    for mark in stored:
        if mark.kind == "heading":
            heading = mark.ref
        elif mark.kind == "block" and heading is not None:
            found.setdefault(mark.key, heading)
    return found


def _joined(parts: list[tuple[str, bool]]) -> str:
    """Paragraphs of one text as its source separates them: a blank line between
    paragraphs, a line break before a list item."""
    out = ""
    for number, (text, item) in enumerate(parts):
        if number:
            out += "\n" if item else "\n\n"
        out += text
    return out


def _place(view: list[ViewParagraph], stored: list[Mark]) -> list[Placed]:
    by_name = {m.name: m for m in stored}
    order = {m.name: i for i, m in enumerate(stored)}
    placed: list[Placed] = []
    claimed: set[str] = set()
    for paragraph in view:
        names = [_base(b) for b in paragraph.bookmarks if _base(b) in by_name]
        raw = paragraph.text
        if names:
            first = by_name[names[0]]
            item = Placed(paragraph, body(raw, first.kind), first.key, "bookmark",
                          is_item(first.generated))
            item.also = list(dict.fromkeys(by_name[n].key for n in names[1:]
                                           if by_name[n].key != first.key))
            claimed.update(names)
        else:
            item = Placed(paragraph, body(raw, "block"))
        placed.append(item)
    _by_text(placed, stored, claimed, order)
    _splits(placed, stored)
    return [p for p in placed if p.text or p.key is not None]


#: what LibreOffice appends to a bookmark's name when it copies one (notes: '_rg72_Copy_1')
_COPY = re.compile(r"(?:_Copy_\d+)+$")


def _base(name: str) -> str:
    return _COPY.sub("", name)


def _by_text(placed: list[Placed], stored: list[Mark], claimed: set[str], order) -> None:
    """Paragraphs without a bookmark, matched to stored paragraphs nobody holds: the same
    text first, then the most alike near where they stood."""
    free = [m for m in stored if m.name not in claimed]
    exact: dict[str, list[Mark]] = {}
    for mark in free:
        exact.setdefault(_norm(body(mark.generated, mark.kind)), []).append(mark)
    taken: set[str] = set()
    for item in placed:
        if item.key is None and item.text:
            for mark in exact.get(_norm(item.text), []):
                if mark.name not in taken:
                    _take(item, mark, taken)
                    break
    positions: dict[Key, list[int]] = {}
    for mark in stored:
        positions.setdefault(mark.key, []).append(order[mark.name])
    for index, item in enumerate(placed):
        if item.key is not None or not item.text:
            continue
        near = _neighbours(placed, index, positions, len(stored))
        candidates = [m for m in free if m.name not in taken]
        candidates.sort(key=lambda m: 0 if near[0] <= order[m.name] <= near[1] else 1)
        best, best_ratio = None, SIMILAR
        text = _norm(item.text)
        for mark in candidates:
            matcher = SequenceMatcher(None, text, _norm(body(mark.generated, mark.kind)),
                                      autojunk=False)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = mark, ratio
        if best is not None:
            _take(item, best, taken)


def _take(item: Placed, mark: Mark, taken: set[str]) -> None:
    item.key, item.how = mark.key, "text"
    item.text = body(item.paragraph.text, mark.kind)
    item.item = is_item(mark.generated)
    taken.add(mark.name)


def _neighbours(placed: list[Placed], index: int, names: dict[Key, list[int]],
                count: int) -> tuple[int, int]:
    """The stretch of stored paragraphs between the matched paragraphs around ``index``
    (``names``: the positions of each store text's stored paragraphs)."""
    low = 0
    for item in reversed(placed[:index]):
        if item.key is not None:
            low = max(names.get(item.key, [0]))
            break
    high = count
    for item in placed[index + 1:]:
        if item.key is not None:
            high = min(names.get(item.key, [count]))
            break
    return low, high


def _splits(placed: list[Placed], stored: list[Mark]) -> None:
    """A paragraph with no match right after one that, with it, reads more like its
    stored text than alone: the second half of a split paragraph."""
    printed = {key: " ".join(body(m.generated, m.kind) for m in group)
               for key, group in _group(stored).items()}
    for index in range(1, len(placed)):
        item, before = placed[index], placed[index - 1]
        if (item.key is not None or not item.text or before.key is None
                or before.key[0] != "block"):
            continue  # an empty paragraph is no half of anything (and is dropped)
        target = _norm(printed.get(before.key, ""))
        parts = [_norm(p.text) for p in placed if p.key == before.key and p is not item]
        together = SequenceMatcher(None, " ".join(parts + [_norm(item.text)]), target,
                                   autojunk=False)
        if together.real_quick_ratio() < 0.75 or together.quick_ratio() < 0.75:
            continue  # bounds of the ratio, far cheaper than it
        joined = together.ratio()
        if joined < 0.75:
            continue
        alone = SequenceMatcher(None, " ".join(parts), target, autojunk=False).ratio()
        if joined > alone + 0.05:
            item.key, item.how = before.key, "split"
