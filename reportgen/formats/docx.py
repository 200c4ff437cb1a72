"""Word (.docx): the file conference services take, made from the same document model.

python-docx (maintained, and the usual way to write Word files from Python) writes the
body into a copy of the reference document; the few things it has no API for (footnotes,
hyperlinks, bookmarks, the page field) are added as WordprocessingML by
:mod:`.ooxml`.  Every paragraph carries one of the reference document's named styles
(:mod:`.docx_styles`); numbers are typed into the text, as in the other formats: a
paragraph is its number, a tab and its text, against a hanging indent.
"""

from __future__ import annotations

import copy
import hashlib
import io
import os
import uuid
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run as DocxRun

from ..bidi import latin_runs
from ..errors import ContentError, Problem
from ..languages import ENGLISH, Language, language
from ..markup import Inline
from ..model.document import Section
from ..provenance import (
    MARK_PREFIX,
    NAMESPACE,
    STORE_PROPERTY,
    VERSION,
    Mark,
    Marks,
    Provenance,
    Review,
    SourceText,
    ranges_in,
    to_xml,
)
from ..typography import keep_together_text
from ..wordread import paragraph_text
from . import Format, RenderContext, Rendered
from .docx_reference import ReferenceRefused, dropped_parts, read_reference
from .docx_runs import RunContext, bookmark_name, inline_runs, text_run
from .docx_styles import (
    ADDED_WHEN_MISSING,
    HEADING_STYLES,
    ITALIC_LEVELS,
    MARGINS_MM,
    PAGE_MM,
    STYLES,
)
from .ooxml import (
    add_custom_properties,
    add_custom_xml,
    add_footnotes_part,
    bookmark,
    even_and_odd_headers,
    field,
    footnote_mark,
    footnote_reference,
    name_font,
    reproducible_zip,
    set_app_properties,
)

REFERENCE = "reference.docx"
#: the font table's particulars of the font an edition's script is set in, by Word's
#: slot for the script: the Windows character set (Word puts a font of that script in
#: its place where the font is missing), and another name the font goes by
_SCRIPT_FONTS = {"bidi": ("B2", None), "eastAsia": ("86", "Source Han Serif SC")}
#: the colour of the rule beside each key figure (common.css: .brief .figure)
_RULE_COLOUR = "1F4E79"
#: the width of the text between the reference document's margins, in millimetres
_TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM[1] - MARGINS_MM[3]
#: the masthead's columns: the organ, then the particulars in the PDF's 9 em column at
#: the right margin
_MASTHEAD_COLUMNS_MM = (_TEXT_WIDTH_MM - 31.75, 31.75)
#: key figures side by side in a row of their grid (the PDF fits three across)
_FIGURES_ACROSS = 3


def render(doc, ctx: RenderContext) -> Rendered:
    reference = find_reference(ctx.templates)
    data = write_docx(doc, reference, os.environ.get("SOURCE_DATE_EPOCH"))
    dropped = dropped_parts(reference)
    return Rendered(hashlib.sha256(data).hexdigest(), data,
                    warnings=((_shown(reference), dropped),) if dropped else ())


FORMAT = Format("docx", "docx", render)


def find_reference(template_dirs) -> Path:
    """templates/reference.docx: the workspace's own if it has one, else the built-in."""
    for folder in reversed(list(template_dirs)):
        if os.path.lexists(folder / REFERENCE):  # a link, pipe or folder there is refused
            return folder / REFERENCE
    raise ContentError([Problem(f"templates/{REFERENCE}", None, "reference document not found")])


def write_docx(doc, reference: Path, source_date_epoch: str | None = None) -> bytes:
    """The .docx bytes of a report (:class:`Document`) or of a brief, press release or
    statement; the same model and reference always give the same bytes."""
    word = WordDocument(reference)
    word.language = doc.lang
    word.provenance = doc.provenance
    NodeWriter(word).visit(doc.layout.nodes())
    word.set_language(doc.lang)
    created, modified = _dates(getattr(doc, "issued_iso", None), source_date_epoch)
    word.set_properties(title=doc.title, subject=doc.subject, author=doc.author,
                        language=doc.language, category=doc.kind, created=created,
                        modified=modified)
    word.write_marks()
    set_app_properties(word.document)
    return word.save(modified)


