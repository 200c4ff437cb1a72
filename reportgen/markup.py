"""Markdown in content text: parsing, reportgen's inline syntax, and rendering of inline runs.

Content text is CommonMark without raw HTML (a tag in text is an error naming it), plus
three pieces of syntax:

* ``[^label]`` calls the block's footnote *label*;
* ``[shown](symbol:SYMBOL)`` (or ``[SYMBOL](symbol:)``) cites a UN document by symbol and
  links it to https://undocs.org/SYMBOL;
* ``[](ref:block-id)`` refers to another block and reads "para. 7" or "paras. 7–9".

Parsing keeps markdown-it's tokens (each with its source line); renderers below turn a
run of inline tokens into HTML, Markdown or plain text, so every output format is made
from the same parsed text and shows the same numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .keeptogether import keep_together
from .rawhtml import raw_html_message

UNDOCS = "https://undocs.org/"
_LABEL = re.compile(r"\[\^([A-Za-z0-9_-]+)\]")
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "#")


def _footnote_ref(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[^label]`` becomes a ``footnote_ref`` token."""
    if not state.src.startswith("[^", state.pos):
        return False
    match = _LABEL.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"label": match.group(1)}
    state.pos = match.end()
    return True


def footnote_ref_plugin(md: MarkdownIt) -> None:
    """markdown-it plugin adding reportgen's footnote calls (definitions live in YAML)."""
    md.inline.ruler.before("link", "footnote_ref", _footnote_ref)


def make_parser() -> MarkdownIt:
    """The one Markdown parser every content text goes through."""
    # raw HTML is parsed, so that a tag is found and refused by name (_refuse_html), never
    # printed escaped as '\\<br\\>'; pipe tables by markdown-it's own table rule
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(footnote_ref_plugin)


@dataclass
class Inline:
    """A run of inline tokens (one paragraph, list item or footnote), resolved."""

    tokens: list[Token]
    #: 0-based line of the run's first line within its text (a paragraph, a list item)
    line: int = 0

    def html(self, footnote: Callable[[Token], str] | None = None) -> str:
        return render_html(self.tokens, footnote)

    @property
    def markdown(self) -> str:
        return render_markdown(self.tokens)

    @property
    def text(self) -> str:
        return render_text(self.tokens)

    def walk(self, kind: str):
        return [t for t in self.tokens if t.type == kind]

    def line_of(self, token: Token) -> int:
        """How many lines into the run ``token`` stands (0 on its first line), so that a
        problem with one call or link names the line it is written on."""
        before = self.tokens[: next(i for i, t in enumerate(self.tokens) if t is token)]
        return sum(t.type in ("softbreak", "hardbreak") for t in before)


@dataclass
class ListBlock:
    ordered: bool
    items: list[Inline]
    start: int = 1
    #: the label of each item of an ordered list, as the document's language letters
    #: subparagraphs ('(a)', 'a)'); set when the document model is assembled
    labels: list[str] = field(default_factory=list)
    #: 1 for subparagraphs (a), (b); 2 for the (i), (ii) under one of them
    level: int = 1


@dataclass
class Table:
    """A table typed as a pipe table after the paragraph that introduces it: its title
    from a 'Table: ...' paragraph just before it, its source and notes from 'Source: ...'
    and 'Note: ...' paragraphs just after; numbered through the report ('Table 1')."""

    header: list[Inline]
    rows: list[list[Inline]]
    #: 'left', 'right', 'center' or '' (the default) for each column; a column whose
    #: cells are all figures is right-aligned unless its alignment is written
    align: list[str]
    title: Inline | None = None
    notes: list[Inline] = field(default_factory=list)
    line: int = 0
    number: int = 0
    #: "Table 1" as the document's language writes it; set when the report is assembled
    label: str = ""
    kind = "table"

    def runs(self) -> list[Inline]:
        """Every run of text of the table, title and notes included."""
        return ([self.title] if self.title else []) + self.header + [
            cell for row in self.rows for cell in row] + self.notes


