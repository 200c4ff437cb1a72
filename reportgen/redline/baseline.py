"""The earlier version a redline compares with: a report's Word file, a report in
Markdown, or a git revision.

A Word file (reportgen's ``report.docx``, as submitted) is read by
:func:`read_docx_baseline`, and is itself the earlier Word file of the redline.  A
Markdown file is read by the importer's own reader
(:func:`reportgen.content.importer.read_report`), so whatever ``reportgen import`` understands
(reportgen's ``report.md``, a conversion of an issued document such as seed 004) can
serve as a baseline; the store the importer would make of it gives the earlier Word
file.  ``git:REV`` takes the workspace's ``content/`` as it was at revision REV and
assembles that store's report of the period, exactly as a build of that revision would.
Any other file (a PDF) is refused in one line that says what is accepted.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.importer import ImportedReport, read_report
from ..content.models import Period
from ..content.yamlsource import MAX_FILE_BYTES
from ..errors import ContentError, Problem, ProblemLog, ReportgenError, printable
from ..languages import heading_marks, label_endings
from ..markup import MarkupError, make_parser, parse_paragraphs, un_subparagraphs
from ..model.document import Document, Masthead
from ..oserrors import naming
from ..plainfiles import FileTooLarge, NotPlainFile, read_plain
from ..textchars import not_carried
from ..wordread import WordParagraph
from .compare import (
    HeadingAt,
    Note,
    Passage,
    Word,
    headings_of_document,
    passages_of_document,
    words_of_inline,
    words_of_text,
)

GIT_PREFIX = "git:"
ZIP_MAGIC = b"PK\x03\x04"
#: what a baseline may be, said whenever a file is not one
ACCEPTED = "a baseline is a report's .docx or report.md as reportgen made them, or git:REV"
#: a Word file of a report with pictures is larger than a text file may be
MAX_DOCX_BYTES = 64 * 1024 * 1024


@dataclass
class Baseline:
    """The earlier version: its paragraphs as compared, and what its Word file is made
    from (the document model it assembles to; or, for a Word baseline, the file)."""

    name: str  # as the user gave it: a path or git:REV
    passages: list[Passage]
    document: Document | None = None
    docx: bytes | None = None
    headings: list[HeadingAt] = field(default_factory=list)
    masthead: MastheadText | None = None
    #: its paragraphs know the blocks they were made from (a git revision, a Word file
    #: with reportgen's marks): the redline pairs them by block first
    by_source: bool = False


@dataclass(frozen=True)
class MastheadText:
    """The masthead fields a redline shows when they changed, as the baseline reads."""

    symbol: str = ""
    issued: str = ""
    session: str = ""
    venue_dates: str = ""
    agenda_item: str = ""
    agenda_note: str = ""
    title: str = ""

    @classmethod
    def of(cls, masthead: Masthead) -> MastheadText:
        return cls(**{name: masthead_field(masthead, name) for name in cls.__dataclass_fields__})


def masthead_field(masthead: Masthead, name: str) -> str:
    """A masthead field as a file shows it: the agenda item whole, without the agenda
    note's mark (which Chinese sets inside the line: '临时议程* 项目2(c)')."""
    if name == "agenda_item":
        return (masthead.agenda_item or "") + (masthead.agenda_item_after or "")
    return getattr(masthead, name) or ""


def read_baseline(spec: str, root: Path, period: str, current: Period | None = None,
                  language: str | None = None, series_language: str | None = None) -> Baseline:
    """The baseline named by ``spec``; a bad one raises a one-line error.  ``current``:
    the period as the store has it now, for what a report in Markdown does not say;
    ``language``: the edition compared (a git revision's store is read in it, a report
    in Markdown is read with its masthead words and assembled in it);
    ``series_language``: the series' own language (an edition in it has no edition line)."""
    if spec.startswith(GIT_PREFIX):
        doc = _git_document(spec[len(GIT_PREFIX):], root, period, language)
        baseline = _of_document(spec, passages_of_document(doc), doc)
        baseline.by_source = True
        return baseline
    data = _read_file(Path(spec))
    if data.startswith(ZIP_MAGIC) or Path(spec).suffix.lower() == ".docx":
        return read_docx_baseline(spec, data)
    if data.startswith(b"%PDF"):
        raise _error(spec, None, f"is a PDF, which cannot be compared; {ACCEPTED}")
    report = read_markdown_report(Path(spec), period, data)
    doc = _document_of_imported(report, spec, period, current, language, series_language)
    masthead = read_markdown_masthead(data.decode("utf-8"), language or doc.language)
    if masthead:  # reportgen's own Markdown: its masthead as written, in its language
        if "agenda_item" in masthead:
            masthead["agenda_item"], masthead["agenda_item_after"] = _agenda_item_parts(
                masthead["agenda_item"], language or doc.language)
        doc.masthead = replace(doc.masthead, **masthead)
    return _of_document(spec, _with_exhibits(passages_of_imported(report), doc), doc)


