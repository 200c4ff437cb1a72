"""``report.redline.html``: the current report with what changed marked ``<ins>``/``<del>``.

The page opens with a summary (paragraphs unchanged, changed, added, removed and moved,
notes changed, renumbering noted once) whose entries link to each changed paragraph in
the text below.  Removed paragraphs stand struck out where they were.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from .document import Document
from .redline import Change, Comparison, Segment, Word
from .formats.templated import render_template


@dataclass
class Heading:
    level: int
    text: str
    anchor: str


def render_redline_html(doc: Document, comparison: Comparison, baseline: str,
                        env: Environment) -> str:
    """The redline page of ``doc`` against the version named ``baseline``."""
    return render_template(env, "redline.html.j2", doc=doc, target="web", comparison=comparison,
                   summary=comparison.summary, baseline=baseline, rows=_rows(doc, comparison),
                   marked=marked, anchor=anchor)


def _rows(doc: Document, comparison: Comparison) -> list[Heading | Change]:
    """Headings of the current report and every change, in reading order."""
    heading_before: dict[int, list] = {}  # the headings that open before paragraph N
    for top in doc.sections:
        pending = []
        for section in top.walk():
            pending.append(section)
            if section.paragraphs:
                heading_before[section.paragraphs[0].number] = pending
                pending = []
    rows: list[Heading | Change] = []
    for change in comparison.changes:
        near = change.new or change.before
        if near is not None:
            for section in heading_before.pop(near.number, []):
                rows.append(Heading(min(section.level + 1, 6), section.heading, section.anchor))
        rows.append(change)
    return rows


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
