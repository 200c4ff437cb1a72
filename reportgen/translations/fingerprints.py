"""Which translations are older than their source.

A translation records, for each field, the fingerprint of the original text it was made
from (``sources:`` beside the translated fields).  When the original changes, the
fingerprints no longer match and the translation is stale: the edition prints the
original in its place, marked untranslated, unless the build is asked to keep it.  A
translation with no recorded fingerprint (typed by hand) is taken as current.
"""

from __future__ import annotations

from pydantic import BaseModel

from ..provenance import fingerprint


def source_text(model: BaseModel, field: str) -> str | None:
    """The original text of ``field`` ('text', 'footnotes.cop', 'title') of ``model``."""
    name, _, label = field.partition(".")
    value = getattr(model, name, None)
    if label:
        return value.get(label) if isinstance(value, dict) else None
    return value if isinstance(value, str) else None


def stale_fields(model: BaseModel, given: BaseModel | None) -> list[str]:
    """The fields of the translation ``given`` whose original has changed since."""
    if given is None:
        return []
    out = []
    for field, recorded in getattr(given, "sources", {}).items():
        source = source_text(model, field)
        if source is not None and fingerprint(source) != recorded:
            out.append(field)
    return out


def is_current(model: BaseModel, given: BaseModel | None, field: str) -> bool:
    """True when ``given`` translates ``field`` and records the fingerprint of the
    original as it is now."""
    source = source_text(model, field)
    recorded = getattr(given, "sources", {}).get(field) if given is not None else None
    return source is not None and recorded == fingerprint(source)
