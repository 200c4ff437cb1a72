"""Tables in reports: typed as pipe tables or read from CSV, numbered through the report,
in every format."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from conftest import write

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store
from reportgen.markup import MarkupError, make_parser, parse_paragraphs

TYPED = """\
Deaths rose on every route[^iom]:

Table: Deaths by route, 2022–2023

| Route | 2022 | 2023 | Trend |
| --- | --- | --- | :-: |
| Atlantic | 1,234 | 2,001 | up |
| Central *Mediterranean* | 2,400 | — | down |

Source: IOM Missing Migrants Project.

Note: Provisional figures.

The trend continued:

[](table:routes.csv)

Source: UNODC.
"""
CSV = ('Route,Share (%)\nWestern Mediterranean,"12.5"\n"Eastern, by land",7\n'
       "Parties to the Protocol,{{ fact.parties }}\n")


def test_a_pipe_table_with_title_source_and_notes():
    [first] = parse_paragraphs(make_parser(), TYPED.split("The trend")[0])
    assert first.inline.text == "Deaths rose on every route:"
    table = first.exhibits[0]
    assert table.title.text == "Deaths by route, 2022–2023"
    assert [c.text for c in table.header] == ["Route", "2022", "2023", "Trend"]
    assert [[c.text for c in row] for row in table.rows] == [
        ["Atlantic", "1,234", "2,001", "up"], ["Central Mediterranean", "2,400", "—", "down"]]
    assert table.align == ["", "right", "right", "center"]  # figures right, written kept
    assert [n.text for n in table.notes] == ["Source: IOM Missing Migrants Project.",
                                             "Note: Provisional figures."]


def test_a_table_needs_its_paragraph_before_it():
    with pytest.raises(MarkupError) as caught:
        parse_paragraphs(make_parser(), "Table: Alone\n\n| a | b |\n| - | - |\n| 1 | 2 |\n")
    assert caught.value.message == ("a table follows the paragraph that introduces it; write "
                                    "that paragraph first, in the same text")


def _workspace_with_tables(workspace):
    write(workspace / "content/data/routes.csv", CSV)
    write(workspace / "content/blocks/observatory/routes-table.yml",
          "id: routes-table\nplace: observatory\nperiod: 2022-2024\norder: 5\ntext: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in TYPED.splitlines())
          + "footnotes:\n  iom: IOM, 2024.\n")


def test_tables_are_numbered_through_the_report_and_csv_feeds_one(workspace):
    _workspace_with_tables(workspace)
    store, log = load_store(workspace)
    doc = assemble_report(store, "2022-2024", log)
    assert log.errors == []
    tables = [t for p in doc.paragraphs() for t in p.exhibits]
    assert [(t.label, t.title and t.title.text) for t in tables] == [
        ("Table 1", "Deaths by route, 2022–2023"), ("Table 2", None)]
    assert [[c.text for c in row] for row in [tables[1].header, *tables[1].rows]] == [
        ["Route", "Share (%)"], ["Western Mediterranean", "12.5"], ["Eastern, by land", "7"],
        ["Parties to the Protocol", str(store.facts["parties"].values[-1].value)]]
    assert tables[1].align == ["", "right"]
    assert [n.text for n in tables[1].notes] == ["Source: UNODC."]


@pytest.mark.parametrize("link, message", [
    ("[](table:route.csv)", "data file 'content/data/route.csv' not found; did you mean "
                            "'routes.csv'? (files: routes.csv)"),
    ("[](table:../facts.yml)", "data '../facts.yml' is not the name of a .csv file in "
                               "content/data/"),
])
def test_a_missing_data_file_is_an_error_at_its_line(workspace, link, message):
    _workspace_with_tables(workspace)
    block = workspace / "content/blocks/observatory/routes-table.yml"
    block.write_text(block.read_text(encoding="utf-8").replace("[](table:routes.csv)", link),
                     encoding="utf-8")
    store, log = load_store(workspace)
    assemble_report(store, "2022-2024", log)
    assert [str(p) for p in log.errors] == [
        f"content/blocks/observatory/routes-table.yml:21: error: {message}"]


def test_a_table_in_a_press_release_is_an_error(workspace):
    release = workspace / "content/documents/constructive-dialogue-2023.yml"
    release.write_text(release.read_text(encoding="utf-8").replace(
        "body: |\n", "body: |\n  Figures:\n\n  | a | b |\n  | - | - |\n  | 1 | 2 |\n\n"),
        encoding="utf-8")
    from reportgen.commands.check import check

    errors = [str(p) for p in check(workspace, ["2022-2024"]).log.errors]
    assert errors == ["content/documents/constructive-dialogue-2023.yml:16: error: a table "
                      "belongs in a block of the report; a press-release has none (write the "
                      "figures as text)"]


EXPECTED_MD = """\
5. Deaths rose on every route[^1]:

Table 1

**Deaths by route, 2022–2023**

| Route | 2022 | 2023 | Trend |
| --- | ---: | ---: | :-: |
| Atlantic | 1,234 | 2,001 | up |
| Central *Mediterranean* | 2,400 | — | down |

