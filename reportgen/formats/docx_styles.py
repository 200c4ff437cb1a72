"""The Word styles of reportgen's documents, and the reference document that holds them.

``templates/reference.docx`` is made from the table below by
``python -m reportgen.formats.docx_styles templates/reference.docx``; a test checks that
the committed file is what this module makes.  The DOCX writer takes its styles, page
size and margins from the reference document found first in the template folders (the
workspace's ``templates/`` before the built-in one), so an office can put its own Word
template there: it must define every style named in :data:`STYLES`.

Everything the writer formats is formatted through these styles; the body carries no
direct formatting.  Type follows the PDF: Times New Roman 10 pt (what UN machines have;
the PDF's Liberation Serif has its metrics, and the font table names it as the font to use
where Times New Roman is missing, as in LibreOffice on Linux), A4, 22 mm margins (25 mm at
the foot).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

#: twentieths of a point per millimetre
_TWIPS_PER_MM = 1440 / 25.4
FONT = "Times New Roman"
#: the font with Times New Roman's metrics that the PDF is set in
METRIC_TWIN = "Liberation Serif"
#: A4 and the PDF's margins, in millimetres: top, right, bottom, left
PAGE_MM = (210, 297)
MARGINS_MM = (22, 22, 25, 22)
#: the outline levels an unnumbered heading may take (deeper ones take the last)
ITALIC_LEVELS = 6
#: where a paragraph's text starts; its number hangs to the left of it (12 mm, as in the PDF)
TEXT_INDENT_MM = 12


@dataclass(frozen=True)
class Style:
    """One style: its name in Word, and what it sets (sizes in points, indents in mm)."""

    name: str
    kind: str = "paragraph"          # or "character"
    based_on: str | None = "Normal"
    size: float | None = None
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    align: str | None = None         # "left", "right", "center", "both"
    indent: float = 0                # left indent
    hanging: float = 0               # first line hangs this far to the left
    right_indent: float = 0
    before: float = 0                # space before, points
    after: float = 0                 # space after, points
    keep_next: bool = False
    keep_lines: bool = False
    outline: int | None = None       # outline level 0-8 (headings: navigation pane, TOC)
    right_tab: bool = False          # a right-aligned tab stop at the right margin
    border_below: bool = False
    #: a rule above the text (points of space between them), as the PDF's rules
    border_above: float | None = None
    #: lines at least this many times the type size apart, as the PDF's line-height
    line_height: float = 1.25
    purpose: str = ""


STYLES: tuple[Style, ...] = (
    Style("Normal", based_on=None, size=10, purpose="everything else is based on it"),
    # the report's body
    Style("Numbered Paragraph", align="both", indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM,
          after=6, purpose="a numbered paragraph: '12.', a tab, the text"),
    Style("Subparagraph", align="both", indent=TEXT_INDENT_MM + 8, hanging=8, after=6,
          purpose="an item of a list under a paragraph: its label, a tab, the text"),
    Style("Heading 1", size=14, bold=True, indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM,
          before=12, after=6, keep_next=True, keep_lines=True, outline=0,
          purpose="chapter: 'I.', a tab, the title"),
    Style("Heading 2", size=12, bold=True, indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM,
          before=10, after=6, keep_next=True, keep_lines=True, outline=1,
          purpose="section: 'A.', a tab, the title"),
    Style("Heading 3", size=10, bold=True, indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM,
          before=8, after=6, keep_next=True, keep_lines=True, outline=2,
          purpose="subsection: '1.', a tab, the title"),
    Style("Heading 4", size=10, bold=True, indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM,
          before=6, after=6, keep_next=True, keep_lines=True, outline=3,
          purpose="sub-subsection: '(a)', a tab, the title"),
    Style("Italic Heading", italic=True, indent=TEXT_INDENT_MM, before=6, after=6,
          keep_next=True, keep_lines=True,
          purpose="an unnumbered heading, such as 'General Assembly': the base of the "
                  "styles of each level below"),
    *(Style(f"Italic Heading {level}", based_on="Italic Heading", outline=level - 1,
            purpose=f"an unnumbered heading at level {level} of the outline (the navigation "
                    "pane nests it under the heading it stands under)")
      for level in range(1, ITALIC_LEVELS + 1)),
    Style("Quotation", italic=True, indent=TEXT_INDENT_MM + 8, right_indent=8, after=6,
          purpose="a quotation set apart"),
    Style("Quotation Source", indent=TEXT_INDENT_MM + 8, after=6,
          purpose="who said a quotation set apart"),
    # notes
    Style("footnote text", size=9, indent=TEXT_INDENT_MM, hanging=TEXT_INDENT_MM, after=2,
          purpose="a footnote: its mark, a tab, the text"),
    Style("footnote reference", kind="character", based_on="Default Paragraph Font",
          superscript=True, purpose="the mark of a footnote, in the text and in the note"),
    Style("Hyperlink", kind="character", based_on="Default Paragraph Font",
          purpose="a document symbol linked to undocs.org, a cross-reference"),
    Style("Emphasis", kind="character", based_on="Default Paragraph Font", italic=True,
          purpose="*emphasis* in the text"),
    Style("Strong", kind="character", based_on="Default Paragraph Font", bold=True,
          purpose="**strong emphasis** in the text"),
    # the masthead of page 1
    Style("Masthead Band", size=12, bold=True, right_tab=True, after=4, border_below=True,
          purpose="'United Nations', a tab, the symbol; the rule under the band"),
    Style("Masthead Symbol", kind="character", based_on="Default Paragraph Font", size=20,
          bold=True, purpose="the document symbol in the band"),
    Style("Masthead Organ", size=11, bold=True, right_indent=33,
          purpose="the organ (the left cell of the masthead's table)"),
    Style("Masthead Particulars",
          purpose="distribution, date of issue, original (the right cell of the masthead's table)"),
    Style("Masthead Session", before=4, border_above=8,
          purpose="session (in the Strong style), venue and dates, agenda item; the rule "
                  "under the organ and particulars above it"),
    Style("Agenda Title", bold=True, right_indent=67, before=6, purpose="the agenda item's title"),
    Style("Document Title", size=17, bold=True, before=14, after=5, line_height=1.2,
          keep_next=True, purpose="the document's title"),
    Style("Masthead Subtitle", size=12, bold=True, after=18, purpose="'Report of the Secretariat'"),
    Style("Document Subtitle", size=11, italic=True, after=12,
          purpose="the subtitle of a brief, press release or statement"),
    Style("Closing Rule", indent=63, right_indent=63, before=18, border_above=0,
          purpose="the short centred rule that closes the report (an empty paragraph)"),
    # briefs, press releases and statements
    Style("Issuer", bold=True, after=2,
          purpose="the office that issues it ('United Nations Office on Drugs and Crime')"),
    Style("Kind Label", size=9, bold=True, after=4, purpose="'Press release', 'Statement', 'Brief'"),
    Style("Speaker", bold=True, after=6, purpose="who speaks, and the occasion"),
    Style("Lead", align="both", after=8,
          purpose="a press release's lead (its dateline in the Strong character style)"),
    Style("Body Text", align="both", after=6, purpose="a paragraph of a short document"),
    Style("List Item", indent=8, hanging=8, after=4, purpose="a list item: its label, a tab, the text"),
    Style("Short Heading", size=11, bold=True, before=10, after=4, keep_next=True, outline=1,
          purpose="a heading of a short document ('Key figures', an area, 'For more information')"),
    Style("Key Figure", size=14, bold=True, keep_next=True, purpose="a brief's key figure"),
    Style("Figure Note", size=9, after=6, purpose="what a key figure counts, as of when, from where"),
    Style("Note", size=9, after=4, purpose="a note that is not a footnote"),
    Style("Contact Line", purpose="a line of the contact details, each its own paragraph"),
    Style("Chart Caption", size=9, bold=True, after=4, keep_next=True,
          purpose="the title of a brief's chart, above the picture"),
    Style("Chart", after=4, keep_next=True, purpose="the paragraph holding the chart's picture"),
    Style("Table Text", size=9, purpose="a cell of the chart's data table"),
    # running heads and feet
    Style("Header", size=9, bold=True, right_tab=True,
          purpose="the symbol at the head of pages 2 and later (odd pages: a tab, then it)"),
    Style("Footer", size=9, bold=True, right_tab=True,
          purpose="the page number (odd pages: a tab, then it)"),
    Style("Job Number", size=9, purpose="the job number at the foot of page 1"),
)

#: styles added after workspaces may have made their own reference document: the writer
#: takes them from the built-in one when a reference lacks them (the others are required)
ADDED_WHEN_MISSING = {"Issuer", "Contact Line", "Chart Caption", "Chart", "Table Text",
                      "Masthead Subtitle", "Closing Rule",
                      *(f"Italic Heading {level}" for level in range(1, ITALIC_LEVELS + 1))}

#: styles Word itself knows by these names (the others are marked as the document's own)
BUILT_IN = {"Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "footnote text",
            "footnote reference", "Hyperlink", "Emphasis", "Strong", "Header", "Footer",
            "Body Text", "Default Paragraph Font"}

#: the style of each heading level of the report (level 1 is a chapter)
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3", 4: "Heading 4"}


def style_names() -> set[str]:
    return {style.name for style in STYLES}


def make_reference() -> bytes:
    """The bytes of ``templates/reference.docx``: the styles above, A4, no content."""
    import io

    import docx

    from .ooxml import reproducible_zip

    document = docx.Document()
    _drop_extras(document)
    _font_table(document)
    styles_element = document.styles.element
    for old in styles_element.findall(_w("style")):
        styles_element.remove(old)
    _defaults(styles_element)
    _add_base_character_style(document)
    for style in STYLES:
        _add(document, style)
    section = document.sections[0]
    _page(section)
    props = document.core_properties
    props.title, props.author, props.last_modified_by = "reportgen reference document", "", ""
    props.comments, props.revision, props.keywords, props.subject = "", 1, "", ""
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue(), None)


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _drop_extras(document) -> None:
    """The default template's Word 2010 style copy, custom XML and thumbnail go."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    unwanted = {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
                RT.THUMBNAIL, RT.WEB_SETTINGS}
    for rels in (document.part.rels, document.part.package.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in unwanted]:
            del rels[rid]
    settings = document.settings.element
    for name in ("rsids", "proofState", "savePreviewPicture", "shapeDefaults", "attachedTemplate"):
        for child in settings.findall(_w(name)):
            settings.remove(child)
    for zoom in settings.findall(_w("zoom")):  # the schema requires a percentage
        zoom.attrib.clear()
        zoom.set(_w("percent"), "100")
    for setting in settings.iter(_w("compatSetting")):
        if setting.get(_w("name")) == "compatibilityMode":
            setting.set(_w("val"), "15")  # Word 2013 and later open it in their own mode


