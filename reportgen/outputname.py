"""The name of an output file, as typed fields.

An output is one document (a kind and the document's own name), in one language, in one
format.  Its :class:`OutputName` is made once, when the build renders it, and written as
the file name ('report.pdf', 'report.fr.pdf', 'press-release-2021-12-08-x.docx'); the
period's manifest keeps the fields beside the file name, so that what a file is (which
stale outputs to remove, which editions an original's build left behind) is read from
them, never parsed back out of the name.
"""

from __future__ import annotations

from dataclasses import dataclass

from .languages import Language, language


@dataclass(frozen=True)
class OutputName:
    kind: str               # 'report', 'brief', 'press-release', 'statement'
    document: str           # the document's own name: 'report', 'press-release-2021-12-08-x'
    language: Language | None  # an edition's language; None for the original
    format: str             # the file extension and --format value

    @property
    def file(self) -> str:
        """The file name: the language stands before the extension for an edition."""
        edition = f".{self.language.code}" if self.language else ""
        return f"{self.document}{edition}.{self.format}"

    def in_language(self, original: Language) -> Language:
        """The language of the output's text: ``original`` for the original."""
        return self.language or original

    @classmethod
    def of(cls, doc, fmt: str) -> "OutputName":
        """The name of document model ``doc`` (a report or a brief) in format ``fmt``."""
        lang = language(doc.language) if doc.translated else None
        document = doc.name.removesuffix(f".{lang.code}") if lang else doc.name
        return cls(doc.kind, document, lang, fmt)

    def fields(self) -> dict:
        """The fields as the manifest keeps them."""
        return {"kind": self.kind, "document": self.document,
                "language": self.language.code if self.language else None,
                "format": self.format}

    @classmethod
    def from_fields(cls, data: dict) -> "OutputName | None":
        """The name the manifest kept; None for an entry without (or with broken) fields."""
        try:
            name = cls(str(data["kind"]), str(data["document"]),
                       None if data["language"] is None else language(data["language"]),
                       str(data["format"]))
        except (KeyError, TypeError):
            return None
        return name
