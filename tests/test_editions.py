"""Language editions: translations in the store, `build --lang`, untranslated text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import write

EDITIONS = Path(__file__).resolve().parent / "editions"


@pytest.fixture
def store(tmp_path) -> Path:
    """A copy of the small store translated into every official language."""
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    return tmp_path


def _md(out: Path, name: str) -> str:
    return (out / "2020-2022" / name).read_text(encoding="utf-8")


def test_build_lang_writes_an_edition_beside_the_original(store, run):
    result = run("build", "--root", str(store), "--lang", "fr", "--lang", "en",
                 "--format", "md", "--format", "docx")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "report.docx", "report.fr.docx", "report.fr.md", "report.md"]
    french = _md(store / "build", "report.fr.md")
    assert "## I. Introduction" in french
    assert "## II. Activités d\u2019aide aux États" in french
    assert "### A. Travaux normatifs" in french
    assert "#### 1. Appui aux organes intergouvernementaux" in french
    assert "##### *Conférence des Parties*" in french
    # numbering comes from the document model, as in the original
    assert "2. En juillet 2022, le Protocole comptait 150 parties.[^1]" in french
    assert "[^2]: Voir CTOC/COP/2020/10." in french
    english = _md(store / "build", "report.md")
    assert "2. As of July 2022, there were 150 parties to the Protocol.[^1]" in english
    assert "non traduit" not in french + english


def test_default_edition_is_the_series_language(store, run):
    assert run("build", "--root", str(store), "--format", "md").exit_code == 0
    assert [p.name for p in (store / "build" / "2020-2022").glob("*.md")] == ["report.md"]


@pytest.mark.slow
def test_lang_all_builds_the_six(store, run):
    result = run("build", "--root", str(store), "--lang", "all", "--format", "md")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (store / "build" / "2020-2022").glob("*.md")) == [
        "report.ar.md", "report.es.md", "report.fr.md", "report.md", "report.ru.md",
        "report.zh.md"]


def test_an_edition_build_leaves_the_other_editions(store, run):
    assert run("build", "--root", str(store), "--lang", "fr", "--format", "md").exit_code == 0
    assert run("build", "--root", str(store), "--format", "md").exit_code == 0
    assert (store / "build" / "2020-2022" / "report.fr.md").exists()


def test_missing_translation_is_a_warning_and_the_original_marked(store, run):
    path = store / "content" / "blocks" / "cop-tenth.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("  fr:\n")] + text[text.index("  es:\n"):], encoding="utf-8")
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md")
    assert result.exit_code == 0, result.output
    # one line per content file, counting only what the report prints
    assert ("content/blocks/cop-tenth.yml: warning: 1 of 1 paragraphs and 1 of 1 footnotes "
            "have no French (translations: fr); the French edition prints the original, "
            "marked [non traduit]") in result.output
    assert result.output.count("have no French") == 1, result.output
    french = _md(store / "build", "report.fr.md")
    assert ("5. \\[non traduit\\] At its tenth session, held in Vienna from 12 to 16 "
            "October 2020") in french
    assert "[^2]: \\[non traduit\\] See CTOC/COP/2020/10." in french


def test_missing_footnote_and_heading_translations_are_named(store, run):
    block = store / "content" / "blocks" / "introduction.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "      treaty: Voir la Collection des traités des Nations Unies.\n", "      {}\n")
        .replace("    footnotes:\n      {}\n", "    footnotes: {}\n"), encoding="utf-8")
    outline = store / "content" / "outline.yml"
    outline.write_text(outline.read_text(encoding="utf-8").replace(
        "        fr: {title: Travaux normatifs}\n", ""), encoding="utf-8")
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md")
    assert result.exit_code == 0, result.output
    assert ("content/blocks/introduction.yml: warning: 1 of 1 footnotes have no French"
            in result.output)
    assert "content/outline.yml: warning: 1 of 5 headings have no French" in result.output
    french = _md(store / "build", "report.fr.md")
    assert "### A. \\[non traduit\\] Normative work" in french
    assert "[^1]: \\[non traduit\\] See the United Nations Treaty Collection." in french


#: a block with no translation, with a figure, a date, quotation marks and a semicolon
_ENGLISH_ONLY = """id: untranslated
place: introduction
period: 2020-2022
text: |
  As of {{ period.end_month }}, more than {{ fact.practitioners }} practitioners had used the "Toolkit"; see [](ref:introduction).

  - first item;
  - second item.