@dataclass
class Figure:
    """A picture in a paragraph of its own, ``![alt text](images/NAME.png)`` (a file of
    content/images/), or a bar chart of facts, ``![alt text](chart:fact_a,fact_b)``:
    titled by a 'Figure: ...' paragraph just before it, with 'Source:' and 'Note:'
    paragraphs after it; numbered through the report ('Figure I')."""

    alt: str
    target: str
    title: Inline | None = None
    notes: list[Inline] = field(default_factory=list)
    line: int = 0
    number: int = 0
    label: str = ""
    #: set when the report is assembled: the picture as a data: URL, or the chart as
    #: inline SVG, and the picture's bytes and type for the Word file
    url: str = ""
    svg: str = ""
    data: bytes = b""
    media_type: str = ""
    kind = "figure"

    def runs(self) -> list[Inline]:
        return ([self.title] if self.title else []) + self.notes


@dataclass
class ParsedParagraph:
    """A top-level paragraph of a text, with the lists, tables and figures after it."""

    inline: Inline
    line: int  # 0-based line within the text
    lists: list[ListBlock] = field(default_factory=list)
    exhibits: list = field(default_factory=list)
    #: the language of a paragraph a short document's edition prints untranslated
    #: ('en'), and the edition's mark before it ('[non traduit]'); None: the document's
    language: str | None = None
    mark: str = ""


class MarkupError(ValueError):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def parse_paragraphs(md: MarkdownIt, text: str,
                     data: Callable[[str], list[list[str]]] | None = None) -> list[ParsedParagraph]:
    """Split text into numbered-paragraph units; refuses headings, code and quotes.
    A paragraph that is only a link to ``table:NAME.csv`` is a table of that data's rows
    (``data`` reads them, the first row the header; MarkupError if it cannot)."""
    tokens = md.parse(text)
    paragraphs: list[ParsedParagraph] = []
    table: Table | None = None  # the table just read, whose notes may follow
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = tok.map[0] if tok.map else 0
        if tok.type == "paragraph_open":
            inline = Inline(tokens[i + 1].children or [], line)
            _refuse_html(inline)
            i += 3
            if table is not None and _table_note(inline):
                table.notes.append(inline)
                continue
            table = None
            figure = _figure(inline, line)
            if figure is not None:
                _attach_table(paragraphs, figure, line)
                table = figure  # its source and notes follow it as a table's do
                continue
            source = _data_link(inline)
            if source is not None:
                if data is None:
                    raise MarkupError(f"a table from data ('table:{source}') is printed in a "
                                      "report's blocks only", line)
                try:
                    rows = data(source)
                except ValueError as exc:
                    raise MarkupError(str(exc), line) from None
                table = _data_table(rows, line)
                _attach_table(paragraphs, table, line)
                continue
            paragraphs.append(ParsedParagraph(inline, line))
        elif tok.type == "table_open":
            end = _closing(tokens, i)
            table = _table(tokens[i:end + 1], line)
            _attach_table(paragraphs, table, line)
            i = end + 1
        elif tok.type == "html_block":
            raise MarkupError(raw_html_message(tok.content), line)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            table = None
            if not paragraphs:
                raise MarkupError("a list must follow a paragraph", line)
            if paragraphs[-1].exhibits:
                raise MarkupError("a list after a table belongs to a paragraph of its own; "
                                  "write the paragraph before the list", line)
            end = _closing(tokens, i)
            paragraphs[-1].lists.append(_list_block(tokens[i:end + 1]))
            i = end + 1
        else:
            kind = tok.type.removesuffix("_open").replace("_", " ")
            raise MarkupError(f"{kind} is not allowed in block text (only paragraphs and lists)", line)
    return paragraphs


#: "(a) ", "(b) ", "(aa) ", "(i) ", "(iv) " opening a paragraph typed the UN way
_SUBPARAGRAPH_LABEL = re.compile(r"^\(([a-z]{1,3})\)[ \t]+")
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii",
          "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx")


def _letter_number(label: str) -> int | None:
    """'a' -> 1, 'z' -> 26, 'aa' -> 27 (letters repeated, as UN subparagraphs go on)."""
    if len(set(label)) != 1:
        return None
    return (len(label) - 1) * 26 + ord(label[0]) - ord("a") + 1


def _opening_label(paragraph: ParsedParagraph) -> str | None:
    tokens = paragraph.inline.tokens
    if paragraph.lists or not tokens or tokens[0].type != "text" or tokens[0].info == "escape":
        return None  # '\\(a)' keeps the label as text
    found = _SUBPARAGRAPH_LABEL.match(tokens[0].content)
    return found.group(1) if found else None


