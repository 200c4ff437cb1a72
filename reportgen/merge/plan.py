"""Every change of a merge, by content file: what the edited Word file asks, what the
store can take, and what it cannot (conflicts).

The plan is made without touching a file; :mod:`.command` prints it, writes the page,
and with ``--apply`` writes :attr:`MergePlan.texts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..content.models import Block
from ..content.store import Store
from ..content.yamlwrite import wrap
from ..errors import printable
from ..provenance import Marks, SourceText
from ..textchars import not_carried
from ..wordread import Comment, Revision, WordPackage
from .textpatch import apply, escape, patch, three_way, word_edits
from .units import Key, Matched
from .yamledit import FieldChange, changed_text, new_file_text, round_trip


@dataclass(frozen=True)
class Change:
    """One field of one content file, changed."""

    file: str
    field: str
    summary: str
    printed: str
    edited: str
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True)
class Conflict:
    file: str
    field: str
    message: str


@dataclass(frozen=True)
class Note:
    file: str
    message: str


@dataclass(frozen=True)
class Remark:
    """A Word comment and the content file of the paragraph it is on."""

    file: str
    block: str | None
    comment: Comment


@dataclass
class MergePlan:
    period: str
    changes: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)
    #: the new text of every content file the merge writes (absolute path -> text)
    texts: dict[Path, str] = field(default_factory=dict)

    def files(self) -> list[str]:
        return sorted({c.file for c in self.changes} | {c.file for c in self.conflicts}
                      | {n.file for n in self.notes} | {r.file for r in self.remarks})

    def lines(self) -> list[str]:
        """One line per change, conflict, note and comment, grouped by content file."""
        out = []
        for name in self.files():
            out += [f"{name}: {c.field}: {c.summary}" for c in self.changes if c.file == name]
            out += [f"{name}: conflict: {c.field}: {c.message}" for c in self.conflicts
                    if c.file == name]
            out += [f"{name}: {n.message}" for n in self.notes if n.file == name]
            out += [f"{name}: comment by {r.comment.author or 'someone'}"
                    f"{' on ' + repr(_short(r.comment.anchor)) if r.comment.anchor else ''}: "
                    f"{_short(r.comment.text)}" for r in self.remarks if r.file == name]
        return out

    def summary(self) -> str:
        def count(n: int, noun: str) -> str:
            return f"{n} {noun}{'s' * (n != 1)}"
        changed = {c.file for c in self.changes} | {n.file for n in self.notes if n.file}
        return (f"{count(len(self.changes), 'change')} in {count(len(changed), 'file')}, "
                f"{count(len(self.conflicts), 'conflict')}, {count(len(self.remarks), 'comment')}")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


#: a word, for counting the words an edit replaced, added or deleted
_WORD = re.compile(r"\w+(?:[-'\u2019]\w+)*")
_SENTENCE = re.compile(r"[^.!?]*\w[^.!?]*[.!?]")


def describe(printed: str, edited: str) -> str:
    """'2 words replaced, 1 sentence added' and the like."""
    replaced = added = deleted = sentences = 0
    for edit in word_edits(printed, edited):
        old = len(_WORD.findall(printed[edit.start:edit.end]))
        new = len(_WORD.findall(edit.text))
        if old == 0 and len(_SENTENCE.findall(edit.text)) and new >= 4:
            sentences += len(_SENTENCE.findall(edit.text))
            continue
        replaced += min(old, new)
        added += max(new - old, 0)
        deleted += max(old - new, 0)
    split = edited.count("\n\n") - printed.count("\n\n")
    parts = []
    for n, what in ((replaced, "replaced"), (added, "added"), (deleted, "deleted")):
        if n:
            parts.append(f"{n} word{'s' * (n != 1)} {what}")
    if sentences:
        parts.append(f"{sentences} sentence{'s' * (sentences != 1)} added")
    if split > 0:
        parts.append(f"{split} paragraph{'s' * (split != 1)} more")
    elif split < 0:
        parts.append(f"{-split} paragraph{'s' * (split != -1)} fewer")
    return ", ".join(parts) or "punctuation or spacing changed"


class _Planner:
    def __init__(self, store: Store, marks: Marks, matched: Matched, package: WordPackage,
                 side: str | None, language: str | None):
        self.store, self.marks, self.matched, self.package = store, marks, matched, package
        self.side = side
        self.prefix = f"translations.{language}." if language else ""
        self.edition = store
        #: the mark a language edition prints before text not yet translated
        self.untranslated: str | None = None
        if language:
            from ..content.editions import edition_store
            from ..errors import ProblemLog
            from ..languages import language as language_of

            lang = language_of(language)
            self.edition = edition_store(store, lang, [marks.period], ProblemLog())
            self.untranslated = lang.untranslated
        self.plan = MergePlan(marks.period)
        self.blocks = {b.id: b for b in store.blocks}
        #: file (shown) -> the changes of its fields
        self.fields: dict[str, list[FieldChange]] = {}
        #: text field -> labels of deleted footnotes whose calls go too
        self.dropped_calls: dict[Key, list[str]] = {}

    # -- where things are --------------------------------------------------------------

    def path(self, shown: str) -> Path:
        return self.store.root / shown

    def yaml_path(self, source: SourceText) -> tuple:
        field_path = tuple(source.field.split("."))
        if source.field.startswith("translations."):
            field_path = ("translations", field_path[1], *_split_field(".".join(field_path[2:])))
        else:
            field_path = _split_field(source.field)
        if source.kind == "heading":
            return _outline_path(self.store.outline, source.ref) + field_path
        return field_path

    def current(self, source: SourceText) -> str | None:
        """The text the store holds now where ``source`` was read (in a language edition:
        the edition's text, the original marked untranslated where there is no
        translation yet)."""
        store = self.edition
        model = None
        if source.kind == "block":
            model = next((b for b in store.blocks if b.id == source.ref), None)
        elif source.kind == "heading":
            model = _find_node(store.outline, source.ref)
        elif source.kind == "masthead":
            model = (store.periods.get(self.marks.period) if source.ref == "agenda_title"
                     else store.series)
        elif source.kind == "document":
            model = next((d for d in store.documents if d.id == source.ref), None)
        if model is None:
            return None
        parts = source.field.split(".")
        if parts[0] == "translations":
            parts = parts[2:]
        value = getattr(model, parts[0], None)
        if len(parts) > 1 and isinstance(value, dict):
            value = value.get(".".join(parts[1:]))
        return value if isinstance(value, str) else None

    # -- the plan ------------------------------------------------------------------------

    def make(self) -> MergePlan:
        matched = self.matched
        self._joins_with_notes()
        new_blocks = self._new_paragraphs()
        for key, printed in matched.printed.items():
            kind = key[0]
            edited = matched.edited.get(key)
            if kind == "fixed":
                if edited is not None and edited != printed:
                    self.plan.notes.append(Note(self.store.where("period", self.marks.period).path,
                                                f"not taken: '{_short(edited)}' is made by "
                                                "reportgen from the period and series files"))
                continue
            source = self.marks.texts.get(key)
            if source is None:
                continue
            if edited is None:
                self._deleted(key, source)
            elif edited != printed and self._carried(source.file, source.field, edited):
                self._edited(key, source, printed, edited)
        for key, heading in matched.moved.items():
            source = self.marks.texts.get(key)
            if source is not None and key[2].endswith("text"):
                self._set(source.file, ("place",), heading)
                self.plan.notes.append(Note(source.file, f"place: moved under heading '{heading}'"))
        self._reorder()
        for kept, merged in matched.merged:
            source = self.marks.texts.get(merged)
            if source is not None:
                self.plan.notes.append(Note(source.file,
                                            f"{merged[2]}: joined to the paragraph of {kept[1]}"))
        self._comments()
        self._texts(new_blocks)
        return self.plan

    def _joins_with_notes(self) -> None:
        """A paragraph joined to the one before it that calls a footnote of its own block
        would lose the note (the note stays with the block the text leaves): the join,
        and the other edits of that paragraph, are not taken, and the summary says so."""
        for kept, merged in list(self.matched.merged):
            source = self.marks.texts.get(merged)
            if source is None or "[^" not in source.source:
                continue
            for key in (kept, merged):
                if key in self.matched.printed:
                    self.matched.edited[key] = self.matched.printed[key]
            self.matched.merged.remove((kept, merged))
            self.plan.notes.append(Note(source.file, f"{merged[2]}: joined to the paragraph of "
                                        f"{kept[1]}: not taken, since it calls a footnote of "
                                        "its own; join the two blocks in the store"))

    def _reorder(self) -> None:
        """Blocks moved among the blocks of a heading get an order number that sorts
        them where the editor put them (the others keep theirs); where no number can,
        the summary says so."""
        for heading, ids in self.matched.sequence.items():
            blocks = [self.blocks[i] for i in ids if i in self.blocks]
            keys = {b.id: _order(b) for b in blocks}
            keep = _increasing([keys[b.id] for b in blocks])
            for index, block in enumerate(blocks):
                if index in keep:
                    continue
                before = keys[blocks[index - 1].id] if index else None
                after = keys[blocks[index + 1].id] if index + 1 < len(blocks) else None
                day = block.date.start if block.date else date.min
                tries = [o for o in ((before[0] + 1) if before else None,
                                     (after[0] - 1) if after else None) if o is not None]
                fits = [o for o in tries if (before is None or before < (o, day, block.id))
                        and (after is None or (o, day, block.id) < after)]
                shown = self.store.where("block", block.id).path
                if fits:
                    keys[block.id] = (fits[0], day, block.id)
                    self._set(shown, ("order",), fits[0])
                    self.plan.notes.append(Note(shown, f"order: {block.order} -> {fits[0]} "
                                                f"(moved among the blocks of '{heading}')"))
                else:
                    self.plan.notes.append(Note(shown, f"moved among the blocks of '{heading}': "
                                                "not taken (no order number puts it there; "
                                                "change 'order:' or 'date:')"))

    def _carried(self, file: str, field: str, edited: str) -> bool:
        """False, with a conflict saying why, for edited text holding a character no
        output can carry (a control character a Word file may hold, such as U+0085):
        the store would refuse it at its next check."""
        found = not_carried(edited.replace("\r", "\n"))
        if found:
            self.plan.conflicts.append(Conflict(
                file, field, f"the edited text holds {', '.join(printable(c) for c in found)}, "
                "which no output can carry; the edit is not taken"))
        return not found

    def _set(self, shown: str, path: tuple, value) -> None:
        self.fields.setdefault(shown, []).append(FieldChange(path, value))

    def _edited(self, key: Key, source: SourceText, printed: str, edited: str) -> None:
        current = self.current(source)
        if current is None:
            self.plan.conflicts.append(Conflict(source.file, source.field,
                                                "the store no longer has this text; the edit is not taken"))
            return
        if self.untranslated and _marked(printed, self.untranslated) \
                and not _marked(source.source, self.untranslated):
            # the edition printed the original behind the 'untranslated' mark: the mark is
            # no part of the text, whether the translator kept it or not
            printed = _unmarked(printed, self.untranslated)
            edited = _unmarked(edited, self.untranslated)
        patched = patch(source.source, printed, edited)
        for conflict in patched.conflicts:
            variable = " ".join(conflict.variable.strip("{} ").split())
            where = next((v.file for v in source.variables if variable.startswith(v.name)), "")
            self.plan.conflicts.append(Conflict(
                source.file, source.field,
                f"'{conflict.printed}' -> '{conflict.edited}' is printed by {{{{ {variable} }}}}: "
                f"change it in {where or 'its file'}, not in the text"))
        merged = three_way(source.source, current, patched.edits, self.side)
        if merged.overlapping and self.side is None:
            self.plan.conflicts.append(Conflict(
                source.file, source.field,
                "changed in the store since the .docx was made, on the same words: store "
                f"'{_short(current)}' / edited '{_short(edited)}'; --theirs takes the edited "
                "words, --ours keeps the store's"))
            return
        if merged.source == current:
            return
        new_source = merged.source
        if self.untranslated and _marked(source.source, self.untranslated):
            # a first translation of the field: the mark the edition printed before the
            # original's words is no part of it, whether the translator kept it or not
            new_source = _unmarked(new_source, self.untranslated)
            if new_source == _unmarked(current, self.untranslated):
                return
        taken = apply(printed, list(patched.taken))  # the edited text, conflicts left out
        self._set(source.file, self.yaml_path(source), new_source)
        self.plan.changes.append(Change(source.file, source.field, describe(printed, taken),
                                        printed, taken,
                                        tuple(self.matched.revisions.get(key, ()))))

    def _deleted(self, key: Key, source: SourceText) -> None:
        kind, ref, name = key
        if kind == "block" and name.endswith("text"):
            block = self.blocks.get(ref)
            if block is None or self.marks.period in block.left_out:
                return
            self._set(source.file, ("left_out",), [*block.left_out, self.marks.period])
            self.plan.notes.append(Note(source.file, f"left out of the {self.marks.period} documents "
                                        "(its paragraphs were deleted; the file stays): to bring "
                                        f"it back, remove {self.marks.period} from 'left_out:'"))
        elif kind == "block" and ".footnotes." in f".{name}":
            label = name.rsplit(".", 1)[-1]
            self._set(source.file, self.yaml_path(source), None)
            text_key = (kind, ref, self.prefix + "text")
            self.plan.notes.append(Note(source.file, f"footnote '{label}' deleted, with its call"))
            self.dropped_calls.setdefault(text_key, []).append(label)
        else:
            self.plan.notes.append(Note(source.file, f"{name}: deleted in the .docx; not taken "
                                        "(headings and masthead lines are not removed by a merge)"))

    def _new_paragraphs(self) -> list[tuple[str, dict]]:
        """New paragraphs: a new block file after the block before them, or added to that
        block's text when a new block could not stand right after it."""
        groups: list[list] = []
        for paragraph in self.matched.new:
            if groups and groups[-1][0].after == paragraph.after:
                groups[-1].append(paragraph)
            else:
                groups.append([paragraph])
        made: list[tuple[str, dict]] = []
        taken: set[str] = {b.id for b in self.store.blocks}
        for group in groups:
            after = group[0].after
            text = "\n\n".join(p.text for p in group)
            if not self._carried(self.store.where("period", self.marks.period).path,
                                 "new paragraph", text):
                continue
            if after is not None and after[0] == "document":  # more of the same field
                self.matched.edited[after] = self.matched.edited.get(after, "") + "\n\n" + text
                continue
            if after is None or after[0] not in ("block", "heading"):
                self.plan.notes.append(Note(self.store.where("period", self.marks.period).path,
                                            f"not taken: new paragraph '{_short(text)}' where "
                                            "no store text stands before it"))
                continue
            fields = self._new_block(after, text, taken)
            if fields is None:  # goes into the block before it
                key = after
                self.matched.edited[key] = self.matched.edited.get(key, "") + "\n\n" + text
                continue
            folder = self._folder(after)
            shown = f"{folder}/{fields['id']}.yml"
            made.append((shown, fields))
            taken.add(fields["id"])
            self.plan.notes.append(Note(shown, f"new block '{fields['id']}' under heading "
                                        f"'{fields['place']}': '{_short(text)}'"))
            self.plan.changes.append(Change(shown, "text", "new block", "", text,
                                            tuple(r for p in group for r in p.revisions)))
        return made

    def _folder(self, after: Key) -> str:
        if after[0] == "block" and after[1] in self.blocks:
            return str(Path(self.store.where("block", after[1]).path).parent)
        return "content/blocks"

    def _new_block(self, after: Key, text: str, taken: set[str]) -> dict | None:
        period = self.marks.period
        ident = _ident(text, taken)
        source = escape(text)
        if after[0] == "heading":
            place = after[1]
            own = [b for b in self.store.blocks if b.place == place
                   and self.store.in_period(b, period)]
            order = min((b.order for b in own), default=0) - 1
            return {"id": ident, "place": place, "period": period, "order": order,
                    "text": wrap(source)}
        block = self.blocks.get(after[1])
        if block is None or self.prefix:
            return None
        siblings = sorted((b for b in self.store.blocks if b.place == block.place
                           and self.store.in_period(b, period)),
                          key=_order)
        index = siblings.index(block)
        later = siblings[index + 1] if index + 1 < len(siblings) else None
        day = block.date.start if block.date else date.min
        # the new block must sort right after the one before it: by its id, or by an id
        # starting with that block's, or by the next order number
        tries = [(block.order, ident, True), (block.order, _ident(f"{block.id} {text}", taken), True),
                 (block.order + 1, ident, False)]
        for order, name, dated in tries:
            mine = (order, day if dated else date.min, name)
            if _order(block) < mine and (later is None or mine < _order(later)):
                fields = {"id": name, "place": block.place}
                if dated and block.date is not None:
                    fields["date"] = block.date.text
                fields.update({"period": period, "order": order, "text": wrap(source)})
                return fields
        return None

    def _comments(self) -> None:
        owner: dict[tuple[str, int], Key] = {}
        for placed in self.matched.placed:
            for part in placed.paragraph.parts:
                if placed.key is not None:
                    owner[(part.story, part.index)] = placed.key
        notes: dict[str, list[dict]] = {}
        for comment in self.package.comments:
            key = owner.get((comment.story, comment.paragraph or 0))
            source = self.marks.texts.get(key) if key else None
            if source is None:
                self.plan.remarks.append(Remark(self.store.where("period", self.marks.period).path,
                                                None, comment))
                continue
            block = self.blocks.get(key[1]) if key[0] == "block" else None
            self.plan.remarks.append(Remark(source.file, block.id if block else None, comment))
            if block is None:
                continue
            entry = {"author": comment.author, "date": comment.date, "text": comment.text,
                     "anchor": comment.anchor}
            known = [n.model_dump() for n in block.review] + notes.get(source.file, [])
            if any(n["text"] == entry["text"] and n["anchor"] == entry["anchor"] for n in known):
                continue
            notes.setdefault(source.file, []).append(entry)
        for shown, entries in notes.items():
            block_id = Path(shown).stem
            block = next((b for b in self.store.blocks if self.store.where("block", b.id).path == shown),
                         self.blocks.get(block_id))
            existing = [{k: v for k, v in n.model_dump().items() if v is not None}
                        for n in block.review] if block else []
            self._set(shown, ("review",), existing + [{k: v for k, v in e.items() if v}
                                                     for e in entries])

    def _texts(self, new_blocks: list[tuple[str, dict]]) -> None:
        for (kind, ref, name), labels in self.dropped_calls.items():
            source = self.marks.texts.get((kind, ref, name))
            if source is None:
                continue
            changes = self.fields.setdefault(source.file, [])
            path = self.yaml_path(source)
            text = next((c.value for c in changes if c.path == path), self.current(source) or "")
            for label in labels:
                text = re.sub(rf"\[\^{re.escape(label)}\]", "", text)
            changes[:] = [c for c in changes if c.path != path] + [FieldChange(path, text)]
        yaml = round_trip()
        for shown, changes in self.fields.items():
            path = self.path(shown)
            original = path.read_text(encoding="utf-8")
            text = changed_text(original, changes, shown, yaml)
            if text != original:
                self.plan.texts[path] = text
        for shown, fields in new_blocks:
            self.plan.texts[self.path(shown)] = new_file_text(fields, yaml)


