"""Reading a Word package: its paragraphs as they read with the tracked changes accepted
and rejected, its bookmarks, comments, custom XML parts and custom properties.

The package is read with lxml straight from the zip (python-docx has no model of tracked
revisions, and would hide them): every ``w:p`` of the body and of the footnotes gives a
:class:`WordParagraph` with both views of its text; :meth:`WordPackage.view` joins the
paragraphs whose marks were deleted (accepted view) or inserted (rejected view), as Word
does when it accepts or rejects them.  Nothing here knows of reportgen's own marks:
:mod:`reportgen.provenance` reads the custom XML part it finds here.

A file that is not a Word document, or is one that must not be opened (encrypted, with
macros, with oversized or oddly named entries), raises :class:`WordReadError` with a
one-line reason.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_CUSTOM_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

#: the largest part read (uncompressed), and the largest package in all
PART_LIMIT = 64 * 1024 * 1024
PACKAGE_LIMIT = 256 * 1024 * 1024
#: entries a package may hold at most
ENTRY_LIMIT = 2000
_MACRO_TYPES = ("macroEnabled", "vbaProject")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class WordReadError(ValueError):
    """The file cannot be read as a Word document; the message says why, in one line."""


@dataclass(frozen=True)
class Revision:
    """One tracked change: 'insert', 'delete', 'move-from' or 'move-to'."""

    kind: str
    author: str
    date: str
    text: str


@dataclass(frozen=True)
class WordParagraph:
    """One ``w:p`` of a story (the body, or the footnotes)."""

    story: str
    index: int                 # in the story, from 0
    style: str                 # paragraph style id ('' for none)
    accepted: str              # the text with every change accepted
    rejected: str              # the text with every change rejected
    bookmarks: tuple[str, ...]
    revisions: tuple[Revision, ...] = ()
    mark_inserted: bool = False  # the paragraph mark is a tracked insertion (or move-to)
    mark_deleted: bool = False   # the paragraph mark is a tracked deletion (or move-from)
    note: str | None = None      # the footnote's id, for a paragraph of the footnotes
    #: where the accepted text calls a footnote: (offset, footnote id, the call has its
    #: own mark such as '*' that the text holds); and its internal links: (start, end,
    #: bookmark linked to)
    calls: tuple[tuple[int, str, bool], ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class ViewParagraph:
    """A paragraph as it reads in one view: raw paragraphs joined where their marks go."""

    text: str
    parts: tuple[WordParagraph, ...]

    @property
    def bookmarks(self) -> tuple[str, ...]:
        return tuple(name for part in self.parts for name in part.bookmarks)

    @property
    def revisions(self) -> tuple[Revision, ...]:
        return tuple(r for part in self.parts for r in part.revisions)

    @property
    def style(self) -> str:
        return self.parts[-1].style

    @property
    def note(self) -> str | None:
        return self.parts[0].note


@dataclass(frozen=True)
class Comment:
    ident: str
    author: str
    date: str
    text: str
    anchor: str            # the words the comment is anchored to
    story: str             # where its anchor starts: 'body' or 'footnotes'
    paragraph: int | None  # index of that raw paragraph in its story


@dataclass
class WordPackage:
    body: list[WordParagraph]
    footnotes: list[WordParagraph]
    comments: list[Comment]
    custom_xml: list[bytes] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def tracked(self) -> bool:
        """True if any paragraph carries a tracked change."""
        return any(p.revisions or p.mark_inserted or p.mark_deleted
                   for p in self.body + self.footnotes)

    def view(self, story: str = "body", accepted: bool = True) -> list[ViewParagraph]:
        """The story's paragraphs with the changes accepted (or rejected): a paragraph whose
        mark goes in that view runs on into the next one; one left empty by a deletion of
        all it held (mark included) disappears."""
        raws = self.body if story == "body" else self.footnotes
        out: list[ViewParagraph] = []
        pending: list[WordParagraph] = []
        for number, raw in enumerate(raws):
            pending.append(raw)
            joins = raw.mark_deleted if accepted else raw.mark_inserted
            if joins and number + 1 < len(raws) and _same_note(raw, raws[number + 1]):
                continue
            texts = [p.accepted if accepted else p.rejected for p in pending]
            # a paragraph left with nothing, its mark gone too, vanishes: what joins is
            # what it held (the merged paragraph keeps the last mark, and its style)
            kept = tuple(p for p, t in zip(pending, texts, strict=True) if t or p is pending[-1])
            out.append(ViewParagraph("".join(texts), kept))
            pending = []
        return out


def _same_note(a: WordParagraph, b: WordParagraph) -> bool:
    return a.note == b.note


# -- the package ------------------------------------------------------------------------

def read_package(data: bytes) -> WordPackage:
    """The Word package ``data``, read; WordReadError if it is not one we may read."""
    parts = read_parts(data)
    types = parts.get("[Content_Types].xml")
    if types is None or "word/document.xml" not in parts:
        raise WordReadError("not a Word document (.docx): it has no word/document.xml")
    if any(marker in types.decode("utf-8", "replace") for marker in _MACRO_TYPES) or \
            any("vbaProject" in name for name in parts):
        raise WordReadError("a macro-enabled document: save it as a plain .docx (Word Document) "
                            "and give that file")
    document = parse_part(parts["word/document.xml"], "word/document.xml")
    body_element = document.find(w("body"))
    if body_element is None:
        raise WordReadError("word/document.xml has no body")
    body = _paragraphs(body_element, "body")
    footnotes: list[WordParagraph] = []
    notes_xml = None
    if "word/footnotes.xml" in parts:
        notes_xml = parse_part(parts["word/footnotes.xml"], "word/footnotes.xml")
        for note in notes_xml.iter(w("footnote")):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            footnotes += _paragraphs(note, "footnotes", start=len(footnotes),
                                     note=note.get(w("id")))
    comments = _comments(parts, document, notes_xml)
    custom = [data for name, data in sorted(parts.items())
              if name.startswith("customXml/item") and not name.startswith("customXml/itemProps")
              and name.endswith(".xml")]
    props = _properties(parts.get("docProps/custom.xml"))
    return WordPackage(body, footnotes, comments, custom, props)


def read_parts(data: bytes, media: bool = False) -> dict[str, bytes]:
    """The parts of the Word package ``data`` by name, read within the limits a Word
    document keeps (entries, sizes, plain names, no encryption); WordReadError else.
    Pictures and other parts that are not XML are read only with ``media`` (their bytes
    are empty otherwise)."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise WordReadError("a password-protected document or an old binary .doc: remove the "
                            "password, or save it as .docx, and give that file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise WordReadError("not a Word document (.docx): it is not a zip package") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > ENTRY_LIMIT:
            raise WordReadError(f"the package holds {len(infos)} entries, more than a Word "
                                f"document has ({ENTRY_LIMIT} at most)")
        total = 0
        parts: dict[str, bytes] = {}
        for info in infos:
            name = info.filename
            if not _plain_name(name):
                raise WordReadError(f"the package has an entry with an odd name ({name!r})")
            if info.flag_bits & 0x1:
                raise WordReadError("the package is encrypted: remove the password and give the file again")
            if info.file_size > PART_LIMIT:
                raise WordReadError(f"the part {name} is larger than a Word document's parts "
                                    f"may be ({PART_LIMIT // (1024 * 1024)} MB)")
            total += info.file_size
            if total > PACKAGE_LIMIT:
                raise WordReadError("the package is larger than a Word document may be "
                                    f"({PACKAGE_LIMIT // (1024 * 1024)} MB unpacked)")
            if name.endswith("/"):
                continue
            if name.endswith((".xml", ".rels")) or name == "[Content_Types].xml":
                try:
                    parts[name] = _read_limited(archive, info)
                except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError):
                    raise WordReadError(f"the part {name} cannot be unpacked") from None
            elif media:
                try:
                    parts[name] = _read_limited(archive, info)
                except (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError):
                    raise WordReadError(f"the part {name} cannot be unpacked") from None
            else:
                parts[name] = b""  # pictures and the like are not read
    return parts


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, never more than its declared size (a forged size is refused)."""
    with archive.open(info) as stream:
        data = stream.read(PART_LIMIT + 1)
    if len(data) > PART_LIMIT:
        raise ValueError("oversized")
    return data


def _plain_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if any(ord(c) < 32 for c in name):
        return False
    normal = posixpath.normpath(name)
    return not (normal.startswith("..") or normal.startswith("/") or "/../" in f"/{normal}/")


def parse_part(data: bytes, name: str):
    """The XML of the part ``name``, parsed without entities or network; WordReadError if
    it is not well-formed."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_blank_text=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise WordReadError(f"the part {name} is not well-formed XML") from None


