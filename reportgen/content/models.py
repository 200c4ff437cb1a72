"""The schema of every content file, as pydantic models.

These models validate the files a writer edits, and ``reportgen schema`` turns them into
JSON Schema for editors, so the two cannot drift.  Each field's docstring is its
documentation.  Unknown keys are kept (``extra="allow"``) so the loader can warn about
them instead of failing on a typo in an optional field.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, ClassVar, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ..dates import DateSpan
from ..rawhtml import refuse_raw_html

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FACT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SYMBOL = re.compile(r"^[A-Z][A-Za-z0-9.()/-]*[A-Za-z0-9.)]$")
#: the text ``reportgen new`` writes for the writer to replace ("Write the paragraph
#: here. ...", "Write the headline here"): never content
PLACEHOLDER = re.compile(r"^\s*Write the [\w ]+ here\b")


def _span(value: object) -> DateSpan:
    if isinstance(value, DateSpan):
        return value
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ValueError("expected a date such as 2021-05-14, 2021-05 or 2021")
    return DateSpan.parse(value)


def _day(value: object) -> date:
    span = _span(value)
    if span.precision != "day" or "/" in span.text:
        raise ValueError(f"date '{span.text}' must be a single day (YYYY-MM-DD)")
    return span.start


#: the largest figure a fact may give, either way (a thousand million million)
FACT_LIMIT = 10 ** 15


def quoted_text_hint(value: object) -> str | None:
    """What to tell a writer whose text field YAML read as a yes-or-no value or a
    number, or None for any other value."""
    if isinstance(value, bool):
        return ("must be quoted text: a bare yes, no, on, off, true or false is read as "
                "a yes-or-no value (write it in quotes: 'no')")
    if isinstance(value, (int, float)):
        return f"must be quoted text: a bare number is read as a number (write it in quotes: '{value}')"
    return None


def _fact_value(value: object) -> object:
    """A figure (a finite number within FACT_LIMIT either way) or text."""
    if isinstance(value, bool):
        raise ValueError("a bare true, false, yes, no, on or off is a yes-or-no value, not a "
                         "figure; write a number, or text in quotes")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"'{value}' is not a figure; write a finite number, or text in quotes")
    if isinstance(value, (int, float)) and abs(value) > FACT_LIMIT:
        raise ValueError("the figure is larger than a fact may give (at most 10^15 either "
                         "way); write it in words as text in quotes")
    if not isinstance(value, (int, float, str)):
        raise ValueError("a figure is a number or text in quotes")
    return refuse_raw_html(value) if isinstance(value, str) else value


#: text that blocks quote as a variable ({{ period.venue }}): plain text, no tags
QuotedText = Annotated[str, AfterValidator(refuse_raw_html)]


def _ident(value: object) -> str:
    hint = quoted_text_hint(value)
    if hint:
        raise ValueError(hint)
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a valid id (lower-case letters, digits and hyphens)"
        )
    return value


def check_ident(value: object) -> str:
    """``value`` if it is a valid id, the rule every id in a file follows; else ValueError."""
    return _ident(value)


def _symbol(value: object) -> str:
    if not isinstance(value, str) or not _SYMBOL.fullmatch(value) or "//" in value:
        raise ValueError(f"'{value}' is not a well-formed document symbol")
    return value


Span = Annotated[
    DateSpan,
    BeforeValidator(_span),
    WithJsonSchema({"type": ["string", "integer"], "pattern": _DATE_PATTERN,
                    "description": "YYYY, YYYY-MM or YYYY-MM-DD, or a range A/B"}),
]
Day = Annotated[
    date,
    BeforeValidator(_day),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Ident = Annotated[str, BeforeValidator(_ident),
                  WithJsonSchema({"type": "string", "pattern": _ID.pattern})]
Symbol = Annotated[str, BeforeValidator(_symbol),
                   WithJsonSchema({"type": "string", "pattern": _SYMBOL.pattern})]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    #: text fields whose {{ fact.NAME }} and {{ period.NAME }} variables are expanded; in
    #: every other text field '{{' is refused, so it is never printed as it stands
    VARIABLES: ClassVar[frozenset[str]] = frozenset()
    #: fields naming other things (periods, facts, blocks): checked as names, not as text
    NAMES: ClassVar[frozenset[str]] = frozenset({"id", "place", "period", "kind"})


#: the official languages a text may be translated into (see reportgen.languages)
LanguageCode = Literal["ar", "zh", "en", "fr", "ru", "es"]


class _Translation(BaseModel):
    """The same fields as the original, in another language; a field left out is shown
    in the original language, marked untranslated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: as in the original: the fields that expand variables, and none naming things
    VARIABLES: ClassVar[frozenset[str]] = frozenset()
    NAMES: ClassVar[frozenset[str]] = frozenset()

    sources: dict[str, str] = {}
    """The fingerprint of the original text each field translates ('text', 'footnotes.LABEL'),
    written by reportgen when a translation is imported: a field whose original has
    changed since is older than its source (reportgen.translations.fingerprints)."""


