"""Each language edition laid out in its own script: read back from the PDF by poppler,
from the .docx by pandoc, with the fonts each script needs.

One build of the small translated store (tests/editions), lengthened to three pages by
repeating one of its translated blocks, makes every edition's PDF, DOCX and Markdown.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pdflines import pdf_lines
from reporttext import parse_pandoc_report

from reportgen.typography import as_typed

EDITIONS = Path(__file__).resolve().parent / "editions"
CODES = ("en", "fr", "es", "ru", "ar", "zh")
REPEATS = 14

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
                                reason="needs poppler-utils (pdftotext, pdffonts)")


@pytest.fixture(scope="module")
def editions(tmp_path_factory, run_module):
    from reportgen.scriptfonts import installed_families

    if not installed_families("zh"):
        pytest.skip("needs a Chinese font and fontconfig (apt install fonts-noto-cjk fontconfig)")
    root = tmp_path_factory.mktemp("editions")
    shutil.copytree(EDITIONS / "content", root / "content")
    block = (root / "content/blocks/cop-tenth.yml").read_text(encoding="utf-8")
    for n in range(2, REPEATS + 1):
        (root / f"content/blocks/cop-tenth-{n}.yml").write_text(
            block.replace("id: cop-tenth", f"id: cop-tenth-{n}"), encoding="utf-8")
    result = run_module("build", "--root", str(root), "--lang", "all", "--format", "pdf",
                        "--format", "docx", "--format", "md", "--format", "html")
    assert result.exit_code == 0, result.output
    return root / "build" / "2020-2022"


@pytest.fixture(scope="module")
def run_module():
    from click.testing import CliRunner

    from reportgen.cli import main

    return lambda *args: CliRunner().invoke(main, list(args), catch_exceptions=False)


def _file(code: str, ext: str) -> str:
    return f"report.{ext}" if code == "en" else f"report.{code}.{ext}"


def _pages(pdf: Path) -> list[str]:
    """Each page's text, as poppler extracts it, without the direction marks it adds."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    return [re.sub("[\u200e\u200f\u202a-\u202e]", "", page) for page in text.split("\f")[:-1]]


def _letters(text: str) -> str:
    """Only the letters of ``text``: words keep their order within a line of one script
    whichever way the line runs, while digits, punctuation and spaces may move."""
    return "".join(c for c in text if unicodedata.category(c).startswith("L"))


#: language: (United Nations, Report of the Secretariat, distribution line, date of issue,
#: a date of the text as the language writes it, letters only)
MASTHEADS = {
    "en": ("United Nations", "Report of the Secretariat", "Distr.: General", "30 July 2022",
           "October"),
    "fr": ("Nations Unies", "Rapport du Secrétariat", "Distr. générale", "30 juillet 2022",
           "octobre"),
    "es": ("Naciones Unidas", "Informe de la Secretaría", "Distr. general",
           "30 de julio de 2022", "deoctubrede"),
    "ru": ("Организация Объединенных Наций", "Доклад Секретариата", "Distr.: General",
           "30 July 2022", "октябрягода"),
    "ar": ("الأمم المتحدة", "تقرير الأمانة", "Distr.: General", "30 July 2022",
           "تشرينالأولأكتوبر"),
    "zh": ("联合国", "秘书处的报告", "Distr.: General", "30 July 2022", "年月日至日"),
}


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_masthead_and_dates_in_the_pdf(editions, code):
    first = _pages(editions / _file(code, "pdf"))[0]
    united, subtitle, distribution, issued, body_date = MASTHEADS[code]
    for line in (united, subtitle, distribution, issued):
        assert line in first, (code, line)
    assert body_date in _letters(first), code


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_every_note_is_on_the_page_of_its_call(editions, code):
    markdown = (editions / _file(code, "md")).read_text(encoding="utf-8")
    notes = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", markdown, flags=re.M))
    pages = [_letters(page) for page in _pages(editions / _file(code, "pdf"))]
    assert len(pages) >= 2, "the store should fill more than one page"
    assert len(notes) == REPEATS + 1
    for number, text in notes.items():
        note = _letters(text)
        holding = [i for i, page in enumerate(pages) if note in page]
        assert holding, f"{code}: footnote {number} is missing from the PDF"
        before = re.search(rf"([^\n]*?)\[\^{number}\]", markdown).group(1)
        call = _letters(re.sub(r"\[\^\d+\]", "", before))[-12:]
        calling = [i for i, page in enumerate(pages) if call in page]
        assert set(calling) & set(holding), (code, number, calling, holding)


