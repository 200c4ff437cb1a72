"""Pages a UN editor would pass: fonts, accessibility and the brief's chart, in every PDF
of a period (the report, the brief, press releases and statements)."""

from __future__ import annotations

import re
import shutil
import tempfile
import warnings

import pikepdf
import pytest
from conftest import ROOT, write
from pdflines import MM, horizontal_rules, line_with, pdf_lines

from reportgen.build import build
from reportgen.commands.show import find_chromium
from reportgen.typography import NBSP

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


@pytest.mark.slow
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
    assert '<svg role="img" ' in html and f"<title>{description}</title>" in html
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


@pytest.mark.slow
def test_chart_labels_are_text_never_formulas(workspace, tmp_path):
    _chart_workspace(workspace, "69628", label=r"Costs of $x^2$ and \$5 per crossing")
    html = _brief_html(workspace, tmp_path)
    chart = html[html.index("<svg role"):html.index("</svg>")]
    assert r"Costs of $x^2$ and \$5 per crossing" in chart.split("</title>", 1)[1]


@pytest.mark.slow
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


# -- the report's pages ------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils is not installed")
PAGE_HEIGHT = 842
FOOT_MARGIN = 25 * MM  # print.css: the bottom margin of every page but a page 1 with a job number


def _note_rules(pdf, page):
    """The rules of a page's footnote area: a short rule at the left margin of the text."""
    return [r for r in horizontal_rules(pdf, page) if r[0] > PAGE_HEIGHT / 2 and r[2] < 100 * MM]


@pytest.fixture(scope="module")
def noted(tmp_path_factory):
    """The shipped report with a long numbered note called in paragraph 1 (page 1, beside
    the '*' note), an emblem, and a period with a job number."""
    root = tmp_path_factory.mktemp("noted")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    block = root / "content/blocks/introduction/introduction-purpose.yml"
    text = block.read_text(encoding="utf-8").replace("The report covers the",
                                                     "The report[^scope] covers the", 1)
    write(block, text + "footnotes:\n  scope: " + "A note long enough to run over several lines "
          "of the foot of the page, so that its second and third lines show where they start. " * 3
          + "\n")
    write(root / "templates/emblem.svg", '<svg xmlns="http://www.w3.org/2000/svg" width="40" '
          'height="40"><circle cx="20" cy="20" r="18" fill="#4b92db"/></svg>')
    series = root / "content/series.yml"
    write(series, series.read_text(encoding="utf-8") + "emblem: emblem.svg\n")
    period = root / "content/periods/2020-2022.yml"
    write(period, period.read_text(encoding="utf-8") + "job_number: V.99-99999 (E)\n")
    build(root, ["2020-2022"], formats=("pdf", "html"), out=root / "out", kinds=("report",))
    return root / "out/2020-2022"


@pytest.mark.slow
@pytest.mark.slow
@needs_poppler
def test_one_footnote_area_a_page_with_the_same_short_rule(built, noted):
    pdf = built / "2020-2022/report.pdf"
    pages = pdf_lines(pdf)
    notes = ("CTOC/COP/2022/1.", "References to Kosovo", "Conflict in Ukraine")
    with_notes = [n for n, page in enumerate(pages, start=1)
                  if any(note in line.text for line in page for note in notes)]
    assert with_notes[0] == 1 and len(with_notes) == 3
    rules = {n: _note_rules(pdf, n) for n in with_notes}
    assert all(len(found) == 1 for found in rules.values()), rules
    lengths = [found[0][2] for found in rules.values()]
    lefts = [found[0][1] for found in rules.values()]
    assert max(lengths) - min(lengths) < 0.5 and abs(lengths[0] - 45 * MM) < 1.5, rules
    assert all(abs(left - 22 * MM) < 1.5 for left in lefts), rules
    # page 1 with a numbered note as well: one area, '*' first, then note 1, under one rule
    first = pdf_lines(noted / "report.pdf")[0]
    star, one = line_with(first, "CTOC/COP/2022/1."), line_with(first, "A note long enough")
    assert star.top < one.top < star.top + 20
    assert len(_note_rules(noted / "report.pdf", 1)) == 1


