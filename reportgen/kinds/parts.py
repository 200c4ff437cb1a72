"""The parts of a brief, press release or statement, made into nodes from its assembled
content (reportgen.briefs.Brief).  A kind's module says which of them it prints, in
which order; each function here returns the nodes of one part (none where the document
has nothing to print there)."""

from __future__ import annotations

from ..model.nodes import (
    Chart,
    Contact,
    Figure,
    HighlightItem,
    Highlights,
    Issuer,
    KeyFigures,
    KindLabel,
    Notes,
    Occasion,
    PageNumbers,
    Quotation,
    Sources,
    Speaker,
    Subtitle,
    TextParagraph,
    Title,
)


def fixed(name: str) -> tuple[str, str, str]:
    """The origin of a line reportgen makes itself, not a field of the store."""
    return ("fixed", name, "")


def issuer(doc) -> list:
    return [Issuer(doc.issuer)] if doc.issuer else []


def kind_label(text: str) -> list:
    return [KindLabel(text)]


def title(doc) -> list:
    nodes = [Title(doc.title, ("document", doc.id, "title"))]
    if doc.subtitle:
        nodes.append(Subtitle(doc.subtitle, ("document", doc.id, "subtitle")))
    return nodes


def speaker(doc) -> list:
    nodes = [Speaker(doc.speaker.name, doc.speaker.title)] if doc.speaker else []
    return nodes + ([Occasion(doc.occasion)] if doc.occasion else [])


def text(doc, part: str, set_apart: bool = False, dateline: str = "") -> list:
    """The paragraphs of the text field ``part``; ``dateline`` opens the first."""
    nodes = []
    for number, paragraph in enumerate(doc.parts.get(part, [])):
        opens = dateline if number == 0 else ""
        nodes.append(TextParagraph(paragraph.inline, list(paragraph.lists), part,
                                   fixed("dateline") if opens else ("document", doc.id, part),
                                   set_apart, opens, paragraph.language, paragraph.mark))
    return nodes


def key_figures(doc) -> list:
    if not doc.figures:
        return []
    return [KeyFigures(doc.words.key_figures,
                       [Figure(f.value, f.label, doc.words.as_of.format(date=f.as_of))
                        for f in doc.figures])]


def chart(doc) -> list:
    if not doc.chart_values:
        return []
    return [Chart(doc.chart_title, doc.chart_alt, doc.chart_values, doc.id, doc.lang)]


def highlights(doc) -> list:
    return [Highlights(area, [
        HighlightItem(item.summary, item.block_id,
                      doc.report_symbol if item.paragraphs and doc.report_symbol else "",
                      doc.words.para.format(n=item.paragraphs[0])
                      if item.paragraphs and doc.report_symbol else "", item.language, item.mark)
        for item in items]) for area, items in doc.highlights]


def quotations(doc) -> list:
    return [Quotation(quote.text, quote.marks or tuple(doc.words.quote), quote.name, quote.title,
                      number + 1, quote.language, quote.mark)
            for number, quote in enumerate(doc.quotes)]


def sources(doc) -> list:
    if not doc.figures:
        return []
    return [Sources(doc.words.sources, [(f.label, f.source) for f in doc.figures])]


def contact(doc) -> list:
    return [Contact(doc.words.contact, list(doc.contact))] if doc.contact else []


def notes(doc) -> list:
    return [Notes(doc.footnotes, doc.notes)] if doc.footnotes or doc.notes else []


def page_numbers() -> list:
    return [PageNumbers()]