def _with_exhibits(passages: list[Passage], doc: Document) -> list[Passage]:
    """A report in Markdown's paragraphs with the tables and figures its document model
    read after each, where the two number their paragraphs alike (else none compared)."""
    made = passages_of_document(doc)
    if [p.number for p in made] != [p.number for p in passages]:
        return passages
    return [replace(p, exhibits=m.exhibits) for p, m in zip(passages, made, strict=True)]


def _agenda_item_parts(text: str, code: str) -> tuple[str, str]:
    """An agenda item line read without its note's mark, cut where the language sets
    the mark: before it and after it ('临时议程', ' 项目2(c)'; English: all, '')."""
    from ..languages import ENGLISH, LANGUAGES

    before, mark, _ = LANGUAGES.get(code, ENGLISH).agenda_item.partition("*")
    if mark and "{item}" not in before and text.startswith(before):
        return before, text[len(before):]
    return text, ""


def _of_document(name: str, passages: list[Passage], doc: Document) -> Baseline:
    if not name.startswith(GIT_PREFIX):  # an imported report's blocks are not the store's
        passages = [replace(p, block_id=None) for p in passages]
    return Baseline(name, passages, doc, headings=headings_of_document(doc),
                    masthead=MastheadText.of(doc.masthead))


# -- a report in Markdown --------------------------------------------------------------------

def read_markdown_baseline(path: Path, period: str) -> list[Passage]:
    """The numbered paragraphs of a report in Markdown, as compared."""
    return passages_of_imported(read_markdown_report(path, period))


def _read_file(path: Path, limit: int = MAX_DOCX_BYTES) -> bytes:
    try:  # a named pipe or a link in the report's place is refused, not waited on
        return read_plain(path, limit)
    except (NotPlainFile, FileTooLarge) as exc:
        raise _error(str(path), None, exc.reason) from None
    except OSError as exc:
        raise _error(str(path), None, f"cannot read: {exc.strerror or exc}") from None


def read_markdown_report(path: Path, period: str, data: bytes | None = None) -> ImportedReport:
    name = str(path)
    if data is None:
        data = _read_file(path, MAX_FILE_BYTES)
    elif len(data) > MAX_FILE_BYTES:
        raise _error(name, None, FileTooLarge(path, len(data), MAX_FILE_BYTES).reason)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(name, data[:exc.start].count(b"\n") + 1,
                     f"not UTF-8 text; {ACCEPTED}") from None
    if not text.strip():
        raise _error(name, None, "is empty; not a report to compare with")
    if re.match(r"\s*<(?:!doctype\s+html|html)\b", text, re.I):
        raise _error(name, None, f"is a web page, which cannot be compared; {ACCEPTED}")
    log = ProblemLog()
    report = read_report(text, name, period, log)
    if log.errors:  # warnings (lines it could not place) do not stop a comparison
        raise ContentError([Problem(e.path, e.line, f"{e.message}; {ACCEPTED}"
                                    if e.line is None else e.message) for e in log.errors])
    if not report.paragraphs:
        raise _error(name, None, "has no numbered paragraphs; not a report to compare with")
    return report


