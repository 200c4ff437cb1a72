"""What a redline says around the changes, in each of the six languages: the command's
summary line and the labels of ``report.redline.html``.

Counts are written so that they read right whatever the number: English and Spanish
agree the word with the number (1 changed, 2 changed; 1 modificado, 2 modificados),
French too (0 and 1 take the singular); Russian, Arabic and Chinese name what happened
first and give the number after it ("изменено — 2", "المعدلة (2)", "修改 2"), which
needs no agreement.
"""

from __future__ import annotations

from dataclasses import dataclass

#: what happened to a paragraph (or heading) or a note, in the order the lines give them
STATUSES = ("unchanged", "changed", "added", "removed", "moved")


@dataclass(frozen=True)
class RedlineWords:
    """One language's words.  ``done``: per status, the (singular, plural) word said of
    paragraphs and headings; ``done_note``: the same said of notes."""

    code: str
    #: the paragraphs' noun, (singular, plural): "paragraph" in "1 paragraph changed"
    paragraph: tuple[str, str]
    done: dict[str, tuple[str, str]]
    done_note: dict[str, tuple[str, str]]
    #: the summary line: {changed}, {added}, {removed}, {moved} and {notes}
    paragraphs_line: str
    #: the notes' part of it: {changed}, then, when notes were added or removed, more
    notes_line: str
    notes_more: str
    #: the page's labels (see templates/redline.html.j2)
    page: dict[str, str]
    #: a count: {n} and {word}; the first count of the summary line also has {noun}
    count_form: str = "{n} {word}"
    noun_form: str = "{n} {noun} {word}"
    colon: str = ": "
    comma: str = ", "
    stop: str = "."
    #: between two sentences
    gap: str = " "

    def plural(self, n: int) -> bool:
        return n > 1 if self.code == "fr" else n != 1

    def count(self, n: int, status: str, noun: bool = False, note: bool = False) -> str:
        word = (self.done_note if note else self.done)[status][self.plural(n)]
        if noun:
            return self.noun_form.format(n=n, noun=self.paragraph[self.plural(n)], word=word)
        return self.count_form.format(n=n, word=word)

    def counts(self, label: str, numbers: dict[str, int], note: bool = False) -> str:
        """A sentence of the page's summary: 'Paragraphs: 3 unchanged, 1 changed.'"""
        return label + self.colon + self.comma.join(
            self.count(n, status, note=note) for status, n in numbers.items()) + self.stop

    def summary(self, summary, headings: dict[str, int] | None) -> str:
        """The page's summary of paragraphs, notes and (when any changed) headings."""
        sentences = [
            self.counts(self.page["paragraphs"], {status: getattr(summary, status)
                                                  for status in STATUSES}),
            self.counts(self.page["notes"], {status: getattr(summary, f"notes_{status}")
                                             for status in STATUSES[1:4]}, note=True)]
        if headings:
            sentences.append(self.counts(self.page["headings"], headings))
        return self.gap.join(sentences)


_EN_PAGE = {
    "title": "Changes", "since": "Changes to the {period} report since {baseline}",
    "summary": "Summary", "paragraphs": "Paragraphs", "notes": "Notes", "headings": "Headings",
    "Changed": "Changed", "Added": "Added", "Removed": "Removed", "Moved": "Moved",
    "was": "was {n}",
    "renumbered": "{n} paragraphs only changed number, because paragraphs were added, "
    "removed or moved before them; that is not counted as a change.",
    "renumbered_one": "1 paragraph only changed number, because paragraphs were added, "
    "removed or moved before it; that is not counted as a change.",
    "moved_note": "(moved; was paragraph {n})", "removed_note": "(removed; was paragraph {n})",
    "added_note": "(added)", "symbol": "Symbol", "issued": "Date", "session": "Session",
    "venue_dates": "Place and dates", "agenda_item": "Agenda item",
    "agenda_note": "Provisional agenda", "title_field": "Title"}


def _same(*words: str) -> dict[str, tuple[str, str]]:
    """Words that do not change with the number, one per status."""
    return {status: (word, word) for status, word in zip(STATUSES, words, strict=True)}


