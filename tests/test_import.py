"""``reportgen import``: a report in Markdown turned into a workspace that builds it again."""

from __future__ import annotations

import os

import pytest
import yaml
from conftest import SEED_REPORT, write
from reporttext import parse_markdown_report


@pytest.fixture(scope="module")
def seed_workspace(tmp_path_factory):
    """Seed 004 imported into an empty folder and built."""
    from click.testing import CliRunner

    from reportgen.cli import main

    into = tmp_path_factory.mktemp("imported")
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(SEED_REPORT), "--period", "2020-2022",
                                  "--into", str(into)])
    assert result.exit_code == 0, result.output
    built = runner.invoke(main, ["build", "--period", "2020-2022", "--root", str(into),
                                 "--format", "md", "--format", "html"])
    assert built.exit_code == 0, built.output
    return into, result


def test_seed_round_trip_reproduces_the_report(seed_workspace):
    into, result = seed_workspace
    seed = parse_markdown_report(SEED_REPORT.read_text(encoding="utf-8"))
    ours = parse_markdown_report((into / "build/2020-2022/report.md").read_text(encoding="utf-8"))
    assert len(ours.paragraphs) == 75 and len(ours.headings) == 24
    for number, text in seed.paragraphs.items():
        assert ours.paragraphs[number] == text, f"paragraph {number} differs"
    assert ours.headings == seed.headings
    assert ours.footnotes == seed.footnotes
    assert "Imported 75 paragraphs, 24 headings and 2 footnotes" in result.output
    assert "0 warnings" in result.output


def test_seed_masthead_becomes_the_period_and_series(seed_workspace):
    into, _ = seed_workspace
    period = yaml.safe_load((into / "content/periods/2020-2022.yml").read_text(encoding="utf-8"))
    assert {k: str(v) for k, v in period.items()} == {
        "start": "2020-07-01", "end": "2022-07-31", "session": "11", "venue": "Vienna",
        "session_dates": "2022-10-17/2022-10-21", "agenda_item": "2 (c)",
        "agenda_title": "Review of the implementation of the United Nations Convention against "
                        "Transnational Organized Crime and the Protocols thereto: Protocol "
                        "against the Smuggling of Migrants by Land, Sea and Air",
        "provisional_agenda": "CTOC/COP/2022/1", "issued": "2022-07-30", "original": "English"}
    series = yaml.safe_load((into / "content/series.yml").read_text(encoding="utf-8"))
    assert series["organ"] == ("Conference of the Parties to the United Nations Convention "
                               "against Transnational Organized Crime")
    assert series["subtitle"] == "Report of the Secretariat"
    assert series["title"].startswith("Activities of the United Nations Office on Drugs")


def test_seed_blocks_are_dated_from_their_text_and_cite_symbols(seed_workspace):
    into, _ = seed_workspace
    blocks = {p.stem: p.read_text(encoding="utf-8") for p in (into / "content/blocks").rglob("*.yml")}
    assert len(blocks) == 75
    seventh = next(text for text in blocks.values() if "At its seventh meeting" in text)
    assert "\ndate: 2020-09-08/2020-09-09\n" in seventh
    assert "[CTOC/COP/WG.7/2020/2](symbol:)" in seventh
    intro = blocks["introduction-1"]
    assert "\nperiod: 2020-2022\n" in intro and "\ndate:" not in intro
    assert any("[75/196](symbol:A/RES/75/196)" in t for t in blocks.values())
    assert any(r"[2546 \(2020\)](symbol:S/RES/2546(2020))" in t for t in blocks.values())
    kosovo = next(t for t in blocks.values() if "Kosovo[^n1]" in t)
    assert "n1: References to Kosovo shall be understood" in kosovo
    html = (into / "build/2020-2022/report.html").read_text(encoding="utf-8")
    assert 'href="https://undocs.org/A/RES/75/196"' in html


def test_imported_files_carry_the_schema_line(seed_workspace):
    into, _ = seed_workspace
    block = next((into / "content/blocks").rglob("*.yml"))
    first = block.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/block.schema.json"
    assert (block.parent / "../../../schemas/block.schema.json").resolve().is_file()
    outline = (into / "content/outline.yml").read_text(encoding="utf-8")
    assert outline.startswith("# yaml-language-server: $schema=../schemas/outline.schema.json")


def test_imported_workspace_passes_check(seed_workspace, run):
    into, _ = seed_workspace
    result = run("check", "--root", str(into))
    assert "0 errors" in result.output
    assert result.exit_code == 0


