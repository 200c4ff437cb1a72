"""Stage 2: assemble a period's document model from the validated store.

Blocks of the period are expanded (period and fact variables), parsed as Markdown,
placed under their headings and sorted; then headings, paragraphs and footnotes are
numbered in one pass over the document, and cross-references and document symbols are
resolved against those numbers.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date

from markdown_it.token import Token

from .dates import range_text
from .document import Document, Footnote, Masthead, Paragraph, Section
from .errors import ProblemLog
from .languages import LANGUAGES, Language, code_of_name, language
from .markup import (
    UNDOCS,
    Inline,
    MarkupError,
    ParsedParagraph,
    link_text,
    make_parser,
    parse_inline,
    parse_paragraphs,
)
from .models import Block, OutlineNode, symbol_ok
from .origins import report_provenance
from .store import EMBLEM_TYPES, Store, placeholder, unset_fields
from .suggestions import did_you_mean
from .typography import typeset, typeset_inline
from .variables import TextExpander, VariableError
from .wording import letter, ordinal_words, roman


@dataclass
class _Parsed:
    """A block of the period with its text parsed."""

    block: Block
    paragraphs: list[ParsedParagraph]
    footnotes: dict[str, Inline]
    path: str
    text_line: int
    note_lines: dict[str, int]  # first line of each footnote's text


def assemble_report(store: Store, key: str, log: ProblemLog, language: str | None = None) -> Document | None:
    """The report of period ``key`` (in ``language``, default the series' own, from a
    store made by reportgen.editions); problems go to ``log`` (None if any are errors)."""
    period = store.periods[key]
    where = store.where("period", key)
    for name, shows in unset_fields(store, key):
        log.warning(where.path, where.line, f"{name} is not set; the report shows '{shows}'")
    lang = LANGUAGES[language or store.series.language]
    expander = TextExpander(store.facts, key, period, lang=lang)
    parsed = _parse_blocks(store, key, expander, log)
    for item in parsed.values():
        in_language(item.paragraphs, list(item.footnotes.values()), lang)
    sections = _place(store.outline, parsed, 1, lang)
    numbers = _number_paragraphs(sections)
    footnotes = _resolve(parsed, numbers, store, key, log)
    if log.errors:
        return None
    code = language or store.series.language
    translated = code != store.series.language
    masthead = _masthead(store, key, code)
    provenance = report_provenance(
        store, key, expander, [b for b in parsed], {s.id for top in sections for s in top.walk()},
        masthead.symbol, code, f"report.{code}" if translated else "report", translated)
    return Document(
        kind="report",
        period=key,
        language=language or store.series.language,
        translated=(language or store.series.language) != store.series.language,
        author=store.series.author,
        masthead=masthead,
        sections=sections,
        footnotes=footnotes,
        issued_iso=period.issued.isoformat() if period.issued else None,
        facts_used=dict(expander.used),
        provenance=provenance,
    )


def _parse_blocks(store: Store, key: str, expander: TextExpander, log: ProblemLog) -> dict[str, _Parsed]:
    md = make_parser()
    parsed: dict[str, _Parsed] = {}
    for block in store.blocks:
        if store.period_of(block) != key or key in block.left_out:
            continue
        doc = store.block_docs[block.id]
        path = store.where("block", block.id).path
        text_line = doc.text_start(("text",))
        try:
            paragraphs = parse_paragraphs(md, expander.expand(block.text))
        except VariableError as exc:
            log.error(path, text_line + exc.line - 1, exc.message)
            continue
        except MarkupError as exc:
            log.error(path, text_line + exc.line, exc.message)
            continue
        if not paragraphs:
            log.error(path, doc.line_of(("text",)), "text is empty")
            continue
        footnotes: dict[str, Inline] = {}
        note_lines: dict[str, int] = {}
        for label, note in block.footnotes.items():
            note_line = note_lines[label] = doc.text_start(("footnotes", label))
            try:
                footnotes[label] = parse_inline(md, expander.expand(note))
            except (VariableError, MarkupError) as exc:
                log.error(path, note_line, f"footnote '{label}': {exc.message}")
                continue
            if footnotes[label].walk("footnote_ref"):
                # a note calling notes could call itself; notes hold text, not calls
                log.error(path, note_line, f"footnote '{label}' calls a footnote; "
                          "a footnote cannot call another")
                del footnotes[label]
        parsed[block.id] = _Parsed(block, paragraphs, footnotes, path, text_line, note_lines)
    return parsed


def _place(nodes: list[OutlineNode], parsed: dict[str, _Parsed], level: int,
           lang: Language) -> list[Section]:
    """Sections for the outline nodes that hold something in this period, numbered."""
    by_place: dict[str, list[_Parsed]] = {}
    for item in parsed.values():
        by_place.setdefault(item.block.place, []).append(item)
    return _sections(nodes, by_place, level, lang)


def text_runs(paragraphs: list[ParsedParagraph]) -> list[Inline]:
    """Every run of text of ``paragraphs``: each paragraph, then its list items."""
    return [inline for paragraph in paragraphs
            for inline in [paragraph.inline] + [i for lst in paragraph.lists for i in lst.items]]


def in_language(paragraphs: list[ParsedParagraph], others: list[Inline], lang: Language) -> None:
    """Set parsed text as ``lang`` writes it, in place: the items of ordered lists
    lettered as its subparagraphs ((a) in English, a) in French), and its typography
    applied to every run of text, ``others`` (notes, quotations) included."""
    for paragraph in paragraphs:
        for block in paragraph.lists:
            block.labels = ([lang.letter(block.start + i) for i in range(len(block.items))]
                            if block.ordered else [])
    for inline in [*text_runs(paragraphs), *others]:
        typeset_inline(inline, lang.code)


def _sections(nodes: list[OutlineNode], by_place: dict[str, list[_Parsed]], level: int,
              lang: Language) -> list[Section]:
    result: list[Section] = []
    count = 0
    for node in nodes:
        children = _sections(node.sections, by_place, level + 1, lang)
        own = sorted(by_place.get(node.id, []), key=_block_order)
        if not own and not children:
            continue  # a heading with nothing under it in this period is left out
        label = None
        if node.numbered:
            count += 1
            label = _label(level, count, lang)
        section = Section(node.id, typeset(node.title, lang.code), level, label,
                          sections=children)
        section.paragraphs = [Paragraph(0, item.block.id, p.inline, p.lists)
                              for item in own for p in item.paragraphs]
        result.append(section)
    return result


def _block_order(item: _Parsed) -> tuple:
    """Writer's order key first, then date (undated standing text first), then id."""
    block = item.block
    return (block.order, block.date.start if block.date else date.min, block.id)


