"""What changed between two versions of a report, paragraph by paragraph and word by word.

Both versions are first reduced to :class:`Passage` objects: a numbered paragraph as a
sequence of :class:`Word` objects plus the footnotes first called in it.  The current
version comes from the document model (:func:`passages_of_document`); an earlier one from
the document model of another revision, from a report in Markdown as ``reportgen
import`` reads it, or from a report's Word file (see :mod:`reportgen.redline.baseline`).
This comparison makes the summary and the page; the Word file of the redline merges the
two versions' Word files (:mod:`reportgen.redline.docx`), matching paragraphs the same
way (:func:`pair_by_content`, :func:`in_place`).

Comparison happens on normalized text, so that what is only an accident of the form a
version came in is not a change:

* whitespace, line breaks and page breaks count as one space (the importer has already
  joined paragraphs split by a page break and dropped page numbers and job numbers);
* links count by the text they show: ``[75/196](#)`` in a PDF conversion and
  ``[75/196](symbol:A/RES/75/196)`` in the store read the same;
* emphasis is not compared (a conversion may lose or add it), nor typography: curly and
  straight quotes, « » and " ", no-break and plain spaces and hyphens read the same
  (:func:`reportgen.typography.as_typed`);
* a footnote call counts as a call, whatever its number: notes are numbered in order
  of first call, so one new note renumbers every later call; the text of each note is
  compared on its own;
* a cross-reference ("para. 7") counts by the paragraph it points to: the earlier
  version's number is read through the matching, so a reference that still points to
  the same paragraph after renumbering is unchanged.

Paragraphs are matched by content, not by number: identical paragraphs first (in order
where possible, else as moved), then the remaining ones by similarity.  A paragraph whose
number changed only because others were added or removed before it is not a change;
the summary counts such renumbering once.  Word-level differences, and the alignment of
paragraphs and of notes, come from the standard library's :mod:`difflib`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from markdown_it.token import Token

from ..model.document import Document, Section
from ..typography import as_typed
from .words import REDLINE_WORDS, RedlineWords, redline_words  # noqa: F401

#: paragraphs whose words are at least this similar are the same paragraph, edited
SIMILAR = 0.5

_WORD = re.compile(r"\w+(?:[’'./,\-\u2011]\w+)*|[^\w\s]")
#: a word and the space before it (every character that is not space begins a word)
_SPACED_WORD = re.compile(rf"(\s*)({_WORD.pattern})")


@dataclass(frozen=True)
class Word:
    """A word, a punctuation mark, a footnote call or a cross-reference, as shown."""

    text: str
    space: bool = False  # a space stands before it
    note: bool = False  # a footnote call (text is its number)
    refs: tuple[int, ...] = ()  # a cross-reference: the paragraph numbers it points to

    def key(self, renumber: dict[int, int] | None = None, match: bool = False) -> str:
        """What is compared: the text, a call without its number, a reference by the
        paragraphs it points to (read through ``renumber`` when given; left out when
        paragraphs are being ``match``-ed, before any numbers correspond)."""
        if self.note:
            return "\x00note"
        if self.refs:
            if match:
                return "\x00ref"
            numbers = (renumber.get(n, -n) for n in self.refs) if renumber is not None else self.refs
            return "\x00ref:" + ",".join(str(n) for n in numbers)
        return as_typed(self.text)

    @property
    def shown(self) -> str:
        return (" " if self.space else "") + self.text


@dataclass
class Note:
    """A footnote as compared: its number in its own version and its words."""

    number: int
    words: tuple[Word, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(w.key(match=True) for w in self.words)


@dataclass(frozen=True)
class Exhibit:
    """A table or figure after a paragraph, as compared: its label and title, its rows
    of cells (the header first; none for a figure), its notes, and for a figure what its
    picture or chart is made of (a digest: a changed picture or changed data shows)."""

    kind: str  # "table" or "figure"
    label: str  # 'Table 1': its number is not compared, as a paragraph's is not
    title: tuple[Word, ...]
    rows: tuple[tuple[tuple[Word, ...], ...], ...] = ()
    notes: tuple[tuple[Word, ...], ...] = ()
    picture: str = ""  # '' where the version was read without its picture
    alt: str = ""

    @property
    def key(self) -> tuple:
        return (self.kind, _keys(self.title), tuple(_row_key(r) for r in self.rows),
                tuple(_keys(n) for n in self.notes), self.picture)


def _keys(words: tuple[Word, ...]) -> tuple[str, ...]:
    return tuple(w.key(match=True) for w in words)


def _row_key(row: tuple[tuple[Word, ...], ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(_keys(cell) for cell in row)


@dataclass
class Passage:
    """A numbered paragraph of one version."""

    number: int
    words: tuple[Word, ...]
    notes: list[Note] = field(default_factory=list)
    block_id: str | None = None  # the block it comes from (current version only)
    place: str = ""  # the heading it stands under, as its own version names it
    #: the tables and figures after it; None where the version was read without them
    #: (a Word file or a report in Markdown): they are then not compared
    exhibits: tuple[Exhibit, ...] | None = None

    @property
    def match_key(self) -> tuple[str, ...]:
        """The words as paragraphs are matched: references not yet read."""
        return tuple(w.key(match=True) for w in self.words)

    @property
    def text(self) -> str:
        return "".join(w.shown for w in self.words).strip()


# -- reading a version into passages ---------------------------------------------------------

def words_of_text(text: str, space: bool = False) -> list[Word]:
    """Plain text split into words and punctuation marks, each knowing its space."""
    return [Word(word, bool(gap) or (space and i == 0))
            for i, (gap, word) in enumerate(_SPACED_WORD.findall(text))]


def words_of_inline(tokens: list[Token], ref_numbers) -> list[Word]:
    """Words of a parsed text: links by their text, calls as calls, references as one word.

    ``ref_numbers(token, shown)`` gives the paragraph numbers a cross-reference link points
    to, or None when the link is not a cross-reference."""
    words: list[Word] = []
    space = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in ("text", "code_inline", "image"):
            content = tok.content
            found = words_of_text(content, space)
            if found:
                words += found
                space = content[-1:].isspace()
            else:
                space = space or content.isspace()
        elif tok.type in ("softbreak", "hardbreak"):
            space = True
        elif tok.type == "footnote_ref":
            words.append(Word(str(tok.meta.get("number", "")), space=space, note=True))
            space = False
        elif tok.type == "link_open":
            close = next((j for j in range(i, len(tokens)) if tokens[j].type == "link_close"),
                         len(tokens))
            shown = "".join(t.content for t in tokens[i + 1:close])
            refs = ref_numbers(tok, shown)
            if refs:
                words.append(Word(shown, space=space, refs=tuple(refs)))
                space = False
                i = close
        i += 1
    return words


def passages_of_document(doc: Document) -> list[Passage]:
    """Every numbered paragraph of a document model, in order, with the notes it calls."""
    def refs(tok: Token, shown: str) -> list[int] | None:
        if (tok.meta or {}).get("class") != "xref":
            return None
        numbers = [int(n) for n in re.findall(r"\d+", shown)]
        return list(range(numbers[0], numbers[-1] + 1)) if numbers else None

    def marked(tokens: list[Token], language: str | None, mark: str) -> list[Token]:
        """Text printed untranslated, behind the edition's mark, as every format prints it."""
        if not language:
            return tokens
        token = Token("text", "", 0)
        token.content = f"{mark} "
        return [token, *tokens]

    def note_words(note) -> tuple[Word, ...]:
        return tuple(words_of_inline(marked(note.content.tokens, note.language, note.mark),
                                     refs))

    passages = []
    for section, paragraph in ((s, p) for s in doc.all_sections() for p in s.paragraphs):
        inlines = [paragraph.content] + [item for lst in paragraph.lists for item in lst.items]
        words: list[Word] = []
        notes: list[Note] = []
        for index, inline in enumerate(inlines):
            tokens = (marked(inline.tokens, paragraph.language, doc.untranslated_mark)
                      if index == 0 else inline.tokens)
            part = words_of_inline(tokens, refs)
            if index and part:  # a list item: set off from what precedes it
                part[0] = Word(part[0].text, True, part[0].note, part[0].refs)
            words += part
            for tok in inline.walk("footnote_ref"):
                if tok.meta.get("first"):
                    note = tok.meta["note"]
                    notes.append(Note(note.number, note_words(note)))
        passages.append(Passage(paragraph.number, tuple(words), notes, paragraph.block_id,
                                section.id, tuple(exhibit_of(e, refs) for e in paragraph.exhibits)))
    return passages


