"""``report.redline.html``: the current report with what changed marked ``<ins>``/``<del>``.

The page opens with the masthead fields that changed and a summary (paragraphs
unchanged, changed, added, removed and moved; notes; headings; renumbering noted once)
whose entries link to each changed paragraph in the text below.  Removed paragraphs and
headings stand struck out where they were; a paragraph whose number changed shows the
old number deleted and the new one inserted, as the Word file does.  Its words are in
the edition's language (:mod:`reportgen.redline.words`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from difflib import SequenceMatcher

from jinja2 import Environment
from markupsafe import Markup

from ..formats.templated import render_template
from ..model.document import Document
from ..typography import as_typed
from .baseline import Baseline, masthead_field
from .compare import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    UNCHANGED,
    Change,
    Comparison,
    ExhibitChange,
    HeadingAt,
    Segment,
    Word,
    headings_of_document,
    redline_words,
    word_diff,
    words_of_text,
)


@dataclass
class Heading:
    """A heading of either version as the page shows it: ``status`` unchanged, changed
    (renamed or renumbered), added or removed."""

    level: int
    text: Markup
    anchor: str
    status: str = UNCHANGED


@dataclass
class FieldChange:
    """A masthead field whose value changed (the symbol, the date, the session)."""

    name: str
    text: Markup


#: the masthead's fields a redline shows when they changed, and the name of each label
MASTHEAD_FIELDS = (("symbol", "symbol"), ("issued", "issued"), ("session", "session"),
                   ("venue_dates", "venue_dates"), ("agenda_item", "agenda_item"),
                   ("agenda_note", "agenda_note"), ("title", "title_field"))


def render_redline_html(doc: Document, comparison: Comparison, baseline: Baseline,
                        env: Environment, shown_name: str) -> str:
    """The redline page of ``doc`` against ``baseline`` (named ``shown_name``)."""
    rows = _rows(doc, comparison, baseline.headings)
    headings = [row for row in rows if isinstance(row, Heading) and row.status != UNCHANGED]
    words = redline_words(doc.language)
    counted = {status: sum(h.status == status for h in headings)
               for status in (CHANGED, ADDED, REMOVED)} if headings else None
    return render_template(env, "redline.html.j2", doc=doc, target="web", comparison=comparison,
                           summary=comparison.summary, baseline=shown_name, rows=rows,
                           masthead=_masthead_changes(doc, baseline, words.page),
                           headings=headings, labels=words.page, words=words,
                           counts=words.summary(comparison.summary, counted), marked=marked,
                           anchor=anchor, number=number, exhibit=exhibit)


def _masthead_changes(doc: Document, baseline: Baseline,
                      labels: dict[str, str]) -> list[FieldChange]:
    if baseline.masthead is None:
        return []
    changes = []
    for name, label_name in MASTHEAD_FIELDS:
        label = labels[label_name]
        old, new = getattr(baseline.masthead, name) or "", masthead_field(doc.masthead, name)
        if as_typed(old) != as_typed(new):  # typography is not compared
            changes.append(FieldChange(label, marked(word_diff(tuple(words_of_text(old)),
                                                               tuple(words_of_text(new))))))
    return changes


def _rows(doc: Document, comparison: Comparison,
          old_headings: list[HeadingAt]) -> list[Heading | Change]:
    """Headings of both versions and every change, in reading order.  The headings of
    the two versions are matched by title (in order, as paragraphs are); a heading of
    the current report stands before the paragraph that follows it, and one that only
    the earlier report had before the paragraph that followed it there (or, if that
    paragraph moved, the next one that did not)."""
    new_headings = headings_of_document(doc)
    anchors = {(s.level, s.label, s.title): s.anchor for s in doc.all_sections()}
    old_rows, new_rows = _heading_rows(old_headings, new_headings, anchors)
    new_before: dict[int | None, list[Heading]] = {}
    for heading, row in zip(new_headings, new_rows, strict=False):
        new_before.setdefault(heading.before, []).append(row)
    stays = sorted(c.old.number for c in comparison.changes if c.old and c.status != MOVED)
    old_before: dict[int | None, list[Heading]] = {}
    for heading, row in zip(old_headings, old_rows, strict=False):
        if row is not None:
            at = next((n for n in stays if heading.before is not None and n >= heading.before),
                      None)
            old_before.setdefault(at, []).append(row)
    rows: list[Heading | Change] = []
    for change in comparison.changes:
        if change.old is not None and change.status != MOVED:
            rows += old_before.pop(change.old.number, [])
        near = change.new or change.before
        if near is not None:
            rows += new_before.pop(near.number, [])
        rows.append(change)
    return rows + [row for left in (old_before, new_before)
                   for group in left.values() for row in group]


def _heading_rows(old: list[HeadingAt], new: list[HeadingAt], anchors: dict
                  ) -> tuple[list[Heading | None], list[Heading]]:
    """Rows for the headings of each version: for the current one's, each unchanged,
    changed (renamed or renumbered) or added; for the earlier one's, a removed row, or
    None when the current version has the heading (its row shows it)."""
    matcher = SequenceMatcher(None, [(h.level, h.title) for h in old],
                              [(h.level, h.title) for h in new], autojunk=False)
    pairs: dict[int, int] = {}  # current heading -> earlier heading
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            pairs.update({j: i for i, j in zip(range(i1, i2), range(j1, j2), strict=False)
                          if old[i].level == new[j].level})
    new_rows: list[Heading] = []
    for j, heading in enumerate(new):
        text = tuple(words_of_text(_heading_text(heading)))
        if j in pairs:
            diff = word_diff(tuple(words_of_text(_heading_text(old[pairs[j]]))), text)
            status = UNCHANGED if all(seg.kind == "same" for seg in diff) else CHANGED
        else:
            diff, status = [Segment("ins", text)], ADDED
        new_rows.append(Heading(_level(heading), marked(diff), _anchor(heading, anchors),
                                status))
    taken = set(pairs.values())
    old_rows: list[Heading | None] = [
        None if i in taken else Heading(_level(heading), marked(
            [Segment("del", tuple(words_of_text(_heading_text(heading))))]), "", REMOVED)
        for i, heading in enumerate(old)]
    return old_rows, new_rows


def _heading_text(heading: HeadingAt) -> str:
    return f"{heading.label} {heading.title}" if heading.label else heading.title


def _level(heading: HeadingAt) -> int:
    return min(heading.level + 1, 6)


def _anchor(heading: HeadingAt, anchors: dict) -> str:
    return anchors.get((heading.level, heading.label, heading.title), "")


def number(change: Change) -> Markup:
    """A paragraph's number as the page shows it: the old one deleted and the new one
    inserted when it changed (a moved paragraph says where it was instead)."""
    if change.new is None:
        return Markup(f"{change.old.number}.")
    if change.old is None or change.old.number == change.new.number or change.status == MOVED:
        return Markup(f"{change.new.number}.")
    return Markup(f"<del>{change.old.number}.</del><ins>{change.new.number}.</ins>")


def anchor(change: Change) -> str:
    """Where a change stands in the page: current paragraphs by number, removed ones by
    their number in the earlier version."""
    return f"para-{change.new.number}" if change.new else f"removed-{change.old.number}"


def marked(segments: list[Segment]) -> Markup:
    """Words with insertions in ``<ins>`` and deletions in ``<del>``."""
    out = []
    for segment in segments:
        text = "".join(_word(w) for w in segment.words)
        if segment.kind == "same":
            out.append(text)
        else:  # the space before a change stays outside it, so both sides read well
            space = " " if text.startswith(" ") else ""
            out.append(f"{space}<{segment.kind}>{text.lstrip(' ')}</{segment.kind}>")
    return Markup("".join(out).strip())


def _word(word: Word) -> str:
    space = " " if word.space else ""
    if word.note:
        return f'{space}<sup class="fn-call">{html.escape(word.text)}</sup>'
    return space + html.escape(word.text, quote=False)


def exhibit(change: ExhibitChange) -> Markup:
    """A table or figure after a paragraph, its changes marked: a row only one version
    has marked as a whole (its class ``added`` or ``removed``), a changed cell word by
    word; a figure whose picture or chart data changed shows its alternative text
    deleted and inserted."""
    shown = change.new or change.old
    old_label = change.old.label if change.old else ""
    new_label = change.new.label if change.new else ""
    label = _either(old_label, new_label)
    out = [f'<div class="exhibit {change.status}"><p class="exhibit-label">{label}</p>']
    title = marked(change.title)
    if title:
        out.append(f'<p class="exhibit-title"><strong>{title}</strong></p>')
    if shown.kind == "table":
        out.append("<table>")
        for index, row in enumerate(change.rows):
            tag = "th" if index == 0 else "td"
            cells = "".join(f"<{tag}>{marked(cell)}</{tag}>" for cell in row.cells)
            out.append(f'<tr class="{row.status}">{cells}</tr>')
        out.append("</table>")
    else:
        old_alt = f"[{change.old.alt}]" if change.old else ""
        new_alt = f"[{change.new.alt}]" if change.new else ""
        if change.picture_changed:
            out.append(f'<p class="picture"><del>{html.escape(old_alt)}</del>'
                       f'<ins>{html.escape(new_alt)}</ins></p>')
        else:
            out.append(f'<p class="picture">{_either(old_alt, new_alt)}</p>')
    out += [f'<p class="note">{marked(note)}</p>' for note in change.notes]
    return Markup("".join(out) + "</div>")


def _either(old: str, new: str) -> str:
    """Text of both versions: as is when the same, else the old deleted and the new
    inserted (either may be empty: only one version has it)."""
    if old == new:
        return html.escape(new)
    return "".join(f"<{kind}>{html.escape(text)}</{kind}>"
                   for kind, text in (("del", old), ("ins", new)) if text)