"""


@pytest.mark.slow
@pytest.mark.parametrize("code, mark", [("fr", "[non traduit]"), ("zh", "[未翻译]"),
                                        ("ar", "[غير مترجم]")])
def test_untranslated_text_is_the_english_original_tagged_english(store, run, code, mark):
    import docx

    (store / "content" / "blocks" / "untranslated.yml").write_text(_ENGLISH_ONLY, encoding="utf-8")
    _add_practitioners(store, "2022-07")
    result = run("build", "--root", str(store), "--lang", code, "--format", "md",
                 "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    # the English original keeps English typography in any edition: \u201cToolkit\u201d
    english_text = ("As of July 2022, more than 4,000 practitioners had used the "
                    "\u201cToolkit\u201d; see paras. 1\u20132.")
    assert ("content/blocks/untranslated.yml: warning: 1 of 1 paragraphs have no "
            f"{'French' if code == 'fr' else 'Chinese' if code == 'zh' else 'Arabic'}"
            in result.output)
    folder = store / "build" / "2020-2022"
    markdown = (folder / f"report.{code}.md").read_text(encoding="utf-8")
    assert "As of July 2022, more than 4,000 practitioners had used the" in markdown
    html = (folder / f"report.{code}.html").read_text(encoding="utf-8")
    assert (f'<span class="untranslated-mark">{mark}</span> <span lang="en" dir="ltr">As of '
            "July 2022, more than 4,000 practitioners had used the \u201cToolkit\u201d; see") in html
    assert '<li lang="en" dir="ltr">first item;</li>' in html
    word = docx.Document(str(folder / f"report.{code}.docx"))
    paragraph = next(p for p in word.paragraphs if "practitioners" in p.text)
    assert paragraph.text.endswith(f"\t{mark} {english_text}")
    english_runs = [r for r in paragraph.runs if "practitioners" in r.text]
    for run_ in english_runs:
        tag = run_.element.rPr.find(qn("w:lang"))
        assert tag is not None and tag.get(qn("w:val")) == "en-GB"
        assert run_.element.rPr.find(qn("w:rtl")).get(qn("w:val")) == "0"
    mark_run = next(r for r in paragraph.runs if mark in r.text)
    assert mark_run.element.rPr is None or mark_run.element.rPr.find(qn("w:lang")) is None


def qn(tag: str) -> str:
    from docx.oxml.ns import qn as word_name

    return word_name(tag)


def test_an_error_in_a_translation_names_its_line(store, run):
    block = store / "content" / "blocks" / "normative.yml"
    block.write_text(block.read_text(encoding="utf-8").replace(
        "L'ONUDC a appuyé", "L'ONUDC[^nowhere] a appuyé"), encoding="utf-8")
    result = run("build", "--root", str(store), "--lang", "fr", "--format", "md")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == (
        "content/blocks/normative.yml:12: error: footnote call [^nowhere] has no "
        "definition under 'footnotes:'")


def test_a_translation_into_an_unknown_language_is_refused(store, run):
    block = store / "content" / "blocks" / "normative.yml"
    write(block, block.read_text(encoding="utf-8") + "  de:\n    text: Deutsch.\n")
    result = run("build", "--root", str(store), "--format", "md")
    assert result.exit_code == 1
    assert "content/blocks/normative.yml:" in result.output
    assert "translations" in result.output and "de" in result.output


def test_schema_describes_translations(tmp_path, run):
    import json

    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    block = json.loads((tmp_path / "block.schema.json").read_text())
    translations = block["properties"]["translations"]
    assert sorted(translations["propertyNames"]["enum"]) == ["ar", "en", "es", "fr", "ru", "zh"]
    outline = (tmp_path / "outline.schema.json").read_text()
    assert "HeadingTranslation" in outline


MASTHEADS = {
    # language: (first line, distribution block, session, session dates, agenda item, subtitle)
    "fr": ("Nations Unies — CTOC/COP/2022/7",
           "Distr. générale  \n30 juillet 2022\n\nFrançais  \nOriginal\u00a0: anglais",
           "Onzième session", "Vienne, 17\u201321\u00a0octobre\u00a02022",
           "Point 2 c) de l'ordre du jour provisoire", "**Rapport du Secrétariat**"),
    "es": ("Naciones Unidas — CTOC/COP/2022/7",
           "Distr. general  \n30 de julio de 2022\n\nEspañol  \nOriginal: inglés",
           "Undécimo período de sesiones", "Viena, 17 a 21 de octubre de 2022",
           "Tema 2 c) del programa provisional", "**Informe de la Secretaría**"),
    "ru": ("Организация Объединенных Наций — CTOC/COP/2022/7",
           "Distr.: General  \n30 July 2022\n\nRussian  \nOriginal: English",
           "Одиннадцатая сессия", "Вена, 17\u201321\u00a0октября\u00a02022 года",
           "Пункт 2 (c) предварительной повестки дня", "**Доклад Секретариата**"),
    "ar": ("الأمم المتحدة — CTOC/COP/2022/7",
           "Distr.: General  \n30 July 2022\n\nArabic  \nOriginal: English",
           "الدورة الحادية عشرة", "فيينا، 17\u201321 تشرين الأول/أكتوبر 2022",
           "البند 2 (ج) من جدول الأعمال المؤقت\\*", "**تقرير الأمانة**"),
    "zh": ("联合国 — CTOC/COP/2022/7",
           "Distr.: General  \n30 July 2022\n\nChinese  \nOriginal: English",
           "第十一届会议", "维也纳，2022年10月17日至21日", "临时议程\\* 项目2(c)", "**秘书处的报告**"),
}


@pytest.mark.parametrize("code", sorted(MASTHEADS))
def test_masthead_as_issued_documents_print_it(store, run, code):
    assert run("build", "--root", str(store), "--lang", code, "--format", "md").exit_code == 0
    text = _md(store / "build", f"report.{code}.md")
    for line in MASTHEADS[code]:
        assert line in text, (code, line)


def test_the_original_masthead_stays_english(store, run):
    assert run("build", "--root", str(store), "--format", "md").exit_code == 0
    text = _md(store / "build", "report.md")
    assert "United Nations — CTOC/COP/2022/7" in text
    assert "Distr.: General  \n30 July 2022\n\nOriginal: English" in text
    assert "Eleventh session  \nVienna, 17\u201321\u00a0October\u00a02022" in text


def test_lang_and_dir_attributes(store, run):
    result = run("build", "--root", str(store), "--lang", "ar", "--lang", "fr", "--format", "html")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    assert '<html lang="ar" dir="rtl">' in (folder / "report.ar.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in (folder / "report.fr.html").read_text(encoding="utf-8")


#: the two subparagraphs of paragraph 4, as each language letters them
SUBPARAGRAPHS = {
    "en": ("(a) Prepared background papers", "(b) Serviced the meetings"),
    "fr": ("a) Établi des documents", "b) Assuré le service"),
    "es": ("a) Preparó documentos", "b) Prestó servicios"),
    "ru": ("a) готовило справочные", "b) обслуживало совещания"),
    "ar": ("(أ) إعداد ورقات", "(ب) تقديم الخدمات"),
    "zh": ("(a) 为偷运移民问题工作组", "(b) 为缔约方会议"),
}


@pytest.mark.slow
def test_subparagraphs_are_lettered_as_each_language_writes_them(store, run):
    import docx

    result = run("build", "--root", str(store), "--lang", "all", "--format", "md",
                 "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    for code, (first, second) in SUBPARAGRAPHS.items():
        name = "report" if code == "en" else f"report.{code}"
        markdown = (folder / f"{name}.md").read_text(encoding="utf-8")
        # each a paragraph of its own under paragraph 4, never a Markdown list
        assert f"\n   {first}" in markdown and f"\n\n   {second}" in markdown, code
        html = (folder / f"{name}.html").read_text(encoding="utf-8")
        label, _, words = first.partition(" ")
        assert f'<li><span class="subpara-label">{label}</span>{words}' in html, code
        word = [p.text for p in docx.Document(str(folder / f"{name}.docx")).paragraphs]
        assert any(text.startswith(f"{label}\t{words}") for text in word), code


def test_letters_run_on_past_the_alphabet():
    from reportgen.languages import LANGUAGES

    assert [LANGUAGES["en"].letter(n) for n in (1, 26, 27, 28)] == ["(a)", "(z)", "(aa)", "(ab)"]
    assert [LANGUAGES["fr"].letter(n) for n in (3, 27)] == ["c)", "aa)"]
    assert [LANGUAGES["ar"].letter(n) for n in (1, 3, 5, 10, 28, 29)] == [
        "(أ)", "(ج)", "(هـ)", "(ي)", "(غ)", "(أأ)"]


#: what each language makes of the quotation marks and spaces a writer typed
TYPOGRAPHY = {
    "en": ["its comprehensive strategy, \u201cProtect, prevent, prosecute\u201d, to combat",
           "Member States;", "It includes:"],
    "fr": ["sa stratégie globale «\u00a0Protéger, prévenir, poursuivre\u00a0» de lutte",
           "les États Membres\u202f;", "Celle-ci comprend\u00a0:", "Il a notamment\u00a0:",
           "trafic illicite de migrants\u202f;"],
    "es": ["su estrategia integral «Proteger, prevenir, enjuiciar» para combatir"],
    "ru": ["свою всеобъемлющую стратегию «Защищать, предупреждать, преследовать» по борьбе"],
}


@pytest.mark.parametrize("code", sorted(TYPOGRAPHY))
def test_quotation_marks_and_spaces_follow_the_language(store, run, code):
    args = ["--lang", code] if code != "en" else []
    assert run("build", "--root", str(store), *args, "--format", "md", "--format",
               "docx").exit_code == 0
    name = "report" if code == "en" else f"report.{code}"
    folder = store / "build" / "2020-2022"
    markdown = (folder / f"{name}.md").read_text(encoding="utf-8")
    import docx

    word = "\n".join(p.text for p in docx.Document(str(folder / f"{name}.docx")).paragraphs)
    for text in TYPOGRAPHY[code]:
        assert text in markdown, (code, text)
        assert text in word, (code, text)


def test_typography_leaves_times_addresses_and_code_alone():
    from reportgen.languages import LANGUAGES
    from reportgen.markup import make_parser, parse_inline

    inline = parse_inline(make_parser(), 'À 10:30, voir `a:b ; c` et https://x.org/?q=1 : "oui"')
    LANGUAGES["fr"].typography.set_inline(inline)
    assert inline.markdown == ("À 10:30, voir `a:b ; c` et https://x.org/?q=1\u00a0: "
                               "«\u00a0oui\u00a0»")


@pytest.mark.parametrize("code, numbers, names", [
    ("fr", (1, 11, 21, 33, 80), ("Première session", "Onzième session", "Vingt et unième session",
                                 "Trente-troisième session", "Quatre-vingtième session")),
    ("es", (1, 11, 21, 33), ("Primer período de sesiones", "Undécimo período de sesiones",
                             "Vigésimo primer período de sesiones",
                             "Trigésimo tercer período de sesiones")),
    ("ru", (1, 11, 21, 40), ("Первая сессия", "Одиннадцатая сессия", "Двадцать первая сессия",
                             "Сороковая сессия")),
    ("ar", (1, 11, 20, 21, 33), ("الدورة الأولى", "الدورة الحادية عشرة", "الدورة العشرون",
                                 "الدورة الحادية والعشرون", "الدورة الثالثة والثلاثون")),
    ("zh", (1, 11, 20, 33), ("第一届会议", "第十一届会议", "第二十届会议", "第三十三届会议")),
])
def test_sessions_are_named_with_spelled_out_ordinals(code, numbers, names):
    from reportgen.languages import LANGUAGES

    assert tuple(LANGUAGES[code].session_name(n, "") for n in numbers) == names


def test_figures_are_grouped_as_each_language_writes_them(store, run):
    from reportgen.languages import LANGUAGES

    assert [LANGUAGES[c].figure(12345.5) for c in ("en", "fr", "es", "ru", "ar", "zh")] == [
        "12,345.5", "12\u00a0345,5", "12.345,5", "12\u00a0345,5", "12,345.5", "12,345.5"]
    facts = store / "content" / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("value: 150,", "value: 15000,"),
                     encoding="utf-8")
    assert run("build", "--root", str(store), "--lang", "all", "--format", "md").exit_code == 0
    folder = store / "build" / "2020-2022"
    assert "there were 15,000 parties" in (folder / "report.md").read_text(encoding="utf-8")
    assert "comptait 15\u00a0000 parties" in (folder / "report.fr.md").read_text(encoding="utf-8")
    assert "contaba con 15.000 partes" in (folder / "report.es.md").read_text(encoding="utf-8")


PRESS_RELEASE = """\
kind: press-release
id: wg-meeting-2022
date: 2022-03-15
title: Working Group on the Smuggling of Migrants meets in Vienna
dateline: Vienna
lead: |
  The Working Group on the Smuggling of Migrants met from {{ period.start_month }} onwards to review the "Protect, prevent, prosecute" strategy.
