"""Briefs, press releases and statements: the seeds rebuilt from the content store."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from conftest import ROOT
from pypdf import PdfReader
from reporttext import normalize

from reportgen.build import build
from reportgen.typography import as_typed

SEEDS = ROOT / "seeds"
CCPCJ = "press-release-2021-12-08-ccpcj-thematic-discussion-2021"
NETWORK = "statement-2021-05-17-un-network-ccpcj-2021"
OPENING = "statement-2022-06-27-wg-ninth-meeting-opening-2022"
DIALOGUE = "press-release-2023-10-20-constructive-dialogue-2023"


def _lines(seed: str, keep) -> list[str]:
    lines = (SEEDS / seed).read_text(encoding="utf-8").splitlines()
    return [line for number, line in enumerate(lines, start=1) if keep(number)]


UNODC = "United Nations Office on Drugs and Crime"
#: each rebuilt document: its seed, the seed lines that are the document (the rest of
#: each seed page is the site around it), and what our document adds that the page lacks
#: (first the issuer and the kind's line above the title, which every format prints)
DOCUMENTS = {
    CCPCJ: ("2020-2022", "000_bb74e0ee9a208cb0.txt",
            # 1: site navigation; 5: link to another story; 38 on: reprint credit, advertising
            lambda n: n == 3 or 7 <= n <= 37, [UNODC, "Press release"]),
    NETWORK: ("2020-2022", "001_210eca52348eebc5.txt",
              # 1: skip link; 6: the title repeated by the page; 8: language links
              lambda n: n == 3 or 10 <= n <= 57,
              ["United Nations Network on Migration", "Statement \u00b7 17 May 2021",
               "United Nations Network on Migration",
               "Opening of the thirtieth session of the Commission on Crime Prevention and "
               "Criminal Justice"]),
    OPENING: ("2020-2022", "002_4fe3a7071ecd0876.txt", lambda n: True,
              [UNODC, "Statement \u00b7 27 June 2022"]),
    DIALOGUE: ("2022-2024", "003_b7be32153bf64bab.txt", lambda n: True,
               # the page gives no headline; ours has one
               [UNODC, "Press release",
                "Constructive Dialogue on the Smuggling of Migrants: civil society as partners "
                "against impunity"]),
}


def _seed_text(name: str) -> str:
    _, seed, keep, _ = DOCUMENTS[name]
    text = "\n".join(_lines(seed, keep))
    text = re.sub(r"<sup>(th)</sup>", r"\1", text)
    text = text.replace("•", "").replace("- i. ", "i. ").replace("- ii. ", "ii. ")
    if name == DIALOGUE:  # the page prints the call and note number without markup
        text = text.replace("Smuggling of Migrants1 ", "Smuggling of Migrants[^1] ")
        text = re.sub(r"^1 The Protocol", "[^1]: The Protocol", text, flags=re.M)
        text = text.replace("2023 - As", "2023 – As")
    return normalize(text)


def _ours(text: str, name: str) -> str:
    text = normalize(re.sub(r"^#+ ", "", text, flags=re.M))
    for extra in DOCUMENTS[name][3]:
        text = text.replace(normalize(extra), "", 1)
    return re.sub(r"\s+", " ", text.replace("- ", " ")).strip()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_markdown_reproduces_the_seed(built, name):
    period = DOCUMENTS[name][0]
    md = (built / period / f"{name}.md").read_text(encoding="utf-8")
    assert _ours(md, name) == re.sub(r"\s+", " ", _seed_text(name).replace("- ", " ")).strip()


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "title", "svg") or ("class", "fn-back") in attrs:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title", "svg", "a") and self.skip:
            self.skip -= 1 if tag != "a" or self.skip else 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _paragraphs(name: str) -> list[str]:
    """The seed's lines long enough to be paragraphs, normalized as our text is."""
    _, seed, keep, _ = DOCUMENTS[name]
    lines = [line.replace("<sup>th</sup>", "th").replace(" - As", " – As")
             for line in _lines(seed, keep) if len(line) > 80]
    return [normalize(line.lstrip("-•i. ")) for line in lines if not line.startswith("1 The")]


def _plain(text: str) -> str:
    """Spaces, emphasis and typography aside (the seeds' conversions lost some marks)."""
    return re.sub(r"\s+", " ", as_typed(text)).replace("*", "")


@pytest.mark.slow
@pytest.mark.parametrize("name", DOCUMENTS)
def test_html_and_pdf_hold_the_seed_text(built, name):
    period = DOCUMENTS[name][0]
    parser = _Text()
    parser.feed((built / period / f"{name}.html").read_text(encoding="utf-8"))
    html = _plain("".join(parser.parts))
    pdf = _plain(" ".join(
        page.extract_text() for page in PdfReader(built / period / f"{name}.pdf").pages))
    for paragraph in _paragraphs(name):
        probe = _plain(paragraph)[:60]
        assert probe in html, probe
        assert probe in pdf, probe


