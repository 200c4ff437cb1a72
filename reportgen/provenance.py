"""Where each paragraph of a Word file came from: the marks of the Word round trip.

Every .docx reportgen writes carries, per paragraph, a hidden bookmark (``_rg12``) and an
entry in a custom XML part (``customXml/item1.xml``, namespace :data:`NAMESPACE`) naming
the store text it was made from: the content file, the block (or heading, or masthead
field), a fingerprint of that text's source, the source itself, the exact text generated
and the character ranges that facts and variables produced.  ``reportgen merge`` reads
them back (:mod:`reportgen.merge`) to take an edited file's changes into the store.

Nothing here is visible: bookmarks whose names start with '_' are hidden in Word, and a
custom XML part is data, not text, so the word count and the look are unchanged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree

from .typography import as_typed

NAMESPACE = "urn:un:reportgen:provenance"
#: the version of the part's layout; a file with a higher one came from a newer reportgen
VERSION = 1
#: prefix of the hidden bookmark names (Word hides bookmarks starting with '_')
MARK_PREFIX = "_rg"
#: the name of the custom document property holding the store's fingerprint
STORE_PROPERTY = "reportgen-store"


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Variable:
    """A {{ ... }} variable of a source text and the text it printed."""

    name: str    # 'fact.parties', 'period.years'
    file: str    # the content file defining it, as shown (content/facts.yml)
    value: str   # the text it gave in this document


@dataclass(frozen=True)
class SourceText:
    """One text field of the store that paragraphs were made from."""

    kind: str    # 'block', 'heading' or 'masthead'
    ref: str     # block id, heading id, or masthead field ('agenda_title')
    field: str   # 'text', 'footnotes.LABEL', 'title', 'agenda_title'
    file: str    # content file, as shown
    source: str  # the field's text as written in the file
    variables: tuple[Variable, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.ref, self.field)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.source)


@dataclass(frozen=True)
class Range:
    """Characters ``start``..``end`` of a generated text came from variable ``name``."""

    start: int
    end: int
    name: str
    file: str


@dataclass(frozen=True)
class Mark:
    """One marked paragraph of a Word file."""

    name: str        # the bookmark's name
    kind: str
    ref: str
    field: str
    story: str       # 'body' or 'footnotes'
    generated: str   # the paragraph's text as written (number and tab included)
    fingerprint: str  # of the source text when the file was written
    ranges: tuple[Range, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.ref, self.field)


@dataclass(frozen=True)
class Review:
    """A reviewer's comment kept on a block ('review:'), to write back as a Word comment."""

    author: str
    date: str
    text: str
    anchor: str


@dataclass
class Provenance:
    """What a document model knows of its sources (filled by the assembler)."""

    store: str       # fingerprint of the whole content store
    period: str
    symbol: str
    language: str
    document: str    # 'report', 'report.fr'
    #: what the fields' names start with: '' in the original, 'translations.fr.' in an edition
    prefix: str = ""
    texts: dict[tuple[str, str, str], SourceText] = field(default_factory=dict)
    #: block id -> the comments kept on it
    reviews: dict[str, tuple[Review, ...]] = field(default_factory=dict)

    def add(self, text: SourceText) -> None:
        self.texts[text.key] = text


@dataclass
class Marks:
    """The custom XML part of a Word file: the document's provenance and its paragraphs."""

    version: int
    store: str
    period: str
    symbol: str
    language: str
    document: str
    texts: dict[tuple[str, str, str], SourceText]
    paragraphs: list[Mark]

    def by_name(self) -> dict[str, Mark]:
        return {mark.name: mark for mark in self.paragraphs}


