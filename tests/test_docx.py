"""Word output: the report and the short documents as .docx, read back with python-docx
and as the package's XML (footnotes, styles, headers, links, properties)."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SEED_REPORT, write
from reporttext import normalize

from reportgen.formats.docx_styles import STYLES, make_reference

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def report(built) -> Path:
    return built / "2020-2022" / "report.docx"


@pytest.fixture(scope="module")
def document(report):
    return docx.Document(str(report))


def xml(path: Path, member: str):
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(member))


def body_paragraphs(document):
    return [p for p in document.paragraphs]


def test_every_document_of_the_period_has_its_docx(built):
    names = {p.name for p in (built / "2020-2022").glob("*.docx")}
    assert names == {"report.docx", "brief.docx",
                     "press-release-2021-12-08-ccpcj-thematic-discussion-2021.docx",
                     "statement-2021-05-17-un-network-ccpcj-2021.docx",
                     "statement-2022-06-27-wg-ninth-meeting-opening-2022.docx"}
    assert (built / "2022-2024" / "press-release-2023-10-20-constructive-dialogue-2023.docx").is_file()


def test_numbered_paragraphs_are_number_tab_text_in_their_style(document, built):
    numbered = [p for p in document.paragraphs if p.style.name == "Numbered Paragraph"]
    assert [p.text.split("\t")[0] for p in numbered] == [f"{n}." for n in range(1, 76)]
    md = (built / "2020-2022" / "report.md").read_text(encoding="utf-8")
    assert numbered[1].text == "2.\tAs of July 2022, there were a total of 150 parties to the " \
        "Smuggling of Migrants Protocol. Since the tenth session of the Conference, the Comoros " \
        "(2020) has become a State party to the Protocol."
    assert "2. As of July 2022, there were a total of 150 parties" in md


def test_every_paragraph_has_a_named_style_and_no_direct_formatting(report):
    allowed = {s.name for s in STYLES}
    document = docx.Document(str(report))
    assert {p.style.name for p in document.paragraphs} <= allowed | {"heading 1", "heading 2",
                                                                    "heading 3", "heading 4"}
    body = xml(report, "word/document.xml").find(f"{W}body")
    for p in body.iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        assert ppr is not None and ppr.find(f"{W}pStyle") is not None
        extra = {c.tag.removeprefix(W) for c in ppr} - {"pStyle"}
        assert not extra, f"direct paragraph formatting {extra}"
    for rpr in body.iter(f"{W}rPr"):
        assert {c.tag.removeprefix(W) for c in rpr} == {"rStyle"}


def test_headings_are_word_headings_by_level(document):
    headings = {p.text: p.style.name for p in document.paragraphs}
    assert headings["I.\tIntroduction"] == "Heading 1"
    assert headings["A.\tNormative and policy work, knowledge development and inter-agency "
                    "cooperation and coordination"] == "Heading 2"
    assert headings["1.\tSupport for intergovernmental bodies"] == "Heading 3"
    # an unnumbered heading under a subsection (level 3) is at level 4 of the outline,
    # by its style: no paragraph carries its own outline level
    assert headings["General Assembly"] == "Italic Heading 4"
    assert document.styles["Italic Heading 4"].base_style.name == "Italic Heading"
    outline = document.styles["Italic Heading 4"].element.find(f"{W}pPr/{W}outlineLvl")
    assert outline.get(f"{W}val") == "3"


def test_footnotes_are_real_word_footnotes_numbered_as_in_the_pdf(report, built):
    with zipfile.ZipFile(report) as package:
        names = package.namelist()
    assert "word/footnotes.xml" in names and "word/endnotes.xml" not in names
    notes = xml(report, "word/footnotes.xml")
    real = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    texts = {n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t")) for n in real}
    body = xml(report, "word/document.xml")
    calls = list(body.iter(f"{W}footnoteReference"))
    # the agenda note first, with its own mark and outside the count; then 1 and 2
    assert calls[0].get(f"{W}customMarkFollows") == "1"
    assert texts[calls[0].get(f"{W}id")] == "*CTOC/COP/2022/1."
    numbered = [c for c in calls if c.get(f"{W}customMarkFollows") is None]
    assert [texts[c.get(f"{W}id")].split(" ")[0:3] for c in numbered] == [
        ["References", "to", "Kosovo"], ["United", "Nations", "Office"]]
    seed = SEED_REPORT.read_text(encoding="utf-8")
    assert normalize(texts[numbered[0].get(f"{W}id")]) in normalize(seed)
    # each numbered note shows Word's own number in the note
    for call in numbered:
        note = next(n for n in real if n.get(f"{W}id") == call.get(f"{W}id"))
        assert note.find(f".//{W}footnoteRef") is not None
    # the call stands in the paragraph that calls it
    paragraph = next(p for p in body.iter(f"{W}p") if numbered[0] in p.iter(f"{W}footnoteReference"))
    assert "".join(t.text for t in paragraph.iter(f"{W}t")).startswith("46.")


def test_masthead_fields_in_order_on_page_one(document):
    texts = [p.text for p in document.paragraphs[:6]]
    assert texts[0] == "United Nations\tCTOC/COP/2022/7"
    # the organ beside the particulars: a table of one row after the band
    [masthead] = document.tables
    organ, particulars = masthead.rows[0].cells
    assert [(p.style.name, p.text) for p in organ.paragraphs] == [
        ("Masthead Organ", "Conference of the Parties to the United Nations Convention against "
                           "Transnational Organized Crime")]
    assert [p.text for p in particulars.paragraphs] == [
        "Distr.: General", "30 July 2022", "", "Original: English"]
    assert {p.style.name for p in particulars.paragraphs} == {"Masthead Particulars"}
    assert texts[1] == "Eleventh session\nVienna, 17\u201321\u00a0October\u00a02022\n" \
        "Item 2 (c) of the provisional agenda*"
    assert [r.text for r in document.paragraphs[1].runs if r.style.name == "Strong"] == [
        "Eleventh session"]
    assert texts[2].startswith("Review of the implementation of the United Nations Convention")
    assert texts[3].startswith("Activities of the United Nations Office on Drugs and Crime")
    assert texts[4] == "Report of the Secretariat"
    assert [p.style.name for p in document.paragraphs[:5]] == [
        "Masthead Band", "Masthead Session", "Agenda Title", "Document Title", "Masthead Subtitle"]
    assert document.styles["Masthead Subtitle"].font.bold
    # the short rule that closes the report, after its last paragraph
    assert document.paragraphs[-1].style.name == "Closing Rule"
    assert document.paragraphs[-1].text == ""


def test_pages_a4_first_page_different_even_and_odd_heads(document, report):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 22
    assert section.different_first_page_header_footer
    assert document.settings.odd_and_even_pages_header_footer
    assert section.header.paragraphs[0].text == "\tCTOC/COP/2022/7"        # odd: outer = right
    assert section.even_page_header.paragraphs[0].text == "CTOC/COP/2022/7"  # even: left
    assert section.first_page_header.paragraphs[0].text == ""
    assert section.first_page_footer.paragraphs[0].text == ""  # no job number in this period
    for footer in (section.footer, section.even_page_footer):
        field = footer.part.element.find(f"{W}p/{W}fldSimple")
        assert field.get(f"{W}instr").strip() == "PAGE"


@pytest.mark.slow
def test_job_number_at_the_foot_of_page_one(workspace):
    from reportgen.build import build

    period = workspace / "content" / "periods" / "2020-2022.yml"
    period.write_text(period.read_text(encoding="utf-8") + "job_number: V.22-04567 (E)\n",
                      encoding="utf-8")
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",))
    document = docx.Document(str(workspace / "build" / "2020-2022" / "report.docx"))
    assert document.sections[0].first_page_footer.paragraphs[0].text == "V.22-04567 (E)"


@pytest.mark.parametrize("symbol", ["CTOC/COP/WG.7/2020/2", "A/CONF.234/3", "A/RES/75/196",
                                    "S/RES/2546(2020)"])
def test_symbols_are_hyperlinks_to_undocs(document, symbol):
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert f"https://undocs.org/{symbol}" in targets


@pytest.mark.slow
def test_cross_references_link_to_bookmarks_on_their_paragraphs(workspace):
    from reportgen.build import build

    block = workspace / "content" / "blocks" / "conclusions" / "conclusions-global-concern.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "implementation of the Protocol.",
        "implementation of the Protocol (see [](ref:ccpcj-30-thematic-discussion))."),
        encoding="utf-8")
    build(workspace, ["2020-2022"], formats=("docx", "md"), kinds=("report",))
    report = workspace / "build" / "2020-2022" / "report.docx"
    md = (workspace / "build" / "2020-2022" / "report.md").read_text(encoding="utf-8")
    shown = re.search(r"implementation of the Protocol \(see \[(paras?\. [\d–]+)\]\(#para-(\d+)\)\)", md)
    body = xml(report, "word/document.xml")
    links = [h for h in body.iter(f"{W}hyperlink") if h.get(f"{W}anchor")]
    assert [h.get(f"{W}anchor") for h in links] == [f"para_{shown.group(2)}"]
    assert "".join(t.text for t in links[0].iter(f"{W}t")) == shown.group(1)
    bookmarked = [p for p in body.iter(f"{W}p") for b in p.iter(f"{W}bookmarkStart")
                  if b.get(f"{W}name") == f"para_{shown.group(2)}"]
    assert "".join(t.text for t in bookmarked[0].iter(f"{W}t")).startswith(f"{shown.group(2)}.")


def test_core_properties(document):
    props = document.core_properties
    assert props.title.startswith("Activities of the United Nations Office on Drugs and Crime")
    assert props.subject == "Report of the Secretariat (CTOC/COP/2022/7)"
    assert props.author == "United Nations Office on Drugs and Crime"
    assert props.language == "en"
    assert props.created == props.modified == datetime(2022, 7, 30, tzinfo=timezone.utc)


@pytest.mark.slow
def test_source_date_epoch_is_the_modification_date(workspace, monkeypatch):
    from reportgen.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",))
    path = workspace / "build" / "2020-2022" / "report.docx"
    props = docx.Document(str(path)).core_properties
    assert props.created == datetime(2022, 7, 30, tzinfo=timezone.utc)
    assert props.modified == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)
    with zipfile.ZipFile(path) as package:
        assert {i.date_time for i in package.infolist()} == {(2023, 11, 14, 22, 13, 20)}


SHORT = ["2020-2022/brief", "2020-2022/press-release-2021-12-08-ccpcj-thematic-discussion-2021",
         "2020-2022/statement-2021-05-17-un-network-ccpcj-2021",
         "2020-2022/statement-2022-06-27-wg-ninth-meeting-opening-2022",
         "2022-2024/press-release-2023-10-20-constructive-dialogue-2023"]


@pytest.mark.parametrize("name", SHORT)
def test_short_documents_say_what_their_markdown_says(built, name):
    """Every paragraph of the .docx (its list label aside) is text of the Markdown."""
    md = re.sub(r"\^\d+", "", normalize((built / f"{name}.md").read_text(encoding="utf-8")))
    document = docx.Document(str(built / f"{name}.docx"))
    paragraphs = document.paragraphs
    assert len(paragraphs) >= 5
    for paragraph in paragraphs:
        text = normalize(paragraph.text.split("\t")[-1])
        assert text in md, f"{paragraph.style.name}: {text[:60]!r} is not in {name}.md"


def test_short_documents_have_their_parts_in_named_styles(built):
    release = docx.Document(str(built / f"{SHORT[1]}.docx"))
    paragraphs = [(p.style.name, p.text) for p in release.paragraphs]
    assert paragraphs[:3] == [
        ("Issuer", "United Nations Office on Drugs and Crime"), ("Kind Label", "Press release"),
        ("Document Title", "Migrant Smuggling on the United Nations Intergovernmental Agenda")]
    assert paragraphs[3][0] == "Lead"
    assert paragraphs[3][1].startswith("Vienna (Austria) 8 December 2021 \u2013 ")
    brief = docx.Document(str(built / f"{SHORT[0]}.docx"))
    styles = [p.style.name for p in brief.paragraphs]
    assert {"Short Heading", "List Item", "Chart Caption", "Chart"} <= set(styles)
    assert brief.core_properties.title == brief.paragraphs[2].text
    notes = xml(built / f"{SHORT[4]}.docx", "word/footnotes.xml")
    real = [n for n in notes.iter(f"{W}footnote") if n.get(f"{W}type") is None]
    calls = list(xml(built / f"{SHORT[4]}.docx", "word/document.xml").iter(f"{W}footnoteReference"))
    assert len(real) == len(calls) == 1


def test_the_brief_s_key_figures_are_a_grid_and_its_chart_a_picture_with_its_data(built):
    """As in the PDF: the key figures side by side, three to a row, each value over what
    it counts; the chart a PNG picture whose alternative text is the chart's description,
    then its bars' labels and values as a table."""
    brief = docx.Document(str(built / f"{SHORT[0]}.docx"))
    body = xml(built / f"{SHORT[0]}.docx", "word/document.xml").find(f"{W}body")
    figures, chart_data = brief.tables
    rows = [[[(p.style.name, p.text) for p in cell.paragraphs] for cell in row.cells]
            for row in figures.rows]
    assert [len(row) for row in rows] == [3, 3]
    assert rows[0][0] == [("Key Figure", "150"),
                          ("Figure Note", "Parties to the Smuggling of Migrants Protocol "
                                          "(as of July 2022)")]
    assert [cell[0][1] for row in rows for cell in row] == [
        "150", "4,000", "31", "5,700", "829", "253"]
    children = list(body)
    tables = body.findall(f"{W}tbl")
    picture = next(p for p in body.iter(f"{W}p")
                   if p.find(f"{W}pPr/{W}pStyle") is not None
                   and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == brief.styles["Chart"].style_id)
    described = picture.find(f".//{WP}docPr").get("descr")
    assert described.startswith("Bar chart. Central Mediterranean route, January to August 2021")
    assert children.index(picture) + 1 == children.index(tables[1])
    assert [[c.text for c in row.cells] for row in chart_data.rows] == [
        ["People who attempted irregular entry across the Central Mediterranean route, "
         "January to August 2021", "69,628"],
        ["People registered as arriving by the Central Mediterranean route, January to "
         "August 2021", "34,061"]]
    with zipfile.ZipFile(built / f"{SHORT[0]}.docx") as package:
        image = next(n for n in package.namelist() if n.startswith("word/media/"))
        assert package.read(image).startswith(b"\x89PNG")


