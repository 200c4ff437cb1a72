"""Annexes: after the report's body, 'Annex I', their own paragraph numbering, in every
format, the table of contents and the bookmarks."""

from __future__ import annotations

import subprocess

import pytest
from conftest import write

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store

ANNEX = """\
- id: annex-statistics
  title: Statistics on migrant smuggling
  annex: true
"""
BLOCK = ("id: annex-one\nplace: annex-statistics\nperiod: 2022-2024\ntext: |\n"
         "  The figures below come from the Observatory.\n\n"
         "  A second paragraph[^a].\nfootnotes:\n  a: Annex note.\n")


def _with_annex(workspace, first: bool = False):
    outline = workspace / "content/outline.yml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(ANNEX + text if first else text + ANNEX, encoding="utf-8")
    write(workspace / "content/blocks/observatory/annex-one.yml", BLOCK)


@pytest.mark.slow
@pytest.mark.parametrize("first", [False, True])
def test_an_annex_follows_the_body_and_numbers_its_paragraphs_from_one(workspace, first):
    _with_annex(workspace, first)
    store, log = load_store(workspace)
    doc = assemble_report(store, "2022-2024", log)
    assert log.errors == []
    last = doc.sections[-1]
    assert (last.label, last.heading, last.annex) == (
        "Annex I", "Annex I: Statistics on migrant smuggling", 1)
    body = [p.number for s in doc.sections[:-1] for x in s.walk() for p in x.paragraphs]
    assert body == list(range(1, len(body) + 1))
    assert [(p.number, p.anchor) for p in last.paragraphs] == [
        (1, "annex-1-para-1"), (2, "annex-1-para-2")]
    # the annex's note comes after the body's notes
    assert doc.footnotes[-1].content.text == "Annex note."


@pytest.mark.slow
def test_an_annex_is_a_chapter_and_is_not_referred_to_by_number(workspace):
    _with_annex(workspace)
    write(workspace / "content/blocks/introduction/refers.yml",
          "id: refers\nplace: introduction\nperiod: 2022-2024\norder: 99\ntext: |\n"
          "  See [](ref:annex-one).\n")
    store, log = load_store(workspace)
    assemble_report(store, "2022-2024", log)
    assert [str(p) for p in log.errors] == [
        "content/blocks/introduction/refers.yml:6: error: reference to block 'annex-one' of "
        "an annex; an annex's paragraphs are numbered on their own, so refer to the annex in "
        "words ('annex I')"]
    outline = workspace / "content/outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        "            - id: observatory\n",
        "            - id: observatory\n              annex: true\n"), encoding="utf-8")
    _, log = load_store(workspace)
    assert [str(p) for p in log.errors] == [
        "content/outline.yml:47: error: heading 'observatory' is an annex but not a chapter; "
        "annexes are chapters of the outline, after the body"]


@pytest.mark.slow
def test_an_annex_in_every_format(workspace):
    import docx
    import pikepdf

    from reportgen.build import build

    _with_annex(workspace)
    build(workspace, ["2022-2024"], kinds=("report",))
    folder = workspace / "build/2022-2024"
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert ("## Annex I: Statistics on migrant smuggling\n\n1. The figures below come from the "
            "Observatory.\n\n2. A second paragraph[^") in markdown
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert '<a href="#sec-annex-statistics">Annex I: Statistics on migrant smuggling</a>' in page
    assert ('<h2><span class="num annex-label">Annex I</span><br> Statistics on migrant '
            'smuggling</h2>\n<p id="annex-1-para-1" class="para">') in page
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    annex = text[text.index("Annex I"):]
    assert [line.strip() for line in annex.splitlines()[:3]] == [
        "Annex I", "Statistics on migrant smuggling",
        "1.       The figures below come from the Observatory."]
    with pikepdf.open(folder / "report.pdf") as pdf, pdf.open_outline() as outline:
        assert outline.root[-1].title == "Annex I Statistics on migrant smuggling"
    word = docx.Document(str(folder / "report.docx"))
    [heading] = [p for p in word.paragraphs if p.text.startswith("Annex I")]
    assert heading.text == "Annex I\nStatistics on migrant smuggling"
    assert heading.style.name == "Heading 1" and heading.paragraph_format.page_break_before
    texts = [p.text for p in word.paragraphs]
    assert texts[texts.index(heading.text) + 1] == "1.\tThe figures below come from the Observatory."


@pytest.mark.slow
def test_a_report_with_an_annex_a_table_and_a_figure_reads_back(workspace, tmp_path, run):
    """The built Markdown imports into a workspace that has the annex, the table and the
    figure, and a redline against it finds nothing changed."""
    import yaml

    from reportgen.build import build

    _with_annex(workspace)
    write(workspace / "content/blocks/observatory/exhibits.yml",
          "id: exhibits\nplace: observatory\nperiod: 2022-2024\norder: 5\ntext: |\n"
          "  Two exhibits follow:\n\n  Table: Deaths\n\n  | Route | Deaths |\n  | --- | ---: |\n"
          "  | Atlantic | 1,234 |\n\n  Source: IOM.\n\n  Figure: Parties\n\n"
          "  ![Bar chart of parties](chart:parties)\n\n  Source: UNODC.\n")
    build(workspace, ["2022-2024"], formats=("md",), kinds=("report",))
    source = workspace / "build/2022-2024/report.md"
    result = run("redline", str(source), "--period", "2022-2024", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(
        "2022-2024: 0 paragraphs changed, 0 added, 0 removed, 0 moved")
    into = tmp_path / "imported"
    result = run("import", str(source), "--period", "2022-2024", "--into", str(into))
    assert result.exit_code == 0, result.output
    outline = yaml.safe_load((into / "content/outline.yml").read_text(encoding="utf-8"))
    assert outline[-1] == {"id": "statistics-migrant-smuggling",
                           "title": "Statistics on migrant smuggling", "annex": True}
    texts = [yaml.safe_load(p.read_text(encoding="utf-8"))["text"]
             for p in (into / "content/blocks").rglob("*.yml")]
    [exhibits] = [t for t in texts if t.startswith("Two exhibits follow:")]
    assert exhibits == ("Two exhibits follow:\n\nTable: Deaths\n\n| Route | Deaths |\n"
                        "| --- | ---: |\n| Atlantic | 1,234 |\n\nSource: IOM.\n\nFigure: Parties\n\n"
                        "![Bar chart of parties](chart:parties)\n\nSource: UNODC.\n")
