"""The six official languages of the United Nations, and what an edition in each needs.

Everything that changes with the language of a document lives here, as data: the name
of each language in every other (the masthead's 'Original:' line), the labels of the
masthead, the mark shown on text not yet translated.  The store's translations give the
words; these rules give the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from .dates import day_text
from .typography import Typography, typography_of
from .wording import letter, roman

#: the Latin alphabet, and the Arabic letters in their abjad order (أبجد هوز حطي كلمن سعفص
#: قرشت ثخذ ضظغ), which Arabic documents letter subparagraphs and items with
_LATIN = tuple("abcdefghijklmnopqrstuvwxyz")
_ABJAD = ("أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع",
          "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ")

#: Arabic UN documents give each month by both its Levantine and its Egyptian name
_ARABIC_UN_MONTHS = (
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر")

#: Arabic chapters are numbered with ordinal adverbs ('أولا -', 'ثانيا -'), sections with
#: the names of the letters in abjad order ('ألف -', 'باء -')
_ARABIC_CHAPTERS = ("أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا",
                    "تاسعا", "عاشرا", "حادي عشر", "ثاني عشر", "ثالث عشر", "رابع عشر",
                    "خامس عشر", "سادس عشر", "سابع عشر", "ثامن عشر", "تاسع عشر", "عشرون")
_ARABIC_SECTIONS = ("ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء",
                    "كاف", "لام", "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء",
                    "شين", "تاء", "ثاء", "خاء", "ذال", "ضاد", "ظاء", "غين")

#: Russian months as a month and year name them ('июль 2022 года'), not as a day does
_RUSSIAN_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                   "сентябрь", "октябрь", "ноябрь", "декабрь")


@dataclass(frozen=True)
class Numbering:
    """How issued documents in one language number paragraphs and headings.

    ``chapters`` and ``sections`` name the labels ('roman', 'capitals', 'arabic-ordinals',
    'arabic-letters', 'chinese'); the forms put the label in its punctuation.
    """

    paragraph: str = "{}."
    chapters: str = "roman"
    chapter: str = "{}."
    sections: str = "capitals"
    section: str = "{}."
    subsection: str = "{}."

    def label(self, level: int, n: int, lang: "Language") -> str:
        """The label of the ``n``th numbered heading at ``level`` (1: chapter)."""
        if level == 1:
            return self.chapter.format(_counted(self.chapters, n))
        if level == 2:
            return self.section.format(_counted(self.sections, n))
        if level == 3:
            return self.subsection.format(n)
        if level == 4:
            return lang.letter(n)  # (z) is followed by (aa)
        return f"({roman(n).lower()})"


def _counted(style: str, n: int) -> str:
    """``n`` in one of the numbering styles of ``Numbering``."""
    if style == "capitals":
        return letter(n)
    if style == "arabic-ordinals" and n <= len(_ARABIC_CHAPTERS):
        return _ARABIC_CHAPTERS[n - 1]
    if style == "arabic-letters" and n <= len(_ARABIC_SECTIONS):
        return _ARABIC_SECTIONS[n - 1]
    if style == "chinese":
        from .ordinals import session_ordinal

        return session_ordinal("zh", n)
    if style in ("arabic-ordinals", "arabic-letters"):
        return str(n)  # past the named ones, issued documents are not known to go
    return roman(n)


@dataclass(frozen=True)
class Language:
    """One of the six languages: its code and everything an edition in it prints.  Two
    are the same language when their codes are (a Language is hashed by its code)."""

    code: str
    #: how this language names each of the six ('Original: anglais')
    names: dict[str, str]
    #: shown before text that has no translation into this language yet
    untranslated: str
    direction: str = "ltr"
    #: the masthead as issued documents in this language print it
    united_nations: str = "United Nations"
    distribution: str = "Distr.: General"
    original: str = "Original: {name}"
    report_of_the_secretariat: str = "Report of the Secretariat"
    #: the agenda line; '*' is where the call of the note naming the provisional
    #: agenda stands (after the line in most languages, inside it in Chinese)
    agenda_item: str = "Item {item} of the provisional agenda*"
    #: what stands between an agenda item's number and its letter: '2 (c)'; Chinese '2(c)'
    item_space: str = " "
    session: str = "{ordinal} session"
    #: Russian, Arabic and Chinese issued documents keep the distribution block (lines 1 to
    #: 3 of the masthead's right column) in English
    english_distribution_block: bool = False
    #: the typeface set first for the language's script (Latin and Cyrillic: the bundled
    #: Liberation Serif); ``font_package`` is the Debian package that installs it when
    #: reportgen does not bundle it
    font: str = "Liberation Serif"
    font_package: str | None = None
    #: how Word tags the language (w:lang), and in which of its three slots: 'val' for
    #: Latin and Cyrillic, 'bidi' for right-to-left scripts, 'eastAsia' for Chinese
    word_tag: str = ""
    word_slot: str = "val"
    #: what separates items in a line such as 'Vienna, 17–21 October 2022'
    comma: str = ", "
    #: how a lettered subparagraph, sub-subsection or agenda sub-item is written: '(a)'
    #: in English, 'a)' in French, Spanish and Russian, '(أ)' in Arabic
    letter_form: str = "({})"
    #: an agenda sub-item's letter where it is not written as a subparagraph's: Russian
    #: keeps '2 (c)'; None: as ``letter_form``
    agenda_letter_form: str | None = None
    letters: tuple[str, ...] = _LATIN
    #: how figures are grouped and their decimals marked: '4,000.5', '4 000,5'
    group: str = ","
    decimal: str = "."
    #: paragraph and heading numbers
    numbering: Numbering = field(default_factory=Numbering)
    #: False for a script with no italic type (Arabic, Chinese): what other editions set
    #: in italic (emphasis, run-in headings) is set in bold, never slanted
    italic: bool = True
    #: rewritings the language's grammar asks for where a variable's value meets the
    #: text around it: French elides 'de' before a month with a vowel ('d'août')
    elisions: tuple[tuple[str, str], ...] = ()
    #: the word between the first and last day of a range of dates: None for an en dash
    #: ('17–21 October 2022'); Spanish 'a' ('17 a 21 de octubre de 2022')
    range_word: str | None = None

    def __hash__(self) -> int:
        return hash(self.code)

    @property
    def typography(self) -> Typography:
        """The quotation marks and spaces of text in this language (reportgen.typography)."""
        return typography_of(self.code)

    def letter(self, n: int) -> str:
        """The ``n``th letter label (1 -> '(a)'); after the last letter come two ('(aa)')."""
        return self.letter_form.format(self._bare_letter(n))

    def _bare_letter(self, n: int) -> str:
        out = ""
        while n:
            n, rem = divmod(n - 1, len(self.letters))
            out = self.letters[rem] + out
        return out

    def elided(self, text: str) -> str:
        """``text`` with the language's elisions made ('de août' -> 'd'août')."""
        for pattern, replacement in self.elisions:
            text = re.sub(pattern, replacement, text)
        return text

    def agenda_item_number(self, item: str) -> str:
        """An agenda item as the language writes it: '2 (c)' is '2 c)' in French."""
        match = re.fullmatch(r"(\S+)\s*\(([a-z]{1,2})\)", item.strip())
        if not match:
            return item
        number, letters = match.groups()
        n = 0
        for char in letters:
            n = n * 26 + _LATIN.index(char) + 1
        form = self.agenda_letter_form or self.letter_form
        return f"{number}{self.item_space}{form.format(self._bare_letter(n))}"

    def figure(self, value: object) -> str:
        """A fact's value as the language writes figures."""
        from .wording import grouped

        return grouped(value, self.group, self.decimal)

    def day(self, d: date) -> str:
        """A date as a document in this language writes it."""
        if self.code == "en":
            return day_text(d)
        if self.code == "ar":
            return f"{d.day} {_ARABIC_UN_MONTHS[d.month - 1]} {d.year}"
        from babel.dates import format_date

        text = format_date(d, "long", locale=self.code)
        # Russian documents write the year out: '30 июля 2022 года', not '2022 г.'
        return re.sub(r"\s*г\.$", " года", text) if self.code == "ru" else text

    def days(self, start: date, end: date, english: str) -> str:
        """The dates of a session: '17–21 octobre 2022'; ``english`` in English."""
        if self.code == "en":
            return english
        same_year = start.year == end.year
        same_month = same_year and start.month == end.month
        if self.code == "zh":
            # '2022年10月17日至21日', '2022年9月28日至10月2日'
            if same_month:
                return f"{self.day(start)}至{end.day}日"
            if same_year:
                return f"{self.day(start)}至{end.month}月{end.day}日"
            return f"{self.day(start)}至{self.day(end)}"
        if same_month:
            first = str(start.day)
        elif same_year and self.code == "es":
            first = f"{start.day} de {self._month_name(start)}"  # '28 de julio a 5 de agosto de 1997'
        else:
            first = self.day(start)
        if self.range_word:
            return f"{first} {self.range_word} {self.day(end)}"
        return f"{first}\u2013{self.day(end)}"

    def _month_name(self, d: date) -> str:
        from babel.dates import format_date

        return format_date(d, "MMMM", locale=self.code)

    def session_name(self, number: int, english: str) -> str:
        """'Eleventh session' in English; elsewhere as issued documents in the language
        write it: 'Onzième session', 'الدورة الحادية عشرة', '第十一届会议'."""
        if self.code == "en":
            return english
        from .ordinals import session_ordinal

        name = self.session.format(ordinal=session_ordinal(self.code, number))
        return name[:1].upper() + name[1:]

    @property
    def name(self) -> str:
        """Its own name for itself."""
        return self.names[self.code]

    @property
    def words(self) -> "Words":
        """The words its documents print around the writer's text."""
        return WORDS[self.code]

    @property
    def english_name(self) -> str:
        """Its name in English ('French'), as the messages name an edition."""
        return ENGLISH.names[self.code]

    def written(self, span) -> str:
        """A date as precise as it was given ('July 2022', '2022'), in the language."""
        if self.code == "en":
            return span.written()
        if span.precision == "day":
            return self.day(span.start)
        if span.precision == "year":
            return str(span.start.year)
        month, year = span.start.month, span.start.year
        if self.code == "ar":
            return f"{_ARABIC_UN_MONTHS[month - 1]} {year}"
        if self.code == "ru":
            return f"{_RUSSIAN_MONTHS[month - 1]} {year} года"
        if self.code == "zh":
            return f"{year}年{month}月"
        from babel.dates import format_date

        return format_date(span.start, "MMMM 'de' y" if self.code == "es" else "MMMM y",
                           locale=self.code)


