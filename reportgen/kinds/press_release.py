"""A press release: its lead set apart, opening with the place and date, and its
quotations set apart after the text."""

from __future__ import annotations

from ..model.nodes import Layout
from . import parts

#: the fields of a new press release, after its kind, id and date (``reportgen new``)
STARTER = ('title: "Write the headline here"\n'
           'dateline: "Write the place here"\n'
           "lead: |\n"
           "  Write the opening paragraph here.\n"
           "body: |\n"
           "  Write the text here. A blank line starts a new paragraph.\n"
           "contact: []\n"
           "related: []\n")


def label(doc) -> str:
    return doc.words.press_release


def layout(doc) -> Layout:
    return Layout(
        head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc),
              *parts.speaker(doc)],
        body=[*parts.text(doc, "salutation"),
              *parts.text(doc, "lead", set_apart=True, dateline=doc.dateline_and_date),
              *parts.key_figures(doc), *parts.chart(doc), *parts.highlights(doc),
              *parts.text(doc, "body"), *parts.quotations(doc), *parts.text(doc, "closing"),
              *parts.sources(doc), *parts.contact(doc)],
        end=parts.notes(doc))