body: |
  The report says more (see [](ref:cop-tenth)).
quotes:
  - text: Smugglers adapt quickly; so must we.
    name: Ilias Chatzis
    title: Chief of the Human Trafficking and Migrant Smuggling Section
contact:
  - UNODC Advocacy Section
translations:
  fr:
    title: Le Groupe de travail sur le trafic illicite de migrants se réunit à Vienne
    dateline: Vienne
    lead: |
      Le Groupe de travail sur le trafic illicite de migrants s'est réuni à partir de {{ period.start_month }} pour examiner la stratégie "Protéger, prévenir, poursuivre".
    body: |
      Le rapport en dit plus (voir [](ref:cop-tenth)).
    quotes:
      - text: Les passeurs s'adaptent vite; nous devons en faire autant.
    contact:
      - Section du plaidoyer de l'ONUDC
"""

BRIEF = """\
kind: brief
id: brief-2020-2022
period: 2020-2022
title: UNODC's work against the smuggling of migrants
lead: |
  Between {{ period.start_month }} and {{ period.end_month }}, UNODC supported {{ fact.parties }} States parties.
figures:
  - parties
translations:
  fr:
    title: L'action de l'ONUDC contre le trafic illicite de migrants
    lead: |
      Entre {{ period.start_month }} et {{ period.end_month }}, l'ONUDC a appuyé {{ fact.parties }} États parties.
