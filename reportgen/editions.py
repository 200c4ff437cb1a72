"""A language edition of the store: every text field replaced by its translation.

Each content file may carry ``translations:``, a map from language code to the same
fields in that language (see reportgen.models).  ``edition_store`` gives the store as an
edition in one language reads it; the document model is then assembled and numbered
from it exactly as for the original.  Text with no translation is kept in the original
language behind the language's 'untranslated' mark, and each such file is a warning
naming the file, its line and the language; a paragraph is never left empty.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pydantic import BaseModel

from .errors import ProblemLog
from .languages import LANGUAGES, Language
from .models import Block, DocumentFile, OutlineNode
from .store import Store
from .yamlsource import YamlDoc

#: where a paragraph starts: the text's start or after a blank line, not a list item
_PARAGRAPH_START = re.compile(r"(?:\A|\n[ \t]*\n)(?![ \t]|[-*+][ \t]|\d+[.)][ \t]|\Z)")


def edition_store(store: Store, code: str, periods: list[str], log: ProblemLog) -> Store:
    """The store as the ``code`` edition of ``periods`` reads it (``store`` itself for the
    series' own language)."""
    if code == store.series.language:
        return store
    edition = _Edition(store, LANGUAGES[code], set(periods), log)
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
        outline=[edition.heading(node) for node in store.outline],
        facts={name: edition.fields(fact, "fact", name, ("label",))
               for name, fact in store.facts.items()},
        blocks=[edition.block(block) for block in store.blocks],
        block_docs={ident: _rebased(doc, code) for ident, doc in store.block_docs.items()},
        documents=[edition.document(doc) for doc in store.documents],
        document_docs={ident: _rebased(doc, code) for ident, doc in store.document_docs.items()},
    )


class _Edition:
    def __init__(self, store: Store, lang: Language, periods: set[str], log: ProblemLog):
        self.store, self.lang, self.periods, self.log = store, lang, periods, log

    def _warn(self, kind: str, name: str, what: str) -> None:
        where = self.store.places.get((kind, name))
        english = LANGUAGES["en"].names[self.lang.code]
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
        translated = self.fields(node, "heading", node.id, ("title",))
        return translated.model_copy(update={"sections": [self.heading(n) for n in node.sections]})

    def block(self, block: Block) -> Block:
        if self.store.period_of(block) not in self.periods:
            return block
        given = block.translations.get(self.lang.code)
        if given is None:
            self._warn("block", block.id, f"block '{block.id}'")
            return block.model_copy(update={
                "text": self.mark(block.text), "summary": self.mark(block.summary),
                "footnotes": {label: self.mark(t) for label, t in block.footnotes.items()}})
        notes, missing = self._notes(block.footnotes, given.footnotes)
        missing = ["text"] * (given.text is None) + [f"footnotes {', '.join(missing)}"] * bool(missing)
        if missing:
            self._warn("block", block.id, f"block '{block.id}' ({'; '.join(missing)})")
        return block.model_copy(update={
            "text": self.mark(block.text) if given.text is None else given.text, "footnotes": notes,
            "summary": given.summary or self.mark(block.summary)})

    def _titled(self, part, given):
        """A speaker or chart with its ``title`` in the edition's language, and whether
        that title is left untranslated (then it is shown marked)."""
        if part is None or part.title is None:
            return part, False
        if given is not None:
            return part.model_copy(update={"title": given.title}), False
        return part.model_copy(update={"title": self.mark(part.title)}), True

    def _notes(self, original: dict[str, str], given: dict[str, str]):
        missing = [label for label in original if label not in given]
        return ({label: given.get(label) or self.mark(text) for label, text in original.items()},
                missing)

    def document(self, doc: DocumentFile) -> DocumentFile:
        if self.store.period_of(doc) not in self.periods:
            return doc
        given = doc.translations.get(self.lang.code)
        texts = ("title", "subtitle", "issuer", "dateline", "occasion", "salutation", "lead",
                 "body", "closing")
        if given is None:
            self._warn("document", doc.id, f"{doc.kind} '{doc.id}'")
            update = {name: self.mark(getattr(doc, name)) for name in texts}
            update["footnotes"] = {label: self.mark(t) for label, t in doc.footnotes.items()}
            update["notes"] = [self.mark(t) for t in doc.notes]
            update["quotes"] = [q.model_copy(update={"text": self.mark(q.text)}) for q in doc.quotes]
            update["speaker"], _ = self._titled(doc.speaker, None)
            update["chart"], _ = self._titled(doc.chart, None)
            return doc.model_copy(update=update)
        update = {name: getattr(given, name) if getattr(given, name) is not None
                  else self.mark(getattr(doc, name)) for name in texts}
        update["speaker"], speaker_missing = self._titled(doc.speaker, given.speaker)
        update["chart"], chart_missing = self._titled(doc.chart, given.chart)
        update["footnotes"], missing = self._notes(doc.footnotes, given.footnotes)
        update["notes"] = (given.notes + [self.mark(t) for t in doc.notes[len(given.notes):]])
        update["contact"] = given.contact or doc.contact
        update["quotes"] = [q.model_copy(update=(
            {"text": given.quotes[i].text, "title": given.quotes[i].title or q.title}
            if i < len(given.quotes) else {"text": self.mark(q.text)}))
            for i, q in enumerate(doc.quotes)]
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