def _label(level: int, n: int, lang: Language) -> str:
    if level == 1:
        return f"{roman(n)}."
    if level == 2:
        return f"{letter(n)}."
    if level == 3:
        return f"{n}."
    if level == 4:
        return lang.letter(n)  # (z) is followed by (aa)
    return f"({roman(n).lower()})"


def _number_paragraphs(sections: list[Section]) -> dict[str, list[int]]:
    """Numbers 1..N straight through; returns the numbers each block received."""
    numbers: dict[str, list[int]] = {}
    n = 0
    for top in sections:
        for section in top.walk():
            for paragraph in section.paragraphs:
                n += 1
                paragraph.number = n
                numbers.setdefault(paragraph.block_id, []).append(n)
    return numbers


def _resolve(parsed: dict[str, _Parsed], numbers: dict[str, list[int]], store: Store, key: str,
             log: ProblemLog) -> list[Footnote]:
    """Footnotes numbered in order of first call; symbols and cross-references linked."""
    order = sorted(parsed.values(), key=lambda item: numbers.get(item.block.id, [0])[0])
    footnotes: list[Footnote] = []
    assigned: dict[tuple[str, str], Footnote] = {}
    for item in order:
        for paragraph in item.paragraphs:
            for inline in text_runs([paragraph]):
                line = item.text_line + inline.line
                _resolve_calls(inline, item, line, assigned, footnotes, log)
                resolve_links(inline, item.path, line, numbers, store, key, log)
        for label in item.footnotes:
            if (item.block.id, label) not in assigned:
                doc = store.block_docs[item.block.id]
                log.error(item.path, doc.line_of(("footnotes", label)),
                          f"footnote '{label}' is defined but never called")
    for note in footnotes:
        item = parsed[note.block_id]
        resolve_links(note.content, item.path, item.note_lines[note.label], numbers, store, key,
                      log)
    return footnotes