@pytest.mark.slow
def test_own_output_round_trips_byte_for_byte(built, tmp_path, run):
    """reportgen's Markdown (another member of the family: footnotes as [^n], links to
    undocs.org, placeholders in the masthead) imports back to the same document."""
    for key in ("2020-2022", "2022-2024"):
        source = built / key / "report.md"
        into = tmp_path / key
        assert run("import", str(source), "--period", key, "--into", str(into)).exit_code == 0
        assert run("build", "--period", key, "--root", str(into), "--kind", "report",
                   "--format", "md").exit_code == 0
        assert (into / "build" / key / "report.md").read_bytes() == source.read_bytes()


FAMILY_REPORT = """\
United Nations

CTOC/COP/2026/9

# **Conference of the Parties to the United Nations Convention against Transnational Organized Crime**

Distr.: General
2 August 2026

Original: English

### Thirteenth session

Vienna, 12–16 October 2026

Item 3 of the provisional agenda\\*

**Technical assistance**

## **Activities of the Secretariat in support of the Protocols**

### **Note by the Secretariat**

**I. Introduction**

1. The present note covers the period from August 2024 to July 2026.

2. It was prepared with the support of experts.<sup>1</sup>

\\* CTOC/COP/2026/1.

---

<sup>1</sup> The experts served in their personal capacity.

**II. Activities**

## A. Meetings

3. An expert group met in Vienna from 3 to 5 March 2025 and adopted
V.26-01234 (E)

2/4

its recommendations on cooperation.

## B. Tools

4. A digest of cases was issued in May 2025 and presented at the meeting in
[CTOC/COP/WG.7/2025/2](#).

## C. Training

A stray line that belongs to no paragraph.

5. More than 600 officers were trained on 12 September 2025.

*Regional training*

6. Training in the Sahel continued, in line with resolution [2798 \\(2025\\)](#).

#### III. Conclusions

7. The Secretariat remains ready to assist States.<sup>2</sup>

<sup>2</sup> See CTOC/COP/2024/2.

<sup>3</sup> A note nobody calls.
"""


def test_another_report_of_the_family(tmp_path, run):
    source = write(tmp_path / "note.md", FAMILY_REPORT)
    into = tmp_path / "ws"
    result = run("import", str(source), "--period", "2024-2026", "--into", str(into))
    assert result.exit_code == 0, result.output
    assert f"{source}:54: warning: text outside a numbered paragraph, not imported: " \
           "A stray line that belongs to no paragraph." in result.output
    assert f"{source}:68: warning: footnote 3 is never called, not imported" in result.output
    outline = yaml.safe_load((into / "content/outline.yml").read_text(encoding="utf-8"))
    assert [n["title"] for n in outline] == ["Introduction", "Activities", "Conclusions"]
    sections = outline[1]["sections"]
    assert [s["title"] for s in sections] == ["Meetings", "Tools", "Training"]  # "C." is no chapter
    assert sections[2]["sections"] == [{"id": "regional-training", "title": "Regional training",
                                        "numbered": False}]
    period = yaml.safe_load((into / "content/periods/2024-2026.yml").read_text(encoding="utf-8"))
    assert {k: str(v) for k, v in period.items()} == {
        "start": "2024-08-01", "end": "2026-07-31", "session": "13", "venue": "Vienna",
        "session_dates": "2026-10-12/2026-10-16", "agenda_item": "3",
        "agenda_title": "Technical assistance", "provisional_agenda": "CTOC/COP/2026/1",
        "symbol": "CTOC/COP/2026/9", "issued": "2026-08-02", "original": "English"}
    series = yaml.safe_load((into / "content/series.yml").read_text(encoding="utf-8"))
    assert series["subtitle"] == "Note by the Secretariat"

    assert run("build", "--root", str(into), "--format", "md").exit_code == 0
    md = (into / "build/2024-2026/report.md").read_text(encoding="utf-8")
    ours = parse_markdown_report(md)
    assert ours.headings == ["I. Introduction", "II. Activities", "A. Meetings", "B. Tools",
                             "C. Training", "Regional training", "III. Conclusions"]
    assert ours.paragraphs[3] == ("An expert group met in Vienna from 3 to 5 March 2025 and "
                                  "adopted its recommendations on cooperation.")
    assert ours.paragraphs[4].endswith("presented at the meeting in CTOC/COP/WG.7/2025/2.")
    assert ours.footnotes == {"*": "CTOC/COP/2026/1.",
                              "1": "The experts served in their personal capacity.",
                              "2": "See CTOC/COP/2024/2."}
    assert "https://undocs.org/S/RES/2798(2025)" in md
    dates = {p.stem: str(yaml.safe_load(p.read_text(encoding="utf-8")).get("date"))
             for p in (into / "content/blocks").rglob("*.yml")}
    assert dates["meetings-1"] == "2025-03-03/2025-03-05"
    assert dates["tools-1"] == "2025-05"
    assert dates["training-1"] == "2025-09-12"
    assert dates["introduction-1"] == "None"


