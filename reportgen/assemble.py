"""Stage 2: assemble a period's document model from the validated store.

Blocks of the period are expanded (period and fact variables), parsed as Markdown,
placed under their headings and sorted; then headings, paragraphs and footnotes are
numbered in one pass over the document, and cross-references and document symbols are
resolved against those numbers.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass
from datetime import date

from markdown_it.token import Token

from .content.models import Block, OutlineNode, symbol_ok
from .content.store import EMBLEM_TYPES, Store, placeholder, unset_fields
from .content.variables import TextExpander, VariableError
from .datatables import read_data_table
from .dates import range_text
from .errors import ProblemLog
from .figures import figure_problem
from .languages import ENGLISH, Language, code_of_name, language
from .markup import (
    UNDOCS,
    Inline,
    MarkupError,
    ParsedParagraph,
    link_text,
    make_parser,
    parse_inline,
    parse_paragraphs,
    un_subparagraphs,
)
from .model.document import Document, Footnote, Masthead, Paragraph, Section
from .origins import report_provenance
from .suggestions import did_you_mean
from .typography import typeset
from .wording import ordinal_words, roman


@dataclass
class _Parsed:
    """A block of the period with its text parsed."""

    block: Block
    paragraphs: list[ParsedParagraph]
    footnotes: dict[str, Inline]
    path: str
    text_line: int
    note_lines: dict[str, int]  # first line of each footnote's text
    #: the language the text is printed in: the edition's, or the original's where the
    #: edition has no translation (reportgen.content.editions)
    language: Language = ENGLISH
    note_languages: dict[str, Language] | None = None

    def note_language(self, label: str) -> Language:
        return (self.note_languages or {}).get(label, self.language)


def assemble_report(store: Store, key: str, log: ProblemLog,
                    edition_language: Language | str | None = None,
                    pictures: bool = True) -> Document | None:
    """The report of period ``key`` (in ``edition_language``, default the series' own,
    from a store made by reportgen.content.editions); problems go to ``log`` (None if any
    are errors).
    Without ``pictures`` the figures' pictures and charts are not made (a report read
    back for its text only, as a redline's baseline, has neither facts nor images)."""
    period = store.periods[key]
    where = store.where("period", key)
    for name, shows in unset_fields(store, key):
        log.warning(where.path, where.line, f"{name} is not set; the report shows '{shows}'")
    lang = language(edition_language or store.series.language)
    original = language(store.series.language)
    code = lang.code
    translated = code != original.code
    # text an edition has no translation for is expanded and set as the original prints it
    expanders = {each.code: TextExpander(store.facts, key, period, lang=each)
                 for each in {code: lang, original.code: original}.values()}
    expander = expanders[code]
    parsed = _parse_blocks(store, key, expanders, log, lang, pictures)
    for item in parsed.values():
        in_language(item.paragraphs, [], item.language)
        for label, note in item.footnotes.items():
            in_language([], [note], item.note_language(label))
    sections = _place(store.outline, parsed, 1, lang, store.untranslated, original)
    numbers = _number_paragraphs(sections, lang)
    _label_tables(sections, lang)
    footnotes = _resolve(parsed, numbers, store, key, log, lang, sections)
    if log.errors:
        return None
    masthead = _masthead(store, key, lang)
    provenance = report_provenance(
        store, key, expander, [b for b in parsed], {s.id for top in sections for s in top.walk()},
        masthead.symbol, code, f"report.{code}" if translated else "report", translated,
        expanders[store.series.language])
    return Document(
        kind="report",
        period=key,
        language=code,
        translated=translated,
        author=store.series.author,
        masthead=masthead,
        sections=sections,
        footnotes=footnotes,
        issued_iso=period.issued.isoformat() if period.issued else None,
        facts_used={name: value for each in expanders.values()
                    for name, value in each.used.items()},
        fact_quotes=[quote for each in expanders.values() for quote in each.quotes],
        provenance=provenance,
    )


