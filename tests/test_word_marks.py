"""Every .docx report carries hidden marks telling where each paragraph came from
(point 2 of the Word round trip), and the marks change nothing a reader sees."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store
from reportgen.errors import ProblemLog
from reportgen.formats.docx import find_reference, write_docx
from reportgen.provenance import MARK_PREFIX, STORE_PROPERTY, from_xml
from reportgen.wordread import read_package


@pytest.fixture(scope="module")
def model():
    store, log = load_store(ROOT)
    log.raise_errors()
    report = assemble_report(store, "2020-2022", ProblemLog())
    return store, report


@pytest.fixture(scope="module")
def marked(model) -> bytes:
    return write_docx(model[1], find_reference([ROOT / "templates"]))


@pytest.fixture(scope="module")
def unmarked(model) -> bytes:
    plain = dataclasses.replace(model[1], provenance=None)
    return write_docx(plain, find_reference([ROOT / "templates"]))


def test_each_paragraph_of_the_store_has_a_hidden_bookmark_and_an_entry(model, marked):
    store, report = model
    package = read_package(marked)
    marks = from_xml(package.custom_xml[0])
    by_name = marks.by_name()
    numbered = [p for p in package.body if p.style == "NumberedParagraph"]
    assert len(numbered) == len(report.paragraphs()) == 75
    for paragraph in numbered:
        ours = [b for b in paragraph.bookmarks if b.startswith(MARK_PREFIX)]
        assert len(ours) == 1, paragraph.accepted
        mark = by_name[ours[0]]
        assert mark.generated == paragraph.accepted
        assert mark.kind == "block"
        source = marks.texts[mark.key]
        assert source.file == store.where("block", mark.ref).path
        assert source.file.startswith("content/blocks/")
    for paragraph in package.footnotes[1:]:  # the first is the masthead's '*' note
        ours = [b for b in paragraph.bookmarks if b.startswith(MARK_PREFIX)]
        assert by_name[ours[0]].field.startswith("footnotes.")
    for name in by_name:
        assert re.fullmatch(r"_[A-Za-z0-9_]{1,39}", name)
    assert package.properties[STORE_PROPERTY] == marks.store
    assert marks.period == "2020-2022" and marks.symbol == "CTOC/COP/2022/7"


def test_fact_ranges_point_at_the_figures_they_printed(marked):
    marks = from_xml(read_package(marked).custom_xml[0])
    parties = [(m, r) for m in marks.paragraphs for r in m.ranges if r.name == "fact.parties"]
    assert parties
    for mark, span in parties:
        assert span.file == "content/facts.yml"
        assert re.fullmatch(r"[\w ,]+", mark.generated[span.start:span.end])


def test_no_hidden_text_content_controls_or_document_variables(marked):
    with zipfile.ZipFile(__import__("io").BytesIO(marked)) as package:
        for name in package.namelist():
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8")
                assert "<w:vanish" not in xml and "<w:sdt" not in xml and "docVars" not in xml


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def _text_by(tool_args: list[str], data: bytes, tmp: Path, name: str) -> str:
    path = tmp / f"{name}.docx"
    path.write_bytes(data)
    return subprocess.run([*tool_args, str(path)], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8")


@pytest.mark.slow
def test_pandoc_reads_the_same_text_and_word_count(marked, unmarked, tmp_path):
    args = [_pandoc(), "-f", "docx", "-t", "plain", "--wrap=none"]
    with_marks = _text_by(args, marked, tmp_path, "marked")
    without = _text_by(args, unmarked, tmp_path, "unmarked")
    assert with_marks == without
    assert len(with_marks.split()) > 3000
    # the paragraph's bookmark is not text: pandoc shows no anchor for it
    markdown = _text_by([_pandoc(), "-f", "docx", "-t", "markdown"], marked, tmp_path, "md")
    assert MARK_PREFIX not in markdown


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_the_same_text(marked, unmarked, tmp_path):
    texts = []
    for name, data in (("marked", marked), ("unmarked", unmarked)):
        (tmp_path / name).mkdir()
        source = tmp_path / name / "report.docx"
        source.write_bytes(data)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                        "--outdir", str(tmp_path / name), str(source)],
                       capture_output=True, check=True, timeout=240)
        texts.append((tmp_path / name / "report.txt").read_text(encoding="utf-8-sig"))
    assert texts[0] == texts[1]
    assert "smuggling of migrants" in texts[0]