class SeriesTranslation(_Translation):
    organ: str | None = None
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    """Who issues the documents (the issuer of briefs, press releases and statements)."""
    emblem_alt: str | None = None
    """The emblem's text alternative."""


class PeriodTranslation(_Translation):
    venue: QuotedText | None = None
    agenda_title: str | None = None


class HeadingTranslation(_Translation):
    title: str
    """Heading text, without a number."""


class FactTranslation(_Translation):
    label: str
    """What the figure counts."""


class BlockTranslation(_Translation):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"text", "footnotes", "summary"})

    text: str | None = None
    """The paragraph(s), as many as the original has; without it the original's are shown."""
    summary: str | None = None
    footnotes: dict[str, str] = {}
    """Footnote texts by the original's labels."""


class QuoteTranslation(_Translation):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"title", "text"})

    text: str
    title: str | None = None


class SpeakerTranslation(_Translation):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    """The speaker's function (the name is not translated)."""


class ChartTranslation(_Translation):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"title"})

    title: str
    """Caption of the chart (each bar is named by its fact's label)."""


class DocumentTranslation(_Translation):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({
        "title", "subtitle", "dateline", "occasion", "salutation", "lead", "body", "closing",
        "contact", "footnotes", "notes"})

    title: str
    subtitle: str | None = None
    dateline: str | None = None
    occasion: str | None = None
    salutation: str | None = None
    lead: str | None = None
    body: str | None = None
    closing: str | None = None
    quotes: list[QuoteTranslation] = []
    """In the original's order."""
    contact: list[str] = []
    issuer: str | None = None
    speaker: SpeakerTranslation | None = None
    chart: ChartTranslation | None = None
    footnotes: dict[str, str] = {}
    notes: list[str] = []


class Series(_Model):
    """content/series.yml: what stays the same from one report of the series to the next."""

    organ: str
    """The body the report goes to, shown at the top left of the masthead."""
    title: str
    """The report's title."""
    subtitle: str = "Report of the Secretariat"
    """The line under the title."""
    author: str = "United Nations"
    """Author written into the PDF's metadata."""
    language: LanguageCode = "en"
    """Code of the language the series is written in (ar, zh, en, fr, ru, es): the
    edition built by default; other languages come from each file's translations."""
    translations: dict[LanguageCode, SeriesTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""
    emblem: str | None = None
    """Image shown beside 'United Nations' on page 1: a PNG, JPEG or SVG file in the
    workspace's templates/ folder (nothing is bundled)."""
    emblem_alt: str = "United Nations emblem"
    """What the emblem shows, for readers who cannot see it."""


class Period(_Model):
    """content/periods/<key>.yml: one reporting period; its key is the file name."""

    start: Day
    """First day the report covers."""
    end: Day
    """Last day the report covers."""
    session: int | None = Field(default=None, ge=1)
    """Number of the session the report goes to (11 is written 'Eleventh session')."""
    venue: QuotedText | None = None
    """City of the session."""
    session_dates: Span | None = None
    """Dates of the session, as a range such as 2022-10-17/2022-10-21."""
    agenda_item: str | None = None
    """Agenda item number, such as '2 (c)'."""
    agenda_title: str | None = None
    """Title of the agenda item, shown in bold in the masthead."""
    provisional_agenda: Symbol | None = None
    """Symbol of the provisional agenda, given in the '*' note of page 1."""
    symbol: Symbol | None = None
    """The report's own document symbol."""
    issued: Day | None = None
    """Date of issue."""
    original: str = "English"
    """Language the report was written in."""
    job_number: str | None = None
    """Job number printed at the foot of page 1, such as 'V.22-04567 (E)'."""
    translations: dict[LanguageCode, PeriodTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""


class OutlineNode(_Model):
    """A heading of the report; its number is computed from its place."""

    id: Ident
    """Name that blocks use in 'place:'."""
    title: str
    """Heading text, without a number."""
    numbered: bool = True
    """False for an unnumbered italic heading."""
    annex: bool = False
    """True for an annex: printed after the report's body as 'Annex I', 'Annex II'...,
    its paragraphs numbered from 1 again (a chapter of the outline only)."""
    sections: list["OutlineNode"] = []
    """Headings under this one, in order."""
    translations: dict[LanguageCode, HeadingTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""


FigureOrText = Annotated[
    Union[int, float, str],
    BeforeValidator(_fact_value),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": -FACT_LIMIT, "maximum": FACT_LIMIT},
                              {"type": "string"}]}),
]


