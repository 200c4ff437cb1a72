"""``report.redline.docx``: the earlier report's Word file and the current one, merged into
one file whose differences are Word revisions.

Both versions are Word files made the same way (the docx format, from a document model;
or, for a Word baseline, the writer's file with its own revisions accepted).  Every part
that holds text is compared, paragraph by paragraph: the body (masthead, headings,
numbered paragraphs, the agenda note's ``*``), the footnotes, and the headers and
footers (the symbol at the top of each page).  So that the file can be trusted:

* **Reject All gives the earlier file's text, Accept All the current one's.**  Each
  paragraph of either version appears once: kept (its words compared), inserted, deleted,
  or moved.  What is inserted is the current file's own runs wrapped in ``w:ins``; what is
  deleted is the earlier file's runs, as ``w:delText``, in ``w:del``;
* **every change stands where it was**: the paragraphs of the two versions are merged in
  order, so a removed paragraph is struck out between the two paragraphs it stood
  between, and a paragraph that changed place is a Word move (``w:moveFrom`` at its old
  place, ``w:moveTo`` at its new one, in named move ranges);
* **numbers are text like any other**: a paragraph number, chapter number or footnote
  call that changed shows the old number deleted and the new one inserted, so rejecting
  brings the old numbers back;
* a paragraph whose style changed (a heading moved up a level) carries its old
  properties in ``w:pPrChange``.

Paragraphs are matched as :func:`reportgen.redline.compare.pair_by_content` matches them (by
their words, numbers left aside); words inside a matched paragraph are compared with
:mod:`difflib`.  Footnotes follow their calls: a note whose call is kept is compared with
the earlier note; a deleted call brings the earlier note back, deleted; an inserted call's
note is inserted.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from difflib import SequenceMatcher

from lxml import etree

from ..typography import as_typed
from .compare import in_place, pair_by_content

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class RevisionMark:
    """Who made the revisions and when: every ``w:ins``/``w:del`` carries them."""

    author: str
    when: datetime

    @property
    def date(self) -> str:
        return self.when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Revisions:
    """Makes revision elements with unique ids, one author and one date."""

    def __init__(self, mark: RevisionMark, first_id: int):
        self.author = mark.author
        self.date = mark.date
        self.next_id = first_id
        self.moves = 0

    def mark(self, kind: str) -> etree._Element:
        element = etree.Element(w(kind))
        element.set(w("id"), str(self.next_id))
        element.set(w("author"), self.author)
        element.set(w("date"), self.date)
        self.next_id += 1
        return element

    def move_name(self) -> str:
        self.moves += 1
        return f"move{self.moves}"


def redline_docx(old: bytes, new: bytes, mark: RevisionMark, by_source: bool = False) -> bytes:
    """The current Word file ``new`` with its differences from ``old`` as revisions.
    With ``by_source``, paragraphs that both files' marks (:mod:`reportgen.provenance`)
    say were made from the same block, heading or masthead field are paired first, as
    :func:`reportgen.redline.compare.compare` pairs them."""
    old_parts = _read_parts(old)
    with zipfile.ZipFile(io.BytesIO(new)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    parts = {info.filename: data for info, data in entries}
    trees = {name: etree.fromstring(data) for name, data in parts.items() if _compared(name)}
    old_trees = {name: etree.fromstring(data) for name, data in old_parts.items()
                 if _compared(name)}
    revisions = _Revisions(mark, _max_id(*trees.values(), *old_trees.values()) + 1)
    notes = _Notes(old_trees.get("word/footnotes.xml"), trees.get("word/footnotes.xml"),
                   revisions)
    body, old_body = trees["word/document.xml"].find(w("body")), _old_body(old_trees)
    sources = (_sources(old_parts), _sources(parts)) if by_source else None
    if "word/document.xml" in old_trees:
        _know_pictures(old_trees["word/document.xml"], old_parts, earlier=True)
    _know_pictures(trees["word/document.xml"], parts)
    _Merger(revisions, notes, sources=sources).merge(old_body, body)
    added = _carry_earlier_pictures(trees["word/document.xml"], old_parts, parts)
    for name in sorted(trees):
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name) and name in old_trees:
            _Merger(revisions, None).merge(old_trees[name], trees[name])
    notes.finish()
    notes.in_order_of_calls(body)
    for name, tree in trees.items():
        parts[name] = _xml(tree)
    if "word/settings.xml" in parts:
        parts["word/settings.xml"] = _track_revisions(parts["word/settings.xml"])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, _ in entries:
            target.writestr(info, parts[info.filename])
        for name in added:
            target.writestr(name, parts[name])
    return out.getvalue()


# -- pictures -------------------------------------------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: what a picture is compared by (the digest of its file), set on each w:drawing while
#: the files are merged and taken off before the file is written
_PICTURE = "reportgen-picture"
#: set on the earlier file's pictures: a deleted copy names a file of the earlier package
_EARLIER = "reportgen-earlier"


def _relationships(parts: dict[str, bytes]) -> dict[str, str]:
    """The document part's relationships: id -> the part it names."""
    data = parts.get("word/_rels/document.xml.rels")
    if data is None:
        return {}
    return {rel.get("Id"): "word/" + rel.get("Target").lstrip("/").removeprefix("word/")
            for rel in etree.fromstring(data).iter(f"{{{RELS}}}Relationship")
            if rel.get("TargetMode") != "External"}


def _blips(drawing: etree._Element) -> list[etree._Element]:
    return [e for e in drawing.iter() if e.get(f"{{{R}}}embed") is not None]


