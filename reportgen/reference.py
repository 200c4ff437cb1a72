"""The reference of every content file's keys, written from the models.

``python -m reportgen.reference > docs/reference.md`` writes it; a test checks that the
file in docs/ is what the models give, so the reference cannot drift from the schema.
Each key is listed with its type, whether it must be given (or its default) and the
description written under the field in reportgen/content/models.py.
"""

from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from .content import models
from .content.schema import _field_docs

#: the content files, each with its model, in the order a writer meets them
FILES = (
    ("content/series.yml", "What stays the same from one report to the next.", models.Series),
    ("content/periods/<key>.yml", "One reporting period; the file name is its key "
     "(2024-2026). `reportgen new period` writes one.", models.Period),
    ("content/outline.yml", "The report's headings: a list of chapters, each of these "
     "keys, with its `sections`.", models.OutlineNode),
    ("content/facts.yml", "Named figures: each name (a-z, 0-9, _) holds these keys.",
     models.Fact),
    ("content/blocks/<area>/<id>.yml", "One activity or finding: one or more numbered "
     "paragraphs. `reportgen new block` writes one.", models.Block),
    ("content/documents/<id>.yml", "A press release, statement or brief. `reportgen new "
     "press-release`, `new statement` and `new brief` write one.", models.DocumentFile),
)
#: models that appear inside the files' values, documented after them
PARTS = (
    ("A value of a fact (`values:` in facts.yml)", models.FactValue),
    ("A speaker (`speaker:` of a statement)", models.Speaker),
    ("A quotation (`quotes:` of a press release)", models.Quote),
    ("A chart (`chart:` of a brief)", models.Chart),
    ("A reviewer's comment (`review:` of a block, written by `reportgen merge`)",
     models.ReviewNote),
)


def reference() -> str:
    """The whole reference page, as Markdown."""
    docs = _field_docs()
    out = ["# Reference: the keys of every content file",
           "",
           "Written from reportgen's models by `python -m reportgen.reference`; a test "
           "keeps it current. The same descriptions reach editors through the JSON Schema "
           "of `reportgen schema`. Keys in `translations:` are the text fields of the file "
           "in another language.",
           ""]
    for path, what, model in FILES:
        out += [f"## `{path}`", "", what, ""] + _table(model, docs) + [""]
    out += ["## Parts of files", ""]
    for what, model in PARTS:
        out += [f"### {what}", ""] + _table(model, docs) + [""]
    return "\n".join(out)


def _table(model: type[BaseModel], docs: dict[str, dict[str, str]]) -> list[str]:
    rows = ["| Key | Type | Given | What it is |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        given = "required" if info.is_required() else f"default: `{_default(info.default)}`"
        text = docs.get(model.__name__, {}).get(name, "").replace("\n", " ").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type(info.annotation)} | {given} | {text} |")
    return rows


def _default(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if value not in ({}, []) else ("{}" if value == {} else "[]")


def _type(annotation: object) -> str:
    """A type as a writer reads it."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_type(a) for a in args)
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is dict and typing.get_origin(args[0]) is typing.Literal:
        return f"mapping of language code to {_type(args[1])}"
    if origin is dict:
        return f"mapping of {_type(args[0])} to {_type(args[1])}"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    names = {str: "text", int: "whole number", float: "number", bool: "true or false"}
    if annotation in names:
        return names[annotation]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation.__name__.endswith("Translation"):
            return "the text fields, translated"
        return "heading (these keys)" if annotation is models.OutlineNode else \
            f"{annotation.__name__.lower()} (see below)"
    if getattr(annotation, "__name__", "") == "DateSpan":
        return "date or range"
    if getattr(annotation, "__name__", "") == "date":
        return "day (YYYY-MM-DD)"
    return getattr(annotation, "__name__", str(annotation))


if __name__ == "__main__":
    print(reference(), end="")
