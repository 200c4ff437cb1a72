"""``reportgen import``: an existing report in Markdown read into a new workspace.

The report is read in the form a conversion of an issued UN document gives (seed 004):
masthead lines, headings numbered I./A./1. and italic unnumbered headings at whatever
``#`` level the conversion left them, numbered paragraphs split by page breaks,
``<sup>n</sup>`` footnote calls with their definitions and the ``*`` agenda note.
reportgen's own Markdown output reads the same way.  Reading gives an
:class:`ImportedReport`; :func:`write_workspace` turns it into content files.  Every line
that cannot be placed is reported with its line number, never silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..dates import MONTHS, DateSpan, parse_period_key
from ..errors import ProblemLog, printable
from ..languages import WORDS, heading_marks, label_endings
from ..textchars import CONTROL, NOT_CARRIED, line_of
from ..wording import ordinal_words
from .models import symbol_ok

_ROMAN = re.compile(r"^([IVXLC]+)\.\s+(.+)$")
#: the punctuation after a paragraph's or a heading's number, in any edition ('1.', '1 -')
_ENDING = "(?:" + "|".join(re.escape(ending) for ending in label_endings()) + ")"
_PARAGRAPH = re.compile(rf"^(\d+){_ENDING}\s+(.*)$")
#: a chapter or section label in an edition's own words ('ثانيا -', '二.', 'باء -')
_OWN_MARKS = heading_marks()
_OWN_LABEL = re.compile("(" + "|".join(re.escape(label) for label in sorted(
    _OWN_MARKS, key=len, reverse=True)) + rf"){_ENDING}\s+(.+)")
#: a subsection's number: one or two digits, so a heading that opens with a year
#: ('2030 - the road ahead') is not read as numbered
_NUMBER_LABEL = re.compile(rf"(\d{{1,2}}){_ENDING}\s+(.+)")
_NOTE_DEFINITION = re.compile(r"^(?:<sup>(\d+)</sup>|\[\^([A-Za-z0-9_-]+)\]:)\s*(.*)$")
_AGENDA_NOTE = re.compile(r"^\\?\*\s+(.*)$")
_ITALIC_LINE = re.compile(r"^\*(?!\*)(.+?)(?<!\*)\*$")
_PLACEHOLDER = re.compile(r"^\\?\[[^\]]*\\?\]\.?$")
#: an indented line that is a list item ("- ") or a subparagraph ("(a) ", "(ii) ") of
#: the paragraph before it, as the Markdown format writes them
_LIST_ITEM = re.compile(r"^[ \t]+(?:[-*+]|\((?:[a-z]{1,2}|[ivxlc]{1,7})\))[ \t]+\S")
_BULLET = re.compile(r"^[-*+][ \t]")
_PAGE_FURNITURE = re.compile(r"^(?:---+|\d+/\d+|V\.\d{2}-\d{5}.*|\*\s*\*\s*\*)$")
_MONTH = "(" + "|".join(MONTHS) + ")"
_ORDINAL_NUMBERS = {ordinal_words(n): n for n in range(1, 60)}


@dataclass
class ImportedHeading:
    id: str
    title: str
    numbered: bool
    line: int
    sections: list["ImportedHeading"] = field(default_factory=list)
    annex: bool = False


@dataclass
class ImportedParagraph:
    number: int
    id: str
    place: str
    text: str
    line: int
    date: DateSpan | None = None
    footnotes: dict[str, str] = field(default_factory=dict)


@dataclass
class ImportedReport:
    """What a report's Markdown gives: its particulars, outline and paragraphs."""

    series: dict[str, str] = field(default_factory=dict)
    period: dict[str, object] = field(default_factory=dict)
    outline: list[ImportedHeading] = field(default_factory=list)
    paragraphs: list[ImportedParagraph] = field(default_factory=list)


