"""reportgen merge of files edited in LibreOffice (through its UNO bridge, with change
tracking on) and saved again by 'soffice --convert-to docx': the marks survive, and the
rebuilt report reads as the edited file's accepted text, paragraph by paragraph."""

from __future__ import annotations

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
    # the edited file saved again gives the same changes of the body (LibreOffice 7.4
    # garbles notes with tracked changes when it saves them twice: notes are left out)
    first = run("merge", str(target), "--root", str(workspace)).output.splitlines()[:-1]
    second = run("merge", str(tmp_path / "again-edited" / "edited.docx"), "--root",
                 str(workspace)).output.splitlines()[:-1]
    body = [line for line in first if "footnote" not in line and "CTOC/COP/2022/1" not in line]
    assert body and body == [line for line in second
                             if "footnote" not in line and "CTOC/COP/2022/1" not in line]