def _strip_label(paragraph: ParsedParagraph) -> Inline:
    first = paragraph.inline.tokens[0]
    first.content = _SUBPARAGRAPH_LABEL.sub("", first.content, count=1)
    return paragraph.inline


def _ends_with_colon(inline: Inline) -> bool:
    return inline.text.rstrip().endswith(":")


def un_subparagraphs(paragraphs: list[ParsedParagraph]
                     ) -> tuple[list[ParsedParagraph], list[tuple[int, str]]]:
    """Paragraphs typed as the UN types subparagraphs, "(a) ..." and "(b) ..." each on
    its own after a paragraph ending with a colon, made that paragraph's subparagraphs
    (as a Markdown list under it is), and "(i) ...", "(ii) ..." after a subparagraph
    ending with a colon, made its own.  A paragraph opening with such a label anywhere
    else stays a numbered paragraph, with a warning: (line, message) for each."""
    result: list[ParsedParagraph] = []
    warnings: list[tuple[int, str]] = []
    owner: ParsedParagraph | None = None  # the paragraph whose subparagraphs these are
    for paragraph in paragraphs:
        label = _opening_label(paragraph)
        if label is None:
            result.append(paragraph)
            owner = None
            continue
        lettered = [block for block in owner.lists if block.level == 1] if owner else []
        roman = owner.lists[-1] if owner and owner.lists[-1].level == 2 else None
        expected = lettered[-1].start + len(lettered[-1].items) if lettered else 1
        last_item = owner.lists[-1].items[-1] if owner and owner.lists else None
        if owner is None and label == "a" and result and not result[-1].lists \
                and _ends_with_colon(result[-1].inline):
            owner = result[-1]
            owner.lists.append(ListBlock(True, [_strip_label(paragraph)], 1))
        elif owner is not None and _letter_number(label) == expected and roman is None:
            owner.lists[-1].items.append(_strip_label(paragraph))
        elif owner is not None and roman is not None and label in _ROMAN \
                and _ROMAN.index(label) == len(roman.items):
            roman.items.append(_strip_label(paragraph))
        elif owner is not None and roman is not None and _letter_number(label) == expected:
            owner.lists.append(ListBlock(True, [_strip_label(paragraph)], expected))
        elif owner is not None and label == "i" and _ends_with_colon(last_item):
            owner.lists.append(ListBlock(True, [_strip_label(paragraph)], 1, level=2))
        else:
            warnings.append((paragraph.line, _ambiguous(label, owner, result)))
            result.append(paragraph)
            owner = None
    return result, warnings


def _ambiguous(label: str, owner: ParsedParagraph | None, before: list[ParsedParagraph]) -> str:
    if owner is None and label == "a":
        why = ("the paragraph before it does not end with a colon" if before
               else "no paragraph comes before it")
    elif owner is None:
        why = "no subparagraph (a) comes before it"
    else:
        why = "it does not follow the subparagraph before it in order"
    return (f"paragraph '({label}) …' is numbered as a paragraph of its own: {why}; "
            "subparagraphs (a), (b) … follow a paragraph ending with a colon, and (i), (ii) … "
            "a subparagraph ending with a colon (write '\\(' to keep it a paragraph)")


def parse_inline(md: MarkdownIt, text: str) -> Inline:
    """Parse a one-paragraph text such as a footnote."""
    paragraphs = parse_paragraphs(md, text)
    if len(paragraphs) != 1 or paragraphs[0].lists:
        raise MarkupError("expected a single paragraph", 0)
    return paragraphs[0].inline