def exhibit_of(exhibit, refs) -> Exhibit:
    """A table or figure of the document model (reportgen.markup) as compared."""
    import hashlib

    def words(inline) -> tuple[Word, ...]:
        return tuple(words_of_inline(inline.tokens, refs)) if inline is not None else ()

    title = words(exhibit.title)
    if exhibit.kind == "table":
        return Exhibit("table", exhibit.label, title, tuple(tuple(words(cell) for cell in row)
                                             for row in (exhibit.header, *exhibit.rows)),
                       tuple(words(n) for n in exhibit.notes))
    made_of = exhibit.data or exhibit.svg.encode("utf-8")  # none: read without its picture
    return Exhibit("figure", exhibit.label, title, (), tuple(words(n) for n in exhibit.notes),
                   hashlib.sha256(made_of).hexdigest() if made_of else "", exhibit.alt)


@dataclass(frozen=True)
class HeadingAt:
    """A heading of one version and where it stands: before paragraph ``before`` (its
    number in that version), or at the end when no paragraph follows it."""

    level: int
    label: str | None  # "I.", "A.", "1."; None for an unnumbered heading
    title: str
    before: int | None


def headings_of_document(doc: Document) -> list[HeadingAt]:
    """Every heading of a document model, in order, with the paragraph that follows it."""
    found: list[HeadingAt] = []
    pending: list[Section] = []
    for section in doc.all_sections():
        pending.append(section)
        if section.paragraphs:
            found += [HeadingAt(s.level, s.label, _title(doc, s), section.paragraphs[0].number)
                      for s in pending]
            pending = []
    return found + [HeadingAt(s.level, s.label, _title(doc, s), None) for s in pending]


