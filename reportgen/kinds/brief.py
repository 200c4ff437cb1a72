"""A period's brief (a fact sheet): its key figures, chart and highlights of the report,
between the lead and the text."""

from __future__ import annotations

from . import NewCommand

#: the fields of a new brief, after its kind, id, date and period (``reportgen new``)
STARTER = ('title: "Write the title here"\n'
           "lead: |\n"
           "  Write the opening paragraph here.\n"
           "figures: []    # names of facts shown as key figures\n"
           "related: []\n")

#: a period has one brief, named 'brief' (not dated, no id in its file name)
ONE_A_PERIOD = True

#: what it draws from the facts and the report: key figures, a chart, highlights
FROM_REPORT = ("figures", "chart", "highlights")

#: its name on the page, by language ('Fact sheet · 2020–2022')
WORDS = {"en": "Fact sheet", "fr": "Fiche d'information", "es": "Hoja informativa",
         "ru": "Информационный бюллетень", "ar": "صحيفة وقائع", "zh": "概况介绍"}

NEW = NewCommand(
    summary="Write the brief of a period in content/documents/<id>.yml, ready to edit.",
    example="reportgen new brief --period 2022-2024",
    id_help="Id of the brief (default: brief-<period>).",
    date_help="Date of issue, YYYY-MM-DD, within the period (default: none).",
    period_help="Period of the brief (default: the latest).")


def label(doc) -> str:
    return f"{WORDS[doc.language]} \u00b7 {doc.period.replace('-', chr(0x2013))}"


def layout(doc):
    from ..model.nodes import Layout  # not for the command line's start
    from . import parts

    return Layout(
        head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc),
              *parts.speaker(doc)],
        body=[*parts.text(doc, "salutation"), *parts.text(doc, "lead"),
              *parts.key_figures(doc), *parts.chart(doc), *parts.highlights(doc),
              *parts.text(doc, "body"), *parts.quotations(doc), *parts.text(doc, "closing"),
              *parts.sources(doc), *parts.contact(doc)],
        end=[*parts.notes(doc), *parts.page_numbers()])
