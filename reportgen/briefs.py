"""Press releases, statements and a period's brief: short documents made from the same
store as the report (its facts, and the highlights of its blocks).

Each is assembled into a :class:`Brief`, the model the brief, press-release and
statement templates render; footnotes are numbered here, as in the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .assemble import in_language, resolve_links, text_runs
from .content.fielderrors import field_path
from .content.models import DocumentFile, document_output_name
from .content.store import Store
from .content.variables import (
    FactLookupError,
    FactQuote,
    FactTable,
    QuotedFact,
    TextExpander,
    VariableError,
)
from .errors import ProblemLog
from .kinds import kind_named
from .languages import InLanguage, Language, Words, language
from .markup import (
    Inline,
    MarkupError,
    ParsedParagraph,
    make_parser,
    parse_inline,
    parse_paragraphs,
    un_subparagraphs,
)
from .model.document import Document, Footnote
from .model.nodes import Layout, NoteText
from .origins import document_provenance
from .provenance import Provenance
from .suggestions import did_you_mean
from .typography import typeset, typeset_inline

#: the brief's areas: heading -> tags of the blocks it gathers (first match wins)
AREAS = (
    ("Intergovernmental and inter-agency work", {"intergovernmental", "inter-agency"}),
    ("Knowledge and tools", {"knowledge"}),
    ("Technical cooperation", {"technical-cooperation"}),
    ("Observatory findings", {"observatory"}),
)
#: the text fields of a document, in reading order
_TEXT_FIELDS = ("salutation", "lead", "body", "closing")


@dataclass
class Figure:
    """A key figure of a brief, with its date and source."""

    label: str
    value: str
    as_of: str
    source: str


@dataclass
class QuoteView:
    """A quotation set apart, with who said it."""

    text: Inline
    name: str
    title: str | None
    #: words the edition prints untranslated: their language, the edition's mark, and
    #: the quotation marks of that language; None, '', () for the edition's own
    language: str | None = None
    mark: str = ""
    marks: tuple[str, ...] = ()


@dataclass
class Highlight:
    area: str
    summary: Inline
    block_id: str
    paragraphs: list[int]  # where the report tells it
    #: the language of a summary the edition prints untranslated ('en'), and the
    #: edition's mark before it; None: the document's
    language: str | None = None
    mark: str = ""


@dataclass
class Brief(InLanguage):
    """A press release, statement or brief, ready for its templates."""

    kind: str
    period: str
    id: str
    language: str
    author: str
    title: str
    subtitle: str | None
    date: str | None
    issued_iso: str | None
    dateline: str | None
    speaker: object | None
    occasion: str | None
    parts: dict[str, list[ParsedParagraph]]
    contact: list[str]
    footnotes: list[Footnote]
    notes: list[Inline]
    quotes: list[QuoteView] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    highlights: list[tuple[str, list[Highlight]]] = field(default_factory=list)
    chart_title: str = ""
    #: the facts the chart draws as bars
    chart_values: list[QuotedFact] = field(default_factory=list)
    #: the chart's accessible description (the SVG's title; the text of the Markdown)
    chart_alt: str = ""
    report_symbol: str | None = None
    #: the office named on the page
    issuer: str = ""
    #: the value of each fact the document quoted, by fact name (for checks)
    facts_used: dict = field(default_factory=dict)
    #: where the text quoted each fact's current value (reportgen.content.variables.FactQuote)
    fact_quotes: list = field(default_factory=list)
    #: True for an edition in another language than the series' own
    translated: bool = False
    #: the store text each paragraph is made from, for the marks of the Word file
    provenance: Provenance | None = None
    #: the parts it prints, in order, as every format renders them (its kind's layout)
    layout: Layout = field(default_factory=Layout)

    @property
    def kind_label(self) -> str:
        """The line above the title: 'Fact sheet · 2020–2022', 'Statement · 27 June 2022',
        'Press release' (the kind's module says it)."""
        return kind_named(self.kind).label(self)

    @property
    def kind_name(self) -> str:
        """The kind's name on the page, in the document's language: 'Fact sheet',
        'Communiqué de presse' (the kind's module says it)."""
        return kind_named(self.kind).name_on_page(self.language)

    @property
    def dateline_and_date(self) -> str:
        """'Vienna (Austria) 8 December 2021', or the part of it that is known, or ''."""
        return " ".join(part for part in (self.dateline, self.date) if part)

    @property
    def subject(self) -> str:
        """What the Word file's properties give as its subject."""
        return self.subtitle or ""

    @property
    def name(self) -> str:
        """Output file name without extension: 'brief', 'press-release-2021-12-08-<id>',
        with the language before the extension for an edition ('brief.fr')."""
        name = document_output_name(self.kind, self.issued_iso, self.id)
        return f"{name}.{self.language}" if self.translated else name

    def paragraphs(self) -> list[ParsedParagraph]:
        return [p for name in _TEXT_FIELDS for p in self.parts.get(name, [])]


def documents_of(store: Store, key: str, kinds: set[str]) -> list[DocumentFile]:
    return [d for d in store.documents if store.period_of(d) == key and d.kind in kinds]


def assemble_brief(store: Store, source: DocumentFile, report: Document | None,
                   log: ProblemLog, edition_language: Language | str | None = None) -> Brief | None:
    """The document ``source`` for its period; ``report`` gives paragraph numbers."""
    key = store.period_of(source)
    period = store.periods[key]
    lang = language(edition_language or store.series.language)
    where = store.where("document", source.id)
    doc = store.document_docs[source.id]
    # a dated document quotes each fact as it stood on its own date
    until = source.date.end if source.date else period.end
    expander = TextExpander(store.facts, key, period, until, lang)
    # text the edition has no translation for is expanded and set as the original prints it
    original = language(store.series.language)
    as_written = (expander if original is lang
                  else TextExpander(store.facts, key, period, until, original))
    md = make_parser()
    errors_before = len(log.errors)

    def plain(text: str | None, loc: tuple) -> str | None:
        """A one-line field (title, dateline, a quote's speaker...) with its variables,
        typeset as the document's language prints it."""
        if text is None:
            return None
        try:
            return typeset(expander.expand(text, (where.path, doc.line_of(loc))), lang.code)
        except VariableError as exc:
            log.error(where.path, doc.line_of(loc), f"{field_path(loc)}: {exc.message}")
            return text

    def untranslated(field: str) -> bool:
        """Whether the edition prints ``field`` of the document as the original has it."""
        return ("document", source.id, field) in store.untranslated

    def expanded(text: str, field: str, line: int) -> str:
        """``text`` with its variables, as the original gives them where ``field`` is
        printed untranslated."""
        return (as_written if untranslated(field) else expander).expand(text, (where.path, line))

    parts: dict[str, list[ParsedParagraph]] = {}
    for name in _TEXT_FIELDS:
        text = getattr(source, name)
        if text:
            line = doc.text_start((name,))
            try:
                parts[name], typed = un_subparagraphs(parse_paragraphs(
                    md, expanded(text, name, line)))
                for at, message in typed:  # "(a) ..." typed the UN way, as in the report
                    log.warning(where.path, line + at, message)
                for paragraph in parts[name] if untranslated(name) else []:
                    paragraph.language, paragraph.mark = original.code, lang.untranslated
                exhibits = [e for p in parts[name] for e in p.exhibits]
                if exhibits:
                    log.error(where.path, line + exhibits[0].line,
                              f"a {exhibits[0].kind} belongs in a block of the report; a "
                              f"{source.kind} has none (write the figures as text"
                              + (", or give a brief a chart:)" if exhibits[0].kind == "figure"
                                 else ")"))
            except VariableError as exc:
                log.error(where.path, line + exc.line - 1, exc.message)
            except MarkupError as exc:
                log.error(where.path, line + exc.line, exc.message)
    notes: dict[str, Inline] = {}
    untranslated_notes = {label for label in source.footnotes
                          if untranslated(f"footnotes.{label}")}
    for label, text in source.footnotes.items():
        try:
            notes[label] = parse_inline(md, expanded(text, f"footnotes.{label}",
                                                     doc.text_start(("footnotes", label))))
        except (VariableError, MarkupError) as exc:
            log.error(where.path, doc.text_start(("footnotes", label)), f"footnote '{label}': {exc.message}")
    quotes = []
    for i, quote in enumerate(source.quotes):
        try:
            quotes.append(QuoteView(parse_inline(md, expanded(
                quote.text, f"quotes.{i}.text", doc.text_start(("quotes", i, "text")))),
                                    plain(quote.name, ("quotes", i, "name")),
                                    plain(quote.title, ("quotes", i, "title")),
                                    *((original.code, lang.untranslated, tuple(original.words.quote))
                                      if untranslated(f"quotes.{i}.text") else ())))
        except (VariableError, MarkupError) as exc:
            log.error(where.path, doc.line_of(("quotes", i, "text")), exc.message)
    standalone = []
    for i, text in enumerate(source.notes):
        try:
            standalone.append(NoteText(parse_inline(md, expanded(text, f"notes.{i}",
                                                                 doc.line_of(("notes", i)))),
                                       *((original.code, lang.untranslated)
                                         if untranslated(f"notes.{i}") else ())))
        except (VariableError, MarkupError) as exc:
            log.error(where.path, doc.line_of(("notes", i)), exc.message)

    in_language([p for paragraphs in parts.values() for p in paragraphs if not p.language],
                [*(n for label, n in notes.items() if label not in untranslated_notes),
                 *(q.text for q in quotes if not q.language),
                 *(n.inline for n in standalone if not n.language)], lang)
    in_language([p for paragraphs in parts.values() for p in paragraphs if p.language],
                [*(notes[label] for label in untranslated_notes if label in notes),
                 *(q.text for q in quotes if q.language),
                 *(n.inline for n in standalone if n.language)], original)
    numbers = {}
    if report is not None:
        for paragraph in report.paragraphs():
            numbers.setdefault(paragraph.block_id, []).append(paragraph.number)
    footnotes = _number_notes(parts, notes, source, where.path, doc, log)
    for note in footnotes:
        if note.label in untranslated_notes:
            note.language, note.mark = original.code, lang.untranslated
    for name, paragraphs in parts.items():
        for paragraph in paragraphs:
            for inline in text_runs([paragraph]):
                resolve_links(inline, where.path, doc.text_start((name,)) + inline.line,
                              numbers, store, key, log, original if paragraph.language else lang)
    if len(log.errors) > errors_before:
        return None

    speaker = source.speaker and source.speaker.model_copy(update={
        "name": plain(source.speaker.name, ("speaker", "name")),
        "title": plain(source.speaker.title, ("speaker", "title"))})
    brief = Brief(
        kind=source.kind, period=key, id=source.id, language=lang.code,
        translated=lang.code != original.code,
        author=store.series.author,
        title=plain(source.title, ("title",)),
        subtitle=plain(source.subtitle, ("subtitle",)),
        date=lang.day(source.date.start) if source.date else None,
        issued_iso=source.date.start.isoformat() if source.date else None,
        dateline=plain(source.dateline, ("dateline",)), speaker=speaker,
        occasion=plain(source.occasion, ("occasion",)), parts=parts,
        contact=[plain(line, ("contact", i)) for i, line in enumerate(source.contact)],
        footnotes=footnotes, notes=standalone, report_symbol=period.symbol, quotes=quotes,
        issuer=plain(source.issuer, ("issuer",)) if source.issuer else store.series.author,
    )
    chart_title = plain(source.chart.title, ("chart", "title")) if source.chart else ""
    if len(log.errors) > errors_before:
        return None
    brief.facts_used = {**as_written.used, **expander.used}
    drawn = kind_named(source.kind).from_report  # key figures, chart, highlights
    if drawn:
        table = FactTable(store.facts, until, brief.facts_used, lang)
        figures = source.figures if "figures" in drawn else []
        chart = source.chart if "chart" in drawn else None
        wanted = [(("figures", i), name) for i, name in enumerate(figures)]
        wanted += [(("chart", "bars", i), name) for i, name in
                   enumerate(chart.bars if chart else [])]
        quoted = {}
        for loc, name in wanted:
            try:
                quoted[name] = table.quote(name)
            except FactLookupError as exc:
                log.error(where.path, doc.line_of(loc), exc.message)
        if len(quoted) < len({name for _, name in wanted}):
            return None
        brief.figures = [_figure(quoted[name], lang.code) for name in figures]
        expander.quotes += [FactQuote(name, quoted[name]._value(), where.path, doc.line_of(loc))
                            for loc, name in wanted]
        values = [quoted[name] for name in chart.bars] if chart else []
        for i, value in enumerate(values):
            if isinstance(value.value, bool) or not isinstance(value.value, (int, float)):
                log.error(where.path, doc.line_of(("chart", "bars", i)),
                          f"chart bar '{value.name}': the fact's value {value.value!r} "
                          f"(as of {value.as_of}) is not a number, so it cannot be drawn")
        if len(log.errors) > errors_before:
            return None
        if "highlights" in drawn:
            brief.highlights = _highlights(store, key, numbers, md, expander, log, lang,
                                           (as_written, original))
        if chart:
            brief.chart_title = chart_title
            brief.chart_values = values
            brief.chart_alt = chart_description(chart_title, values, lang.words)
    brief.fact_quotes = list(expander.quotes) + (
        list(as_written.quotes) if as_written is not expander else [])
    brief.layout = kind_named(brief.kind).layout(brief)
    highlighted = [item.block_id for _, items in brief.highlights for item in items]
    brief.provenance = document_provenance(
        store, source, key, expander, highlighted, period.symbol or "", brief.language,
        brief.name, brief.translated, as_written)
    return brief


def _number_notes(parts, notes, source, path, doc, log) -> list[Footnote]:
    footnotes: list[Footnote] = []
    assigned: dict[str, Footnote] = {}
    for name, paragraphs in parts.items():
        for paragraph in paragraphs:
            for inline in [paragraph.inline] + [i for lst in paragraph.lists for i in lst.items]:
                for tok in inline.walk("footnote_ref"):
                    label = tok.meta["label"]
                    if label not in source.footnotes:
                        log.error(path, doc.text_start((name,)) + inline.line + inline.line_of(tok),
                                  f"footnote call [^{label}] has no definition under 'footnotes:'"
                                  + did_you_mean(label, source.footnotes))
                        continue
                    if label not in notes:
                        continue
                    first = label not in assigned
                    if first:
                        assigned[label] = Footnote(len(footnotes) + 1, label, source.id, notes[label])
                        footnotes.append(assigned[label])
                    tok.meta = {**tok.meta, "number": assigned[label].number, "first": first,
                                "note": assigned[label]}
    for label in source.footnotes:
        if label not in assigned:
            log.error(path, doc.line_of(("footnotes", label)),
                      f"footnote '{label}' is defined but never called")
    return footnotes


def _figure(quoted: QuotedFact, code: str) -> Figure:
    return Figure(typeset(quoted.label, code), typeset(str(quoted), code), quoted.as_of,
                  typeset(quoted.source, code))


def _highlights(store: Store, key: str, numbers, md, expander: TextExpander, log,
                lang: Language, as_written: tuple[TextExpander, Language] | None = None
                ) -> list[tuple[str, list[Highlight]]]:
    """The highlighted blocks' summaries, under the headings of the brief's areas (in
    the document's language); a summary with no translation as the original prints it
    (``as_written``: its expander and language), behind the edition's mark."""
    groups: dict[str, list[Highlight]] = {area: [] for area, _ in AREAS}
    heading = dict(zip((area for area, _ in AREAS), lang.words.areas, strict=True))
    blocks = [b for b in store.blocks
              if b.highlight and store.in_period(b, key)]
    for block in sorted(blocks, key=lambda b: numbers.get(b.id, [0])[0]):
        where = store.where("block", block.id)
        if not block.summary:
            log.warning(where.path, where.line, "highlight: true but no summary; left out of the brief")
            continue
        area = next((name for name, tags in AREAS if tags & set(block.tags)), None)
        if area is None:
            log.warning(where.path, where.line, "highlighted block has no tag of a brief's area "
                        "(intergovernmental, inter-agency, knowledge, technical-cooperation, observatory)")
            continue
        untranslated = as_written is not None and (
            ("block", block.id, "summary") in store.untranslated)
        expanding, setting = as_written if untranslated else (expander, lang)
        try:
            summary = parse_inline(md, expanding.expand(
                block.summary, (where.path, store.block_docs[block.id].text_start(("summary",)))))
            typeset_inline(summary, setting.code)
        except (VariableError, MarkupError) as exc:
            log.error(where.path, store.block_docs[block.id].line_of(("summary",)),
                      f"summary: {exc.message}")
            continue
        groups[area].append(Highlight(heading[area], summary, block.id,
                                      numbers.get(block.id, []),
                                      setting.code if untranslated else None,
                                      lang.untranslated if untranslated else ""))
    return [(heading[area], items) for area, items in groups.items() if items]


def chart_description(title: str, values: list[QuotedFact], words: Words) -> str:
    """The chart's accessible description: its title and every bar's value."""
    return (f"{words.bar_chart}. {title}. "
            + "; ".join(f"{v.label}: {v} ({v.as_of})" for v in values) + ".")