@pytest.mark.parametrize("change, message", [
    (lambda t: t.replace("<sup>1</sup> The experts", "The experts"),
     "{src}:28: error: footnote 1 is called but never defined"),
    (lambda t: t.replace("**I. Introduction**", "Introduction"),
     "{src}: error: no chapter heading such as 'I. Introduction' found; not a report in Markdown"),
    (lambda t: t.replace("from August 2024 to July 2026", "from August 2023 to July 2026"),
     "{src}:26: error: the report covers August 2023 to July 2026, so its period is 2023-2026, "
     "not 2024-2026; give --period 2023-2026"),
])
def test_import_errors_write_nothing(tmp_path, run, change, message):
    source = write(tmp_path / "note.md", change(FAMILY_REPORT))
    into = tmp_path / "ws"
    result = run("import", str(source), "--period", "2024-2026", "--into", str(into))
    assert result.exit_code == 1
    assert result.output.strip() == message.format(src=source)
    assert not into.exists() or not any(into.iterdir())


def test_import_never_overwrites_a_workspace(tmp_path, run):
    into = tmp_path / "ws"
    write(into / "content/series.yml", "organ: x\n")
    result = run("import", str(SEED_REPORT), "--period", "2020-2022", "--into", str(into))
    assert result.exit_code == 1
    assert result.output.strip() == f"{into / 'content'}: already exists; import into an empty folder"
    assert (into / "content/series.yml").read_text(encoding="utf-8") == "organ: x\n"


def test_import_of_a_file_that_is_not_utf8(tmp_path, run):
    source = tmp_path / "latin1.md"
    source.write_bytes(b"I. Introduction\n\n1. Caf\xe9.\n")
    result = run("import", str(source), "--period", "2024-2026", "--into", str(tmp_path / "ws"))
    assert result.exit_code == 1
    assert result.output.strip() == f"{source}:3: error: not UTF-8 text"


@pytest.mark.parametrize("kind, reason", [
    ("fifo", "is a named pipe (FIFO), not a file"),
    ("link", "is a symbolic link; links are not followed"),
])
def test_import_refuses_a_source_that_is_not_a_plain_file(tmp_path, run, kind, reason):
    source = tmp_path / "report.md"
    if kind == "fifo":
        os.mkfifo(source)  # reading it would wait for a writer that never comes
    else:
        (tmp_path / "real.md").write_text("I. Introduction\n\n1. Text.\n", encoding="utf-8")
        source.symlink_to("real.md")
    into = tmp_path / "ws"
    result = run("import", str(source), "--period", "2024-2026", "--into", str(into))
    assert result.exit_code == 1
    assert result.output.strip() == f"{source}: error: {reason}"
    assert not into.exists()


@pytest.mark.slow
def test_a_report_numbered_in_its_editions_own_words_is_read_by_that_numbering():
    """Arabic chapters 'أولا -', sections 'ألف -', paragraphs '1 -'; Chinese chapters
    '二.': the labels of the numbering table, read as the chapters and paragraphs they are."""
    from reportgen.content.importer import read_report
    from reportgen.errors import ProblemLog

    for chapter_1, section, chapter_2, para in (("أولا -", "ألف -", "ثانيا -", "{} -"),
                                                ("一.", "A.", "二.", "{}.")):
        source = (f"## {chapter_1} Introduction\n\n{para.format(1)} First.\n\n"
                  f"## {chapter_2} Activities\n\n### {section} Work\n\n"
                  f"{para.format(2)} Second.\n\n{para.format(3)} Third.\n")
        log = ProblemLog()
        report = read_report(source, "report.md", "2020-2022", log)
        assert [(h.title, [s.title for s in h.sections]) for h in report.outline] == [
            ("Introduction", []), ("Activities", ["Work"])], chapter_1
        assert [p.text for p in report.paragraphs] == ["First.", "Second.", "Third."]


def test_a_heading_that_opens_with_a_year_is_not_read_as_numbered():
    """'1 - Title' is a subsection numbered the Arabic way; '2030 - the road ahead' is an
    unnumbered heading that opens with a year, and keeps its words."""
    from reportgen.content.importer import read_report
    from reportgen.errors import ProblemLog

    source = ("## I. Introduction\n\n1. First.\n\n## II. Activities\n\n### A. Work\n\n"
              "#### 1 - Training\n\n2. Second.\n\n#### *2030 - the road ahead*\n\n3. Third.\n")
    report = read_report(source, "report.md", "2020-2022", ProblemLog())
    [work] = report.outline[1].sections
    [training] = work.sections
    assert (training.title, training.numbered) == ("Training", True)
    assert [(s.title, s.numbered) for s in training.sections] == [("2030 - the road ahead", False)]
    assert [p.text for p in report.paragraphs] == ["First.", "Second.", "Third."]
