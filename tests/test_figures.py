"""Figures in reports: a chart of facts or a picture, 'Figure I', alt text and source."""

from __future__ import annotations

import struct
import subprocess
import zlib

import pytest
from conftest import write

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store
from reportgen.markup import MarkupError, make_parser, parse_paragraphs

TEXT = """\
The number of parties grew:

Figure: Parties and stakeholders

![Bar chart of parties and stakeholders](chart:parties,cd2023_stakeholders)

Source: UNODC.

![A grey square](images/square.png)

After the figures.
"""


def _png(side: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x80" * side for _ in range(side))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _workspace_with_figures(workspace, text: str = TEXT):
    (workspace / "content/images").mkdir(parents=True, exist_ok=True)
    (workspace / "content/images/square.png").write_bytes(_png())
    write(workspace / "content/blocks/observatory/figures.yml",
          "id: figures\nplace: observatory\nperiod: 2022-2024\norder: 5\ntext: |\n"
          + "".join(f"  {line}\n" if line else "\n" for line in text.splitlines()))


@pytest.mark.slow
def test_figures_are_numbered_in_roman_with_title_alt_text_and_source(workspace):
    _workspace_with_figures(workspace)
    store, log = load_store(workspace)
    doc = assemble_report(store, "2022-2024", log)
    assert log.errors == []
    figures = [e for p in doc.paragraphs() for e in p.exhibits]
    assert [(f.label, f.title and f.title.text, f.alt, [n.text for n in f.notes])
            for f in figures] == [
        ("Figure I", "Parties and stakeholders", "Bar chart of parties and stakeholders",
         ["Source: UNODC."]),
        ("Figure II", None, "A grey square", [])]
    assert figures[0].svg.startswith("<svg") and figures[0].url == ""
    assert figures[1].url.startswith("data:image/png;base64,") and figures[1].svg == ""


@pytest.mark.slow
@pytest.mark.parametrize("target, message", [
    ("chart:partys", "chart of unknown fact 'partys'; did you mean 'parties'?"),
    ("images/squar.png", "figure 'images/squar.png' not found in content/images/; did you "
                         "mean 'square.png'?"),
    ("images/../facts.yml", "figure 'images/../facts.yml' is not a picture in content/images/ "
                            "(write images/NAME.png, or chart:FACT,FACT for a chart of facts)"),
])
def test_a_figure_that_cannot_be_made_is_an_error_at_its_line(workspace, target, message):
    _workspace_with_figures(workspace, TEXT.replace("chart:parties,cd2023_stakeholders", target))
    store, log = load_store(workspace)
    assemble_report(store, "2022-2024", log)
    assert [str(p) for p in log.errors] == [
        f"content/blocks/observatory/figures.yml:10: error: {message}"]


def test_a_figure_needs_its_alternative_text():
    with pytest.raises(MarkupError) as caught:
        parse_paragraphs(make_parser(), "Intro.\n\n![](images/square.png)\n")
    assert caught.value.message == ("a figure needs its alternative text, what it shows for "
                                    "readers who cannot see it: ![what it shows](...)")


@pytest.mark.slow
def test_figures_in_every_format(workspace):
    import docx

    from reportgen.build import build

    _workspace_with_figures(workspace)
    build(workspace, ["2022-2024"], kinds=("report",))
    folder = workspace / "build/2022-2024"
    markdown = (folder / "report.md").read_text(encoding="utf-8")
    assert ("Figure I\n\n**Parties and stakeholders**\n\n![Bar chart of parties and "
            "stakeholders](chart:parties,cd2023_stakeholders)\n\nSource: UNODC.\n\nFigure II\n\n"
            "![A grey square](images/square.png)\n\n6. After the figures.") in markdown
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert ('<figcaption><span class="figure-label">Figure I</span><br><span class="figure-'
            'title">Parties and stakeholders</span></figcaption>\n<svg') in page
    assert '<img src="data:image/png;base64,' in page and 'alt="A grey square">' in page
    text = subprocess.run(["pdftotext", "-layout", str(folder / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Figure I" in text and "Parties and stakeholders" in text and "Figure II" in text
    word = docx.Document(str(folder / "report.docx"))
    texts = [p.text for p in word.paragraphs]
    assert texts[texts.index("Figure I"):texts.index("Figure I") + 4] == [
        "Figure I", "Parties and stakeholders", "[Bar chart of parties and stakeholders]",
        "Source: UNODC."]
    assert len(word.inline_shapes) == 1
    import zipfile

    xml = zipfile.ZipFile(folder / "report.docx").read("word/document.xml").decode("utf-8")
    assert xml.count('descr="A grey square"') == 1