def test_a_changed_fact_changes_every_document_that_quotes_it(workspace, tmp_path):
    facts = workspace / "content/facts.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("    - value: 150\n", "    - value: 149\n"), encoding="utf-8")
    build(workspace, ["2020-2022"], formats=("md",), out=tmp_path)
    out = tmp_path / "2020-2022"
    assert "there were a total of 149 parties" in (out / "report.md").read_text(encoding="utf-8")
    assert "To date, 149 States are party" in (out / f"{OPENING}.md").read_text(encoding="utf-8")
    assert "**149** Parties to the Smuggling" in (out / "brief.md").read_text(encoding="utf-8")
    for path in out.glob("*.md"):
        assert "150 parties" not in path.read_text(encoding="utf-8").lower()


@pytest.mark.slow
def test_kind_selects_documents(workspace, tmp_path):
    result = build(workspace, ["2020-2022"], formats=("md",), out=tmp_path,
                   kinds=("brief", "press-release"))
    assert sorted(doc.name for doc in result.documents) == ["brief", CCPCJ]
    assert sorted(p.name for p in (tmp_path / "2020-2022").glob("*.md")) == ["brief.md", f"{CCPCJ}.md"]


def test_every_kind_by_default(built):
    names = sorted(p.stem for p in (built / "2020-2022").glob("*.pdf"))
    assert names == ["brief", CCPCJ, "report", NETWORK, OPENING]


