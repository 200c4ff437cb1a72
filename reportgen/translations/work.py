"""The texts of a period's report to translate into one language, and where their
translations go in the content files.

Each text field the report prints is one ``Field``: a block's text and each of its
footnotes, each heading the period prints, the masthead's place and agenda title, the
series' organ and title.  A field's translation is new (there is none), stale (its
recorded source fingerprint no longer matches), current (it matches) or unverified
(typed without a fingerprint).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.models import Block, OutlineNode
from ..content.store import Store
from ..provenance import fingerprint
from .fingerprints import source_text

#: the states of a field's translation
NEW, STALE, CURRENT, UNVERIFIED = "new", "stale", "current", "unverified"


@dataclass(frozen=True)
class Field:
    """One text field of the store, its translation into a language, and its place."""

    unit: str          # the unit id prefix in an XLIFF file: 'b.cop-tenth.text'
    kind: str          # 'block', 'heading', 'period', 'series'
    name: str          # block id, heading id, period key, 'series'
    field: str         # 'text', 'footnotes.cop', 'title', 'venue'
    path: str          # the content file, as shown ('content/blocks/cop-tenth.yml')
    line: int
    #: where the field's ``translations:`` mapping is in its file (keys and list
    #: positions from the top), for writing an imported translation
    at: tuple
    source: str
    translation: str | None
    state: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.source)

    @property
    def name_path(self) -> tuple[str, ...]:
        """The translated field's keys under the language ('footnotes', 'cop')."""
        return tuple(self.field.split(".", 1))


def fields_of(store: Store, key: str, code: str) -> list[Field]:
    """Every text field the ``key`` report prints, with its translation into ``code``."""
    out: list[Field] = []
    series_where = store.where("series", "series")
    for name in ("organ", "title", "subtitle", "author", "emblem_alt"):
        out += _field(store.series, "series", "series", name, f"s.{name}", series_where.path,
                      series_where.line, (), code)
    period = store.periods[key]
    where = store.where("period", key)
    for name in ("venue", "agenda_title"):
        out += _field(period, "period", key, name, f"p.{name}", where.path, where.line, (),
                      code)
    blocks = [b for b in store.blocks if store.period_of(b) == key and key not in b.left_out]
    places = {b.place for b in blocks}
    for path, node in _headings(store.outline, ()):
        if _holds(node, places):
            where = store.where("heading", node.id)
            out += _field(node, "heading", node.id, "title", f"h.{node.id}", where.path,
                          where.line, path, code)
    for block in sorted(blocks, key=lambda b: b.id):
        out += _block_fields(store, block, code)
    return out


def _block_fields(store: Store, block: Block, code: str) -> list[Field]:
    where = store.where("block", block.id)
    out = _field(block, "block", block.id, "text", f"b.{block.id}.text", where.path,
                 where.line, (), code)
    for label in block.footnotes:
        out += _field(block, "block", block.id, f"footnotes.{label}", f"b.{block.id}.fn.{label}",
                      where.path, where.line, (), code)
    return out


def _field(model, kind: str, name: str, field: str, unit: str, path: str, line: int,
           at: tuple, code: str) -> list[Field]:
    source = source_text(model, field)
    if not source:
        return []
    default = type(model).model_fields.get(field.split(".")[0])
    if default is not None and source == default.default and kind == "series":
        return []  # a default the language rules print ('United Nations')
    given = model.translations.get(code)
    translation = source_text(given, field) if given is not None else None
    recorded = getattr(given, "sources", {}).get(field) if given is not None else None
    if translation is None:
        state = NEW
    elif recorded is None:
        state = UNVERIFIED
    else:
        state = CURRENT if recorded == fingerprint(source) else STALE
    return [Field(unit, kind, name, field, path, line, at + ("translations",), source,
                  translation, state)]


def _headings(nodes: list[OutlineNode], at: tuple):
    for i, node in enumerate(nodes):
        yield at + (i,), node
        yield from _headings(node.sections, at + (i, "sections"))


def _holds(node: OutlineNode, places: set[str]) -> bool:
    return node.id in places or any(_holds(n, places) for n in node.sections)