def _properties(data: bytes | None) -> dict[str, str]:
    if not data:
        return {}
    root = parse_part(data, "docProps/custom.xml")
    found: dict[str, str] = {}
    for prop in root.iter(f"{{{_CUSTOM_PROPS}}}property"):
        value = next(iter(prop), None)
        if prop.get("name") and value is not None:
            found[prop.get("name")] = value.text or ""
    return found


# -- paragraphs -------------------------------------------------------------------------

_SKIPPED = {w("instrText"), w("delInstrText"), f"{{{_MC}}}Fallback", w("txbxContent"),
            w("pPr"), w("rPr"), w("footnoteReference"), w("endnoteReference"),
            w("commentReference")}
_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
_REVISION_KINDS = {w("ins"): "insert", w("del"): "delete", w("moveFrom"): "move-from",
                   w("moveTo"): "move-to"}


def _paragraphs(container, story: str, start: int = 0, note: str | None = None) -> list[WordParagraph]:
    found = []
    for element in container.iter(w("p")):
        if any(a.tag == w("txbxContent") for a in element.iterancestors()):
            continue
        found.append(_paragraph(element, story, start + len(found), note))
    return found


def _paragraph(element, story: str, index: int, note: str | None) -> WordParagraph:
    accepted: list[str] = []
    rejected: list[str] = []
    bookmarks: list[str] = []
    revisions: list[Revision] = []
    places = _Places()
    _walk(element, accepted, rejected, bookmarks, revisions, inserted=False, deleted=False,
          places=places)
    props = element.find(w("pPr"))
    style = ""
    mark_inserted = mark_deleted = False
    if props is not None:
        style_element = props.find(w("pStyle"))
        style = style_element.get(w("val"), "") if style_element is not None else ""
        mark = props.find(w("rPr"))
        if mark is not None:
            mark_inserted = mark.find(w("ins")) is not None or mark.find(w("moveTo")) is not None
            mark_deleted = mark.find(w("del")) is not None or mark.find(w("moveFrom")) is not None
    return WordParagraph(story, index, style, "".join(accepted), "".join(rejected),
                         tuple(bookmarks), tuple(revisions), mark_inserted, mark_deleted, note,
                         tuple(places.calls), tuple(places.links))


