"""The six official languages of the United Nations, and what an edition in each needs.

Everything that changes with the language of a document lives here, as data: the name
of each language in every other (the masthead's 'Original:' line), the labels of the
masthead, the mark shown on text not yet translated.  The store's translations give the
words; these rules give the rest.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    #: how this language names each of the six ('Original: anglais')
    names: dict[str, str]
    #: shown before text that has no translation into this language yet
    untranslated: str
    direction: str = "ltr"

    @property
    def name(self) -> str:
        """Its own name for itself."""
        return self.names[self.code]


#: the six, in the order UN documents list them (English alphabetical)
LANGUAGES: dict[str, Language] = {
    "ar": Language(
        "ar",
        {"ar": "عربي", "zh": "صيني", "en": "إنكليزي", "fr": "فرنسي", "ru": "روسي", "es": "إسباني"},
        "[غير مترجم]", "rtl"),
    "zh": Language(
        "zh",
        {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
        "[未翻译]"),
    "en": Language(
        "en",
        {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian",
         "es": "Spanish"},
        "[untranslated]"),
    "fr": Language(
        "fr",
        {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe",
         "es": "espagnol"},
        "[non traduit]"),
    "ru": Language(
        "ru",
        {"ar": "арабский", "zh": "китайский", "en": "английский", "fr": "французский",
         "ru": "русский", "es": "испанский"},
        "[без перевода]"),
    "es": Language(
        "es",
        {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso",
         "es": "español"},
        "[sin traducir]"),
}

CODES = tuple(LANGUAGES)


def language(code: str) -> Language:
    return LANGUAGES[code]


def code_of_name(name: str) -> str | None:
    """The code of a language given by its English name ('English' -> 'en')."""
    return next((code for code, lang in LANGUAGES.items()
                 if lang.names["en"].lower() == name.strip().lower()), None)