"""


def test_briefs_and_press_releases_speak_the_edition_s_language(store, run):
    import docx

    write(store / "content" / "documents" / "wg-meeting-2022.yml", PRESS_RELEASE)
    write(store / "content" / "documents" / "brief-2020-2022.yml", BRIEF)
    result = run("build", "--root", str(store), "--lang", "fr", "--lang", "en",
                 "--kind", "brief", "--kind", "press-release", "--format", "md",
                 "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    release = (folder / "press-release-2022-03-15-wg-meeting-2022.fr.md").read_text(encoding="utf-8")
    assert "**Vienne 15 mars 2022 –** Le Groupe de travail" in release
    assert "réuni à partir de juillet 2020 pour examiner la stratégie «\u00a0Protéger" in release
    assert ("> «\u00a0Les passeurs s\u2019adaptent vite\u202f; nous devons en faire autant.\u00a0»"
            in release)
    assert "**Pour plus d'informations, veuillez contacter\u00a0:**" in release
    assert "Le rapport en dit plus (voir [par.\u00a05]" in release  # the edition's words
    html = (folder / "press-release-2022-03-15-wg-meeting-2022.fr.html").read_text(encoding="utf-8")
    assert '<p class="kind-label">Communiqué de presse</p>' in html
    brief = (folder / "brief.fr.md").read_text(encoding="utf-8")
    assert "*Fiche d'information · 2020–2022*" in brief  # the line of its HTML and Word file
    assert "## Chiffres clés" in brief
    assert "Entre juillet 2020 et juillet 2022, l\u2019ONUDC a appuyé 150 États parties." in brief
    assert "- **150** Parties au Protocole (situation\u00a0: juillet 2022)" in brief
    word = [p.text for p in docx.Document(str(folder / "brief.fr.docx")).paragraphs]
    assert "Chiffres clés" in word and "Fiche d'information · 2020–2022" in word
    english = (folder / "press-release-2022-03-15-wg-meeting-2022.md").read_text(encoding="utf-8")
    assert "**Vienna 15 March 2022 –** The Working Group" in english
    assert '> “Smugglers adapt quickly; so must we.”' in english
    assert "**For more information, please contact:**" in english


STATEMENT = """\
kind: statement
id: wg-opening-2022
date: 2022-06-27
title: Opening statement
speaker:
  name: Ilias Chatzis
  title: Chief of the Human Trafficking and Migrant Smuggling Section
