"""The earlier version a redline compares with: a report in Markdown, or a git revision.

A file is read by the importer's own reader (:func:`reportgen.importer.read_report`), so
whatever ``reportgen import`` understands (reportgen's ``report.md``, a conversion of an
issued document such as seed 004) can serve as a baseline.  ``git:REV`` takes the
workspace's ``content/`` as it was at revision REV and assembles that store's report of
the period, exactly as a build of that revision would.
"""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem, ProblemLog, ReportgenError
from .importer import ImportedReport, read_report
from .markup import MarkupError, make_parser, parse_paragraphs
from .plainfiles import FileTooLarge, NotPlainFile, read_plain
from .redline import Note, Passage, Word, passages_of_document, words_of_inline, words_of_text
from .yamlsource import MAX_FILE_BYTES

GIT_PREFIX = "git:"


@dataclass
class Baseline:
    name: str  # as the user gave it: a path or git:REV
    passages: list[Passage]


def read_baseline(spec: str, root: Path, period: str) -> Baseline:
    """The baseline named by ``spec``; a bad one raises a one-line error."""
    if spec.startswith(GIT_PREFIX):
        return Baseline(spec, _git_passages(spec[len(GIT_PREFIX):], root, period))
    return Baseline(spec, read_markdown_baseline(Path(spec), period))


# -- a report in Markdown --------------------------------------------------------------------

def read_markdown_baseline(path: Path, period: str) -> list[Passage]:
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
    return passages_of_imported(report)


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

def _git_passages(revision: str, root: Path, period: str) -> list[Passage]:
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
        doc = assemble_report(store, period, log) if store is not None and not log.errors else None
    if doc is None:
        raise ContentError([Problem(f"{name}:{p.path}", p.line, p.message)
                            for p in log.errors])
    return passages_of_document(doc)


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
