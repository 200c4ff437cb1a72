"""Ordinal numbers spelled out in the six languages, as mastheads name a session.

Each language agrees the ordinal with its word for 'session': French 'session' and
Russian 'сессия' and Arabic 'الدورة' are feminine, Spanish 'período de sesiones' is
masculine and takes the short forms 'primer' and 'tercer' before it.  Numbers up to 99
are made by rule; beyond, the figure is kept.
"""

from __future__ import annotations

from .wording import ordinal_words

_FR_UNITS = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
             "onze", "douze", "treize", "quatorze", "quinze", "seize")
_FR_TENS = {20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante", 60: "soixante"}

_ES_UNITS = ("", "primer", "segundo", "tercer", "cuarto", "quinto", "sexto", "séptimo",
             "octavo", "noveno")
_ES_TEENS = ("décimo", "undécimo", "duodécimo", "decimotercer", "decimocuarto",
             "decimoquinto", "decimosexto", "decimoséptimo", "decimoctavo", "decimonoveno")
_ES_TENS = {2: "vigésimo", 3: "trigésimo", 4: "cuadragésimo", 5: "quincuagésimo",
            6: "sexagésimo", 7: "septuagésimo", 8: "octogésimo", 9: "nonagésimo"}

_RU_UNITS = ("", "первая", "вторая", "третья", "четвертая", "пятая", "шестая", "седьмая",
             "восьмая", "девятая")
_RU_TEENS = ("десятая", "одиннадцатая", "двенадцатая", "тринадцатая", "четырнадцатая",
             "пятнадцатая", "шестнадцатая", "семнадцатая", "восемнадцатая", "девятнадцатая")
_RU_TENS_ORDINAL = {2: "двадцатая", 3: "тридцатая", 4: "сороковая", 5: "пятидесятая",
                    6: "шестидесятая", 7: "семидесятая", 8: "восьмидесятая", 9: "девяностая"}
_RU_TENS = {2: "двадцать", 3: "тридцать", 4: "сорок", 5: "пятьдесят", 6: "шестьдесят",
            7: "семьдесят", 8: "восемьдесят", 9: "девяносто"}

_AR_UNITS = ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة",
             "الثامنة", "التاسعة")
_AR_TENS = {1: "العاشرة", 2: "العشرون", 3: "الثلاثون", 4: "الأربعون", 5: "الخمسون",
            6: "الستون", 7: "السبعون", 8: "الثمانون", 9: "التسعون"}

_ZH_DIGITS = "〇一二三四五六七八九"


def _french(n: int) -> str:
    if n == 1:
        return "première"
    tens, unit = divmod(n, 10)
    if n <= 16:
        cardinal = _FR_UNITS[n]
    elif n < 20:
        cardinal = f"dix-{_FR_UNITS[unit]}"
    elif n < 70:
        cardinal = _FR_TENS[tens * 10] + ("" if unit == 0 else " et un" if unit == 1
                                          else f"-{_FR_UNITS[unit]}")
    elif n < 80:  # soixante-dix, soixante et onze, soixante-douze …
        cardinal = "soixante" + (" et onze" if unit == 1 else f"-{_FR_UNITS[10 + unit]}"
                                 if unit <= 6 else f"-dix-{_FR_UNITS[unit]}")
    else:  # quatre-vingts, quatre-vingt-un …
        rest = n - 80
        cardinal = "quatre-vingt" + ("" if rest == 0 else f"-{_FR_UNITS[rest]}" if rest <= 16
                                     else f"-dix-{_FR_UNITS[rest - 10]}")
    if cardinal.endswith("cinq"):
        return cardinal + "uième"
    if cardinal.endswith("neuf"):
        return cardinal[:-1] + "vième"
    return cardinal.rstrip("e") + "ième"


def _spanish(n: int) -> str:
    tens, unit = divmod(n, 10)
    if n < 10:
        return _ES_UNITS[n]
    if n < 20:
        return _ES_TEENS[unit]
    return _ES_TENS[tens] + (f" {_ES_UNITS[unit]}" if unit else "")


def _russian(n: int) -> str:
    tens, unit = divmod(n, 10)
    if n < 10:
        return _RU_UNITS[n]
    if n < 20:
        return _RU_TEENS[unit]
    return f"{_RU_TENS[tens]} {_RU_UNITS[unit]}" if unit else _RU_TENS_ORDINAL[tens]


def _arabic(n: int) -> str:
    tens, unit = divmod(n, 10)
    if n < 10:
        return _AR_UNITS[n]
    if n == 10:
        return _AR_TENS[1]
    if n < 20:
        return ("الحادية" if unit == 1 else _AR_UNITS[unit]) + " عشرة"
    if unit == 0:
        return _AR_TENS[tens]
    return ("الحادية" if unit == 1 else _AR_UNITS[unit]) + " و" + _AR_TENS[tens]


def _chinese(n: int) -> str:
    tens, unit = divmod(n, 10)
    if n < 10:
        return _ZH_DIGITS[n]
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return f"{head}十{_ZH_DIGITS[unit] if unit else ''}"


_RULES = {"en": ordinal_words, "fr": _french, "es": _spanish, "ru": _russian, "ar": _arabic,
          "zh": _chinese}


def session_ordinal(code: str, n: int) -> str:
    """The ordinal of ``n`` as language ``code`` writes it before (or after) its word for
    'session': 'onzième', 'undécimo', 'одиннадцатая', 'الحادية عشرة', '十一'."""
    if code != "en" and not 0 < n < 100:  # English words go on past 99
        return str(n)
    return _RULES[code](n)
