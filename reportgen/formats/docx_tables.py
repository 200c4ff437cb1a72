"""A report's tables and figures in the Word file: real Word tables, and pictures.

"Table 1" and the table's title stand above it, kept with it; the header row is marked
to repeat at the top of each page the table runs onto; figures stand right-aligned as in
the other formats; the source and notes follow in small type.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from ..markup import Figure, Table
from .docx_runs import inline_runs
from .docx_styles import TEXT_INDENT_MM

_ALIGN = {"right": "right", "center": "center", "left": "left"}


def write_table(word, table: Table) -> None:
    """``table`` after the paragraphs written so far, with its label, title and notes."""
    fixed = _fixed_marks(word, f"table-{table.number}")
    _caption(word, fixed, table.label, table.title)
    columns = max([len(table.header), *(len(row) for row in table.rows)])
    grid = _element("w:tbl", _table_properties(), _element(
        "w:tblGrid", *(_element("w:gridCol") for _ in range(columns))))
    rows = [table.header, *table.rows]
    for number, cells in enumerate(rows):
        row = _element("w:tr")
        if number == 0:
            row.append(_element("w:trPr", _element("w:tblHeader")))  # repeats on each page
        for column in range(columns):
            paragraph = _element("w:p")
            align = table.align[column] if column < len(table.align) else ""
            if align in _ALIGN:
                paragraph.append(_element("w:pPr", _element("w:jc", val=_ALIGN[align])))
            if column < len(cells):
                for run in inline_runs(cells[column], word.runs_context(word.document.part)):
                    paragraph.append(run)
            if number == 0:
                for run in paragraph.iter(qn("w:r")):
                    run.get_or_add_rPr().i_val = True
            sides = ("top", "bottom") if number == 0 else ("bottom",) if number == len(rows) - 1 else ()
            row.append(_element("w:tc", _cell_properties(sides), paragraph))
        grid.append(row)
    word.append_to_body(grid)
    for paragraph in grid.iter(qn("w:p")):
        word.mark(paragraph, next(fixed), "body")
    for note in table.notes:
        _indented(word.paragraph("Note", "", note, origin=next(fixed)))


def _caption(word, fixed, label: str, title) -> None:
    """'Table 1' or 'Figure I', and the title in bold under it, kept with what follows."""
    _indented(word.paragraph("Normal", label, origin=next(fixed)), keep_next=True)
    if title is not None:
        heading = word.paragraph("Normal", "", title, origin=next(fixed))
        _indented(heading, keep_next=True)
        for run in heading.iter(qn("w:r")):
            run.get_or_add_rPr().b_val = True


#: the widest a figure's picture is printed (the text's width)
FIGURE_WIDTH_MM = 150


def write_figure(word, figure: Figure) -> None:
    """'Figure I', its title and its picture (PNG or JPEG), with its alternative text; a
    chart or an SVG picture is given by its alternative text, as a brief's chart is."""
    import io

    fixed = _fixed_marks(word, f"figure-{figure.number}")
    _caption(word, fixed, figure.label, figure.title)
    if figure.media_type in ("image/png", "image/jpeg"):
        inline = word.document.part.new_pic_inline(io.BytesIO(figure.data))
        if inline.extent.cx > Mm(FIGURE_WIDTH_MM):
            ratio = Mm(FIGURE_WIDTH_MM) / inline.extent.cx
            inline.extent.cx = int(inline.extent.cx * ratio)
            inline.extent.cy = int(inline.extent.cy * ratio)
            for extent in inline.iter(qn("a:ext")):
                extent.set("cx", str(inline.extent.cx))
                extent.set("cy", str(inline.extent.cy))
        inline.docPr.set("descr", figure.alt)
        picture = word.paragraph("Normal", origin=next(fixed))
        _indented(picture)
        picture.append(_element("w:r", _element("w:drawing", inline)))
    else:
        _indented(word.paragraph("Note", f"[{figure.alt}]", origin=next(fixed)))
    for note in figure.notes:
        _indented(word.paragraph("Note", "", note, origin=next(fixed)))


def _fixed_marks(word, name: str):
    """Marks for the paragraphs of a table or figure: text reportgen prints from the
    block's table or the data, which 'reportgen merge' does not take back as a new
    block (an edit in it is named, not taken)."""
    number = 0
    while True:
        number += 1
        yield ("fixed", f"{name}-{number}", "")


def _indented(element, keep_next: bool = False) -> None:
    properties = element.get_or_add_pPr()
    indent = properties.get_or_add_ind()
    indent.left = Mm(TEXT_INDENT_MM)
    if keep_next:
        properties.keepNext_val = True


def _element(tag: str, *children, **attributes):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    for child in children:
        element.append(child)
    return element


def _table_properties():
    """Indented as the text is, as wide as its contents."""
    return _element("w:tblPr", _element("w:tblW", w="0", type="auto"),
                    _element("w:tblInd", w=str(round(TEXT_INDENT_MM * 1440 / 25.4)), type="dxa"),
                    _element("w:tblCellMar",
                             _element("w:left", w="85", type="dxa"),
                             _element("w:right", w="85", type="dxa")))


def _cell_properties(sides: tuple[str, ...]):
    properties = _element("w:tcPr", _element("w:tcW", w="0", type="auto"))
    if sides:
        properties.append(_element("w:tcBorders", *(
            _element(f"w:{side}", val="single", sz="4", space="0", color="auto")
            for side in sides)))
    return properties