@dataclass(frozen=True)
class Words:
    """The words a document prints around the writer's text, in one language."""

    key_figures: str
    sources: str
    as_of: str                 # '(as of July 2022)': '{date}' is the fact's date
    contact: str               # heading of the contact lines
    contents: str
    notes: str
    para: str                  # '{n}' is a paragraph number
    bar_chart: str             # opens the chart's description
    #: headings of the brief's highlights, in the order of reportgen.briefs.AREAS
    areas: tuple[str, str, str, str]
    #: the marks around a quotation set apart in a press release
    quote: tuple[str, str] = ("\u201c", "\u201d")
    #: a reference to several paragraphs: '{a}' the first, '{b}' the last
    paras: str = "paras. {a}\u2013{b}"
    #: the words a table's, a figure's and an annex's number follow ('Table 1',
    #: 'Figure I', 'Annex I')
    table: str = "Table"
    figure: str = "Figure"
    annex: str = "Annex"


#: 'Tableau', 'Cuadro', 'Таблица', 'الجدول', '表' before a table's number, 'Gráfico',
#: 'Диаграмма', 'الشكل', '图' before a figure's and 'Annexe', 'Anexo', 'Приложение', 'المرفق',
#: '附件' before an annex's: the UN editorial conventions (reference notes kept with the
#: project), not checked in an issued document here
WORDS: dict[str, Words] = {
    "en": Words("Key figures", "Sources",
                "as of {date}", "For more information, please contact:", "Contents", "Notes",
                "para. {n}", "Bar chart",
                ("Intergovernmental and inter-agency work", "Knowledge and tools",
                 "Technical cooperation", "Observatory findings")),
    "fr": Words("Chiffres clés", "Sources", "situation\u00a0: {date}",
                "Pour plus d'informations, veuillez contacter\u00a0:", "Table des matières",
                "Notes", "par.\u00a0{n}", "Graphique à barres",
                ("Travaux intergouvernementaux et interinstitutions", "Connaissances et outils",
                 "Coopération technique", "Constatations de l'Observatoire"),
                ("\u00ab\u00a0", "\u00a0\u00bb"), paras="par.\u00a0{a} à {b}", table="Tableau", figure="Figure", annex="Annexe"),
    "es": Words("Cifras clave", "Fuentes", "datos de {date}",
                "Para más información, sírvase dirigirse a:", "Índice", "Notas", "párr. {n}",
                "Gráfico de barras",
                ("Labor intergubernamental e interinstitucional", "Conocimientos e instrumentos",
                 "Cooperación técnica", "Conclusiones del Observatorio"), ("\u00ab", "\u00bb"),
                paras="párrs. {a} a {b}", table="Cuadro", figure="Gráfico", annex="Anexo"),
    "ru": Words("Основные показатели", "Источники", "по состоянию на {date}",
                "За дополнительной информацией обращаться:", "Содержание", "Примечания",
                "п.\u00a0{n}", "Гистограмма",
                ("Межправительственная и межучрежденческая работа", "Знания и инструменты",
                 "Техническое сотрудничество", "Выводы Обсерватории"), ("\u00ab", "\u00bb"),
                paras="пп.\u00a0{a}\u2013{b}", table="Таблица", figure="Диаграмма",
                annex="Приложение"),
    "ar": Words("أرقام رئيسية", "المصادر",
                "في {date}", "لمزيد من المعلومات، يرجى الاتصال بـ:", "المحتويات", "الحواشي",
                "الفقرة {n}", "رسم بياني بالأعمدة",
                ("العمل الحكومي الدولي والمشترك بين الوكالات", "المعارف والأدوات",
                 "التعاون التقني", "استنتاجات المرصد"), ("\u00ab", "\u00bb"),
                paras="الفقرات من {a} إلى {b}", table="الجدول", figure="الشكل", annex="المرفق"),
    "zh": Words("关键数字", "资料来源", "截至{date}",
                "详情请联系：", "目录", "注", "第{n}段", "条形图",
                ("政府间和机构间工作", "知识和工具", "技术合作", "观察站的调查结果"),
                paras="第{a}至{b}段", table="表", figure="图", annex="附件"),
}


