"""Layout: the PDF as a UN parliamentary document, the HTML as a clean web page."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import ROOT, write
from pypdf import PdfReader

from reportgen.build import build
from reportgen.commands.show import WIDTHS, find_chromium, html_to_png, pdf_pages_to_png

VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SYMBOL = "CTOC/COP/2022/7"


@pytest.fixture(scope="module")
def reader(built):
    return PdfReader(built / "2020-2022" / "report.pdf")


def _text(page) -> str:
    return re.sub(r"\s+", " ", page.extract_text())


@pytest.mark.slow
def test_page_one_reads_in_masthead_order(reader):
    text = _text(reader.pages[0])
    order = ["United Nations", SYMBOL,
             "Conference of the Parties to the United Nations Convention against Transnational",
             "Distr.: General", "30 July 2022", "Original: English", "Eleventh session",
             "Vienna, 17–21 October 2022", "Item 2 (c) of the provisional agenda",
             "Review of the implementation of the United Nations Convention",
             "Activities of the United Nations Office on Drugs and Crime to promote",
             "Report of the Secretariat", "I. Introduction", "* CTOC/COP/2022/1."]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, dict(zip(order, positions, strict=True))
    assert positions == sorted(positions)


def test_only_the_bundled_serif_is_embedded(reader):
    fonts = {font.get_object()["/BaseFont"].split("+", 1)[-1]
             for page in reader.pages for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts == {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic"}


def test_pdf_is_tagged_with_metadata(reader):
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    meta = reader.metadata
    assert meta["/Title"].startswith("Activities of the United Nations Office on Drugs and Crime")
    assert meta["/Author"] == "United Nations Office on Drugs and Crime"
    assert meta["/Subject"].startswith("Report of the Secretariat")
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp


def _outline_titles(items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, depth + 1)
        else:
            yield depth, item.title


def test_bookmarks_for_chapters_sections_and_subsections(reader):
    titles = list(_outline_titles(reader.outline))
    assert titles[0] == (0, "I. Introduction")
    assert (1, "A. Normative and policy work, knowledge development and inter-agency "
               "cooperation and coordination") in titles
    assert (2, "1. Support for intergovernmental bodies") in titles
    assert (2, "4. Data collection and research") in titles
    assert titles[-1] == (0, "III. Conclusions")
    assert not any("General Assembly" == t or t.startswith("Activities of") for _, t in titles)
    assert len(titles) == 12


def test_links_internal_and_external(reader):
    uris, internal = set(), 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.add(action["/URI"])
            elif annot.get_object().get("/Dest") is not None or action.get("/S") == "/GoTo":
                internal += 1
    assert "https://undocs.org/A/CONF.234/3" in uris
    assert "https://undocs.org/S/RES/2546(2020)" in uris
    # the '*' call links to its note at the foot of page 1, and calls 1 and 2 to theirs
    assert internal >= 3


def _header_x(page) -> list[float]:
    found = []

    def visit(text, cm, tm, font, size):
        if SYMBOL in text:
            found.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_running_header_alternates_sides_from_page_two(reader):
    width = float(reader.pages[0].mediabox.width)
    assert len(_header_x(reader.pages[0])) == 1  # the masthead only
    for number, page in enumerate(reader.pages[1:], start=2):
        xs = _header_x(page)
        assert xs, f"page {number} has no running header"
        side = "left" if xs[0] < width / 2 else "right"
        assert side == ("left" if number % 2 == 0 else "right"), f"page {number}"


@pytest.mark.slow
def test_cross_reference_in_the_pdf_follows_renumbering(workspace, tmp_path):
    write(workspace / "content/blocks/conclusions/xref.yml",
          "id: xref\nplace: conclusions\nperiod: 2020-2022\norder: 99\ntext: |\n"
          "  As set out above (see [](ref:sea-routes-shift)), routes have shifted.\n")
    write(workspace / "content/blocks/introduction/extra.yml",
          "id: extra\nplace: introduction\nperiod: 2020-2022\ntext: |\n  An added paragraph.\n")
    build(workspace, ["2020-2022"], formats=("pdf",), out=tmp_path)
    text = " ".join(_text(p) for p in PdfReader(tmp_path / "2020-2022/report.pdf").pages)
    assert "(see para. 59), routes have shifted" in text
    assert "59. Sea smuggling routes to Europe have shifted" in text


@pytest.mark.slow
def test_job_number_and_qr_code_when_the_period_has_one(workspace, tmp_path):
    period = workspace / "content/periods/2020-2022.yml"
    period.write_text(period.read_text(encoding="utf-8") + "job_number: V.99-99999 (E)\n",
                      encoding="utf-8")
    result = build(workspace, ["2020-2022"], formats=("pdf",), out=tmp_path)
    assert not result.warnings
    first = _text(PdfReader(tmp_path / "2020-2022/report.pdf").pages[0])
    assert "V.99-99999 (E)" in first
    from reportgen.assemble import assemble_report
    from reportgen.content.store import load_store
    from reportgen.errors import ProblemLog
    from reportgen.formats.templated import render_html
    from reportgen.templates import template_env

    store, _ = load_store(workspace)
    html = render_html(assemble_report(store, "2020-2022", ProblemLog()), template_env(workspace), "pdf")
    assert 'aria-label="QR code: https://undocs.org/CTOC/COP/2022/7"' in html
    assert html.count("<svg") == 1
    from pdfua import validate

    findings = validate(str(tmp_path / "2020-2022/report.pdf")).findings
    assert [f.rule_id for f in findings] == []  # the QR code has its alternative text


def test_no_job_number_no_qr(built):
    assert "V.22" not in _text(PdfReader(built / "2020-2022/report.pdf").pages[0])


@pytest.mark.slow
def test_shipped_report_has_no_weasyprint_warnings_and_strict_passes(run, workspace):
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--strict")
    assert result.exit_code == 0, result.output
    assert "0 warnings" in result.output


@pytest.mark.slow
def test_bad_css_is_a_warning_and_fails_strict(run, workspace):
    write(workspace / "templates/paged.css",
          (ROOT / "templates/paged.css").read_text(encoding="utf-8") + "\n.para { colour: red; }\n")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "pdf")
    assert result.exit_code == 0
    # reportgen's frame and the writer's own CSS; the words between are WeasyPrint's
    warning = [line for line in result.output.splitlines() if "colour: red" in line]
    assert "report.pdf" in {line.split(":")[0] for line in warning}
    assert all(line.split(": ", 1)[1].startswith("warning: WeasyPrint: ") for line in warning)
    strict = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "pdf",
                 "--strict", "--force")
    assert strict.exit_code == 1
    assert "colour: red" in strict.output and "(--strict)" in strict.output


def test_web_html_has_contents_and_responsive_layout(built):
    html = (built / "2020-2022/report.html").read_text(encoding="utf-8")
    assert '<nav class="toc" aria-label="Contents">' in html
    assert '<a href="#sec-observatory">UNODC Observatory on Smuggling of Migrants</a>' in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<style media="screen">' in html and '<style media="print">' in html
    assert "max-width: 42em" in html and "@media (max-width: 600px)" in html


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed")
@pytest.mark.skipif(not VNU.exists(), reason="vnu.jar not installed (npm install vnu-jar in .tools/)")
@pytest.mark.parametrize("period", ["2020-2022", "2022-2024"])
def test_html_passes_the_nu_html_checker(built, period):
    """Every HTML document of the period: report, brief, press releases, statements."""
    pages = sorted(str(p) for p in (built / period).glob("*.html"))
    assert len(pages) >= 3
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *pages],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


@pytest.mark.slow
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_chromium_renders_the_html_at_desktop_and_phone_width(built, tmp_path):
    for width in WIDTHS:
        png = html_to_png(built / "2020-2022/report.html", tmp_path, width, height=900)
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")
def test_pdf_pages_are_drawn(built, tmp_path):
    pages = pdf_pages_to_png(built / "2020-2022/report.pdf", tmp_path)
    assert [p.name for p in pages] == ["report-page-1.png", "report-page-2.png"]