def _title(doc: Document, section: Section) -> str:
    """A heading's title as printed: behind the edition's mark when untranslated."""
    return f"{doc.untranslated_mark} {section.title}" if section.language else section.title


# -- matching --------------------------------------------------------------------------------

UNCHANGED, CHANGED, ADDED, REMOVED, MOVED = "unchanged", "changed", "added", "removed", "moved"


@dataclass
class Segment:
    """A run of words that both versions share (``same``), or that one of them adds."""

    kind: str  # "same", "ins" or "del"
    words: tuple[Word, ...]


@dataclass
class NoteChange:
    status: str  # unchanged, changed, added or removed
    old: Note | None
    new: Note | None
    segments: list[Segment]


@dataclass
class RowChange:
    """A row of a table of either version: its cells' words as shared runs, deletions
    and insertions (a row only one version has is one insertion or deletion a cell)."""

    status: str
    cells: list[list[Segment]]


@dataclass
class ExhibitChange:
    """A table or figure of either version and what became of it."""

    status: str  # unchanged, changed, added or removed
    old: Exhibit | None
    new: Exhibit | None
    title: list[Segment]
    rows: list[RowChange]
    notes: list[list[Segment]]
    #: the figure's picture or chart changed (its data, for a chart)
    picture_changed: bool = False


@dataclass
class Change:
    """One paragraph of either version and what became of it.

    A moved paragraph may also have been edited: its segments then hold insertions and
    deletions like a changed one's."""

    status: str
    old: Passage | None
    new: Passage | None
    segments: list[Segment]
    notes: list[NoteChange] = field(default_factory=list)
    #: a removed paragraph that opened its heading's text stands before this current
    #: paragraph (under the same heading), not after the one that preceded it
    before: Passage | None = None
    #: its tables and figures, each as it changed
    exhibits: list[ExhibitChange] = field(default_factory=list)

    @property
    def edited(self) -> bool:
        return any(s.kind != "same" for s in self.segments) or any(
            e.status != UNCHANGED for e in self.exhibits)