#: the six, in the order UN documents list them (English alphabetical).
#:
#: Each rule that differs from English names an issued document it was read from.  Where
#: the form could only be checked in the UN editorial conventions (reference notes kept
#: with the project) and not in an issued document, the comment says "not checked".
LANGUAGES: dict[str, Language] = {
    "ar": Language(
        "ar",
        {"ar": "عربي", "zh": "صيني", "en": "إنكليزي", "fr": "فرنسي", "ru": "روسي", "es": "إسباني"},
        "[غير مترجم]", "rtl", united_nations="الأمم المتحدة",
        report_of_the_secretariat="تقرير الأمانة",
        # 'البند 85 من جدول الأعمال المؤقت*', the note's call after the line: Arabic edition
        # of the Secretary-General's report on the law of transboundary aquifers, sixty-sixth
        # session (its agenda note cites A/66/150)
        agenda_item="البند {item} من جدول الأعمال المؤقت*", session="الدورة {ordinal}",
        english_distribution_block=True, font="Noto Naskh Arabic", word_tag="ar-SA",
        # the Arabic comma in datelines and lists: CCPR/C/95/D/1479/2006 (Arabic edition);
        # figures in Western digits ('1 -', 'البند 85'), as both documents print them: no
        # Arabic-Indic digits
        word_slot="bidi", comma="\u060c ", letters=_ABJAD,
        # paragraphs '1 -', chapters 'ثانيا -': the same report on transboundary aquifers
        # (A/66/150 agenda); chapters 'أولا -', 'ثانيا -' and sections 'ألف -', 'باء -':
        # A/71/1007 (Arabic edition; its Word text numbers paragraphs with Arabic-Indic
        # digits, '١ -', where the printed documents above have Western ones);
        # subsections '1 -' and (i)-level labels: not checked in an issued document, kept
        # as the UN editorial conventions and English have them
        numbering=Numbering(paragraph="{} -", chapters="arabic-ordinals", chapter="{} -",
                            sections="arabic-letters", section="{} -", subsection="{} -"),
        italic=False),
    "zh": Language(
        "zh",
        {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
        "[未翻译]", united_nations="联合国", report_of_the_secretariat="秘书处的报告",
        # '临时议程* 项目2(c)': the note's call after '临时议程' is from the UN editorial
        # conventions, not checked in an issued document; the item without a space
        # before its letter, '项目 2(a)': FCCC/KP/CMP/2007/1 (Chinese edition)
        agenda_item="临时议程* 项目{item}", item_space="", session="第{ordinal}届会议",
        english_distribution_block=True, font="Noto Serif CJK SC", font_package="fonts-noto-cjk",
        # the full-width comma of Chinese text in the dateline ('维也纳，2022年…'): UN
        # editorial conventions, not checked in an issued masthead
        word_tag="zh-CN", word_slot="eastAsia", comma="\uff0c",
        # chapters '二.', sections 'A.', paragraphs '1.': A/70/46 (Chinese edition);
        # dates '2015年6月1日至5日': the same document
        numbering=Numbering(chapters="chinese"), italic=False),
    "en": Language(
        "en",
        {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
         "es": "Spanish"},
        "[untranslated]", word_tag="en-GB"),
    "fr": Language(
        "fr",
        {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe",
         "es": "espagnol"},
        "[non traduit]", united_nations="Nations Unies", distribution="Distr. générale",
        original="Original\u00a0: {name}", report_of_the_secretariat="Rapport du Secrétariat",
        # numbering as in English ('I.', 'A.', '1.') and the agenda line with its sub-items
        # 'a)' ('Point 2 a), c), e) et f) de l'ordre du jour provisoire*'):
        # CTOC/COP/2006/7/Rev.1 (French edition); subparagraphs 'a)' in the text: UN
        # editorial conventions, not checked in an issued French document here
        agenda_item="Point {item} de l'ordre du jour provisoire*", session="{ordinal} session",
        word_tag="fr-FR", letter_form="{})", group="\u00a0", decimal=",",
        # 'de' + 'août' from a variable ('allant de {{ period.start_month }}') is 'd'août'
        elisions=((r"\b([Dd])e (?=(?:avril|août|octobre)\b)", r"\1'"),)),
    "ru": Language(
        "ru",
        {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский",
         "ru": "русский", "es": "испанский"},
        "[без перевода]", united_nations="Организация Объединенных Наций",
        report_of_the_secretariat="Доклад Секретариата",
        # numbering as in English, subparagraphs 'a)': not checked in an issued Russian
        # document here; the agenda line, its sub-item in brackets ('Пункт 2 (a), (c), (d),
        # (e) и (f) предварительной повестки дня*'): CTOC/COP/2006/6/Rev.1 (Russian edition)
        agenda_item="Пункт {item} предварительной повестки дня*", session="{ordinal} сессия",
        english_distribution_block=True, word_tag="ru-RU", letter_form="{})",
        agenda_letter_form="({})", group="\u00a0",
        decimal=","),
    "es": Language(
        "es",
        {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso",
         "es": "español"},
        "[sin traducir]", united_nations="Naciones Unidas", distribution="Distr. general",
        report_of_the_secretariat="Informe de la Secretaría",
        # 'Tema 2 a) del programa provisional', 'Bonn, 6 a 17 de noviembre de 2017', numbering
        # 'I.', '1.', 'a)': FCCC/KP/CMP/2017/1 (Spanish edition); across months, '28 de
        # julio a 5 de agosto de 1997' and 'párr. 44 b)': FCCC/SBI/1997/11
        agenda_item="Tema {item} del programa provisional*",
        session="{ordinal} período de sesiones", word_tag="es-ES", letter_form="{})",
        group=".", decimal=",", range_word="a"),
}

CODES = tuple(LANGUAGES)

#: English, the language a model assumes when none is given
ENGLISH = LANGUAGES["en"]


class InLanguage:
    """What a document model written in ``self.language`` knows of its language."""

    language: str

    @property
    def lang(self) -> Language:
        """The document's language (``language`` is its code)."""
        return language(self.language)

    @property
    def words(self) -> Words:
        """The words printed around the text, in the document's language."""
        return self.lang.words

    @property
    def direction(self) -> str:
        """'rtl' for a language written right to left (Arabic), else 'ltr'."""
        return self.lang.direction

    @property
    def untranslated_mark(self) -> str:
        """The mark before text printed untranslated: '[non traduit]'."""
        return self.lang.untranslated

    @property
    def comma(self) -> str:
        """What separates items in a line ('Fact sheet, 2020–2022'; Arabic '،', Chinese '，')."""
        return self.lang.comma


def language(code: str | Language) -> Language:
    """The language of ``code`` (a Language is itself)."""
    return code if isinstance(code, Language) else LANGUAGES[code]


def chosen_languages(requested: Iterable[str | Language] | None,
                     original: str | Language) -> tuple[Language, ...]:
    """The languages a command works in: those asked for, each once, in the order asked;
    when none are, the series' own (``original``).  The default is decided here only."""
    chosen = tuple(dict.fromkeys(language(code) for code in requested or ()))
    return chosen or (language(original),)


def code_of_name(name: str) -> str | None:
    """The code of a language given by its English name ('English' -> 'en')."""
    return next((code for code, lang in LANGUAGES.items()
                 if lang.names["en"].lower() == name.strip().lower()), None)


#: how far a reader looks for a numbered heading's label (chapters and sections)
_LABELS_READ = 40


def heading_marks() -> MappingProxyType[str, tuple[int, str]]:
    """Each chapter and section label an edition prints in its own words ('ثانيا', '二',
    'باء'), without its punctuation, mapped to (level, the English mark: 'II', 'B'): so
    that a reader of a report in any edition reads its outline by the same numbering."""
    marks: dict[str, tuple[int, str]] = {}
    english = Numbering()
    for lang in LANGUAGES.values():
        numbering = lang.numbering
        for level, style in ((1, numbering.chapters), (2, numbering.sections)):
            for n in range(1, _LABELS_READ + 1):
                own = _counted(style, n)
                mark = _counted(english.chapters if level == 1 else english.sections, n)
                if own != mark and not own.isdigit():
                    marks.setdefault(own, (level, mark))
    return MappingProxyType(marks)


def label_endings() -> tuple[str, ...]:
    """The punctuation after a number in every edition's labels ('.', ' -'), longest first."""
    endings = {form.replace("{}", "") for lang in LANGUAGES.values()
               for form in (lang.numbering.paragraph, lang.numbering.chapter,
                            lang.numbering.section, lang.numbering.subsection)}
    return tuple(sorted(endings, key=len, reverse=True))
