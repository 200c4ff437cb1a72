"""``report.redline.docx``: the current report's Word file with every change as a revision.

The report's own ``.docx`` (made by the docx format from the same document model) is
taken as it is, and the comparison is written into it as WordprocessingML revisions:

* words added inside a paragraph are wrapped in ``w:ins``; words removed come back as
  ``w:del`` runs (``w:delText``) at their place; both carry the author "reportgen" and
  the date of the redline;
* an added paragraph has its runs and its paragraph mark inserted; a removed one comes
  back, with its old number, as a paragraph whose runs and mark are deleted;
* a moved paragraph is a Word move: its earlier text ``w:moveFrom`` its old place, the
  current one ``w:moveTo`` where it stands now, in named move ranges;
* footnote text is marked the same way in ``word/footnotes.xml``; a note that was removed
  comes back as a deleted footnote called by a deleted reference.

Words are located in the Word paragraph through its text: the runs are split where a
change begins or ends, so formatting, hyperlinks and bookmarks around the changes stay as
the writer made them, and accepting every change gives the report's own ``.docx`` again.
"""

from __future__ import annotations

import copy
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from difflib import SequenceMatcher

from lxml import etree

from .redline import ADDED, CHANGED, MOVED, REMOVED, Change, Comparison, NoteChange, Segment, Word

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "reportgen"
#: a footnote call stands for one character when texts are aligned
CALL = "\ue000"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class _Atom:
    """One run holding a single piece of content (text, tab, break or a note call)."""

    run: etree._Element
    text: str


class _Revisions:
    """Makes revision elements (``w:ins``, ``w:del``, moves) with unique ids, one author
    and one date."""

    def __init__(self, when: datetime, first_id: int):
        self.date = when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id

    def mark(self, kind: str) -> etree._Element:
        element = etree.Element(w(kind))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), AUTHOR)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element


def redline_docx(docx: bytes, comparison: Comparison, when: datetime) -> bytes:
    """The report's ``docx`` with the changes of ``comparison`` as tracked revisions."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    parts = {info.filename: data for info, data in entries}
    body = etree.fromstring(parts["word/document.xml"])
    notes = etree.fromstring(parts["word/footnotes.xml"]) if "word/footnotes.xml" in parts else None
    revisions = _Revisions(when, _max_id(body, notes) + 1)
    _Redliner(body, notes, revisions).apply(comparison)
    parts["word/document.xml"] = _xml(body)
    if notes is not None:
        parts["word/footnotes.xml"] = _xml(notes)
    if "word/settings.xml" in parts:
        parts["word/settings.xml"] = _track_revisions(parts["word/settings.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, _ in entries:
            target.writestr(info, parts[info.filename])
    return out.getvalue()


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _max_id(*roots) -> int:
    ids = [int(value) for root in roots if root is not None
           for value in root.xpath("//@w:id", namespaces={"w": W}) if value.lstrip("-").isdigit()]
    return max(ids, default=0)


#: the settings that come before w:trackRevisions in the schema's sequence (Word
#: refuses a file whose settings are out of order)
_BEFORE_TRACK_REVISIONS = {w(name) for name in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts",
    "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter",
    "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle",
    "proofState", "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
    "stylePaneSortMethod", "documentType", "mailMerge", "revisionView")}


def _track_revisions(settings: bytes) -> bytes:
    """Word keeps tracking the writer's own edits to the revision."""
    root = etree.fromstring(settings)
    if root.find(w("trackRevisions")) is None:
        earlier = [child for child in root if child.tag in _BEFORE_TRACK_REVISIONS]
        root.insert(root.index(earlier[-1]) + 1 if earlier else 0,
                    etree.Element(w("trackRevisions")))
    return _xml(root)


