"""reportgen merge refuses what it cannot take, with one line naming the file, exit 1,
and no content file touched; a merge failing half way leaves every file as it was."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest

from reportgen.build import build
from reportgen.internals import paragraph_element

PERIOD = "2020-2022"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.fixture
def report(workspace) -> Path:
    build(workspace, [PERIOD], formats=("docx",), kinds=("report",), force=True)
    return workspace / "build" / PERIOD / "report.docx"


def _refused(run, workspace: Path, path: Path, expected: str, *options: str) -> None:
    before = snapshot(workspace)
    result = run("merge", str(path), "--apply", "--root", str(workspace), *options)
    assert result.exit_code == 1, result.output
    assert result.output.strip().splitlines() == [f"{path}: error: {expected}"]
    assert snapshot(workspace) == before


def _rezipped(source: Path, target: Path, change=None, extra: dict[str, bytes] = ()) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, change(name, data) if change else data)
        for name, data in dict(extra).items():
            new.writestr(name, data)
    return target


def test_not_a_word_document(workspace, run, tmp_path):
    path = tmp_path / "notes.docx"
    path.write_text("Dear colleague, here are my edits.")
    _refused(run, workspace, path, "not a Word document (.docx): it is not a zip package")


def test_a_missing_file(workspace, run, tmp_path):
    _refused(run, workspace, tmp_path / "gone.docx", "file not found")


def test_a_zip_that_is_not_a_word_document(workspace, run, tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(run, workspace, path, "not a Word document (.docx): it has no word/document.xml")


def test_a_password_protected_document(workspace, run, tmp_path):
    path = tmp_path / "locked.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    _refused(run, workspace, path, "a password-protected document or an old binary .doc: remove "
                                   "the password, or save it as .docx, and give that file")


def test_a_macro_enabled_document(workspace, report, run, tmp_path):
    path = _rezipped(report, tmp_path / "macros.docm", extra={"word/vbaProject.bin": b"\0" * 64})
    _refused(run, workspace, path, "a macro-enabled document: save it as a plain .docx (Word "
                                   "Document) and give that file")


def test_an_entry_with_an_odd_name(workspace, report, run, tmp_path):
    path = _rezipped(report, tmp_path / "odd.docx", extra={"../../content/facts.yml": b"x"})
    _refused(run, workspace, path, "the package has an entry with an odd name "
                                   "('../../content/facts.yml')")


@pytest.mark.slow
def test_an_oversized_part(workspace, report, run, tmp_path):
    path = _rezipped(report, tmp_path / "big.docx",
                     extra={"word/media/image1.png": b"\0" * (65 * 1024 * 1024)})
    _refused(run, workspace, path, "the part word/media/image1.png is larger than a Word "
                                   "document's parts may be (64 MB)")


def test_a_file_without_marks(workspace, run, tmp_path):
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting of the bureau.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    _refused(run, workspace, path, "has no reportgen marks, and does not read like the "
                                   "2022-2024 report (made by 'reportgen build'?)")


def test_a_file_from_a_newer_reportgen(workspace, report, run, tmp_path):
    def newer(name: str, data: bytes) -> bytes:
        return data.replace(b'version="1"', b'version="7"') if name == "customXml/item1.xml" else data
    path = _rezipped(report, tmp_path / "newer.docx", newer)
    _refused(run, workspace, path, "made by a newer reportgen (marks version 7; this one reads "
                                   "version 1): update reportgen, then merge")


def test_a_file_of_another_period(workspace, report, run):
    _refused(run, workspace, report, "is the report of period 2020-2022, not 2022-2024",
             "--period", "2022-2024")


def test_a_file_of_another_report(workspace, report, run):
    period = workspace / "content" / "periods" / f"{PERIOD}.yml"
    period.write_text(period.read_text().replace("CTOC/COP/2022/7", "CTOC/COP/2022/9"))
    _refused(run, workspace, report, "is the report CTOC/COP/2022/7, not CTOC/COP/2022/9 "
                                     "(the period's symbol)")


@pytest.mark.slow
def test_a_file_of_another_store(workspace, report, run, tmp_path):
    def foreign(name: str, data: bytes) -> bytes:
        return data.replace(b'ref="', b'ref="other-') if name == "customXml/item1.xml" else data
    path = _rezipped(report, tmp_path / "foreign.docx", foreign)
    _refused(run, workspace, path, "is a report of another store: none of its blocks is in "
                                   "content/blocks")


@pytest.mark.slow
def test_an_edition_in_another_language(workspace, run):
    build(workspace, [PERIOD], formats=("docx",), kinds=("report",), languages=("fr",))
    path = workspace / "build" / PERIOD / "report.fr.docx"
    _refused(run, workspace, path, "is the fr edition of the report: merge it with --lang fr")
    _refused(run, workspace, path, "is the fr edition of the report: not the es edition",
             "--lang", "es")


@pytest.mark.slow
def test_a_merge_failing_half_way_leaves_every_file_as_it_was(workspace, report, run, tmp_path,
                                                               monkeypatch):
    document = docx.Document(str(report))
    changed = 0
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Numbered Paragraph" and changed < 3:
            last = paragraph.runs[-1]
            last.text = last.text.rstrip(".") + " indeed."
            changed += 1
    path = tmp_path / "three.docx"
    document.save(str(path))
    before = snapshot(workspace)
    real = os.replace
    calls = []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(target))
        return real(source, target)

    monkeypatch.setattr(os, "replace", failing)
    result = run("merge", str(path), "--apply", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"{calls[1]}: error: No space left on device"]
    assert snapshot(workspace) == before
    assert not [p for p in (workspace / "content").rglob("*.merge")]


@pytest.mark.slow
def test_a_merge_whose_content_would_not_build(workspace, report, run, tmp_path, monkeypatch):
    import reportgen.commands.merge as command

    document = docx.Document(str(report))
    first = next(p for p in document.paragraphs if p.text.startswith("1.\t"))
    first.runs[1].text = first.runs[1].text.replace("prepared", "written")
    path = tmp_path / "one-word.docx"
    document.save(str(path))
    planned = command.make_plan

    def broken(*args, **kwargs):  # a plan whose text the build refuses
        plan = planned(*args, **kwargs)
        target = workspace / "content/blocks/introduction/introduction-parties.yml"
        plan.texts[target] = target.read_text().replace("{{ fact.parties }}", "{{ fact.partys }}")
        return plan

    monkeypatch.setattr(command, "make_plan", broken)
    _refused(run, workspace, path,
             "the merged content would not build (content/blocks/introduction/"
             "introduction-parties.yml:7: unknown fact 'partys'; did you mean 'parties'?); nothing was changed")


@pytest.mark.slow
def test_deleting_a_symbol_deletes_its_link(workspace, report, run, tmp_path):
    from docx.oxml.ns import qn

    document = docx.Document(str(report))
    target = next(p for p in document.paragraphs if "CTOC/COP/WG.7/2022/2" in p.text)
    link = next(paragraph_element(target).iter(qn("w:hyperlink")))
    link.getparent().remove(link)  # the symbol's text deleted, its link with it
    path = tmp_path / "no-symbol.docx"
    document.save(str(path))
    result = run("merge", str(path), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    text = (workspace / "content/blocks/intergovernmental/wg-ninth-meeting.yml").read_text()
    assert "migrants () and sharing" in text and "WG.7/2022/2" not in text


@pytest.mark.slow
def test_edited_text_no_output_can_carry_is_a_conflict_not_taken(workspace, report, run,
                                                                   tmp_path):
    """A Word file may hold a control character XML allows (U+0085, U+007F): the edit
    that brings one is listed as a conflict and left out, every other edit is taken."""
    def change(name: str, data: bytes) -> bytes:
        if name != "word/document.xml":
            return data
        assert b"has been prepared" in data and b"Through its global" in data
        data = data.replace(b"has been prepared", "has\u0085been prepared".encode(), 1)
        return data.replace(b"Through its global", b"Through its worldwide", 1)

    edited = _rezipped(report, tmp_path / "controls.docx", change)
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert ("content/blocks/introduction/introduction-purpose.yml: conflict: text: the edited "
            "text holds \\x85, which no output can carry; the edit is not taken") in lines
    assert any(line.startswith("content/blocks/introduction/introduction-approach.yml: text: ")
               for line in lines), lines
    purpose = (workspace / "content/blocks/introduction/introduction-purpose.yml").read_text()
    assert "\x85" not in purpose and "has been prepared" in purpose
    assert "worldwide" in (workspace / "content/blocks/introduction/introduction-approach.yml"
                           ).read_text()
    assert run("check", "--root", str(workspace)).exit_code == 0
