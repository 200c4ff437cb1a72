"""``reportgen check``: the whole store validated, and each period's report checked
against the rules (reportgen.rules) without writing anything.  Notes besides: reviewers'
comments still kept on blocks, and paragraphs carried over word for word from the
previous period's built report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..assemble import assemble_report
from ..content.store import Store, load_store
from ..errors import ProblemLog
from ..model.document import Document
from ..rules import lint_period, lint_stale_facts, lint_unused_facts


@dataclass
class CheckResult:
    log: ProblemLog
    words: dict[str, int] = field(default_factory=dict)  # period -> word count


def check(root, periods: list[str] | None = None) -> CheckResult:
    """Validate everything under ``root`` and lint the reports of ``periods`` (default all)."""
    store, log = load_store(root)
    result = CheckResult(log)
    if store is None or log.errors:
        return result
    keys = periods or sorted(store.periods)
    documents = []
    for key in keys:
        if key not in store.periods:
            log.error("content/periods", None, f"unknown period '{key}'")
            continue
        period_log = ProblemLog()
        doc = assemble_report(store, key, period_log)
        log.problems += period_log.problems
        if doc is None:
            continue
        documents.append(doc)
        documents += _other_documents(store, key, doc, log)
        result.words[key] = lint_period(store, doc, log)
        note_carried_over(root, store, doc, log)
    if not periods and not log.errors:  # a text with an error has not quoted its facts
        lint_unused_facts(store, documents, log)
    note_reviews(store, keys, log)
    from ..content.editions import warn_stale

    warn_stale(store, log)
    return result


def note_reviews(store: Store, keys: list[str], log: ProblemLog) -> None:
    """Reviewers' comments kept on the blocks of ``keys`` (``reportgen merge`` took them
    from a Word file): each a note, until the writer deals with it and removes it."""
    for block in store.blocks:
        if not block.review or not any(store.in_period(block, key) for key in keys):
            continue
        where = store.where("block", block.id)
        doc = store.block_docs[block.id]
        for index, review in enumerate(block.review):
            on = f" on '{review.anchor}'" if review.anchor else ""
            log.note(where.path, doc.line_of(("review", index)),
                     f"comment by {review.author or 'a reviewer'}{on}: {review.text}")


def _other_documents(store: Store, key: str, report: Document, log: ProblemLog) -> list:
    """The period's briefs, press releases and statements (checked; their facts count as used)."""
    from ..briefs import assemble_brief, documents_of
    from ..output import KINDS

    found = [assemble_brief(store, source, report, log)
             for source in documents_of(store, key, set(KINDS))]
    found = [doc for doc in found if doc is not None]
    for doc in found:
        lint_stale_facts(store, doc, log)
    return found


def note_carried_over(root, store: Store, doc: Document, log: ProblemLog) -> None:
    """Paragraphs the report keeps word for word from the previous period's built report
    (build/<previous>/report.md): standing text that may need updating.  A note, since
    much standing text rightly stays as it was."""
    from pathlib import Path

    earlier = [key for key in sorted(store.periods) if key < doc.period]
    built = Path(root) / "build" / earlier[-1] / "report.md" if earlier else None
    if built is None or not built.is_file():
        return
    from ..errors import ReportgenError  # the comparison is loaded only when there is one
    from ..redline.baseline import read_markdown_baseline
    from ..redline.compare import MOVED, UNCHANGED, compare, passages_of_document

    try:
        previous = read_markdown_baseline(built, earlier[-1])
    except ReportgenError:
        return  # not a report we can read: nothing to say about it
    for change in compare(previous, passages_of_document(doc)).changes:
        if change.status in (UNCHANGED, MOVED) and not change.edited:
            where = store.where("block", change.new.block_id)
            line = store.block_docs[change.new.block_id].text_start(("text",))
            log.note(where.path, line,
                     f"paragraph {change.new.number} is carried over word for word from the "
                     f"{earlier[-1]} report (paragraph {change.old.number} there); "
                     f"check that it still holds")