class _Redliner:
    def __init__(self, body, notes, revisions: _Revisions):
        self.body = body
        self.notes = notes
        self.rev = revisions
        self.paragraphs = self._numbered_paragraphs()
        self.footnotes = self._footnotes_in_order()
        self.next_note_id = max([int(n.get(w("id"))) for n in self._all_notes()] + [0]) + 1

    # -- finding the report's paragraphs and notes ----------------------------------------

    def _numbered_paragraphs(self) -> dict[int, etree._Element]:
        found: dict[int, etree._Element] = {}
        for p in self.body.iter(w("p")):
            text = "".join(_content_text(r) for r in p.iter(w("r")))
            number, dot, rest = text.partition(".")
            if number.isdigit() and dot and rest[:1] in ("\t", " ") and int(number) not in found:
                found[int(number)] = p
        return found

    def _all_notes(self) -> list[etree._Element]:
        return [] if self.notes is None else list(self.notes.iter(w("footnote")))

    def _footnotes_in_order(self) -> dict[int, etree._Element]:
        """Numbered notes by number: the distinct references in order of first call,
        leaving out notes with a mark of their own (the agenda note's '*')."""
        by_id = {n.get(w("id")): n for n in self._all_notes()}
        numbered: dict[int, etree._Element] = {}
        seen: set[str] = set()
        for ref in self.body.iter(w("footnoteReference")):
            ident = ref.get(w("id"))
            if ident in seen or ref.get(w("customMarkFollows")) in ("1", "true", "on"):
                continue
            seen.add(ident)
            if ident in by_id:
                numbered[len(numbered) + 1] = by_id[ident]
        return numbered

    # -- applying a comparison --------------------------------------------------------------

    def apply(self, comparison: Comparison) -> None:
        previous: etree._Element | None = None
        where_old: dict[int, etree._Element] = {}  # earlier number -> paragraph standing for it
        moved: list[tuple[Change, etree._Element]] = []
        for change in comparison.changes:
            if change.status == REMOVED:
                previous = where_old[change.old.number] = self._restore_removed(change, previous)
                continue
            p = self.paragraphs.get(change.new.number)
            if p is None:
                continue  # not a paragraph of the Word file (cannot happen with our writer)
            if change.status == ADDED:
                self._insert_whole(p)
            elif change.status == MOVED:
                moved.append((change, p))
            elif change.status == CHANGED:
                self._mark_words(p, change.segments, change.notes)
            if change.old is not None and change.status != MOVED:
                where_old[change.old.number] = p
            for note in change.notes:
                self._mark_note(note)
            previous = p
        for number, (change, p) in enumerate(moved, 1):
            self._move(change, p, f"move{number}", where_old)

    def _move(self, change: Change, p: etree._Element, name: str,
              where_old: dict[int, etree._Element]) -> None:
        """A moved paragraph as a Word move: its earlier text moved from its old place
        (after the paragraph that preceded it there), to where it stands now."""
        source = etree.Element(w("p"))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            source.append(copy.deepcopy(ppr))
        style = _run_style(_first_text_run(p))
        words = [Word(f"{change.old.number}."), Word("\t")] + list(change.old.words)
        self._move_range(source, "moveFrom", name, self._moved_runs(words, style))
        before = [n for n in where_old if n < change.old.number]
        if before:
            where_old[max(before)].addnext(source)
        else:
            first = min(self.paragraphs.values(), key=lambda e: e.getparent().index(e))
            first.addprevious(source)
        where_old[change.old.number] = source
        runs = [atom.run for atom in _explode(p)]
        self._move_range(p, "moveTo", name, runs)

    def _move_range(self, p: etree._Element, kind: str, name: str, runs: list) -> None:
        """Mark ``runs`` of ``p`` (appended first when not yet in it) as moved, inside a
        named move range, and the paragraph's mark as moved too."""
        for run in runs:
            if run.getparent() is None:
                p.append(run)
        start = self.rev.mark(f"{kind}RangeStart")
        start.set(w("name"), name)
        end = etree.Element(w(f"{kind}RangeEnd"))
        end.set(w("id"), start.get(w("id")))
        if runs:
            _top(runs[0], p).addprevious(start)
            _top(runs[-1], p).addnext(end)
        self._wrap(runs, kind)
        _mark_paragraph_mark(p, self.rev.mark(kind))

    def _moved_runs(self, words: list[Word], style) -> list[etree._Element]:
        """Runs for the text a paragraph had before it moved (a call as its number)."""
        runs = []
        for piece in _pieces(words):
            call = piece.startswith(CALL)
            run = _deleted_text_run(piece[len(CALL):] if call else piece, None if call else style)
            if call:
                run.insert(0, self._call_style())
            for text in run.iter(w("delText")):
                text.tag = w("t")  # moved text is text, not deleted text
            runs.append(run)
        return runs

    def _mark_note(self, note: NoteChange) -> None:
        if note.new is None:
            return  # a removed note comes back with its deleted call (see _deleted_runs)
        element = self.footnotes.get(note.new.number)
        if element is None:
            return
        if note.status == ADDED:
            for p in element.iter(w("p")):
                self._insert_whole(p)
        elif note.status == CHANGED:
            self._mark_words(element.find(w("p")), note.segments)

    def _insert_whole(self, p: etree._Element) -> None:
        """Every run of ``p`` and its paragraph mark inserted."""
        self._wrap([atom.run for atom in _explode(p)], "ins")
        _mark_paragraph_mark(p, self.rev.mark("ins"))

    def _restore_removed(self, change: Change, previous) -> etree._Element:
        """A removed paragraph back where it stood, every run and its mark deleted."""
        following = self.paragraphs.get(change.before.number) if change.before else None
        if following is not None:
            previous = None  # it opened its heading's text: before the paragraph given
        template = next((e for e in (following, previous) if e is not None),
                        next(iter(self.paragraphs.values()), None))
        if template is None:
            return previous
        p = etree.Element(w("p"))
        ppr = template.find(w("pPr"))
        if ppr is not None:
            ppr = copy.deepcopy(ppr)
            for old in ppr.findall(w("rPr")):
                ppr.remove(old)
            p.append(ppr)
        _mark_paragraph_mark(p, self.rev.mark("del"))
        style = _run_style(_first_text_run(template))
        number = [Word(f"{change.old.number}."), Word("\t")]
        deleted = self.rev.mark("del")
        for run in self._deleted_runs(number + list(change.old.words), style, change.notes):
            deleted.append(run)
        p.append(deleted)
        if previous is not None:
            previous.addnext(p)
        else:
            template.addprevious(p)
        return p

    # -- words inside a paragraph -------------------------------------------------------------

    def _mark_words(self, p: etree._Element, segments: list[Segment],
                    notes: list[NoteChange] | None = None) -> None:
        """Insertions and deletions marked in a paragraph of the body (``notes``: its
        notes, to bring back removed ones) or of a footnote (``notes`` None)."""
        if p is None:
            return
        atoms = _explode(p)
        if notes is not None:  # a body paragraph: the changes follow its number
            tab = next((i for i, a in enumerate(atoms) if a.text == "\t"), -1)
            atoms = atoms[tab + 1:]
        else:
            atoms = [a for a in atoms if not _is_note_mark(a.run)]
        docx_text = "".join(a.text for a in atoms)
        ours = "".join(_shown(word) for s in segments if s.kind != "del" for word in s.words)
        lead = len(ours) - len(ours.lstrip(" "))
        position = _Positions(ours[lead:], docx_text)
        offset = -lead
        for segment in segments:
            text = "".join(_shown(word) for word in segment.words)
            if segment.kind == "del":
                atoms = _split_at(atoms, position.of(offset))
                at = _atom_at(atoms, position.of(offset))
                style = _run_style(at.run if at else atoms[-1].run if atoms else None)
                deleted = self.rev.mark("del")
                for run in self._deleted_runs(list(segment.words), style, notes or []):
                    deleted.append(run)
                if at is not None:
                    at.run.addprevious(deleted)
                elif atoms:
                    atoms[-1].run.addnext(deleted)
                else:
                    p.append(deleted)
                continue
            start, end = position.of(offset), position.of(offset + len(text))
            offset += len(text)
            if segment.kind == "ins":
                atoms = _split_at(_split_at(atoms, start), end)
                self._wrap([a.run for a in _atoms_between(atoms, start, end)], "ins")

    def _deleted_runs(self, words: list[Word], style, notes) -> list[etree._Element]:
        """Runs for deleted words; a deleted call brings its note back, deleted too."""
        removed = iter([n for n in notes if n.status == REMOVED])
        return [self._deleted_call(piece[len(CALL):], next(removed, None))
                if piece.startswith(CALL) else _deleted_text_run(piece, style)
                for piece in _pieces(words)]

    def _deleted_call(self, number: str, note: NoteChange | None) -> etree._Element:
        run = etree.Element(w("r"))
        run.append(self._call_style())
        if note is None or self.notes is None:
            etree.SubElement(run, w("delText")).text = number
            return run
        ident = str(self.next_note_id)
        self.next_note_id += 1
        footnote = etree.SubElement(self.notes, w("footnote"))
        footnote.set(w("id"), ident)
        p = etree.SubElement(footnote, w("p"))
        _mark_paragraph_mark(p, self.rev.mark("del"))
        deleted = self.rev.mark("del")
        mark = etree.SubElement(deleted, w("r"))
        mark.append(self._call_style())
        etree.SubElement(mark, w("footnoteRef"))
        deleted.append(_deleted_text_run("".join(x.shown for x in note.old.words).strip(),
                                         None, lead=" "))
        p.append(deleted)
        etree.SubElement(run, w("footnoteReference")).set(w("id"), ident)
        return run

    def _call_style(self) -> etree._Element:
        """Run properties of a footnote call: the writer's own, else a superscript."""
        for ref in self.body.iter(w("footnoteReference")):
            props = ref.getparent().find(w("rPr"))
            if props is not None and ref.get(w("customMarkFollows")) is None:
                return copy.deepcopy(props)
        props = etree.Element(w("rPr"))
        etree.SubElement(props, w("vertAlign")).set(w("val"), "superscript")
        return props

    def _wrap(self, runs: list[etree._Element], kind: str) -> None:
        """Wrap runs in revision marks: one mark for each stretch of adjacent siblings."""
        group: list[etree._Element] = []
        for run in runs + [None]:
            if group and (run is None or run.getparent() is not group[-1].getparent()
                          or group[-1].getnext() is not run):
                mark = self.rev.mark(kind)
                group[0].addprevious(mark)
                for member in group:
                    mark.append(member)
                group = []
            if run is not None:
                group.append(run)


