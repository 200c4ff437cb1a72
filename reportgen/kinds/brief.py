"""A period's brief (a fact sheet): its key figures, chart and highlights of the report,
between the lead and the text."""

from __future__ import annotations

from ..model.nodes import Layout
from . import parts

#: the fields of a new brief, after its kind, id, date and period (``reportgen new``)
STARTER = ('title: "Write the title here"\n'
           "lead: |\n"
           "  Write the opening paragraph here.\n"
           "figures: []    # names of facts shown as key figures\n"
           "related: []\n")


def label(doc) -> str:
    return f"{doc.words.fact_sheet} \u00b7 {doc.period.replace('-', chr(0x2013))}"


def layout(doc) -> Layout:
    return Layout(
        head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc),
              *parts.speaker(doc)],
        body=[*parts.text(doc, "salutation"), *parts.text(doc, "lead"),
              *parts.key_figures(doc), *parts.chart(doc), *parts.highlights(doc),
              *parts.text(doc, "body"), *parts.quotations(doc), *parts.text(doc, "closing"),
              *parts.sources(doc), *parts.contact(doc)],
        end=parts.notes(doc))