body: |
  Welcome to the Working Group.
translations:
  fr:
    title: Déclaration liminaire
    speaker:
      title: Chef de la Section de la traite des personnes et du trafic illicite de migrants
    body: |
      Bienvenue au Groupe de travail.
  es:
    title: Declaración de apertura
    body: |
      Bienvenidos al Grupo de Trabajo.
"""

CHART = """\
chart:
  title: Parties to the Protocol, {{ period.years }}
  bars:
    - parties
"""


def test_the_speaker_s_and_the_chart_s_titles_are_translated_or_marked(store, run):
    """A statement's speaker title and a brief's chart caption are text like any other:
    translated when the translation gives them, else shown marked and named."""
    write(store / "content" / "documents" / "wg-opening-2022.yml", STATEMENT)
    write(store / "content" / "documents" / "brief-2020-2022.yml", BRIEF.replace(
        "translations:", CHART + "translations:").replace(
        "États parties.\n", "États parties.\n    chart:\n      title: Parties au Protocole, {{ period.years }}\n"))
    result = run("build", "--root", str(store), "--lang", "fr", "--lang", "es",
                 "--kind", "brief", "--kind", "statement", "--format", "md")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    french = (folder / "statement-2022-06-27-wg-opening-2022.fr.md").read_text(encoding="utf-8")
    assert ("**Ilias Chatzis**  \nChef de la Section de la traite des personnes et du trafic "
            "illicite de migrants") in french
    spanish = (folder / "statement-2022-06-27-wg-opening-2022.es.md").read_text(encoding="utf-8")
    assert ("**Ilias Chatzis**  \n\\[sin traducir\\] Chief of the Human Trafficking and Migrant "
            "Smuggling Section") in spanish
    assert ("content/documents/wg-opening-2022.yml:2: warning: statement 'wg-opening-2022' "
            "(speaker title) has no Spanish translation (translations: es); the Spanish edition "
            "shows the original, marked [sin traducir]") in result.output
    assert "Graphique à barres. Parties au Protocole, 2020–2022. " in _md(store / "build", "brief.fr.md")
    assert ("Gráfico de barras. \\[sin traducir\\] Parties to the Protocol, 2020–2022. "
            in _md(store / "build", "brief.es.md"))
    assert ("content/documents/brief-2020-2022.yml:2: warning: brief 'brief-2020-2022' has no "
            "Spanish translation") in result.output


def test_the_issuer_is_translated_or_marked(store, run):
    """The series' author issues briefs, press releases and statements: each edition
    prints it in its language, and a document's own issuer is translated like its text."""
    write(store / "content" / "documents" / "wg-opening-2022.yml", STATEMENT.replace(
        "title: Opening statement\n", "title: Opening statement\nissuer: UNODC Vienna\n").replace(
        "    title: Déclaration liminaire\n", "    title: Déclaration liminaire\n    issuer: ONUDC Vienne\n"))
    result = run("build", "--root", str(store), "--lang", "fr", "--lang", "es", "--lang", "ar",
                 "--kind", "statement", "--format", "html")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    page = {code: (folder / f"statement-2022-06-27-wg-opening-2022.{code}.html").read_text(encoding="utf-8")
            for code in ("fr", "es", "ar")}
    assert '<p class="issuer">ONUDC Vienne</p>' in page["fr"]
    assert '<p class="issuer">[sin traducir] UNODC Vienna</p>' in page["es"]
    assert "(issuer, speaker title) has no Spanish translation" in result.output
    # the series' author, translated in series.yml, is the document's author
    assert ('<meta name="author" content="مكتب الأمم المتحدة المعني بالمخدرات والجريمة">'
            in page["ar"])
    assert "series 'series'" not in result.output