def _parse_blocks(store: Store, key: str, expanders: dict[str, TextExpander], log: ProblemLog,
                  lang: Language, pictures: bool = True) -> dict[str, _Parsed]:
    md = make_parser()
    parsed: dict[str, _Parsed] = {}
    original = language(store.series.language)

    def language_of(field: str) -> Language:
        return original if ("block", block.id, field) in store.untranslated else lang

    for block in store.blocks:
        if not store.in_period(block, key):
            continue
        doc = store.block_docs[block.id]
        path = store.where("block", block.id).path
        text_line = doc.text_start(("text",))
        text_lang = language_of("text")
        note_langs = {label: language_of(f"footnotes.{label}") for label in block.footnotes}
        try:
            expander = expanders[text_lang.code]
            paragraphs, typed = un_subparagraphs(parse_paragraphs(
                md, expander.expand(block.text, (path, text_line)),
                data=functools.partial(_data_rows, store, expander=expander,
                                       at=(path, text_line))))
        except VariableError as exc:
            log.error(path, text_line + exc.line - 1, exc.message)
            continue
        except MarkupError as exc:
            log.error(path, text_line + exc.line, exc.message)
            continue
        if not paragraphs:
            log.error(path, doc.line_of(("text",)), "text is empty")
            continue
        figures = [e for p in paragraphs for e in p.exhibits if e.kind == "figure" and pictures]
        for index, figure in enumerate(figures):
            problem = figure_problem(store, expander, figure, f"{block.id}-{index + 1}",
                                     (path, text_line + figure.line), lang)
            if problem:
                log.error(path, text_line + figure.line, problem)
        for line, message in typed:
            log.warning(path, text_line + line, message)
        footnotes: dict[str, Inline] = {}
        note_lines: dict[str, int] = {}
        for label, note in block.footnotes.items():
            note_line = note_lines[label] = doc.text_start(("footnotes", label))
            try:
                footnotes[label] = parse_inline(
                    md, expanders[note_langs[label].code].expand(note, (path, note_line)))
            except (VariableError, MarkupError) as exc:
                log.error(path, note_line, f"footnote '{label}': {exc.message}")
                continue
            if footnotes[label].walk("footnote_ref"):
                # a note calling notes could call itself; notes hold text, not calls
                log.error(path, note_line, f"footnote '{label}' calls a footnote; "
                          "a footnote cannot call another")
                del footnotes[label]
        parsed[block.id] = _Parsed(block, paragraphs, footnotes, path, text_line, note_lines,
                                   text_lang, note_langs)
    return parsed


def _data_rows(store: Store, name: str, expander: TextExpander,
               at: tuple[str, int]) -> list[list[str]]:
    """The rows of data file ``name``, each cell's {{ fact.NAME }} quoted as of the period
    (so a table of figures can be fed by the facts); ValueError in the writer's words."""
    rows = read_data_table(store.root, name)
    try:
        return [[expander.expand(cell, at) for cell in row] for row in rows]
    except VariableError as exc:
        raise ValueError(f"content/data/{name}: {exc.message}") from None


def _place(nodes: list[OutlineNode], parsed: dict[str, _Parsed], level: int,
           lang: Language, untranslated=frozenset(), original: Language | None = None
           ) -> list[Section]:
    """Sections for the outline nodes that hold something in this period, numbered;
    headings in ``untranslated`` keep the ``original`` language's typography."""
    by_place: dict[str, list[_Parsed]] = {}
    for item in parsed.values():
        by_place.setdefault(item.block.place, []).append(item)
    return _sections(nodes, by_place, level, lang, untranslated, original or lang)


def text_runs(paragraphs: list[ParsedParagraph]) -> list[Inline]:
    """Every run of text of ``paragraphs``: each paragraph, then its list items."""
    return [inline for paragraph in paragraphs
            for inline in [paragraph.inline] + [i for lst in paragraph.lists for i in lst.items]
            + [run for table in paragraph.exhibits for run in table.runs()]]


def in_language(paragraphs: list[ParsedParagraph], others: list[Inline], lang: Language) -> None:
    """Set parsed text as ``lang`` writes it, in place: the items of ordered lists
    lettered as its subparagraphs ((a) in English, a) in French), and its typography
    applied to every run of text, ``others`` (notes, quotations) included."""
    for paragraph in paragraphs:
        for block in paragraph.lists:
            if not block.ordered:
                block.labels = []
            elif block.level == 2:
                block.labels = [f"({roman(block.start + i).lower()})"
                                for i in range(len(block.items))]
            else:
                block.labels = [lang.letter(block.start + i) for i in range(len(block.items))]
    for inline in [*text_runs(paragraphs), *others]:
        lang.typography.set_inline(inline)
        if lang.elisions:
            for token in inline.tokens:
                if token.type == "text":
                    token.content = lang.elided(token.content)