def test_a_press_release_lead_bolds_only_its_dateline_and_contact_lines_stand_alone(built):
    release = docx.Document(str(built / f"{SHORT[1]}.docx"))
    lead = next(p for p in release.paragraphs if p.style.name == "Lead")
    assert not lead.style.font.bold
    bold = [r.text for r in lead.runs if r.style is not None and r.style.name == "Strong"]
    assert bold == ["Vienna (Austria) 8 December 2021 \u2013 "]
    statement = docx.Document(str(built / f"{SHORT[2]}.docx"))
    contact = [p for p in statement.paragraphs if p.style.name == "Contact Line"]
    assert len(contact) >= 2 and all("\n" not in p.text for p in contact)
    assert all(p.paragraph_format.alignment is None for p in contact)
    assert statement.styles["Contact Line"].paragraph_format.alignment is None


@pytest.mark.parametrize("name", SHORT)
def test_short_documents_number_pages_on_the_outer_side(built, name):
    """Right on odd pages (page 1 included), left on even ones, as the PDF does."""
    document = docx.Document(str(built / f"{name}.docx"))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    assert not section.different_first_page_header_footer
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    assert odd.text.startswith("\t") and odd.style.name == "Footer"
    assert not even.text.startswith("\t") and even.style.name == "Footer"
    with zipfile.ZipFile(built / f"{name}.docx") as package:
        feet = [package.read(n).decode("utf-8") for n in package.namelist()
                if n.startswith("word/footer")]
    assert sum(" PAGE " in foot for foot in feet) == 2