@pytest.mark.parametrize("code, expected", [
    ("en", {"val": "en-GB"}), ("fr", {"val": "fr-FR"}),
    ("ar", {"val": "en-GB", "bidi": "ar-SA"}), ("zh", {"val": "en-GB", "eastAsia": "zh-CN"}),
])
@pytest.mark.slow
def test_word_s_theme_languages_follow_the_edition(workspace, run, code, expected):
    import zipfile

    from lxml import etree

    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--lang", code,
                 "--kind", "report", "--format", "docx", "-q")
    assert result.exit_code == 0, result.output
    name = "report.docx" if code == "en" else f"report.{code}.docx"
    with zipfile.ZipFile(workspace / "build" / "2020-2022" / name) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    (theme,) = settings.findall(f"{w}themeFontLang")
    assert {key.removeprefix(w): value for key, value in theme.attrib.items()} == expected


def test_the_word_marks_of_untranslated_text_record_the_values_it_printed(store):
    """The merge reads which figures a paragraph printed from the Word file's marks: an
    untranslated paragraph printed the English figures ('4,000', not '4 000')."""
    from reportgen.assemble import assemble_report
    from reportgen.content.editions import edition_store
    from reportgen.content.store import load_store
    from reportgen.errors import ProblemLog

    (store / "content" / "blocks" / "untranslated.yml").write_text(_ENGLISH_ONLY, encoding="utf-8")
    _add_practitioners(store, "2022-07")
    loaded, log = load_store(store)
    log = ProblemLog()
    edition = edition_store(loaded, "fr", ["2020-2022"], log)
    report = assemble_report(edition, "2020-2022", log, "fr")
    source = report.provenance.texts[("block", "untranslated", "translations.fr.text")]
    assert [(v.name, v.value) for v in source.variables] == [
        ("period.end_month", "July 2022"), ("fact.practitioners", "4,000")]