def test_brief_fits_on_two_pages_with_its_chart(built):
    reader = PdfReader(built / "2020-2022/brief.pdf")
    assert len(reader.pages) <= 2
    html = (built / "2020-2022/brief.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 1
    assert ('<title>Bar chart. Central Mediterranean route, January to August 2021: many more '
            'attempted the crossing than arrived. People who attempted irregular entry across the '
            'Central Mediterranean route, January to August 2021: 69,628 (August 2021)') in html
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "69,628" in text and "34,061" in text  # the chart's value labels, drawn as text
    assert "Observatory findings" in text and "Key figures" in text


@pytest.mark.slow
def test_chart_labels_are_set_in_the_edition_s_fonts(workspace, run):
    """An Arabic brief's chart labels (here the untranslated mark before each fact's
    label) are set in Noto Naskh Arabic and Liberation Serif, named as one family list
    in the SVG and measured with them: no face the renderer picks by itself, in which
    Arabic words came out in reverse order."""
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.skip("needs poppler-utils (pdffonts)")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--lang", "ar",
                 "--lang", "en", "--kind", "brief", "--format", "html", "--format", "pdf", "-q")
    assert result.exit_code == 0, result.output
    folder = workspace / "build" / "2020-2022"
    for name, families in (("brief.ar", "Liberation Serif Latin, Noto Naskh Arabic, Liberation Serif"),
                           ("brief", "Liberation Serif")):
        svg = re.search(r"<svg role=.*?</svg>", (folder / f"{name}.html").read_text(encoding="utf-8"),
                        re.S).group(0)
        named = set(re.findall(r'font-family="([^"]*)"', svg))
        assert named == {families}, (name, named)
    assert "[غير مترجم] People who attempted" in (folder / "brief.ar.html").read_text(encoding="utf-8")
    listed = subprocess.run(["pdffonts", str(folder / "brief.ar.pdf")], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    faces = {line.split()[0].split("+", 1)[-1] for line in listed}
    # Latin words and figures of the Arabic text in the Times-metric face (fonts.css), the
    # chart's too: its value labels and the untranslated English of its bar labels
    assert {"Liberation-Serif-Latin", "Noto-Naskh-Arabic"} <= faces, faces
    drawn = _drawn_in(folder / "brief.ar.pdf")
    assert drawn["69,628"] == {"Liberation-Serif-Latin"}, drawn
    assert drawn["People"] == {"Liberation-Serif-Latin"}, drawn


@pytest.mark.slow
def test_chinese_chart_labels_are_set_in_the_edition_s_face(workspace, run):
    """A Chinese brief's chart labels are set in the lighter Chinese face, as its text is,
    not in a CJK face of the system's choosing."""
    import shutil
    import subprocess

    from reportgen.scriptfonts import installed_families

    if shutil.which("pdffonts") is None or not installed_families("zh"):
        pytest.skip("needs poppler-utils and a Chinese font (apt install fonts-noto-cjk)")
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--lang", "zh",
                 "--kind", "brief", "--format", "html", "--format", "pdf", "-q")
    assert result.exit_code == 0, result.output
    folder = workspace / "build" / "2020-2022"
    html = (folder / "brief.zh.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg role=.*?</svg>", html, re.S).group(0)
    assert set(re.findall(r'font-family="([^"]*)"', svg)) == {
        "Liberation Serif Latin, Noto Serif CJK SC Common, Noto Serif CJK SC, Liberation Serif"}
    assert "[未翻译] People who attempted" in svg
    listed = subprocess.run(["pdffonts", str(folder / "brief.zh.pdf")], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    faces = {line.split()[0].split("+", 1)[-1] for line in listed}
    # and the Latin words of the Chinese text in the Times-metric face (fonts.css), the
    # chart's figures and untranslated English too
    assert faces == {"Noto-Serif-CJK-SC-Common", "Noto-Serif-CJK-SC-Common-Bold",
                     "Liberation-Serif-Latin", "Liberation-Serif-Latin-Bold"}, faces
    drawn = _drawn_in(folder / "brief.zh.pdf")
    assert drawn["69,628"] == {"Liberation-Serif-Latin"}, drawn
    assert drawn["People"] == {"Liberation-Serif-Latin"}, drawn


def _drawn_in(pdf) -> dict[str, set[str]]:
    """Each word drawn on the PDF's pages and the faces it is drawn in."""
    drawn: dict[str, set[str]] = {}

    def seen(text, cm, tm, font, size):
        face = str((font or {}).get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
        for word in text.split():
            drawn.setdefault(word, set()).add(face)

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=seen)
    return drawn


def test_brief_groups_highlights_by_area(built):
    md = (built / "2020-2022/brief.md").read_text(encoding="utf-8")
    areas = re.findall(r"^## (.+)$", md, re.M)
    assert areas == ["Key figures", "Intergovernmental and inter-agency work", "Knowledge and tools",
                     "Technical cooperation", "Observatory findings"]
    assert ("- Operation Turquesa II, supported by UNODC, led to more than 200 arrests across "
            "four continents. (CTOC/COP/2022/7, para. 49)") in md


@pytest.mark.slow
def test_quotes_set_apart_with_their_speaker_in_every_format(workspace, tmp_path):
    from conftest import write

    write(workspace / "content/documents/sherloc-release-2022.yml",
          "kind: press-release\nid: sherloc-release-2022\ndate: 2022-07-20\n"
          "title: Case law on migrant smuggling\ndateline: Vienna\n"
          "lead: The case law database grew again.\n"
          "body: It now holds {{ fact.sherloc_cases }} cases.\n"
          "quotes:\n"
          "  - text: Every one of the {{ fact.sherloc_cases }} cases *teaches* practitioners.\n"
          "    name: Jane Doe\n"
          "    title: Programme officer\n")
    build(workspace, ["2020-2022"], out=tmp_path, kinds=("press-release",))
    out = tmp_path / "2020-2022" / "press-release-2022-07-20-sherloc-release-2022"
    md = out.with_suffix(".md").read_text(encoding="utf-8")
    assert ("> “Every one of the 829 cases *teaches* practitioners.”\n>\n"
            "> — Jane Doe, Programme officer\n") in md
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert ("<blockquote><p>“Every one of the 829 cases <em>teaches</em> practitioners.”</p>"
            "</blockquote>\n<figcaption>Jane Doe, Programme officer</figcaption>") in html
    pdf = " ".join(PdfReader(out.with_suffix(".pdf")).pages[0].extract_text().split())
    assert "“Every one of the 829 cases teaches practitioners.” Jane Doe, Programme officer" in pdf


def _chart_svg(root) -> str:
    html = (root / "build" / "2020-2022" / "brief.html").read_text(encoding="utf-8")
    return re.search(r"<svg role=.*?</svg>", html, re.S).group(0)


@pytest.mark.slow
def test_the_chart_is_measured_with_the_bundled_font_whatever_matplotlib_knows(workspace, run,
                                                                               tmp_path):
    """An installed font of the same family (here a bold face registered as a regular
    Liberation Serif, ahead of every other) does not change the chart."""
    import dataclasses
    import shutil

    from matplotlib import font_manager

    args = ("build", "--root", str(workspace), "--period", "2020-2022", "--kind", "brief",
            "--format", "html", "-q", "--force")
    assert run(*args).exit_code == 0
    before = _chart_svg(workspace)
    bold = ROOT / "templates" / "fonts" / "LiberationSerif-Bold.ttf"
    installed = tmp_path / "LiberationSerif-Regular.ttf"
    shutil.copyfile(bold, installed)
    manager = font_manager.fontManager
    entry = next(e for e in manager.ttflist if e.fname == str(bold))
    manager.ttflist.insert(0, dataclasses.replace(entry, fname=str(installed), weight=400))
    manager.addfont(str(bold))  # empties matplotlib's memory of earlier look-ups
    try:
        assert run(*args).exit_code == 0
        assert _chart_svg(workspace) == before
    finally:
        manager.ttflist[:] = [e for e in manager.ttflist if e.fname != str(installed)]


@pytest.mark.slow
def test_the_chart_ignores_a_matplotlibrc_in_the_working_folder(workspace, tmp_path):
    import subprocess
    import sys

    def build_in(folder):
        folder.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "reportgen", "build", "--root", str(workspace),
                        "--period", "2020-2022", "--kind", "brief", "--format", "html", "-q",
                        "--force"], cwd=folder, check=True, capture_output=True, timeout=120)
        return _chart_svg(workspace)

    plain = build_in(tmp_path / "plain")
    settings = tmp_path / "set"
    settings.mkdir()
    (settings / "matplotlibrc").write_text("font.size: 20\naxes.linewidth: 4\n"
                                           "ytick.major.size: 12\n", encoding="utf-8")
    assert build_in(settings) == plain