def _x_of(page, word: str) -> float:
    return next(x for line in page for x, w in line.words if w == word)


@pytest.mark.slow
@pytest.mark.parametrize("code", ["ar", "en"])
def test_arabic_runs_right_to_left(editions, code):
    pages = pdf_lines(editions / _file(code, "pdf"))
    width = 595.0  # A4 in points
    # page 2: paragraphs only, each opening with its number ('12.'; Arabic '12 -', its
    # hyphen to the left of the number)
    numbers = [x for line in pages[1]
               for (x, w), (_, after) in zip(line.words, [*line.words[1:], (0, "")], strict=True)
               if re.fullmatch(r"\d+\.", w) or (re.fullmatch(r"\d+", after) and w == "-")]
    assert len(numbers) >= 3
    symbol = _x_of(pages[1], "CTOC/COP/2022/7")  # the running header of page 2
    if code == "ar":  # paragraph numbers in the right margin, the header on the right
        assert min(numbers) > width / 2
        assert symbol > width / 2
    else:
        assert max(numbers) < width / 2
        assert symbol < width / 2


def _fonts(pdf: Path) -> set[str]:
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in listed}


@pytest.mark.parametrize("code, family", [
    ("en", "Liberation-Serif"), ("fr", "Liberation-Serif"), ("es", "Liberation-Serif"),
    ("ru", "Liberation-Serif"), ("ar", "Noto-Naskh-Arabic"), ("zh", "Noto-Serif-CJK-SC")])
@pytest.mark.slow
def test_each_script_is_set_in_its_own_font(editions, code, family):
    fonts = _fonts(editions / _file(code, "pdf"))
    assert any(name.startswith(family) for name in fonts), (code, fonts)
    others = {"Liberation-Serif", "Noto-Naskh-Arabic", "Noto-Serif-CJK-SC"} - {family}
    if code in ("ar", "zh"):
        others.discard("Liberation-Serif")  # Latin symbols in the text
    assert not any(name.startswith(tuple(others)) for name in fonts), (code, fonts)


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_pandoc_reads_the_same_paragraphs_from_the_docx(editions, code):
    pandoc = _pandoc()
    if not pandoc:
        pytest.skip("pandoc is missing (pip install pypandoc-binary)")
    ast = json.loads(subprocess.run([pandoc, "-f", "docx+styles", "-t", "json",
                                     str(editions / _file(code, "docx"))],
                                    capture_output=True, text=True, check=True).stdout)
    read = parse_pandoc_report(ast)
    markdown = (editions / _file(code, "md")).read_text(encoding="utf-8")
    written = {int(n): text
               for n, text in re.findall(r"^(\d+)(?:\.| -) (.+)$", markdown, flags=re.M)}
    assert sorted(read.paragraphs) == sorted(written) == list(range(1, len(written) + 1))
    for number, text in written.items():
        shown = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", re.sub(r"\[\^\d+\]", "", text))
        assert _letters(read.paragraphs[number]) == _letters(shown), (code, number)


@pytest.mark.slow
def test_word_tags_each_edition_with_its_language(editions):
    import zipfile

    def styles(code: str) -> str:
        with zipfile.ZipFile(editions / _file(code, "docx")) as docx:
            return docx.read("word/styles.xml").decode("utf-8")

    assert 'w:val="fr-FR"' in styles("fr") and 'w:val="ru-RU"' in styles("ru")
    assert 'w:eastAsia="zh-CN"' in styles("zh") and 'w:eastAsia="Noto Serif CJK SC"' in styles("zh")
    arabic = styles("ar")
    assert 'w:bidi="ar-SA"' in arabic and 'w:cs="Noto Naskh Arabic"' in arabic
    assert re.search(r"<w:pPrDefault><w:pPr><w:bidi/>", arabic)
    assert "<w:bidi/>" not in styles("fr")


@pytest.mark.slow
@pytest.mark.parametrize("code, font, charset", [
    ("ar", "Noto Naskh Arabic", "B2"), ("zh", "Noto Serif CJK SC", "86"), ("fr", None, None)])