def read_report(source: str, name: str, period_key: str, log: ProblemLog,
                own_period: bool = False) -> ImportedReport:
    """Read ``source`` (the text of file ``name``); problems go to ``log``.  With
    ``own_period`` (an import), ``period_key`` must be the period the report says it
    covers; a redline reads an earlier period's report as the baseline of a later one."""
    if _unreadable_characters(source, name, log):
        return ImportedReport()
    lines = [line.rstrip() for line in source.splitlines()]
    start = _first_chapter(lines)
    if start is None:
        log.error(name, None, "no chapter heading such as 'I. Introduction' found; "
                              "not a report in Markdown")
        return ImportedReport()
    report = ImportedReport()
    _read_masthead(lines[:start], name, report, log)
    _read_body(lines, start, name, report, log)
    _read_period_dates(report, period_key, name, log, own_period)
    _date_paragraphs(report)
    return report


# -- masthead -----------------------------------------------------------------------------

def _unreadable_characters(source: str, name: str, log: ProblemLog) -> bool:
    """Log, at its line, each control character (but the tab and the line breaks) and each
    character no output can carry; True if there was any."""
    found = False
    text = source.replace("\r\n", "\n").replace("\r", "\n")
    for pattern, what in ((CONTROL, "a control character"),
                          (NOT_CARRIED, "a character no output can carry")):
        for match in pattern.finditer(text):
            found = True
            log.error(name, line_of(text, match.start()),
                      f"holds {printable(match.group())}, {what}; remove it")
    return found


