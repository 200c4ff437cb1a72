"""Edits of a Word file as Word makes them, for the merge's tests: tracked changes
(w:ins, w:del, moves, paragraph marks) written with lxml, the way Word writes them."""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

AUTHOR = "Ana Editor"
DATE = "2026-03-02T10:15:00Z"


def _revision(tag: str, author: str = AUTHOR, near=None):
    """A revision element with an id no other revision of ``near``'s document has."""
    element = OxmlElement(tag)
    taken = [0]
    if near is not None:
        root = near.getroottree().getroot()
        taken += [int(v) for v in root.xpath("//@w:id")
                  if v.lstrip("-").isdigit()]
    element.set(qn("w:id"), str(max(taken) + 1))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    return element


def _run(text: str, deleted: bool = False, props=None):
    run = OxmlElement("w:r")
    if props is not None:
        run.append(copy.deepcopy(props))
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    return run


def tracked_replace(paragraph, old: str, new: str, author: str = AUTHOR) -> None:
    """Replace the first ``old`` in one of the paragraph's runs by ``new``, tracked."""
    for run in paragraph.iter(qn("w:r")):
        t = run.find(qn("w:t"))
        if t is None or not t.text or old not in t.text:
            continue
        before, after = t.text.split(old, 1)
        props = run.find(qn("w:rPr"))
        t.text = before
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        deletion = _revision("w:del", author, paragraph)
        deletion.append(_run(old, deleted=True, props=props))
        run.addnext(deletion)
        insertion = _revision("w:ins", author, paragraph)
        insertion.append(_run(new, props=props))
        deletion.addnext(insertion)
        insertion.addnext(_run(after, props=props))
        return
    raise AssertionError(f"'{old}' is in no single run")


def _mark(paragraph, tag: str) -> None:
    props = paragraph.find(qn("w:pPr"))
    if props is None:
        props = OxmlElement("w:pPr")
        paragraph.insert(0, props)
    run_props = props.find(qn("w:rPr"))
    if run_props is None:
        run_props = OxmlElement("w:rPr")
        props.append(run_props)
    run_props.append(_revision(tag, near=paragraph))


def tracked_delete(paragraph, tag: str = "w:del") -> None:
    """Delete the paragraph, its mark included, tracked (``w:moveFrom`` for a move)."""
    for run in list(paragraph.findall(qn("w:r"))) + [
            r for link in paragraph.findall(qn("w:hyperlink")) for r in link.findall(qn("w:r"))]:
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
        wrapper = _revision(tag, near=paragraph)
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark(paragraph, tag)


def tracked_insert_after(paragraph, text: str, tag: str = "w:ins"):
    """A new paragraph after ``paragraph`` in its style, tracked (``w:moveTo`` for a move)."""
    new = OxmlElement("w:p")
    props = paragraph.find(qn("w:pPr"))
    if props is not None:
        new.append(copy.deepcopy(props))
        for old in new.findall(f"{qn('w:pPr')}/{qn('w:rPr')}"):
            old.getparent().remove(old)
    paragraph.addnext(new)
    insertion = _revision(tag, near=paragraph)
    insertion.append(_run(text))
    new.append(insertion)
    _mark(new, tag)
    return new


def tracked_move(paragraph, after, text: str) -> None:
    """Move ``paragraph`` (whose text is ``text``) to after ``after``, as Word tracks it."""
    tracked_delete(paragraph, "w:moveFrom")
    tracked_insert_after(after, text, "w:moveTo")


def plain_text(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