def test_the_font_table_names_each_script_s_font(editions, code, font, charset):
    """Word puts a font of the same script in place of one it does not have only if the
    font table gives the font's character set."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(editions / _file(code, "docx")) as docx:
        table = etree.fromstring(docx.read("word/fontTable.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = {f.get(f"{w}name"): f for f in table.iter(f"{w}font")}
    assert fonts["Times New Roman"].find(f"{w}altName").get(f"{w}val") == "Liberation Serif"
    if font is None:
        assert set(fonts) == {"Times New Roman", "Liberation Serif"}
    else:
        assert fonts[font].find(f"{w}charset").get(f"{w}val") == charset


@pytest.mark.slow
@pytest.mark.parametrize("code", ["fr", "ar", "zh"])
def test_pdf_carries_the_language(editions, code):
    import pikepdf

    with pikepdf.open(editions / _file(code, "pdf")) as pdf:
        assert str(pdf.Root.Lang) == code


def test_a_chinese_pdf_without_a_chinese_font_says_what_to_install(tmp_path, run):
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "fc-list").write_text("#!/bin/sh\nexit 0\n")  # fontconfig knows no font
    (bin_dir / "fc-list").chmod(0o755)
    os.environ["PATH"], old = f"{bin_dir}{os.pathsep}{os.environ['PATH']}", os.environ["PATH"]
    try:
        result = run("build", "--root", str(tmp_path), "--lang", "zh", "--format", "pdf")
    finally:
        os.environ["PATH"] = old
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "report.zh.pdf: error: no installed font covers Chinese, so the PDF would show boxes "
        "for its characters; install Noto Serif CJK SC (Debian and Ubuntu: apt install "
        "fonts-noto-cjk)")
    assert not (tmp_path / "build" / "2020-2022").exists()


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.parametrize("code", ["ar", "fr"])
def test_libreoffice_lays_the_arabic_docx_out_right_to_left(editions, tmp_path, code):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is missing (Debian: libreoffice-writer-nogui)")
    profile = f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(editions / _file(code, "docx"))],
                   capture_output=True, check=True, timeout=240)
    lines = [line for page in pdf_lines(tmp_path / _file(code, "pdf")) for line in page]
    # a paragraph number: a word '12.'; in Arabic '12 -', read from right-to-left text as
    # '-' then '12' (two words, or one line of its own)
    numbers = [x for line in lines
               for (x, w), (_, after) in zip(line.words, [*line.words[1:], (0, "")], strict=True)
               if re.fullmatch(r"\d+\.", w) or (w == "-" and re.fullmatch(r"\d+", after))]
    numbers += [line.x0 for line in lines if re.fullmatch(r"-\d+", line.text.replace(" ", ""))]
    assert len(numbers) >= 5
    middle = sorted(numbers)[len(numbers) // 2]  # a date's '2022.' aside
    if code == "ar":  # paragraph numbers at the right margin of the page
        assert middle > 595.0 / 2
    else:
        assert middle < 595.0 / 2


@pytest.mark.slow
def test_chinese_lines_break_between_characters_not_before_closing_marks(editions):
    """Chinese has no spaces: lines break between characters, and never put a comma, a
    full stop or a closing bracket at the start of a line."""
    lines = [line.text for page in pdf_lines(editions / _file("zh", "pdf")) for line in page]
    wrapped = [text for text in lines if re.search(r"[\u4e00-\u9fff]$", text)]
    assert len(wrapped) >= 5  # lines that end inside a sentence, between two characters
    assert not [text for text in lines if re.match(r"[，。、；：）》」]", text)]
    assert not [text for text in lines if re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text)]


@pytest.mark.slow
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed")
def test_every_edition_s_html_passes_the_nu_html_checker(editions):
    vnu = Path(__file__).resolve().parent.parent / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"
    if not vnu.exists():
        pytest.skip("vnu.jar not installed (npm install vnu-jar in .tools/)")
    pages = sorted(str(p) for p in editions.glob("*.html"))
    assert len(pages) == 6
    result = subprocess.run(["java", "-jar", str(vnu), "--errors-only", *pages],
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


#: what each edition's PDF and Word file print of the numbering rules (reportgen.languages):
#: chapter, section, a paragraph's reference to paragraph 5, the session's dates
NUMBERING = {
    "en": ("I.", "A.", "para. 5", "17\u201321 October 2022"),
    "fr": ("I.", "A.", "par.\u00a05", "17\u201321 octobre 2022"),
    "es": ("I.", "A.", "párr. 5", "17 a 21 de octubre de 2022"),
    "ru": ("I.", "A.", "п.\u00a05", "17\u201321 октября 2022 года"),
    "ar": ("أولا -", "ألف -", "الفقرة 5", "تشرين الأول/أكتوبر 2022"),
    "zh": ("一.", "A.", "第5段", "2022年10月17日至21日"),
}


@pytest.mark.slow
@pytest.mark.parametrize("code", CODES)
def test_numbering_of_each_language_in_the_pdf_and_the_docx(editions, code):
    import docx

    chapter, section, reference, dates = NUMBERING[code]
    word = [p.text for p in docx.Document(str(editions / _file(code, "docx"))).paragraphs]
    assert any(text.startswith(f"{chapter}\t") for text in word), code
    assert any(text.startswith(f"{section}\t") for text in word), code
    numbered = [text for text in word if re.match(r"\d+(\.| -)\t", text)]
    assert numbered[0].startswith("1 -\t" if code == "ar" else "1.\t"), code
    assert any(reference in text for text in word), code
    # a date range is one unbreakable run: its spaces are no-break ones, as typeset
    assert any(dates in as_typed(text) for text in word), code
    pages = _pages(editions / _file(code, "pdf"))
    text = "\n".join(pages)
    if code == "ar":  # poppler gives right-to-left lines in its own order: compare letters
        assert _letters("أولا مقدمة") in _letters(text) and _letters("ألف العمل") in _letters(text)
        assert _letters(reference) in _letters(text)
    else:
        assert re.search(rf"^{re.escape(chapter)}\s", text, flags=re.M), code
        spaced = re.sub("[\u00a0\u202f]", " ", text)  # poppler gives no-break spaces as spaces
        assert re.sub("[\u00a0\u202f]", " ", reference) in spaced, code
    assert _letters(dates) in _letters(pages[0]), code
    if code == "zh":
        assert "维也纳，2022年10月17日至21日" in pages[0]
        assert re.search(r"临时议程\s*\*\s*项目2\(c\)", pages[0]), pages[0][:600]


_SCRIPT = {"ar": re.compile("[\u0600-\u06ff]"), "zh": re.compile("[\u3400-\u9fff]")}


@pytest.mark.slow
@pytest.mark.parametrize("code, face", [("ar", "Noto-Naskh-Arabic"), ("zh", "Noto-Serif-CJK-SC")])
def test_latin_runs_in_times_and_no_slanted_script_face(editions, code, face):
    from pypdf import PdfReader

    fonts = _fonts(editions / _file(code, "pdf"))
    # emphasis is bold in these scripts: no synthetic oblique face is made, no fallback
    assert not [f for f in fonts if f.startswith(face) and ("Oblique" in f or "Italic" in f)], fonts
    assert all(f.startswith((face, "Liberation-Serif")) for f in fonts), fonts
    drawn: list[tuple[str, str]] = []
    for page in PdfReader(editions / _file(code, "pdf")).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: drawn.append(
            (text, str(font.get("/BaseFont")) if font else "")))
    latin = [(t, f) for t, f in drawn if re.search("[A-Za-z]{2}", t)]
    script = [(t, f) for t, f in drawn if _SCRIPT[code].search(t)]
    assert latin and script
    assert all("Liberation-Serif" in f for _, f in latin), latin[:5]
    assert all(face in f for _, f in script), script[:5]


@pytest.mark.slow
def test_word_sets_italic_styles_upright_and_bold_in_arabic_and_chinese(editions):
    import zipfile

    def italic_heading(code: str) -> str:
        with zipfile.ZipFile(editions / _file(code, "docx")) as docx:
            styles = docx.read("word/styles.xml").decode("utf-8")
        return re.search(r'w:styleId="ItalicHeading".*?<w:rPr>(.*?)</w:rPr>', styles).group(1)

    assert italic_heading("ar") == '<w:bCs/><w:i/><w:iCs w:val="0"/>'  # Latin words italic
    assert italic_heading("zh") == "<w:b/><w:bCs/>"
    assert italic_heading("fr") == "<w:i/>"