def _document_of_imported(report: ImportedReport, name: str, period: str,
                          current: Period | None, language: str | None = None,
                          series_language: str | None = None) -> Document:
    """The report as a store made from it by ``reportgen import`` assembles it, in the
    edition's ``language`` (its text is already in it): the earlier Word file is made
    from this, as the current one is from the store.  A masthead field the Markdown does
    not give (a conversion may lose the symbol) is taken from ``current``: not knowing it
    is no reason to show it changed."""
    from ..assemble import assemble_report
    from ..content.importer import workspace_files
    from ..content.store import load_store, unset_fields

    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as folder:
        for relative, text in workspace_files(report, period, folder).items():
            target = Path(folder, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            with naming(target):
                target.write_text(text, encoding="utf-8")
        store, log = load_store(Path(folder))
        if store is not None and current is not None and period in store.periods:
            store.periods[period] = store.periods[period].model_copy(update={
                unset: getattr(current, unset) for unset, _ in unset_fields(store, period)})
        if store is not None and series_language:
            store = replace(store, series=store.series.model_copy(
                update={"language": series_language}))
        doc = assemble_report(store, period, log, language, pictures=False) \
            if store is not None and not log.errors else None
    if doc is None:
        first = log.errors[0]
        raise _error(name, None, f"cannot be read back as a report: {first.message}")
    return doc


#: a masthead line of reportgen's own Markdown: "United Nations — A/77/123"
_SYMBOL_LINE = re.compile(r"(.+?) \u2014 (\S+)")
#: the punctuation after a number in any edition's labels ('1.', '1 -', 'أولا -')
_ENDING = "(?:" + "|".join(re.escape(ending) for ending in label_endings()) + ")"
#: a chapter heading, where the masthead ends: 'I.', or as the edition numbers it
_CHAPTER = re.compile(r"#+\s+(?:\*\*)?(?:[IVXLC]+|" + "|".join(
    re.escape(label) for label, (level, _) in heading_marks().items() if level == 1)
    + rf"){_ENDING}\s")
#: a numbered paragraph's number, then its tab (or a converter's space)
_PARAGRAPH_NUMBER = re.compile(rf"(\d+){_ENDING}\t")
_SPACED_NUMBER = re.compile(rf"(\d+){_ENDING} (?=\S)")


def read_markdown_masthead(text: str, code: str) -> dict[str, str]:
    """The masthead fields of a report in reportgen's own Markdown (templates/report.md.j2)
    in language ``code``, as written: the lines are known by their place and by the
    language's own masthead words ("Distr. générale", "Point 2 c) de l'ordre du jour
    provisoire").  Empty for any other Markdown (a conversion of an issued document),
    which the importer reads.  Only fields found are given."""
    from ..languages import ENGLISH, LANGUAGES

    lang = LANGUAGES.get(code, ENGLISH)
    block = ENGLISH if lang.english_distribution_block else lang
    groups: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").split("\n"):
        if _CHAPTER.match(raw.strip()):
            break
        if raw.strip():
            groups[-1].append(raw.strip())
        elif groups[-1]:
            groups.append([])
    groups = [[_md_plain(line) for line in group] for group in groups if group]
    if not groups or len(groups[0]) != 1:
        return {}
    first = _SYMBOL_LINE.fullmatch(groups[0][0])
    if first is None or first[1] != lang.united_nations:
        return {}
    found = {"symbol": first[2], "united_nations": first[1]}
    item = re.compile(re.escape(lang.agenda_item).replace(r"\{item\}", ".+") + r"\*?")
    headings = []
    for index, group in enumerate(groups[1:], 1):
        if group[0] == block.distribution and len(group) == 2:
            found.update(distribution_line=group[0], issued=group[1])
            if index == 2 and len(groups[1]) == 1:
                found["organ"] = groups[1][0]
        elif group[-1].startswith(block.original.partition("{")[0]) and len(group) <= 2:
            found["original_line"] = group[-1]
            if len(group) == 2:
                found["edition_line"] = group[0]
        elif len(group) == 3 and item.fullmatch(group[2]):
            found.update(session=group[0], venue_dates=group[1],
                         agenda_item=group[2].replace("*", "", 1))
        elif len(group) == 1 and group[0].startswith("* "):
            found["agenda_note"] = group[0][2:]
        elif len(group) == 1:
            headings.append(group[0])
    # after the session lines: the agenda item's title (bold), the title (#), the
    # subtitle (bold), each one paragraph of its own
    for line, name in zip(headings[-3:], ("agenda_title", "title", "subtitle"), strict=False):
        if len(headings) >= 3:
            found[name] = line
    return found


def _md_plain(line: str) -> str:
    """A masthead line of reportgen's Markdown as text: without the hard break, the
    heading's # marks, bold and backslash escapes."""
    import html

    line = line.strip()
    if line.startswith("#"):
        line = line.lstrip("#").strip()
    if line.startswith("**") and line.endswith("**") and len(line) > 4:
        line = line[2:-2]
    line = re.sub(r"&#(\d+);", lambda m: html.unescape(m[0]), line)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", line)


def passages_of_imported(report: ImportedReport) -> list[Passage]:
    """Passages of a report the importer read.  Its text is content markup again
    (``[^n1]`` calls, ``[75/196](symbol:A/RES/75/196)``, ``[](ref:block)``), so it is
    parsed by the same parser as content text; references read as the paragraph numbers
    they had in that report."""
    md = make_parser()
    numbers: dict[str, list[int]] = {}
    for paragraph in report.paragraphs:
        numbers.setdefault(paragraph.id, []).append(paragraph.number)
    texts = {label: text for p in report.paragraphs for label, text in p.footnotes.items()}
    note_numbers: dict[str, int] = {}

    def refs(tok, shown: str):
        href = tok.attrGet("href") or ""
        if not href.startswith("ref:"):
            return None
        return numbers.get(href[len("ref:"):]) or None

    def words(text: str) -> list[Word]:
        try:  # subparagraphs typed "(a) …" are read as the build reads them
            parsed, _ = un_subparagraphs(parse_paragraphs(md, text))
        except MarkupError:
            return words_of_text(text)
        found: list[Word] = []
        for unit in parsed:
            for inline in [unit.inline] + [i for lst in unit.lists for i in lst.items]:
                for tok in inline.walk("footnote_ref"):
                    tok.meta = {**tok.meta, "number": note_numbers.setdefault(
                        tok.meta["label"], len(note_numbers) + 1)}
                found += _ref_text(words_of_inline(inline.tokens, refs), found)
        return found

    passages = []
    for paragraph in report.paragraphs:
        before = set(note_numbers)
        its_words = words(paragraph.text)
        notes = [Note(note_numbers[label], tuple(words(texts[label])))
                 for label in note_numbers if label not in before and label in texts]
        passages.append(Passage(paragraph.number, tuple(its_words), notes,
                                place=paragraph.place))
    return passages


def _ref_text(words: list[Word], before: list[Word]) -> list[Word]:
    """A reference written ``[](ref:…)`` shows no text: it reads "para. 7" as built."""
    out = []
    for word in words:
        if word.refs and not word.text:
            first, last = word.refs[0], word.refs[-1]
            shown = f"para. {first}" if first == last else f"paras. {first}\u2013{last}"
            word = Word(shown, word.space or bool(before or out), refs=word.refs)
        out.append(word)
    return out


# -- a Word file ----------------------------------------------------------------------------

def read_docx_baseline(name: str, data: bytes) -> Baseline:
    """A report's Word file as a baseline: its text as a reader sees it once every
    tracked change in it is accepted.

    This is the one place that reads a Word file the writer kept (the ``.docx`` they
    submitted, perhaps edited since).  The package is opened by :mod:`reportgen.wordread`
    (the reader ``reportgen merge`` uses, within the same limits); its own revisions are
    accepted in ``word/document.xml`` and ``word/footnotes.xml`` (inserted text kept,
    deleted and moved-away text dropped, a paragraph whose mark was deleted joined to
    the next) and comment marks dropped: that package is the earlier Word file of the
    redline.  Its paragraphs are then read by :func:`reportgen.wordread.read_package`,
    and each is known:

    * by reportgen's marks (:mod:`reportgen.provenance`) where the file still has them:
      a paragraph's hidden bookmark names the block, heading or masthead field it was
      made from, so a paragraph of a block is known as that block's (its passage
      carries the block id, and the redline matches it with the block's paragraph in
      the current report before any matching by words), and a lettered subparagraph is
      part of its block's numbered paragraph;
    * else (a file whose marks were lost, such as one passed through another program)
      by what reportgen writes: numbered paragraphs open with "12." and a tab (or a
      space, as a converter such as pandoc leaves it), headings have the styles
      ``Heading1`` to ``Heading9`` (``ItalicHeading`` and ``ItalicHeading1`` to
      ``ItalicHeading6`` one level below the heading before it), the masthead its own
      styles (a file that lost them has no masthead compared).

    Either way the text is the file's own (what the writer has, edits included), with
    the notes each numbered paragraph calls first and the cross-references ("para. 12",
    links to a paragraph's bookmark) it makes."""
    import zipfile

    from lxml import etree

    from ..provenance import MarksError, from_xml
    from ..wordread import WordReadError, parse_part, read_package, read_parts

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    try:
        parts = read_parts(data, media=True)
        if "word/document.xml" not in parts:
            raise _error(name, None, f"is not a Word document; {ACCEPTED}")
        body = parse_part(parts["word/document.xml"], "word/document.xml")
        notes = parse_part(parts["word/footnotes.xml"], "word/footnotes.xml") \
            if "word/footnotes.xml" in parts else None
    except WordReadError as exc:
        raise _error(name, None, f"{exc}; {ACCEPTED}") from None

    def accept(root) -> None:
        for gone in root.xpath(".//w:del|.//w:moveFrom|.//w:moveFromRangeStart|"
                               ".//w:moveFromRangeEnd|.//w:moveToRangeStart|.//w:moveToRangeEnd|"
                               ".//w:commentRangeStart|.//w:commentRangeEnd|.//w:pPrChange|"
                               ".//w:rPrChange|.//w:r[w:commentReference]",
                               namespaces={"w": w[1:-1]}):
            parent = gone.getparent()
            if parent is not None and not (gone.tag == f"{w}del" and parent.tag == f"{w}rPr"):
                parent.remove(gone)  # a deleted paragraph mark is dealt with below
        for kept in root.xpath(".//w:ins|.//w:moveTo", namespaces={"w": w[1:-1]}):
            parent = kept.getparent()
            if parent.tag == f"{w}rPr":  # an inserted paragraph mark: just a mark now
                parent.remove(kept)
                continue
            for child in list(kept):
                kept.addprevious(child)
            parent.remove(kept)
        for mark in root.xpath(".//w:pPr/w:rPr/w:del", namespaces={"w": w[1:-1]}):
            p = mark.getparent().getparent().getparent()
            mark.getparent().remove(mark)
            following = p.getnext()
            if following is not None and following.tag == f"{w}p":
                at = 1 if following.find(f"{w}pPr") is not None else 0
                for child in [c for c in p if c.tag != f"{w}pPr"][::-1]:
                    following.insert(at, child)
                p.getparent().remove(p)

    accept(body)
    if notes is not None:
        accept(notes)
    _refuse_uncarried(name, body, notes, w)
    for part, root in (("word/document.xml", body), ("word/footnotes.xml", notes)):
        if root is not None:
            parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for filename, part in parts.items():
            target.writestr(filename, part)
    accepted = out.getvalue()
    try:
        package = read_package(accepted)
    except WordReadError as exc:
        raise _error(name, None, f"{exc}; {ACCEPTED}") from None
    marks: dict = {}
    for custom in package.custom_xml:
        try:
            marks = from_xml(custom).by_name()
            break
        except MarksError:
            continue  # another program's custom XML part

    def mark_of(p: WordParagraph):
        return next((marks[b] for b in p.bookmarks if b in marks), None)

    notes_by_id: dict[str, list[WordParagraph]] = {}
    for p in package.footnotes:
        notes_by_id.setdefault(p.note or "", []).append(p)
    note_text = {ident: tuple(_words_of_paragraphs(paragraphs))
                 for ident, paragraphs in notes_by_id.items()}

    masthead: dict[str, str] = {}
    particulars: list[str] = []
    passages: list[Passage] = []
    headings: list[HeadingAt] = []
    waiting: list[tuple[int, str | None, str]] = []
    place, level, outer, called = "", 0, 0, 0
    seen_notes: set[str] = set()
    front: list[WordParagraph] = []  # the paragraphs above the first heading
    for p in package.body:
        if not headings and not waiting and not passages:
            front.append(p)
        mark = mark_of(p)
        kind, ref = (mark.kind, mark.ref) if mark is not None else ("", "")
        style, text = p.style, p.accepted
        if ref == "band" or style == "MastheadBand":
            masthead["symbol"] = text.rpartition("\t")[2].strip()
            continue
        if ref.startswith("particulars") or style == "MastheadParticulars":
            if ref == "particulars-2":
                masthead["issued"] = text.strip()
            elif not ref and text.strip():
                particulars.append(text.strip())
            continue
        if ref == "session" or style == "MastheadSession":
            lines = [line.strip() for line in _without_own_marks(p).split("\n")]
            masthead.update(zip(("session", "venue_dates", "agenda_item"), lines, strict=False))
            for _, ident, own in p.calls:
                if own and notes_by_id.get(ident):  # its text after the '*' and the tab
                    note = "".join(n.accepted for n in notes_by_id[ident])
                    masthead["agenda_note"] = note.partition("\t")[2].strip()
            continue
        if (kind == "masthead" and ref == "title") or style == "DocumentTitle":
            masthead["title"] = text.strip()
            continue
        if kind in ("masthead", "fixed"):
            continue
        heading = re.fullmatch(r"Heading([1-9])", style)
        if heading or style.startswith("ItalicHeading") or kind == "heading" or (
                not marks and outer and _unstyled_heading(p)):
            if heading:
                level = outer = int(heading[1])
            else:  # an unnumbered heading: one level below the last numbered one
                level = outer + 1
            label, tab, title = text.partition("\t")
            spaced = None if tab else _SPACED_LABEL.fullmatch(text)
            if spaced:  # a converter put a space where reportgen puts the tab
                label, tab, title = spaced[1], " ", spaced[2]
            waiting.append((level, label if tab else None, title if tab else text))
            place = text
            continue
        number = _PARAGRAPH_NUMBER.match(text) or _SPACED_NUMBER.match(text)
        block = ref if kind == "block" and mark.story == "body" else None
        if number is None:
            # a lettered subparagraph or list item: part of its block's numbered
            # paragraph; so is a paragraph the writer added in the file after one
            # (unnumbered, unmarked, in the numbered paragraphs' style)
            if passages and ((block and passages[-1].block_id == block) or (
                    mark is None and style in ("NumberedParagraph", "Subparagraph"))):
                label = re.match(r"[^\t]{1,6}\t", text)
                more = paragraph_words(p, len(label[0]) if label else 0)
                if more:
                    more[0] = Word(more[0].text, True, more[0].note, more[0].refs)
                    last = passages[-1]
                    passages[-1] = Passage(last.number, last.words + tuple(more),
                                           last.notes + _first_notes(p, seen_notes, note_text,
                                                                     len(seen_notes)),
                                           last.block_id, last.place)
                    called = len(seen_notes)
            continue
        notes_here = _first_notes(p, seen_notes, note_text, called)
        called = len(seen_notes)
        body_words = paragraph_words(p, len(number[0]))
        if body_words:
            first = body_words[0]
            body_words[0] = Word(first.text, False, first.note, first.refs)
        numbered = int(number[1])
        headings += [HeadingAt(lv, lb, tt, numbered) for lv, lb, tt in waiting]
        waiting = []
        passages.append(Passage(numbered, tuple(body_words), notes_here, block_id=block,
                                place=place))
    headings += [HeadingAt(lv, lb, tt, None) for lv, lb, tt in waiting]
    if len(particulars) > 1:  # 'Distr.: General', then the date of issue
        masthead.setdefault("issued", particulars[1])
    if not masthead and not marks:
        masthead = _masthead_by_place(front[:-1], notes_by_id)
    if not passages:
        raise _error(name, None, "has no numbered paragraphs; not a report to compare with")
    return Baseline(name, passages, docx=accepted, headings=headings,
                    masthead=MastheadText(**masthead) if masthead else None,
                    by_source=bool(marks))


def _masthead_by_place(front: list[WordParagraph],
                       notes: dict[str, list[WordParagraph]]) -> dict[str, str]:
    """The masthead of a file that lost reportgen's styles and marks, read from where
    reportgen puts each field: the symbol ends the first line, the date of issue follows
    the distribution line, the session's three lines (session, place and dates, agenda
    item and its note) make one paragraph, and the title comes before the subtitle, last
    above the first heading."""
    texts = [p.accepted.strip() for p in front if p.accepted.strip()]
    found: dict[str, str] = {}
    if not texts:
        return found
    last = texts[0].split()[-1]
    if "/" in last:
        found["symbol"] = last
    issued = next((texts[i + 1] for i, text in enumerate(texts[:-1])
                   if text.startswith("Distr")), None)
    if issued:
        found["issued"] = issued
    session = next((p for p in front if p.accepted.strip().count("\n") == 2), None)
    if session is not None:
        lines = [line.strip() for line in _without_own_marks(session).strip().split("\n")]
        found.update(session=lines[0], venue_dates=lines[1], agenda_item=lines[2].replace("*", "", 1))
        for _, ident, _ in session.calls[-1:]:
            note = "".join(n.accepted for n in notes.get(ident, [])).strip()
            if note.startswith("*"):
                found["agenda_note"] = note[1:].strip()
    if len(texts) > 2:
        found["title"] = texts[-2]
    return found


def _unstyled_heading(p: WordParagraph) -> bool:
    """A paragraph of a file that lost reportgen's styles (through pandoc, say) that can
    only be an unnumbered heading: below the first chapter heading, short, one line,
    neither numbered nor a list item."""
    text = p.accepted.strip()
    return (p.style in ("", "Normal", "BodyText", "FirstParagraph", "Compact")
            and 0 < len(text) <= 200 and "\n" not in text
            and not re.match(r"(?:\d+\.|\(?\w{1,3}\)|[\u2022\u2013-])\s", text))


#: a heading's label and title with a space between, as a converter writes them
_SPACED_LABEL = re.compile(r"([IVXLC]+\.|[A-Z]\.|\d+\.) (\S.*)", re.S)


def _first_notes(p: WordParagraph, seen: set[str], texts: dict[str, tuple[Word, ...]],
                 called: int) -> list[Note]:
    """The notes a paragraph calls for the first time, numbered on from ``called``."""
    found = []
    for _, ident, own in p.calls:
        if not own and ident not in seen:
            seen.add(ident)
            called += 1
            found.append(Note(called, texts.get(ident, ())))
    return found


def _without_own_marks(p: WordParagraph) -> str:
    """A paragraph's text without the marks of calls that bring their own ('*')."""
    text = p.accepted
    for at, _, own in sorted(p.calls, reverse=True):
        if own:
            end = at
            while end < len(text) and not text[end].isspace() and not text[end].isalnum():
                end += 1
            text = text[:at] + text[end:]
    return text


def _words_of_paragraphs(paragraphs: list[WordParagraph]) -> list[Word]:
    """The words of a note's paragraphs, one after the other."""
    words: list[Word] = []
    for p in paragraphs:
        more = paragraph_words(p)
        if more and words:
            more[0] = Word(more[0].text, True, more[0].note, more[0].refs)
        words += more
    return words


def paragraph_words(p: WordParagraph, start: int = 0) -> list[Word]:
    """The words of a paragraph read by wordread, from character ``start``: its note
    calls as calls, a link to a paragraph's bookmark showing a number as a
    cross-reference to that paragraph."""
    text = p.accepted
    events = sorted([(at, 0, "call", at) for at, _, own in p.calls if not own and at >= start]
                    + [(begin, 1, "link", end) for begin, end, anchor in p.links
                       if anchor.startswith("para_") and begin >= start
                       and re.search(r"\d", text[begin:end])])
    words: list[Word] = []
    at = start
    for where, _, what, end in events:
        if where < at:
            continue
        if where > at:
            words += words_of_text(text[at:where], bool(words))
        if what == "call":
            words.append(Word("", note=True, space=False))
            at = where
            continue
        shown = text[where:end]
        numbers = [int(n) for n in re.findall(r"\d+", shown)]
        space = bool(words) and (words[-1].text != "(")
        words.append(Word(shown, space, refs=tuple(range(numbers[0], numbers[-1] + 1))))
        at = end
    words += words_of_text(text[at:], bool(words))
    return words


# -- a git revision of the workspace ---------------------------------------------------------

def _refuse_uncarried(name: str, body, notes, w: str) -> None:
    """A character no output can carry (a control character XML allows, such as U+0085)
    in a Word baseline is an error naming its paragraph (or note), as a Markdown
    baseline's is at its line."""
    places = [(f"paragraph {n}", p) for n, p in enumerate(body.iter(f"{w}p"), start=1)]
    if notes is not None:
        places += [(f"footnote {note.get(f'{w}id')}", note) for note in notes.iter(f"{w}footnote")]
    for where, element in places:
        found = not_carried("".join(t.text or "" for t in element.iter(f"{w}t")))
        if found:
            shown = ", ".join(printable(c) for c in found)
            raise _error(name, None, f"{where} holds {shown}, a character no output can "
                                     "carry; remove it")


def _git_document(revision: str, root: Path, period: str, language: str | None) -> Document:
    from ..assemble import assemble_report
    from ..content.editions import edition_store
    from ..content.store import load_store

    name = GIT_PREFIX + revision
    if not revision or revision.startswith("-"):
        raise _error(name, None, "name a git revision after 'git:', such as git:HEAD~1")
    prefix = _git(root, name, ["rev-parse", "--show-prefix"],
                  "the workspace is not in a git repository").strip()
    top = Path(_git(root, name, ["rev-parse", "--show-toplevel"],
                    "the workspace is not in a git repository").strip())
    commit = _git(root, name, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"],
                  f"no revision '{revision}' in the workspace's git repository").strip()
    content = f"{prefix}content"
    _git(root, name, ["cat-file", "-e", f"{commit}:{content}"],
         f"the workspace had no content/ folder at revision '{revision}'")
    _check_tree(root, name, f"{commit}:{content}")
    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as folder:
        tarball = Path(folder) / "content.tar"
        with open(tarball, "wb") as handle:  # on disk, never whole in memory
            archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar",
                                      "--prefix=content/", f"{commit}:{content}"],
                                     stdout=handle, stderr=subprocess.PIPE, check=False)
        if archive.returncode != 0:
            raise _error(name, None, f"cannot read content/ at revision '{revision}': "
                                     f"{_first_line(archive.stderr)}")
        try:
            with tarfile.open(tarball) as tar:
                tar.extractall(Path(folder) / "tree", filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise _error(name, None, f"cannot read content/ at revision '{revision}': "
                                     f"{exc}") from None
        store, log = load_store(Path(folder) / "tree")
        if store is not None and not log.errors and period not in store.periods:
            raise _error(name, None, f"the store at revision '{revision}' has no period {period}")
        if store is not None and not log.errors and language:
            store = edition_store(store, language, [period], ProblemLog())
        doc = assemble_report(store, period, log, language) \
            if store is not None and not log.errors else None
    if doc is None:
        raise ContentError([Problem(f"{name}:{p.path}", p.line, p.message)
                            for p in log.errors])
    return doc


#: what a revision's content/ may hold: as many files as a store has, each no larger
#: than a content file may be (the sizes are read from git before any file is)
MAX_TREE_FILES = 20_000
MAX_TREE_BYTES = 256 * 1024 * 1024


def _check_tree(root: Path, name: str, tree: str) -> None:
    """Refuse a revision's content/ that holds a link, a submodule, a file larger than a
    content file may be, or more than the limits, by the sizes git records, before any
    file of it is read."""
    listing = _git(root, name, ["ls-tree", "-r", "-l", "-z", "--full-tree", tree],
                   f"cannot list {tree}")
    count = total = 0
    for entry in filter(None, listing.split("\0")):
        info, _, path = entry.partition("\t")
        mode, kind, _, size = (info.split() + ["", "", "", ""])[:4]
        shown = f"{name}:content/{path}"
        if mode == "120000":
            raise _error(shown, None, "is a symbolic link; links are not followed")
        if kind != "blob" or not size.isdigit():
            raise _error(shown, None, f"is a {kind or 'entry'} git cannot give as a file")
        if int(size) > MAX_FILE_BYTES:
            raise _error(shown, None, f"file is too large ({int(size) / 1048576:.1f} MB; the "
                                      f"limit is {MAX_FILE_BYTES // 1048576} MB)")
        count, total = count + 1, total + int(size)
        if count > MAX_TREE_FILES or total > MAX_TREE_BYTES:
            raise _error(name, None, f"content/ holds more than {MAX_TREE_FILES:,} files or "
                                     f"{MAX_TREE_BYTES // 1048576} MB; not a store to compare with")


def _git(root: Path, name: str, args: list[str], failure: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              errors="replace",
                              check=False)
    except FileNotFoundError:
        raise _error(name, None, "git is not installed") from None
    if done.returncode != 0:
        raise _error(name, None, failure)
    return done.stdout


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return re.sub(r"^fatal: ", "", text.splitlines()[0]) if text else "git failed"


def _error(name: str, line: int | None, message: str) -> ReportgenError:
    return ContentError([Problem(name, line, message)])
