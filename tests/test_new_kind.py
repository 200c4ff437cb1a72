"""A kind of document is one module and one registration: made-up kinds, written here,
are made by ``new``, built, and read back in every format: a dated one (each with its
id) and one that is one a period (named after its kind, drawing on the report)."""

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
from reportgen.commands.new import NewBlockError, new_document
from reportgen.content.store import load_store

pytestmark = pytest.mark.slow

NOTICE = '''
"""A notice: the issuer, its line, its title, its text and whom to ask."""

from reportgen.kinds import NewCommand

FRAME = "statement"  # its page frame is the statement's
WORDS = {"en": "Notice", "fr": "Avis", "es": "Aviso", "ru": "Объявление", "ar": "إشعار",
         "zh": "通知"}
STARTER = ('title: "Write the title here"\\n'
           "body: |\\n"
           "  Write the text here.\\n")
NEW = NewCommand(summary="Write a new notice in content/documents/<id>.yml, ready to edit.",
                 example="reportgen new notice --id closure --date 2021-03-01",
                 id_help="Id of the notice.", date_help="Date of issue, YYYY-MM-DD.")


def label(doc):
    return f"{WORDS[doc.language]} \\u00b7 {doc.date}"


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


DIGEST = '''
"""A digest: one a period, with the report's key figures (and nothing else of it)."""

from reportgen.kinds import NewCommand

ONE_A_PERIOD = True
FROM_REPORT = ("figures",)
FRAME = "brief"
WORDS = {"en": "Digest", "fr": "Condensé", "es": "Resumen", "ru": "Дайджест", "ar": "خلاصة",
         "zh": "摘要"}
STARTER = ('title: "Write the title here"\\n'
           "lead: |\\n"
           "  Write the opening paragraph here.\\n"
           "figures: []\\n")
NEW = NewCommand(summary="Write the digest of a period.",
                 example="reportgen new digest --period 2020-2022",
                 id_help="Id of the digest.", date_help="Date of issue, YYYY-MM-DD.",
                 period_help="Period of the digest (default: the latest).")


def label(doc):
    return f"{WORDS[doc.language]} \\u00b7 {doc.period}"


def layout(doc):
    from reportgen.kinds import parts
    from reportgen.model.nodes import Layout

    return Layout(head=[*parts.issuer(doc), *parts.kind_label(label(doc)), *parts.title(doc)],
                  body=[*parts.text(doc, "lead"), *parts.key_figures(doc), *parts.chart(doc),
                        *parts.highlights(doc)],
                  end=parts.notes(doc))
'''


def test_a_kind_one_a_period_is_its_module_and_one_registration(workspace, tmp_path, monkeypatch):
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "digest_kind.py").write_text(textwrap.dedent(DIGEST), encoding="utf-8")
    monkeypatch.syspath_prepend(str(modules))
    monkeypatch.setattr(kinds, "REGISTERED", kinds.REGISTERED + (("digest", "digest_kind"),))

    store, log = load_store(workspace)
    path = new_document(store, "digest", period="2020-2022")
    assert path == workspace / "content" / "documents" / "digest-2020-2022.yml"
    text = path.read_text(encoding="utf-8")
    assert "kind: digest\nid: digest-2020-2022\nperiod: 2020-2022\n" in text
    assert "date:" not in text
    brief = (workspace / "content" / "documents" / "brief-2020-2022.yml").read_text(encoding="utf-8")
    chart = brief[brief.index("chart:"):brief.index("related:")]
    path.write_text(text.replace("Write the title here", "The period in brief")
                    .replace("Write the opening paragraph here.", "Two years of work.")
                    .replace("figures: []", "figures:\n  - parties\n" + chart), encoding="utf-8")

    store, log = load_store(workspace)
    assert not log.errors
    with pytest.raises(NewBlockError, match=r"^period 2020-2022 already has a digest "
                       r"\(content/documents/digest-2020-2022\.yml:\d+\)$"):
        new_document(store, "digest", period="2020-2022")

    build(workspace, ["2020-2022"], formats=("md", "html"), kinds=("digest",), languages=("en",))
    folder = workspace / "build" / "2020-2022"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "digest.html", "digest.md"]
    page = _flat((folder / "digest.md").read_text(encoding="utf-8"))
    at = -1
    for part in ("Digest \u00b7 2020-2022", "The period in brief", "Two years of work.",
                 "Key figures"):
        found = page.find(_flat(part), at + 1)
        assert found > at, f"{part!r} missing or out of order"
        at = found
    # it draws key figures only: neither the chart its file names nor the highlights
    assert "central mediterranean route" not in page and "observatory findings" not in page
    assert '<p class="kind-label">Digest · 2020-2022</p>' in (folder / "digest.html").read_text(
        encoding="utf-8")

    second = path.with_name("digest-again.yml")
    second.write_text(path.read_text(encoding="utf-8").replace("id: digest-2020-2022",
                                                               "id: digest-again"), encoding="utf-8")
    store, log = load_store(workspace)
    assert [p.message for p in log.errors] == [
        "makes the same output files (digest.*) in period 2020-2022 as "
        "content/documents/digest-2020-2022.yml:3; a period has one digest"]
