"""What a content file's fields did wrong, in a writer's words.

The models are checked by pydantic, whose messages ("input should be a valid integer,
unable to parse string as an integer") are worded for programmers and change between its
releases.  Each error is told here from its type, a name pydantic keeps stable, and the
values it carries; a type not listed still gets a sentence of ours.  Positions in lists
count from 1, as a writer counts the items of a list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def field_path(loc: Sequence[Any]) -> str:
    """``values.2.as_of`` for the ``as_of`` of the second item of ``values``."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "a yes-or-no value"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'" if value.strip() else "empty text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields (name: value lines)"
    if value is None:
        return "nothing"
    return "another kind of value"


def _expected(kind: str, err: dict) -> str | None:
    """What the field expected, for errors that say the value was of the wrong kind."""
    ctx = err.get("ctx") or {}
    return {
        "int": "a whole number such as 3",
        "float": "a number such as 2.5",
        "bool": "yes or no (true or false)",
        "string": "text",
        "list": "a list (one item per line, each starting with '- ')",
        "dict": "fields (name: value lines indented under it)",
        "model": "fields (name: value lines indented under it)",
        "date": "a date such as 2021-05-14",
        "literal": f"one of {ctx.get('expected', 'the listed values')}",
        "enum": f"one of {ctx.get('expected', 'the listed values')}",
    }.get(kind)


#: error type -> the kind of value the field expected
_KINDS = {
    "int_parsing": "int", "int_type": "int", "int_from_float": "int",
    "float_parsing": "float", "float_type": "float",
    "bool_parsing": "bool", "bool_type": "bool",
    "string_type": "string", "list_type": "list", "tuple_type": "list", "set_type": "list",
    "dict_type": "dict", "model_type": "model", "model_attributes_type": "model",
    "date_parsing": "date", "date_type": "date", "date_from_datetime_parsing": "date",
    "literal_error": "literal", "enum": "enum",
}

_LIMITS = {
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be {ge} or more",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be {le} or less",
    "too_short": "needs at least {min_length} item(s)",
    "too_long": "has more than {max_length} items",
    "string_too_short": "needs at least {min_length} character(s)",
    "string_too_long": "is longer than {max_length} characters",
    "string_pattern_mismatch": "is not written in the expected form",
    "finite_number": "must be a finite number",
}


def field_message(err: dict) -> str:
    """One sentence (without the field's name) for one pydantic error ``err``."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and "error" in ctx:
        return str(ctx["error"])  # raised by reportgen's own validators: already ours
    if kind in _KINDS:
        return f"expected {_expected(_KINDS[kind], err)}, found {_found(err.get('input'))}"
    if kind in _LIMITS:
        try:
            sentence = _LIMITS[kind].format(**ctx)
        except (KeyError, IndexError):
            pass
        else:  # "at least 1 item(s)" reads "at least one item"
            return (sentence.replace(" 1 item(s)", " one item").replace(" 1 character(s)", " one character")
                    .replace("(s)", "s"))
    if kind == "extra_forbidden":
        return "is not a field here"
    return f"{_found(err.get('input'))} is not a value this field accepts"