def _know_pictures(root: etree._Element, parts: dict[str, bytes], earlier: bool = False) -> None:
    """Each picture of the part marked with the digest of its file, so that a picture
    replaced by another (a figure's new picture) reads as a changed word would."""
    import hashlib

    targets = _relationships(parts)
    for drawing in root.iter(w("drawing")):
        files = [parts.get(targets.get(b.get(f"{{{R}}}embed"), ""), b"") for b in _blips(drawing)]
        drawing.set(_PICTURE, hashlib.sha256(b"".join(files)).hexdigest())
        if earlier:
            drawing.set(_EARLIER, "1")


def _carry_earlier_pictures(root: etree._Element, old_parts: dict[str, bytes],
                            parts: dict[str, bytes]) -> list[str]:
    """The earlier file's pictures that now stand deleted in the merged part, copied
    into the package with relationships of their own; returns the parts added."""
    old_targets = _relationships(old_parts)
    rels_name = "word/_rels/document.xml.rels"
    rels = etree.fromstring(parts[rels_name]) if rels_name in parts else None
    added: list[str] = []
    copied: dict[str, str] = {}  # earlier relationship id -> its id in the merged package
    drawn = list(root.iter(w("drawing")))
    shape_ids = [int(e.get("id")) for d in drawn for e in d.iter() if
                 etree.QName(e).localname == "docPr" and (e.get("id") or "").isdigit()]
    next_shape = max(shape_ids, default=0) + 1
    for drawing in drawn:
        earlier = drawing.get(_EARLIER)
        drawing.attrib.pop(_PICTURE, None)
        drawing.attrib.pop(_EARLIER, None)
        if not earlier or rels is None:
            continue
        for shape in (e for e in drawing.iter() if etree.QName(e).localname == "docPr"):
            shape.set("id", str(next_shape))  # each drawing's id its own in one file
            next_shape += 1
        for blip in _blips(drawing):
            old_id = blip.get(f"{{{R}}}embed")
            target = old_targets.get(old_id)
            if target not in old_parts:
                continue
            if old_id not in copied:
                suffix = target.rsplit(".", 1)[-1] if "." in target else "bin"
                name = f"word/media/earlier-{len(copied) + 1}.{suffix}"
                parts[name] = old_parts[target]
                added.append(name)
                copied[old_id] = f"rIdEarlier{len(copied) + 1}"
                rel = etree.SubElement(rels, f"{{{RELS}}}Relationship")
                rel.set("Id", copied[old_id])
                rel.set("Type", f"{R}/image")
                rel.set("Target", name.removeprefix("word/"))
                _content_type(parts, suffix)
            blip.set(f"{{{R}}}embed", copied[old_id])
    if added:
        parts[rels_name] = _xml(rels)
    return added


#: the media type of each kind of picture a Word file may hold
_PICTURE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                  "gif": "image/gif", "svg": "image/svg+xml"}


def _content_type(parts: dict[str, bytes], suffix: str) -> None:
    """The package says what a file with ``suffix`` is, if it did not already."""
    types = etree.fromstring(parts["[Content_Types].xml"])
    namespace = etree.QName(types).namespace
    if any(d.get("Extension", "").lower() == suffix.lower()
           for d in types.iter(f"{{{namespace}}}Default")):
        return
    default = etree.Element(f"{{{namespace}}}Default")
    default.set("Extension", suffix)
    default.set("ContentType", _PICTURE_TYPES.get(suffix.lower(), "application/octet-stream"))
    types.insert(0, default)
    parts["[Content_Types].xml"] = _xml(types)


def _sources(parts: dict[str, bytes]) -> dict[str, tuple[str, str, str]]:
    """What each marked paragraph was made from, by its hidden bookmark's name; empty
    for a file without reportgen's marks."""
    from ..provenance import MarksError, from_xml

    for name in sorted(parts):
        if re.fullmatch(r"customXml/item\d*\.xml", name):
            try:
                return {m.name: m.key for m in from_xml(parts[name]).paragraphs}
            except MarksError:
                continue
    return {}


def _source_of(p: etree._Element, sources: dict[str, tuple[str, str, str]]):
    return next((sources[b.get(w("name"))] for b in p.iter(w("bookmarkStart"))
                 if b.get(w("name")) in sources), None)


def _of_exhibit(source) -> bool:
    """A paragraph of a table or figure (reportgen.formats.docx_tables' marks)."""
    return source is not None and source[0] == "fixed" and bool(
        re.fullmatch(r"(table|figure)-\d+-\d+", source[1]))


def _compared(name: str) -> bool:
    return name in ("word/document.xml", "word/footnotes.xml") or bool(
        re.fullmatch(r"word/(header|footer)\d*\.xml", name))


def _read_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {info.filename: source.read(info) for info in source.infolist()}


def _old_body(old_trees: dict) -> etree._Element:
    document = old_trees.get("word/document.xml")
    body = document.find(w("body")) if document is not None else None
    return body if body is not None else etree.Element(w("body"))


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


# -- the words of a paragraph -------------------------------------------------------------------

#: a label ("12." "IV." "A." before a tab), a space, a word, or any other character
_TOKEN = re.compile(r"\w+\.(?=\t)|\s|\w+(?:[’'./,\-]\w+)*|.", re.S)


@dataclass
class _Piece:
    """One content element of a run (text, tab, break, note call...) and its text."""

    run: etree._Element
    child: etree._Element
    text: str
    key: str  # what an object is compared by ("" for text: its text is)


@dataclass
class _Slice:
    piece: _Piece
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.piece.text[self.start:self.end]


@dataclass
class _Token:
    key: str
    slices: list[_Slice]

    @property
    def runs(self) -> list[etree._Element]:
        return [s.piece.run for s in self.slices]


