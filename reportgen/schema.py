"""``reportgen schema``: JSON Schema for the content files, made from the models that
validate them, so an editor's completion and reportgen's checks cannot disagree."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

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
    for kind, schema in result.items():
        _closed(schema)
        if kind == "fact":
            schema["additionalProperties"] = {"$ref": "#/$defs/Fact"}
        result[kind] = {"$schema": draft, **schema}
    return result


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
        os.chmod(temporary, 0o644)
    except BaseException:
        os.unlink(temporary)
        raise
    return Path(temporary)


def modeline(file: Path, root: Path, kind: str) -> str:
    """The first line that tells an editor which schema validates ``file``."""
    import os

    target = root / DEFAULT_FOLDER / SCHEMA_FILES[kind]
    return f"# yaml-language-server: $schema={os.path.relpath(target, file.parent)}\n"
