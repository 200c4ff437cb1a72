"""XLIFF 2.0 (OASIS) files of a period's texts, as translation tools exchange them.

One ``<file>`` per report; one ``<unit>`` per paragraph of a text (a block's paragraph,
a footnote, a heading, a masthead field), named after the field and its paragraph
(``b.cop-tenth.text.1``, ``b.cop-tenth.fn.cop.1``); its sentences are ``<segment>``s with
the spaces between them as ``<ignorable>``s.  Codes are ``<ph>`` placeholders whose
original text is kept in ``<originalData>`` and whose ``disp`` shows what they print now
(a fact's current value).  Each unit carries, as notes, the content file and line it
comes from and the fingerprint of the original text, which the import checks.  A unit
whose translation is current is locked (``translate="no"``), its segments ``final``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .segments import Code, joined, pieces, plain, sentences

NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: the categories of the notes reportgen writes on each unit
WHERE, SOURCE = "reportgen-location", "reportgen-source-fingerprint"


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


@dataclass
class UnitText:
    """A unit as read back: its id, the line it is on, its target (codes written as in
    the store), the placeholders its target holds, and its notes."""

    id: str
    line: int
    target: str | None
    locked: bool
    placeholders: list[str] = field(default_factory=list)  # ids, as often as they occur
    codes: dict[str, str] = field(default_factory=dict)    # placeholder id -> original
    #: the placeholders of the target that are not in the source: id -> their data id
    added: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)     # data id -> original text
    notes: dict[str, str] = field(default_factory=dict)


def unit_element(unit_id: str, name: str, notes: dict[str, str], source: str,
                 target: str | None, state: str, locked: bool, shown) -> etree._Element:
    """One ``<unit>``: ``source`` (a paragraph of the store) cut into sentence segments,
    ``target`` (its translation, or None) laid into them; ``shown(code)`` is what a code
    prints now, shown to the translator."""
    unit = etree.Element(_q("unit"), id=unit_id, name=name)
    if locked:
        unit.set("translate", "no")
    note_list = etree.SubElement(unit, _q("notes"))
    for category, text in notes.items():
        etree.SubElement(note_list, _q("note"), category=category).text = text
    source_segments = sentences(pieces(source))
    target_segments = _aligned(target, len(source_segments)) if target is not None else None
    data = etree.SubElement(unit, _q("originalData"))
    codes = _Codes(data)
    targets = []
    for number, (items, space) in enumerate(source_segments, start=1):
        segment = etree.SubElement(unit, _q("segment"), id=f"s{number}")
        if target is not None:
            segment.set("state", state)
            if state == "initial":
                segment.set("subState", "reportgen:stale")
        _inline(etree.SubElement(segment, _q("source")), items, codes, True, shown)
        if target_segments is not None:
            targets.append(etree.SubElement(segment, _q("target")))
        if space:
            ignorable = etree.SubElement(unit, _q("ignorable"))
            etree.SubElement(ignorable, _q("source")).text = space
    for element, text in zip(targets, target_segments or [], strict=False):
        _inline(element, pieces(text), codes, False, shown)
    if not len(data):
        unit.remove(data)
    return unit


def _aligned(target: str, count: int) -> list[str]:
    """``target`` cut into ``count`` sentences when it has that many; else all of it in
    the first segment (a translator's sentences need not match the original's)."""
    found = [plain(items) for items, _ in sentences(pieces(target))]
    if len(found) == count:
        return found
    return [target] + [""] * (count - 1)


class _Codes:
    """The placeholders of one unit: each code of the source gets an id (and its
    original text a ``<data>``); the n-th occurrence of a code in the target takes the
    id of its n-th occurrence in the source, so a target's codes match the source's."""

    def __init__(self, data: etree._Element):
        self.data = data
        self.ids: dict[str, list[str]] = {}
        self.seen: dict[str, int] = {}

    def source(self, text: str) -> str:
        ident = str(sum(len(v) for v in self.ids.values()) + 1)
        self.ids.setdefault(text, []).append(ident)
        entry = etree.SubElement(self.data, _q("data"), id=f"d{ident}")
        entry.set(_XML_SPACE, "preserve")
        entry.text = text
        return ident

    def target(self, text: str) -> str:
        n = self.seen.get(text, 0)
        self.seen[text] = n + 1
        known = self.ids.get(text, [])
        return known[n] if n < len(known) else self.source(text)


def _inline(parent: etree._Element, items, codes: _Codes, is_source: bool, shown) -> None:
    """Text and ``<ph>`` placeholders into ``parent``."""
    last = None
    for item in items:
        if isinstance(item, Code):
            ident = codes.source(item.text) if is_source else codes.target(item.text)
            last = etree.SubElement(parent, _q("ph"), id=ident, dataRef=f"d{ident}",
                                    disp=shown(item), type=_TYPES[item.kind])
            if item.kind in _SUBTYPES:
                last.set("subType", _SUBTYPES[item.kind])
            last.tail = ""
        elif last is None:
            parent.text = (parent.text or "") + item
        else:
            last.tail = (last.tail or "") + item


_TYPES = {"variable": "other", "note": "other", "link": "link", "fmt": "fmt", "break": "fmt"}
_SUBTYPES = {"variable": "reportgen:variable", "note": "reportgen:note-call"}


def document(source_lang: str, target_lang: str, file_id: str, original: str,
             units: list[etree._Element]) -> bytes:
    """The whole XLIFF file."""
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="2.0", srcLang=source_lang,
                         trgLang=target_lang)
    file = etree.SubElement(root, _q("file"), id=file_id, original=original)
    file.set(_XML_SPACE, "preserve")
    file.extend(units)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)


class XliffError(ValueError):
    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line, self.message = line, message


@dataclass
class XliffFile:
    source_lang: str
    target_lang: str
    original: str
    units: list[UnitText]


def read(data: bytes) -> XliffFile:
    """The units of an XLIFF 2.0 file, with their targets as store text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (exc.lineno, 0)
        raise XliffError(line, f"not well-formed XML (broken at column {column})"
                         ) from None
    if root.tag != _q("xliff") or not str(root.get("version", "")).startswith("2."):
        raise XliffError(root.sourceline, "not an XLIFF 2.0 file (its root is not an "
                                          f"<xliff version=\"2.0\"> in {NS})")
    target_lang = root.get("trgLang")
    if not target_lang:
        raise XliffError(root.sourceline, "the file names no target language (trgLang)")
    files = root.findall(_q("file"))
    if len(files) != 1:
        raise XliffError(root.sourceline, f"holds {len(files)} <file> elements; reportgen "
                                          "exports one per file")
    units = [_unit(u) for u in files[0].iter(_q("unit"))]
    return XliffFile(root.get("srcLang", ""), target_lang, files[0].get("original", ""), units)


