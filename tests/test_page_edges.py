"""Text or a picture laid out past a page's edge, which the PDF would clip without a
word, is a warning naming the PDF and the page (an error under --strict)."""

from __future__ import annotations

import pytest
from conftest import write

SYMBOL = "A/" + "/".join(["CONF.250"] + ["WG.7"] * 30) + "/1"


def _block(workspace):
    write(workspace / "content/blocks/conclusions/long-symbol.yml",
          "id: long-symbol\nplace: conclusions\nperiod: 2022-2024\norder: 20\n"
          f"text: See [{SYMBOL}](symbol:{SYMBOL}) for the details.\n")


@pytest.mark.slow
def test_text_past_the_page_edge_is_a_warning_and_an_error_under_strict(workspace, run):
    _block(workspace)
    result = run("build", "--root", str(workspace), "--period", "2022-2024", "--format",
                 "pdf", "--kind", "report")
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "runs past the edge" in line]
    assert warned == ["report.pdf: warning: text 'A/CONF.250/WG.7/WG.7/WG.7/WG.7/WG.7/WG.7' "
                      "runs past the edge of page 2 and is cut off; shorten it or let it break"]
    strict = run("build", "--root", str(workspace), "--period", "2022-2024", "--format",
                 "pdf", "--kind", "report", "--strict", "--force")
    assert strict.exit_code == 1
    assert any(line.startswith("report.pdf: error: text 'A/CONF.250/WG.7")
               for line in strict.output.splitlines()), strict.output


def test_content_outside_pages_finds_a_picture_taller_than_the_page():
    import weasyprint

    from reportgen.internals import OutsidePage, content_outside_pages

    inside = weasyprint.HTML(string="<p>short</p><svg width='100' height='100'></svg>").render()
    assert content_outside_pages(inside) == []
    tall = weasyprint.HTML(string="<p>short</p><svg width='100' height='5000'></svg>").render()
    assert content_outside_pages(tall) == [OutsidePage(2, "")]
    wide = weasyprint.HTML(string="<p style='white-space:nowrap'>" + "word " * 200
                           + "</p>").render()
    assert [o.page for o in content_outside_pages(wide)] == [1]


@pytest.mark.slow
def test_a_brief_beyond_its_page_budget_is_warned_about():
    from reportgen.assets import builtin_templates
    from reportgen.formats.pdf import BRIEF_PAGES, CLIPPED, write_pdf

    body = "".join(f"<p>Highlight {n}: a paragraph of the brief.</p>" for n in range(200))
    templates = builtin_templates()
    _, warnings, _, _ = write_pdf(f'<html><body class="brief target-pdf">{body}</body></html>',
                                  templates, [templates])
    over = [w for w in warnings if w.startswith(CLIPPED + "the brief runs to ")]
    assert len(over) == 1 and over[0].endswith(
        f"pages; a brief is meant for at most {BRIEF_PAGES}: shorten its highlights or its "
        "chart")
    _, warnings, _, _ = write_pdf(f'<html><body class="report target-pdf">{body}</body></html>',
                                  templates, [templates])
    assert not any("the brief runs to" in w for w in warnings)
