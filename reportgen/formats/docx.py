"""Word (.docx): the file conference services take, made from the same document model.

python-docx (maintained, and the usual way to write Word files from Python) writes the
body into a copy of the reference document; the few things it has no API for (footnotes,
hyperlinks, bookmarks, the page field) are added as WordprocessingML by
:mod:`.ooxml`.  Every paragraph carries one of the reference document's named styles
(:mod:`.docx_styles`); numbers are typed into the text, as in the other formats: a
paragraph is its number, a tab and its text, against a hanging indent.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from datetime import date, datetime, timezone
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from ..document import Document, Section
from ..errors import ContentError, Problem
from ..languages import LANGUAGES, Language
from ..markup import Inline
from . import Format, RenderContext, Rendered
from .docx_reference import ReferenceRefused, dropped_parts, read_reference
from .docx_runs import RunContext, bookmark_name, inline_runs, text_run
from .docx_styles import HEADING_STYLES, STYLES
from .ooxml import (add_footnotes_part, bookmark, even_and_odd_headers, field, footnote_mark,
                    footnote_reference, reproducible_zip)

REFERENCE = "reference.docx"


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
    if isinstance(doc, Document):
        _report(word, doc)
    else:
        _short_document(word, doc)
    word.set_language(LANGUAGES[doc.language])
    created, modified = _dates(getattr(doc, "issued_iso", None), source_date_epoch)
    word.set_properties(title=doc.title, subject=_subject(doc), author=doc.author,
                        language=doc.language, category=doc.kind, created=created,
                        modified=modified)
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
        # a paragraph in the default style names none, as Word writes it
        self.default_style = self.document.styles.default(_PARAGRAPH).style_id
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)  # a template's sample text is not ours
        self._notes = None
        self._next_note = 1
        self._next_bookmark = 1

    # -- paragraphs --------------------------------------------------------------------

    def paragraph(self, style: str, text: str = "", inline: Inline | None = None,
                  anchor: str | None = None):
        """A new paragraph in ``style``: ``text`` (plain), then ``inline``'s runs."""
        element = docx.oxml.OxmlElement("w:p")
        style_id = self.style_ids[style]
        element.get_or_add_pPr().style = None if style_id == self.default_style else style_id
        body = self.document.element.body
        if body.sectPr is not None:
            body.sectPr.addprevious(element)
        else:
            body.append(element)
        if text:
            element.append(text_run(text))
        if inline is not None:
            for run in inline_runs(inline, self.runs_context(self.document.part)):
                element.append(run)
        if anchor:
            bookmark(element, self._bookmark_id(), bookmark_name(anchor))
        return element

    def runs_context(self, part) -> RunContext:
        return RunContext(part, self.style_ids, self._call)

    def _bookmark_id(self) -> int:
        self._next_bookmark += 1
        return self._next_bookmark - 1

    # -- footnotes ---------------------------------------------------------------------

    def _call(self, token):
        """The run for a footnote call: the first call of a note makes the w:footnote;
        a later call repeats the number as a plain superscript (Word would count a
        second reference as a new note)."""
        number = token.meta.get("number")
        note = token.meta.get("note")
        if not token.meta.get("first") or note is None:
            return text_run(str(number or ""), self.style_ids["footnote reference"])
        return self.footnote(lambda part: inline_runs(note.content, self.runs_context(part)))

    def footnote(self, content, mark: str | None = None):
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
        note.append(paragraph)
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
        """Short documents: the page number at the foot of every page."""
        section = self.document.sections[0]
        field(_only_paragraph(section.footer, self.style_ids["Footer"]), "PAGE", "1")

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
    missing = [s.name for s in STYLES if s.name.lower() not in ids]
    if missing:
        raise ContentError([Problem(_shown(reference), None,
                                    f"the reference document lacks the style"
                                    f"{'s' * (len(missing) > 1)} {', '.join(missing)}")])
    return {s.name: ids[s.name.lower()] for s in STYLES}


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


def _subject(doc) -> str:
    if isinstance(doc, Document):
        return f"{doc.masthead.subtitle} ({doc.masthead.symbol})"
    return doc.subtitle or ""


# -- the report -----------------------------------------------------------------------

def _report(word: WordDocument, doc: Document) -> None:
    m = doc.masthead
    band = word.paragraph("Masthead Band", f"{m.united_nations}\t")
    band.append(text_run(m.symbol, word.style_ids["Masthead Symbol"]))
    word.paragraph("Masthead Organ", m.organ)
    edition = [m.edition_line] if m.edition_line else [""]
    english_block = doc.direction == "rtl" and m.distribution_language != doc.language
    for line in (m.distribution_line, m.issued, *edition, m.original_line):
        particulars = word.paragraph("Masthead Particulars", line)
        if english_block:  # the English lines of an Arabic masthead read left to right
            bidi = docx.oxml.OxmlElement("w:bidi")
            bidi.set(qn("w:val"), "0")
            particulars.get_or_add_pPr().find(qn("w:pStyle")).addnext(bidi)
    session = word.paragraph("Masthead Session", f"{m.session}\n{m.venue_dates}\n{m.agenda_item}")
    if m.agenda_note:
        session.append(word.footnote(lambda part: [text_run(m.agenda_note)], mark="*"))
    word.paragraph("Agenda Title", m.agenda_title)
    word.paragraph("Document Title", m.title)
    word.paragraph("Document Subtitle", m.subtitle)
    for section in doc.sections:
        _section(word, section)
    word.running_heads(m.symbol, m.job_number)


