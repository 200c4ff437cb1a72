"""The provenance of a report: which store text each of its paragraphs is made from.

The assembler calls :func:`report_provenance` once the report's blocks are parsed; the
Word writer turns it into the marks of :mod:`reportgen.provenance`.
"""

from __future__ import annotations

from .content.store import Store
from .content.variables import FactLookupError, TextExpander, VariableError, variables_in
from .provenance import Provenance, Review, SourceText, Variable, fingerprint


def _sealed(found: Provenance) -> Provenance:
    """``found`` with the fingerprint of the store as the document read it: every text
    it was made from, with the file it came from, so that the same store always gives
    the same fingerprint, and a change elsewhere in the store does not change it."""
    parts = [found.period, found.symbol, found.language, found.document]
    for key in sorted(found.texts):
        text = found.texts[key]
        parts += [*key, text.file, text.source, *(v.value for v in text.variables)]
    found.store = fingerprint("\0".join(parts))
    return found


def report_provenance(store: Store, key: str, expander: TextExpander, block_ids: list[str],
                      heading_ids: set[str], symbol: str, language: str, document: str,
                      translated: bool, original: TextExpander | None = None) -> Provenance:
    """Where each block, heading and masthead field of period ``key``'s report comes from.

    In a language edition the fields named are the translations (``translations.fr.text``);
    a text the edition prints untranslated (``store.untranslated``) printed its variables
    as the original does, through ``original``."""
    prefix = f"translations.{language}." if translated else ""
    found = Provenance("", key, symbol, language, document, prefix)
    blocks = {block.id: block for block in store.blocks}
    for ident in block_ids:
        block = blocks[ident]
        path = store.where("block", ident).path
        def expanding(field: str, ident=ident) -> TextExpander:
            return (original if original is not None
                    and ("block", ident, field) in store.untranslated else expander)

        found.add(SourceText("block", ident, prefix + "text", path, block.text,
                             _variables(store, key, expanding("text"), block.text)))
        if block.review:
            found.reviews[ident] = tuple(Review(n.author, n.date or "", n.text, n.anchor)
                                         for n in block.review)
        for label, note in block.footnotes.items():
            found.add(SourceText("block", ident, f"{prefix}footnotes.{label}", path, note,
                                 _variables(store, key, expanding(f"footnotes.{label}"),
                                            note)))
    for node in _walk(store.outline):
        if node.id in heading_ids:
            found.add(SourceText("heading", node.id, prefix + "title",
                                 store.where("heading", node.id).path, node.title))
    series_path = store.where("series", "series").path
    period_path = store.where("period", key).path
    for name in ("organ", "title", "subtitle"):
        found.add(SourceText("masthead", name, prefix + name, series_path,
                             getattr(store.series, name)))
    agenda = store.periods[key].agenda_title
    if agenda:
        found.add(SourceText("masthead", "agenda_title", prefix + "agenda_title", period_path,
                             agenda))
    return _sealed(found)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.sections)


def _variables(store: Store, key: str, expander: TextExpander, text: str) -> tuple[Variable, ...]:
    if "{{" not in text:
        return ()
    found: list[Variable] = []
    for expression, name in variables_in(text):
        try:
            value = expander.expand(expression)
        except (VariableError, FactLookupError):
            continue
        kind, _, ident = name.partition(".")
        where = store.places.get(("fact", ident) if kind == "fact" else ("period", key))
        found.append(Variable(name, where.path if where else "content", value))
    return tuple(found)


#: the fields of a press release, statement or brief that a merge may change
DOCUMENT_FIELDS = ("title", "subtitle", "salutation", "lead", "body", "closing")


def document_provenance(store: Store, source, key: str, expander: TextExpander,
                        highlighted: list[str], symbol: str, language: str, name: str,
                        translated: bool, original: TextExpander | None = None) -> Provenance:
    """Where the texts of a press release, statement or brief (``source``, as the
    edition reads it) come from: its own fields, and the summaries of the highlighted
    blocks it gathers; a field the edition prints untranslated printed its variables
    as the original does, through ``original``."""
    prefix = f"translations.{language}." if translated else ""
    found = Provenance("", key, symbol, language, name, prefix)
    path = store.where("document", source.id).path
    for field_name in DOCUMENT_FIELDS:
        text = getattr(source, field_name)
        if text:
            untranslated = ("document", source.id, field_name) in store.untranslated
            found.add(SourceText("document", source.id, prefix + field_name, path, text,
                                 _variables(store, key, original if untranslated and original
                                            else expander, text)))
    for label, note in source.footnotes.items():
        untranslated = ("document", source.id, f"footnotes.{label}") in store.untranslated
        found.add(SourceText("document", source.id, f"{prefix}footnotes.{label}", path, note,
                             _variables(store, key, original if untranslated and original
                                        else expander, note)))
    blocks = {block.id: block for block in store.blocks}
    for ident in highlighted:
        summary = blocks[ident].summary
        if summary:
            untranslated = ("block", ident, "summary") in store.untranslated
            found.add(SourceText("block", ident, prefix + "summary",
                                 store.where("block", ident).path, summary,
                                 _variables(store, key, original if untranslated and original
                                            else expander, summary)))
    return _sealed(found)
