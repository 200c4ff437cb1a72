"""The parts a document prints, as typed nodes: what a kind's assembler lays out (which
parts, in which order) and what every format renders, one way per node type.

Markdown and HTML render a node through the macro of its type in templates/nodes.md.j2
and templates/nodes.html.j2 (named by :attr:`node`); the Word writer through the method
of its type (``visit_<node>``).  A node holds its text ready to print (typeset, in the
document's language); ``origin`` is the store text it is made from, (kind, ref, field),
for the marks of the Word file (reportgen.provenance), None where it has none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar

from ..markup import Inline, ListBlock

if TYPE_CHECKING:
    from ..languages import Language

Origin = tuple[str, str, str] | None


@dataclass
class Issuer:
    """The office that issues the document, above everything."""

    node: ClassVar[str] = "issuer"
    text: str


@dataclass
class KindLabel:
    """The line above the title: 'Press release', 'Statement · 27 June 2022'."""

    node: ClassVar[str] = "kind_label"
    text: str


@dataclass
class Title:
    node: ClassVar[str] = "title"
    text: str
    origin: Origin = None


@dataclass
class Subtitle:
    node: ClassVar[str] = "subtitle"
    text: str
    origin: Origin = None


@dataclass
class Speaker:
    """Who delivers a statement: a name, and a title on the next line."""

    node: ClassVar[str] = "speaker"
    name: str
    title: str | None = None


@dataclass
class Occasion:
    """The meeting or agenda item a statement is delivered at."""

    node: ClassVar[str] = "occasion"
    text: str


@dataclass
class TextParagraph:
    """An unnumbered paragraph of a short document, with its lists of items."""

    node: ClassVar[str] = "text"
    inline: Inline
    lists: list[ListBlock] = field(default_factory=list)
    #: the part of the document it stands in: 'salutation', 'lead', 'body', 'closing'
    role: str = "body"
    origin: Origin = None
    #: set apart as a lead (a press release's opening paragraphs)
    set_apart: bool = False
    #: the place and date the paragraph opens with ('Vienna (Austria) 8 December 2021');
    #: '' for none
    dateline: str = ""
    #: the language of a paragraph the edition prints untranslated ('en'), and the
    #: edition's mark before it; None: the document's
    language: str | None = None
    mark: str = ""


@dataclass
class Figure:
    """A key figure: its value, what it counts and as of when."""

    value: str
    label: str
    as_of: str  # 'as of July 2022', in the document's language


@dataclass
class KeyFigures:
    node: ClassVar[str] = "key_figures"
    heading: str
    figures: list[Figure]


@dataclass
class Chart:
    """A bar chart of facts: its title, the chart (drawn when a format first asks for
    it), and its description, which says the chart in words."""

    node: ClassVar[str] = "chart"
    title: str
    #: the chart's accessible description (the SVG's title; the Markdown's text)
    alt: str
    #: the facts drawn as bars (reportgen.content.variables.QuotedFact)
    values: list
    ident: str
    language: Language

    @cached_property
    def svg(self) -> str:
        """The chart as inline SVG: ``check`` never asks, so it never loads the plotting
        library."""
        from ..charts import chart, chart_fonts

        return chart(self.title, self.values, self.ident, self.alt, chart_fonts(self.language))

    @cached_property
    def picture(self) -> bytes:
        """The chart as a PNG picture (the Word file's), its bars numbered in a
        right-to-left language (the data table after it names them)."""
        from ..charts import chart_fonts, chart_png

        return chart_png(self.values, self.ident, chart_fonts(self.language),
                         numbered=self.language.direction == "rtl")


@dataclass
class HighlightItem:
    summary: Inline
    block_id: str
    #: where the report tells it: its symbol and the paragraph ('CTOC/COP/2022/7',
    #: 'para. 9'); '' if it does not
    symbol: str = ""
    paragraph: str = ""
    #: as for a paragraph: the language of a summary printed untranslated, and the mark
    language: str | None = None
    mark: str = ""


@dataclass
class Highlights:
    """The highlights of one area of work, under its heading."""

    node: ClassVar[str] = "highlights"
    heading: str
    items: list[HighlightItem]


@dataclass
class Quotation:
    """Words quoted and set apart, with who said them."""

    node: ClassVar[str] = "quotation"
    text: Inline
    #: the edition's opening and closing quotation marks
    marks: tuple[str, str]
    name: str
    title: str | None
    number: int  # its place among the document's quotations, from 1
    #: as for a paragraph: the language of words printed untranslated, and the mark
    language: str | None = None
    mark: str = ""


@dataclass
class Sources:
    """The sources of the key figures, after the text: 'Sources: label: source; ...'."""

    node: ClassVar[str] = "sources"
    word: str
    sources: list[tuple[str, str]]  # (label, source)

    @property
    def text(self) -> str:
        return f"{self.word}: " + "; ".join(f"{label}: {source}"
                                            for label, source in self.sources) + "."


@dataclass
class Contact:
    """Whom to ask for more: a heading, then lines of their own."""

    node: ClassVar[str] = "contact"
    heading: str
    lines: list[str]


@dataclass
class Notes:
    """The footnotes (numbered, called from the text) and the notes after the text."""

    node: ClassVar[str] = "notes"
    #: reportgen.model.document.Footnote
    footnotes: list
    standalone: list[NoteText]


@dataclass
class NoteText:
    """A note after the text (not called from it)."""

    inline: Inline
    #: as for a paragraph: the language of a note printed untranslated, and the mark
    language: str | None = None
    mark: str = ""


@dataclass
class ClosingRule:
    """The short rule under the last line of a report."""

    node: ClassVar[str] = "closing_rule"


@dataclass
class PageHeads:
    """From page 2, the symbol at the head of each page and its number at the foot;
    page 1's foot holds the job number (a report's pages)."""

    node: ClassVar[str] = "page_heads"
    symbol: str
    first_page_foot: str | None = None


@dataclass
class PageNumbers:
    """The page number at the foot of every page, page 1 included (a short document's
    pages)."""

    node: ClassVar[str] = "page_numbers"


#: every node type, by name: the report's masthead, sections and numbered paragraphs
#: are the types of reportgen.model.document (Masthead, Section, Paragraph)
NODE_TYPES = (Issuer, KindLabel, Title, Subtitle, Speaker, Occasion, TextParagraph,
              KeyFigures, Chart, Highlights, Quotation, Sources, Contact, Notes,
              ClosingRule, PageHeads, PageNumbers)


@dataclass
class Layout:
    """A document's parts in the order it prints them: the head (above the text: the
    issuer, the title...), the text, and what follows the text (its notes)."""

    head: list = field(default_factory=list)
    body: list = field(default_factory=list)
    end: list = field(default_factory=list)

    def nodes(self) -> list:
        return [*self.head, *self.body, *self.end]
