"""The earlier version a redline compares with: a report in Markdown, or a git revision.

A file is read by the importer's own reader (:func:`reportgen.importer.read_report`), so
whatever ``reportgen import`` understands (reportgen's ``report.md``, a conversion of an
issued document such as seed 004) can serve as a baseline.  ``git:REV`` takes the
workspace's ``content/`` as it was at revision REV and assembles that store's report of
the period, exactly as a build of that revision would.
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
from .models import Period
from .errors import ContentError, Problem, ProblemLog, ReportgenError
from .importer import ImportedReport, read_report
from .markup import MarkupError, make_parser, parse_paragraphs
from .plainfiles import FileTooLarge, NotPlainFile, read_plain
from .redline import (HeadingAt, Note, Passage, Word, headings_of_document, passages_of_document,
                      words_of_inline, words_of_text)
from .yamlsource import MAX_FILE_BYTES

GIT_PREFIX = "git:"


@dataclass
class Baseline:
    """The earlier version: its paragraphs as compared, and what its Word file is made
    from (the document model it assembles to; or, for a Word baseline, the file)."""

    name: str  # as the user gave it: a path or git:REV
    passages: list[Passage]
    document: Document | None = None
    docx: bytes | None = None
    headings: list[HeadingAt] = field(default_factory=list)
    masthead: Masthead | None = None


def read_baseline(spec: str, root: Path, period: str, current: Period | None = None) -> Baseline:
    """The baseline named by ``spec``; a bad one raises a one-line error.  ``current``:
    the period as the store has it now, for what a report in Markdown does not say."""
    if spec.startswith(GIT_PREFIX):
        doc = _git_document(spec[len(GIT_PREFIX):], root, period)
        return _of_document(spec, passages_of_document(doc), doc)
    report = read_markdown_report(Path(spec), period)
    return _of_document(spec, passages_of_imported(report),
                        _document_of_imported(report, spec, period, current))


def _of_document(name: str, passages: list[Passage], doc: Document) -> Baseline:
    return Baseline(name, passages, doc, headings=headings_of_document(doc),
                    masthead=doc.masthead)


# -- a report in Markdown --------------------------------------------------------------------

def read_markdown_baseline(path: Path, period: str) -> list[Passage]:
    """The numbered paragraphs of a report in Markdown, as compared."""
    return passages_of_imported(read_markdown_report(path, period))


def read_markdown_report(path: Path, period: str) -> ImportedReport:
    name = str(path)
    try:  # a named pipe or a link in the report's place is refused, not waited on
        data = read_plain(path, MAX_FILE_BYTES)
    except (NotPlainFile, FileTooLarge) as exc:
        raise _error(name, None, exc.reason) from None
    except OSError as exc:
        raise _error(name, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(name, data[:exc.start].count(b"\n") + 1, "not UTF-8 text") from None
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


# -- a git revision of the workspace ---------------------------------------------------------

def _git_document(revision: str, root: Path, period: str) -> Document:
    from .assemble import assemble_report
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
    archive = subprocess.run(["git", "-C", str(top), "archive", "--format=tar",
                              "--prefix=content/", f"{commit}:{content}"],
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise _error(name, None, f"cannot read content/ at revision '{revision}': "
                                 f"{_first_line(archive.stderr)}")
    with tempfile.TemporaryDirectory(prefix="reportgen-redline-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        store, log = load_store(Path(folder))
        if store is not None and not log.errors and period not in store.periods:
            raise _error(name, None, f"the store at revision '{revision}' has no period {period}")
        doc = assemble_report(store, period, log) if store is not None and not log.errors else None
    if doc is None:
        raise ContentError([Problem(f"{name}:{p.path}", p.line, p.message)
                            for p in log.errors])
    return doc


def _git(root: Path, name: str, args: list[str], failure: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
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