def _font_table(document) -> None:
    """Name our one font, with Liberation Serif as the font to use where Times New Roman
    is not installed (the same widths, so the same line breaks)."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    table = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f'<w:font w:name="{FONT}"><w:altName w:val="{METRIC_TWIN}"/>'
        '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        f'<w:font w:name="{METRIC_TWIN}"><w:altName w:val="{FONT}"/>'
        '<w:panose1 w:val="02020603050405020304"/>'
        '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>").encode("utf-8")
    for rid in [rid for rid, rel in document.part.rels.items() if rel.reltype == RT.FONT_TABLE]:
        del document.part.rels[rid]
    part = Part(PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, table, document.part.package)
    document.part.relate_to(part, RT.FONT_TABLE)


def _defaults(styles_element) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    old = styles_element.find(_w("docDefaults"))
    if old is not None:
        styles_element.remove(old)
    styles_element.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:sz w:val="20"/><w:szCs w:val="20"/>'
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr></w:pPrDefault></w:docDefaults>'))
    latent = styles_element.find(_w("latentStyles"))
    if latent is not None:
        styles_element.remove(latent)


def _add_base_character_style(document) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    base = document.styles.add_style("Default Paragraph Font", WD_STYLE_TYPE.CHARACTER)
    base.element.set(_w("default"), "1")
    base.element.styleId = "DefaultParagraphFont"
    base.element.attrib.pop(_w("customStyle"), None)
    base.hidden, base.unhide_when_used, base.priority = False, True, 1


def _add(document, spec: Style) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Mm, Pt

    style_type = {"paragraph": WD_STYLE_TYPE.PARAGRAPH, "character": WD_STYLE_TYPE.CHARACTER}[spec.kind]
    style = document.styles.add_style(spec.name, style_type)
    style.element.styleId = _style_id(spec.name)
    if spec.name in BUILT_IN:
        style.element.attrib.pop(_w("customStyle"), None)
    if spec.name == "Normal":
        style.element.set(_w("default"), "1")
    if spec.based_on:
        style.base_style = document.styles[spec.based_on]
    style.quick_style, style.priority = True, 1
    font = style.font
    if spec.size:
        font.size = Pt(spec.size)
    font.bold = spec.bold or None
    font.italic = spec.italic or None
    font.superscript = spec.superscript or None
    if spec.kind != "paragraph":
        return
    para = style.paragraph_format
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
              "center": WD_ALIGN_PARAGRAPH.CENTER, "both": WD_ALIGN_PARAGRAPH.JUSTIFY}
    if spec.align:
        para.alignment = aligns[spec.align]
    if spec.indent:
        para.left_indent = Mm(spec.indent)
    if spec.hanging:
        para.first_line_indent = -Mm(spec.hanging)
    if spec.right_indent:
        para.right_indent = Mm(spec.right_indent)
    if spec.before:
        para.space_before = Pt(spec.before)
    if spec.after:
        para.space_after = Pt(spec.after)
    para.line_spacing = Pt((spec.size or _size_of(spec.based_on)) * spec.line_height)
    para.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    para.keep_with_next = spec.keep_next or None
    para.keep_together = spec.keep_lines or None
    if spec.right_tab:
        width = PAGE_MM[0] - MARGINS_MM[1] - MARGINS_MM[3]
        para.tab_stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    ppr = style.element.get_or_add_pPr()
    if spec.outline is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{spec.outline}"/>'))
    if spec.border_below or spec.border_above is not None:
        # the band's rule 1.5 pt, the others 0.75 pt (w:sz in eighths of a point)
        above = (f'<w:top w:val="single" w:sz="6" w:space="{round(spec.border_above)}" '
                 'w:color="000000"/>' if spec.border_above is not None else "")
        below = ('<w:bottom w:val="single" w:sz="12" w:space="2" w:color="000000"/>'
                 if spec.border_below else "")
        ppr.insert(0, parse_xml(f'<w:pBdr {nsdecls("w")}>{above}{below}</w:pBdr>'))
        _reorder_ppr(ppr)


def _size_of(name: str | None) -> float:
    """The type size a style has from the style it is based on (10 pt at the root)."""
    spec = next((s for s in STYLES if s.name == name), None)
    if spec is None:
        return 10
    return spec.size or _size_of(spec.based_on)


def _reorder_ppr(ppr) -> None:
    """pPr children in the order the schema asks (Word refuses other orders)."""
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr",
             "pBdr", "shd", "tabs", "spacing", "ind", "jc", "outlineLvl", "rPr"]
    children = sorted(ppr, key=lambda c: order.index(c.tag.split("}")[1])
                      if c.tag.split("}")[1] in order else len(order))
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def _style_id(name: str) -> str:
    """Word's identifier for a style name: 'footnote text' -> 'FootnoteText'."""
    return "".join(word[:1].upper() + word[1:] for word in name.split())


def _page(section) -> None:
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, right, bottom, left = MARGINS_MM
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance, section.footer_distance = Mm(12), Mm(12)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "templates/reference.docx")
    target.write_bytes(make_reference())
    print(f"wrote {target}")