# -- runs ---------------------------------------------------------------------------------------

_CONTENT = {w("t"), w("tab"), w("br"), w("footnoteReference"), w("footnoteRef"), w("cr"),
            w("noBreakHyphen"), w("sym")}


def _content_text(run: etree._Element) -> str:
    out = []
    for child in run:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag in (w("br"), w("cr")):
            out.append(" ")
        elif child.tag == w("footnoteReference"):
            out.append(CALL)
        elif child.tag == w("noBreakHyphen"):
            out.append("-")
    return "".join(out)


def _explode(p: etree._Element) -> list[_Atom]:
    """The paragraph's runs split so that each holds one piece of content; returns them
    in order with their text (runs already inside a revision are left out)."""
    atoms: list[_Atom] = []
    for run in list(p.iter(w("r"))):
        if run.getparent().tag in (w("ins"), w("del")):
            continue
        props = run.find(w("rPr"))
        contents = [c for c in run if c.tag in _CONTENT]
        if len(contents) > 1:
            for child in contents:
                piece = etree.Element(w("r"))
                if props is not None:
                    piece.append(copy.deepcopy(props))
                piece.append(child)
                run.addprevious(piece)
                atoms.append(_Atom(piece, _content_text(piece)))
            run.getparent().remove(run)
        elif contents:
            atoms.append(_Atom(run, _content_text(run)))
    return atoms