@dataclass
class Summary:
    unchanged: int = 0
    changed: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    renumbered: int = 0  # paragraphs whose number changed, not counted as changes
    notes_unchanged: int = 0
    notes_changed: int = 0
    notes_added: int = 0
    notes_removed: int = 0

    def line(self, words: RedlineWords | None = None) -> str:
        """The one line the command prints, in the language of ``words``."""
        words = words or redline_words("en")
        notes = words.notes_line.format(changed=words.count(self.notes_changed, CHANGED,
                                                            note=True))
        if self.notes_added or self.notes_removed:
            notes += words.notes_more.format(
                added=words.count(self.notes_added, ADDED, note=True),
                removed=words.count(self.notes_removed, REMOVED, note=True))
        return words.paragraphs_line.format(
            changed=words.count(self.changed, CHANGED, noun=True),
            added=words.count(self.added, ADDED), removed=words.count(self.removed, REMOVED),
            moved=words.count(self.moved, MOVED), notes=notes)


@dataclass
class Comparison:
    """Every paragraph of both versions, in the current version's order; a removed
    paragraph stands after what its predecessor became, or, when it opened its
    heading's text, before what its successor became."""

    changes: list[Change]
    summary: Summary

    def of_status(self, status: str) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    @property
    def notes(self) -> list[NoteChange]:
        return [n for c in self.changes for n in c.notes]


def compare(old: list[Passage], new: list[Passage]) -> Comparison:
    """Match the paragraphs of two versions by content and find what changed in each."""
    pairs = _pair(old, new)
    kept = in_place(pairs)
    renumber = {old[i].number: new[j].number for i, j in pairs.items()}
    changes: dict[int, Change] = {}
    summary = Summary()
    for i, j in pairs.items():
        segments = word_diff(old[i].words, new[j].words, renumber)
        exhibits = exhibit_changes(old[i].exhibits, new[j].exhibits, renumber)
        edited = any(s.kind != "same" for s in segments) or any(
            e.status != UNCHANGED for e in exhibits)
        status = MOVED if (i, j) not in kept else CHANGED if edited else UNCHANGED
        setattr(summary, status, getattr(summary, status) + 1)
        summary.renumbered += old[i].number != new[j].number and status != MOVED
        changes[j] = Change(status, old[i], new[j], segments, _note_changes(old[i].notes, new[j].notes),
                            exhibits=exhibits)
    ordered: list[Change] = []
    removed_after: dict[int, list[Change]] = {}
    removed_before: dict[int, list[Change]] = {}
    for i, passage in enumerate(old):
        if i in pairs:
            continue
        summary.removed += 1
        change = Change(REMOVED, passage, None, [Segment("del", passage.words)],
                        _note_changes(passage.notes, []),
                        exhibits=exhibit_changes(passage.exhibits, ()))
        # its neighbours are paragraphs that kept their place: one that moved away
        # says nothing of where this one stood
        earlier = max((k for k, _ in kept if k < i), default=None)
        later = min((k for k, _ in kept if k > i), default=None)
        if ((earlier is None or old[earlier].place != passage.place)
                and later is not None and old[later].place == passage.place):
            change.before = new[pairs[later]]
            removed_before.setdefault(pairs[later], []).append(change)
        else:
            removed_after.setdefault(-1 if earlier is None else pairs[earlier], []).append(change)
    ordered += removed_after.get(-1, [])
    for j, passage in enumerate(new):
        if j not in changes:
            summary.added += 1
            changes[j] = Change(ADDED, None, passage, [Segment("ins", passage.words)],
                                _note_changes([], passage.notes),
                                exhibits=exhibit_changes((), passage.exhibits))
        ordered += removed_before.get(j, [])
        ordered.append(changes[j])
        ordered += removed_after.get(j, [])
    for note in (n for c in ordered for n in c.notes):
        name = f"notes_{note.status}"
        setattr(summary, name, getattr(summary, name) + 1)
    return Comparison(ordered, summary)


def _pair(old: list[Passage], new: list[Passage]) -> dict[int, int]:
    """Index of the current paragraph each earlier paragraph became, where it has one."""
    return pair_by_content([p.match_key for p in old], [p.match_key for p in new],
                           [p.block_id for p in old], [p.block_id for p in new])