@pytest.mark.slow
@needs_poppler
def test_a_notes_second_line_starts_under_its_text_not_its_number(noted):
    first = pdf_lines(noted / "report.pdf")[0]
    note = [line for line in first if line.height < 10 and line.top > PAGE_HEIGHT / 2
            and not re.search(r"CTOC/COP/2022/1\.|V\.99-99999", line.text)
            and not re.fullmatch(r"[\d*]+", line.text)]
    assert len(note) >= 2, [line.text for line in note]
    text_start = line_with(first, "A note long enough").words[0][0]
    number = next(line for line in first if line.text == "1" and line.height < 10)
    assert number.x0 < text_start - 10
    assert all(abs(line.x0 - text_start) < 1 for line in note), [(l.x0, l.text) for l in note]


def test_every_note_of_the_web_page_is_marked_alike(built):
    for page in sorted((built / "2020-2022").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        items = re.findall(r'<li id="fn-[^"]+"[^>]*>(.{0,40})', html)
        assert all(item.startswith('<span class="fn-num">') for item in items), (page.name, items)
    report = (built / "2020-2022/report.html").read_text(encoding="utf-8")
    assert '<li id="fn-agenda" class="agenda-note"><span class="fn-num">*</span> <span class="nobr">CTOC/COP/2022/1</span>.' in report


@needs_poppler
def test_a_wrapped_heading_goes_on_under_its_first_word(built):
    first = pdf_lines(built / "2020-2022/report.pdf")[0]
    heading = line_with(first, "Activities to assist States")
    number = next(line for line in first if line.text == "II.")
    following = next(line for line in first if line.top > heading.top + 2)
    assert following.text == "Migrants Protocol"
    assert abs(number.top - heading.top) < 1 and number.x0 < heading.x0 - 20
    assert abs(following.x0 - heading.x0) < 0.5


@needs_poppler
def test_a_clear_gap_under_the_running_header(built):
    for page in pdf_lines(built / "2020-2022/report.pdf")[1:]:
        header = line_with(page, "CTOC/COP/2022/7")
        below = next(line for line in page if line.top > header.bottom)
        assert below.top - header.bottom > 4 * MM


@pytest.mark.slow
@needs_poppler
def test_page_one_keeps_room_for_the_job_number_only_when_there_is_one(built, noted):
    plain = line_with(pdf_lines(built / "2020-2022/report.pdf")[0], "CTOC/COP/2022/1.")
    assert plain.bottom > PAGE_HEIGHT - FOOT_MARGIN - 12
    with_job = pdf_lines(noted / "report.pdf")[0]
    job = line_with(with_job, "V.99-99999 (E)")
    assert job.top > PAGE_HEIGHT - 42 * MM
    note = line_with(with_job, "A note long enough")
    assert max(line.bottom for line in with_job if note.top <= line.top < job.top) \
        < PAGE_HEIGHT - 42 * MM + 2


def _bold_runs(pdf, page: int) -> list[str]:
    from pypdf import PdfReader

    found = []

    def visit(text, cm, tm, font, size):
        if font is not None and "Bold" in str(font.get("/BaseFont", "")) and text.strip():
            found.append(text.strip())

    PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return found


@pytest.mark.slow
def test_report_of_the_secretariat_is_bold(built):
    assert "Report of the Secretariat" in _bold_runs(built / "2020-2022/report.pdf", 0)


@pytest.mark.slow
def test_an_emblem_from_the_workspace_stands_beside_united_nations(noted):
    html = (noted / "report.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="un"><img class="emblem" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" '
                     r'alt="United Nations emblem">United Nations</p>', html)
    with pikepdf.open(noted / "report.pdf") as pdf:
        alts = [str(obj.Alt) for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                and obj.get("/S") == "/Figure" and "/Alt" in obj]
    assert "United Nations emblem" in alts


@pytest.mark.parametrize("value, message", [
    ("missing.png", "emblem: 'missing.png' is not a file in the workspace's templates/ folder"),
    ("../content/series.yml", "emblem: '../content/series.yml' is not a file in the workspace's templates/ folder"),
    ("report.html.j2", "emblem: 'report.html.j2' is not a PNG, JPEG or SVG picture"),
])
def test_a_bad_emblem_is_an_error_at_its_line(run, workspace, value, message):
    series = workspace / "content/series.yml"
    lines = series.read_text(encoding="utf-8").splitlines()
    write(series, "\n".join(lines + [f"emblem: '{value}'"]) + "\n")
    write(workspace / "templates/report.html.j2", "{% extends '!builtin/report.html.j2' %}\n")
    result = run("build", "--root", str(workspace), "--format", "md")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"content/series.yml:{len(lines) + 1}: error: {message}"]