def _is_note_mark(run: etree._Element) -> bool:
    return run.find(w("footnoteRef")) is not None


def _split_at(atoms: list[_Atom], position: int) -> list[_Atom]:
    """Split the text run that ``position`` falls inside, so a change can start there."""
    at = 0
    for index, atom in enumerate(atoms):
        if at < position < at + len(atom.text) and atom.run.find(w("t")) is not None:
            cut = position - at
            second = copy.deepcopy(atom.run)
            _set_text(atom.run.find(w("t")), atom.text[:cut])
            _set_text(second.find(w("t")), atom.text[cut:])
            atom.run.addnext(second)
            return atoms[:index] + [_Atom(atom.run, atom.text[:cut]),
                                    _Atom(second, atom.text[cut:])] + atoms[index + 1:]
        at += len(atom.text)
    return atoms


def _atoms_between(atoms: list[_Atom], start: int, end: int) -> list[_Atom]:
    out, at = [], 0
    for atom in atoms:
        if start <= at and at + len(atom.text) <= end and atom.text:
            out.append(atom)
        at += len(atom.text)
    return out


def _atom_at(atoms: list[_Atom], position: int) -> _Atom | None:
    at = 0
    for atom in atoms:
        if at >= position:
            return atom
        at += len(atom.text)
    return None