def _sections(nodes: list[OutlineNode], by_place: dict[str, list[_Parsed]], level: int,
              lang: Language, untranslated, original: Language) -> list[Section]:
    result: list[Section] = []
    count = annexes = 0
    # annexes follow the body, in their order, whatever their place in the outline
    for node in [n for n in nodes if not n.annex] + [n for n in nodes if n.annex]:
        children = _sections(node.sections, by_place, level + 1, lang, untranslated, original)
        own = sorted(by_place.get(node.id, []), key=_block_order)
        if not own and not children:
            continue  # a heading with nothing under it in this period is left out
        label = None
        if node.annex and level == 1:
            annexes += 1
            label = f"{lang.words.annex} {roman(annexes)}"
        elif node.numbered:
            count += 1
            label = lang.numbering.label(level, count, lang)
        title_lang = original if ("heading", node.id, "title") in untranslated else lang
        section = Section(node.id, title_lang.typography.set_text(node.title), level, label,
                          sections=children,
                          language=None if title_lang is lang else title_lang.code)
        section.paragraphs = [
            Paragraph(0, item.block.id, p.inline, p.lists, p.exhibits,
                      language=None if item.language is lang else item.language.code)
            for item in own for p in item.paragraphs]
        section.annex = annexes if node.annex and level == 1 else 0
        result.append(section)
    return result


def _block_order(item: _Parsed) -> tuple:
    """Writer's order key first, then date (undated standing text first), then id."""
    block = item.block
    return (block.order, block.date.start if block.date else date.min, block.id)


def _number_paragraphs(sections: list[Section], lang: Language) -> dict[str, list[int]]:
    """Numbers 1..N straight through the body, and 1..N again in each annex, written as
    ``lang`` writes them ('1.', '1 -'); returns the numbers each block of the body
    received (cross-references give them)."""
    numbers: dict[str, list[int]] = {}
    n = tables = figures = 0
    for top in sections:
        if top.annex:  # an annex numbers its paragraphs from 1 again
            n = 0
        for section in top.walk():
            for paragraph in section.paragraphs:
                paragraph.annex = f"annex-{top.annex}-" if top.annex else ""
                n += 1
                paragraph.number = n
                paragraph.label = lang.numbering.paragraph.format(n)
                if not top.annex:
                    numbers.setdefault(paragraph.block_id, []).append(n)
                for exhibit in paragraph.exhibits:  # "Table 1", "Figure I" through the report
                    if exhibit.kind == "table":
                        tables += 1
                        exhibit.number = tables
                    else:
                        figures += 1
                        exhibit.number = figures
    return numbers


def _label_tables(sections: list[Section], lang: Language) -> None:
    """'Table 1' (arabic numbers) and 'Figure I' (roman), as UN reports number them."""
    for top in sections:
        for section in top.walk():
            for paragraph in section.paragraphs:
                for exhibit in paragraph.exhibits:
                    if exhibit.kind == "table":
                        exhibit.label = f"{lang.words.table} {exhibit.number}"
                    else:
                        exhibit.label = f"{lang.words.figure} {roman(exhibit.number)}"


def _resolve(parsed: dict[str, _Parsed], numbers: dict[str, list[int]], store: Store, key: str,
             log: ProblemLog, lang: Language, sections: list[Section]) -> list[Footnote]:
    """Footnotes numbered in order of first call; symbols and cross-references linked."""
    # notes are numbered in the order of their calls through the document, annexes last
    place = {paragraph.block_id: index for index, paragraph in enumerate(
        paragraph for top in sections for section in top.walk() for paragraph in section.paragraphs)}
    order = sorted(parsed.values(), key=lambda item: place.get(item.block.id, -1))
    footnotes: list[Footnote] = []
    assigned: dict[tuple[str, str], Footnote] = {}
    for item in order:
        for paragraph in item.paragraphs:
            for inline in text_runs([paragraph]):
                line = item.text_line + inline.line
                _resolve_calls(inline, item, line, assigned, footnotes, log, lang)
                resolve_links(inline, item.path, line, numbers, store, key, log,
                              item.language)
        for label in item.footnotes:
            if (item.block.id, label) not in assigned:
                doc = store.block_docs[item.block.id]
                log.error(item.path, doc.line_of(("footnotes", label)),
                          f"footnote '{label}' is defined but never called")
    for note in footnotes:
        item = parsed[note.block_id]
        resolve_links(note.content, item.path, item.note_lines[note.label], numbers, store, key,
                      log, item.note_language(note.label))
    return footnotes