def _first_chapter(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        text = _plain(line)
        if line.lstrip().startswith("#") or _ITALIC_LINE.fullmatch(line.strip()) or text != line.strip():
            if _ROMAN.fullmatch(text) and _ROMAN.fullmatch(text).group(1) == "I":
                return index
    return None


def _plain(line: str) -> str:
    """A heading or masthead line without its # marks, emphasis and escapes."""
    text = line.strip().lstrip("#").strip()
    text = re.sub(r"\*\*|__", "", text)
    italic = _ITALIC_LINE.fullmatch(text)
    if italic:
        text = italic.group(1)
    text = re.sub(r"\\([\\`*_\[\]()<>#.!-])", r"\1", text)
    return _english_label(" ".join(text.split()))


def _english_label(text: str) -> str:
    """A heading numbered in an edition's own words ('ثانيا - Title', '二. Title',
    '1 - Title') with the English label it stands for ('II. Title', '1. Title')."""
    own = _OWN_LABEL.fullmatch(text)
    if own:
        return f"{_OWN_MARKS[own.group(1)][1]}. {own.group(2)}"
    number = _NUMBER_LABEL.fullmatch(text)
    if number:
        return f"{number.group(1)}. {number.group(2)}"
    return text


def _read_masthead(lines: list[str], name: str, report: ImportedReport, log: ProblemLog) -> None:
    """The particulars above 'I. Introduction': organ, date, session, agenda item, title."""
    series, period = report.series, report.period
    groups = _masthead_groups(lines)
    after_distribution = False
    for number, raw, text in groups:
        if not text:
            continue
        if _PLACEHOLDER.fullmatch(text) or _PLACEHOLDER.fullmatch(raw.strip()):
            after_distribution = False  # "[date of issue]": the field stays unset
            continue
        if _AGENDA_NOTE.fullmatch(raw.strip()) and not raw.strip().startswith("**"):
            _agenda_note(_AGENDA_NOTE.fullmatch(raw.strip()).group(1), number, name, report, log)
            continue
        if text.startswith("United Nations") and ("—" in text or text == "United Nations"):
            symbol = text.partition("—")[2].strip()
            if symbol and symbol_ok(symbol):
                period["symbol"] = symbol
            continue
        if symbol_ok(text) and "/" in text and " " not in text:
            period["symbol"] = text
            continue
        if text.startswith("Distr.:"):
            after_distribution = True
            continue
        issued = _day(text)
        if issued and after_distribution:
            period["issued"] = issued.isoformat()
            after_distribution = False
            continue
        if text.startswith("Original:"):
            period["original"] = text.partition(":")[2].strip()
            continue
        session = re.fullmatch(r"(\w+(?:-\w+)?) [Ss]ession", text)
        if session and session.group(1).lower() in _ORDINAL_NUMBERS:
            period["session"] = _ORDINAL_NUMBERS[session.group(1).lower()]
            continue
        venue = re.fullmatch(r"([A-Z][\w .'-]+), (.+)", text)
        if venue and _span_in_text(venue.group(2)):
            period["venue"] = venue.group(1)
            period["session_dates"] = _span_in_text(venue.group(2)).text
            continue
        if venue and "session" in period and "venue" not in period and _PLACEHOLDER.fullmatch(venue.group(2)):
            period["venue"] = venue.group(1)
            continue
        item = re.fullmatch(r"Item (.+?) of the (?:provisional )?agenda\**", text)
        if item:
            period["agenda_item"] = item.group(1)
            continue
        if raw.lstrip().startswith("#") and "organ" not in series:
            series["organ"] = text
        elif raw.lstrip().startswith("**") and "agenda_item" in period and "agenda_title" not in period:
            period["agenda_title"] = text
        elif "title" not in series and (raw.lstrip().startswith(("#", "**")) and len(text) > 40):
            series["title"] = text
        elif "title" in series and "subtitle" not in series and raw.lstrip().startswith(("#", "**")):
            series["subtitle"] = text
        elif "organ" not in series and "title" not in series:
            series["organ"] = text
        else:
            log.warning(name, number, f"masthead line not understood, not imported: {text[:60]}")
    for key in ("organ", "title"):
        if key not in series:
            log.warning(name, None, f"the masthead gives no {key}; content/series.yml "
                                    f"shows '[{key}]' until you write it")


def _masthead_groups(lines: list[str]) -> list[tuple[int, str, str]]:
    """Masthead text as (first line number, raw first line, plain text) per Markdown
    paragraph, a bold title broken over several lines joined; lines ending in a hard
    break (two spaces) stay separate."""
    groups: list[tuple[int, str, str]] = []
    open_bold: tuple[int, str, list[str]] | None = None
    for index, raw in enumerate(lines):
        line = raw.strip()
        if open_bold:
            open_bold[2].append(line)
            if line.endswith("**"):
                groups.append((open_bold[0], open_bold[1], _plain(" ".join(open_bold[2]))))
                open_bold = None
            continue
        if line.startswith("**") and not line.rstrip("\\").endswith("**"):
            open_bold = (index + 1, raw, [line])
            continue
        groups.append((index + 1, raw, _plain(line)))
    return groups


def _agenda_note(text: str, line: int, name: str, report: ImportedReport, log: ProblemLog) -> None:
    symbol = _plain(text).rstrip(".")
    if symbol_ok(symbol):
        report.period["provisional_agenda"] = symbol
    elif not _PLACEHOLDER.fullmatch(text.strip()):
        log.warning(name, line, f"the '*' note is not a document symbol, not imported: {text[:60]}")


# -- body ---------------------------------------------------------------------------------

@dataclass
class _Reading:
    """Where the body reader stands: the open headings and the open paragraph."""

    path: list[ImportedHeading] = field(default_factory=list)  # numbered headings, by level
    outline_chapters: list[ImportedHeading] = field(default_factory=list)
    next_letter: str = "A"
    paragraph: ImportedParagraph | None = None
    calls: dict[str, tuple[ImportedParagraph, int]] = field(default_factory=dict)
    notes: dict[str, tuple[str, int]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    per_place: dict[str, int] = field(default_factory=dict)
    #: block id of each paragraph number, for "para. 7" links
    blocks: dict[str, str] = field(default_factory=dict)
    #: inside a table after the open paragraph: "title" until its title or first row is
    #: read, then "rows", then "notes"; None outside one
    table: str | None = None
    exhibit: str = "Table"  # or "Figure": what the open one is
    #: the ids of the annexes read so far
    annexed: set[str] = field(default_factory=set)


def _read_body(lines: list[str], start: int, name: str, report: ImportedReport,
               log: ProblemLog) -> None:
    state = _Reading()
    expected = 1
    for index in range(start, len(lines)):
        number, line = index + 1, lines[index].strip()
        if not line or _PAGE_FURNITURE.fullmatch(line):
            continue
        if _AGENDA_NOTE.fullmatch(line) and not _ITALIC_LINE.fullmatch(line):
            _agenda_note(_AGENDA_NOTE.fullmatch(line).group(1), number, name, report, log)
            continue
        note = _NOTE_DEFINITION.fullmatch(line)
        if note:
            label = note.group(1) or note.group(2)
            state.notes[label] = (note.group(3), number)
            continue
        if _table_line(line, state):
            continue
        annex = _ANNEX_HEADING.fullmatch(_plain(line)) if line.startswith("#") else None
        if annex is not None:  # an annex: a chapter after the body, numbered from 1 again
            node = ImportedHeading(_unique_id(annex.group(2) or annex.group(1), state.ids),
                                   annex.group(2) or annex.group(1), True, number, annex=True)
            report.outline.append(node)
            state.path, state.paragraph, state.next_letter = [node], None, "A"
            state.outline_chapters.append(node)
            state.annexed.add(node.id)
            expected = 1
            continue
        heading = _heading(line)
        if heading is not None:
            _open_heading(heading, number, name, report, state, log)
            state.paragraph = None
            continue
        numbered = _PARAGRAPH.fullmatch(line)
        if numbered and state.path:
            if int(numbered.group(1)) != expected:
                log.warning(name, number, f"paragraph {numbered.group(1)} follows paragraph "
                                          f"{expected - 1}; numbered {expected} on import")
            place = (state.path[-1].sections[-1] if state.path[-1].sections
                     and not state.path[-1].sections[-1].numbered else state.path[-1]).id
            count = state.per_place[place] = state.per_place.get(place, 0) + 1
            state.paragraph = ImportedParagraph(expected, f"{place}-{count}", place,
                                                numbered.group(2), number)
            report.paragraphs.append(state.paragraph)
            _note_calls(state.paragraph, numbered.group(2), number, state)
            expected += 1
        elif state.paragraph is not None and _LIST_ITEM.match(lines[index]):
            # an item of the paragraph's list, or one of its subparagraphs: their own
            # lines in the block's text, as the writer typed them
            item = _BULLET.match(line) is not None
            last = state.paragraph.text.rsplit("\n", 1)[-1]
            state.paragraph.text += ("\n" if item and _BULLET.match(last) else "\n\n") + line
            _note_calls(state.paragraph, line, number, state)
        elif state.paragraph is not None:  # the rest of a paragraph split by a page break
            state.paragraph.text += " " + line
            _note_calls(state.paragraph, line, number, state)
        else:
            log.warning(name, number, f"text outside a numbered paragraph, not imported: {line[:60]}")
    # "para. 7" links name the body's paragraphs; an annex numbers its own from 1
    state.blocks = {str(p.number): p.id for p in report.paragraphs
                    if not _in_annex(p.place, report.outline, state.annexed)}
    _attach_notes(state, name, log)
    for paragraph in report.paragraphs:
        paragraph.text = _content_text(paragraph.text, state)


#: "Table 3" (in any of the official languages' words) opening a table of a report
_TABLE_LABEL = re.compile(rf"(?:{'|'.join(sorted({w.table for w in WORDS.values()}))})\s*\d+")
#: "Figure II" opening a figure (its picture written ![alt text](target))
_FIGURE_LABEL = re.compile(rf"(?:{'|'.join(sorted({w.figure for w in WORDS.values()}))})\s*[IVXLC]+")
_TABLE_NOTE_LINE = re.compile(r"(?:Sources?|Notes?)\s*:.*")


def _table_line(line: str, state: _Reading) -> bool:
    """A line of a table after the open paragraph ("Table 1", its bold title, its pipe
    rows, its source and notes), added to the paragraph's text as content markup writes
    a table; False for any other line, which ends the table."""
    paragraph = state.paragraph
    if paragraph is None:
        return False
    if _TABLE_LABEL.fullmatch(line) or _FIGURE_LABEL.fullmatch(line):
        state.table = "title"
        state.exhibit = "Table" if _TABLE_LABEL.fullmatch(line) else "Figure"
        return True
    if state.table == "title" and line.startswith("**") and line.endswith("**") and len(line) > 4:
        paragraph.text += f"\n\n{state.exhibit}: " + line[2:-2]
        state.table = "titled"
        return True
    if state.table in ("title", "titled") and state.exhibit == "Figure" and line.startswith("!["):
        paragraph.text += "\n\n" + line
        state.table = "notes"
        return True
    if state.table in ("title", "titled", "rows") and line.startswith("|"):
        paragraph.text += ("\n" if state.table == "rows" else "\n\n") + line
        state.table = "rows"
        return True
    if state.table in ("rows", "notes") and _TABLE_NOTE_LINE.fullmatch(line):
        paragraph.text += "\n\n" + line
        state.table = "notes"
        return True
    state.table = None
    return False


#: "## Annex I: Title", as reportgen writes an annex's heading (in the six languages)
_ANNEX_HEADING = re.compile(rf"((?:{'|'.join(sorted({w.annex for w in WORDS.values()}))})\s+[IVXLC]+)"
                            r"(?:\s*:\s*(.+))?")


def _in_annex(place: str, outline: list[ImportedHeading], annexed: set[str]) -> bool:
    def holds(node: ImportedHeading) -> bool:
        return node.id == place or any(holds(child) for child in node.sections)

    return any(node.id in annexed and holds(node) for node in outline)


def _heading(line: str) -> tuple[str | None, str] | None:
    """(number mark, title) of a heading line: mark 'II', 'B' or '3', or None for an
    unnumbered (italic) heading; None if the line is not a heading."""
    marked = line.startswith("#")
    italic = _ITALIC_LINE.fullmatch(line.lstrip("#").strip())
    bold = re.fullmatch(r"\*\*[^*]+\*\*", line)
    if not marked and not italic and not bold:
        return None
    text = _plain(line)
    if not text:
        return None
    numbered = re.fullmatch(r"([IVXLC]+|[A-Z]|\d+)\.\s+(.+)", text)
    if bold and not marked and not numbered:
        return None  # a bold line without a number is emphasis, not a heading
    return (numbered.group(1), numbered.group(2)) if numbered else (None, text)


def _level(mark: str | None, state: _Reading) -> int | None:
    """1 for a chapter (I.), 2 for a section (A.), 3 for a subsection (1.); a letter that
    is also a Roman numeral (C., I., V.) is whichever the sequence expects next."""
    if mark is None:
        return None
    if mark.isdigit():
        return 3
    chapters = len(state.outline_chapters)
    if state.path and mark == state.next_letter:
        return 2
    if mark == _roman(chapters + 1):
        return 1
    return 1 if _ROMAN.fullmatch(f"{mark}. x") else 2


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _open_heading(heading, line: int, name: str, report: ImportedReport, state: _Reading,
                  log: ProblemLog) -> None:
    mark, title = heading
    level = _level(mark, state)
    node = ImportedHeading(_unique_id(title, state.ids), title, level is not None, line)
    if level is None:
        if not state.path:
            log.warning(name, line, f"unnumbered heading before any chapter, not imported: {title[:60]}")
            return
        state.path[-1].sections.append(node)
        return
    if level - 1 > len(state.path):
        log.warning(name, line, f"heading '{title[:40]}' skips a level; placed one level up")
        level = len(state.path) + 1
    parent = state.path[level - 2] if level > 1 else None
    (parent.sections if parent else report.outline).append(node)
    state.path = state.path[:level - 1] + [node]
    if level == 1:
        state.outline_chapters.append(node)
        state.next_letter = "A"
    elif level == 2 and len(mark) == 1 and mark.isalpha():
        state.next_letter = chr(ord(mark) + 1)


def _note_calls(paragraph: ImportedParagraph, text: str, line: int, state: _Reading) -> None:
    # a paragraph's text holds no note definitions (they are lines of their own), so a
    # call followed by a colon ("route[^1]:") is a call
    for label in re.findall(r"<sup>(\d+)</sup>|\[\^([A-Za-z0-9_-]+)\]", text):
        key = label[0] or label[1]
        state.calls.setdefault(key, (paragraph, line))


def _attach_notes(state: _Reading, name: str, log: ProblemLog) -> None:
    for label, (paragraph, line) in state.calls.items():
        if label not in state.notes:
            log.error(name, line, f"footnote {label} is called but never defined")
            continue
        paragraph.footnotes[_note_label(label)] = _content_text(state.notes[label][0], state)
    for label, (_, line) in state.notes.items():
        if label not in state.calls:
            log.warning(name, line, f"footnote {label} is never called, not imported")


def _note_label(label: str) -> str:
    return f"n{label}" if label[0].isdigit() else label


def _content_text(text: str, state: _Reading) -> str:
    """Seed markup turned into reportgen's: footnote calls, symbol links, no template."""
    text = re.sub(r"<sup>(\d+)</sup>", lambda m: f"[^{_note_label(m.group(1))}]", text)
    text = re.sub(r"\[\^(\d+)\]", lambda m: f"[^{_note_label(m.group(1))}]", text)
    text = re.sub(r"\[((?:[^\[\]\\]|\\.)+)\]\(([^()\s]*(?:\([^()]*\)[^()\s]*)*)\)",
                  lambda m: _link(m, state.blocks), text)
    # content text may quote facts with {{ }}; an imported report's braces are text
    return re.sub(r"\{(?=[{%#])", "&#123;", text)


def _link(match: re.Match, blocks: dict[str, str]) -> str:
    shown, target = match.group(1), match.group(2)
    cross = re.fullmatch(r"#para-(\d+)", target)
    if cross and cross.group(1) in blocks and re.fullmatch(r"paras?\. \d+", shown):
        return f"[](ref:{blocks[cross.group(1)]})"
    symbol = _symbol_for(shown, target)
    if symbol is None:
        return match.group(0) if target not in ("", "#") else shown
    return f"[{shown}](symbol:)" if _unescaped(shown) == symbol else f"[{shown}](symbol:{symbol})"


def _symbol_for(shown: str, target: str) -> str | None:
    """The document symbol a link cites: from an undocs.org address, or from its text
    when the conversion left a placeholder target."""
    undocs = re.fullmatch(r"https?://(?:www\.)?undocs\.org/(?:en/)?(.+)", target)
    if undocs:
        return undocs.group(1) if symbol_ok(undocs.group(1)) else None
    if target not in ("", "#"):
        return None
    text = _unescaped(shown)
    if "/" in text and symbol_ok(text) and not text[0].isdigit():
        return text
    if re.fullmatch(r"\d{2,3}/\d+", text):  # a General Assembly resolution: 75/196
        return f"A/RES/{text}"
    council = re.fullmatch(r"(\d{3,4}) \((\d{4})\)", text)  # a Security Council one: 2546 (2020)
    if council:
        return f"S/RES/{council.group(1)}({council.group(2)})"
    if re.fullmatch(r"(19|20)\d{2}/\d+", text):  # an Economic and Social Council one: 2021/20
        return f"E/RES/{text}"
    return None


def _unescaped(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _unique_id(title: str, taken: set[str]) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    useful = [w for w in words if w not in _STOP_WORDS] or words or ["heading"]
    base = "-".join(useful[:4])
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


_STOP_WORDS = set("a an and the of on in for to with by at from its their as".split())


# -- dates --------------------------------------------------------------------------------

def _day(text: str) -> date | None:
    match = re.fullmatch(rf"(\d{{1,2}}) {_MONTH} (\d{{4}})", text)
    if not match:
        return None
    return date(int(match.group(3)), MONTHS.index(match.group(2)) + 1, int(match.group(1)))


def _span_in_text(text: str) -> DateSpan | None:
    """The first date or date range written out in ``text``, as a DateSpan."""
    spans = _spans(text)
    return spans[0] if spans else None


_DATE_PATTERNS = [
    # 17–21 October 2022; 8 and 9 September 2020; from 14 to 15 October 2021
    (re.compile(rf"\b(\d{{1,2}})(?:\s*[–-]\s*|\s+(?:and|to)\s+)(\d{{1,2}}) {_MONTH} (\d{{4}})"),
     lambda m: (_iso(m[4], m[3], m[1]), _iso(m[4], m[3], m[2]))),
    # 30 November to 2 December 2021; 30 November–2 December 2021
    (re.compile(rf"\b(\d{{1,2}}) {_MONTH}(?:\s*[–-]\s*|\s+(?:and|to)\s+)(\d{{1,2}}) {_MONTH} (\d{{4}})"),
     lambda m: (_iso(m[5], m[2], m[1]), _iso(m[5], m[4], m[3]))),
    # 8 December 2021
    (re.compile(rf"\b(\d{{1,2}}) {_MONTH} (\d{{4}})"), lambda m: (_iso(m[3], m[2], m[1]), None)),
    # in March 2021
    (re.compile(rf"\b(?:in|In|during|During) {_MONTH} (\d{{4}})"),
     lambda m: (f"{m[2]}-{MONTHS.index(m[1]) + 1:02d}", None)),
]


def _iso(year: str, month: str, day: str) -> str:
    return f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"


def _spans(text: str) -> list[DateSpan]:
    """Every date written out in ``text``, in the order they appear."""
    found: list[tuple[int, DateSpan]] = []
    covered: list[range] = []
    for pattern, make in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() in r or match.end() - 1 in r for r in covered):
                continue
            first, last = make(match)
            try:
                span = DateSpan.parse(f"{first}/{last}" if last else first)
            except ValueError:
                continue
            covered.append(range(match.start(), match.end()))
            found.append((match.start(), span))
    return [span for _, span in sorted(found, key=lambda item: item[0])]


def _read_period_dates(report: ImportedReport, key: str, name: str, log: ProblemLog,
                       own_period: bool = False) -> None:
    """First and last day covered, from "covers the period from July 2020 to July 2022"."""
    for paragraph in report.paragraphs:
        covered = re.search(rf"period from {_MONTH} (\d{{4}}) to {_MONTH} (\d{{4}})",
                            paragraph.text)
        if covered:
            start = DateSpan.parse(f"{covered[2]}-{MONTHS.index(covered[1]) + 1:02d}")
            end = DateSpan.parse(f"{covered[4]}-{MONTHS.index(covered[3]) + 1:02d}")
            report.period["start"], report.period["end"] = start.start.isoformat(), end.end.isoformat()
            years = parse_period_key(key)
            if own_period and years is not None and years != (start.start.year, end.end.year):
                covers = f"{start.start.year}-{end.end.year}"
                log.error(name, paragraph.line,
                          f"the report covers {covered[1]} {covered[2]} to {covered[3]} "
                          f"{covered[4]}, so its period is {covers}, not {key}; give "
                          f"--period {covers}")
            return
    first, last = parse_period_key(key) or (None, None)
    if first is None:
        return
    report.period["start"], report.period["end"] = f"{first}-01-01", f"{last}-12-31"
    log.warning(name, None, f"no 'covers the period from ... to ...' sentence; period {key} "
                            f"set to cover {first}-01-01 to {last}-12-31 (check it)")


def _date_paragraphs(report: ImportedReport) -> None:
    """Each paragraph dated by the first date in its text that lies within the period;
    a paragraph without one is tied to the period."""
    if "start" not in report.period:
        return
    start, end = date.fromisoformat(report.period["start"]), date.fromisoformat(report.period["end"])
    for paragraph in report.paragraphs:
        for span in _spans(paragraph.text):
            if start <= span.start and span.end <= end:
                paragraph.date = span
                break


# -- writing the workspace ------------------------------------------------------------------

_PERIOD_ORDER = ("start", "end", "session", "venue", "session_dates", "agenda_item",
                 "agenda_title", "provisional_agenda", "symbol", "issued", "original")


def workspace_files(report: ImportedReport, key: str, root) -> dict[str, str]:
    """The content files of the imported report, by path relative to the workspace."""
    from pathlib import Path

    from .schema import modeline
    from .yamlwrite import dump_yaml, wrap

    root = Path(root)

    def text_of(relative: str, kind: str, data: object) -> str:
        return dump_yaml(data, modeline(root / relative, root, kind))

    series = dict(report.series)
    series.setdefault("organ", "[organ]")
    series.setdefault("title", "[title]")
    files = {
        "content/series.yml": text_of("content/series.yml", "series", series),
        f"content/periods/{key}.yml": text_of(
            f"content/periods/{key}.yml", "period",
            {k: report.period[k] for k in _PERIOD_ORDER if k in report.period}),
        "content/outline.yml": text_of("content/outline.yml", "outline",
                                       [_outline_data(node) for node in report.outline]),
    }
    folder_of = _folders(report.outline)
    for paragraph in report.paragraphs:
        relative = f"content/blocks/{folder_of[paragraph.place]}/{paragraph.id}.yml"
        data: dict[str, object] = {"id": paragraph.id, "place": paragraph.place}
        if paragraph.date:
            data["date"] = paragraph.date.text
        else:
            data["period"] = key
        data["order"] = 10 * int(paragraph.id.rsplit("-", 1)[1])
        data["text"] = wrap(paragraph.text)
        if paragraph.footnotes:
            data["footnotes"] = paragraph.footnotes
        files[relative] = text_of(relative, "block", data)
    return files


def _outline_data(node: ImportedHeading) -> dict:
    data: dict[str, object] = {"id": node.id, "title": node.title}
    if not node.numbered:
        data["numbered"] = False
    if node.annex:
        data["annex"] = True
    if node.sections:
        data["sections"] = [_outline_data(child) for child in node.sections]
    return data


def _folders(nodes: list[ImportedHeading], folder: str | None = None) -> dict[str, str]:
    """Block folder of each heading: the heading itself when numbered, else its parent's
    folder, so blocks are filed by area (chapter, section or subsection)."""
    folders: dict[str, str] = {}
    for node in nodes:
        own = node.id if node.numbered or folder is None else folder
        folders[node.id] = own
        folders.update(_folders(node.sections, own))
    return folders


@dataclass
class ImportResult:
    report: ImportedReport
    written: list = field(default_factory=list)
    warnings: list = field(default_factory=list)


def import_report(source, key: str, into) -> ImportResult:
    """Read report ``source`` (a Markdown file) as period ``key`` into a new workspace at
    ``into``.  Errors raise ContentError and write nothing; a workspace that already has
    content is never touched."""
    import shutil
    import tempfile
    from pathlib import Path

    from ..errors import ContentError, Problem, ReportgenError
    from ..oserrors import staged_for
    from ..plainfiles import FileTooLarge, NotPlainFile, read_plain
    from .schema import DEFAULT_FOLDER, write_schemas
    from .yamlsource import MAX_FILE_BYTES

    source, into = Path(source), Path(into)
    name = str(source)
    if parse_period_key(key) is None:
        raise ReportgenError(f"'{key}' is not a period such as 2020-2022")
    if (into / "content").exists():
        raise ReportgenError(f"{into / 'content'}: already exists; import into an empty folder")
    try:
        # a named pipe, device or link as the source is refused, not waited on or followed
        raw = read_plain(source, MAX_FILE_BYTES)
        text = raw.decode("utf-8")
    except (NotPlainFile, FileTooLarge) as exc:
        raise ContentError([Problem(name, None, exc.reason)]) from None
    except OSError as exc:
        raise ContentError([Problem(name, None, f"cannot read: {exc.strerror}")]) from None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ContentError([Problem(name, line, "not UTF-8 text")]) from None
    log = ProblemLog()
    report = read_report(text, name, key, log, own_period=True)
    log.raise_errors()
    files = workspace_files(report, key, into)
    made = [p for p in (into, *into.parents) if not p.exists()]  # made here, removed on failure
    into.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".reportgen-import-", dir=into))
    done = False
    try:
        for relative, content in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                path.write_text(content, encoding="utf-8")
            except OSError as exc:  # a full disk names no file: this is the one
                raise OSError(exc.errno, exc.strerror, str(into / relative)) from None
        with staged_for(staging, into):
            write_schemas(staging / DEFAULT_FOLDER)
        for folder in ("content", DEFAULT_FOLDER):
            if not (into / folder).exists():
                (staging / folder).rename(into / folder)
        done = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:  # nothing half-written: the folders made for the import go too
            for folder in made:
                try:
                    folder.rmdir()
                except OSError:
                    break
    return ImportResult(report, [into / relative for relative in files], log.warnings)