#: a press release with no translation: a figure, a month, quotation marks and a semicolon
def _add_practitioners(store, as_of: str) -> None:
    """A fact the untranslated fixtures quote: 4,000 practitioners as of ``as_of``."""
    facts = store / "content" / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8") + (
        "practitioners:\n  label: Practitioners trained\n  source: UNODC\n"
        f"  values:\n    - {{value: 4000, as_of: {as_of}}}\n"), encoding="utf-8")


_RELEASE_ENGLISH_ONLY = """kind: press-release
id: toolkit-release
date: 2022-03-01
title: Toolkit used
dateline: Vienna
lead: |
  As of {{ period.end_month }}, more than {{ fact.practitioners }} practitioners had used the "Toolkit"; see [](ref:introduction).
body: |
  The work goes on.[^n]

  - first item;
  - second item.
footnotes:
  n: '{{ fact.practitioners }} in all; see the "Toolkit".'
"""


@pytest.mark.slow
@pytest.mark.parametrize("code, mark", [("fr", "[non traduit]"), ("ar", "[غير مترجم]")])
def test_an_untranslated_press_release_prints_the_english_original_tagged_english(
        store, run, code, mark):
    """As in the report: a short document's text with no translation is the English
    original, its figures, months and typography English, tagged English behind the
    edition's mark, in the page, the Markdown and the Word file."""
    import docx

    write(store / "content" / "documents" / "toolkit-release.yml", _RELEASE_ENGLISH_ONLY)
    _add_practitioners(store, "2022-01")
    result = run("build", "--root", str(store), "--lang", code, "--kind", "press-release",
                 "--format", "md", "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    english_text = ("As of July 2022, more than 4,000 practitioners had used the "
                    "\u201cToolkit\u201d; see paras. 1\u20132.")
    [page] = (store / "build" / "2020-2022").glob(f"press-release-*toolkit-release.{code}.html")
    html = page.read_text(encoding="utf-8")
    assert (f'<span class="untranslated-mark">{mark}</span> <span lang="en" dir="ltr">As of '
            "July 2022, more than 4,000 practitioners had used the \u201cToolkit\u201d; see "
            '<a href="#para-1" class="xref"><span class="nobr">paras. 1\u20132</span></a>.'
            "</span>") in html
    assert (f'<p class="untranslated"><span class="untranslated-mark">{mark}</span> '
            '<span lang="en" dir="ltr">The work goes on.<sup') in html
    assert (f'<span class="untranslated-mark">{mark}</span> <span lang="en" dir="ltr">4,000 in '
            "all; see the \u201cToolkit\u201d.</span>") in html
    assert '<li lang="en" dir="ltr">first item;</li>' in html
    markdown = page.with_suffix(".md").read_text(encoding="utf-8")
    assert f"{mark} The work goes on." in markdown.replace("\\[", "[").replace("\\]", "]")
    word = docx.Document(str(page.with_suffix(".docx")))
    lead = next(p for p in word.paragraphs if "practitioners" in p.text)
    assert lead.text.endswith(f"{mark} {english_text}"), lead.text
    for run_ in (r for r in lead.runs if "practitioners" in r.text):
        tag = run_.element.rPr.find(qn("w:lang"))
        assert tag is not None and tag.get(qn("w:val")) == "en-GB"
    body = next(p for p in word.paragraphs if "work goes on" in p.text)
    assert body.text == f"{mark} The work goes on."
    assert f"{mark} 4,000 in all; see the \u201cToolkit\u201d." in markdown.replace(
        "\\[", "[").replace("\\]", "]")
    import pypandoc

    notes = pypandoc.convert_file(str(page.with_suffix(".docx")), "plain",
                                  extra_args=["--wrap=none"])
    assert f"{mark} 4,000 in all; see the \u201cToolkit\u201d." in notes


@pytest.mark.slow
def test_the_word_marks_of_an_untranslated_press_release_record_the_english_values(store):
    """As for the report: the marks of a short document's untranslated paragraph record
    the English figures it printed, so the merge reads them back as printed."""
    from reportgen.assemble import assemble_report
    from reportgen.briefs import assemble_brief
    from reportgen.content.editions import edition_store
    from reportgen.content.store import load_store
    from reportgen.errors import ProblemLog

    write(store / "content" / "documents" / "toolkit-release.yml", _RELEASE_ENGLISH_ONLY)
    _add_practitioners(store, "2022-01")
    loaded, _ = load_store(store)
    log = ProblemLog()
    edition = edition_store(loaded, "fr", ["2020-2022"], log)
    report = assemble_report(edition, "2020-2022", log, "fr")
    [source] = [d for d in edition.documents if d.id == "toolkit-release"]
    brief = assemble_brief(edition, source, report, log, "fr")
    assert log.errors == []
    lead = brief.provenance.texts[("document", "toolkit-release", "translations.fr.lead")]
    assert [(v.name, v.value) for v in lead.variables] == [
        ("period.end_month", "July 2022"), ("fact.practitioners", "4,000")]
    assert [p.language for p in brief.parts["lead"]] == ["en"]


