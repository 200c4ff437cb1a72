"""Numbering, mastheads and cross-references as each language's issued documents print them,
from the one table per language in reportgen.languages."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from reportgen.languages import LANGUAGES

EDITIONS = Path(__file__).resolve().parent / "editions"


def _labels(code: str, level: int, count: int) -> list[str]:
    lang = LANGUAGES[code]
    return [lang.numbering.label(level, n, lang) for n in range(1, count + 1)]


def test_arabic_numbers_chapters_sections_and_paragraphs_as_un_arabic_does():
    arabic = LANGUAGES["ar"]
    assert _labels("ar", 1, 3) == ["أولا -", "ثانيا -", "ثالثا -"]
    assert _labels("ar", 1, 12)[10:] == ["حادي عشر -", "ثاني عشر -"]
    assert _labels("ar", 2, 4) == ["ألف -", "باء -", "جيم -", "دال -"]
    assert _labels("ar", 3, 2) == ["1 -", "2 -"]
    assert _labels("ar", 4, 2) == ["(أ)", "(ب)"]
    assert arabic.numbering.paragraph.format(13) == "13 -"


def test_chinese_chapters_are_chinese_numerals_the_rest_as_english():
    assert _labels("zh", 1, 3) == ["一.", "二.", "三."]
    assert _labels("zh", 1, 11)[9:] == ["十.", "十一."]
    assert _labels("zh", 2, 2) == ["A.", "B."]
    assert _labels("zh", 3, 2) == ["1.", "2."]
    assert LANGUAGES["zh"].numbering.paragraph.format(4) == "4."


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru"])
def test_latin_and_cyrillic_editions_number_as_english(code):
    assert _labels(code, 1, 4) == ["I.", "II.", "III.", "IV."]
    assert _labels(code, 2, 2) == ["A.", "B."]
    assert _labels(code, 3, 2) == ["1.", "2."]


DATES = {
    # same month; across two months of one year; across two years
    "es": ("17 a 21 de octubre de 2022", "28 de julio a 5 de agosto de 1997",
           "28 de diciembre de 2021 a 3 de enero de 2022"),
    "fr": ("17\u201321 octobre 2022", "28 juillet 1997\u20135 août 1997",
           "28 décembre 2021\u20133 janvier 2022"),
    "zh": ("2022年10月17日至21日", "1997年7月28日至8月5日", "2021年12月28日至2022年1月3日"),
    "ar": ("17\u201321 تشرين الأول/أكتوبر 2022", "28 تموز/يوليه 1997\u20135 آب/أغسطس 1997",
           "28 كانون الأول/ديسمبر 2021\u20133 كانون الثاني/يناير 2022"),
}


@pytest.mark.parametrize("code", sorted(DATES))
def test_ranges_of_dates_per_language(code):
    lang = LANGUAGES[code]
    spans = ((date(2022, 10, 17), date(2022, 10, 21)), (date(1997, 7, 28), date(1997, 8, 5)),
             (date(2021, 12, 28), date(2022, 1, 3)))
    assert tuple(lang.days(a, b, "") for a, b in spans) == DATES[code]


def test_agenda_items_and_commas_per_language():
    assert LANGUAGES["zh"].agenda_item_number("2 (c)") == "2(c)"
    assert LANGUAGES["fr"].agenda_item_number("2 (c)") == "2 c)"
    assert LANGUAGES["ar"].agenda_item_number("2 (c)") == "2 (ج)"
    # Russian keeps the sub-item in brackets, though its subparagraphs are 'c)'
    assert LANGUAGES["ru"].agenda_item_number("2 (c)") == "2 (c)"
    assert LANGUAGES["ru"].letter(3) == "c)"
    assert LANGUAGES["zh"].comma == "\uff0c" and LANGUAGES["ar"].comma == "\u060c "
    # the call of the agenda note: inside the Chinese line, after it elsewhere
    assert LANGUAGES["zh"].agenda_item.partition("*")[::2] == ("临时议程", " 项目{item}")
    for code in ("en", "fr", "es", "ru", "ar"):
        assert LANGUAGES[code].agenda_item.endswith("*"), code


#: the paragraph that cites paragraph 5 and a document, as each edition prints it (Markdown)
CROSS_REFERENCES = {
    "en": "6. The Working Group on the Smuggling of Migrants met in May 2021 to follow up on "
          "the *resolution* (see [para. 5](#para-5) and "
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/CTOC/COP/WG.7/2021/2)).",
    "fr": "(voir [par.\u00a05](#para-5) et "
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/fr/CTOC/COP/WG.7/2021/2))",
    "es": "(véase [párr. 5](#para-5) y "
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/es/CTOC/COP/WG.7/2021/2))",
    "ru": "(см. [п.\u00a05](#para-5) и "
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/ru/CTOC/COP/WG.7/2021/2))",
    "ar": "6 - واجتمع الفريق العامل (Working Group on the Smuggling of Migrants) في أيار/مايو "
          "2021 لمتابعة *القرار* (انظر [الفقرة 5](#para-5) و"
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/ar/CTOC/COP/WG.7/2021/2))",
    "zh": "（见[第5段](#para-5)和"
          "[CTOC/COP/WG.7/2021/2](https://undocs.org/zh/CTOC/COP/WG.7/2021/2)）",
}

#: headings and the first paragraph as each edition numbers them (Markdown)
HEADINGS = {
    "ar": ("## أولا - مقدمة", "## ثانيا - أنشطة مساعدة الدول", "### ألف - العمل المعياري",
           "#### 1 - دعم الهيئات الحكومية الدولية", "\n1 - يغطي هذا التقرير"),
    "zh": ("## 一. 导言", "## 二. 协助各国的活动", "### A. 规范性工作",
           "#### 1. 支持政府间机构", "\n1. "),
    "es": ("## I. Introducción", "## II. Actividades", "### A. Labor normativa",
           "#### 1. Apoyo", "\n1. "),
}


@pytest.fixture(scope="module")
def markdown(tmp_path_factory):
    from click.testing import CliRunner

    from reportgen.cli import main

    root = tmp_path_factory.mktemp("numbering")
    shutil.copytree(EDITIONS / "content", root / "content")
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--lang", "all",
                                       "--format", "md"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    folder = root / "build" / "2020-2022"
    return {code: (folder / ("report.md" if code == "en" else f"report.{code}.md"))
            .read_text(encoding="utf-8") for code in LANGUAGES}


@pytest.mark.parametrize("code", sorted(CROSS_REFERENCES))
def test_cross_references_and_symbol_links_speak_the_edition_s_language(markdown, code):
    assert CROSS_REFERENCES[code] in markdown[code]


@pytest.mark.parametrize("code", sorted(HEADINGS))
def test_headings_and_paragraphs_numbered_per_language(markdown, code):
    for line in HEADINGS[code]:
        assert line in markdown[code], (code, line)


def test_several_paragraphs_are_cited_with_the_language_s_words():
    words = {code: LANGUAGES[code].words.paras.format(a=4, b=6) for code in LANGUAGES}
    assert words == {"en": "paras. 4\u20136", "fr": "par.\u00a04 à 6", "es": "párrs. 4 a 6",
                     "ru": "пп.\u00a04\u20136", "ar": "الفقرات من 4 إلى 6", "zh": "第4至6段"}


def test_french_elides_de_before_a_month_with_a_vowel(tmp_path, run):
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    intro = tmp_path / "content/blocks/introduction.yml"
    intro.write_text(intro.read_text(encoding="utf-8").replace(
        "allant de juillet 2020 à juillet 2022",
        "allant de {{ period.start_month }} à {{ period.end_month }} (et de avril)"),
        encoding="utf-8")
    period = tmp_path / "content/periods/2020-2022.yml"
    period.write_text(period.read_text(encoding="utf-8").replace(
        "start: 2020-07-01", "start: 2020-08-01"), encoding="utf-8")
    result = run("build", "--root", str(tmp_path), "--lang", "fr", "--format", "md")
    assert result.exit_code == 0, result.output
    french = (tmp_path / "build/2020-2022/report.fr.md").read_text(encoding="utf-8")
    assert "allant d'août 2020 à juillet 2022 (et d'avril)" in french