@pytest.mark.slow
@needs_poppler
def test_the_report_ends_with_a_short_centred_rule(built):
    pdf = built / "2020-2022/report.pdf"
    last = len(pdf_lines(pdf))
    rules = horizontal_rules(pdf, last)
    assert len(rules) == 1
    _, left, length = rules[0]
    assert abs(length - 40 * MM) < 2
    text_middle = (22 + 12 + (210 - 22)) / 2 * MM  # the text column, numbers' margin aside
    assert abs(left + length / 2 - (text_middle - 6 * MM)) < 3 * MM


# -- symbols and numbers ---------------------------------------------------------------

TOGETHER = ("CTOC/COP/2022/7", "A/RES/75/196", "2546 (2020)", "para. 39", "5 per cent")


def test_symbols_and_numbers_are_marked_to_stay_on_one_line():
    from reportgen.keeptogether import keep_together

    text = ("see CTOC/COP/2022/7 and A/RES/75/196, resolution 2546\n(2020), para. 39 and "
            "paras. 7\u20139, 5 per cent and 30 km; and/or 2020\u20132022 and 4,000 people.")
    assert keep_together(text) == (
        'see <span class="nobr">CTOC/COP/2022/7</span> and <span class="nobr">A/RES/75/196</span>, '
        'resolution <span class="nobr">2546\n(2020)</span>, <span class="nobr">para. 39</span> and '
        '<span class="nobr">paras. 7\u20139</span>, <span class="nobr">5 per cent</span> and '
        '<span class="nobr">30 km</span>; and/or 2020\u20132022 and 4,000 people.')


@pytest.mark.slow
@needs_poppler
def test_symbols_and_numbers_never_break_inside_in_pdf_or_html(workspace, tmp_path):
    # the same phrase after a growing run of words, so line ends fall everywhere in it
    phrase = "see " + ", ".join(TOGETHER) + " here"
    text = " ".join("word " * i + phrase for i in range(1, 40))
    block = workspace / "content/blocks/introduction/introduction-purpose.yml"
    source = block.read_text(encoding="utf-8")
    write(block, source.replace("text: |\n", f"text: |\n  {text}\n\n", 1))
    build(workspace, ["2020-2022"], formats=("pdf", "html"), out=tmp_path, kinds=("report",))
    lines = [line.text for page in pdf_lines(tmp_path / "2020-2022/report.pdf") for line in page]
    for whole in TOGETHER:
        assert sum(line.count(whole) for line in lines) >= 39, whole
    head_tails = [(" " + whole.split(" ", 1)[0] if " " in whole else whole.rsplit("/", 1)[0] + "/")
                  for whole in TOGETHER]
    broken = [line for line in lines for head in head_tails if line.endswith(head)]
    assert broken == []
    html = (tmp_path / "2020-2022/report.html").read_text(encoding="utf-8")
    for whole in TOGETHER:
        # its spaces are no-break spaces in the text itself (reportgen.typography)
        assert html.count(f'<span class="nobr">{whole.replace(" ", NBSP)}</span>') >= 39
    if find_chromium() is not None:  # and a browser keeps each on one line, on a phone
        split = _in_chromium(tmp_path / "2020-2022/report.html", 390,
                             '[...document.querySelectorAll(".nobr")]'
                             '.filter(e => e.getClientRects().length > 1).length')
        assert split == 0