def _resolve_calls(inline: Inline, item: _Parsed, line: int, assigned, footnotes, log) -> None:
    for tok in inline.walk("footnote_ref"):
        label = tok.meta["label"]
        note_key = (item.block.id, label)
        if label not in item.block.footnotes:
            log.error(item.path, line + inline.line_of(tok), f"footnote call [^{label}] has no definition under 'footnotes:'")
            continue
        if label not in item.footnotes:
            continue  # its text had an error, already reported
        first = note_key not in assigned
        if first:
            note = Footnote(len(footnotes) + 1, label, item.block.id, item.footnotes[label])
            assigned[note_key] = note
            footnotes.append(note)
        tok.meta = {**tok.meta, "number": assigned[note_key].number, "first": first,
                    "note": assigned[note_key]}


def resolve_links(inline: Inline, path: str, start: int, numbers, store: Store, key: str,
                   log: ProblemLog) -> None:
    """Symbols linked to undocs.org and references to blocks numbered; ``start`` is the
    line of the run's first line."""
    tokens = inline.tokens
    for tok in list(tokens):
        if tok.type != "link_open":
            continue
        href = tok.attrGet("href") or ""
        line = start + inline.line_of(tok)
        if href.startswith("symbol:"):
            symbol = href[len("symbol:"):] or link_text(tokens, tok)
            if not symbol_ok(symbol):
                log.error(path, line, f"'{symbol}' is not a well-formed document symbol")
            tok.attrSet("href", UNDOCS + symbol)
            tok.meta = {**(tok.meta or {}), "class": "symbol"}
        elif href.startswith("ref:"):
            _resolve_ref(tokens, tok, href[len("ref:"):], path, line, numbers, store, key, log)


def _resolve_ref(tokens: list[Token], tok: Token, target: str, path, line, numbers, store, key, log):
    if ("block", target) not in store.places:
        blocks = [name for kind, name in store.places if kind == "block"]
        log.error(path, line, f"reference to unknown block '{target}'" + did_you_mean(target, blocks))
        return
    paras = numbers.get(target)
    if not paras:
        log.error(path, line, f"reference to block '{target}', which is not in period {key}")
        return
    first, last = paras[0], paras[-1]
    tok.attrSet("href", f"#para-{first}")
    tok.meta = {**(tok.meta or {}), "class": "xref"}
    if not link_text(tokens, tok):
        text = Token("text", "", 0)
        text.content = f"para. {first}" if first == last else f"paras. {first}\u2013{last}"
        tokens.insert(tokens.index(tok) + 1, text)


def _masthead(store: Store, key: str, code: str) -> Masthead:
    period = store.periods[key]
    series = store.series
    lang = language(code)
    own = lang.code == series.language
    span = period.session_dates
    dates = (lang.days(span.start, span.end, range_text(span.start, span.end))
             if span else placeholder("session_dates"))
    session = (lang.session_name(period.session,
                                 f"{ordinal_words(period.session).capitalize()} session")
               if period.session else "[session]")
    item = (lang.agenda_item.format(item=lang.agenda_item_number(period.agenda_item))
            if period.agenda_item
            else "[agenda item]")
    block = LANGUAGES["en"] if lang.english_distribution_block else lang
    original_code = code_of_name(period.original)
    original = block.names[original_code] if original_code else period.original
    subtitle = series.subtitle
    if not own and subtitle == type(series).model_fields["subtitle"].default:
        subtitle = lang.report_of_the_secretariat
    return Masthead(
        organ=series.organ,
        symbol=period.symbol or placeholder("symbol"),
        distribution="General",
        issued=block.day(period.issued) if period.issued else placeholder("issued"),
        original=original,
        session=session,
        venue_dates=typeset(f"{period.venue or '[venue]'}{lang.comma}{dates}", code),
        agenda_item=item,
        agenda_title=typeset(period.agenda_title, code) or "[agenda item title]",
        agenda_note=f"{period.provisional_agenda or placeholder('provisional_agenda')}.",
        title=typeset(series.title, code),
        subtitle=subtitle,
        united_nations=lang.united_nations,
        distribution_line=block.distribution,
        original_line=block.original.format(name=original),
        edition_line=None if own else (block.names[lang.code] if lang.english_distribution_block
                                       else lang.name.capitalize()),
        distribution_language=block.code,
        job_number=period.job_number,
        symbol_url=UNDOCS + period.symbol if period.symbol else None,
        emblem=_emblem_url(store, series.emblem) if series.emblem else None,
        emblem_alt=series.emblem_alt,
    )


def _emblem_url(store: Store, name: str) -> str:
    """The emblem as a data: URL, so the web page stays one self-contained file."""
    path = store.root / "templates" / name
    kind = EMBLEM_TYPES[path.suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
