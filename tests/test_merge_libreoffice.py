"""reportgen merge of files edited in LibreOffice (through its UNO bridge, with change
tracking on) and saved again by 'soffice --convert-to docx': the marks survive, and the
rebuilt report reads as the edited file's accepted text, paragraph by paragraph."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from test_merge import PERIOD, build_report, pandoc_paragraphs

from reportgen.provenance import MARK_PREFIX, STORE_PROPERTY, from_xml
from reportgen.wordread import read_package

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent


def _uno_ready() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not _uno_ready(), reason="LibreOffice or python3-uno missing")]


def libreoffice_edit(source: Path, target: Path, profile: Path) -> None:
    subprocess.run([SYSTEM_PYTHON, str(HERE / "lo_edit.py"), str(source), str(target), str(profile)],
                   check=True, capture_output=True, timeout=300)


def convert_again(source: Path, folder: Path, profile: Path) -> Path:
    folder.mkdir()
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=300)
    return folder / source.name


@pytest.fixture
def edited(workspace, tmp_path) -> tuple[Path, Path]:
    report = build_report(workspace)
    original = tmp_path / "original.docx"
    shutil.copy(report, original)
    target = tmp_path / "edited.docx"
    libreoffice_edit(original, target, tmp_path / "profile")
    shutil.copy(target, tmp_path / "edited-uncommented.docx")  # as LibreOffice saved it
    # LibreOffice cannot add a comment through UNO and save (see the reference notes):
    # the reviewer's comment is added with python-docx
    document = docx.Document(str(target))
    third = next(p for p in document.paragraphs if p.text.startswith("3.\t"))
    document.add_comment(third.runs[-1], text="Source?", author="L. Reviewer", initials="LR")
    document.save(str(target))
    return original, target


def test_libreoffice_edits_come_back(workspace, edited, run):
    original, target = edited
    package = read_package(target.read_bytes())
    assert package.tracked
    assert pandoc_paragraphs(target, "reject") == pandoc_paragraphs(original)
    result = run("merge", str(target), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for line in ("content/blocks/introduction/introduction-purpose.yml: text: 1 word replaced, "
                 "1 word deleted",
                 "content/blocks/introduction/introduction-approach-a-paragraph-inserted-in.yml: "
                 "text: new block",
                 "content/blocks/intergovernmental/wg-seventh-meeting.yml: order: 10 -> 31 "
                 "(moved among the blocks of 'cop')",
                 "content/blocks/technical-cooperation/comprehensive-strategy.yml: left out of "
                 "the 2020-2022 documents (its paragraphs were deleted; the file stays): to "
                 "bring it back, remove 2020-2022 from 'left_out:'"):
        assert line in lines
    assert "content/blocks/research/ukraine-research.yml: footnotes.ukraine-research: 1 word replaced" in lines
    assert any("comment by L. Reviewer" in line for line in lines)
    rebuilt = build_report(workspace)
    assert pandoc_paragraphs(rebuilt) == pandoc_paragraphs(target)
    assert len([p for p in pandoc_paragraphs(rebuilt) if p]) > 75


def test_a_file_saved_again_by_libreoffice_keeps_its_marks(workspace, edited, run, tmp_path):
    original, target = edited
    for source in (original, target):
        again = convert_again(source, tmp_path / f"again-{source.stem}", tmp_path / "profile2")
        package, before = read_package(again.read_bytes()), read_package(source.read_bytes())
        ours = {b for p in package.body for b in p.bookmarks if b.startswith(MARK_PREFIX)}
        assert ours >= {b for p in before.body for b in p.bookmarks if b.startswith(MARK_PREFIX)}
        assert len(ours) > 100
        assert from_xml(package.custom_xml[0]) == from_xml(before.custom_xml[0])
        assert package.properties[STORE_PROPERTY] == from_xml(before.custom_xml[0]).store
    unedited = run("merge", str(tmp_path / "again-original" / "original.docx"), "--root",
                   str(workspace)).output.splitlines()
    assert unedited[0].startswith(f"{PERIOD}: 0 changes in 0 files, 0 conflicts")
    # The edited file, as LibreOffice saved it, saved once more gives the same changes,
    # the footnote edited with change tracking included.  Left out: the agenda note, whose
    # mark is '*' (a custom footnote mark): LibreOffice 7.4 adds one more '*' to it each
    # time it opens and saves a .docx, whoever made the file (see
    # test_libreoffice_itself_garbles_a_custom_note_mark).
    uncommented = tmp_path / "edited-uncommented.docx"
    again = convert_again(uncommented, tmp_path / "again-uncommented", tmp_path / "profile2")
    first = run("merge", str(uncommented), "--root", str(workspace)).output.splitlines()[:-1]
    second = run("merge", str(again), "--root", str(workspace)).output.splitlines()[:-1]
    assert ("content/blocks/research/ukraine-research.yml: footnotes.ukraine-research: 1 word "
            "replaced") in first
    assert first and first == [line for line in second if "CTOC/COP/2022/1" not in line]
    # With the reviewer's comment added by python-docx, LibreOffice 7.4's second save also
    # copies the '*' note into the note after it and drops the last note (the same test
    # shows it with a file LibreOffice made itself): the notes are left out there.
    first = run("merge", str(target), "--root", str(workspace)).output.splitlines()[:-1]
    second = run("merge", str(tmp_path / "again-edited" / "edited.docx"), "--root",
                 str(workspace)).output.splitlines()[:-1]
    body = [line for line in first if "footnote" not in line and "CTOC/COP/2022/1" not in line]
    assert body and body == [line for line in second
                             if "footnote" not in line and "CTOC/COP/2022/1" not in line]


def _notes(path: Path) -> list[str]:
    """The notes' texts, changes rejected, without the tab after a numbered note's mark."""
    return [p.text.lstrip("\t")
            for p in read_package(path.read_bytes()).view("footnotes", accepted=False)]


def test_libreoffice_itself_garbles_a_custom_note_mark(tmp_path):
    """Why the merge tests leave the agenda note out of files LibreOffice saved twice:
    LibreOffice 7.4 does the same to a file it made itself, which holds nothing of
    reportgen's (no bookmarks, no custom XML, no styles of ours).  Should a later
    LibreOffice stop doing it, this test fails, and the exclusions above can go."""
    made = tmp_path / "made.docx"
    subprocess.run([SYSTEM_PYTHON, str(HERE / "lo_minimal.py"), str(made),
                    str(tmp_path / "profile")], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(HERE)})
    assert _notes(made) == ["*\tCTOC/COP/2022/1.", "References to Kosovo.",
                            "Key evidence on risks."]
    # each save adds a '*' to the note whose mark is '*'; the tracked change is kept
    once = convert_again(made, tmp_path / "once", tmp_path / "profile2")
    twice = convert_again(once, tmp_path / "twice", tmp_path / "profile2")
    assert _notes(once)[0] == "*\t*CTOC/COP/2022/1."
    assert _notes(twice)[0] == "*\t**CTOC/COP/2022/1."
    assert _notes(twice)[1:] == _notes(made)[1:]
    assert read_package(twice.read_bytes()).view("footnotes")[2].text.strip() == \
        "Key evidence of risks."
    # a comment added by python-docx: the next save copies the '*' note into the next one
    # and drops the last
    document = docx.Document(str(made))
    document.add_comment(document.paragraphs[1].runs[0], text="Source?", author="L. Reviewer")
    commented = tmp_path / "commented.docx"
    document.save(str(commented))
    garbled = _notes(convert_again(commented, tmp_path / "commented-again", tmp_path / "profile2"))
    assert garbled[1].endswith("CTOC/COP/2022/1.") and "Key evidence on risks." not in garbled