class FactValue(_Model):
    value: FigureOrText
    """The figure: a number (finite, at most 10^15 either way) or text in quotes."""
    as_of: Span
    """When the figure was true or published."""
    source: str | None = None
    """Where this value comes from, if not the fact's usual source."""


class Fact(_Model):
    """A named figure with dated values; text quotes it as {{ fact.NAME }}."""

    label: str
    """What the figure counts."""
    source: str
    """Where the figure comes from."""
    values: list[FactValue] = Field(min_length=1)
    """Dated values; text gets the latest on or before the period's last day (a dated
    document: on or before its date)."""
    translations: dict[LanguageCode, FactTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""


class ReviewNote(BaseModel):
    """A reviewer's comment on a block, taken from a Word file by ``reportgen merge``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    VARIABLES: ClassVar[frozenset[str]] = frozenset()
    NAMES: ClassVar[frozenset[str]] = frozenset({"date"})

    author: str = ""
    """Who wrote the comment."""
    date: str | None = None
    """When, as the Word file gave it (2026-03-02T10:15:00Z)."""
    text: str
    """What the comment says."""
    anchor: str = ""
    """The words of the block the comment is on."""


class Block(_Model):
    """content/blocks/<area>/<id>.yml: one activity or finding, one or more paragraphs."""

    VARIABLES: ClassVar[frozenset[str]] = frozenset({"text", "footnotes", "summary"})
    NAMES: ClassVar[frozenset[str]] = _Model.NAMES | {"from_period", "periods"}

    id: Ident
    """Unique name of the block (the file name without .yml)."""
    place: Ident
    """Id of the outline heading the block sits under."""
    date: Span | None = None
    """When the activity happened: YYYY, YYYY-MM, YYYY-MM-DD or a range A/B."""
    period: str | None = None
    """Period the block belongs to; required for undated text of one period."""
    from_period: str | None = None
    """Standing text: printed in this period's report and in every later one, its
    variables quoted as of each (instead of 'period:')."""
    periods: list[str] = []
    """Standing text for some periods only: printed in each period listed (instead of
    'period:')."""
    order: int = 0
    """Sort key under its heading (then date, then id)."""
    tags: list[str] = []
    """Free labels, such as 'intergovernmental' or 'observatory'."""
    summary: str | None = None
    """One sentence for communications material."""
    highlight: bool = False
    """Puts the block's summary in the period's brief."""
    text: str
    """The paragraph(s), in Markdown; a blank line starts a new numbered paragraph."""
    footnotes: dict[str, str] = {}
    """Footnote texts by label; the text calls them as [^label]."""
    translations: dict[LanguageCode, BlockTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""
    review: list[ReviewNote] = []
    """Reviewers' comments from a Word file (``reportgen merge``): listed by ``check``
    and written back into the next .docx as Word comments."""
    left_out: list[str] = []
    """Periods whose documents leave the block out (``reportgen merge`` adds one when an
    editor deleted the block's paragraphs); remove the period to bring the block back."""

    @property
    def standing(self) -> bool:
        """Whether the block is standing text, printed in more than one period."""
        return self.from_period is not None or bool(self.periods)


def fact_name_ok(name: str) -> bool:
    return bool(_FACT_NAME.fullmatch(name))


def symbol_ok(symbol: str) -> bool:
    return bool(_SYMBOL.fullmatch(symbol)) and "//" not in symbol


class Speaker(_Model):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"name", "title", "text"})
    NAMES: ClassVar[frozenset[str]] = frozenset({"bars"})

    name: str
    """Who speaks, as printed ('Mr. Ilias Chatzis')."""
    title: str | None = None
    """The speaker's function."""