def ranges_in(generated: str, variables: tuple[Variable, ...]) -> tuple[Range, ...]:
    """Where each variable's value stands in ``generated``, in order of the source (a
    value not found is left out).  Typography is not a difference: a value '5 per cent'
    is found as the '5\u00a0per\u00a0cent' the rules made of it (each mark or space they
    set is one character for one, so the offsets hold)."""
    found: list[Range] = []
    at = 0
    plain = as_typed(generated)
    for variable in variables:
        if not variable.value:
            continue
        start = plain.find(as_typed(variable.value), at)
        if start < 0:
            continue
        found.append(Range(start, start + len(variable.value), variable.name, variable.file))
        at = start + len(variable.value)
    return tuple(found)


# -- the custom XML part ---------------------------------------------------------------

def _q(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def to_xml(marks: Marks) -> bytes:
    root = etree.Element(_q("provenance"), nsmap={"rg": NAMESPACE})
    for name in ("store", "period", "symbol", "language", "document"):
        root.set(name, getattr(marks, name))
    root.set("version", str(marks.version))
    for text in marks.texts.values():
        element = etree.SubElement(root, _q("source"), kind=text.kind, ref=text.ref,
                                   field=text.field, file=text.file,
                                   fingerprint=text.fingerprint)
        element.text = _safe(text.source)
        for variable in text.variables:
            etree.SubElement(element, _q("variable"), name=variable.name, file=variable.file,
                             value=_safe(variable.value))
    for mark in marks.paragraphs:
        element = etree.SubElement(root, _q("p"), mark=mark.name, kind=mark.kind, ref=mark.ref,
                                   field=mark.field, story=mark.story,
                                   fingerprint=mark.fingerprint)
        etree.SubElement(element, _q("text")).text = _safe(mark.generated)
        for span in mark.ranges:
            etree.SubElement(element, _q("range"), start=str(span.start), end=str(span.end),
                             name=span.name, file=span.file)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class MarksError(ValueError):
    """The custom XML part cannot be read as reportgen's marks."""


def from_xml(data: bytes) -> Marks:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MarksError(f"the marks part is not well-formed XML ({exc.msg})") from None
    if root.tag != _q("provenance"):
        raise MarksError("the custom XML part is not reportgen's")
    try:
        version = int(root.get("version", "0"))
    except ValueError:
        raise MarksError("the marks part has no valid version") from None
    texts: dict[tuple[str, str, str], SourceText] = {}
    paragraphs: list[Mark] = []
    try:
        for element in root:
            if element.tag == _q("source"):
                variables = tuple(Variable(v.get("name", ""), v.get("file", ""),
                                           _unsafe(v.get("value", "")))
                                  for v in element if v.tag == _q("variable"))
                text = SourceText(element.get("kind"), element.get("ref"), element.get("field"),
                                  element.get("file"), _unsafe(element.text or ""), variables)
                texts[text.key] = text
            elif element.tag == _q("p"):
                generated = element.find(_q("text"))
                ranges = tuple(Range(int(r.get("start")), int(r.get("end")), r.get("name", ""),
                                     r.get("file", ""))
                               for r in element if r.tag == _q("range"))
                paragraphs.append(Mark(element.get("mark"), element.get("kind"),
                                       element.get("ref"), element.get("field"),
                                       element.get("story", "body"),
                                       _unsafe(generated.text or "") if generated is not None else "",
                                       element.get("fingerprint", ""), ranges))
    except (TypeError, ValueError):
        raise MarksError("the marks part is damaged (an entry lacks a field)") from None
    return Marks(version, root.get("store", ""), root.get("period", ""), root.get("symbol", ""),
                 root.get("language", ""), root.get("document", ""), texts, paragraphs)


#: characters XML 1.0 cannot hold (a tab, a line break and a carriage return it can)
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _safe(text: str) -> str:
    """Text as XML can hold it: a character XML refuses becomes an escape (never in
    content, which the loader refuses, but kept exact all the same)."""
    text = text.replace("\\", "\\\\")
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", text)


def _unsafe(text: str) -> str:
    return re.sub(r"\\(\\|x[0-9a-f]{2}|u[0-9a-f]{4})",
                  lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)