class WordDocument:
    """A document being written: python-docx's Document, its footnotes and bookmarks."""

    def __init__(self, reference: Path):
        try:  # only what a reference is for, see docx_reference
            self.document = docx.Document(io.BytesIO(read_reference(reference).data))
        except ReferenceRefused as exc:
            raise ContentError([Problem(_shown(reference), None, exc.reason)]) from None
        except (OSError, ValueError, KeyError, SyntaxError, zipfile.BadZipFile,
                PackageNotFoundError):  # what python-docx raises for a file it cannot read
            raise ContentError([Problem(
                _shown(reference), None, "not a Word document that can serve as the reference "
                "(save it from Word or LibreOffice as .docx, or remove it to use the built-in "
                "one)")]) from None
        self.style_ids = _style_ids(self.document, reference)
        #: the document's language (set_language)
        self.language: Language = ENGLISH
        # a paragraph in the default style names none, as Word writes it
        self.default_style = self.document.styles.default(_PARAGRAPH).style_id
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)  # a template's sample text is not ours
        self._notes = None
        self._next_note = 1
        self._next_bookmark = 1
        #: the store texts the paragraphs come from (reportgen.provenance); None: no marks
        self.provenance: Provenance | None = None
        self._marks: list[Mark] = []
        self._reviewed: dict[str, list] = {}  # block id -> its paragraphs, for comments

    # -- paragraphs --------------------------------------------------------------------

    def paragraph(self, style: str, text: str = "", inline: Inline | None = None,
                  anchor: str | None = None, origin: tuple[str, str, str] | None = None,
                  original: tuple[str, str] | None = None, title: str | None = None,
                  into=None):
        """A new paragraph in ``style``: ``text`` (plain), then ``inline``'s runs;
        ``origin`` is the (kind, ref, field) of the store text it is made from;
        ``original`` is (mark, language) for text printed untranslated: the edition's
        mark, then the runs tagged with the original's language; ``title`` is plain text
        after the mark (a heading's); ``into`` a table cell (w:tc) to put it in, else the
        body's end."""
        element = docx.oxml.OxmlElement("w:p")
        style_id = self.style_ids[style]
        element.get_or_add_pPr().style = None if style_id == self.default_style else style_id
        if into is not None:
            into.append(element)
        else:
            self.append_to_body(element)
        if title and not original:
            text, title = text + title, None  # one run, as a heading has always been
        if text:
            element.append(text_run(text))
        if original:
            element.append(text_run(f"{original[0]} "))
        if title:
            element.append(in_language(text_run(title), original[1]))
        if inline is not None:
            for run in inline_runs(inline, self.runs_context(self.document.part)):
                element.append(in_language(run, original[1]) if original else run)
        if self.language.direction == "rtl":
            isolate_latin_runs(element)
        if anchor:
            bookmark(element, self._bookmark_id(), bookmark_name(anchor))
        self.mark(element, origin, "body")
        return element

    def mark(self, element, origin: tuple[str, str, str] | None, story: str) -> None:
        """The hidden bookmark and the entry of the marks part telling where the paragraph
        ``element`` came from (nothing when the document has no provenance)."""
        if self.provenance is None or origin is None:
            return
        source_type, ref, name = origin
        source = self.provenance.texts.get((source_type, ref, self.provenance.prefix + name))
        if source is None and source_type != "fixed":
            return
        if source is None:  # a line reportgen makes itself (the masthead's particulars)
            source = SourceText(source_type, ref, name, "", "")
        generated = paragraph_text(element)
        mark = f"{MARK_PREFIX}{len(self._marks) + 1}"
        bookmark(element, self._bookmark_id(), mark)
        if story == "footnotes":  # after the note's number and tab, which readers skip
            start = element.find(qn("w:bookmarkStart"))
            runs = element.findall(qn("w:r"))
            if len(runs) >= 2:
                runs[1].addnext(start)
        self._marks.append(Mark(mark, source_type, ref, source.field, story, generated,
                                source.fingerprint, ranges_in(generated, source.variables)))
        if source_type == "block" and story == "body" and ref in self.provenance.reviews:
            self._reviewed.setdefault(ref, []).append(element)

    def write_marks(self) -> None:
        """The marks part and the store's fingerprint, in the package."""
        if self.provenance is None:
            return
        found = self.provenance
        marks = Marks(VERSION, found.store, found.period, found.symbol, found.language,
                      found.document, found.texts, self._marks)
        for block_id, paragraphs in self._reviewed.items():
            for review in found.reviews[block_id]:
                self._comment(paragraphs, review)
        item = uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}/{found.store}/{found.document}")
        add_custom_xml(self.document, to_xml(marks), str(item).upper())
        add_custom_properties(self.document, {STORE_PROPERTY: found.store,
                                              "reportgen-period": found.period})

    def runs_context(self, part) -> RunContext:
        return RunContext(part, self.style_ids, self._call)

    def _bookmark_id(self) -> int:
        self._next_bookmark += 1
        return self._next_bookmark - 1

    def _comment(self, paragraphs: list, review: Review) -> None:
        """A reviewer's comment kept on a block, as a Word comment on the words it was
        anchored to (or on the block's first paragraph when those words are gone)."""
        target, runs = paragraphs[0], None
        for element in paragraphs:
            runs = _runs_of(element, review.anchor)
            if runs:
                target = element
                break
        paragraph = DocxParagraph(target, self.document)
        if not runs:
            runs = [r for r in target.iter(qn("w:r")) if r.getparent() is target][1:] or \
                [r for r in target.iter(qn("w:r"))]
        comment = self.document.add_comment([DocxRun(r, paragraph) for r in (runs[0], runs[-1])],
                                            text=review.text, author=review.author,
                                            initials=_initials(review.author))
        part = self.document.part.part_related_by(RT.COMMENTS)
        for element in part.element.iter(qn("w:comment")):
            if element.get(qn("w:id")) == str(comment.comment_id):
                if review.date:
                    element.set(qn("w:date"), review.date)
                else:  # never the clock: the same store gives the same file
                    element.attrib.pop(qn("w:date"), None)

    # -- footnotes ---------------------------------------------------------------------

    def _call(self, token):
        """The run for a footnote call: the first call of a note makes the w:footnote;
        a later call repeats the number as a plain superscript (Word would count a
        second reference as a new note)."""
        number = token.meta.get("number")
        note = token.meta.get("note")
        if not token.meta.get("first") or note is None:
            return text_run(str(number or ""), self.style_ids["footnote reference"])

        def content(part):
            runs = inline_runs(note.content, self.runs_context(part))
            if not note.language:
                return runs
            return [text_run(f"{note.mark} "), *(in_language(run, note.language) for run in runs)]

        return self.footnote(content, origin=("block", note.block_id, f"footnotes.{note.label}"))

    def footnote(self, content, mark: str | None = None,
                 origin: tuple[str, str, str] | None = None):
        """A footnote holding ``content(part)``'s runs; returns the run that calls it.
        With ``mark`` (such as '*') the note stands outside the numbered sequence."""
        if self._notes is None:
            self._notes = add_footnotes_part(self.document)
        ident = self._next_note
        self._next_note += 1
        note = self._notes.add_footnote(ident)
        paragraph = docx.oxml.OxmlElement("w:p")
        paragraph.get_or_add_pPr().style = self.style_ids["footnote text"]
        paragraph.append(footnote_mark(mark, self.style_ids["footnote reference"]))
        paragraph.append(text_run("\t"))
        for run in content(self._notes):
            paragraph.append(run)
        if self.language.direction == "rtl":
            isolate_latin_runs(paragraph)
        note.append(paragraph)
        self.mark(paragraph, origin, "footnotes")
        return footnote_reference(ident, mark, self.style_ids["footnote reference"])

    # -- pages and properties ------------------------------------------------------------

    def running_heads(self, symbol: str | None, first_page_foot: str | None) -> None:
        """From page 2, ``symbol`` at the head and the page number at the foot, on the
        outer side (right on odd pages, left on even ones); page 1 has its own foot."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        even_and_odd_headers(self.document)
        header, footer = self.style_ids["Header"], self.style_ids["Footer"]
        for story, style, odd in ((section.header, header, True), (section.even_page_header, header, False),
                                  (section.footer, footer, True), (section.even_page_footer, footer, False)):
            paragraph = _only_paragraph(story, style)
            if odd:
                paragraph.append(text_run("\t"))
            if style == header:
                paragraph.append(text_run(symbol or ""))
            else:
                field(paragraph, "PAGE", "2")
        _only_paragraph(section.first_page_header, header)
        foot = _only_paragraph(section.first_page_footer, self.style_ids["Job Number"])
        if first_page_foot:
            foot.append(text_run(first_page_foot))

    def page_numbers(self) -> None:
        """Short documents: the page number at the foot of every page, page 1 included,
        on the outer side (right on odd pages, left on even ones) as in the PDF."""
        section = self.document.sections[0]
        even_and_odd_headers(self.document)
        footer = self.style_ids["Footer"]
        odd = _only_paragraph(section.footer, footer)
        odd.append(text_run("\t"))
        field(odd, "PAGE", "1")
        field(_only_paragraph(section.even_page_footer, footer), "PAGE", "2")

    def table(self, widths_mm: list[float], right_to_left: bool = False):
        """An empty table at the body's end, its columns ``widths_mm`` wide, without
        borders or a style of its own (rows: :meth:`table_row`); its columns run right
        to left in a right-to-left document."""
        table = docx.oxml.OxmlElement("w:tbl")
        properties = _child(table, "w:tblPr")
        if right_to_left:
            properties.append(docx.oxml.OxmlElement("w:bidiVisual"))
        width = _child(properties, "w:tblW")
        width.set(qn("w:w"), str(_twips(sum(widths_mm))))
        width.set(qn("w:type"), "dxa")
        _child(properties, "w:tblLayout").set(qn("w:type"), "fixed")
        margins = _child(properties, "w:tblCellMar")  # text at the cells' edges, as in the PDF
        for side in ("left", "right"):
            margin = _child(margins, f"w:{side}")
            margin.set(qn("w:w"), "0")
            margin.set(qn("w:type"), "dxa")
        grid = _child(table, "w:tblGrid")
        for column in widths_mm:
            column_element = docx.oxml.OxmlElement("w:gridCol")
            column_element.set(qn("w:w"), str(_twips(column)))
            grid.append(column_element)
        self.append_to_body(table)
        return table

    def append_to_body(self, element) -> None:
        """``element`` (a paragraph or a table) after what the body holds so far, before
        its section properties."""
        body = self.document.element.body
        if body.sectPr is not None:
            body.sectPr.addprevious(element)
        else:
            body.append(element)

    def table_row(self, table, widths_mm: list[float], rule: str | None = None) -> list:
        """A row of ``table``, its cells (w:tc) returned to put paragraphs in; with
        ``rule`` ('left' or 'right') each cell has a rule on that side, as the PDF's key
        figures do."""
        row = docx.oxml.OxmlElement("w:tr")
        cells = []
        for column in widths_mm:
            cell = docx.oxml.OxmlElement("w:tc")
            properties = _child(cell, "w:tcPr")
            width = _child(properties, "w:tcW")
            width.set(qn("w:w"), str(_twips(column)))
            width.set(qn("w:type"), "dxa")
            if rule:
                border = _child(_child(properties, "w:tcBorders"), f"w:{rule}")
                for name, value in (("val", "single"), ("sz", "18"), ("space", "0"),
                                    ("color", _RULE_COLOUR)):
                    border.set(qn(f"w:{name}"), value)
            row.append(cell)
            cells.append(cell)
        table.append(row)
        return cells

    def picture(self, style: str, data: bytes, alt: str, width_mm: float,
                origin: tuple[str, str, str] | None = None):
        """A paragraph in ``style`` holding the PNG picture ``data``, ``width_mm`` wide,
        whose alternative text (what a screen reader says, Word's Alt Text) is ``alt``."""
        from docx.shared import Mm

        inline = self.document.part.new_pic_inline(io.BytesIO(data), width=Mm(width_mm))
        properties = inline.find(qn("wp:docPr"))
        properties.set("descr", alt)
        paragraph = self.paragraph(style, origin=origin)
        run = docx.oxml.OxmlElement("w:r")
        drawing = docx.oxml.OxmlElement("w:drawing")
        drawing.append(inline)
        run.append(drawing)
        paragraph.append(run)
        return paragraph

    def set_properties(self, *, title, subject, author, language, category, created, modified):
        props = self.document.core_properties
        title, subject, author, category = (_property(v) for v in (title, subject, author, category))
        props.title, props.subject, props.author = title, subject, author
        props.last_modified_by, props.language, props.category = author, language, category
        props.keywords, props.comments, props.revision = "", "", 1
        for name, moment in (("created", created), ("modified", modified)):
            if moment is not None:
                setattr(props, name, moment)
            else:
                _drop_date(self.document, name)

    def set_language(self, lang: Language) -> None:
        """Tag the text with the document's language (Word's proofing and hyphenation,
        screen readers), set its script's typeface, and make a right-to-left language's
        paragraphs right to left, its bold and italic styles applying to its script."""
        self.language = lang
        styles = self.document.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = docx.oxml.OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        run_defaults = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
        _child(run_defaults, "w:lang").set(qn(f"w:{lang.word_slot}"), lang.word_tag)
        if lang.word_slot in ("bidi", "eastAsia"):  # the script's own font slot
            _child(run_defaults, "w:rFonts", first=True).set(
                qn("w:cs" if lang.word_slot == "bidi" else "w:eastAsia"), lang.font)
            charset, alt = _SCRIPT_FONTS[lang.word_slot]
            name_font(self.document, lang.font, charset, alt)
        # the languages Word reads the theme's fonts for: the edition's in its script's
        # slot, English for Latin text in the others (not the template's Japanese)
        theme = self.document.settings.element.find(qn("w:themeFontLang"))
        if theme is not None:
            theme.attrib.clear()
            theme.set(qn("w:val"), lang.word_tag if lang.word_slot == "val"
                      else ENGLISH.word_tag)
            if lang.word_slot != "val":
                theme.set(qn(f"w:{lang.word_slot}"), lang.word_tag)
        if not lang.italic:
            _no_italic(styles, lang)
        if lang.direction != "rtl":
            return
        paragraph_defaults = _child(_child(defaults, "w:pPrDefault"), "w:pPr")
        if paragraph_defaults.find(qn("w:bidi")) is None:
            later = [c for c in paragraph_defaults if c.tag in _AFTER_BIDI]
            bidi = docx.oxml.OxmlElement("w:bidi")
            if later:
                later[0].addprevious(bidi)
            else:
                paragraph_defaults.append(bidi)
        for props in styles.iter(qn("w:rPr")):  # Word bolds Arabic with bCs, not b
            for latin, script in (("w:b", "w:bCs"), ("w:i", "w:iCs"), ("w:sz", "w:szCs")):
                found = props.find(qn(latin))
                if found is not None and props.find(qn(script)) is None:
                    twin = docx.oxml.OxmlElement(script)
                    if found.get(qn("w:val")) is not None:
                        twin.set(qn("w:val"), found.get(qn("w:val")))
                    found.addnext(twin)

    def save(self, when: datetime | None) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return reproducible_zip(buffer.getvalue(), when)


def _no_italic(styles, lang: Language) -> None:
    """Styles set in italic (Italic Heading, Quotation, emphasis) in bold for a script
    with no italic type: Arabic's complex-script run bold and upright (Latin words keep
    their italic); Chinese bold and upright throughout (Word slants Chinese with the Latin
    italic switch).  Elements go where WordprocessingML orders them: b, bCs, i, iCs."""
    for props in styles.iter(qn("w:rPr")):
        italic = props.find(qn("w:i"))
        if italic is None or italic.get(qn("w:val")) in ("0", "false"):
            continue
        for old in props.findall(qn("w:iCs")):
            props.remove(old)
        bold = props.find(qn("w:b"))
        if bold is None and lang.direction != "rtl":
            bold = docx.oxml.OxmlElement("w:b")
            italic.addprevious(bold)
        if props.find(qn("w:bCs")) is None:
            italic.addprevious(docx.oxml.OxmlElement("w:bCs"))
        if lang.direction == "rtl":
            upright = docx.oxml.OxmlElement("w:iCs")
            upright.set(qn("w:val"), "0")
            italic.addnext(upright)
        else:
            props.remove(italic)


def _runs_of(paragraph, anchor: str) -> list:
    """The first and last of the paragraph's own runs holding ``anchor``, or []."""
    if not anchor:
        return []
    runs = [r for r in paragraph if r.tag == qn("w:r")]
    spans, at = [], 0
    for run in runs:
        text = paragraph_text(run)
        spans.append((at, at + len(text), run))
        at += len(text)
    whole = "".join(paragraph_text(r) for r in runs)
    start = whole.find(anchor)
    if start < 0:
        return []
    end = start + len(anchor)
    hit = [run for a, b, run in spans if a < end and b > start]
    return [hit[0], hit[-1]] if hit else []


def _initials(author: str) -> str:
    return "".join(word[0] for word in author.split() if word[:1].isalpha()).upper()[:4]


_PARAGRAPH = docx.enum.style.WD_STYLE_TYPE.PARAGRAPH
#: what follows w:bidi in a paragraph's properties (their order is fixed by the schema)
_AFTER_BIDI = {qn(f"w:{name}") for name in (
    "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
    "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


#: the longest text a core property of a Word file may hold
_PROPERTY_CHARS = 255


def _property(text: str | None) -> str:
    """``text`` as a core property holds it: a title or subject longer than Word allows
    (a long title, or one marked untranslated) is cut at a word, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= _PROPERTY_CHARS:
        return text
    cut = text[:_PROPERTY_CHARS - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def _twips(mm: float) -> int:
    """Twentieths of a point in ``mm`` millimetres (Word's table measure)."""
    return round(mm * 1440 / 25.4)


def _child(parent, tag: str, first: bool = False):
    """``parent``'s child ``tag``, made (at the end, or first) if it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = docx.oxml.OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _style_ids(document, reference: Path) -> dict[str, str]:
    """Style name -> style id in the reference document; every style the writer uses must
    be there."""
    ids = {style.name.lower(): style.style_id for style in document.styles}
    added = [s.name for s in STYLES if s.name.lower() not in ids and s.name in ADDED_WHEN_MISSING]
    if added:
        _add_builtin_styles(document, added)
        ids = {style.name.lower(): style.style_id for style in document.styles}
    missing = [s.name for s in STYLES if s.name.lower() not in ids]
    if missing:
        raise ContentError([Problem(_shown(reference), None,
                                    f"the reference document lacks the style"
                                    f"{'s' * (len(missing) > 1)} {', '.join(missing)}")])
    return {s.name: ids[s.name.lower()] for s in STYLES}


def _add_builtin_styles(document, names: list[str]) -> None:
    """Copy the styles ``names`` from the built-in reference document into ``document``
    (a workspace's reference made before reportgen wrote them)."""
    import copy

    from ..assets import builtin_templates

    builtin = docx.Document(str(builtin_templates() / REFERENCE))
    for style in builtin.styles:
        if style.name in names:
            document.styles.element.append(copy.deepcopy(style.element))


def _shown(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[-2:]) if len(parts) > 1 and parts[-2] == "templates" else str(path)


def _only_paragraph(story, style_id: str):
    """The story (header or footer) emptied to one paragraph in ``style_id``."""
    story.is_linked_to_previous = False
    element = story.part.element
    for child in list(element):
        element.remove(child)
    paragraph = docx.oxml.OxmlElement("w:p")
    paragraph.get_or_add_pPr().style = style_id
    element.append(paragraph)
    return paragraph


def _drop_date(document, name: str) -> None:
    element = document.part.package.part_related_by(RT.CORE_PROPERTIES).element
    for child in element.findall(qn(f"dcterms:{name}")):
        element.remove(child)


def _dates(issued_iso: str | None, epoch: str | None) -> tuple[datetime | None, datetime | None]:
    """created = the date of issue; modified = SOURCE_DATE_EPOCH when set (as in the PDF),
    else the date of issue.  Never the clock."""
    created = None
    if issued_iso:
        created = datetime.combine(date.fromisoformat(issued_iso), datetime.min.time(),
                                   tzinfo=timezone.utc)
    modified = created
    if epoch:
        try:
            modified = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass  # the PDF stage warns about a malformed SOURCE_DATE_EPOCH
    return created or modified, modified


# -- the nodes of every kind ---------------------------------------------------------

class NodeWriter:
    """Writes a document's nodes (reportgen.model.nodes) into ``word``: one method per
    node type, ``visit_<type>``; which parts a kind prints, and in which order, is its
    layout's (reportgen.kinds), never decided here."""

    def __init__(self, word: WordDocument):
        self.word = word

    def visit(self, nodes) -> None:
        for node in nodes:
            getattr(self, f"visit_{node.node}")(node)

    @staticmethod
    def fixed(name: str) -> tuple[str, str, str]:  # a line made by reportgen, not a field
        return ("fixed", name, "")

    @property
    def rtl(self) -> bool:
        return self.word.language.direction == "rtl"

    def visit_issuer(self, node) -> None:
        self.word.paragraph("Issuer", node.text, origin=self.fixed("issuer"))

    def visit_kind_label(self, node) -> None:
        self.word.paragraph("Kind Label", node.text, origin=self.fixed("kind"))

    def visit_title(self, node) -> None:
        self.word.paragraph("Document Title", node.text, origin=node.origin)

    def visit_subtitle(self, node) -> None:
        self.word.paragraph("Document Subtitle", node.text, origin=node.origin)

    def visit_speaker(self, node) -> None:
        self.word.paragraph("Speaker", node.name + (f"\n{node.title}" if node.title else ""),
                            origin=self.fixed("speaker"))

    def visit_occasion(self, node) -> None:
        self.word.paragraph("Speaker", node.text, origin=self.fixed("occasion"))

    def visit_text(self, node) -> None:
        word = self.word
        style = "Lead" if node.set_apart else "Body Text"
        if node.dateline:
            first = word.paragraph(style, "", node.inline, original=_original_of(node))
            first.insert(1, text_run(f"{node.dateline} \u2013 ", word.style_ids["Strong"]))
            word.mark(first, node.origin, "body")  # its words are the text's and the dateline's
        else:
            word.paragraph(style, "", node.inline, origin=node.origin, original=_original_of(node))
        _lists(word, node.lists, origin=node.origin, language=node.language)

    def visit_key_figures(self, node) -> None:
        """The key figures as the PDF shows them: a grid, each figure in a cell with a
        rule beside it, its value above what it counts and as of when."""
        word = self.word
        word.paragraph("Short Heading", node.heading, origin=self.fixed("figures"))
        across = min(_FIGURES_ACROSS, len(node.figures))
        widths = [_TEXT_WIDTH_MM / across] * across
        table = word.table(widths, right_to_left=self.rtl)
        for start in range(0, len(node.figures), across):
            cells = word.table_row(table, widths, rule="right" if self.rtl else "left")
            for offset, cell in enumerate(cells):
                number = start + offset
                if number >= len(node.figures):
                    word.paragraph("Figure Note", into=cell)  # a cell holds a paragraph
                    continue
                figure = node.figures[number]
                word.paragraph("Key Figure", figure.value, into=cell,
                               origin=self.fixed(f"figure-{number + 1}"))
                word.paragraph("Figure Note", f"{figure.label} ({figure.as_of})",
                               into=cell, origin=self.fixed(f"figure-note-{number + 1}"))

    def visit_chart(self, node) -> None:
        """The chart: its title, the chart as a picture whose alternative text is the
        chart's description, then its data as a table (each bar's label and value), which
        is what the PDF's chart says in words."""
        word = self.word
        if node.title:
            word.paragraph("Chart Caption", node.title, origin=self.fixed("chart-title"))
        word.picture("Chart", node.picture, node.alt, _TEXT_WIDTH_MM * 0.9,
                     origin=self.fixed("chart"))
        numbered = self.rtl  # the picture's bars are numbered (reportgen.charts.chart_png)
        widths = ([10] if numbered else []) + [_TEXT_WIDTH_MM * 0.6, _TEXT_WIDTH_MM * 0.3]
        widths[-1] = _TEXT_WIDTH_MM - sum(widths[:-1])
        table = word.table(widths, right_to_left=numbered)
        for number, value in enumerate(node.values):
            cells = word.table_row(table, widths)
            texts = ([str(number + 1)] if numbered else []) + [value.label, str(value)]
            for cell, text in zip(cells, texts, strict=True):
                word.paragraph("Table Text", text, into=cell)

    def visit_highlights(self, node) -> None:
        word = self.word
        word.paragraph("Short Heading", node.heading, origin=self.fixed(f"area-{node.heading}"))
        for item in node.items:
            comma = word.language.comma  # the edition's, as its Markdown and HTML print it
            where = keep_together_text(f" ({item.symbol}{comma}{item.paragraph})"
                                       if item.symbol else "")
            paragraph = word.paragraph("List Item", "\u2022\t", item.summary,
                                       origin=None if where else ("block", item.block_id, "summary"),
                                       original=_original_of(item))
            if where:
                paragraph.append(text_run(where))
                word.mark(paragraph, self.fixed(f"highlight-{item.block_id}"), "body")

    def visit_quotation(self, node) -> None:
        word = self.word
        if node.language:  # the edition's mark, then the words and their marks as said
            quotation = word.paragraph("Quotation", "", node.text, original=_original_of(node),
                                       title=node.marks[0])
            quotation.append(in_language(text_run(node.marks[1]), node.language))
        else:
            quotation = word.paragraph("Quotation", node.marks[0], node.text)
            quotation.append(text_run(node.marks[1]))
        word.mark(quotation, self.fixed(f"quote-{node.number}"), "body")
        word.paragraph("Quotation Source",
                       "\u2014 " + node.name + (f", {node.title}" if node.title else ""),
                       origin=self.fixed(f"quote-source-{node.number}"))

    def visit_sources(self, node) -> None:
        self.word.paragraph("Note", node.text, origin=self.fixed("sources"))

    def visit_contact(self, node) -> None:
        self.word.paragraph("Short Heading", node.heading, origin=self.fixed("contact-heading"))
        for number, line in enumerate(node.lines):  # lines of their own, never justified
            self.word.paragraph("Contact Line", line, origin=self.fixed(f"contact-{number + 1}"))

    # -- the report's parts (reportgen.model.document)

    def visit_masthead(self, m) -> None:
        word = self.word
        band = word.paragraph("Masthead Band", f"{m.united_nations}\t")
        band.append(text_run(m.symbol, word.style_ids["Masthead Symbol"]))
        word.mark(band, ("fixed", "band", ""), "body")
        # the organ beside the particulars, as UN Word templates set them: a borderless table
        table = word.table(list(_MASTHEAD_COLUMNS_MM), right_to_left=self.rtl)
        organ_cell, particulars_cell = word.table_row(table, list(_MASTHEAD_COLUMNS_MM))
        word.paragraph("Masthead Organ", m.organ, origin=("masthead", "organ", "organ"),
                       into=organ_cell)
        edition = [m.edition_line] if m.edition_line else [""]
        english_block = self.rtl and m.distribution_language != word.language.code
        for number, line in enumerate((m.distribution_line, m.issued, *edition, m.original_line)):
            particulars = word.paragraph("Masthead Particulars", line, into=particulars_cell,
                                         origin=("fixed", f"particulars-{number + 1}", ""))
            if english_block:  # the English lines of an Arabic masthead read left to right
                bidi = docx.oxml.OxmlElement("w:bidi")
                bidi.set(qn("w:val"), "0")
                particulars.get_or_add_pPr().find(qn("w:pStyle")).addnext(bidi)
        session = word.paragraph("Masthead Session", "")
        session.append(text_run(m.session, word.style_ids["Strong"]))
        session.append(text_run(f"\n{m.venue_dates}\n{m.agenda_item}"))
        if m.agenda_note:
            session.append(word.footnote(lambda part: [text_run(m.agenda_note)], mark="*",
                                         origin=("fixed", "agenda-note", "")))
        if m.agenda_item_after:  # Chinese: '临时议程* 项目2(c)', the call inside the line
            session.append(text_run(m.agenda_item_after))
        word.mark(session, ("fixed", "session", ""), "body")
        word.paragraph("Agenda Title", m.agenda_title,
                       origin=("masthead", "agenda_title", "agenda_title"))
        word.paragraph("Document Title", m.title, origin=("masthead", "title", "title"))
        word.paragraph("Masthead Subtitle", m.subtitle, origin=("masthead", "subtitle", "subtitle"))

    def visit_section(self, section: Section) -> None:
        word = self.word
        if section.annex:
            _annex_heading(word, section)
        elif section.numbered:
            style = HEADING_STYLES[min(section.level, max(HEADING_STYLES))]
            word.paragraph(style, f"{section.label}\t", anchor=section.anchor,
                           origin=("heading", section.id, "title"),
                           original=_original(word, section.language), title=section.title)
        else:
            # its outline level (the navigation pane's nesting) is its style's, one per level
            word.paragraph(f"Italic Heading {min(section.level, ITALIC_LEVELS)}",
                           anchor=section.anchor, origin=("heading", section.id, "title"),
                           original=_original(word, section.language), title=section.title)
        self.visit(section.paragraphs)
        self.visit(section.sections)

    def visit_numbered_paragraph(self, paragraph) -> None:
        word = self.word
        origin = ("block", paragraph.block_id, "text")
        word.paragraph("Numbered Paragraph", f"{paragraph.numeral}\t", paragraph.content,
                       anchor=paragraph.anchor, origin=origin,
                       original=_original(word, paragraph.language))
        _lists(word, paragraph.lists, "Subparagraph", origin, paragraph.language)
        _tables(word, paragraph.exhibits)

    def visit_closing_rule(self, node) -> None:
        self.word.paragraph("Closing Rule")

    # -- the pages

    def visit_page_heads(self, node) -> None:
        self.word.running_heads(node.symbol, node.first_page_foot)

    def visit_page_numbers(self, node) -> None:
        self.word.page_numbers()

    # -- after the text

    def visit_notes(self, node) -> None:
        """The notes after the text (footnotes are written where the text calls them)."""
        for number, note in enumerate(node.standalone):
            self.word.paragraph("Note", "", note.inline, origin=self.fixed(f"note-{number + 1}"),
                                original=_original_of(note))


def _lists(word: WordDocument, lists, style: str = "List Item",
           origin: tuple[str, str, str] | None = None, language: str | None = None) -> None:
    for block in lists:
        for index, item in enumerate(block.items):
            label = block.labels[index] if block.ordered else "\u2022"
            element = word.paragraph(style, f"{label}\t", item, origin=origin)
            if block.level == 2:
                _one_step_in(element)
            if language:  # the items of an untranslated paragraph, in the original's language
                for run in element.iter(qn("w:r")):
                    in_language(run, language)


def _annex_heading(word: WordDocument, section: Section) -> None:
    """An annex starts a page: 'Annex I' and, on the next line, its title, centred."""
    heading = word.paragraph(HEADING_STYLES[1], f"{section.label}\n{section.title}",
                             anchor=section.anchor, origin=("heading", section.id, "title"))
    properties = heading.get_or_add_pPr()
    properties.pageBreakBefore_val = True
    properties.jc_val = WD_ALIGN_PARAGRAPH.CENTER
    indent = properties.get_or_add_ind()
    indent.left = indent.hanging = 0


def _tables(word: WordDocument, exhibits) -> None:
    """Each table and figure after its paragraph: a Word table, a picture
    (reportgen.formats.docx_tables)."""
    if exhibits:
        from .docx_tables import write_figure, write_table

        for exhibit in exhibits:
            {"table": write_table, "figure": write_figure}[exhibit.kind](word, exhibit)


def _one_step_in(element) -> None:
    """(i), (ii) under a subparagraph stand one step (8 mm) further in than it."""
    from docx.shared import Mm

    from .docx_styles import TEXT_INDENT_MM

    indent = element.get_or_add_pPr().get_or_add_ind()
    indent.left = Mm(TEXT_INDENT_MM + 16)
    indent.hanging = Mm(8)


def _original_of(paragraph) -> tuple[str, str] | None:
    """(mark, language) for a short document's paragraph, highlight, quotation or note
    printed untranslated."""
    return (paragraph.mark, paragraph.language) if paragraph.language else None


def _original(word: WordDocument, language: str | None) -> tuple[str, str] | None:
    """(mark, language) for text printed untranslated in ``word``'s edition, else None."""
    return (word.language.untranslated, language) if language else None


def isolate_latin_runs(paragraph) -> None:
    """In a right-to-left paragraph, each Latin run of the text (a symbol, an English
    clause) a Word run of its own, read left to right and tagged English: Word lays out a
    run marked w:rtl off as left-to-right text."""
    for run in list(paragraph.iter(qn("w:r"))):
        parts = [child for child in run if child.tag != qn("w:rPr")]
        if len(parts) != 1 or parts[0].tag != qn("w:t") or not parts[0].text:
            continue  # tabs, breaks, note calls: nothing to isolate
        pieces = latin_runs(parts[0].text)
        if not any(latin for _, latin in pieces):
            continue
        for piece, latin in pieces:
            new = copy.deepcopy(run)
            text = new.find(qn("w:t"))
            text.text = piece
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.addprevious(in_language(new, "en") if latin else new)
        run.getparent().remove(run)


def in_language(run, code: str):
    """``run`` (a w:r, or a w:hyperlink's runs) tagged as text in language ``code``, read
    left to right: w:lang in the slot Word reads for its script, w:rtl off."""
    lang = language(code)
    runs = [run] if run.tag == qn("w:r") else run.iter(qn("w:r"))
    for each in runs:
        props = each.get_or_add_rPr()
        if lang.direction == "ltr":
            rtl = props.find(qn("w:rtl"))
            if rtl is None:
                rtl = docx.oxml.OxmlElement("w:rtl")
                props.append(rtl)
            rtl.set(qn("w:val"), "0")
        tag = props.find(qn("w:lang"))
        if tag is None:
            tag = docx.oxml.OxmlElement("w:lang")
            props.append(tag)
        tag.set(qn(f"w:{lang.word_slot}"), lang.word_tag)
    return run