def _closing(tokens: list[Token], start: int) -> int:
    depth = 0
    for j in range(start, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def _list_block(tokens: list[Token]) -> ListBlock:
    opener = tokens[0]
    items = [Inline(t.children or [], t.map[0] if t.map else 0)
             for t in tokens if t.type == "inline" and t.level == 3]
    for item in items:
        _refuse_html(item)
    html_blocks = [t for t in tokens if t.type == "html_block"]
    if html_blocks:
        raise MarkupError(raw_html_message(html_blocks[0].content),
                          html_blocks[0].map[0] if html_blocks[0].map else 0)
    nested = [t for t in tokens[1:-1] if t.type in ("bullet_list_open", "ordered_list_open")]
    if nested:
        raise MarkupError("lists inside lists are not supported", nested[0].map[0] if nested[0].map else 0)
    start = int(opener.attrGet("start") or 1)
    return ListBlock(opener.type == "ordered_list_open", items, start)


_TABLE_TITLE = re.compile(r"^Table[ \t]*:[ \t]*")
_TABLE_NOTE = re.compile(r"^(?:Sources?|Notes?)[ \t]*:")
#: a figure as a table cell gives it: 1,234  -5.6  12 %  (42)  —  n/a
_FIGURE_CELL = re.compile(r"^[(\-\u2212+]?[\d\s,.\u00a0\u202f]*\d[\d\s,.\u00a0\u202f]*\)?[ \t]*%?$"
                          r"|^[\u2014\u2013-]$|^n/a$|^\.\.$")


def _strip_prefix(inline: Inline, prefix: re.Pattern) -> bool:
    """Takes ``prefix`` off the first text of ``inline``; whether it was there."""
    tokens = inline.tokens
    if not tokens or tokens[0].type != "text" or not prefix.match(tokens[0].content):
        return False
    tokens[0].content = prefix.sub("", tokens[0].content, count=1)
    return True


def _table_note(inline: Inline) -> bool:
    tokens = inline.tokens
    return bool(tokens and tokens[0].type == "text" and _TABLE_NOTE.match(tokens[0].content))


def _attach_table(paragraphs: list[ParsedParagraph], table: Table | Figure, line: int) -> None:
    """``table`` (or figure) after the last paragraph, titled by a 'Table: ...' (or
    'Figure: ...') paragraph just before it."""
    title = _TABLE_TITLE if table.kind == "table" else _FIGURE_TITLE
    if paragraphs and not paragraphs[-1].lists and not paragraphs[-1].exhibits \
            and _strip_prefix(paragraphs[-1].inline, title):
        table.title = paragraphs.pop().inline
    if not paragraphs:
        raise MarkupError(f"a {table.kind} follows the paragraph that introduces it; write "
                          "that paragraph first, in the same text", line)
    paragraphs[-1].exhibits.append(table)


_FIGURE_TITLE = re.compile(r"^Figure[ \t]*:[ \t]*")


def _figure(inline: Inline, line: int) -> Figure | None:
    """A Figure when ``inline`` is only an image."""
    tokens = [t for t in inline.tokens if not (t.type == "text" and not t.content.strip())]
    if len(tokens) != 1 or tokens[0].type != "image":
        return None
    image = tokens[0]
    alt = render_text(image.children or []).strip()
    if not alt:
        raise MarkupError("a figure needs its alternative text, what it shows for readers "
                          "who cannot see it: ![what it shows](...)", line)
    return Figure(alt, image.attrGet("src") or "", line=line)


def _data_link(inline: Inline) -> str | None:
    """NAME when ``inline`` is only a link to table:NAME (any link text)."""
    tokens = [t for t in inline.tokens if not (t.type == "text" and not t.content.strip())]
    if len(tokens) < 2 or tokens[0].type != "link_open" or tokens[-1].type != "link_close":
        return None
    if any(t.type in ("link_open", "link_close") for t in tokens[1:-1]):
        return None
    href = tokens[0].attrGet("href") or ""
    return href[len("table:"):] if href.startswith("table:") else None


def _text_cell(text: str, line: int) -> Inline:
    token = Token("text", "", 0)
    token.content = text
    return Inline([token], line)


def _data_table(rows: list[list[str]], line: int) -> Table:
    """A table of rows read from a data file (the first the header), its figures
    right-aligned as a typed table's are."""
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    table = Table([_text_cell(cell, line) for cell in rows[0]],
                  [[_text_cell(cell, line) for cell in row] for row in rows[1:]],
                  [""] * width, line=line)
    _align_figures(table)
    return table


def _align_figures(table: Table) -> None:
    """A column whose cells are all figures, with no alignment written, is right-aligned."""
    for column, written in enumerate(table.align):
        cells = [row[column].text.strip() for row in table.rows if column < len(row)]
        if not written and any(cells) and all(_FIGURE_CELL.fullmatch(c) for c in cells if c):
            table.align[column] = "right"


def _table(tokens: list[Token], line: int) -> Table:
    """A Table from markdown-it's table tokens."""
    header: list[Inline] = []
    rows: list[list[Inline]] = []
    align: list[str] = []
    in_head = False
    for tok in tokens:
        if tok.type == "thead_open":
            in_head = True
        elif tok.type == "thead_close":
            in_head = False
        elif tok.type == "tr_open" and not in_head:
            rows.append([])
        elif tok.type == "th_open":
            style = tok.attrGet("style") or ""
            align.append(style.removeprefix("text-align:") if style else "")
        elif tok.type == "inline":
            cell = Inline(tok.children or [], tok.map[0] if tok.map else line)
            _refuse_html(cell)
            (header if in_head else rows[-1]).append(cell)
    table = Table(header, rows, align, line=line)
    _align_figures(table)
    return table


def _refuse_html(inline: Inline) -> None:
    for tok in inline.tokens:
        if tok.type == "html_inline":
            raise MarkupError(raw_html_message(tok.content), inline.line + inline.line_of(tok))


def links(inline: Inline) -> list[Token]:
    return [t for t in inline.tokens if t.type == "link_open"]


def link_text(tokens: list[Token], opener: Token) -> str:
    """Plain text between a link_open token and its link_close."""
    start = tokens.index(opener)
    out = []
    for tok in tokens[start + 1:]:
        if tok.type == "link_close":
            break
        out.append(tok.content)
    return "".join(out)


# -- rendering ------------------------------------------------------------------------

def _safe_href(href: str) -> str | None:
    return href if href.startswith(_SAFE_SCHEMES) else None


def render_html(tokens: list[Token], footnote: Callable[[Token], str] | None = None) -> str:
    out: list[str] = []
    open_links: list[str] = []  # closing tag of each open link: unsafe targets become spans
    run: list[str] = []  # plain text not yet written: symbols may straddle a line break

    def write_run() -> None:
        if run:
            out.append(keep_together(html.escape("".join(run), quote=False)))
            run.clear()

    for tok in tokens:
        kind = tok.type
        if kind in ("text", "softbreak"):
            run.append(tok.content if kind == "text" else "\n")
            continue
        write_run()
        if kind == "hardbreak":
            out.append("<br>\n")
        elif kind in ("em_open", "em_close", "strong_open", "strong_close"):
            out.append(f"<{'/' if kind.endswith('close') else ''}{tok.tag}>")
        elif kind == "code_inline":
            out.append(f"<code>{html.escape(tok.content)}</code>")
        elif kind == "link_open":
            href = _safe_href(tok.attrGet("href") or "")
            css = tok.meta.get("class") if tok.meta else None
            attrs = f' class="{css}"' if css else ""
            out.append(f'<a href="{html.escape(href)}"{attrs}>' if href else "<span>")
            open_links.append("</a>" if href else "</span>")
        elif kind == "link_close":
            out.append(open_links.pop() if open_links else "")
        elif kind == "footnote_ref":
            out.append(footnote(tok) if footnote else f"<sup>{tok.meta.get('number', '?')}</sup>")
        elif kind == "image":
            out.append(html.escape(tok.content or render_text(tok.children or [])))
        elif kind in ("html_inline",):
            out.append(html.escape(tok.content))
    write_run()
    return "".join(out)


#: characters that mean something inline to CommonMark: escaped wherever text is written
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
#: an entity or numeric character reference, which a renderer would decode
_MD_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
#: what would start a block (heading, list, setext line, fence) at a line's start
_MD_LINE_START = re.compile(r"^(?:[#+=~-]|\d+[.)])")


def md_escape(text: str, line_start: bool = False, also: str = "") -> str:
    """``text`` as Markdown that reads back as the same text; ``line_start`` when it may
    begin a line, ``also`` for more characters to escape."""
    text = _MD_ENTITY.sub(r"\\&", _MD_SPECIAL.sub(r"\\\1", text))
    for char in also:
        text = text.replace(char, "\\" + char)
    if line_start:
        # leading blanks would indent into a code block, or be stripped: keep them as
        # character references
        stripped = _LEADING_BLANKS.sub("", text)
        text = "".join(f"&#{ord(c)};" for c in text[:len(text) - len(stripped)]) + stripped
        match = _MD_LINE_START.match(text)
        if match:
            text = text[:match.end() - 1] + "\\" + text[match.end() - 1:]
    return text


def _md_destination(href: str) -> str:
    """A link target that reads back exactly as written: bare when it can be, else in
    angle brackets, which take any character once <, > and \\ are escaped."""
    if not re.search(r"[\s()<>\\]", href):
        return href
    return "<" + re.sub(r"([<>\\])", r"\\\1", href) + ">"


def _md_code(content: str) -> str:
    """A code span whose fence is longer than any run of backticks inside it."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", content)), default=0) + 1)
    # CommonMark strips one blank from each end of a span, unless the span is all blanks
    edged = content.startswith(("`", " ")) or content.endswith(("`", " "))
    pad = " " if edged and content.strip(" ") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def render_markdown(tokens: list[Token]) -> str:
    """CommonMark that any renderer reads back as the same text and links: every
    character with a meaning is escaped, so nothing becomes an image, raw HTML, a link or
    a block the writer did not write."""
    out: list[str] = []
    open_links: list[str] = []  # the "](target)" that closes each open link
    marks: list[str] = []  # the delimiter that closes each open emphasis
    line_start = True
    text = ""  # text runs are escaped whole: an entity may not form across two of them
    for tok in [*tokens, Token("end", "", 0)]:
        kind = tok.type
        if kind in ("text", "image"):
            text += tok.content
            continue
        if text:
            escaped = md_escape(text, line_start)
            if kind in ("link_open", "footnote_ref") and escaped.endswith("!"):
                escaped = escaped[:-1] + "\\!"  # else "![" starts an image
            out.append(escaped)
            line_start, text = False, ""
        if kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\\\n")
        elif kind in ("em_open", "strong_open"):
            # an emphasis opened right after another delimiter is written with the other
            # character, or '_*0*_' would be written '**0**' and read back as bold
            mark = "_" if out and out[-1].endswith("*") else "*"
            marks.append(mark * (1 if kind == "em_open" else 2))
            out.append(marks[-1])
        elif kind in ("em_close", "strong_close"):
            out.append(marks.pop() if marks else "*" * (1 if kind == "em_close" else 2))
        elif kind == "code_inline":
            out.append(_md_code(tok.content))
        elif kind == "link_open":
            href = _safe_href(tok.attrGet("href") or "")
            out.append("[" if href else "")
            open_links.append(f"]({_md_destination(href)})" if href else "")
        elif kind == "link_close":
            out.append(open_links.pop() if open_links else "")
        elif kind == "footnote_ref":
            out.append(f"[^{tok.meta.get('number', tok.meta['label'])}]")
        line_start = kind == "hardbreak"
    return _keep_blanks_at_end("".join(out))


#: blanks a renderer may strip at a paragraph's edges: spaces, tabs, line breaks and the
#: no-break and other Unicode spaces (control characters are never content text)
_LEADING_BLANKS = re.compile(r"^[^\S\x1c-\x1f\x85]+")
_TRAILING_BLANKS = re.compile(r"[^\S\x1c-\x1f\x85]+$")


def _keep_blanks_at_end(markdown: str) -> str:
    """Blanks ending a paragraph (a no-break space, say) are stripped by CommonMark
    renderers: keep them as character references."""
    kept = _TRAILING_BLANKS.sub("", markdown)
    if kept.endswith("\\") and not kept.endswith("\\\\"):
        return markdown  # a hard break never ends a paragraph; leave it alone
    return kept + "".join(f"&#{ord(c)};" for c in markdown[len(kept):])


#: "[^n]: X" where X is one word, with or without a quoted title, is a link reference
#: definition to CommonMark without footnotes; such a note gets a trailing no-break space
_DEFINITION_SHAPE = re.compile(r"""^[^ \t\n]+([ \t\n]+("[^"]*"|'[^']*'|\([^()]*\)))?[ \t\n]*$""")


def markdown_note(inline: Inline) -> str:
    """A footnote's text for a ``[^n]: `` line: CommonMark without footnotes must not read
    the line as a link definition, which would turn every call of the note into a link."""
    text = inline.markdown
    if _DEFINITION_SHAPE.fullmatch(text):
        return text + " &#160;"
    if "\n" in text and _DEFINITION_SHAPE.fullmatch(text.split("\n", 1)[0]):
        # a definition may end at its first line, whatever follows (a hard break, say):
        # a first word that cannot be followed by a title makes the line plain text
        return "&#160; " + ("\\" + text if text[:1] in "\"'(" else text)
    return text


def render_text(tokens: list[Token]) -> str:
    out: list[str] = []
    for tok in tokens:
        if tok.type in ("text", "code_inline", "image", "html_inline"):
            out.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif tok.type == "footnote_ref":
            out.append(str(tok.meta.get("number", "")))
    return "".join(out)