REDLINE_WORDS: dict[str, RedlineWords] = {
    "en": RedlineWords(
        "en", ("paragraph", "paragraphs"),
        _same("unchanged", "changed", "added", "removed", "moved"),
        _same("unchanged", "changed", "added", "removed", "moved"),
        "{changed}, {added}, {removed}, {moved}; {notes}", "notes: {changed}",
        ", {added}, {removed}", _EN_PAGE),
    "fr": RedlineWords(
        "fr", ("paragraphe", "paragraphes"),
        {"unchanged": ("inchangé", "inchangés"), "changed": ("modifié", "modifiés"),
         "added": ("ajouté", "ajoutés"), "removed": ("supprimé", "supprimés"),
         "moved": ("déplacé", "déplacés")},
        {"unchanged": ("inchangée", "inchangées"), "changed": ("modifiée", "modifiées"),
         "added": ("ajoutée", "ajoutées"), "removed": ("supprimée", "supprimées"),
         "moved": ("déplacée", "déplacées")},
        "{changed}, {added}, {removed}, {moved}\u00a0; {notes}", "notes\u00a0: {changed}",
        ", {added}, {removed}",
        {"title": "Modifications",
         "since": "Modifications apportées au rapport {period} depuis {baseline}",
         "summary": "Résumé", "paragraphs": "Paragraphes", "notes": "Notes",
         "headings": "Titres", "Changed": "Modifiés", "Added": "Ajoutés",
         "Removed": "Supprimés", "Moved": "Déplacés", "was": "ancien {n}",
         "renumbered": "{n}\u00a0paragraphes n'ont changé que de numéro, parce que des "
         "paragraphes ont été ajoutés, supprimés ou déplacés avant eux\u00a0; ce n'est pas "
         "compté comme une modification.",
         "renumbered_one": "1\u00a0paragraphe n'a changé que de numéro, parce que des "
         "paragraphes ont été ajoutés, supprimés ou déplacés avant lui\u00a0; ce n'est pas "
         "compté comme une modification.",
         "moved_note": "(déplacé\u00a0; ancien paragraphe {n})",
         "removed_note": "(supprimé\u00a0; ancien paragraphe {n})", "added_note": "(ajouté)",
         "symbol": "Cote", "issued": "Date", "session": "Session",
         "venue_dates": "Lieu et dates", "agenda_item": "Point de l'ordre du jour",
         "agenda_note": "Ordre du jour provisoire", "title_field": "Titre"},
        colon="\u00a0: "),
    "es": RedlineWords(
        "es", ("párrafo", "párrafos"),
        {"unchanged": ("sin cambios", "sin cambios"), "changed": ("modificado", "modificados"),
         "added": ("añadido", "añadidos"), "removed": ("suprimido", "suprimidos"),
         "moved": ("desplazado", "desplazados")},
        {"unchanged": ("sin cambios", "sin cambios"), "changed": ("modificada", "modificadas"),
         "added": ("añadida", "añadidas"), "removed": ("suprimida", "suprimidas"),
         "moved": ("desplazada", "desplazadas")},
        "{changed}, {added}, {removed}, {moved}; {notes}", "notas: {changed}",
        ", {added}, {removed}",
        {"title": "Cambios", "since": "Cambios en el informe {period} desde {baseline}",
         "summary": "Resumen", "paragraphs": "Párrafos", "notes": "Notas",
         "headings": "Títulos", "Changed": "Modificados", "Added": "Añadidos",
         "Removed": "Suprimidos", "Moved": "Desplazados", "was": "antes {n}",
         "renumbered": "{n} párrafos solo cambiaron de número, porque se añadieron, "
         "suprimieron o desplazaron párrafos antes de ellos; eso no se cuenta como un cambio.",
         "renumbered_one": "1 párrafo solo cambió de número, porque se añadieron, suprimieron "
         "o desplazaron párrafos antes de él; eso no se cuenta como un cambio.",
         "moved_note": "(desplazado; antes párrafo {n})",
         "removed_note": "(suprimido; antes párrafo {n})", "added_note": "(añadido)",
         "symbol": "Signatura", "issued": "Fecha", "session": "Período de sesiones",
         "venue_dates": "Lugar y fechas", "agenda_item": "Tema del programa",
         "agenda_note": "Programa provisional", "title_field": "Título"}),
    "ru": RedlineWords(
        "ru", ("пункты", "пункты"),
        _same("без изменений", "изменено", "добавлено", "удалено", "перемещено"),
        _same("без изменений", "изменено", "добавлено", "удалено", "перемещено"),
        "{changed}, {added}, {removed}, {moved}; {notes}", "сноски: {changed}",
        ", {added}, {removed}",
        {"title": "Изменения",
         "since": "Изменения в докладе за период {period} по сравнению с {baseline}",
         "summary": "Сводка", "paragraphs": "Пункты", "notes": "Сноски",
         "headings": "Заголовки", "Changed": "Изменены", "Added": "Добавлены",
         "Removed": "Удалены", "Moved": "Перемещены", "was": "ранее {n}",
         "renumbered": "Пункты, у которых изменился только номер, потому что перед ними были "
         "добавлены, удалены или перемещены другие пункты (это не считается изменением): {n}.",
         "renumbered_one": "Пункты, у которых изменился только номер, потому что перед ними "
         "были добавлены, удалены или перемещены другие пункты (это не считается "
         "изменением): {n}.",
         "moved_note": "(перемещен; ранее пункт {n})",
         "removed_note": "(удален; ранее пункт {n})", "added_note": "(добавлен)",
         "symbol": "Условное обозначение", "issued": "Дата", "session": "Сессия",
         "venue_dates": "Место и даты", "agenda_item": "Пункт повестки дня",
         "agenda_note": "Предварительная повестка дня", "title_field": "Название"},
        count_form="{word} — {n}", noun_form="{noun}: {word} — {n}"),
    "ar": RedlineWords(
        "ar", ("الفقرات", "الفقرات"),
        _same("دون تغيير", "المعدلة", "المضافة", "المحذوفة", "المنقولة"),
        _same("دون تغيير", "المعدلة", "المضافة", "المحذوفة", "المنقولة"),
        "{changed}، {added}، {removed}، {moved}؛ {notes}", "الحواشي: {changed}",
        "، {added}، {removed}",
        {"title": "التغييرات", "since": "التغييرات في تقرير الفترة {period} منذ {baseline}",
         "summary": "ملخص", "paragraphs": "الفقرات", "notes": "الحواشي",
         "headings": "العناوين", "Changed": "المعدلة", "Added": "المضافة",
         "Removed": "المحذوفة", "Moved": "المنقولة", "was": "سابقا {n}",
         "renumbered": "عدد الفقرات التي تغير رقمها فقط لأن فقرات أضيفت أو حذفت أو نقلت "
         "قبلها (ولا يعد ذلك تغييرا): {n}.",
         "renumbered_one": "عدد الفقرات التي تغير رقمها فقط لأن فقرات أضيفت أو حذفت أو نقلت "
         "قبلها (ولا يعد ذلك تغييرا): {n}.",
         "moved_note": "(نقلت؛ كانت الفقرة {n})", "removed_note": "(حذفت؛ كانت الفقرة {n})",
         "added_note": "(أضيفت)", "symbol": "الرمز", "issued": "التاريخ",
         "session": "الدورة", "venue_dates": "المكان والتاريخ",
         "agenda_item": "البند من جدول الأعمال", "agenda_note": "جدول الأعمال المؤقت",
         "title_field": "العنوان"},
        count_form="{word} ({n})", noun_form="{noun}: {word} ({n})", comma="، "),
    "zh": RedlineWords(
        "zh", ("段落", "段落"),
        _same("未改", "修改", "新增", "删除", "移动"),
        _same("未改", "修改", "新增", "删除", "移动"),
        "{changed}，{added}，{removed}，{moved}；{notes}", "脚注：{changed}",
        "，{added}，{removed}",
        {"title": "修改", "since": "{period}年期间报告相对于{baseline}的修改",
         "summary": "摘要", "paragraphs": "段落", "notes": "脚注", "headings": "标题",
         "Changed": "修改", "Added": "新增", "Removed": "删除", "Moved": "移动",
         "was": "原第{n}段",
         "renumbered": "{n}个段落仅因前面有段落新增、删除或移动而改变了编号；这不算作修改。",
         "renumbered_one": "1个段落仅因前面有段落新增、删除或移动而改变了编号；这不算作修改。",
         "moved_note": "（已移动；原第{n}段）", "removed_note": "（已删除；原第{n}段）",
         "added_note": "（新增）", "symbol": "文号", "issued": "日期", "session": "届会",
         "venue_dates": "地点和日期", "agenda_item": "议程项目", "agenda_note": "临时议程",
         "title_field": "标题"},
        count_form="{word} {n}", noun_form="{noun}：{word} {n}", colon="：", comma="，",
        stop="。", gap=""),
}


def redline_words(code: str) -> RedlineWords:
    """The words of a redline in language ``code`` (English for a code not known)."""
    return REDLINE_WORDS.get(code, REDLINE_WORDS["en"])