def _runs(p: etree._Element) -> list[etree._Element]:
    """The runs of a paragraph that hold its text, at any depth (hyperlinks, fields)."""
    return [r for r in p.iter(w("r")) if r.getparent().tag not in (w("del"), w("moveFrom"))]


def _pieces(p: etree._Element) -> list[_Piece]:
    pieces: list[_Piece] = []
    for run in _runs(p):
        custom = _custom_mark(run)
        if custom is not None:  # a call and the mark it shows: one object, never split
            pieces.append(custom)
            continue
        for child in run:
            piece = _piece(run, child)
            if piece is not None:
                pieces.append(piece)
    return pieces


def _piece(run, child) -> _Piece | None:
    tag = etree.QName(child).localname
    if tag in ("rPr", "lastRenderedPageBreak"):
        return None
    if tag == "t":
        return _Piece(run, child, child.text or "", "")
    if tag in ("tab", "ptab"):
        return _Piece(run, child, "\t", "")
    if tag in ("br", "cr"):
        return _Piece(run, child, "\n", "")
    if tag == "noBreakHyphen":
        return _Piece(run, child, "\u2011", "")
    if tag == "footnoteReference":  # one with a mark of its own is read by _custom_mark
        key = "\x00call"
    elif tag == "drawing":  # a picture, by its file
        key = "\x00drawing:" + (child.get(_PICTURE) or "")
    elif tag in ("instrText", "delInstrText"):
        key = "\x00field:" + (child.text or "")
    else:
        key = "\x00" + tag
    return _Piece(run, child, OBJECT, key)


def _custom_mark(run: etree._Element) -> _Piece | None:
    """A note call with a mark of its own (the agenda note's ``*``): the call and the
    mark's text must stay in one run, so they are one piece."""
    ref = run.find(w("footnoteReference"))
    if ref is None or ref.get(w("customMarkFollows")) not in ("1", "true", "on"):
        return None
    mark = "".join(t.text or "" for t in run.iter(w("t"), w("delText")))
    return _Piece(run, run, OBJECT, "\x00call*" + mark)


#: the character that stands for what is not text (a note call, a field...)
OBJECT = "\ue000"


def _tokens(p: etree._Element, split: bool) -> list[_Token]:
    """The paragraph's words, spaces and objects; with ``split``, its runs are first
    split so that every token stands in runs of its own."""
    if split:
        _one_piece_runs(p)
        _cut_at_tokens(p)
    pieces = _pieces(p)
    text = "".join(piece.text for piece in pieces)
    tokens: list[_Token] = []
    index, at = 0, 0  # the first piece that may overlap the next token, and its start
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        while index < len(pieces) and at + len(pieces[index].text) <= start:
            at += len(pieces[index].text)
            index += 1
        slices, k, k_at = [], index, at
        while k < len(pieces) and k_at < end:
            piece = pieces[k]
            slices.append(_Slice(piece, max(start - k_at, 0),
                                 min(end - k_at, len(piece.text))))
            k_at += len(piece.text)
            k += 1
        key = match.group()
        if key == OBJECT and slices and slices[0].piece.key:
            key = slices[0].piece.key
        tokens.append(_Token(key, slices))
    return tokens


def _cut_at_tokens(p: etree._Element) -> None:
    """Cut text runs where a token begins inside them."""
    pieces = _pieces(p)
    text = "".join(piece.text for piece in pieces)
    bounds = {m.start() for m in _TOKEN.finditer(text)}
    at = 0
    for piece in pieces:
        inner = sorted((b - at for b in bounds if at < b < at + len(piece.text)), reverse=True)
        for cut in inner:  # from the end, so earlier offsets still hold
            _cut_run(piece.run, cut)
        at += len(piece.text)


def _one_piece_runs(p: etree._Element) -> None:
    """Split every run that holds more than one content element."""
    for run in _runs(p):
        props = run.find(w("rPr"))
        contents = [c for c in run if c.tag != w("rPr")]
        if len(contents) <= 1 or _custom_mark(run) is not None:
            continue
        for child in contents:
            piece = etree.Element(w("r"))
            for name, value in run.attrib.items():
                piece.set(name, value)
            if props is not None:
                piece.append(copy.deepcopy(props))
            piece.append(child)
            run.addprevious(piece)
        run.getparent().remove(run)


def _cut_run(run: etree._Element, cut: int) -> etree._Element:
    """Split a one-text run after ``cut`` characters; returns the second run."""
    second = copy.deepcopy(run)
    text = run.find(w("t"))
    _set_text(second.find(w("t")), (text.text or "")[cut:])
    _set_text(text, (text.text or "")[:cut])
    run.addnext(second)
    return second


def _set_text(element: etree._Element, text: str) -> None:
    element.text = text
    element.set(XML_SPACE, "preserve")


def _match_key(p: etree._Element) -> tuple[str, ...]:
    """The words a paragraph is matched by: no spaces, and no leading label (a
    paragraph's or heading's number), so renumbering alone is no change."""
    keys = [as_typed(t.key) for t in _tokens(p, split=False) if not t.key.isspace()]
    if keys and re.fullmatch(r"\w+\.", keys[0]):
        keys = keys[1:]
    return tuple(keys)


# -- merging two sequences of paragraphs ------------------------------------------------------