def _set_text(element: etree._Element, text: str) -> None:
    element.text = text
    element.set(XML_SPACE, "preserve")


def _top(element: etree._Element, p: etree._Element) -> etree._Element:
    """The child of ``p`` that holds ``element``."""
    while element.getparent() is not p:
        element = element.getparent()
    return element


def _pieces(words: list[Word]) -> list[str]:
    """Words as pieces of text; a footnote call is a piece of its own, CALL + its number."""
    pieces, text = [], ""
    for word in words:
        if word.note:
            pieces += [text] if text else []
            pieces.append(CALL + word.text)
            text = ""
        else:
            text += word.shown
    return pieces + ([text] if text else [])


def _first_text_run(p: etree._Element):
    return next((r for r in p.iter(w("r")) if r.find(w("t")) is not None), None)


def _run_style(run):
    if run is None or run.find(w("footnoteReference")) is not None:
        return None
    return run.find(w("rPr"))


def _deleted_text_run(text: str, style, lead: str = "") -> etree._Element:
    run = etree.Element(w("r"))
    if style is not None:
        run.append(copy.deepcopy(style))
    for index, piece in enumerate((lead + text).split("\t")):
        if index:
            etree.SubElement(run, w("tab"))
        if piece:
            _set_text(etree.SubElement(run, w("delText")), piece)
    return run


def _mark_paragraph_mark(p: etree._Element, mark: etree._Element) -> None:
    """The paragraph's own mark (its end) inserted or deleted."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:  # the schema puts it after the other properties, before sectPr
        rpr = etree.Element(w("rPr"))
        later = next((c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))), None)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.insert(0, mark)  # ins and del come first among a paragraph mark's properties


def _shown(word: Word) -> str:
    return (" " if word.space else "") + (CALL if word.note else word.text)


class _Positions:
    """Offsets in our text of a paragraph mapped to offsets in the Word paragraph's text.

    The two are the same text from the same document model; the mapping (through
    difflib's opcodes) only absorbs differences of spacing."""

    def __init__(self, ours: str, theirs: str):
        if ours == theirs:
            self.map = list(range(len(ours) + 1))
            return
        self.map = [len(theirs)] * (len(ours) + 1)
        for tag, i1, i2, j1, _ in SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
            for k in range(i1, i2):
                self.map[k] = j1 + (k - i1 if tag == "equal" else 0)

    def of(self, offset: int) -> int:
        return self.map[min(max(offset, 0), len(self.map) - 1)]