def test_the_committed_reference_document_is_what_the_code_makes():
    assert (ROOT / "templates" / "reference.docx").read_bytes() == make_reference(), \
        "run: python -m reportgen.formats.docx_styles templates/reference.docx"


@pytest.mark.slow
def test_the_workspace_reference_document_comes_first(workspace):
    from reportgen.build import build

    reference = docx.Document(str(ROOT / "templates" / "reference.docx"))
    reference.styles["Numbered Paragraph"].font.name = "Office Serif"
    reference.save(str(workspace / "templates" / "reference.docx"))
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report",))
    document = docx.Document(str(workspace / "build" / "2020-2022" / "report.docx"))
    assert document.styles["Numbered Paragraph"].font.name == "Office Serif"


@pytest.mark.slow
def test_a_reference_made_before_the_newer_styles_gets_them_from_the_built_in_one(workspace):
    """An office's reference from before the issuer line, contact lines, chart and closing
    rule had styles still serves: those styles come from the built-in reference."""
    from reportgen.build import build
    from reportgen.formats.docx_styles import ADDED_WHEN_MISSING

    reference = docx.Document(str(ROOT / "templates" / "reference.docx"))
    for style in [s for s in reference.styles if s.name in ADDED_WHEN_MISSING]:
        reference.styles.element.remove(style.element)
    reference.styles["Normal"].font.name = "Office Serif"
    reference.save(str(workspace / "templates" / "reference.docx"))
    build(workspace, ["2020-2022"], formats=("docx",), kinds=("report", "press-release"))
    report = docx.Document(str(workspace / "build" / "2020-2022" / "report.docx"))
    assert report.styles["Normal"].font.name == "Office Serif"
    assert report.paragraphs[-1].style.name == "Closing Rule"
    release = next((workspace / "build" / "2020-2022").glob("press-release-*.docx"))
    assert docx.Document(str(release)).paragraphs[0].style.name == "Issuer"