@dataclass
class _Places:
    """Where footnote calls and internal links stand in the accepted text."""

    calls: list[tuple[int, str, bool]] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)


def _walk(element, accepted, rejected, bookmarks, revisions, inserted, deleted,
          places: _Places | None = None) -> None:
    for child in element:
        tag = child.tag
        if tag == w("footnoteReference") and places is not None and not deleted:
            own_mark = child.get(w("customMarkFollows")) in ("1", "true", "on")
            places.calls.append((len("".join(accepted)), child.get(w("id"), ""), own_mark))
            continue
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == w("hyperlink") and places is not None and child.get(w("anchor")):
            start = len("".join(accepted))
            _walk(child, accepted, rejected, bookmarks, revisions, inserted, deleted, places)
            if not deleted:
                places.links.append((start, len("".join(accepted)), child.get(w("anchor"))))
            continue
        if tag == w("bookmarkStart"):
            if child.get(w("name")):
                bookmarks.append(child.get(w("name")))
            continue
        if tag in _REVISION_KINDS:
            before_a, before_r = len(accepted), len(rejected)
            now_inserted = inserted or tag in _INSERTED
            now_deleted = deleted or tag in _DELETED
            _walk(child, accepted, rejected, bookmarks, revisions, now_inserted, now_deleted,
                  places)
            text = "".join(accepted[before_a:]) if tag in _INSERTED else "".join(rejected[before_r:])
            revisions.append(Revision(_REVISION_KINDS[tag], child.get(w("author"), ""),
                                      child.get(w("date"), ""), text))
            continue
        piece = _text_of(child)
        if piece is not None:
            if not deleted:
                accepted.append(piece)
            if not inserted:
                rejected.append(piece)
            continue
        _walk(child, accepted, rejected, bookmarks, revisions, inserted, deleted, places)


