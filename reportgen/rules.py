"""The rules an assembled report is checked against, by ``build`` and by ``check``.

Loading and assembling find what makes a build fail (bad files, unknown places, facts,
periods and cross-references, undefined or uncalled footnotes, malformed symbols, dates
outside every period); the rules here add what a build tolerates but an editor would not.
Each rule is a small function that adds problems to the log.  ``lint_period`` runs the
rules of one period's report: both commands give the same warnings for a period.
"""

from __future__ import annotations

import re

from .content.store import Store
from .errors import ProblemLog
from .model.document import Document

#: words allowed in a report of the Secretariat (body, headings and footnotes)
WORD_LIMIT = 8500
_WORD = re.compile(r"[^\W_]+(?:[-\u2011’'./][^\W_]+)*")


def lint_period(store: Store, doc: Document, log: ProblemLog) -> int:
    """The rules for one period's report, which ``build`` runs as well, so that both
    commands give the same warnings for a period; returns the report's word count."""
    words = word_count(doc)
    lint_length(store, doc, words, log)
    lint_empty_paragraphs(store, doc, log)
    lint_stale_facts(store, doc, log)
    lint_single_subheadings(store, doc, log)
    lint_empty_parts(store, doc, log)
    return words


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def word_count(doc: Document) -> int:
    """Words of the body, headings and footnotes, as the length rule counts them, tables
    and figures included: the limit is of the document's whole printed text (the count
    conference services make of the Word file takes in every table cell), so a table's
    title, cells, source and notes count, and a figure's title, source and notes. A
    figure's alternative text is not printed, and the numbering reportgen adds ('1.',
    'Table 1', 'Annex I') is left out as paragraph numbers always were."""
    parts = [s.heading for s in doc.all_sections()]
    for paragraph in doc.paragraphs():
        parts.append(paragraph.content.text)
        parts += [item.text for lst in paragraph.lists for item in lst.items]
        parts += [run.text for exhibit in paragraph.exhibits for run in exhibit.runs()]
    parts += [note.content.text for note in doc.footnotes]
    return sum(count_words(part) for part in parts)


def lint_length(store: Store, doc: Document, words: int, log: ProblemLog) -> None:
    if words > WORD_LIMIT:
        where = store.where("period", doc.period)
        log.warning(where.path, where.line,
                    f"the {doc.period} report has {words:,} words, over the limit of "
                    f"{WORD_LIMIT:,} for Secretariat reports (a waiver is needed)")


def lint_empty_paragraphs(store: Store, doc: Document, log: ProblemLog) -> None:
    for paragraph in doc.paragraphs():
        if not paragraph.content.text.strip():
            where = store.where("block", paragraph.block_id)
            line = store.block_docs[paragraph.block_id].text_start(("text",))
            log.warning(where.path, line, f"paragraph {paragraph.number} is empty")


def lint_single_subheadings(store: Store, doc: Document, log: ProblemLog) -> None:
    """A level never has a single subheading: an A. needs a B. (in the period's report,
    where headings with nothing under them are left out)."""
    for section in doc.all_sections():
        numbered = [child for child in section.sections if child.numbered]
        if len(numbered) == 1:
            where = store.where("heading", numbered[0].id)
            log.warning(where.path, where.line,
                        f"in the {doc.period} report, '{section.heading}' has a single "
                        f"numbered subheading ('{numbered[0].heading}'); a level needs two")


def lint_empty_parts(store: Store, doc: Document, log: ProblemLog) -> None:
    """A period with nothing in it, or a chapter with nothing in the period's report
    (left out of it), is said to be so: a new period starts empty until its blocks are
    written, and a chapter can be emptied by mistake."""
    if not any(True for _ in doc.paragraphs()):
        where = store.where("period", doc.period)
        log.warning(where.path, where.line,
                    f"the {doc.period} report has no paragraphs: no block is dated in the "
                    f"period, names it or stands in it (write one with 'reportgen new block')")
        return
    printed = {section.id for section in doc.sections}
    for node in store.outline:
        if node.id not in printed:
            where = store.where("heading", node.id)
            log.warning(where.path, where.line,
                        f"chapter '{node.title}' has nothing in the {doc.period} report and "
                        "is left out of it")


def lint_stale_facts(store: Store, doc, log: ProblemLog) -> None:
    """A fact quoted with a value dated before the period's start is named where it is
    quoted (file and line of the block, brief, press release or statement); standing
    text is said to be so, since it is printed unchanged from period to period."""
    period = store.periods[doc.period]
    placed = set()
    standing = {store.where("block", item.id).path for item in store.blocks if item.standing}
    for quote in doc.fact_quotes:
        if quote.value.as_of.end >= period.start or (quote.path, quote.line, quote.name) in placed:
            continue
        placed.add((quote.path, quote.line, quote.name))
        fact = store.where("fact", quote.name)
        by = " by standing text" if quote.path in standing else ""
        log.warning(quote.path, quote.line,
                    f"fact '{quote.name}' is quoted{by} in {doc.period} with its value of "
                    f"{quote.value.as_of.written()}, older than the period's start; add a "
                    f"newer value ({fact.path}:{fact.line}) or pin this one with "
                    f".at(\"{quote.value.as_of.text}\")")


def lint_unused_facts(store: Store, documents: list[Document], log: ProblemLog) -> None:
    used = {name for doc in documents for name in doc.facts_used}
    for name in sorted(set(store.facts) - used):
        where = store.where("fact", name)
        log.warning(where.path, where.line, f"fact '{name}' is never used")
