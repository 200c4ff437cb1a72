"""build/<period>/report.merge.html: what a merge would change, for a writer to read
before applying it: each changed text with the edit marked word by word, who made the
tracked changes and when, the conflicts, and every comment with the words it is on."""

from __future__ import annotations

from html import escape

from .plan import MergePlan
from .textpatch import word_edits

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h2 { font-size: 1.05rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
ins { background: #d7f5dd; text-decoration: none; }
del { background: #fbd5d5; }
.who, .field { color: #555; font-size: 0.9rem; }
.conflict { border-left: 4px solid #c00; padding-left: 0.6rem; }
.comment { border-left: 4px solid #e0a800; padding-left: 0.6rem; }
blockquote { margin: 0.3rem 0 0.3rem 1rem; font-style: italic; }
"""


def marked(printed: str, edited: str) -> str:
    """``edited`` as HTML, with what it lost and gained from ``printed`` marked."""
    out, at = [], 0
    for edit in word_edits(printed, edited):
        out.append(_text(printed[at:edit.start]))
        if edit.end > edit.start:
            out.append(f"<del>{_text(printed[edit.start:edit.end])}</del>")
        if edit.text:
            out.append(f"<ins>{_text(edit.text)}</ins>")
        at = edit.end
    out.append(_text(printed[at:]))
    return "".join(out)


def _text(text: str) -> str:
    return escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def page(plan: MergePlan, source_name: str) -> str:
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>Merge of {escape(source_name)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>Merge of {escape(source_name)} into the {escape(plan.period)} store</h1>",
             f"<p>{escape(plan.summary())}</p>"]
    for name in plan.files():
        parts.append(f"<h2>{escape(name)}</h2>")
        for change in (c for c in plan.changes if c.file == name):
            who = sorted({(r.author, r.date[:10]) for r in change.revisions if r.author})
            byline = "; ".join(f"{escape(a)}{', ' + escape(d) if d else ''}" for a, d in who)
            parts.append(f"<p class='field'>{escape(change.field)}: {escape(change.summary)}"
                         f"{' &mdash; <span class=who>' + byline + '</span>' if byline else ''}</p>")
            parts.append(f"<p>{marked(change.printed, change.edited)}</p>")
        for conflict in (c for c in plan.conflicts if c.file == name):
            parts.append(f"<p class='conflict'>Conflict in {escape(conflict.field)}: "
                         f"{escape(conflict.message)}</p>")
        for note in (n for n in plan.notes if n.file == name):
            parts.append(f"<p class='field'>{escape(note.message)}</p>")
        for remark in (r for r in plan.remarks if r.file == name):
            comment = remark.comment
            parts.append(f"<div class='comment'><p class='who'>{escape(comment.author or 'Comment')}"
                         f"{', ' + escape(comment.date[:10]) if comment.date else ''}</p>"
                         f"<blockquote>{escape(comment.anchor)}</blockquote>"
                         f"<p>{_text(comment.text)}</p></div>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