def test_a_reference_document_without_our_styles_is_refused(workspace, run):
    document = docx.Document()
    document.save(str(workspace / "templates" / "reference.docx"))
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.startswith("templates/reference.docx: error: the reference document "
                                    "lacks the styles Numbered Paragraph, Subparagraph,")
    assert "Traceback" not in result.output
    assert not (workspace / "build" / "2020-2022").exists()


def test_a_reference_document_that_is_not_word_is_refused(workspace, run):
    write(workspace / "templates" / "reference.docx", "not a zip")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "docx")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "templates/reference.docx: error: not a Word document that can serve as the reference "
        "(save it from Word or LibreOffice as .docx, or remove it to use the built-in one)")
    assert not (workspace / "build" / "2020-2022").exists()


def test_times_new_roman_10_pt_with_liberation_serif_in_its_place(report, document):
    normal = document.styles["Normal"]
    defaults = xml(report, "word/styles.xml").find(f"{W}docDefaults")
    fonts = defaults.find(f".//{W}rFonts")
    assert fonts.get(f"{W}ascii") == fonts.get(f"{W}hAnsi") == "Times New Roman"
    assert defaults.find(f".//{W}sz").get(f"{W}val") == "20"  # half-points
    assert normal.font.size is None or normal.font.size.pt == 10
    table = xml(report, "word/fontTable.xml")
    font = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == "Times New Roman")
    assert font.find(f"{W}altName").get(f"{W}val") == "Liberation Serif"
    twin = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == "Liberation Serif")
    assert twin.find(f"{W}panose1").get(f"{W}val") == font.find(f"{W}panose1").get(f"{W}val")


