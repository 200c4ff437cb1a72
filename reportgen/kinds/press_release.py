"""A press release: its lead set apart, opening with the place and date, and its
quotations set apart after the text."""

from __future__ import annotations

from . import NewCommand

#: the fields of a new press release, after its kind, id and date (``reportgen new``)
STARTER = ('title: "Write the headline here"\n'
           'dateline: "Write the place here"\n'
           "lead: |\n"
           "  Write the opening paragraph here.\n"
           "body: |\n"
           "  Write the text here. A blank line starts a new paragraph.\n"
           "contact: []\n"
           "related: []\n")

#: its name on the page, by language
WORDS = {"en": "Press release", "fr": "Communiqué de presse", "es": "Comunicado de prensa",
         "ru": "Пресс-релиз", "ar": "نشرة صحفية", "zh": "新闻稿"}

NEW = NewCommand(
    summary="Write a new press release in content/documents/<id>.yml, ready to edit.",
    example="reportgen new press-release --id wg-tenth-meeting-2024 --date 2024-03-12",
    id_help="Id of the press release, such as wg-tenth-meeting-2024.",
    date_help="Date of issue, YYYY-MM-DD (default: today).")


def label(doc) -> str:
    return WORDS[doc.language]


def layout(doc):
    from ..model.nodes import Layout  # not for the command line's start
    from . import parts

    return Layout(
        head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc),
              *parts.speaker(doc)],
        body=[*parts.text(doc, "salutation"),
              *parts.text(doc, "lead", set_apart=True, dateline=doc.dateline_and_date),
              *parts.key_figures(doc), *parts.chart(doc), *parts.highlights(doc),
              *parts.text(doc, "body"), *parts.quotations(doc), *parts.text(doc, "closing"),
              *parts.sources(doc), *parts.contact(doc)],
        end=[*parts.notes(doc), *parts.page_numbers()])