def pair_by_content(old_keys: list[tuple], new_keys: list[tuple],
                    old_ids: list | None = None, new_ids: list | None = None) -> dict[int, int]:
    """Index of the current paragraph each earlier paragraph became, where it has one,
    from the words of each (``old_keys``, ``new_keys``): identical paragraphs in order
    first, then identical ones elsewhere (moved), then the most similar remaining pairs
    (edited).

    Where both versions say which block (or heading, or masthead field) a paragraph was
    made from (``old_ids``, ``new_ids``: one per paragraph, None where unknown), a
    paragraph of a block is first paired with the paragraph of the same block, however
    much its words changed; the others are then matched by their words."""
    by_id = _pair_by_ids(old_ids, new_ids) if old_ids and new_ids else {}
    if by_id:
        rest_old = [i for i in range(len(old_keys)) if i not in by_id]
        taken = set(by_id.values())
        rest_new = [j for j in range(len(new_keys)) if j not in taken]
        rest = pair_by_content([old_keys[i] for i in rest_old], [new_keys[j] for j in rest_new])
        by_id.update({rest_old[a]: rest_new[b] for a, b in rest.items()})
        return dict(sorted(by_id.items()))
    pairs: dict[int, int] = {}
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({i1 + k: j1 + k for k in range(i2 - i1)})
    # the same text elsewhere: moved
    waiting: dict[tuple, list[int]] = {}
    paired_new = set(pairs.values())
    for j, key in enumerate(new_keys):
        if j not in paired_new:
            waiting.setdefault(key, []).append(j)
    for i, key in enumerate(old_keys):
        if i not in pairs and waiting.get(key):
            pairs[i] = waiting[key].pop(0)
    # edited: the most similar remaining pairs first
    rest_old = [i for i in range(len(old_keys)) if i not in pairs]
    taken = set(pairs.values())
    rest_new = [j for j in range(len(new_keys)) if j not in taken]
    candidates = []
    for j in rest_new:
        # what a matcher learns of its second sequence is kept while the first changes
        matcher = SequenceMatcher(None, (), new_keys[j], autojunk=False)
        for i in rest_old:
            matcher.set_seq1(old_keys[i])
            if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR:
                ratio = matcher.ratio()
                if ratio >= SIMILAR:
                    candidates.append((-ratio, abs(i - j), i, j))
    for _, _, i, j in sorted(candidates):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return dict(sorted(pairs.items()))


def _pair_by_ids(old_ids: list, new_ids: list) -> dict[int, int]:
    """Paragraphs made from the same source: the first paragraph of a block with the
    first of the same block, the second with the second..."""
    def numbered(ids: list) -> dict[tuple, int]:
        seen: dict = {}
        found: dict[tuple, int] = {}
        for index, ident in enumerate(ids):
            if ident is not None:
                seen[ident] = seen.get(ident, 0) + 1
                found[(ident, seen[ident])] = index
        return found

    new = numbered(new_ids)
    return {i: new[key] for key, i in numbered(old_ids).items() if key in new}


def in_place(pairs: dict[int, int]) -> set[tuple[int, int]]:
    """The pairs that keep their order relative to each other; the others have moved."""
    by_old = list(pairs.items())
    by_new = sorted(by_old, key=lambda pair: pair[1])
    matcher = SequenceMatcher(None, by_old, by_new, autojunk=False)
    kept: set[tuple[int, int]] = set()
    for block in matcher.get_matching_blocks():
        kept.update(by_old[block.a:block.a + block.size])
    return kept


def word_diff(old: tuple[Word, ...], new: tuple[Word, ...],
              renumber: dict[int, int] | None = None) -> list[Segment]:
    """The words of two versions of a text as shared runs, deletions and insertions."""
    old_keys = [w.key(renumber) for w in old]
    new_keys = [w.key() for w in new]
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment("same", new[j1:j2]))
            continue
        if i2 > i1:
            segments.append(Segment("del", old[i1:i2]))
        if j2 > j1:
            segments.append(Segment("ins", new[j1:j2]))
    return segments


