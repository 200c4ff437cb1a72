"""A report's Word file as the redline's baseline: read with reportgen's marks where the
file has them (each paragraph known by the block it was made from), else by its
paragraphs: a file whose marks were removed, one passed through pandoc, one edited in
LibreOffice.  Whatever the file, Reject All on the redline gives the file's text and
Accept All the current report's."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from redline_scenario import new_partners_block, pandoc, paragraphs

#: each test builds the report and a redline: seconds
pytestmark = pytest.mark.slow

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent
APPROACH = "content/blocks/introduction/introduction-approach.yml"
REWRITTEN = ("UNODC now works through a single regional office on every route "
             "the smugglers take.")
NEW_BLOCK = new_partners_block("2020-2022")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The shipped workspace, its 2020-2022 report.docx kept as sent.docx (and a copy
    without marks, and one through pandoc), then one block rewritten in other words and
    one block added; ``now/`` holds the report as it is now."""
    from reportgen.build import build

    root = tmp_path_factory.mktemp("docx-baseline")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    build(root, ["2020-2022"], formats=("docx",), kinds=("report",))
    sent = shutil.copy(root / "build/2020-2022/report.docx", root / "sent.docx")
    (root / "unmarked.docx").write_bytes(_without_marks(Path(sent).read_bytes()))
    subprocess.run([pandoc(), str(sent), "-o", str(root / "pandoc.docx")], check=True)
    shutil.rmtree(root / "build")
    text = (root / APPROACH).read_text(encoding="utf-8")
    start = text.index("text: |")
    (root / APPROACH).write_text(text[:start] + f"text: |\n  {REWRITTEN}\n", encoding="utf-8")
    (root / "content/blocks/introduction/introduction-new-partners.yml").write_text(
        NEW_BLOCK, encoding="utf-8")
    build(root, ["2020-2022"], formats=("docx",), kinds=("report",), out=root / "now")
    return root