@pytest.mark.slow
def test_a_title_longer_than_word_allows_is_cut_in_the_properties(workspace, run):
    """Core properties hold at most 255 characters: a long title (or one marked
    untranslated in an edition) stopped the build with a traceback."""
    import docx as python_docx

    series = workspace / "content" / "series.yml"
    long_title = "Activities against the smuggling of migrants by land, sea and air " * 5
    text = series.read_text(encoding="utf-8")
    series.write_text(re.sub(r"(?m)^title: .*$", f"title: {long_title.strip()}", text),
                      encoding="utf-8")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--kind", "report",
                 "--format", "docx", "--lang", "en", "--lang", "fr")
    assert result.exit_code == 0, result.output
    for name in ("report.docx", "report.fr.docx"):
        props = python_docx.Document(str(workspace / "build/2020-2022" / name)).core_properties
        assert len(props.title) <= 255 and props.title.endswith("\u2026"), props.title
        assert props.title.startswith(("Activities against", "[non traduit] Activities"))


def test_word_opens_the_file_in_its_own_mode_at_a_valid_zoom(built):
    """Compatibility mode 15 (Word 2013 and later, no Compatibility Mode banner) and a
    w:zoom with the percentage the schema requires."""
    import zipfile

    from lxml import etree

    for name in ("2020-2022/report.docx", "2020-2022/brief.docx"):
        with zipfile.ZipFile(built / name) as package:
            settings = etree.fromstring(package.read("word/settings.xml"))
        (zoom,) = settings.findall(f"{W}zoom")
        assert dict(zoom.attrib) == {f"{W}percent": "100"}, name
        modes = [s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting")
                 if s.get(f"{W}name") == "compatibilityMode"]
        assert modes == ["15"], name


def test_the_application_properties_name_reportgen_and_claim_no_counts(built):
    import zipfile

    from lxml import etree

    ep = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    for name in ("2020-2022/report.docx", "2020-2022/brief.docx"):
        with zipfile.ZipFile(built / name) as package:
            app = etree.fromstring(package.read("docProps/app.xml"))
        assert app.findtext(f"{ep}Application") == "reportgen", name
        assert [child.tag.removeprefix(ep) for child in app] == ["Application", "AppVersion"]
