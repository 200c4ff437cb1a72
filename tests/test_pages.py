"""Pages a UN editor would pass: fonts, accessibility and the brief's chart, in every PDF
of a period (the report, the brief, press releases and statements)."""

from __future__ import annotations

import warnings

import pikepdf
import pytest

from reportgen.build import build

from conftest import write

PERIODS = ("2020-2022", "2022-2024")
BUNDLED = {"Liberation-Serif", "Liberation-Serif-Bold", "Liberation-Serif-Italic",
           "Liberation-Serif-BoldItalic"}


def _pdfs(built):
    found = sorted(p for period in PERIODS for p in (built / period).glob("*.pdf"))
    assert {p.stem.split("-")[0] for p in found} >= {"report", "brief", "press", "statement"}
    return found


def _embedded_fonts(path) -> set[str]:
    """Every font the file holds, wherever it is used (pages, forms, patterns)."""
    with pikepdf.open(path) as pdf:
        return {str(obj.BaseFont).lstrip("/").split("+", 1)[-1] for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
                and "/BaseFont" in obj}


def test_every_pdf_of_a_period_embeds_only_the_bundled_font(built):
    for path in _pdfs(built):
        fonts = _embedded_fonts(path)
        assert fonts and fonts <= BUNDLED, f"{path.name}: {sorted(fonts - BUNDLED)}"


def test_every_pdf_of_a_period_passes_the_pdfua_checks(built):
    from pdfua import Severity, validate

    for path in _pdfs(built):
        report = validate(str(path))
        errors = [f"{f.rule_id} {f.location.describe()}: {f.message}" for f in report.findings
                  if f.severity is Severity.ERROR]
        assert errors == [], path.name
        assert report.worst_severity() is None, [f.rule_id for f in report.findings]


def test_the_chart_has_a_title_and_its_description_is_the_alternative_text(built):
    html = (built / "2020-2022/brief.html").read_text(encoding="utf-8")
    title = ("Central Mediterranean route, January to August 2021: many more attempted the "
             "crossing than arrived")
    assert f"<figcaption>{title}</figcaption>" in html
    description = (f"Bar chart. {title}. People who attempted irregular entry across the Central "
                   "Mediterranean route, January to August 2021: 69,628 (August 2021); People "
                   "registered as arriving by the Central Mediterranean route, January to August "
                   "2021: 34,061 (August 2021).")
    assert f'<svg role="img" ' in html and f"<title>{description}</title>" in html
    # the values are in the picture and its description, not repeated in a caption
    assert html.count("69,628") == 2  # the bar's label and the description
    with pikepdf.open(built / "2020-2022/brief.pdf") as pdf:
        alts = [str(obj.Alt) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                and obj.get("/S") == "/Figure"]
    assert alts == [description]


def _chart_workspace(workspace, attempted: str, arrived: str = "34061", label: str | None = None):
    facts = workspace / "content/facts.yml"
    text = facts.read_text(encoding="utf-8").replace("    - value: 69628", f"    - value: {attempted}")
    text = text.replace("      value: 34061", f"      value: {arrived}")
    text = text.replace("    - value: 34061", f"    - value: {arrived}")
    if label:
        text = text.replace("label: People who attempted irregular entry across the Central "
                            "Mediterranean route, January to August 2021", f"label: '{label}'")
    write(facts, text)


def _brief_html(workspace, tmp_path) -> str:
    build(workspace, ["2020-2022"], formats=("html",), out=tmp_path / "out", kinds=("brief",))
    return (tmp_path / "out/2020-2022/brief.html").read_text(encoding="utf-8")


def test_chart_labels_are_text_never_formulas(workspace, tmp_path):
    _chart_workspace(workspace, "69628", label=r"Costs of $x^2$ and \$5 per crossing")
    html = _brief_html(workspace, tmp_path)
    chart = html[html.index("<svg role"):html.index("</svg>")]
    assert r"Costs of $x^2$ and \$5 per crossing" in chart.split("</title>", 1)[1]


def test_an_all_zero_chart_is_drawn_without_a_library_warning(workspace, tmp_path):
    _chart_workspace(workspace, "0", "0")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = _brief_html(workspace, tmp_path)
    assert html.count("<svg role") == 1


def test_a_chart_bar_whose_value_is_text_is_an_error_with_file_and_line(run, workspace, tmp_path):
    _chart_workspace(workspace, "'about seventy thousand'")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--kind", "brief",
                 "--format", "html", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert ("content/documents/brief-2020-2022.yml:21: error: chart bar 'cm_attempted_crossings': "
            "the fact's value 'about seventy thousand' (as of August 2021) is not a number, "
            "so it cannot be drawn") in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out/2020-2022").exists()
