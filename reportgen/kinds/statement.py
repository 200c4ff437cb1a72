"""A statement: who delivers it and at which meeting, then its salutation, text and
closing words."""

from __future__ import annotations

from . import NewCommand

#: the fields of a new statement, after its kind, id and date (``reportgen new``)
STARTER = ('title: "Write the title here"\n'
           "speaker:\n"
           '  name: "Write the name of the speaker here"\n'
           '  title: "Write the function of the speaker here"\n'
           'occasion: "Write the meeting or agenda item here"\n'
           "salutation: |\n"
           "  Thank you, Chair,\n"
           "body: |\n"
           "  Write the text here. A blank line starts a new paragraph.\n"
           "closing: |\n"
           "  Thank you.\n"
           "related: []\n")

#: its name on the page, by language ('Statement · 27 June 2022')
WORDS = {"en": "Statement", "fr": "Déclaration", "es": "Declaración", "ru": "Заявление",
         "ar": "بيان", "zh": "发言"}

NEW = NewCommand(
    summary="Write a new statement in content/documents/<id>.yml, ready to edit.",
    example="reportgen new statement --id cop-12-opening --date 2024-06-10",
    id_help="Id of the statement, such as cop-12-opening.",
    date_help="Date of delivery, YYYY-MM-DD (default: today).")


def label(doc) -> str:
    name = WORDS[doc.language]
    return f"{name} \u00b7 {doc.date}" if doc.date else name


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