def _unit(unit: etree._Element) -> UnitText:
    codes = {d.get("id"): d.text or "" for d in unit.iter(_q("data"))}
    notes = {n.get("category", ""): n.text or "" for n in unit.iter(_q("note"))}
    found = UnitText(unit.get("id", ""), unit.sourceline or 0, None,
                     unit.get("translate") == "no", notes=notes)
    parts, spaces, any_target = [], [], False
    for child in unit:
        if child.tag == _q("segment"):
            target = child.find(_q("target"))
            text = _text(target, codes, found) if target is not None else ""
            any_target = any_target or bool(text.strip())
            parts.append(text)
        elif child.tag == _q("ignorable"):
            source = child.find(_q("source"))
            spaces.append(source.text if source is not None and source.text else " ")
    found.codes = {ph.get("id"): codes.get(ph.get("dataRef", ""), "")
                   for source in unit.iter(_q("source")) for ph in source.iter(_q("ph"))}
    found.data = codes
    if any_target:
        found.target = joined([p for p in parts if p], spaces)
    return found


def _text(element: etree._Element, codes: dict[str, str], found: UnitText) -> str:
    """A target's text, each placeholder replaced by its original text."""
    out = [element.text or ""]
    for child in element:
        if child.tag == _q("ph"):
            found.placeholders.append(child.get("id", ""))
            found.added[child.get("id", "")] = child.get("dataRef", "")
            out.append(codes.get(child.get("dataRef", ""), ""))
        else:  # a tool's own markers (<mrk>, <pc>): their text, markup dropped
            out.append(_text(child, codes, found))
        out.append(child.tail or "")
    return "".join(out)

