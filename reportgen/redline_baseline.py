"""The earlier version a redline compares with: a report's Word file, a report in
Markdown, or a git revision.

A Word file (reportgen's ``report.docx``, as submitted) is read by
:func:`read_docx_baseline`, and is itself the earlier Word file of the redline.  A
Markdown file is read by the importer's own reader
(:func:`reportgen.importer.read_report`), so whatever ``reportgen import`` understands
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
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document, Masthead
from .errors import ContentError, Problem, ProblemLog, ReportgenError
from .importer import ImportedReport, read_report
from .markup import MarkupError, make_parser, parse_paragraphs
from .models import Period
from .plainfiles import FileTooLarge, NotPlainFile, read_plain
from .redline import (
    HeadingAt,
    Note,
    Passage,
    Word,
    headings_of_document,
    passages_of_document,
    words_of_inline,
    words_of_text,
)
from .yamlsource import MAX_FILE_BYTES

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
        return cls(**{name: getattr(masthead, name) or "" for name in cls.__dataclass_fields__})


def read_baseline(spec: str, root: Path, period: str, current: Period | None = None,
                  language: str | None = None) -> Baseline:
    """The baseline named by ``spec``; a bad one raises a one-line error.  ``current``:
    the period as the store has it now, for what a report in Markdown does not say;
    ``language``: the edition compared (a git revision's store is read in it)."""
    if spec.startswith(GIT_PREFIX):
        doc = _git_document(spec[len(GIT_PREFIX):], root, period, language)
        return _of_document(spec, passages_of_document(doc), doc)
    data = _read_file(Path(spec))
    if data.startswith(ZIP_MAGIC) or Path(spec).suffix.lower() == ".docx":
        return read_docx_baseline(spec, data)
    if data.startswith(b"%PDF"):
        raise _error(spec, None, f"is a PDF, which cannot be compared; {ACCEPTED}")
    report = read_markdown_report(Path(spec), period, data)
    return _of_document(spec, passages_of_imported(report),
                        _document_of_imported(report, spec, period, current))


def _of_document(name: str, passages: list[Passage], doc: Document) -> Baseline:
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
    log = ProblemLog()
    report = read_report(text, name, period, log)
    log.raise_errors()  # warnings (lines it could not place) do not stop a comparison
    if not report.paragraphs:
        raise _error(name, None, "has no numbered paragraphs; not a report to compare with")
    return report


def _document_of_imported(report: ImportedReport, name: str, period: str,
                          current: Period | None) -> Document:
    """The report as a store made from it by ``reportgen import`` assembles it: the
    earlier Word file is made from this, as the current one is from the store.  A
    masthead field the Markdown does not give (a conversion may lose the symbol) is
    taken from ``current``: not knowing it is no reason to show it changed."""
    from .assemble import assemble_report
    from .importer import workspace_files
    from .store import load_store, unset_fields

    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as folder:
        for relative, text in workspace_files(report, period, folder).items():
            target = Path(folder, relative)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        store, log = load_store(Path(folder))
        if store is not None and current is not None and period in store.periods:
            store.periods[period] = store.periods[period].model_copy(update={
                unset: getattr(current, unset) for unset, _ in unset_fields(store, period)})
        doc = assemble_report(store, period, log) \
            if store is not None and not log.errors else None
    if doc is None:
        first = log.errors[0]
        raise _error(name, None, f"cannot be read back as a report: {first.message}")
    return doc


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
        try:
            parsed = parse_paragraphs(md, text)
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
        paragraph_words = words(paragraph.text)
        notes = [Note(note_numbers[label], tuple(words(texts[label])))
                 for label in note_numbers if label not in before and label in texts]
        passages.append(Passage(paragraph.number, tuple(paragraph_words), notes,
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
    submitted, perhaps edited since).  It reads ``word/document.xml`` and
    ``word/footnotes.xml`` with lxml, accepts the file's own revisions (inserted text
    kept, deleted and moved-away text dropped, a paragraph whose mark was deleted joined
    to the next), drops comment marks, and returns:

    * the package with those two parts so accepted, from which the redline is made;
    * its numbered paragraphs (text that opens with "12." and a tab, as reportgen writes
      it) as :class:`Passage` objects, with the notes each calls first and the
      cross-references ("para. 12", links to a paragraph's bookmark) it makes;
    * its headings (paragraph styles ``Heading1`` to ``Heading9``, and ``ItalicHeading`` and ``ItalicHeading1`` to ``ItalicHeading6``
      one level below the heading before it), each with the paragraph that follows it.

    The package is opened by :mod:`reportgen.wordread`, the reader ``reportgen merge``
    uses, within the same limits; paragraphs are read from the document itself."""
    import zipfile

    from lxml import etree

    from .wordread import WordReadError, parse_part, read_parts

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

    def text_of(element) -> list[Word]:
        words: list[Word] = []
        pending = ""

        def flush(space_before: bool) -> None:
            nonlocal pending
            if pending:
                words.extend(words_of_text(pending, space_before))
            pending = ""

        for item in element.iter(f"{w}t", f"{w}tab", f"{w}br", f"{w}noBreakHyphen",
                                 f"{w}footnoteReference", f"{w}hyperlink"):
            if item.tag == f"{w}hyperlink":  # a link to a paragraph is a reference
                if not (item.get(f"{w}anchor") or "").startswith("para_"):
                    continue
                shown = "".join(t.text or "" for t in item.iter(f"{w}t"))
                numbers = [int(n) for n in re.findall(r"\d+", shown)]
                if numbers:
                    flush(bool(words))
                    space = bool(words) and (words[-1].text != "(")
                    words.append(Word(shown, space, refs=tuple(range(numbers[0],
                                                                     numbers[-1] + 1))))
                    item.set("read", "1")
                continue
            if any(a.get("read") for a in item.iterancestors(f"{w}hyperlink")):
                continue
            if item.tag == f"{w}t":
                pending += item.text or ""
            elif item.tag in (f"{w}tab", f"{w}br"):
                pending += " "
            elif item.tag == f"{w}noBreakHyphen":  # as the writer wrote U+2011
                pending += "\u2011"
            elif item.get(f"{w}customMarkFollows") not in ("1", "true", "on"):
                flush(bool(words))
                words.append(Word("", note=True, space=False))
        flush(bool(words))
        return words

    note_text = {n.get(f"{w}id"): tuple(text_of(n)) for n in notes.iter(f"{w}footnote")} \
        if notes is not None else {}

    def plain(p) -> str:
        """A paragraph's text, lines apart, without a note call's own mark ('*')."""
        return "".join((t.text or "") if t.tag == f"{w}t" else "\n" if t.tag == f"{w}br"
                       else "\t" for t in p.iter(f"{w}t", f"{w}tab", f"{w}br")
                       if t.getparent().find(f"{w}footnoteReference") is None)

    masthead: dict[str, str] = {}
    particulars: list[str] = []
    for p in body.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        style = style.get(f"{w}val", "") if style is not None else ""
        if style == "MastheadBand":
            masthead["symbol"] = plain(p).rpartition("\t")[2].strip()
        elif style == "MastheadParticulars" and plain(p).strip():
            particulars.append(plain(p).strip())
        elif style == "MastheadSession":
            lines = [line.strip() for line in plain(p).split("\n")]
            masthead.update(zip(("session", "venue_dates", "agenda_item"), lines, strict=False))
            mark = p.find(f".//{w}footnoteReference[@{w}customMarkFollows]")
            if mark is not None and notes is not None:
                note = notes.find(f"{w}footnote[@{w}id='{mark.get(f'{w}id')}']")
                if note is not None:  # its text after the '*' and the tab
                    masthead["agenda_note"] = plain(note).partition("\t")[2].strip()
        elif style == "DocumentTitle":
            masthead["title"] = plain(p).strip()
    if len(particulars) > 1:  # 'Distr.: General', then the date of issue
        masthead["issued"] = particulars[1]
    passages: list[Passage] = []
    headings: list[HeadingAt] = []
    waiting: list[tuple[int, str | None, str]] = []
    place, level, outer, called = "", 0, 0, 0
    seen_notes: set[str] = set()
    for p in body.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        style = style.get(f"{w}val", "") if style is not None else ""
        text = "".join((t.text or "") if t.tag == f"{w}t" else "\t"
                       for t in p.iter(f"{w}t", f"{w}tab"))
        heading = re.fullmatch(r"Heading([1-9])", style)
        if heading or style.startswith("ItalicHeading"):
            if heading:
                level = outer = int(heading[1])
            else:  # an unnumbered heading: one level below the last numbered one
                level = outer + 1
            label, tab, title = text.partition("\t")
            waiting.append((level, label if tab else None, title if tab else text))
            place = text
            continue
        number = re.match(r"(\d+)\.\t", text)
        if number is None:
            continue
        refs = [r for r in p.iter(f"{w}footnoteReference")
                if r.get(f"{w}customMarkFollows") not in ("1", "true", "on")]
        notes_here = []
        for ref in refs:
            ident = ref.get(f"{w}id")
            if ident not in seen_notes:
                seen_notes.add(ident)
                called += 1
                notes_here.append(Note(called, note_text.get(ident, ())))
        words = text_of(p)
        skip = len(words_of_text(number[1] + "."))  # the number is not the paragraph's text
        body_words = words[skip:]
        if body_words:
            first = body_words[0]
            body_words[0] = Word(first.text, False, first.note, first.refs)
        numbered = int(number[1])
        headings += [HeadingAt(lv, lb, tt, numbered) for lv, lb, tt in waiting]
        waiting = []
        passages.append(Passage(numbered, tuple(body_words), notes_here, place=place))
    headings += [HeadingAt(lv, lb, tt, None) for lv, lb, tt in waiting]
    if not passages:
        raise _error(name, None, "has no numbered paragraphs; not a report to compare with")
    for part, root in (("word/document.xml", body), ("word/footnotes.xml", notes)):
        if root is not None:
            for item in root.iter(f"{w}hyperlink"):
                item.attrib.pop("read", None)
            parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for filename, part in parts.items():
            target.writestr(filename, part)
    return Baseline(name, passages, docx=out.getvalue(), headings=headings,
                    masthead=MastheadText(**masthead) if masthead else None)


# -- a git revision of the workspace ---------------------------------------------------------

def _git_document(revision: str, root: Path, period: str, language: str | None) -> Document:
    from .assemble import assemble_report
    from .editions import edition_store
    from .store import load_store

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
