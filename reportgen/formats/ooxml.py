"""The WordprocessingML that python-docx has no API for: footnotes, hyperlinks, bookmarks,
fields; and a package written the same way every time.

python-docx writes the document body; these functions add the few elements it cannot,
as small pieces of XML placed where the schema wants them.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

#: the date a zip entry carries when the document has no date (the earliest zip allows)
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes, when: datetime | None) -> bytes:
    """The same package with every entry dated ``when`` (or 1980-01-01) and stored in the
    same order with the same attributes, so equal documents give equal bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
             when.second) if when else _ZIP_EPOCH
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        # [Content_Types].xml first, as readers expect; the rest in a fixed order
        for name in sorted(names, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


# -- footnotes -----------------------------------------------------------------------

class FootnotesPart(XmlPart):
    """word/footnotes.xml: the separator lines Word expects, then one w:footnote a note."""

    @classmethod
    def new(cls, package) -> "FootnotesPart":
        xml = (f'<w:footnotes {nsdecls("w", "r")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/>'
               '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
               '<w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
               '</w:footnote></w:footnotes>')
        return cls(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(xml), package)

    @property
    def part(self) -> "FootnotesPart":
        """Paragraphs inside a note ask their container's ``part`` (for links)."""
        return self

    def add_footnote(self, ident: int):
        """A new, empty w:footnote; returns the element (paragraphs go inside it)."""
        note = parse_xml(f'<w:footnote {nsdecls("w")} w:id="{ident}"/>')
        self.element.append(note)
        return note


def add_footnotes_part(document) -> FootnotesPart:
    """Give ``document`` a footnotes part, and tell its settings where the separators are."""
    part = FootnotesPart.new(document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                       '<w:footnote w:id="0"/></w:footnotePr>')
        _insert_setting(settings, pr)
    return part


def footnote_reference(ident: int, mark: str | None = None, style_id: str = "FootnoteReference"):
    """The run calling footnote ``ident``: numbered by Word, or showing ``mark`` (such as
    '*') when the note is outside the numbered sequence."""
    custom = ' w:customMarkFollows="1"' if mark else ""
    text = f'<w:t xml:space="preserve">{_escape(mark)}</w:t>' if mark else ""
    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
                     f'<w:footnoteReference{custom} w:id="{ident}"/>{text}</w:r>')


def footnote_mark(mark: str | None = None, style_id: str = "FootnoteReference"):
    """The run that shows a note's own number (``w:footnoteRef``) or its custom mark."""
    inner = f'<w:t xml:space="preserve">{_escape(mark)}</w:t>' if mark else "<w:footnoteRef/>"
    return parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>'
                     f"{inner}</w:r>")


# -- custom XML and custom properties ---------------------------------------------------

def add_custom_xml(document, data: bytes, item_id: str) -> None:
    """A custom XML part (``customXml/item1.xml``, with its properties part naming
    ``item_id``) related to the document: data that travels with the file, never shown."""
    package = document.part.package
    item = Part(PackURI("/customXml/item1.xml"), "application/xml", data, package)
    props = Part(PackURI("/customXml/itemProps1.xml"), CT.OFC_CUSTOM_XML_PROPERTIES,
                 (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
                  f'<ds:datastoreItem ds:itemID="{{{item_id}}}" xmlns:ds='
                  '"http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
                  "<ds:schemaRefs/></ds:datastoreItem>").encode("utf-8"), package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def add_custom_properties(document, values: dict[str, str]) -> None:
    """``docProps/custom.xml``: text-valued custom document properties."""
    entries = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{_escape(name)}"><vt:lpwstr>{_escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(sorted(values.items()), start=2))
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
           f'docPropsVTypes">{entries}</Properties>')
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode("utf-8"),
                package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# -- links, bookmarks, fields ----------------------------------------------------------

def set_app_properties(document) -> None:
    """docProps/app.xml names reportgen, and leaves out the page, word and line counts it
    cannot know before Word or LibreOffice lays the document out (the default template
    says one page and no words, which a reader would take as fact)."""
    from .. import __version__

    xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           'extended-properties"><Application>reportgen</Application>'
           f"<AppVersion>{_app_version(__version__)}</AppVersion></Properties>").encode("utf-8")
    package = document.part.package
    for rid in [rid for rid, rel in package.rels.items() if rel.reltype == RT.EXTENDED_PROPERTIES]:
        del package.rels[rid]
    package.relate_to(Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, xml, package),
                      RT.EXTENDED_PROPERTIES)


