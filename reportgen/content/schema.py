"""``reportgen schema``: JSON Schema for the content files, made from the models that
validate them, so an editor's completion and reportgen's checks cannot disagree."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from ..filemodes import file_mode
from . import models
from .models import Block, DocumentFile, Fact, OutlineNode, Period, Series

#: file kind -> (schema file name, content files it describes)
SCHEMA_FILES = {
    "block": "block.schema.json",
    "outline": "outline.schema.json",
    "fact": "facts.schema.json",
    "period": "period.schema.json",
    "series": "series.schema.json",
    "document": "document.schema.json",
}
DEFAULT_FOLDER = "schemas"


def _closed(schema: dict) -> dict:
    """Unknown keys are warnings for reportgen; for an editor they are worth a squiggle."""
    if schema.get("type") == "object" and "properties" in schema:
        schema["additionalProperties"] = False
    for value in schema.values():
        if isinstance(value, dict):
            _closed(value)
    for definition in schema.get("$defs", {}).values():
        _closed(definition)
    return schema


def schemas() -> dict[str, dict]:
    """Every schema, keyed by file kind."""
    draft = "https://json-schema.org/draft/2020-12/schema"
    outline = OutlineNode.model_json_schema()
    defs = outline.pop("$defs", {})
    if "OutlineNode" not in defs:  # a recursive model's schema is already a reference
        defs["OutlineNode"] = outline
    fact = Fact.model_json_schema()
    fact_defs = fact.pop("$defs", {})
    fact_defs["Fact"] = fact
    result = {
        "block": Block.model_json_schema(),
        "period": Period.model_json_schema(),
        "series": Series.model_json_schema(),
        "document": DocumentFile.model_json_schema(),
        "outline": {"title": "Outline", "description": "content/outline.yml: the chapters, in order.",
                    "type": "array", "items": {"$ref": "#/$defs/OutlineNode"}, "$defs": defs},
        "fact": {"title": "Facts", "description": "content/facts.yml: named figures with dated values.",
                 "type": "object", "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                 "additionalProperties": {"$ref": "#/$defs/Fact"}, "$defs": fact_defs},
    }
    docs = _field_docs()
    for kind, schema in result.items():
        _described(schema, docs)
        _closed(schema)
        if kind == "fact":
            schema["additionalProperties"] = {"$ref": "#/$defs/Fact"}
        result[kind] = {"$schema": draft, **schema}
    return result


def _field_docs() -> dict[str, dict[str, str]]:
    """What each field of each model means, by model and field name: the string written
    under the field in reportgen/content/models.py, inherited like the field itself.

    The descriptions are read here, when schemas are written, rather than by pydantic
    each time the models are defined: reading the source costs every command a tenth of
    its start-up, and only the schemas show them.
    """
    import ast
    import inspect

    written: dict[str, dict[str, str]] = {}
    for node in ast.parse(inspect.getsource(models)).body:
        if not isinstance(node, ast.ClassDef):
            continue
        written[node.name] = {
            field.target.id: inspect.cleandoc(doc.value.value)
            for field, doc in zip(node.body, node.body[1:], strict=False)
            if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
            and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
            and isinstance(doc.value.value, str)}
    found: dict[str, dict[str, str]] = {}
    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not BaseModel:
            found[model.__name__] = {}
            for base in reversed(model.__mro__):
                found[model.__name__].update(written.get(base.__name__, {})
                                             if base.__module__ == models.__name__ else {})
    return found


def _described(schema: dict, docs: dict[str, dict[str, str]]) -> None:
    """Give every property of every model in ``schema`` its field's description."""
    fields = docs.get(schema.get("title"), {}) if "properties" in schema else {}
    properties = schema.get("properties", {})
    for name, prop in properties.items():
        if name in fields and isinstance(prop, dict):  # keys sorted, as pydantic writes them
            properties[name] = dict(sorted({**prop, "description": fields[name]}.items()))
    for value in schema.values():
        if isinstance(value, dict):
            _described(value, docs)


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``.  Each file is written beside its place and
    renamed into it only when all are complete, so a full disk or a stop midway leaves
    the previous files (or none), never an empty or cut-off one."""
    folder.mkdir(parents=True, exist_ok=True)
    finished: list[tuple[Path, Path]] = []
    try:
        for kind, schema in schemas().items():
            path = folder / SCHEMA_FILES[kind]
            text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
            finished.append((written_beside(path, text.encode("utf-8")), path))
        for temporary, path in finished:
            os.replace(temporary, path)
    finally:
        for temporary, _ in finished:
            if os.path.lexists(temporary):
                os.unlink(temporary)
    return [path for _, path in finished]


def written_beside(path: Path, data: bytes) -> Path:
    """A complete, synced copy of ``data`` in a new file in ``path``'s folder."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, file_mode())  # mkstemp's file is private
    except OSError as exc:
        os.unlink(temporary)
        if exc.filename is None:  # a full disk names no file: this is the one
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise
    except BaseException:
        os.unlink(temporary)
        raise
    return Path(temporary)


def modeline(file: Path, root: Path, kind: str) -> str:
    """The first line that tells an editor which schema validates ``file``."""
    import os

    target = root / DEFAULT_FOLDER / SCHEMA_FILES[kind]
    return f"# yaml-language-server: $schema={os.path.relpath(target, file.parent)}\n"