def _in_chromium(page, width: int, expression: str) -> int:
    """The number ``expression`` gives in ``page`` shown by headless Chromium in a
    window ``width`` px wide and 844 px high (a phone's screen)."""
    import subprocess

    probe = page.with_name("probe-" + page.name)
    html = page.read_text(encoding="utf-8")
    probe.write_text(html.replace("</body>", f"<script>document.body.dataset.probe = {expression};"
                                  "</script></body>"), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        dom = subprocess.run([find_chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                              f"--user-data-dir={profile}", f"--window-size={width},844",
                              "--dump-dom", probe.as_uri()],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    return int(re.search(r'data-probe="(-?\d+)"', dom).group(1))


# -- the brief, press releases and statements ------------------------------------------

@needs_poppler
def test_the_briefs_headings_and_lead_share_one_left_edge(built):
    page = pdf_lines(built / "2020-2022/brief.pdf")[0]
    edges = {round(line_with(page, text).x0, 1) for text in (
        "Countering the smuggling", "Between July 2020", "Key figures",
        "Intergovernmental and inter-agency work", "Central Mediterranean route, January")}
    assert len(edges) == 1, edges


@needs_poppler
def test_no_figure_card_leaves_a_word_alone_on_a_line(built):
    page = pdf_lines(built / "2020-2022/brief.pdf")[0]
    top = line_with(page, "Key figures").bottom
    bottom = line_with(page, "Central Mediterranean route, January").top
    cards = [line for line in page if top < line.top < bottom]
    assert len(cards) > 12
    alone = [line.text for line in cards if len(line.words) == 1
             and not re.fullmatch(r"[\d,]+", line.text)]
    assert alone == []


SHORT = ("press-release-2021-12-08-ccpcj-thematic-discussion-2021",
         "statement-2021-05-17-un-network-ccpcj-2021",
         "statement-2022-06-27-wg-ninth-meeting-opening-2022", "brief")
ISSUERS = {SHORT[1]: "United Nations Network on Migration"}


@needs_poppler
@pytest.mark.parametrize("name", SHORT)
def test_short_documents_number_every_page_name_their_office_and_end_well(built, name):
    pages = pdf_lines(built / f"2020-2022/{name}.pdf")
    for number, page in enumerate(pages, start=1):
        assert page[-1].text == str(number) and page[-1].top > PAGE_HEIGHT - 25 * MM
    assert pages[0][0].text == ISSUERS.get(name, "United Nations Office on Drugs and Crime")
    if len(pages) > 1:  # a last page holds more than a line or two of text
        assert len([line for line in pages[-1] if line.height > 10]) >= 4


@pytest.mark.slow
@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_on_a_phone_the_first_paragraph_shows_on_the_first_screen(built, tmp_path):
    """At 390 x 844 px (a phone), paragraph 1 starts within the first screen."""
    page = tmp_path / "report.html"
    html = (built / "2020-2022/report.html").read_text(encoding="utf-8")
    page.write_text(html, encoding="utf-8")
    top = _in_chromium(page, 390, 'Math.round(document.getElementById("para-1").getBoundingClientRect().top)')
    assert 0 < top < 844 - 60, top
    assert "<summary>Contents</summary>" in html


@pytest.mark.slow
@needs_poppler
def test_no_text_runs_past_the_right_margin(built):
    """Runs kept on one line (symbols, "para. 39") never push text off the column."""
    right = 595 - 22 * MM + 3  # justified lines may end a hair past it
    for pdf in _pdfs(built):
        over = [(n, line.text[-40:]) for n, page in enumerate(pdf_lines(pdf), start=1)
                for line in page if line.x1 > right]
        assert over == [], pdf.name


@pytest.fixture(scope="module")
def job_numbered(tmp_path_factory):
    """The shipped report with nothing changed but a job number (its page 1 once ended
    with a line touching the rule over the notes)."""
    root = tmp_path_factory.mktemp("job-numbered")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    period = root / "content/periods/2020-2022.yml"
    write(period, period.read_text(encoding="utf-8") + "job_number: V.99-99999 (E)\n")
    build(root, ["2020-2022"], formats=("pdf",), out=root / "out", kinds=("report",))
    return root / "out/2020-2022"


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("which", ["job_numbered", "noted"])
def test_page_one_with_a_job_number_clears_the_note_rule_and_leaves_no_hole(which, request):
    """With a job number, page 1's last line of text once touched the rule over the notes
    (0.3 pt), and in another state of the report all of chapter II went to page 2, leaving
    some 40 % of the page empty: the rule clears the text by 3 pt or more, and the space
    left over the notes is less than a heading and two lines would take."""
    pdf = request.getfixturevalue(which) / "report.pdf"
    [rule] = _note_rules(pdf, 1)
    body = [line for line in pdf_lines(pdf)[0] if line.bottom < rule[0] + 5 and line.height > 9]
    space = rule[0] - body[-1].bottom
    assert 3 <= space < 80, (space, body[-1].text)
    for page in range(2, 4):
        [other] = _note_rules(pdf, page) or [(None,)]
        if other[0] is not None:
            lines = [line for line in pdf_lines(pdf)[page - 1]
                     if line.bottom < other[0] + 5 and line.height > 9]
            assert other[0] - lines[-1].bottom >= 3, page