class _Merger:
    """Merges the paragraphs of an earlier container (body, note, header) into the
    current one, marking every difference."""

    def __init__(self, revisions: _Revisions, notes: _Notes | None, one_text: bool = False,
                 sources: tuple[dict, dict] | None = None):
        self.rev = revisions
        self.notes = notes
        #: what the marked paragraphs of each file were made from (see redline_docx)
        self.sources = sources
        #: the two containers are one text (a note whose call was kept): a paragraph
        #: gone and one come between the same two kept ones are the same, edited
        self.one_text = one_text

    def merge(self, old_root: etree._Element, new_root: etree._Element) -> None:
        # a table keeps its place after the paragraph before it; one of both versions
        # (the masthead's, a report's table whose rows changed) is merged row by row and
        # cell by cell, one only the current version has is inserted row by row, and
        # one only the earlier version had comes back deleted after what became of the
        # paragraph it followed
        tables = [(t, _before(t)) for t in new_root if t.tag == w("tbl")]
        old_tables = [(t, _before(t)) for t in old_root if t.tag == w("tbl")]
        # the closing rule (an empty paragraph after the last one) is no text to compare:
        # it stays the body's last paragraph, whatever was added or removed before it
        closing = [p for p in new_root if p.tag == w("p") and _style(p) == _CLOSING_RULE]
        for paragraph in closing:
            new_root.remove(paragraph)
        old_closing = [p for p in old_root if p.tag == w("p") and _style(p) == _CLOSING_RULE]
        for paragraph in old_closing:
            old_root.remove(paragraph)
        placed = self._merge_paragraphs(old_root, new_root)
        tail = new_root.find(w("sectPr"))
        for paragraph in closing:
            if tail is not None:
                tail.addprevious(paragraph)
            else:
                new_root.append(paragraph)
        def same_place(i: int, j: int) -> bool:
            old_before, before = old_tables[i][1], tables[j][1]
            return (placed.get(id(old_before)) is before if old_before is not None
                    else before is None)

        old_keys = [_table_key(t) for t, _ in old_tables]
        new_keys = [_table_key(t) for t, _ in tables]
        # the same table, wherever it went; a table that changed, where it was (after
        # what became of the paragraph it followed, or both opening the part: the
        # masthead), else it is a table removed and another added
        pairs = {i: j for i, j in pair_by_content(old_keys, new_keys).items()
                 if old_keys[i] == new_keys[j] or same_place(i, j)}
        taken = set(pairs.values())
        for i in range(len(old_tables)):
            for j in range(len(tables)):
                if i not in pairs and j not in taken and same_place(i, j):
                    pairs[i] = j
                    taken.add(j)
        by_new = {j: i for i, j in pairs.items()}
        for j, (table, _) in enumerate(tables):
            if j in by_new:
                self._merge_table(old_tables[by_new[j]][0], table)
            else:
                self._inserted_rows(table.findall(w("tr")))
        for table, before in tables:
            if before is not None:
                before.addnext(table)
            else:
                new_root.insert(0, table)
        for i, (old_table, old_before) in enumerate(old_tables):
            if i in pairs:
                continue
            table = copy.deepcopy(old_table)
            for row in table.findall(w("tr")):
                self._deleted_row(row)
            anchor = placed.get(id(old_before)) if old_before is not None else None
            if anchor is not None:
                while anchor.getnext() is not None and anchor.getnext().tag == w("tbl"):
                    anchor = anchor.getnext()
                anchor.addnext(table)
            else:
                new_root.insert(0, table)
            _mark_before_table(table, "del", self.rev)
        for table, _ in tables:
            if table.find(w("tr")) is not None and all(
                    _row_revision(row) == "ins" for row in table.findall(w("tr"))):
                _mark_before_table(table, "ins", self.rev)

    def _merge_table(self, old: etree._Element, new: etree._Element) -> None:
        """Rows of both versions merged cell by cell; a row only the earlier version had
        back, deleted, where it stood; one only the current version has, inserted."""
        old_rows, new_rows = old.findall(w("tr")), new.findall(w("tr"))
        pairs = pair_by_content([_row_key(r) for r in old_rows], [_row_key(r) for r in new_rows])
        kept = sorted(in_place(pairs))
        i = j = 0
        for a, b in kept + [(len(old_rows), len(new_rows))]:
            gone = [copy.deepcopy(old_rows[k]) for k in range(i, a)]
            for row in gone:
                self._deleted_row(row)
                if b < len(new_rows):
                    new_rows[b].addprevious(row)
                elif new_rows:
                    new_rows[-1].getparent().append(row)
                else:
                    new.append(row)
            self._inserted_rows(new_rows[j:b])
            if a < len(old_rows):
                old_cells = old_rows[a].findall(w("tc"))
                for index, cell in enumerate(new_rows[b].findall(w("tc"))):
                    self.merge(old_cells[index] if index < len(old_cells)
                               else etree.Element(w("tc")), cell)
            i, j = a + 1, b + 1

    def _inserted_rows(self, rows: list[etree._Element]) -> None:
        for row in rows:
            _row_mark(row, self.rev.mark("ins"))
            for p in row.iter(w("p")):
                self._inserted(p)

    def _deleted_row(self, row: etree._Element) -> None:
        """An earlier row (a copy, in place) with its text and its own mark deleted."""
        _row_mark(row, self.rev.mark("del"))
        for p in list(row.iter(w("p"))):
            p.getparent().replace(p, self._deleted(p))

    def _merge_paragraphs(self, old_root: etree._Element, new_root: etree._Element
                          ) -> dict[int, etree._Element]:
        old = [c for c in old_root if c.tag == w("p")]
        new = [c for c in new_root if c.tag == w("p")]
        old_keys, new_keys = [_match_key(p) for p in old], [_match_key(p) for p in new]
        ids = ([_source_of(p, self.sources[0]) for p in old],
               [_source_of(p, self.sources[1]) for p in new]) if self.sources else (None, None)
        # a table's or figure's label, title and notes are named by its number, which
        # another table may have now: they are matched by their words, and never moved
        # away from their table (deleted and inserted instead)
        exhibits = [{k for k, source in enumerate(side) if _of_exhibit(source)}
                    if side else set() for side in ids]
        ids = tuple([None if _of_exhibit(source) else source for source in side]
                    if side else side for side in ids)
        pairs = pair_by_content(old_keys, new_keys, *ids)
        fields = _fields(old, new, old_keys, new_keys, pairs,
                         None if self.one_text else FIELD_WORDS)
        pairs = dict(sorted({**pairs, **fields}.items()))
        kept = sorted(in_place(pairs))
        pairs = {i: j for i, j in pairs.items()
                 if (i, j) in kept or (i not in exhibits[0] and j not in exhibits[1])}
        kept = sorted(in_place(pairs))
        moved_old = {i: pairs[i] for i in pairs if (i, pairs[i]) not in kept}
        moved_new = {j: i for i, j in moved_old.items()}
        names = {i: self.rev.move_name() for i in sorted(moved_old)}
        merged: list[etree._Element] = []
        #: what became of each earlier paragraph (by id()): the current one it was
        #: paired with in place, or its deleted or moved-away copy
        placed: dict[int, etree._Element] = {}
        i = j = 0
        for a, b in kept + [(len(old), len(new))]:
            for k in range(i, a):
                merged.append(self._moved_from(old[k], names[k]) if k in moved_old
                              else self._deleted(old[k]))
                placed[id(old[k])] = merged[-1]
            for k in range(j, b):
                if k in moved_new:
                    self._moved_to(old[moved_new[k]], new[k], names[moved_new[k]])
                else:
                    self._inserted(new[k])
                merged.append(new[k])
            if a < len(old):
                self._compared(old[a], new[b])
                merged.append(new[b])
                placed[id(old[a])] = new[b]
            i, j = a + 1, b + 1
        for child in [c for c in new_root if c.tag == w("p")]:
            new_root.remove(child)
        for before, after in zip(merged, merged[1:], strict=False):
            if _starts_inserted(after):
                _not_ending_inserted(before, self.rev)
        _last_mark_kept(merged, self.rev)
        first_tail = new_root.find(w("sectPr"))  # the body's last element
        for p in merged:
            if first_tail is not None:
                first_tail.addprevious(p)
            else:
                new_root.append(p)
        return placed

    # -- one paragraph --------------------------------------------------------------------------

    def _compared(self, old: etree._Element, new: etree._Element) -> None:
        """A paragraph of both versions: what differs in its words marked."""
        old_tokens, new_tokens = _tokens(old, split=False), _tokens(new, split=False)
        # typography is not compared: curly and straight quotes, no-break and plain
        # spaces read the same, and so do the spaces a language's rules set before a mark
        old_keys = [as_typed(t.key) for t in old_tokens]
        new_keys = [as_typed(t.key) for t in new_tokens]
        _properties_change(old, new, self.rev)
        old_words = [t for t, k in zip(old_tokens, old_keys, strict=True) if not k.isspace()]
        new_words = [t for t, k in zip(new_tokens, new_keys, strict=True) if not k.isspace()]
        if [as_typed(t.key) for t in old_words] == [as_typed(t.key) for t in new_words]:
            self._pair_notes(old_words, new_words)
            return
        new_tokens = _tokens(new, split=True)
        matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
        inserted: list[etree._Element] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self._pair_notes(old_tokens[i1:i2], new_tokens[j1:j2])
                continue
            if i2 > i1:
                deleted = self.rev.mark("del")
                for token in old_tokens[i1:i2]:
                    for part in token.slices:
                        deleted.append(self._deleted_run(part))
                _place(deleted, new, new_tokens, j1)
            for token in new_tokens[j1:j2]:
                inserted += token.runs
        for run in inserted:
            self._note_inserted(run)
        _wrap(inserted, "ins", self.rev)

    def _pair_notes(self, old_tokens: list[_Token], new_tokens: list[_Token]) -> None:
        if self.notes is None:
            return
        for old, new in zip(old_tokens, new_tokens, strict=False):
            if old.key.startswith("\x00call"):
                self.notes.pair(_note_id(old.runs[0]), _note_id(new.runs[0]))

    def _deleted_run(self, part: _Slice) -> etree._Element:
        """A copy of the earlier version's run for ``part``, as deleted text."""
        if part.piece.child is part.piece.run:  # a call with its own mark: the whole run
            run = copy.deepcopy(part.piece.run)
            for text in run.findall(w("t")):
                text.tag = w("delText")
            self._old_call(run)
            return run
        run = etree.Element(w("r"))
        props = part.piece.run.find(w("rPr"))
        if props is not None:
            run.append(copy.deepcopy(props))
        child = copy.deepcopy(part.piece.child)
        if child.tag == w("t"):
            child.tag = w("delText")
            _set_text(child, part.text)
        run.append(child)
        self._old_call(run)
        return run

    def _old_call(self, run: etree._Element) -> None:
        """A call of the earlier version's note, in deleted or moved-away text: the note
        comes back too, deleted."""
        for child in run:
            if child.tag == w("instrText"):
                child.tag = w("delInstrText")
            if child.tag == w("footnoteReference") and self.notes is not None:
                child.set(w("id"), self.notes.restore(child.get(w("id"))))

    def _note_inserted(self, run: etree._Element) -> None:
        if self.notes is None:
            return
        for ref in run.iter(w("footnoteReference")):
            self.notes.inserted(ref.get(w("id")))

    def _inserted(self, p: etree._Element) -> None:
        """A paragraph only the current version has: every run and its mark inserted."""
        runs = _runs(p)
        for run in runs:
            self._note_inserted(run)
        _wrap(runs, "ins", self.rev)
        _mark_paragraph_mark(p, self.rev.mark("ins"))

    def _deleted(self, old: etree._Element) -> etree._Element:
        """A paragraph only the earlier version had, back where it stood, deleted."""
        p = self._old_copy(old)
        runs = _runs(p)
        for run in runs:
            for text in run.findall(w("t")):
                text.tag = w("delText")
            self._old_call(run)
        _wrap(runs, "del", self.rev)
        _mark_paragraph_mark(p, self.rev.mark("del"))
        return p

    def _moved_from(self, old: etree._Element, name: str) -> etree._Element:
        """A paragraph's earlier text at its earlier place, moved away."""
        p = self._old_copy(old)
        runs = _runs(p)
        for run in runs:
            self._old_call(run)
        self._move_range(p, "moveFrom", name, runs)
        return p

    def _moved_to(self, old: etree._Element, new: etree._Element, name: str) -> None:
        """A paragraph's current text at its new place, moved there."""
        runs = _runs(new)
        for run in runs:
            self._note_inserted(run)
        _properties_change(old, new, self.rev)
        self._move_range(new, "moveTo", name, runs)

    def _old_copy(self, old: etree._Element) -> etree._Element:
        """A copy of an earlier paragraph fit to stand in the current file: no bookmarks
        (their names are the current file's), links as their text."""
        p = copy.deepcopy(old)
        for mark in p.xpath(".//w:bookmarkStart|.//w:bookmarkEnd|.//w:proofErr",
                            namespaces={"w": W}):
            mark.getparent().remove(mark)
        for link in p.xpath(".//w:hyperlink", namespaces={"w": W}):
            for child in list(link):
                link.addprevious(child)
            link.getparent().remove(link)
        return p

    def _move_range(self, p: etree._Element, kind: str, name: str, runs: list) -> None:
        start = self.rev.mark(f"{kind}RangeStart")
        start.set(w("name"), name)
        end = etree.Element(w(f"{kind}RangeEnd"))
        end.set(w("id"), start.get(w("id")))
        ppr = p.find(w("pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)
        _wrap(runs, kind, self.rev)
        _mark_paragraph_mark(p, self.rev.mark(kind))


def _before(table: etree._Element) -> etree._Element | None:
    """The paragraph a table follows (past any table before it)."""
    return next((p for p in table.itersiblings(w("p"), preceding=True)), None)


def _row_key(row: etree._Element) -> tuple[str, ...]:
    """A row as rows are matched: the words of each cell."""
    return tuple(" ".join(" ".join(_match_key(p)) for p in cell.iter(w("p")))
                 for cell in row.iter(w("tc")))


def _table_key(table: etree._Element) -> tuple[str, ...]:
    """A table as tables are matched: the words of each cell, row after row."""
    return tuple(cell for row in table.iter(w("tr")) for cell in _row_key(row))


#: the properties of a table row that come before its revision marks (the schema's order)
_ROW_MARK_AFTER = {w(name) for name in (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
    "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden")}


def _row_mark(row: etree._Element, mark: etree._Element) -> None:
    """A table row inserted or deleted as a whole (``w:trPr/w:ins``, ``w:del``)."""
    properties = row.find(w("trPr"))
    if properties is None:
        properties = etree.Element(w("trPr"))
        prefix = row.find(w("tblPrEx"))
        if prefix is not None:
            prefix.addnext(properties)
        else:
            row.insert(0, properties)
    earlier = [c for c in properties if c.tag in _ROW_MARK_AFTER]
    if earlier:
        earlier[-1].addnext(mark)
    else:
        properties.insert(0, mark)


def _row_revision(row: etree._Element) -> str:
    properties = row.find(w("trPr"))
    found = [etree.QName(c).localname for c in properties if c.tag in (w("ins"), w("del"))] \
        if properties is not None else []
    return found[0] if found else ""


def _mark_before_table(table: etree._Element, kind: str, revisions: _Revisions) -> None:
    """A table only one version has, after paragraphs only that version has (its label
    and title): the last of those paragraphs' marks cannot go when the table goes, for
    nothing follows it to join (LibreOffice leaves an empty paragraph).  So the mark
    that goes is the one of the paragraph K before them, which both versions have, and
    the last one's stays, with K's properties in the version without the paragraphs
    (as :func:`_last_mark_kept` does at the end of a part)."""
    last = table.getprevious()
    if last is None or last.tag != w("p") or _mark_of(last) != {kind}:
        return
    kept = last.getprevious()
    while kept is not None and kept.tag == w("p") and _mark_of(kept) == {kind}:
        kept = kept.getprevious()
    if kept is None or kept.tag != w("p") or _mark_of(kept):
        return
    own, theirs = _bare_properties(last), _bare_properties(kept)
    rpr = last.find(f"{w('pPr')}/{w('rPr')}")
    for mark in [c for c in rpr if c.tag == w(kind)]:
        rpr.remove(mark)
    _mark_paragraph_mark(kept, revisions.mark(kind))
    # the properties the paragraph has in the current version, and had in the earlier
    if kind == "ins":
        _set_properties(last, own, theirs, revisions)
    else:
        _set_properties(last, theirs, own, revisions)


#: a paragraph of at most this many words may be a field (a date, a symbol, a session)
FIELD_WORDS = 8


def _fields(old: list, new: list, old_keys: list, new_keys: list,
            pairs: dict[int, int], words: int | None) -> dict[int, int]:
    """Short paragraphs (of at most ``words`` words; any, with None) that changed
    entirely, such as a masthead's date or symbol: where only one paragraph of a style
    is gone and one of the same style came, between the same two kept paragraphs, they
    are the same field with a new value."""
    found: dict[int, int] = {}
    kept = sorted(in_place(pairs))
    i = j = 0
    for a, b in kept + [(len(old), len(new))]:
        gone = [k for k in range(i, a) if k not in pairs]
        came = [k for k in range(j, b) if k not in pairs.values()]
        for style in {_style(old[k]) for k in gone}:
            these = [k for k in gone if _style(old[k]) == style]
            those = [k for k in came if _style(new[k]) == style]
            if len(these) == len(those) == 1 and (words is None or (
                    len(old_keys[these[0]]) <= words and len(new_keys[those[0]]) <= words)):
                found[these[0]] = those[0]
        i, j = a + 1, b + 1
    return found


#: the style id of the short rule that closes a report (formats/docx_styles.py)
_CLOSING_RULE = "ClosingRule"


def _style(p: etree._Element) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


def _mark_of(p: etree._Element) -> set[str]:
    """The revisions on a paragraph's mark: {'ins'}, {'del'}, {'moveFrom'}..."""
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    kinds = {"ins", "del", "moveFrom", "moveTo"}
    return {etree.QName(c).localname for c in rpr if etree.QName(c).localname in kinds} \
        if rpr is not None else set()


#: what a paragraph holds that is not text, when looking for its first or last text
_NOT_TEXT = {w("pPr"), w("bookmarkStart"), w("bookmarkEnd"), w("proofErr")}


def _starts_inserted(p: etree._Element) -> bool:
    """The paragraph's mark or its first text is inserted."""
    if _mark_of(p) & {"ins", "moveTo"}:
        return True
    first = next((c for c in p if c.tag not in _NOT_TEXT), None)
    return first is not None and first.tag == w("ins")


def _not_ending_inserted(p: etree._Element, revisions: _Revisions) -> None:
    """A paragraph whose words end with an insertion, before a paragraph that starts
    with one (a renamed heading, then a paragraph added under it), ends with a deletion
    instead: its last unchanged run is deleted after the insertion and inserted again at
    its start.  The text is the same either way; but LibreOffice takes two insertions
    that meet across a kept paragraph mark for one, and its Reject All would remove that
    mark too, joining the two paragraphs."""
    content = [c for c in p if c.tag not in _NOT_TEXT]
    if len(content) < 2 or content[-1].tag != w("ins"):
        return
    inserted, before = content[-1], content[-2]
    if before.tag == w("del"):  # a word replaced: the deletion goes after the insertion
        inserted.addnext(before)
        return
    if before.tag != w("r") or not [c for c in before if c.tag != w("rPr")] or any(
            c.tag not in (w("rPr"), w("t")) for c in before):
        return
    inserted.insert(0, copy.deepcopy(before))
    deleted = revisions.mark("del")
    for text in before.findall(w("t")):
        text.tag = w("delText")
    deleted.append(before)  # moves the run out of its place
    inserted.addnext(deleted)


_NEW_ONLY = ({"ins"}, {"moveTo"})
_OLD_ONLY = ({"del"}, {"moveFrom"})


def _last_mark_kept(merged: list[etree._Element], revisions: _Revisions) -> None:
    """The last paragraph mark of a part is never removed (a document, a note, a header
    always ends with one): a part that ends with paragraphs only one version has would
    keep an empty paragraph after rejecting (or accepting) them.  So the last mark is
    kept in both versions, with the properties of the current version's last paragraph
    and the earlier one's as their old properties; and the paragraph P before the run
    of paragraphs only that version has, the last that the other version has:

    * when both versions have P, P's mark takes the revision the last mark had;
    * when only the other version has P, P's text joins the last paragraph (with its
      own revision marks), so that each version ends with its own last text."""
    if not merged or _mark_of(merged[-1]) not in _NEW_ONLY + _OLD_ONLY:
        return
    last = merged[-1]
    side = _NEW_ONLY if _mark_of(last) in _NEW_ONLY else _OLD_ONLY
    at = next((k for k in range(len(merged) - 2, -1, -1) if _mark_of(merged[k]) not in side),
              None)
    if at is None:
        return
    before = merged[at]
    if _mark_of(before) - {"del", "moveFrom", "ins", "moveTo"}:
        return
    new_last, old_last = (last, before) if side == _NEW_ONLY else (before, last)
    properties, old_properties = _bare_properties(new_last), _bare_properties(old_last)
    kind = "ins" if side == _NEW_ONLY else "del"
    rpr = last.find(f"{w('pPr')}/{w('rPr')}")
    for mark in list(rpr):
        if etree.QName(mark).localname in ("ins", "del", "moveFrom", "moveTo"):
            rpr.remove(mark)
    if not _mark_of(before):  # both versions have it: its mark is the one that goes
        _mark_paragraph_mark(before, revisions.mark(kind))
    else:  # the other version's last paragraph: its text joins the last one
        ppr = last.find(w("pPr"))
        at_start = last.index(ppr) + 1 if ppr is not None else 0
        for child in [c for c in before if c.tag != w("pPr")][::-1]:
            last.insert(at_start, child)
        merged.remove(before)
    _set_properties(last, properties, old_properties, revisions)


def _set_properties(p: etree._Element, properties: etree._Element,
                    old_properties: etree._Element, revisions: _Revisions) -> None:
    """Give ``p`` the paragraph properties ``properties`` (keeping its mark's run
    properties), recording ``old_properties`` as what they were when they differ."""
    ppr = p.find(w("pPr"))
    keep = [c for c in ppr if c.tag in (w("rPr"), w("sectPr"))] if ppr is not None else []
    if ppr is not None:
        p.remove(ppr)
    ppr = copy.deepcopy(properties)
    for child in keep:
        ppr.append(child)
    p.insert(0, ppr)
    if etree.tostring(properties) != etree.tostring(old_properties):
        change = revisions.mark("pPrChange")
        change.append(copy.deepcopy(old_properties))
        ppr.append(change)


def _note_id(run: etree._Element) -> str:
    ref = run.find(w("footnoteReference"))
    return ref.get(w("id")) if ref is not None else ""


def _place(element: etree._Element, p: etree._Element, tokens: list[_Token], at: int) -> None:
    """Put ``element`` (deleted runs) before the token at index ``at`` of the paragraph,
    after its last token when ``at`` is past the end."""
    following = next((t.runs[0] for t in tokens[at:] if t.slices), None)
    if following is not None:
        following.addprevious(element)
        return
    previous = next((t.runs[-1] for t in reversed(tokens[:at]) if t.slices), None)
    if previous is not None:
        _outermost(previous, p).addnext(element)
    else:
        p.append(element)


def _outermost(element: etree._Element, p: etree._Element) -> etree._Element:
    """The child of ``p`` that holds ``element`` (after a link, not inside it)."""
    while element.getparent() is not p:
        element = element.getparent()
    return element


def _wrap(runs: list[etree._Element], kind: str, revisions: _Revisions) -> None:
    """Wrap runs in revision marks: one mark for each stretch of adjacent siblings."""
    group: list[etree._Element] = []
    for run in runs + [None]:
        if group and (run is None or run.getparent() is not group[-1].getparent()
                      or group[-1].getnext() is not run):
            mark = revisions.mark(kind)
            group[0].addprevious(mark)
            for member in group:
                mark.append(member)
            group = []
        if run is not None:
            group.append(run)


def _mark_paragraph_mark(p: etree._Element, mark: etree._Element) -> None:
    """The paragraph's own mark (its end) inserted, deleted or moved."""
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


def _bare_properties(p: etree._Element) -> etree._Element:
    """A paragraph's properties without its mark's run properties or revisions."""
    ppr = p.find(w("pPr"))
    ppr = copy.deepcopy(ppr) if ppr is not None else etree.Element(w("pPr"))
    for child in ppr.findall(w("rPr")) + ppr.findall(w("pPrChange")) + ppr.findall(w("sectPr")):
        ppr.remove(child)
    return ppr


def _properties_change(old: etree._Element, new: etree._Element, revisions: _Revisions) -> None:
    """When a paragraph's style or layout changed, its old properties as ``w:pPrChange``."""
    before, after = _bare_properties(old), _bare_properties(new)
    if etree.tostring(before) == etree.tostring(after):
        return
    ppr = new.find(w("pPr"))
    if ppr is None:
        ppr = etree.Element(w("pPr"))
        new.insert(0, ppr)
    change = revisions.mark("pPrChange")
    change.append(before)
    ppr.append(change)  # the schema puts it last, after the mark's rPr and any sectPr


# -- footnotes ------------------------------------------------------------------------------------

class _Notes:
    """The footnotes part of the merged file: the current notes, the earlier notes that
    calls in deleted text bring back, and which current notes to compare or insert."""

    def __init__(self, old_root, new_root, revisions: _Revisions):
        self.root = new_root
        self.rev = revisions
        self.old = {n.get(w("id")): n for n in old_root.iter(w("footnote"))} \
            if old_root is not None else {}
        self.new = {n.get(w("id")): n for n in new_root.iter(w("footnote"))} \
            if new_root is not None else {}
        self.next_id = max([int(i) for i in self.new if i.lstrip("-").isdigit()] + [0]) + 1
        self.pairs: list[tuple[str, str]] = []
        self.added: list[str] = []

    def pair(self, old_id: str, new_id: str) -> None:
        if old_id in self.old and new_id in self.new:
            self.pairs.append((old_id, new_id))

    def inserted(self, new_id: str) -> None:
        if new_id in self.new:
            self.added.append(new_id)

    def restore(self, old_id: str) -> str:
        """The id of a deleted copy of earlier note ``old_id`` in the merged part."""
        note = self.old.get(old_id)
        if note is None or self.root is None:
            return old_id
        ident = str(self.next_id)
        self.next_id += 1
        copied = etree.SubElement(self.root, w("footnote"))
        copied.set(w("id"), ident)
        merger = _Merger(self.rev, None)
        for p in note.findall(w("p")):
            copied.append(merger._deleted(p))
        return ident

    def in_order_of_calls(self, body: etree._Element) -> None:
        """Number the notes of the merged part in the order their calls stand in the
        body, deleted calls included, and put them in that order: a reader that lists
        notes by their number or place in the part then lists them as the text calls
        them, whichever changes it accepts or rejects."""
        if self.root is None:
            return
        numbered = {n.get(w("id")): n for n in self.root.findall(w("footnote"))
                    if n.get(w("type")) in (None, "normal")}
        order: list[str] = []
        for ref in body.iter(w("footnoteReference")):
            if ref.get(w("id")) in numbered and ref.get(w("id")) not in order:
                order.append(ref.get(w("id")))
        order += [ident for ident in numbered if ident not in order]  # called nowhere
        first = max([int(n.get(w("id"))) for n in self.root.findall(w("footnote"))
                     if n.get(w("id")) not in numbered] + [0]) + 1
        renumber = {old: str(first + index) for index, old in enumerate(order)}
        for ref in body.iter(w("footnoteReference")):
            if ref.get(w("id")) in renumber:
                ref.set(w("id"), renumber[ref.get(w("id"))])
        for old in order:
            note = numbered[old]
            self.root.remove(note)
            note.set(w("id"), renumber[old])
            self.root.append(note)

    def finish(self) -> None:
        merger = _Merger(self.rev, None, one_text=True)
        for old_id, new_id in self.pairs:
            merger.merge(self.old[old_id], self.new[new_id])
        for new_id in self.added:
            for p in self.new[new_id].findall(w("p")):
                merger._inserted(p)
