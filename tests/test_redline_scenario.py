"""The writer's next report (issue 24): the redline of the 2022-2024 report against the
2020-2022 one it was made from, checked against a hand-checked list of revisions and
read back by pandoc and LibreOffice after accepting or rejecting every change."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from redline_scenario import next_report, paragraphs, revisions

#: the scenario builds two periods and their redline: seconds
pytestmark = pytest.mark.slow

EPOCH = 1700000000  # 2023-11-14T22:13:20Z
WHEN = "2023-11-14T22:13:20Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """The scenario's workspace, its redline (made with the command) and the new
    period's own report.docx."""
    from click.testing import CliRunner

    from reportgen.build import build
    from reportgen.cli import main

    root = next_report(tmp_path_factory.mktemp("next-report"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        patch.chdir(root)  # the writer works in the workspace
        result = CliRunner().invoke(main, ["redline", "submitted.md", "--period", "2022-2024",
                                           "--author", "Treaty Section"])
        build(root, ["2022-2024"], formats=("docx",), kinds=("report",), out=root / "new")
    assert result.exit_code == 0, result.output
    return root, result.output


def _redline(root: Path) -> Path:
    return root / "build/2022-2024/report.redline.docx"


def test_summary_line(scenario):
    _, output = scenario  # after the warnings of the store (facts older than the period)
    assert output.splitlines()[-1] == ("2022-2024: 4 paragraphs changed, 5 added, 3 removed, "
                                       "3 moved; notes: 1 changed, 1 added, 0 removed")


#: every revision pandoc sees, in order, paragraph-number changes aside (see below);
#: checked by hand against the scenario (text cut at 60 characters)
EXPECTED = [
    # the masthead: symbol, date of issue, session, its dates, the agenda note's symbol
    ("deletion", "CTOC/COP/2022/7"), ("insertion", "CTOC/COP/2024/7"),
    ("deletion", "30"), ("insertion", "26"), ("deletion", "2022"), ("insertion", "2024"),
    ("deletion", "Eleventh"), ("insertion", "Twelfth"),
    ("deletion", "17"), ("insertion", "14"), ("deletion", "21"), ("insertion", "18"),
    ("deletion", "2022"), ("insertion", "2024"),
    ("deletion", "CTOC/COP/2022/1"), ("insertion", "CTOC/COP/2024/1"),
    # paragraph 1: session and months; 2: the parties' date, number and previous session
    ("deletion", "eleventh"), ("insertion", "twelfth"),
    ("deletion", "July"), ("insertion", "August"), ("deletion", "2020"), ("insertion", "2022"),
    ("deletion", "2022"), ("insertion", "2024"),
    ("deletion", "July"), ("insertion", "October"), ("deletion", "2022"), ("insertion", "2023"),
    ("deletion", "150"), ("insertion", "151"), ("deletion", "tenth"), ("insertion", "eleventh"),
    # paragraph 3: one word; then a new block
    ("deletion", "comprehensive"), ("insertion", "thorough"),
    ("insertion", "4. UNODC also worked with two new regional partners on the s"),
    ("paragraph-insertion", ""),
    # paragraph 5 (4 before): the period's years
    ("deletion", "2020"), ("insertion", "2022"), ("deletion", "2022"), ("insertion", "2024"),
    # three conclusions moved into the Introduction (Word moves: to here, from below)
    ("insertion", "6. The continued relevance of global discourse on the smuggl"),
    ("paragraph-insertion", ""),
    ("insertion", "7. In 2022, in addition to the ninth meeting of the Working "),
    ("paragraph-insertion", ""),
    ("insertion", "8. UNODC remains committed to promoting and supporting the i"),
    ("paragraph-insertion", ""),
    # a dated block of 2023 now in the period
    ("insertion", "11. UNODC supported the Constructive Dialogue on the Smuggli"),
    ("paragraph-insertion", ""),
    # the Conference subsection: two meetings dropped where they stood, a new one
    ("deletion", "8. At its eighth meeting, held in Vienna on 14 and 15 Octobe"),
    ("paragraph-deletion", ""),
    ("deletion", "9. At its ninth meeting, held in Vienna on 27 and 28 June 20"),
    ("paragraph-deletion", ""),
    ("insertion", "13. At its tenth meeting, held in Vienna in 2023, the Workin"),
    ("paragraph-insertion", ""),
    # the Kosovo footnote edited
    ("deletion", "shall"), ("insertion", "are to"),
    # "III. Conclusions" gone: its heading deleted, three paragraphs moved away, one dropped
    ("deletion", "III. Conclusions"),
    ("deletion", "72. The continued relevance of global discourse on the smugg"),
    ("paragraph-deletion", ""),
    ("deletion", "73. In 2022, in addition to the ninth meeting of the Working"),
    ("paragraph-deletion", ""),
    ("deletion", "74. The timely implementation of the Review Mechanism, early"),
    ("paragraph-deletion", ""),
    # the new section C. and its subsection 1., each with a new block, one with a new note
    ("insertion", "C. Responding to the use of digital technologies by smuggler"),
    ("insertion", "76. Smugglers increasingly use digital tools to recruit migr"),
    ("paragraph-insertion", ""),
    ("insertion", "1. Electronic evidence"),
    # the last paragraph of each version shares the document's last mark, which neither
    # Reject All nor Accept All can remove: the old last one (75, moved away) stands in it
    # before the new last one
    ("deletion", "75. UNODC remains committed to promoting and supporting the "),
    ("insertion", "77. UNODC trained investigators from 14 States on collecting"),
    ("insertion", "Including the use of social media platforms to advertise smu"),
    ("paragraph-insertion", ""),
]

#: old number -> new number of every kept paragraph whose number changed
RENUMBERED = ([(4, 5), (5, 9), (6, 10), (7, 12)]  # after the new 4, 6-8 and 11
              + [(n, n + 4) for n in range(10, 72)])  # 6 new, 2 dropped before them


def test_revisions_are_the_hand_checked_list(scenario):
    root, _ = scenario
    found = revisions(_redline(root))
    assert {(author, date) for *_, author, date in found} == {("Treaty Section", WHEN)}
    listed, numbers, i = [], [], 0
    while i < len(found):
        kind, text, *_ = found[i]
        if (kind == "deletion" and re.fullmatch(r"\d+\.", text) and i + 1 < len(found)
                and found[i + 1][0] == "insertion" and re.fullmatch(r"\d+\.", found[i + 1][1])):
            numbers.append((int(text[:-1]), int(found[i + 1][1][:-1])))
            i += 2
            continue
        listed.append((kind, text[:60]))
        i += 1
    assert listed == EXPECTED
    assert numbers == RENUMBERED


def test_reject_all_gives_the_submitted_report_and_accept_all_the_new_one(scenario):
    root, _ = scenario
    redline = _redline(root)
    assert paragraphs(redline, "reject") == paragraphs(root / "submitted.docx", "accept")
    assert paragraphs(redline, "accept") == paragraphs(root / "new/2022-2024/report.docx",
                                                       "accept")


def _document(docx: Path, part: str = "word/document.xml"):
    from lxml import etree

    return etree.fromstring(zipfile.ZipFile(docx).read(part))


def _shown(p, deleted: bool) -> str:
    """A paragraph's text, with deleted and moved-away text (``deleted``) or without."""
    tags = {f"{W}t", f"{W}delText"} if deleted else {f"{W}t"}
    return "".join(t.text or "" for t in p.iter() if t.tag in tags
                   and (deleted or not any(a.tag in (f"{W}del", f"{W}moveFrom")
                                           for a in t.iterancestors())))


def _shown_body(docx: Path) -> list[str]:
    body = _document(docx).find(f"{W}body")
    return ["".join(t.text if t.tag == f"{W}t" else "\t" for t in p.iter(f"{W}t", f"{W}tab"))
            for p in body.iter(f"{W}p")]


def test_removed_paragraphs_stand_between_their_neighbours_and_moves_are_word_moves(scenario):
    root, _ = scenario
    body = _document(_redline(root)).find(f"{W}body")
    texts = [_shown(p, deleted=True)[:30] for p in body.iter(f"{W}p")]
    # the dropped meetings: after what was paragraph 7 (now 12), before 10 (now 14)
    at = texts.index("7.12.During the reporting peri")  # "7." deleted, "12." inserted
    assert [t[:20] for t in texts[at + 1:at + 4]] == [
        "8.At its eighth meet", "9.At its ninth meeti", "13.At its tenth meet"]
    assert texts[at + 4].startswith("10.14.At its seventh")
    moves = {(el.tag.rsplit("}", 1)[1], el.get(f"{W}name"))
             for el in body.iter(f"{W}moveFromRangeStart", f"{W}moveToRangeStart")}
    assert moves == {(kind, f"move{n}") for kind in ("moveFromRangeStart", "moveToRangeStart")
                     for n in (1, 2, 3)}
    moved_from = [_shown(p, deleted=True)[:20] for p in body.iter(f"{W}p")
                  if p.find(f".//{W}moveFrom") is not None]
    assert moved_from == ["72.The continued rel", "73.In 2022, in addit", "75.UNODC remains com"]


def test_the_symbol_in_the_page_headers_is_a_revision(scenario):
    root, _ = scenario
    package = zipfile.ZipFile(_redline(root))
    headers = sorted(n for n in package.namelist() if re.fullmatch(r"word/header\d+\.xml", n))
    changed = []
    for name in headers:
        root_element = _document(_redline(root), name)
        deleted = [t.text for t in root_element.iter(f"{W}delText")]
        inserted = [t.text for ins in root_element.iter(f"{W}ins") for t in ins.iter(f"{W}t")]
        if deleted or inserted:
            changed.append((deleted, inserted))
    assert changed == [(["CTOC/COP/2022/7"], ["CTOC/COP/2024/7"])] * 2


# -- LibreOffice ---------------------------------------------------------------------------------

def office_text(tmp_path: Path, jobs: list[tuple[str, Path]]) -> list[dict]:
    """What LibreOffice reads in each file after ``accept``, ``reject`` or ``as-is``."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is missing")
    probe = subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("python3-uno is missing")
    out = tmp_path / "office.json"
    subprocess.run(["/usr/bin/python3", str(Path(__file__).parent / "office_text.py"),
                    str(tmp_path / "profile"), str(out),
                    *(f"{mode}:{path}" for mode, path in jobs)],
                   check=True, capture_output=True, timeout=600)
    return json.loads(out.read_text(encoding="utf-8"))


def comparable(read: dict) -> dict:
    """What the laws compare in LibreOffice's reading: every paragraph of the body and
    of the notes; the page headers' text without spacing, page numbers left aside (a
    field the office lays out anew)."""
    headers = [re.sub(r"\s+", "", h) for h in read["headers"]]
    return {"body": read["body"], "notes": read["notes"],
            "headers": [h for h in headers if not h.isdigit()]}


@pytest.mark.slow
def test_libreoffice_accept_all_and_reject_all(scenario, tmp_path):
    root, _ = scenario
    rejected, old, accepted, new = office_text(tmp_path, [
        ("reject", _redline(root)), ("as-is", root / "submitted.docx"),
        ("accept", _redline(root)), ("as-is", root / "new/2022-2024/report.docx")])
    assert comparable(rejected) == comparable(old)
    assert comparable(accepted) == comparable(new)
    assert "CTOC/COP/2022/7" in comparable(rejected)["headers"]
    assert "CTOC/COP/2024/7" in comparable(accepted)["headers"]


# -- the page ------------------------------------------------------------------------------------

def _page(root: Path) -> str:
    return (root / "build/2022-2024/report.redline.html").read_text(encoding="utf-8")


def test_page_shows_the_masthead_headings_and_numbers_as_changes(scenario):
    root, _ = scenario
    page = _page(root)
    masthead = page[page.index('<ul class="masthead-changes">'):page.index("</header>")]
    assert re.findall(r"<li>(.*?)</li>", masthead) == [
        "Symbol: <del>CTOC/COP/2022/7</del><ins>CTOC/COP/2024/7</ins>",
        "Date: <del>30</del><ins>26</ins> July <del>2022</del> <ins>2024</ins>",
        "Session: <del>Eleventh</del><ins>Twelfth</ins> session",
        "Place and dates: Vienna, <del>17</del> <ins>14</ins>–<del>21</del><ins>18</ins> "
        "October <del>2022</del> <ins>2024</ins>",
        "Provisional agenda: <del>CTOC/COP/2022/1</del><ins>CTOC/COP/2024/1</ins>."]
    assert "Headings: 0 changed, 2 added, 1 removed." in page
    # the chapter that went is struck out where it stood, before its dropped paragraph
    assert (page.index('id="sec-risks"') < page.index('<h2 class="removed"><del>III. Conclusions'
                                                      '</del></h2>')
            < page.index('id="removed-74"') < page.index('<h3 id="sec-digital" class="added">'
                                                         '<ins>C. Responding'))
    # the dropped meetings between what were paragraphs 7 and 10, numbers as changes
    assert (page.index('<span class="para-num"><del>7.</del><ins>12.</ins></span>')
            < page.index('id="removed-8"') < page.index('id="removed-9"')
            < page.index('id="para-13" class="para added"')
            < page.index('<span class="para-num"><del>10.</del><ins>14.</ins></span>'))
    assert "66 paragraphs only changed number" in page


# -- the Word file the writer submitted, as the baseline ---------------------------------------

def _redline_against(root: Path, baseline: str, out: Path) -> str:
    from click.testing import CliRunner

    from reportgen.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        patch.chdir(root)
        result = CliRunner().invoke(main, ["redline", baseline, "--period", "2022-2024",
                                           "--author", "Treaty Section", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[-1]


@pytest.mark.slow
def test_the_submitted_docx_as_baseline_gives_the_same_redline(scenario, tmp_path):
    root, output = scenario
    line = _redline_against(root, "submitted.docx", tmp_path)
    assert line == output.splitlines()[-1]
    redline = tmp_path / "2022-2024/report.redline.docx"
    assert revisions(redline) == revisions(_redline(root))
    assert paragraphs(redline, "reject") == paragraphs(root / "submitted.docx", "accept")
    page = (tmp_path / "2022-2024/report.redline.html").read_text(encoding="utf-8")
    assert "report since submitted.docx</p>" in page
    assert "Headings: 0 changed, 2 added, 1 removed." in page
    # the masthead fields, read from the Word file, as from the Markdown
    masthead = page[page.index('<ul class="masthead-changes">'):page.index("</header>")]
    assert masthead == _page(root)[_page(root).index('<ul class="masthead-changes">'):
                                   _page(root).index("</header>")]


@pytest.mark.slow
def test_a_docx_baseline_is_read_with_its_own_changes_accepted(scenario, tmp_path):
    """The writer's Word file, with a change of their own still tracked in it: a word
    they deleted is not part of the baseline, one they inserted is."""
    root, output = scenario
    with zipfile.ZipFile(root / "submitted.docx") as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    xml = parts["word/document.xml"].decode("utf-8")
    tracked = ('<w:del w:id="9001" w:author="W" w:date="2022-07-01T00:00:00Z"><w:r><w:delText>'
               'Outdated words. </w:delText></w:r></w:del><w:ins w:id="9002" w:author="W" '
               'w:date="2022-07-01T00:00:00Z"><w:r><w:t>Indeed, </w:t></w:r></w:ins>')
    at = xml.index("<w:t>Through its global")
    at = xml.rindex("<w:r>", 0, at)
    parts["word/document.xml"] = (xml[:at] + tracked + xml[at:]).encode("utf-8")
    edited = root / "edited.docx"
    with zipfile.ZipFile(edited, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    line = _redline_against(root, "edited.docx", tmp_path)
    assert line == output.splitlines()[-1]  # paragraph 3 was changed anyway
    redline = tmp_path / "2022-2024/report.redline.docx"
    rejected = paragraphs(redline, "reject")
    assert any(p.startswith("3. Indeed, Through its global") for p in rejected)
    assert not any("Outdated words" in p for p in rejected + paragraphs(redline, "accept"))
    found = [(kind, text) for kind, text, *_ in revisions(redline)]
    assert ("deletion", "Indeed,") in found


@pytest.mark.slow
def test_a_paragraph_added_at_the_end_leaves_no_empty_paragraph(workspace, tmp_path):
    """The document's last paragraph mark cannot be removed: rejecting a paragraph added
    at the very end must not leave an empty one in its place."""
    from reportgen.build import build
    from reportgen.commands.redline import build_redline

    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",))
    submitted = shutil.copy(workspace / "build/2020-2022/report.docx", workspace / "sent.docx")
    (workspace / "content/blocks/conclusions/closing.yml").write_text(
        "id: closing\nplace: conclusions\nperiod: 2020-2022\norder: 99\ntext: |\n"
        "  A closing paragraph added at the very end of the report.\n", encoding="utf-8")
    build_redline(workspace, str(submitted), "2020-2022", author="A. Writer")
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",), out=tmp_path / "now")
    # the last paragraph of text (after it comes only the closing rule, an empty one)
    assert "76.\tA closing paragraph" in _shown_body(tmp_path / "now/2020-2022/report.docx")[-2]
    redline = workspace / "build/2020-2022/report.redline.docx"
    assert paragraphs(redline, "reject") == paragraphs(submitted, "accept")
    assert paragraphs(redline, "accept") == paragraphs(tmp_path / "now/2020-2022/report.docx",
                                                       "accept")
    rejected, old, accepted, new = office_text(tmp_path, [
        ("reject", redline), ("as-is", submitted),
        ("accept", redline), ("as-is", tmp_path / "now/2020-2022/report.docx")])
    assert rejected["body"] == old["body"]  # not even an empty paragraph more
    assert accepted["body"] == new["body"]
