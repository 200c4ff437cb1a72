"""``reportgen merge EDITED.docx``: the whole merge, as the command runs it.

Reading the file, checking that it is a report of this store and period (its marks, its
store fingerprint and symbol say so), matching its paragraphs, making the plan, writing
the page, and with ``apply`` writing the content files: all of them or none.  Every
refusal is one line naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.fielderrors import field_message, field_path
from ..content.store import Store, load_store
from ..errors import ReportgenError
from ..languages import chosen_languages
from ..merge.page import page
from ..merge.plan import MergePlan, make_plan
from ..merge.units import match
from ..merge.yamledit import YamlEditError, write_all
from ..oserrors import naming
from ..provenance import VERSION, Marks, MarksError, from_xml
from ..wordread import WordPackage, WordReadError, read_package

#: the largest .docx a merge reads
FILE_LIMIT = 200 * 1024 * 1024
#: of a file without marks, the share of paragraphs that must read like the report's
_UNMARKED_MATCH = 0.5


@dataclass
class MergeResult:
    plan: MergePlan
    page: Path
    applied: bool
    marked: bool   # False: the file had lost its marks (the text alone was matched)


def _fail(name: str, message: str) -> ReportgenError:
    return ReportgenError(f"{name}: error: {message}")


def merge(root: Path, edited: Path, period: str | None = None, apply: bool = False,
          side: str | None = None, language: str | None = None,
          out: Path | None = None) -> MergeResult:
    name = str(edited)
    try:
        if edited.stat().st_size > FILE_LIMIT:
            raise _fail(name, "larger than a Word report may be")
        data = edited.read_bytes()
    except FileNotFoundError:
        raise _fail(name, "file not found") from None
    except IsADirectoryError:
        raise _fail(name, "a folder, not a .docx file") from None
    try:
        package = read_package(data)
    except WordReadError as exc:
        raise _fail(name, str(exc)) from None
    marks = _our_marks(package, name)
    store, log = load_store(root)
    log.raise_errors()
    if language == store.series.language:
        language = None
    marked = marks is not None
    if marks is None:
        marks = _current_marks(store, root, period, language, name)
    _check(store, marks, package, name, period, language)
    matched = match(package, marks)
    if not marked:
        body = [p for p in matched.placed if p.paragraph.parts[0].story == "body"]
        found = sum(1 for p in body if p.key is not None)
        if not body or found < _UNMARKED_MATCH * len(body):
            raise _fail(name, f"has no reportgen marks, and does not read like the "
                              f"{marks.period} report (made by 'reportgen build'?)")
    plan = make_plan(store, marks, matched, package, side, language)
    _would_build(root, store, plan, marks.period, name)
    out_root = out or root / "build"
    folder = out_root / marks.period
    folder.mkdir(parents=True, exist_ok=True)
    stem = marks.document or "report"
    page_path = folder / f"{stem}.merge.html"
    with naming(page_path):
        page_path.write_text(page(plan, edited.name), encoding="utf-8")
    if apply and plan.texts:
        try:
            write_all(plan.texts)
        except YamlEditError as exc:
            raise ReportgenError(str(exc)) from None
    return MergeResult(plan, page_path, apply, marked)


def _would_build(root: Path, store: Store, plan: MergePlan, period: str, name: str) -> None:
    """Refuse a merge whose content would not build (an edit that broke a variable or a
    link, say): the changed block files are read as the loader reads them, put in place
    of the old ones, and the period assembled; a change to any other file is checked
    with the whole store, read again from a copy of content/."""
    if not plan.texts:
        return
    import tempfile

    from ..assemble import assemble_report
    from ..errors import ProblemLog

    blocks_folder = (root / "content" / "blocks").resolve()
    with tempfile.TemporaryDirectory(prefix="reportgen-merge-") as folder:
        if all(path.resolve().is_relative_to(blocks_folder) for path in plan.texts):
            log = ProblemLog()
            changed = _changed_store(root, store, plan, Path(folder), log)
        else:
            changed, log = _copied_store(root, plan, Path(folder))
        if changed is not None and not log.errors and period in changed.periods:
            assemble_report(changed, period, log)
        if log.errors:
            first = log.errors[0]
            where = f"{first.path}:{first.line}" if first.line else first.path
            raise _fail(name, f"the merged content would not build ({where}: {first.message}); "
                              "nothing was changed")


def _changed_store(root: Path, store: Store, plan: MergePlan, folder: Path, log) -> Store | None:
    """``store`` with the block files the merge writes read from their new text."""
    from dataclasses import replace

    from pydantic import ValidationError

    from ..content.models import Block
    from ..content.store import Located
    from ..content.yamlsource import YamlProblem, load_yaml
    from ..errors import display_path

    blocks = {block.id: block for block in store.blocks}
    docs = dict(store.block_docs)
    places = dict(store.places)
    for number, (path, text) in enumerate(plan.texts.items()):
        shown = display_path(path, root)
        temp = folder / f"{number}.yml"
        with naming(temp):
            temp.write_text(text, encoding="utf-8")
        try:
            doc = load_yaml(temp)
            block = Block.model_validate(doc.data)
        except YamlProblem as exc:
            log.error(shown, exc.line, exc.message)
            return None
        except ValidationError as exc:
            first = exc.errors()[0]
            log.error(shown, None, f"{field_path(first['loc'])}: {field_message(first)}")
            return None
        blocks[block.id] = block
        docs[block.id] = doc
        places.setdefault(("block", block.id), Located(shown, doc.line_of(("id",))))
    return replace(store, blocks=list(blocks.values()), block_docs=docs, places=places)


def _copied_store(root: Path, plan: MergePlan, folder: Path):
    import shutil

    copy = folder / "workspace"
    shutil.copytree(root / "content", copy / "content", symlinks=True)  # templates: not read
    for path, text in plan.texts.items():
        target = copy / path.relative_to(root)
        target.parent.mkdir(parents=True, exist_ok=True)
        with naming(target):
            target.write_text(text, encoding="utf-8")
    return load_store(copy)


def _our_marks(package: WordPackage, name: str) -> Marks | None:
    for part in package.custom_xml:
        try:
            marks = from_xml(part)
        except MarksError as exc:
            if "not reportgen's" in str(exc):
                continue
            raise _fail(name, str(exc)) from None
        if marks.version > VERSION:
            raise _fail(name, f"made by a newer reportgen (marks version {marks.version}; this "
                              f"one reads version {VERSION}): update reportgen, then merge")
        return marks
    return None


def _current_marks(store: Store, root: Path, period: str | None, language: str | None,
                   name: str) -> Marks:
    """The marks the report of ``period`` would carry if built now (for a file that lost
    its own, such as one passed through pandoc): its text is matched against them."""
    from ..assemble import assemble_report
    from ..assets import template_dirs
    from ..content.editions import edition_store
    from ..errors import ProblemLog
    from ..formats.docx import find_reference, write_docx

    key = period or store.latest_period()
    if key not in store.periods:
        raise _fail(name, f"period {key} is not in this store")
    log = ProblemLog()
    lang = chosen_languages([language] if language else None, store.series.language)[0]
    edition = edition_store(store, lang, [key], log)
    report = assemble_report(edition, key, log, lang)
    if report is None:
        log.raise_errors()
    data = write_docx(report, find_reference(template_dirs(root)))
    return _our_marks(read_package(data), name)


def _check(store: Store, marks: Marks, package: WordPackage, name: str, period: str | None,
           language: str | None) -> None:
    if period is not None and period != marks.period:
        raise _fail(name, f"is the report of period {marks.period}, not {period}")
    if marks.period not in store.periods:
        raise _fail(name, f"is a report of period {marks.period}, which this store does not have")
    symbol = store.periods[marks.period].symbol
    if symbol and marks.symbol and not marks.symbol.startswith("[") and symbol != marks.symbol:
        raise _fail(name, f"is the report {marks.symbol}, not {symbol} (the period's symbol)")
    blocks = {ref for kind, ref, _ in marks.texts if kind == "block"}
    known = {block.id for block in store.blocks}
    if blocks and not blocks & known:
        raise _fail(name, "is a report of another store: none of its blocks is in content/blocks")
    documents = {ref for kind, ref, _ in marks.texts if kind == "document"}
    if documents and not documents & {document.id for document in store.documents}:
        raise _fail(name, f"is a document of another store: content/documents has no "
                          f"'{sorted(documents)[0]}'")
    wanted = chosen_languages([language] if language else None, store.series.language)[0].code
    if marks.language != wanted:
        hint = (f"merge it with --lang {marks.language}" if language is None
                else f"not the {wanted} edition")
        raise _fail(name, f"is the {marks.language} edition of the report: {hint}")
