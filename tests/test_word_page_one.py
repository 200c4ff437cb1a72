"""Page 1 of the report's .docx as the PDF's: LibreOffice lays the .docx out, and the
masthead's fields stand where reportgen's PDF puts them (within a few points), and its
page 1 and a body page look as the reference pictures in tests/pictures/ (made the same
way as the PDF's pictures: REPORTGEN_UPDATE_PICTURES=1 remakes them).

LibreOffice is given the bundled Liberation Serif, which has Times New Roman's metrics
and which the font table names in its place: on a machine with Times New Roman, Word sets
the same lines."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from pdflines import pdf_lines
from picturecheck import DPI, check_against_reference

from reportgen.commands.show import pdf_pages_to_png

#: the masthead's fields, and the first heading, by the words they start with
FIELDS = ("United Nations", "CTOC/COP/2022/7", "Conference of the Parties", "Distr.: General",
          "30 July 2022", "Original: English", "Eleventh session", "Vienna,", "Item 2",
          "Review of the", "Activities of the", "Report of the Secretariat", "Introduction")
#: how far (points) a field may stand from where the PDF has it
TOLERANCE = 4

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                       reason="needs LibreOffice (soffice) and poppler-utils"),
]


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> tuple[Path, Path]:
    """(reportgen's PDF, LibreOffice's PDF of the .docx) of the 2020-2022 report."""
    from reportgen.build import build

    out = tmp_path_factory.mktemp("page-one")
    build(ROOT, ["2020-2022"], formats=("pdf", "docx"), out=out, kinds=("report",))
    fonts = out / "fonts.conf"
    fonts.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f'<dir>{ROOT / "templates" / "fonts"}</dir></fontconfig>\n', encoding="utf-8")
    subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"),
                    str(out / "2020-2022" / "report.docx")],
                   env={**os.environ, "FONTCONFIG_FILE": str(fonts)},
                   capture_output=True, check=True, timeout=300)
    return out / "2020-2022" / "report.pdf", out / "lo" / "report.pdf"


def _where(pdf: Path) -> dict[str, tuple[float, float]]:
    """Each field's first word on page 1: (left edge, top), in points."""
    found: dict[str, tuple[float, float]] = {}
    for line in pdf_lines(pdf)[0]:
        text = line.text.replace("\u00a0", " ")
        for field in FIELDS:
            at = text.find(field)
            if field not in found and at >= 0:
                before = len(text[:at].split())
                found[field] = (line.words[before][0], line.top)
    return found


def test_the_masthead_stands_where_the_pdf_puts_it(laid_out):
    ours, libreoffice = (_where(pdf) for pdf in laid_out)
    assert set(ours) == set(FIELDS), set(FIELDS) - set(ours)
    assert set(libreoffice) == set(FIELDS), set(FIELDS) - set(libreoffice)
    off = {field: (round(libreoffice[field][0] - ours[field][0], 1),
                   round(libreoffice[field][1] - ours[field][1], 1))
           for field in FIELDS
           if max(abs(libreoffice[field][0] - ours[field][0]),
                  abs(libreoffice[field][1] - ours[field][1])) > TOLERANCE}
    assert off == {}  # field: (points to the right, points lower) in the .docx


def test_the_organ_stands_beside_the_particulars(laid_out):
    where = _where(laid_out[1])
    assert where["Distr.: General"][1] == pytest.approx(where["Conference of the Parties"][1],
                                                        abs=2)
    assert where["Distr.: General"][0] > where["Conference of the Parties"][0] + 300


@pytest.mark.parametrize("page", [1, 7])
def test_word_page_matches_its_reference_image(laid_out, tmp_path, page):
    [drawn] = pdf_pages_to_png(laid_out[1], tmp_path, (page, page), dpi=DPI)
    check_against_reference(drawn, f"report-docx-{page}", f"LibreOffice's page {page} of report.docx",
                            tmp_path)