def _paragraph_marks(mark: str) -> re.Pattern:
    return re.compile(rf"(\A|\n[ \t]*\n){re.escape(mark)}[ \t]*")


def _marked(text: str, mark: str) -> bool:
    """True if ``text`` opens with the 'untranslated' ``mark`` (an edition's text not yet
    translated has it before each paragraph)."""
    return text.startswith(mark)


def _unmarked(text: str, mark: str) -> str:
    """``text`` without the 'untranslated' ``mark`` at the start of its paragraphs."""
    return _paragraph_marks(mark).sub(r"\1", text)


def _increasing(keys: list[tuple]) -> set[int]:
    """Positions of a longest run of ``keys`` (not necessarily adjacent) in rising order:
    the blocks that stay as they are."""
    best: list[list[int]] = []
    for index, key in enumerate(keys):
        chains = [c for c in best if keys[c[-1]] < key]
        longest = max(chains, key=len, default=[])
        best.append(longest + [index])
    return set(max(best, key=len, default=[]))


def _order(block: Block) -> tuple:
    return (block.order, block.date.start if block.date else date.min, block.id)


def _ident(text: str, taken: set[str]) -> str:
    """An id made from the first words of ``text``, not yet taken."""
    words = re.findall(r"[a-z0-9]+", text.lower())[:6] or ["new-paragraph"]
    base = "-".join(words)[:60].strip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def _split_field(name: str) -> tuple:
    if name.startswith("footnotes."):
        return ("footnotes", name[len("footnotes."):])
    return (name,)


def _find_node(nodes, ident: str):
    for node in nodes:
        if node.id == ident:
            return node
        found = _find_node(node.sections, ident)
        if found is not None:
            return found
    return None


def _outline_path(nodes, ident: str, here: tuple = ()) -> tuple:
    for index, node in enumerate(nodes):
        if node.id == ident:
            return here + (index,)
        found = _outline_path(node.sections, ident, here + (index, "sections"))
        if found:
            return found
    return ()


def make_plan(store: Store, marks: Marks, matched: Matched, package: WordPackage,
              side: str | None = None, language: str | None = None) -> MergePlan:
    return _Planner(store, marks, matched, package, side, language).make()