def _app_version(version: str) -> str:
    """``0.1.0`` as the schema writes an application's version: ``00.0001``."""
    parts = [int(p) if p.isdigit() else 0 for p in version.split(".")[:2]] + [0, 0]
    return f"{parts[0]:02d}.{parts[1]:04d}"


def hyperlink(paragraph_element, rel_id: str | None = None, anchor: str | None = None):
    """An empty w:hyperlink appended to a paragraph: to ``rel_id`` (an external address
    related to the part) or to the bookmark ``anchor``; runs go inside it."""
    target = f'r:id="{rel_id}"' if rel_id else f'w:anchor="{_escape(anchor or "")}"'
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} {target} w:history="1"/>')
    paragraph_element.append(link)
    return link


def bookmark(paragraph_element, ident: int, name: str) -> None:
    """Mark the whole paragraph as the bookmark ``name`` (a cross-reference's target)."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{ident}" w:name="{_escape(name)}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{ident}"/>')
    ppr = paragraph_element.find(qn("w:pPr"))
    paragraph_element.insert(1 if ppr is not None else 0, start)
    paragraph_element.append(end)


def field(paragraph_element, instruction: str, shown: str = "1") -> None:
    """A simple field such as PAGE, showing ``shown`` until the reader updates it."""
    paragraph_element.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} "><w:r><w:t>{shown}</w:t></w:r>'
        "</w:fldSimple>"))


def even_and_odd_headers(document) -> None:
    """Different headers and footers on even and odd pages (the symbol on the outer side)."""
    settings = document.settings.element
    if settings.find(qn("w:evenAndOddHeaders")) is None:
        _insert_setting(settings, parse_xml(f'<w:evenAndOddHeaders {nsdecls("w")}/>'))


#: elements of w:settings, in schema order (the ones that come before what we add)
_SETTINGS_ORDER = ("writeProtection", "view", "zoom", "removePersonalInformation",
                   "removeDateAndTime", "doNotDisplayPageBoundaries", "displayBackgroundShape",
                   "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
                   "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData",
                   "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
                   "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors",
                   "hideGrammaticalErrors", "activeWritingStyle", "proofState",
                   "formsDesign", "attachedTemplate", "linkStyles", "stylePaneFormatFilter",
                   "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
                   "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
                   "documentProtection", "autoFormatOverride", "styleLockTheme",
                   "styleLockQFSet", "defaultTabStop", "autoHyphenation",
                   "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
                   "showEnvelope", "summaryLength", "clickAndTypeStyle",
                   "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting",
                   "bookFoldPrinting", "bookFoldPrintingSheets",
                   "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
                   "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
                   "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin",
                   "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
                   "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
                   "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture",
                   "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
                   "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml",
                   "saveXmlDataOnly", "useXSLTWhenSaving", "saveThroughXslt",
                   "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
                   "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
                   "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                   "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                   "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                   "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")


def _insert_setting(settings, element) -> None:
    """Put ``element`` among the settings where the schema's order wants it."""
    name = element.tag.split("}")[1]
    rank = _SETTINGS_ORDER.index(name)
    for index, child in enumerate(settings):
        child_name = child.tag.split("}")[1]
        if child_name in _SETTINGS_ORDER and _SETTINGS_ORDER.index(child_name) > rank:
            settings.insert(index, element)
            return
    settings.append(element)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def name_font(document, name: str, charset: str, alt: str | None = None) -> None:
    """An entry for the font ``name`` in the package's font table (made if the reference
    has none): its character set (hexadecimal, as Windows numbers them: 'B2' Arabic,
    '86' Simplified Chinese) and family let Word put a font of the same script in its
    place on a machine without it; ``alt`` is another name the same font goes by."""
    from lxml import etree

    rels = [(rid, rel) for rid, rel in document.part.rels.items() if rel.reltype == RT.FONT_TABLE]
    root = (etree.fromstring(rels[0][1].target_part.blob) if rels
            else parse_xml(f'<w:fonts {nsdecls("w")}/>'))
    if any(font.get(qn("w:name")) == name for font in root.findall(qn("w:font"))):
        return
    alt_name = f'<w:altName w:val="{_escape(alt)}"/>' if alt else ""
    root.append(parse_xml(
        f'<w:font {nsdecls("w")} w:name="{_escape(name)}">{alt_name}'
        f'<w:charset w:val="{charset}"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font>'))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for rid, _ in rels:
        del document.part.rels[rid]
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, blob, document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)