@pytest.mark.slow
def test_an_untranslated_highlight_of_a_brief_is_the_english_original(store, run):
    """A highlighted block's summary with no translation is printed in the brief as the
    English original (its figures and quotation marks English), tagged English behind
    the mark, in the page, the Markdown and the Word file."""
    import docx

    write(store / "content" / "blocks" / "toolkit.yml",
          "id: toolkit\nplace: introduction\nperiod: 2020-2022\nhighlight: true\n"
          "tags: [observatory]\n"
          'summary: More than {{ fact.practitioners }} practitioners used the "Toolkit".\n'
          "text: |\n  The Toolkit was used.\n")
    write(store / "content" / "documents" / "brief-2020-2022.yml",
          "kind: brief\nid: brief-2020-2022\nperiod: 2020-2022\ntitle: A brief\n"
          "lead: |\n  The period in brief.\n")
    _add_practitioners(store, "2022-01")
    result = run("build", "--root", str(store), "--lang", "fr", "--kind", "brief",
                 "--format", "md", "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    folder = store / "build" / "2020-2022"
    english = "More than 4,000 practitioners used the \u201cToolkit\u201d."
    html = (folder / "brief.fr.html").read_text(encoding="utf-8")
    assert ('<li data-block="toolkit"><span class="untranslated-mark">[non traduit]</span> '
            f'<span lang="en" dir="ltr">{english}</span>') in html
    markdown = (folder / "brief.fr.md").read_text(encoding="utf-8")
    assert f"- \\[non traduit\\] {english}" in markdown
    item = next(p for p in docx.Document(str(folder / "brief.fr.docx")).paragraphs
                if "practitioners" in p.text)
    assert item.text.startswith(f"\u2022\t[non traduit] {english}"), item.text
    for run_ in (r for r in item.runs if "practitioners" in r.text):
        assert run_.element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


@pytest.mark.slow
def test_untranslated_quotations_and_notes_of_a_press_release_are_the_english_original(
        store, run):
    """A quotation and a note after the text with no translation are printed as the
    paragraphs are: the English words, figures and quotation marks, tagged English,
    behind the edition's mark (not the French figures and guillemets around English)."""
    import docx

    write(store / "content" / "documents" / "toolkit-release.yml", _RELEASE_ENGLISH_ONLY + (
        "quotes:\n  - text: 'We trained {{ fact.practitioners }} people.'\n"
        "    name: A. Speaker\nnotes:\n  - '{{ fact.practitioners }} were trained in 2021.'\n"))
    _add_practitioners(store, "2022-01")
    result = run("build", "--root", str(store), "--lang", "fr", "--kind", "press-release",
                 "--format", "md", "--format", "html", "--format", "docx")
    assert result.exit_code == 0, result.output
    mark = "[non traduit]"
    quoted = "\u201cWe trained 4,000 people.\u201d"
    note = "4,000 were trained in 2021."
    [page] = (store / "build" / "2020-2022").glob("press-release-*toolkit-release.fr.html")
    html = page.read_text(encoding="utf-8")
    assert (f'<blockquote><p class="untranslated"><span class="untranslated-mark">{mark}</span> '
            f'<span lang="en" dir="ltr">{quoted}</span></p></blockquote>') in html
    assert (f'<p class="standalone-note"><span class="untranslated-mark">{mark}</span> '
            f'<span lang="en" dir="ltr">{note}</span></p>') in html
    markdown = page.with_suffix(".md").read_text(encoding="utf-8").replace(
        "\\[", "[").replace("\\]", "]")
    assert f"> {mark} {quoted}" in markdown and f"\n{mark} {note}\n" in markdown
    word = docx.Document(str(page.with_suffix(".docx")))
    texts = [p.text for p in word.paragraphs]
    assert f"{mark} {quoted}" in texts and f"{mark} {note}" in texts
    [quotation] = [p for p in word.paragraphs if p.text == f"{mark} {quoted}"]
    assert {r.element.rPr.find(qn("w:lang")).get(qn("w:val")) for r in quotation.runs[1:]} == {"en-GB"}
