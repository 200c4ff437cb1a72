"""Text or a picture laid out past a page's edge, which the PDF would clip without a
word, is a warning naming the content file and line the text comes from, the PDF and the
page (an error under --strict); so is a brief laid out beyond its pages."""

from __future__ import annotations

import pytest
from conftest import write

SYMBOL = "A/" + "/".join(["CONF.250"] + ["WG.7"] * 30) + "/1"


BLOCK = "content/blocks/conclusions/long-symbol.yml"


def _block(workspace):
    write(workspace / BLOCK,
          "id: long-symbol\nplace: conclusions\nperiod: 2022-2024\norder: 20\n"
          f"text: See [{SYMBOL}](symbol:{SYMBOL}) for the details.[^a]\n"
          f"footnotes:\n  a: >-\n    A note\n    on [{SYMBOL}](symbol:{SYMBOL}) and more\n")


@pytest.mark.slow
def test_text_past_the_page_edge_is_a_warning_at_its_source_and_an_error_under_strict(
        workspace, run):
    _block(workspace)
    args = ("build", "--root", str(workspace), "--period", "2022-2024", "--format", "pdf",
            "--kind", "report")
    result = run(*args)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.output.splitlines() if "runs past the edge" in line]
    assert warned == [
        f"{BLOCK}:5: warning: report.pdf: text 'A/CONF.250/WG.7/WG.7/WG.7/WG.7/WG.7/WG.7' "
        "runs past the edge of page 2 and is cut off; shorten it or let it break",
        f"{BLOCK}:7: warning: report.pdf: text 'A/CONF.250/WG.7/WG.7/WG.7/WG.7/WG.7/WG.7' "
        "runs past the edge of page 2 and is cut off; shorten it or let it break"], \
        result.output
    again = run(*args)  # nothing changed: the build says what the one that made it said
    assert [line for line in again.output.splitlines() if "runs past the edge" in line] \
        == warned
    strict = run(*args, "--strict", "--force")
    assert strict.exit_code == 1
    assert any(line.startswith(f"{BLOCK}:5: error: report.pdf: text 'A/CONF.250/WG.7")
               for line in strict.output.splitlines()), strict.output


@pytest.mark.slow
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
    from reportgen.formats.pdf import BRIEF_PAGES, PageProblem, write_pdf

    body = "".join(f"<p>Highlight {n}: a paragraph of the brief.</p>" for n in range(200))
    templates = builtin_templates()
    _, warnings, _, _ = write_pdf(f'<html><body class="brief target-pdf">{body}</body></html>',
                                  templates, [templates])
    over = [p for p in map(PageProblem.decoded, warnings)
            if p and p.message.startswith("the brief runs to ")]
    assert len(over) == 1 and over[0].message.endswith(
        f"pages; a brief is meant for at most {BRIEF_PAGES}: shorten its highlights or its "
        "chart")
    assert over[0].origin == ("document",)
    _, warnings, _, _ = write_pdf(f'<html><body class="report target-pdf">{body}</body></html>',
                                  templates, [templates])
    assert not any("the brief runs to" in w for w in warnings)


def test_a_problem_of_the_pages_is_found_at_its_source(workspace):
    from reportgen.assemble import assemble_report
    from reportgen.briefs import assemble_brief, documents_of
    from reportgen.content.store import load_store
    from reportgen.errors import ProblemLog
    from reportgen.layout_origins import LayoutOrigins, Source

    _block(workspace)
    store, log = load_store(workspace)
    report = assemble_report(store, "2022-2024", log, "en")
    origins = LayoutOrigins(store)
    number = next(p.number for p in report.paragraphs() if p.block_id == "long-symbol")
    assert origins.of(("para", str(number)), report) == Source(BLOCK, 5)
    assert origins.of(("note", "long-symbol", "a"), report) == Source(BLOCK, 7)
    assert origins.of(("block", "long-symbol"), report) == Source(BLOCK, 5)
    assert origins.of(("heading", "conclusions"), report).path == "content/outline.yml"
    assert origins.of(("document",), report) is None  # the report has no one file
    assert origins.of(("masthead", "title"), report) == Source("content/series.yml", 2)
    assert origins.of(("masthead", "agenda_title"), report) == Source(
        "content/periods/2022-2024.yml", 6)
    assert origins.of(("masthead", ""), report) == Source("content/periods/2022-2024.yml", 1)
    brief = assemble_brief(store, documents_of(store, "2022-2024", {"brief"})[0], report,
                           ProblemLog(), "en")
    assert origins.of(("document",), brief) == Source(
        "content/documents/brief-2022-2024.yml", 2)
    assert origins.of(("para", "999"), report) is None
    # a brief's subtitle is the brief's own, not the series'
    assert origins.of(("masthead", "subtitle"), brief) == Source(
        "content/documents/brief-2022-2024.yml", 2)


def test_the_print_html_says_where_its_parts_come_from():
    from xml.etree.ElementTree import Element

    from reportgen.formats.pdf import _origin_of

    def element(**attributes) -> Element:
        return Element("p", {k.replace("_", "-"): v for k, v in attributes.items()})

    assert _origin_of(element(data_block="b", data_label="a")) == ("note", "b", "a")
    assert _origin_of(element(data_block="b")) == ("block", "b")
    assert _origin_of(element(id="para-12")) == ("para", "12")
    assert _origin_of(element(id="sec-intro")) == ("heading", "intro")
    assert _origin_of(Element("p", {"class": "agenda-title"})) == ("masthead", "agenda_title")
    assert _origin_of(element(id="fn-agenda")) is None


def test_a_page_problem_travels_as_one_line_and_reads_back():
    from reportgen.formats.pdf import CLIPPED, PageProblem

    problem = PageProblem("text 'x' runs past", ("note", "b", "a"), "content/b.yml", 4)
    assert PageProblem.decoded(problem.encoded()) == problem
    assert "\n" not in problem.encoded()
    assert PageProblem.decoded("a WeasyPrint warning") is None
    assert PageProblem.decoded(CLIPPED + "text 'x' runs past the edge") == PageProblem(
        "text 'x' runs past the edge")  # as a manifest of an earlier version has it