def _text_of(element) -> str | None:
    """The text an element stands for, or None if it holds other elements."""
    tag = element.tag
    if tag in (w("t"), w("delText")):
        return element.text or ""
    if tag == w("tab"):
        return "\t"
    if tag in (w("br"), w("cr")):
        return "\n"
    if tag == w("noBreakHyphen"):
        return "\u2011"
    if tag == w("softHyphen"):
        return ""
    return None


def paragraph_text(element) -> str:
    """The text of a ``w:p`` element as written (changes accepted): what the Word writer
    records as a paragraph's generated text."""
    accepted: list[str] = []
    _walk(element, accepted, [], [], [], inserted=False, deleted=False)
    return "".join(accepted)


# -- comments ---------------------------------------------------------------------------

def _comments(parts: dict[str, bytes], document, notes) -> list[Comment]:
    data = parts.get("word/comments.xml")
    if not data:
        return []
    root = parse_part(data, "word/comments.xml")
    anchors: dict[str, list[str]] = {}
    starts: dict[str, tuple[str, int | None]] = {}
    for story, tree in (("body", document), ("footnotes", notes)):
        if tree is not None:
            _anchors(tree, story, anchors, starts)
    found = []
    for comment in root.iter(w("comment")):
        ident = comment.get(w("id"), "")
        text = "\n".join(paragraph_text(p) for p in comment.iter(w("p")))
        story, paragraph = starts.get(ident, ("body", None))
        found.append(Comment(ident, comment.get(w("author"), ""), comment.get(w("date"), ""),
                             text, "".join(anchors.get(ident, [])).strip(), story, paragraph))
    return found


def _anchors(tree, story: str, anchors: dict[str, list[str]], starts) -> None:
    """The accepted text between each comment's range start and end."""
    open_ids: list[str] = []
    index = -1
    for element in tree.iter():
        tag = element.tag
        if tag == w("p") and not any(a.tag == w("txbxContent") for a in element.iterancestors()):
            if _is_separator_note(element):
                continue
            index += 1
        elif tag == w("commentRangeStart"):
            ident = element.get(w("id"), "")
            open_ids.append(ident)
            anchors.setdefault(ident, [])
            starts[ident] = (story, max(index, 0))
        elif tag == w("commentRangeEnd"):
            ident = element.get(w("id"), "")
            if ident in open_ids:
                open_ids.remove(ident)
        elif open_ids and tag == w("t") and not any(a.tag in _DELETED for a in element.iterancestors()):
            for ident in open_ids:
                anchors[ident].append(element.text or "")


def _is_separator_note(paragraph) -> bool:
    note = paragraph.getparent()
    return note is not None and note.tag == w("footnote") and note.get(w("type")) in (
        "separator", "continuationSeparator", "continuationNotice")
