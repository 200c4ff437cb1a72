"""Where in the content store a problem of a laid-out PDF comes from.

The PDF is laid out from HTML in a worker process that knows nothing of the store: it
says which note, paragraph, heading or document a problem belongs to, as the HTML marks
them (see ``formats.pdf``).  The build turns that into the content file and line a
writer opens to fix it: a footnote set away from its call at its label under
``footnotes:``, text that runs past a page's edge at the text (or the footnote) it is
part of, a brief longer than its pages at the brief's file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store is loaded by the build before any origin is asked for
    from .content.store import Store


@dataclass(frozen=True)
class Source:
    path: str
    line: int | None


class LayoutOrigins:
    """Finds the source of a problem of a laid-out document of ``store``."""

    def __init__(self, store: Store):
        self.store = store

    def note(self, block: str | None, label: str | None) -> Source | None:
        """The line of footnote ``label`` of the block or document ``block``."""
        store = self.store
        for kind, docs in (("block", store.block_docs), ("document", store.document_docs)):
            if (kind, block) in store.places and block in docs:
                return Source(store.where(kind, block).path,
                              docs[block].line_of(("footnotes", label)))
        return None

    def of(self, origin: tuple[str, ...], doc) -> Source | None:
        """The source of ``origin`` (see ``formats.pdf.PageProblem``) in document ``doc``
        (the document model the PDF was made from); None where none is known."""
        kind, *names = origin or ("document",)
        if kind == "note" and len(names) == 2:
            return self.note(*names)
        if kind == "para" and names:
            number = int(names[0]) if names[0].isdigit() else None
            for paragraph in getattr(doc, "paragraphs", list)():
                if getattr(paragraph, "number", None) == number:
                    return self._text_of("block", paragraph.block_id, doc.language)
            return None
        if kind == "block" and names:
            return self._text_of("block", names[0], doc.language)
        if kind == "heading" and names and ("heading", names[0]) in self.store.places:
            place = self.store.where("heading", names[0])
            return Source(place.path, place.line)
        if kind == "masthead" and getattr(doc, "masthead", None) is not None:
            return self._masthead(names[0] if names else "", doc.period)
        if kind in ("document", "masthead"):
            ident = getattr(doc, "id", None)
            if ident is not None and ("document", ident) in self.store.places:
                place = self.store.where("document", ident)
                return Source(place.path, place.line)
        return None

    def _masthead(self, name: str, period: str) -> Source | None:
        """The line of a masthead field: the series file's (organ, title, subtitle) or
        the period file's (the rest, and the masthead as a whole)."""
        from .content.yamlsource import YamlProblem, load_yaml

        key = ("series", "series") if name in ("organ", "title", "subtitle") else ("period", period)
        if key not in self.store.places:
            return None
        place = self.store.where(*key)
        line = place.line
        if name:
            try:  # the store keeps no lines of these two files: read them again
                line = load_yaml(self.store.root / place.path).line_of((name,))
            except (YamlProblem, OSError):
                pass
        return Source(place.path, line)

    def _text_of(self, kind: str, ident: str, language: str) -> Source | None:
        """The first line of the text of block ``ident`` in ``language``: its translation's
        text in an edition that has one, else its own."""
        store = self.store
        if (kind, ident) not in store.places or ident not in store.block_docs:
            return None
        doc = store.block_docs[ident]
        translated = ("translations", language, "text")
        field = translated if translated in doc.lines else ("text",)
        return Source(store.where(kind, ident).path, doc.text_start(field))
