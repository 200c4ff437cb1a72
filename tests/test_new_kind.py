"""A kind of document is one module and one registration: a made-up kind, written here,
is made by ``new``, built, and read back in every format."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap

import docx
import pytest
from reporttext import normalize

from reportgen import kinds
from reportgen.build import build
from reportgen.commands.new import new_document
from reportgen.content.store import load_store

pytestmark = pytest.mark.slow

NOTICE = '''
"""A notice: the issuer, its line, its title, its text and whom to ask."""

from reportgen.kinds import NewCommand

FRAME = "statement"  # its page frame is the statement's
STARTER = ('title: "Write the title here"\\n'
           "body: |\\n"
           "  Write the text here.\\n")
NEW = NewCommand(summary="Write a new notice in content/documents/<id>.yml, ready to edit.",
                 example="reportgen new notice --id closure --date 2021-03-01",
                 id_help="Id of the notice.", date_help="Date of issue, YYYY-MM-DD.")


def label(doc):
    return f"Notice \\u00b7 {doc.date}"


def layout(doc):
    from reportgen.kinds import parts
    from reportgen.model.nodes import Layout

    return Layout(head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc)],
                  body=[*parts.text(doc, "body"), *parts.contact(doc)],
                  end=parts.notes(doc))
'''

#: what the notice prints, in order
PARTS = ["United Nations Office on Drugs and Crime", "Notice \u00b7 1 March 2021",
         "The office closes early", "The Vienna office closes at noon on Friday.",
         "For more information, please contact:", "Ms. Ada Example, ada@example.org",
         "A note after the text."]


def _flat(text: str) -> str:
    """Text without markup, in one line, in lower case (the page prints the kind's line
    in capitals)."""
    return re.sub(r"\s+", " ", normalize(re.sub(r"<[^>]+>", " ", text))).casefold()


def _in_order(text: str, name: str) -> None:
    text = _flat(text)
    at = -1
    for part in PARTS:
        found = text.find(_flat(part), at + 1)
        assert found > at, f"{name}: {part!r} missing or out of order"
        at = found


def test_a_kind_is_its_module_and_one_registration(workspace, tmp_path, monkeypatch):
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "notice_kind.py").write_text(textwrap.dedent(NOTICE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(modules))
    monkeypatch.setattr(kinds, "REGISTERED", kinds.REGISTERED + (("notice", "notice_kind"),))

    store, log = load_store(workspace)
    path = new_document(store, "notice", "closure", "2021-03-01")
    text = path.read_text(encoding="utf-8")
    assert "kind: notice\n" in text and 'title: "Write the title here"' in text
    path.write_text(text.replace("Write the title here", "The office closes early")
                    .replace("Write the text here.", "The Vienna office closes at noon on Friday.")
                    + 'contact:\n  - "Ms. Ada Example, ada@example.org"\n'
                      'notes:\n  - "A note after the text."\n', encoding="utf-8")

    formats = ("md", "html", "docx") + (("pdf",) if shutil.which("pdftotext") else ())
    build(workspace, ["2020-2022"], formats=formats, kinds=("notice",), languages=("en",))
    stem = workspace / "build" / "2020-2022" / "notice-2021-03-01-closure"
    _in_order(stem.with_suffix(".md").read_text(encoding="utf-8"), "Markdown")
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    assert '<p class="kind-label">Notice · 1 March 2021</p>' in html
    _in_order(html, "HTML")
    _in_order("\n".join(p.text for p in docx.Document(str(stem.with_suffix(".docx"))).paragraphs),
              "Word")
    if "pdf" in formats:
        _in_order(subprocess.run(["pdftotext", str(stem.with_suffix(".pdf")), "-"],
                                 capture_output=True, text=True, check=True).stdout, "PDF")