Source: IOM Missing Migrants Project.

Note: Provisional figures.

6. The trend continued:

Table 2

| Route | Share (%) |
| --- | ---: |
| Western Mediterranean | 12.5 |
| Eastern, by land | 7 |
| Parties to the Protocol | {parties} |

Source: UNODC.
"""


@pytest.mark.slow
def test_tables_in_every_format(workspace):
    import docx
    import pikepdf
    import pypandoc

    from reportgen.build import build

    _workspace_with_tables(workspace)
    build(workspace, ["2022-2024"], kinds=("report",))
    folder = workspace / "build/2022-2024"
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    from reportgen.content.store import load_store as load

    parties = load(workspace)[0].facts["parties"].values[-1].value
    assert EXPECTED_MD.format(parties=parties) in markdown, markdown[markdown.index("Deaths rose") - 4:][:900]
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert ('<caption><span class="table-label">Table 1</span><br><span class="table-title">'
            'Deaths by route, 2022–2023</span></caption>') in page
    assert ('<tr><td>Atlantic</td><td class="right">1,234</td><td class="right">2,001</td>'
            '<td class="center">up</td></tr>') in page
    # the Word file: real tables, the header row repeating, read back with the same cells
    word = docx.Document(str(folder / "report.docx"))
    masthead, *body_tables = word.tables  # page 1's masthead is a borderless table
    assert "Conference of the Parties" in masthead.rows[0].cells[0].text
    assert len(body_tables) == 2
    assert [[c.text for c in row.cells] for row in body_tables[0].rows] == [
        ["Route", "2022", "2023", "Trend"], ["Atlantic", "1,234", "2,001", "up"],
        ["Central Mediterranean", "2,400", "—", "down"]]
    import zipfile

    xml = zipfile.ZipFile(folder / "report.docx").read("word/document.xml").decode("utf-8")
    rows = xml.split("<w:tbl>", 2)[2].split("<w:tr>")  # the tables after the masthead's
    assert [("<w:tblHeader/>" in row) for row in rows[1:]] == [True, False, False, True, False,
                                                                False, False]
    read = json.loads(pypandoc.convert_file(str(folder / "report.docx"), "json"))
    tables = [block for block in read["blocks"] if block["t"] == "Table"][1:]  # not the masthead

    def cells(table):
        head, bodies = table["c"][3], table["c"][4]
        rows = head["c"][1] if isinstance(head, dict) else head[1]
        rows = rows + [r for body in bodies for r in body[3]]
        return [[pypandoc_text(cell[4]) for cell in row[1]] for row in rows]

    def pypandoc_text(blocks):
        return " ".join("".join(i["c"] if i["t"] == "Str" else " " if i["t"] == "Space"
                                else pypandoc_text([{"c": i["c"]}]) if i["t"] == "Emph" else ""
                                for i in block["c"]) for block in blocks)

    assert cells(tables[1]) == [["Route", "Share (%)"], ["Western Mediterranean", "12.5"],
                                ["Eastern, by land", "7"], ["Parties to the Protocol", str(parties)]]
    # the PDF: the text in order, and the table tagged as one
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Table 1" in text and "Deaths by route, 2022–2023" in text
    assert [line.split() for line in text.splitlines() if line.strip().startswith("Atlantic")] \
        == [["Atlantic", "1,234", "2,001", "up"]]
    with pikepdf.open(folder / "report.pdf") as pdf:
        kinds = set()

        def walk(node):
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    kinds.add(str(node.S))
                walk(node.get("/K"))
            elif isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)

        walk(pdf.Root.StructTreeRoot)
    assert {"/Table", "/THead", "/TH", "/TD", "/Caption"} <= kinds


@pytest.mark.slow
def test_merge_of_an_unedited_report_with_tables_and_figures_changes_nothing(workspace, run):
    from reportgen.build import build

    _workspace_with_tables(workspace)
    block = workspace / "content/blocks/observatory/routes-table.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "  Source: UNODC.\n", "  Source: UNODC.\n\n  ![Chart of parties](chart:parties)\n"),
        encoding="utf-8")
    build(workspace, ["2022-2024"], formats=("docx",), kinds=("report",))
    result = run("merge", str(workspace / "build/2022-2024/report.docx"), "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(
        "2022-2024: 0 changes in 0 files, 0 conflicts, 0 comments")


def test_a_data_file_quoting_an_unknown_fact_is_an_error_at_the_link(workspace):
    _workspace_with_tables(workspace)
    data = workspace / "content/data/routes.csv"
    data.write_text(CSV.replace("fact.parties", "fact.partys"), encoding="utf-8")
    store, log = load_store(workspace)
    assemble_report(store, "2022-2024", log)
    assert [str(p) for p in log.errors] == [
        "content/blocks/observatory/routes-table.yml:21: error: content/data/routes.csv: "
        "unknown fact 'partys'; did you mean 'parties'?"]


@pytest.mark.slow
def test_a_long_table_repeats_its_header_row_on_each_page(workspace):
    from reportgen.build import build

    rows = "".join(f"  | Route number {n} | {n * 7:,} |\n" for n in range(1, 121))
    write(workspace / "content/blocks/observatory/long-table.yml",
          "id: long-table\nplace: observatory\nperiod: 2022-2024\norder: 5\ntext: |\n"
          "  A long table follows:\n\n  Table: Every route\n\n"
          "  | Route | Crossings recorded |\n  | --- | --- |\n" + rows)
    build(workspace, ["2022-2024"], formats=("pdf",), kinds=("report",))
    pdf = workspace / "build/2022-2024/report.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    spanned = [page for page in pages if "Route number" in page]
    assert len(spanned) >= 2
    for page in spanned:  # each page the table runs onto starts it with the header row
        lines = [line.split() for line in page.splitlines() if line.strip()]
        first = next(i for i, words in enumerate(lines) if words[:2] == ["Route", "number"])
        assert lines[first - 1][-3:] == ["Route", "Crossings", "recorded"]


def _words(run, workspace) -> int:
    result = run("check", "--root", str(workspace), "--period", "2022-2024")
    [line] = [line for line in result.output.splitlines() if line.startswith("2022-2024: ")]
    return int(line.split()[1].replace(",", ""))


@pytest.mark.slow
def test_the_word_count_takes_in_tables_and_figures(run, workspace):
    """The UN limit is of the document's printed text: a table's title, cells, source and
    notes count, and a figure's title and source; its alt text and the numbering do not."""
    from test_figures import _png

    before = _words(run, workspace)
    (workspace / "content/images").mkdir(parents=True, exist_ok=True)
    (workspace / "content/images/square.png").write_bytes(_png())
    typed = TYPED.split("The trend")[0]
    write(workspace / "content/blocks/conclusions/routes-table.yml",
          "id: routes-table\nplace: conclusions\nperiod: 2022-2024\norder: 5\ntext: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in typed.splitlines())
          + "footnotes:\n  iom: IOM, 2024.\n")
    figure = ("The square shows it:\n\nFigure: A grey square drawn\n\n"
              "![Alt words never counted](images/square.png)\n\nSource: UNODC, 2024.\n")
    write(workspace / "content/blocks/conclusions/square-figure.yml",
          "id: square-figure\nplace: conclusions\nperiod: 2022-2024\norder: 6\ntext: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in figure.splitlines()))
    # under a heading the period prints already: the paragraph before the table 5 words,
    # its note 2; the table's title 5, header 4, rows 6 and 5 ('1,234' is two words, '—'
    # none), source 5 and note 3; the paragraph before the figure 4, the figure's title 4
    # and source 3 (not its alt text)
    assert _words(run, workspace) - before == 5 + 2 + (5 + 4 + 6 + 5 + 5 + 3) + 4 + 4 + 3


@pytest.mark.slow
@pytest.mark.parametrize("code, table, figure, annex", [
    ("fr", "Tableau 1", "Figure I", "Annexe I"),
    ("ar", "الجدول 1", "الشكل I", "المرفق I"),
])
def test_an_edition_numbers_tables_figures_and_annexes_in_its_own_words(
        workspace, code, table, figure, annex):
    from reportgen import formats
    from reportgen.commands.redline import render_context
    from reportgen.content.editions import edition_store
    from reportgen.errors import ProblemLog
    from reportgen.languages import WORDS

    _workspace_with_tables(workspace)
    write(workspace / "content/blocks/observatory/routes-figure.yml",
          "id: routes-figure\nplace: observatory\nperiod: 2022-2024\norder: 6\ntext: |\n"
          "  Parties grew:\n\n  Figure: Parties\n\n  ![Parties by year](chart:parties)\n")
    outline = workspace / "content/outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8")
                       + "- id: statistics\n  title: Statistics\n  annex: true\n", encoding="utf-8")
    write(workspace / "content/blocks/annex/statistics.yml",
          "id: statistics\nplace: statistics\nperiod: 2022-2024\ntext: |\n  Figures.\n")
    store, log = load_store(workspace)
    assert log.errors == []
    edition = edition_store(store, code, ["2022-2024"], ProblemLog())
    doc = assemble_report(edition, "2022-2024", log, code)
    assert log.errors == []
    exhibits = [e.label for p in doc.paragraphs() for e in p.exhibits]
    assert exhibits == [table, f"{WORDS[code].table} 2", figure]
    assert doc.sections[-1].label == annex
    # the figure's chart is set in the edition's faces, Latin and figures in the Latin one
    [chart] = [e.svg for p in doc.paragraphs() for e in p.exhibits if e.kind == "figure"]
    assert set(re.findall(r'font-family="([^"]*)"', chart)) == {
        "Liberation Serif" if code == "fr"
        else "Liberation Serif Latin, Noto Naskh Arabic, Liberation Serif"}
    page = formats.get("html").render(doc, render_context(workspace)).data.decode("utf-8")
    assert f'<caption><span class="table-label">{table}</span>' in page
