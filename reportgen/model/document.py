"""The document model: what every output format is rendered from.

Numbers (of headings, paragraphs and footnotes) are fixed here, once, so the Markdown,
HTML and PDF of a document always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Iterator

from ..languages import InLanguage
from ..markup import Inline, ListBlock
from ..provenance import Provenance


@dataclass
class Footnote:
    number: int
    label: str
    block_id: str
    content: Inline
    #: the language of a note the edition prints untranslated ('en'); None: the document's
    language: str | None = None
    #: the edition's mark before such a note ('[non traduit]'); '' otherwise
    mark: str = ""


@dataclass
class Paragraph:
    """A numbered paragraph (its number is part of the text in every format)."""

    node: ClassVar[str] = "numbered_paragraph"
    number: int
    block_id: str
    content: Inline
    lists: list[ListBlock] = field(default_factory=list)
    #: tables after the paragraph (and its lists), numbered through the report
    exhibits: list = field(default_factory=list)
    #: in an annex, which numbers its paragraphs from 1 again: the start of its anchors
    #: ('annex-1-'); '' in the body
    annex: str = ""
    #: the number as the document's language writes it ('4.', Arabic '4 -'); '' for '4.'
    label: str = ""
    #: the language of a paragraph the edition prints untranslated ('en'); None: the
    #: document's
    language: str | None = None

    @property
    def numeral(self) -> str:
        """The number as printed before the paragraph."""
        return self.label or f"{self.number}."

    @property
    def anchor(self) -> str:
        return f"{self.annex}para-{self.number}" if self.annex else f"para-{self.number}"


@dataclass
class Section:
    """A heading and what stands under it: its own paragraphs first, then subsections."""

    node: ClassVar[str] = "section"
    id: str
    title: str
    level: int
    label: str | None  # "I.", "A.", "1.", "(a)"; None for an unnumbered italic heading
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)
    #: the annex's number (1 for 'Annex I') for an annex, after the body; else 0
    annex: int = 0
    #: the language of a heading the edition prints untranslated; None: the document's
    language: str | None = None

    @property
    def numbered(self) -> bool:
        return self.label is not None

    @property
    def heading(self) -> str:
        if self.annex:
            return f"{self.label}: {self.title}"
        return f"{self.label} {self.title}" if self.label else self.title

    @property
    def anchor(self) -> str:
        return f"sec-{self.id}"

    def walk(self) -> Iterator["Section"]:
        yield self
        for sub in self.sections:
            yield from sub.walk()


@dataclass
class Masthead:
    """First-page particulars, with visible placeholders for what is not yet known."""

    node: ClassVar[str] = "masthead"
    organ: str
    symbol: str
    distribution: str
    issued: str
    original: str
    session: str
    venue_dates: str
    agenda_item: str
    agenda_title: str
    agenda_note: str | None  # the '*' note: symbol of the provisional agenda
    title: str
    subtitle: str
    job_number: str | None = None
    symbol_url: str | None = None
    emblem: str | None = None  # a data: URL of the picture beside "United Nations"
    emblem_alt: str = ""
    #: the masthead's words in the document's language (reportgen.languages)
    united_nations: str = "United Nations"
    distribution_line: str = "Distr.: General"
    original_line: str = "Original: English"
    #: an edition's own language, printed above 'Original:' ('Français'); None in the original
    edition_line: str | None = None
    #: the language the distribution block (distribution, date, language lines) is in:
    #: English in the Russian, Arabic and Chinese editions
    distribution_language: str = "en"
    #: the agenda line after the call of its note ('临时议程* 项目2(c)': ' 项目2(c)');
    #: '' where the call ends the line
    agenda_item_after: str = ""


@dataclass
class Document(InLanguage):
    kind: str
    period: str
    language: str
    author: str
    masthead: Masthead
    sections: list[Section]
    footnotes: list[Footnote]
    issued_iso: str | None = None
    #: the value of each fact the text quoted, by fact name (for checks)
    facts_used: dict = field(default_factory=dict)
    #: where the text quoted each fact's current value (reportgen.content.variables.FactQuote)
    fact_quotes: list = field(default_factory=list)
    #: True for an edition in another language than the series' own ('report.fr')
    translated: bool = False
    #: the store text each paragraph is made from (reportgen.provenance), for the marks
    #: of the Word file; None leaves the Word file unmarked
    provenance: Provenance | None = None

    @property
    def title(self) -> str:
        return self.masthead.title

    @property
    def subject(self) -> str:
        """What the Word file's properties give as its subject."""
        return f"{self.masthead.subtitle} ({self.masthead.symbol})"

    @property
    def name(self) -> str:
        """Output file name without extension: 'report', or 'report.fr' for an edition."""
        return f"{self.kind}.{self.language}" if self.translated else self.kind

    @property
    def layout(self):
        """Its parts in order, as its kind lays them out (reportgen.kinds.report)."""
        from ..kinds import kind_named

        return kind_named(self.kind).layout(self)

    def all_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.all_sections() for p in s.paragraphs]
