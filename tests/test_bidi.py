"""Left-to-right runs inside right-to-left paragraphs read in their own order: checked
from the positions poppler (pdftotext -bbox) gives the words of the Arabic PDF, from the
web page's markup and from the Word file's run properties."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdflines import pdf_lines

from reportgen.bidi import LRI, PDI, isolate_html, latin_runs

EDITIONS = Path(__file__).resolve().parent / "editions"

#: an untranslated paragraph ending in figures and punctuation, which an Arabic paragraph
#: would otherwise carry to its left end
_ENGLISH_ONLY = """id: english-only
place: cop
date: 2021-06-01
text: |
  See the report CTOC/COP/WG.7/2021/2, paras. 3–4.
"""


def test_latin_runs_are_isolated_in_html():
    text = 'واجتمع الفريق (Working Group, 2021) و<a class="symbol">CTOC/COP/WG.7/2021/2</a>.'
    assert isolate_html(text, "web") == (
        'واجتمع الفريق (<bdi dir="ltr">Working Group, 2021</bdi>) و<a class="symbol">'
        '<bdi dir="ltr">CTOC/COP/WG.7/2021/2</bdi></a>.')
    assert isolate_html("A &amp; B", "pdf") == f"{LRI}A &amp; B{PDI}"
    assert latin_runs("انظر CTOC/COP/2020/10.") == [("انظر ", False), ("CTOC/COP/2020/10", True),
                                                   (".", False)]


def test_a_run_kept_on_one_line_is_isolated_whole():
    """A no-break run with Latin in it is one left-to-right unit, its span inside the
    isolate; one of figures only, or of Arabic words, is left to the paragraph."""
    text = ('انظر <span class="nobr">paras.\u00a07-9</span> و<span class="nobr">75/196</span> و'
            '<span class="nobr">US$\u00a05\u00a0million</span> و<span class="nobr">١٧\u00a0أكتوبر</span>')
    assert isolate_html(text, "web") == (
        'انظر <bdi dir="ltr"><span class="nobr">paras.\u00a07-9</span></bdi> و'
        '<span class="nobr">75/196</span> و'
        '<bdi dir="ltr"><span class="nobr">US$\u00a05\u00a0million</span></bdi> و'
        '<span class="nobr">١٧\u00a0أكتوبر</span>')
    assert isolate_html('<span class="nobr">COVID-19</span>', "pdf") == (
        f'{LRI}<span class="nobr">COVID-19</span>{PDI}')


@pytest.fixture(scope="module")
def arabic(tmp_path_factory):
    from click.testing import CliRunner

    from reportgen.cli import main

    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils (pdftotext)")
    root = tmp_path_factory.mktemp("bidi")
    shutil.copytree(EDITIONS / "content", root / "content")
    (root / "content/blocks/english-only.yml").write_text(_ENGLISH_ONLY, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--lang", "ar", "--format",
                                       "pdf", "--format", "html", "--format", "docx"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build" / "2020-2022"


def _line(folder: Path, word: str) -> list[str]:
    """The words of the PDF line holding ``word``, left to right as printed."""
    for page in pdf_lines(folder / "report.ar.pdf"):
        for line in page:
            if word in line.text:
                return [w for _, w in sorted(line.words)]
    raise AssertionError(f"{word!r} is not in the PDF")


def _arabic(word: str) -> str:
    """An Arabic word as poppler gives it: its characters in the order they are drawn."""
    return word[::-1]


@pytest.mark.slow
def test_an_english_clause_in_an_arabic_sentence_reads_left_to_right(arabic):
    words = _line(arabic, "Smuggling")
    english = [w.strip("()") for w in words if w.strip("()").isascii() and w.strip("()").isalpha()]
    assert english == ["Working", "Group", "on", "the", "Smuggling", "of", "Migrants"]
    clause = words.index(next(w for w in words if "Working" in w))
    end = words.index(next(w for w in words if "Migrants" in w))
    # the Arabic before the clause stands to its right, the Arabic after it to its left
    assert _arabic("العامل") in words[end + 1:]
    assert _arabic("في") in words[:clause]


@pytest.mark.slow
def test_a_symbol_and_an_untranslated_paragraph_keep_their_order(arabic):
    words = _line(arabic, "WG.7/2021/2,")
    start = words.index("See")
    mark = next(i for i, w in enumerate(words) if "مجرتم" in w)
    # the English sentence left to right, its final figures and full stop at its end,
    # then the edition's mark to its right
    assert words[start:mark] == ["See", "the", "report", "CTOC/COP/WG.7/2021/2,", "paras.",
                                 "3\u20134."]
    symbol_line = _line(arabic, "CTOC/COP/WG.7/2021/2")
    assert "CTOC/COP/WG.7/2021/2" in symbol_line or "CTOC/COP/WG.7/2021/2," in symbol_line


@pytest.mark.slow
def test_web_page_and_word_file_isolate_left_to_right_runs(arabic):
    import docx
    from docx.oxml.ns import qn

    html = (arabic / "report.ar.html").read_text(encoding="utf-8")
    assert '(<bdi dir="ltr">Working Group on the Smuggling of Migrants</bdi>)' in html
    # the symbol kept on one line and isolated whole: the isolate around the nobr span
    assert '<bdi dir="ltr"><span class="nobr">CTOC/COP/WG.7/2021/2</span></bdi></a>' in html
    word = docx.Document(str(arabic / "report.ar.docx"))
    paragraph = next(p for p in word.paragraphs if "Smuggling" in p.text)
    latin = [r for r in paragraph.runs if "Smuggling" in r.text]
    assert latin and all(r.element.rPr.find(qn("w:rtl")).get(qn("w:val")) == "0" for r in latin)
    assert all(r.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB" for r in latin)
    arabic_runs = [r for r in paragraph.runs if "الفريق" in r.text]
    assert arabic_runs and all(r.element.rPr is None or r.element.rPr.find(qn("w:rtl")) is None
                               for r in arabic_runs)