def _note_changes(old: list[Note], new: list[Note]) -> list[NoteChange]:
    """The notes first called in a paragraph, aligned between its two versions."""
    changes: list[NoteChange] = []
    matcher = SequenceMatcher(None, [n.key for n in old], [n.key for n in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [NoteChange(UNCHANGED, a, b, [Segment("same", b.words)])
                        for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
            continue
        paired = min(i2 - i1, j2 - j1)
        for a, b in zip(old[i1:i1 + paired], new[j1:j1 + paired], strict=True):
            changes.append(NoteChange(CHANGED, a, b, word_diff(a.words, b.words)))
        changes += [NoteChange(REMOVED, a, None, [Segment("del", a.words)]) for a in old[i1 + paired:i2]]
        changes += [NoteChange(ADDED, None, b, [Segment("ins", b.words)]) for b in new[j1 + paired:j2]]
    return changes


def exhibit_changes(old: tuple[Exhibit, ...] | None, new: tuple[Exhibit, ...] | None,
                    renumber: dict[int, int] | None = None) -> list[ExhibitChange]:
    """The tables and figures after a paragraph, aligned between its two versions
    (none compared where either version was read without them: all unchanged)."""
    if old is None or new is None:
        return [_whole(UNCHANGED, None, e) for e in new or ()]
    changes: list[ExhibitChange] = []
    matcher = SequenceMatcher(None, [e.key for e in old], [e.key for e in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            changes += [_whole(UNCHANGED, a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True)]
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        for b in news:  # the one of the same kind, in order
            a = next((a for a in olds if a.kind == b.kind), None)
            if a is None:
                changes.append(_whole(ADDED, None, b))
                continue
            for gone in olds[:olds.index(a)]:
                changes.append(_whole(REMOVED, gone, None))
            olds = olds[olds.index(a) + 1:]
            changes.append(_exhibit_diff(a, b, renumber))
        changes += [_whole(REMOVED, a, None) for a in olds]
    return changes


def _whole(status: str, old: Exhibit | None, new: Exhibit | None) -> ExhibitChange:
    """An exhibit unchanged, or only one version has (its every word inserted or
    deleted)."""
    kind = {UNCHANGED: "same", ADDED: "ins", REMOVED: "del"}[status]
    shown = new or old
    return ExhibitChange(status, old, new, [Segment(kind, shown.title)],
                         [RowChange(status, [[Segment(kind, cell)] for cell in row])
                          for row in shown.rows],
                         [[Segment(kind, n)] for n in shown.notes])


def _exhibit_diff(old: Exhibit, new: Exhibit, renumber) -> ExhibitChange:
    rows: list[RowChange] = []
    matcher = SequenceMatcher(None, [_row_key(r) for r in old.rows],
                              [_row_key(r) for r in new.rows], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [RowChange(UNCHANGED, [[Segment("same", c)] for c in row])
                     for row in new.rows[j1:j2]]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for a, b in zip(old.rows[i1:i1 + paired], new.rows[j1:j1 + paired], strict=True):
            cells = [word_diff(a[k] if k < len(a) else (), b[k], renumber) for k in range(len(b))]
            cells += [[Segment("del", a[k])] for k in range(len(b), len(a))]
            rows.append(RowChange(CHANGED, cells))
        rows += [RowChange(REMOVED, [[Segment("del", c)] for c in row])
                 for row in old.rows[i1 + paired:i2]]
        rows += [RowChange(ADDED, [[Segment("ins", c)] for c in row])
                 for row in new.rows[j1 + paired:j2]]
    title = word_diff(old.title, new.title, renumber)
    notes_matcher = SequenceMatcher(None, [_keys(n) for n in old.notes],
                                    [_keys(n) for n in new.notes], autojunk=False)
    notes: list[list[Segment]] = []
    for tag, i1, i2, j1, j2 in notes_matcher.get_opcodes():
        if tag == "equal":
            notes += [[Segment("same", n)] for n in new.notes[j1:j2]]
            continue
        paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        notes += [word_diff(a, b, renumber) for a, b in
                  zip(old.notes[i1:i1 + paired], new.notes[j1:j1 + paired], strict=True)]
        notes += [[Segment("del", n)] for n in old.notes[i1 + paired:i2]]
        notes += [[Segment("ins", n)] for n in new.notes[j1 + paired:j2]]
    picture = bool(old.picture and new.picture) and old.picture != new.picture
    changed = picture or any(r.status != UNCHANGED for r in rows) or any(
        s.kind != "same" for part in [title, *notes] for s in part)
    return ExhibitChange(CHANGED if changed else UNCHANGED, old, new, title, rows, notes,
                         picture)
