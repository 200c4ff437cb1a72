"""One layout, every format: the parts a document prints are the same, in the same order,
in its Markdown, HTML, PDF and Word file, in every language."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from reportgen.languages import LANGUAGES

pytestmark = pytest.mark.slow

PERIOD = "2020-2022"


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    """Every kind of the period in every language, as Markdown, HTML and Word."""
    from reportgen.cli import main

    root = tmp_path_factory.mktemp("editions")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--period", PERIOD,
                                       "--lang", "all", "--format", "md", "--format", "html",
                                       "--format", "docx", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build" / PERIOD


def _plain(text: str) -> str:
    """Text without Markdown's emphasis and escapes or HTML's tags and entities."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\\(.)", r"\1", text.strip().strip("*"))
    return html.unescape(text).replace("\u2060", "")


def _brief_md(folder: Path, code: str) -> str:
    name = "brief.md" if code == "en" else f"brief.{code}.md"
    return (folder / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_brief_s_markdown_names_its_sources_in_its_language(editions, code):
    sources = LANGUAGES[code].words.sources
    lines = [line for line in _brief_md(editions, code).splitlines()
             if line.startswith(f"{sources}:")]
    assert len(lines) == 1
    if sources != "Sources":  # French says it as English does
        assert "Sources:" not in _brief_md(editions, code)


def _short_documents(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("report"))


def test_the_markdown_of_short_documents_opens_with_the_issuer_and_kind_line(editions):
    """The issuer and the line above the title (HTML and Word print them) open the
    Markdown of every brief, press release and statement, in every language."""
    documents = _short_documents(editions)
    assert len(documents) == 4 * 6
    for md in documents:
        html = md.with_suffix(".html").read_text(encoding="utf-8")
        issuer = re.search(r'<p class="issuer">(.*?)</p>', html).group(1)
        label = re.search(r'<p class="kind-label">(.*?)</p>', html).group(1)
        head = [line for line in md.read_text(encoding="utf-8").splitlines() if line][:3]
        assert [_plain(line) for line in head[:2]] == [_plain(issuer), _plain(label)], md.name
        assert head[2].startswith("# "), md.name


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_brief_s_markdown_captions_its_chart_as_the_html_does(editions, code):
    html_page = (editions / ("brief.html" if code == "en" else f"brief.{code}.html")).read_text(
        encoding="utf-8")
    caption = _plain(re.search(r'<figure class="chart">\s*<figcaption>(.*?)</figcaption>',
                               html_page).group(1))
    lines = [_plain(line) for line in _brief_md(editions, code).splitlines()]
    at = lines.index(caption)
    assert lines[at + 2].startswith(LANGUAGES[code].words.bar_chart)


def _where(text: str) -> str:
    return re.sub(r"[\s\u2060]+", " ", _plain(text))


@pytest.mark.parametrize("code", ["en", "ar", "zh"])
def test_a_highlight_s_source_is_written_alike_in_word_and_html(editions, code):
    """'(CTOC/COP/2022/7, para. 9)' after a highlight of the brief, with the edition's
    comma ('，' in Chinese) in the Word file as on the page."""
    import docx

    name = "brief" if code == "en" else f"brief.{code}"
    page = (editions / f"{name}.html").read_text(encoding="utf-8")
    on_page = [_where(s) for s in re.findall(r'<span class="source">\((.*?)\)</span>', page)]
    word = [_where(p.text.rsplit("(", 1)[1].rstrip(")"))
            for p in docx.Document(str(editions / f"{name}.docx")).paragraphs
            if p.style.name == "List Item" and p.text.endswith(")")]
    assert len(on_page) >= 5
    assert word == on_page


def test_a_press_release_s_lead_prints_its_dateline_once_and_its_lists(workspace):
    """A lead of two paragraphs, the first with a list: every format prints the dateline
    before the first paragraph only, and the list (the HTML printed the dateline before
    each lead paragraph and left the lead's lists out)."""
    import docx

    from reportgen.build import build

    path = workspace / "content" / "documents" / "ccpcj-thematic-discussion-2021.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  thematic discussion on 8 December 2021.\n",
                                 "  thematic discussion on 8 December 2021:\n\n"
                                 "  - on smuggling by sea;\n"
                                 "  - on smuggling by land.\n\n"
                                 "  It met in Vienna.\n", 1), encoding="utf-8")
    build(workspace, ["2020-2022"], formats=("md", "html", "docx"), kinds=("press-release",),
          languages=("en",))
    stem = workspace / "build" / "2020-2022" / "press-release-2021-12-08-ccpcj-thematic-discussion-2021"
    page = stem.with_suffix(".html").read_text(encoding="utf-8")
    assert page.count('class="dateline"') == 1
    assert re.search(r'<p class="lead"><span class="dateline">Vienna \(Austria\) 8 December '
                     r'2021 –</span> The Commission', page)
    assert '<p class="lead">It met in Vienna.</p>' in page
    md = stem.with_suffix(".md").read_text(encoding="utf-8")
    word = "\n".join(p.text for p in docx.Document(str(stem.with_suffix(".docx"))).paragraphs)
    for shown in (page, md, word):
        assert shown.count("Vienna (Austria) 8 December 2021") == 1
        assert "on smuggling by sea;" in shown and "on smuggling by land." in shown
        assert shown.index("on smuggling by land.") < shown.index("It met in Vienna.")
