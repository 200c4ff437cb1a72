"""The writer's next report: the 2020-2022 report carried into the 2022-2024 period with
the changes a writer makes (issue 24's scenario), and readers of Word revisions that we
did not write (pandoc).

:func:`next_report` copies the shipped workspace, builds the 2020-2022 report (the
baseline: ``submitted.md`` and ``submitted.docx``), then turns the store into the next
period's:

* every block of 2020-2022 is a block of 2022-2024 (dated blocks too), so the standing
  text repeats and what reads the period (session, months, years) changes;
* the masthead moves on: new symbol, date of issue, session and session dates;
* two paragraphs are dropped from the Conference subsection, one from "Conclusions";
* the other conclusions move into the Introduction, so "III. Conclusions" goes;
* four new blocks: one in the Introduction, one in the Conference subsection, two in a
  new section ("C.") with a new subsection ("1.");
* one word edited, one footnote edited, one footnote added.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NEW_PERIOD = """\
start: 2022-08-01
end: 2024-07-31
session: 12
venue: Vienna
session_dates: 2024-10-14/2024-10-18
agenda_item: 2 (c)
agenda_title: "Review of the implementation of the United Nations Convention against \
Transnational Organized Crime and the Protocols thereto: Protocol against the Smuggling \
of Migrants by Land, Sea and Air"
provisional_agenda: CTOC/COP/2024/1
symbol: CTOC/COP/2024/7
issued: 2024-07-26
original: English
"""



def new_partners_block(period: str) -> str:
    """A block the writer adds to the Introduction of ``period`` (order 35: before most
    of the report's paragraphs, so every later number moves on)."""
    return f"""\
id: introduction-new-partners
place: introduction
period: {period}
order: 35
text: |
  UNODC also worked with two new regional partners on the smuggling of migrants.
"""


NEW_BLOCKS = {
    "introduction/introduction-new-partners.yml": new_partners_block("2022-2024"),
    "intergovernmental/wg-tenth-meeting.yml": """\
id: wg-tenth-meeting
place: cop
period: 2022-2024
order: 35
text: |
  At its tenth meeting, held in Vienna in 2023, the Working Group discussed the
  protection of smuggled migrants in situations of distress at sea.
""",
    "digital/digital-evidence.yml": """\
id: digital-evidence
place: digital-evidence
period: 2022-2024
order: 10
text: |
  UNODC trained investigators from 14 States on collecting electronic evidence of
  smuggling offences committed online.[^n1]
footnotes:
  n1: Including the use of social media platforms to advertise smuggling services.
""",
    "digital/digital-overview.yml": """\
id: digital-overview
place: digital
period: 2022-2024
order: 10
text: |
  Smugglers increasingly use digital tools to recruit migrants and to arrange payments.
""",
}

OUTLINE_ADDITION = """\
    - id: digital
      title: Responding to the use of digital technologies by smugglers
      sections:
        - id: digital-evidence
          title: Electronic evidence
"""

DROPPED = ["intergovernmental/wg-eighth-meeting.yml", "intergovernmental/wg-ninth-meeting.yml",
           "conclusions/conclusions-review-mechanism.yml"]


def next_report(root: Path) -> Path:
    """Make the scenario's workspace in ``root``; returns it (baseline files in it)."""
    from reportgen.build import build

    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    build(root, ["2020-2022"], formats=("md", "docx"), kinds=("report",))
    shutil.copy(root / "build/2020-2022/report.md", root / "submitted.md")
    shutil.copy(root / "build/2020-2022/report.docx", root / "submitted.docx")
    shutil.rmtree(root / "build")
    blocks = root / "content/blocks"
    for path in blocks.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^period: 2022-2024$", text, re.M):
            path.unlink()  # the shipped store's own 2022-2024 blocks: not in this story
            continue
        text = re.sub(r"^date: .*\n", "" if "\nperiod:" in text else "period: 2022-2024\n",
                      text, flags=re.M)
        text = re.sub(r"^period: 2020-2022$", "period: 2022-2024", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    shutil.rmtree(root / "content/documents")  # briefs and statements: not the report's
    (root / "content/periods/2022-2024.yml").write_text(NEW_PERIOD, encoding="utf-8")
    for name in DROPPED:
        (blocks / name).unlink()
    for name in ("conclusions-global-concern", "conclusions-processes-2022",
                 "conclusions-unodc-commitment"):
        path = blocks / "conclusions" / f"{name}.yml"
        text = path.read_text(encoding="utf-8").replace("place: conclusions",
                                                        "place: introduction")
        path.write_text(re.sub(r"^order: (\d+)", lambda m: f"order: {100 + int(m[1])}",
                               text, flags=re.M), encoding="utf-8")
    outline = root / "content/outline.yml"
    text = outline.read_text(encoding="utf-8")
    at = text.index("- id: conclusions")
    outline.write_text(text[:at] + OUTLINE_ADDITION + text[at:], encoding="utf-8")
    for name, text in NEW_BLOCKS.items():
        (blocks / name).parent.mkdir(parents=True, exist_ok=True)
        (blocks / name).write_text(text, encoding="utf-8")
    _edit(blocks / "introduction/introduction-approach.yml",
          "comprehensive and cooperative", "thorough and cooperative")
    _edit(blocks / "criminal-justice/capacity-building-countries.yml",
          "shall be understood", "are to be understood")
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- reading Word files with pandoc ------------------------------------------------------------

def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def paragraphs(docx: Path, changes: str) -> list[str]:
    """The text of a Word file as pandoc reads it with ``--track-changes=changes``, one
    entry a paragraph (notes at the end), spacing made one space; a table (page 1's
    masthead) by its cells' text, its rules' lengths (its columns' widths) left out."""
    text = subprocess.run([pandoc(), f"--track-changes={changes}", "-t", "plain",
                           "--wrap=none", str(docx)],
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\+[-=:+]+\+", lambda rule: re.sub(r"[-=]+", "-", rule[0]), text)
    return [re.sub(r"\s+", " ", part).strip() for part in text.split("\n\n") if part.strip()]


def pandoc_json(docx: Path) -> dict:
    """The document as pandoc reads it with --track-changes=all, as its JSON tree."""
    return json.loads(subprocess.run([pandoc(), "--track-changes=all", "-t", "json", str(docx)],
                                     capture_output=True, text=True, check=True).stdout)


def pandoc_elements(node, kind: str):
    """Every element of pandoc's JSON tree ``node`` whose type is ``kind``, in document
    order, with those inside it."""
    if isinstance(node, dict):
        if node.get("t") == kind:
            yield node
        for value in node.values():
            yield from pandoc_elements(value, kind)
    elif isinstance(node, list):
        for value in node:
            yield from pandoc_elements(value, kind)


def revisions(docx: Path) -> list[tuple[str, str, str, str]]:
    """(kind, text, author, date) of every insertion and deletion pandoc's reader sees
    with --track-changes=all; a paragraph mark shows as kind paragraph-insertion."""

    def text(nodes) -> str:
        out = []
        for node in nodes:
            kind, content = node["t"], node.get("c")
            out.append(content if kind == "Str" else " " if kind in ("Space", "SoftBreak")
                       else text(content[1]) if kind in ("Span", "Link") else
                       text(content) if isinstance(content, list) and kind != "Note" else "")
        return "".join(out)

    kinds = {"insertion", "deletion", "paragraph-insertion", "paragraph-deletion"}
    found = []
    for span in pandoc_elements(pandoc_json(docx)["blocks"], "Span"):
        (_, classes, attrs), inner = span["c"]
        if set(classes) & kinds:
            found.append((classes[0], text(inner), dict(attrs)["author"], dict(attrs)["date"]))
    return found