def _section(word: WordDocument, section: Section) -> None:
    if section.numbered:
        style = HEADING_STYLES[min(section.level, max(HEADING_STYLES))]
        word.paragraph(style, f"{section.label}\t{section.title}", anchor=section.anchor)
    else:
        heading = word.paragraph("Italic Heading", section.title, anchor=section.anchor)
        _outline_level(heading, min(section.level, 9) - 1)
    for paragraph in section.paragraphs:
        word.paragraph("Numbered Paragraph", f"{paragraph.number}.\t", paragraph.content,
                       anchor=paragraph.anchor)
        _lists(word, paragraph.lists, "Subparagraph")
    for sub in section.sections:
        _section(word, sub)


def _outline_level(paragraph, level: int) -> None:
    """An unnumbered heading is still a heading: Word's navigation pane lists it."""
    outline = docx.oxml.OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    paragraph.get_or_add_pPr().append(outline)


# -- briefs, press releases and statements ------------------------------------------

def _short_document(word: WordDocument, doc) -> None:
    """A press release, statement or brief: the same parts, in the same order, as its
    Markdown and HTML."""
    word.paragraph("Kind Label", doc.words.kind(doc.kind))
    word.paragraph("Document Title", doc.title)
    years = doc.period.replace("-", "\u2013")
    subtitle = f"{doc.words.fact_sheet}, {years}" if doc.kind == "brief" else doc.subtitle
    if subtitle:
        word.paragraph("Document Subtitle", subtitle)
    if doc.speaker:
        word.paragraph("Speaker", doc.speaker.name + (f"\n{doc.speaker.title}" if doc.speaker.title else ""))
    if doc.occasion:
        word.paragraph("Speaker", doc.occasion)
    _parts(word, doc.parts.get("salutation", []))
    lead = doc.parts.get("lead", [])
    if lead and doc.kind == "press-release" and doc.dateline_and_date:
        first = word.paragraph("Lead", "", lead[0].inline)
        first.insert(1, text_run(f"{doc.dateline_and_date} \u2013 ", word.style_ids["Strong"]))
        _lists(word, lead[0].lists)
        lead = lead[1:]
    _parts(word, lead, "Lead" if doc.kind == "press-release" else "Body Text")
    if doc.figures:
        word.paragraph("Short Heading", doc.words.key_figures)
        for figure in doc.figures:
            word.paragraph("Key Figure", figure.value)
            word.paragraph("Figure Note",
                           f"{figure.label} ({doc.words.as_of.format(date=figure.as_of)})")
    if doc.chart_alt:
        word.paragraph("Note", doc.chart_alt)
    for area, items in doc.highlights:
        word.paragraph("Short Heading", area)
        for item in items:
            where = (f" ({doc.report_symbol}, {doc.words.para.format(n=item.paragraphs[0])})"
                     if item.paragraphs and doc.report_symbol else "")
            paragraph = word.paragraph("List Item", "\u2022\t", item.summary)
            if where:
                paragraph.append(text_run(where))
    _parts(word, doc.parts.get("body", []))
    for quote in doc.quotes:
        quotation = word.paragraph("Quotation", doc.words.quote[0], quote.text)
        quotation.append(text_run(doc.words.quote[1]))
        word.paragraph("Quotation Source",
                       "\u2014 " + quote.name + (f", {quote.title}" if quote.title else ""))
    _parts(word, doc.parts.get("closing", []))
    if doc.figures:
        sources = "; ".join(f"{f.label}: {f.source}" for f in doc.figures)
        word.paragraph("Note", f"{doc.words.sources}: {sources}.")
    if doc.contact:
        word.paragraph("Short Heading", doc.words.contact)
        word.paragraph("Body Text", "\n".join(doc.contact))
    for note in doc.notes:
        word.paragraph("Note", "", note)
    word.page_numbers()



def _parts(word: WordDocument, paragraphs, style: str = "Body Text") -> None:
    for paragraph in paragraphs:
        word.paragraph(style, "", paragraph.inline)
        _lists(word, paragraph.lists)


def _lists(word: WordDocument, lists, style: str = "List Item") -> None:
    for block in lists:
        for index, item in enumerate(block.items):
            label = block.labels[index] if block.ordered else "\u2022"
            word.paragraph(style, f"{label}\t", item)