class Quote(_Model):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"name", "title", "text"})
    NAMES: ClassVar[frozenset[str]] = frozenset({"bars"})

    text: str
    """What was said, without quotation marks (Markdown; {{ fact.NAME }} allowed)."""
    name: str
    """Who said it, as printed ('Ghada Waly')."""
    title: str | None = None
    """The speaker's function ('Executive Director of UNODC')."""


class Chart(_Model):
    VARIABLES: ClassVar[frozenset[str]] = frozenset({"name", "title", "text"})
    NAMES: ClassVar[frozenset[str]] = frozenset({"bars"})

    title: str
    """Caption of the chart."""
    bars: list[str] = Field(min_length=1)
    """Names of the facts drawn as bars (their labels name the bars)."""


def _registered_kind(value: str) -> str:
    """``value`` if it names a kind made from a document file (reportgen.kinds)."""
    from ..kinds import document_names

    if value not in document_names():
        raise ValueError("is not written in the expected form")
    return value


def _kind_pattern(schema: dict) -> None:
    """The JSON Schema of ``kind``: the names of the registered kinds."""
    from ..kinds import document_names

    schema["pattern"] = f"^({'|'.join(document_names())})$"


class DocumentFile(_Model):
    """content/documents/<id>.yml: a press release, a statement or a period's brief."""

    VARIABLES: ClassVar[frozenset[str]] = frozenset({
        "title", "subtitle", "dateline", "occasion", "salutation", "lead", "body", "closing",
        "contact", "footnotes", "notes"})
    NAMES: ClassVar[frozenset[str]] = _Model.NAMES | {"figures", "related"}

    kind: Annotated[str, AfterValidator(_registered_kind)] = Field(
        json_schema_extra=_kind_pattern)
    """press-release, statement or brief."""
    id: Ident
    """Unique name (the file name without .yml)."""
    date: Span | None = None
    """Date of issue or delivery (a brief may leave it out)."""
    period: str | None = None
    """Period the document belongs to (default: the period containing its date)."""
    title: str
    """Headline or title."""
    subtitle: str | None = None
    """Second line under the title."""
    dateline: str | None = None
    """Place of a press release, printed before its date: 'Vienna (Austria)'."""
    speaker: Speaker | None = None
    """Who delivers a statement."""
    occasion: str | None = None
    """Meeting or agenda item of a statement."""
    salutation: str | None = None
    """Opening words of a statement (Markdown)."""
    lead: str | None = None
    """Opening paragraph (Markdown); a press release prints its dateline before it."""
    body: str = ""
    """The text (Markdown: paragraphs and lists); {{ fact.NAME }} quotes a fact."""
    closing: str | None = None
    """Closing words (Markdown)."""
    issuer: str | None = None
    """Office that issues the document, named on the page (default: the series' author)."""
    quotes: list[Quote] = []
    """Press release: quotations set apart after the body, each with its speaker."""
    contact: list[str] = []
    """Lines of the 'For more information' block."""
    footnotes: dict[str, str] = {}
    """Footnote texts by label; the text calls them as [^label]."""
    notes: list[str] = []
    """Notes without a call, printed at the end (such as a '*' note on a territory)."""
    figures: list[str] = []
    """Brief: names of the facts shown as key figures."""
    chart: Chart | None = None
    """Brief: a bar chart of facts."""
    related: list[Ident] = []
    """Ids of report blocks this document draws on (checked to exist)."""
    translations: dict[LanguageCode, DocumentTranslation] = {}
    """The text in other languages, by language code (fr, es, ru, ar, zh, en)."""

    def output_name(self) -> str:
        """The name of its output files, without extension."""
        return document_output_name(self.kind, self.date.start.isoformat() if self.date else None,
                                    self.id)


def document_output_name(kind: str, issued_iso: str | None, ident: str) -> str:
    """'brief' (a kind that is one a period is named after its kind),
    'press-release-2021-12-08-<id>', 'statement-<id>'."""
    from ..kinds import one_a_period

    if one_a_period(kind):
        return kind
    return f"{kind}-{issued_iso}-{ident}" if issued_iso else f"{kind}-{ident}"