def _without_marks(data: bytes) -> bytes:
    """A Word file with reportgen's marks taken out: no custom XML part (and no
    relationship or content type naming it), no hidden '_rg' bookmarks."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename.startswith("customXml/"):
                continue
            part = source.read(info)
            if info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                part = re.sub(rb"<(Relationship|Override)\b[^>]*customXml[^>]*/>", b"", part)
            if info.filename == "word/document.xml":
                ids = re.findall(rb'<w:bookmarkStart w:id="(\d+)" w:name="_rg\d+"/>', part)
                assert ids
                part = re.sub(rb'<w:bookmarkStart w:id="\d+" w:name="_rg\d+"/>', b"", part)
                for ident in ids:
                    part = part.replace(b'<w:bookmarkEnd w:id="' + ident + b'"/>', b"")
            target.writestr(info, part)
    return out.getvalue()


def _redline(root: Path, baseline: str, out: Path):
    from reportgen.commands.redline import build_redline

    return build_redline(root, str(root / baseline), "2020-2022", out=out,
                         author="A. Writer")


def _laws(root: Path, baseline: str, out: Path) -> None:
    """Reject All gives the baseline file's text, Accept All the current report's."""
    redline = out / "2020-2022/report.redline.docx"
    assert paragraphs(redline, "reject") == paragraphs(root / baseline, "accept")
    assert paragraphs(redline, "accept") == paragraphs(root / "now/2020-2022/report.docx",
                                                       "accept")


def _counts(result) -> tuple[int, ...]:
    s = result.comparison.summary
    return s.unchanged, s.changed, s.added, s.removed, s.moved


def test_a_marked_docx_is_read_block_by_block(workspace, tmp_path):
    """Every numbered paragraph is known by its block: the rewritten block is the same
    paragraph changed, not one removed and another added."""
    from reportgen.redline.baseline import read_docx_baseline

    baseline = read_docx_baseline("sent.docx", (workspace / "sent.docx").read_bytes())
    assert baseline.by_source
    assert len(baseline.passages) == 75
    assert baseline.passages[2].block_id == "introduction-approach"
    assert all(p.block_id for p in baseline.passages)
    result = _redline(workspace, "sent.docx", tmp_path)
    assert _counts(result) == (74, 1, 1, 0, 0)
    changed = result.comparison.of_status("changed")[0]
    assert changed.old.block_id == changed.new.block_id == "introduction-approach"
    _laws(workspace, "sent.docx", tmp_path)


def test_a_docx_without_marks_is_read_by_its_paragraphs(workspace, tmp_path):
    """The same text read from the paragraphs alone; with no block to go by, the
    rewritten paragraph (no words in common) is one removed and one added."""
    from reportgen.redline.baseline import read_docx_baseline

    marked = read_docx_baseline("sent.docx", (workspace / "sent.docx").read_bytes())
    bare = read_docx_baseline("unmarked.docx", (workspace / "unmarked.docx").read_bytes())
    assert not bare.by_source and not any(p.block_id for p in bare.passages)
    assert [p.text for p in bare.passages] == [p.text for p in marked.passages]
    assert [[n.key for n in p.notes] for p in bare.passages] == \
        [[n.key for n in p.notes] for p in marked.passages]
    assert bare.headings == marked.headings and bare.masthead == marked.masthead
    result = _redline(workspace, "unmarked.docx", tmp_path)
    assert _counts(result) == (74, 0, 2, 1, 0)
    _laws(workspace, "unmarked.docx", tmp_path)


def test_a_docx_through_pandoc_is_read_by_its_paragraphs(workspace, tmp_path):
    """pandoc keeps the text but not the marks, the styles or the tabs: the numbered
    paragraphs and the headings are read all the same."""
    from reportgen.redline.baseline import read_docx_baseline

    marked = read_docx_baseline("sent.docx", (workspace / "sent.docx").read_bytes())
    converted = read_docx_baseline("pandoc.docx", (workspace / "pandoc.docx").read_bytes())
    assert [p.text for p in converted.passages] == [p.text for p in marked.passages]
    assert converted.headings == marked.headings
    assert converted.masthead == marked.masthead  # read from where each field stands
    result = _redline(workspace, "pandoc.docx", tmp_path)
    assert _counts(result) == (74, 0, 2, 1, 0)
    _laws(workspace, "pandoc.docx", tmp_path)


def _uno_ready() -> bool:
    if shutil.which("soffice") is None or not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _uno_ready(), reason="LibreOffice or python3-uno missing")
def test_a_docx_edited_in_libreoffice_is_read_with_its_edits(workspace, tmp_path):
    """The file as LibreOffice saves it after tracked edits (a phrase replaced, a
    paragraph inserted after paragraph 3, paragraphs 5 and 7 deleted and 7's text put
    after 9, a note's word changed): its marks survive, and what is read is its text with
    those edits accepted.  A paragraph added in the file has no number: its words are
    read as part of the numbered paragraph it follows."""
    from reportgen.redline.baseline import read_docx_baseline

    edited = workspace / "libreoffice.docx"
    if not edited.exists():
        subprocess.run([SYSTEM_PYTHON, str(HERE / "lo_edit.py"), str(workspace / "sent.docx"),
                        str(edited), str(tmp_path / "profile")],
                       check=True, capture_output=True, timeout=300)
    baseline = read_docx_baseline("libreoffice.docx", edited.read_bytes())
    assert baseline.by_source
    numbers = [p.number for p in baseline.passages]
    assert 5 not in numbers and 7 not in numbers and len(numbers) == 73
    assert baseline.passages[0].text.startswith("The present report was prepared to inform")
    assert baseline.passages[2].text.endswith(
        "smuggled migrants. A paragraph inserted in LibreOffice on the Protocol.")
    sent = read_docx_baseline("sent.docx", (workspace / "sent.docx").read_bytes())
    ninth = next(p for p in baseline.passages if p.number == 9)
    assert ninth.text == sent.passages[8].text + " " + sent.passages[6].text
    notes = [" ".join(w.text for w in n.words) for p in baseline.passages for n in p.notes]
    assert any("key evidence of risks" in note for note in notes)
    result = _redline(workspace, "libreoffice.docx", tmp_path)
    s = result.comparison.summary
    # changed: 1 ("was prepared" back), 3 (rewritten, known by its mark; the inserted
    # words gone), 9 (7's words gone from it); added: the new block, 5 and 7
    assert (s.changed, s.added, s.removed) == (3, 3, 0)
    assert [c.new.number for c in result.comparison.of_status("changed")] == [1, 3, 10]
    _laws(workspace, "libreoffice.docx", tmp_path)


LISTED = """\
id: introduction-listed
place: introduction
period: 2020-2022
order: 36
text: |
  UNODC reported on its work:

  - to the Conference;
  - to the Commission.
"""


def test_list_items_are_read_as_part_of_their_paragraph(tmp_path):
    """A list's items are their paragraph's words, as in the report (not left out, and
    without their bullets), whether the file keeps its marks or not."""
    from reportgen.build import build
    from reportgen.redline.baseline import read_docx_baseline

    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "content/blocks/introduction/introduction-listed.yml").write_text(
        LISTED, encoding="utf-8")
    build(tmp_path, ["2020-2022"], formats=("docx",), kinds=("report",))
    data = (tmp_path / "build/2020-2022/report.docx").read_bytes()
    (tmp_path / "sent.docx").write_bytes(data)
    (tmp_path / "bare.docx").write_bytes(_without_marks(data))
    for name in ("sent.docx", "bare.docx"):
        baseline = read_docx_baseline(name, (tmp_path / name).read_bytes())
        assert baseline.passages[3].text == ("UNODC reported on its work: to the Conference; "
                                             "to the Commission.")
        result = _redline(tmp_path, name, tmp_path / name.replace(".", "-"))
        assert _counts(result) == (76, 0, 0, 0, 0)