def _resolve_calls(inline: Inline, item: _Parsed, line: int, assigned, footnotes, log,
                   lang: Language) -> None:
    for tok in inline.walk("footnote_ref"):
        label = tok.meta["label"]
        note_key = (item.block.id, label)
        if label not in item.block.footnotes:
            log.error(item.path, line + inline.line_of(tok), f"footnote call [^{label}] has no definition under 'footnotes:'"
                      + did_you_mean(label, item.block.footnotes))
            continue
        if label not in item.footnotes:
            continue  # its text had an error, already reported
        first = note_key not in assigned
        if first:
            note_lang = item.note_language(label)
            note = Footnote(len(footnotes) + 1, label, item.block.id, item.footnotes[label],
                            None if note_lang is lang else note_lang.code,
                            "" if note_lang is lang else lang.untranslated)
            assigned[note_key] = note
            footnotes.append(note)
        tok.meta = {**tok.meta, "number": assigned[note_key].number, "first": first,
                    "note": assigned[note_key]}


def resolve_links(inline: Inline, path: str, start: int, numbers, store: Store, key: str,
                   log: ProblemLog, lang: Language | None = None) -> None:
    """Symbols linked to their page in ``lang`` on undocs.org and references to blocks
    numbered with ``lang``'s words ('para. 4', 'párr. 4'); ``start`` is the line of the
    run's first line."""
    lang = lang or ENGLISH
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
            tok.attrSet("href", symbol_url(symbol, lang))
            tok.meta = {**(tok.meta or {}), "class": "symbol"}
        elif href.startswith("ref:"):
            _resolve_ref(tokens, tok, href[len("ref:"):], path, line, numbers, store, key, log,
                         lang)


def symbol_url(symbol: str, lang: Language) -> str:
    """A document's page on undocs.org in ``lang``: https://undocs.org/fr/CTOC/COP/2022/7
    (the English edition keeps the plain address, which opens the English page)."""
    return UNDOCS + symbol if lang.code == "en" else f"{UNDOCS}{lang.code}/{symbol}"


def _resolve_ref(tokens: list[Token], tok: Token, target: str, path, line, numbers, store, key,
                 log, lang: Language):
    if ("block", target) not in store.places:
        blocks = [name for kind, name in store.places if kind == "block"]
        log.error(path, line, f"reference to unknown block '{target}'" + did_you_mean(target, blocks))
        return
    paras = numbers.get(target)
    if not paras and store.in_period(next(b for b in store.blocks if b.id == target), key) \
            and _in_annex(store, target):
        log.error(path, line, f"reference to block '{target}' of an annex; an annex's "
                  "paragraphs are numbered on their own, so refer to the annex in words "
                  "('annex I')")
        return
    if not paras:
        log.error(path, line, f"reference to block '{target}', which is not in period {key}")
        return
    first, last = paras[0], paras[-1]
    tok.attrSet("href", f"#para-{first}")
    tok.meta = {**(tok.meta or {}), "class": "xref"}
    if not link_text(tokens, tok):
        text = Token("text", "", 0)
        text.content = (lang.words.para.format(n=first) if first == last
                        else lang.words.paras.format(a=first, b=last))
        tokens.insert(tokens.index(tok) + 1, text)


def _in_annex(store: Store, ident: str) -> bool:
    """Whether block ``ident`` sits under an annex of the outline."""
    place = next(b.place for b in store.blocks if b.id == ident)

    def holds(node: OutlineNode) -> bool:
        return node.id == place or any(holds(sub) for sub in node.sections)

    return any(node.annex and holds(node) for node in store.outline)


def _masthead(store: Store, key: str, lang: Language) -> Masthead:
    period = store.periods[key]
    series = store.series
    code = lang.code
    own = code == series.language
    span = period.session_dates
    dates = (lang.days(span.start, span.end, range_text(span.start, span.end))
             if span else placeholder("session_dates"))
    session = (lang.session_name(period.session,
                                 f"{ordinal_words(period.session).capitalize()} session")
               if period.session else "[session]")
    item = (lang.agenda_item.format(item=lang.agenda_item_number(period.agenda_item))
            if period.agenda_item
            else lang.agenda_item.format(item="[agenda item]"))
    item, _, item_after = item.partition("*")
    block = ENGLISH if lang.english_distribution_block else lang
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
        agenda_item_after=item_after,
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
        symbol_url=symbol_url(period.symbol, lang) if period.symbol else None,
        emblem=_emblem_url(store, series.emblem) if series.emblem else None,
        emblem_alt=series.emblem_alt,
    )


def _emblem_url(store: Store, name: str) -> str:
    """The emblem as a data: URL, so the web page stays one self-contained file."""
    path = store.root / "templates" / name
    kind = EMBLEM_TYPES[path.suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
