"""A language edition of the store: every text field replaced by its translation.

Each content file may carry ``translations:``, a map from language code to the same
fields in that language (see reportgen.content.models).  ``edition_store`` gives the store as an
edition in one language reads it; the document model is then assembled and numbered
from it exactly as for the original.  A paragraph, footnote or heading of the report with
no translation is kept exactly as the original prints it (its variables, dates and
typography in the original language) and recorded in ``Store.untranslated``, so that the
formats tag it with the original's language and mark it in the edition's; once the report
is assembled, ``report_untranslated`` names each content file with text the edition
prints untranslated, with counts.  Other text with no translation (a press release's, a
brief's) is shown marked and warned about per file; a paragraph is never left empty.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel

from ..errors import ProblemLog
from ..languages import LANGUAGES, Language, language
from ..outputname import OutputName
from ..translations.fingerprints import stale_fields
from .models import Block, DocumentFile, OutlineNode
from .store import Store
from .yamlsource import YamlDoc

#: where a paragraph starts: the text's start or after a blank line, not a list item
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n)(?![ \t]|[-*+][ \t]|\d+[.)][ \t]|\Z)")


#: what an edition does with a translation older than its source: print the original in
#: its place, marked untranslated ('mark'), or print the translation anyway ('keep')
STALE_CHOICES = ("mark", "keep")


def edition_store(store: Store, lang: Language | str, periods: list[str], log: ProblemLog,
                  stale: str = "mark") -> Store:
    """The store as the ``lang`` edition of ``periods`` reads it (``store`` itself for the
    series' own language); ``stale`` says what becomes of translations older than their
    source (each is a warning either way)."""
    lang = language(lang)
    if lang.code == store.series.language:
        return store
    edition = _Edition(store, lang, set(periods), log, stale)
    outline = [edition.heading(node) for node in store.outline]
    blocks = [edition.block(block) for block in store.blocks]
    series = edition.fields(store.series, "series", "series",
                            ("organ", "title", "subtitle", "author", "emblem_alt"))
    if series.author == type(series).model_fields["author"].default:
        series = series.model_copy(update={"author": edition.lang.united_nations})
    return replace(
        store,
        series=series,
        periods={key: edition.fields(period, "period", key, ("venue", "agenda_title"),
                                     warn=key in periods)
                 for key, period in store.periods.items()},
        outline=outline,
        # a fact's label is printed only by briefs, which mark it: not worth a warning
        facts={name: edition.fields(fact, "fact", name, ("label",), warn=False)
               for name, fact in store.facts.items()},
        blocks=blocks,
        block_docs={ident: _rebased(doc, lang.code) for ident, doc in store.block_docs.items()},
        documents=[edition.document(doc) for doc in store.documents],
        document_docs={ident: _rebased(doc, lang.code) for ident, doc in store.document_docs.items()},
        untranslated=frozenset(edition.original),
        stale=frozenset(edition.stale),
    )


def warn_stale(store: Store, log: ProblemLog) -> None:
    """A warning for each translation, in any language, older than its source
    (``reportgen check``; a build warns about the editions it makes)."""
    for code, lang in LANGUAGES.items():
        if code == store.series.language:
            continue
        edition = _Edition(store, lang, set(), log)
        for block in store.blocks:
            edition._older("block", block.id, block, block.translations.get(code))
        for node in _walk(store.outline):
            edition._older("heading", node.id, node, node.translations.get(code))


def _walk(nodes: list[OutlineNode]):
    for node in nodes:
        yield node
        yield from _walk(node.sections)


def report_untranslated(edition: Store, report, log: ProblemLog) -> None:
    """One warning per content file whose text the edition ``report`` prints untranslated:
    'content/blocks/x.yml: 2 of 14 paragraphs have no French' (headings, notes likewise).
    Only what the report prints counts."""
    lang = report.lang
    english = lang.english_name
    counts: dict[str, dict[str, list[int]]] = {}

    def count(kind: str, name: str, what: str, untranslated: bool) -> None:
        where = edition.places.get((kind, name))
        tally = counts.setdefault(where.path if where else "content", {}).setdefault(what, [0, 0])
        tally[0] += untranslated
        tally[1] += 1

    def missing(kind: str, name: str, field: str, language: str | None) -> bool:
        # a stale translation printed as the original is warned about on its own
        return language is not None and (kind, name, field) not in edition.stale

    for section in report.all_sections():
        count("heading", section.id, "headings",
              missing("heading", section.id, "title", section.language))
        for paragraph in section.paragraphs:
            count("block", paragraph.block_id, "paragraphs",
                  missing("block", paragraph.block_id, "text", paragraph.language))
    for note in report.footnotes:
        count("block", note.block_id, "footnotes",
              missing("block", note.block_id, f"footnotes.{note.label}", note.language))
    for path in sorted(counts):
        parts = [f"{n} of {total} {what}" for what, (n, total) in counts[path].items() if n]
        if parts:
            log.warning(path, None, f"{' and '.join(parts)} have no {english} (translations: "
                        f"{lang.code}); the {english} edition prints the original, marked "
                        f"{lang.untranslated}")


class _Edition:
    def __init__(self, store: Store, lang: Language, periods: set[str], log: ProblemLog,
                 stale: str = "mark"):
        self.store, self.lang, self.periods, self.log = store, lang, periods, log
        self.keep_stale = stale == "keep"
        #: (kind, name, field) of the report's texts shown in the original
        self.original: set[tuple[str, str, str]] = set()
        #: (kind, name, field) of translations older than their source
        self.stale: set[tuple[str, str, str]] = set()

    def _older(self, kind: str, name: str, model: BaseModel, given) -> set[str]:
        """The fields of ``given`` older than their source, each a warning; the ones the
        edition prints as the original (all of them, unless stale ones are kept)."""
        fields = stale_fields(model, given)
        if not fields:
            return set()
        where = self.store.places.get((kind, name))
        english = self.lang.english_name
        doc = self.store.block_docs.get(name) if kind == "block" else None
        for field in fields:
            self.stale.add((kind, name, field))
            line = (doc.line_of(("translations", self.lang.code, *field.split(".", 1)))
                    if doc else where.line if where else None)
            shown = ("prints it anyway (--stale keep)" if self.keep_stale else
                     f"prints the original, marked {self.lang.untranslated}")
            self.log.warning(where.path if where else "content", line,
                             f"the {english} translation of {kind} '{name}' ({field}) is older "
                             f"than its source, which has changed since it was translated; "
                             f"the {english} edition {shown}")
        return set() if self.keep_stale else set(fields)

    def _warn(self, kind: str, name: str, what: str) -> None:
        where = self.store.places.get((kind, name))
        english = self.lang.english_name
        self.log.warning(where.path if where else "content", where.line if where else None,
                         f"{what} has no {english} translation (translations: "
                         f"{self.lang.code}); the {english} edition shows the original, "
                         f"marked {self.lang.untranslated}")

    def mark(self, text: str | None) -> str | None:
        """``text`` with the mark before each of its paragraphs (lists left as they are)."""
        if not text:
            return text
        return _PARAGRAPH_START.sub(lambda m: f"{m.group(0)}{self.lang.untranslated} ", text)

    def fields(self, model: BaseModel, kind: str, name: str, names: tuple[str, ...],
               warn: bool = True) -> BaseModel:
        given = model.translations.get(self.lang.code)
        update, missing = {}, []
        for field in names:
            original = getattr(model, field)
            value = getattr(given, field, None) if given else None
            if value is not None:
                update[field] = value
            elif original is not None and original != type(model).model_fields[field].default:
                update[field] = self.mark(original)
                missing.append(field)
            elif original is not None:
                # a default such as the subtitle 'Report of the Secretariat' is the
                # language rules' to print, not the writer's to translate
                update[field] = original
        if missing and warn:
            self._warn(kind, name, f"{kind} '{name}' ({', '.join(missing)})")
        return model.model_copy(update=update)

    def heading(self, node: OutlineNode) -> OutlineNode:
        given = node.translations.get(self.lang.code)
        title = getattr(given, "title", None) if given else None
        if "title" in self._older("heading", node.id, node, given):
            title = None
        if title is None:
            self.original.add(("heading", node.id, "title"))
        return node.model_copy(update={"title": node.title if title is None else title,
                                       "sections": [self.heading(n) for n in node.sections]})

    def block(self, block: Block) -> Block:
        """The block as the edition reads it: text and notes with no translation stay as
        written (recorded in ``original``), the summary, which briefs print, too."""
        if not set(self.store.periods_of(block)) & set(self.periods):
            return block
        given = block.translations.get(self.lang.code)
        if given is None:
            self.original.add(("block", block.id, "text"))
            self.original.update(("block", block.id, f"footnotes.{label}")
                                 for label in block.footnotes)
            if block.summary:
                self.original.add(("block", block.id, "summary"))
            return block
        older = self._older("block", block.id, block, given)
        translated = {label: note for label, note in given.footnotes.items()
                      if f"footnotes.{label}" not in older}
        self.original.update(("block", block.id, f"footnotes.{label}")
                             for label in block.footnotes if label not in translated)
        notes = {label: translated.get(label) or text for label, text in block.footnotes.items()}
        if not given.summary and block.summary:
            self.original.add(("block", block.id, "summary"))
        original_text = "text" in older or given.text is None  # only notes translated
        if original_text:
            self.original.add(("block", block.id, "text"))
        return block.model_copy(update={
            "text": block.text if original_text else given.text, "footnotes": notes,
            "summary": given.summary or block.summary})

    def _titled(self, part, given):
        """A speaker or chart with its ``title`` in the edition's language, and whether
        that title is left untranslated (then it is shown marked)."""
        if part is None or part.title is None:
            return part, False
        if given is not None:
            return part.model_copy(update={"title": given.title}), False
        return part.model_copy(update={"title": self.mark(part.title)}), True

    def _notes(self, original: dict[str, str], given: dict[str, str]):
        """A short document's notes: the translated ones, else the original's (recorded
        in ``original``, printed as the original prints them)."""
        missing = [label for label in original if label not in given]
        return ({label: given.get(label) or text for label, text in original.items()},
                missing)

    def document(self, doc: DocumentFile) -> DocumentFile:
        if self.store.period_of(doc) not in self.periods:
            return doc
        given = doc.translations.get(self.lang.code)
        texts = ("title", "subtitle", "issuer", "dateline", "occasion", "salutation", "lead",
                 "body", "closing")
        # the paragraphs of the text stay as written, printed in the original's language
        # behind the mark (reportgen.briefs); one-line fields are marked here
        paragraphs = ("salutation", "lead", "body", "closing")
        if given is None:
            self._warn("document", doc.id, f"{doc.kind} '{doc.id}'")
            self.original.update(("document", doc.id, name) for name in paragraphs)
            self.original.update(("document", doc.id, f"footnotes.{label}")
                                 for label in doc.footnotes)
            update = {name: self.mark(getattr(doc, name)) for name in texts
                      if name not in paragraphs}
            # notes and quotations: the original, set and marked as the paragraphs are
            self.original.update(("document", doc.id, f"notes.{i}") for i in range(len(doc.notes)))
            self.original.update(("document", doc.id, f"quotes.{i}.text")
                                 for i in range(len(doc.quotes)))
            update["speaker"], _ = self._titled(doc.speaker, None)
            update["chart"], _ = self._titled(doc.chart, None)
            return doc.model_copy(update=update)
        update = {name: getattr(given, name) if getattr(given, name) is not None
                  else getattr(doc, name) if name in paragraphs
                  else self.mark(getattr(doc, name)) for name in texts}
        self.original.update(("document", doc.id, name) for name in paragraphs
                             if getattr(given, name) is None)
        update["speaker"], speaker_missing = self._titled(doc.speaker, given.speaker)
        update["chart"], chart_missing = self._titled(doc.chart, given.chart)
        update["footnotes"], missing = self._notes(doc.footnotes, given.footnotes)
        self.original.update(("document", doc.id, f"footnotes.{label}") for label in missing)
        update["notes"] = given.notes + doc.notes[len(given.notes):]
        self.original.update(("document", doc.id, f"notes.{i}")
                             for i in range(len(given.notes), len(doc.notes)))
        update["contact"] = given.contact or doc.contact
        update["quotes"] = [q.model_copy(update=(
            {"text": given.quotes[i].text, "title": given.quotes[i].title or q.title}
            if i < len(given.quotes) else {}))
            for i, q in enumerate(doc.quotes)]
        self.original.update(("document", doc.id, f"quotes.{i}.text")
                             for i in range(len(given.quotes), len(doc.quotes)))
        untranslated = [n for n in texts if getattr(doc, n) and getattr(given, n) is None]
        untranslated += ["speaker title"] * speaker_missing + ["chart title"] * chart_missing
        untranslated += [f"footnote {label}" for label in missing]
        untranslated += ["quotes"] * (len(given.quotes) < len(doc.quotes))
        untranslated += ["notes"] * (len(given.notes) < len(doc.notes))
        if untranslated:
            self._warn("document", doc.id, f"{doc.kind} '{doc.id}' ({', '.join(untranslated)})")
        return doc.model_copy(update=update)


def _rebased(doc: YamlDoc, code: str) -> YamlDoc:
    """The file's line map as the edition reads it: a translated field's lines are those
    of its translation, so errors in translated text name the line they are on."""
    lines = dict(doc.lines)
    prefix = ("translations", code)
    for loc, line in doc.lines.items():
        if loc[:2] == prefix and len(loc) > 2:
            lines[loc[2:]] = line
    return YamlDoc(doc.path, doc.data, lines)


def older_editions(folder: Path, outputs: list[OutputName], made: dict[str, object],
                   kinds: tuple[str, ...], original: Language) -> list[str]:
    """One line per language edition of ``kinds`` left in ``folder`` (a period's outputs,
    ``outputs`` the ones its manifest lists) by an earlier build, now that the original
    was built again (``made``: what this build wrote): those files may say what the
    original no longer says."""
    by_language: dict[str, list[str]] = {}
    for output in sorted(outputs, key=lambda o: o.file):
        if (output.kind == "report" == output.document and "report" in kinds
                and output.language not in (None, original) and output.file not in made):
            by_language.setdefault(output.language.code, []).append(output.file)
    return [f"{folder}: the {language(code).english_name} edition ({', '.join(names)}) was "
            f"built before this build of the {original.english_name} original, and may not "
            f"say what it now says; rebuild it with --lang {code}"
            for code, names in sorted(by_language.items())]

