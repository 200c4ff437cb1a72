"""YAML syntax errors in a writer's words.

The parser says what it could not do in its own terms ("mapping values are not allowed in
this context"), which differ between its C and Python builds and from release to
release.  Each kind of mistake a writer makes is recognised here from the parser's
report and told as what to do, on the line where to do it; a report not recognised gets
a sentence of ours too, never the parser's.  Limits reportgen promises (how deep values
nest) are checked by reportgen itself, whatever the parser stops at first.
"""

from __future__ import annotations

import yaml

#: Values never nest deeper than this in a content file; the limit keeps building values
#: from recursing without end on hostile input.
MAX_DEPTH = 20

#: (words in the parser's report, what the writer is told): the first that matches wins
_MISTAKES = (
    (("mapping values",),
     "a colon followed by a space starts a new field, and one cannot start here: if the "
     "colon belongs to the text, put the whole text in quotes (summary: \"Key finding: "
     "fees rose\"); if this line is a field of its own, indent it like the fields around it"),
    (("could not find expected ':'",),
     "this line is neither a field ('name: value') nor part of the text above it; indent "
     "it under its field, or put the text in quotes"),
    (("did not find expected key", "expected <block end>, but found '<scalar>'"),
     "text follows a closing quote or a value on the same line; put the whole text in "
     "one pair of quotes, or indent the line like the fields around it"),
    (("expected '-' indicator", "expected <block end>"),
     "this line is not indented like the list items or fields around it; line it up "
     "with spaces"),
    (("cannot start any token",),
     "a value cannot begin with this character (such as @ or `); put the text in quotes"),
    (("unknown escape character",),
     "a backslash in double quotes starts an escape such as \\n; write \\\\ for a "
     "backslash, or put the text in single quotes"),
    (("node content",),
     "a value is missing here (after '-', ':' or ',' in brackets); write it, or remove "
     "the extra sign"),
    (("expected ',' or ']'",),
     "the list in square brackets is not closed where expected; end it with ']' and "
     "separate items with commas"),
    (("expected ',' or '}'",),
     "the mapping in braces is not closed where expected; end it with '}' and separate "
     "fields with commas"),
    (("tab character",),
     "tab character used for indentation; indent with spaces"),
    (("another document",),
     "a line of three hyphens (---) starts a second document; a content file holds one"),
    (("directive",),
     "lines starting with % are YAML directives, which content files do not use; put "
     "the text in quotes"),
)

#: what an unclosed construct is called, by words of the parser's context
_UNCLOSED = (
    ("quoted scalar", "quoted text is never closed (a quote mark is missing)"),
    ("flow sequence", "'[' is never closed (a ']' is missing)"),
    ("flow mapping", "'{' is never closed (a '}' is missing)"),
)

_UNREADABLE = ("this line cannot be read as YAML; check its indentation, quotes and "
               "colons against the fields around it")


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """The message and 1-based line for the parser's ``exc`` on ``text``."""
    deep = too_deep(text)
    if deep is not None:
        return nested_too_deep(), deep
    mark = exc.problem_mark or exc.context_mark
    problem, context = (exc.problem or "").lower(), (exc.context or "").lower()
    at_end = mark is not None and not text[mark.index:].strip()
    unclosed = next((words for key, words in _UNCLOSED if key in context), None)
    if exc.context_mark is not None and at_end and unclosed:
        # the error surfaces at the end of the file; the unclosed opener is what to fix
        return f"invalid YAML: {unclosed}", exc.context_mark.line + 1
    line = mark.line + 1 if mark is not None else None
    if mark is not None and _tab_before(text, mark.line, mark.column):
        return "invalid YAML: tab character used for indentation; indent with spaces", line
    for fragments, words in _MISTAKES:
        if any(fragment in problem for fragment in fragments):
            return f"invalid YAML: {words}", line
    return f"invalid YAML: {_UNREADABLE}", line


def syntax_excerpt(exc: yaml.MarkedYAMLError, text: str, line: int | None) -> str:
    """The offending line of ``text`` with a caret under where the parser stopped (or
    under the opener never closed); '' when there is no line to show."""
    if line is None:
        return ""
    marks = [m for m in (exc.problem_mark, exc.context_mark) if m is not None]
    mark = next((m for m in marks if m.line + 1 == line), None)
    column = mark.column if mark is not None else None
    return excerpt(text, line, column)


def excerpt(text: str, line: int, column: int | None = None) -> str:
    """Line ``line`` (1-based) of ``text``, numbered, and a caret under ``column`` (0-based;
    under the line's first character when unknown), each line indented:

        7 | summary: Key finding: fees rose
          |                     ^
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].replace("\t", " ")
    if column is None or column > len(shown):
        column = len(shown) - len(shown.lstrip())
    number = str(line)
    return (f"  {number} | {shown}\n"
            f"  {' ' * len(number)} | {' ' * column}^")


def unmarked_problem(text: str) -> tuple[str, int | None]:
    """The message and line for a parser failure that carries no position."""
    deep = too_deep(text)
    if deep is not None:
        return nested_too_deep(), deep
    return f"invalid YAML: {_UNREADABLE}", None


def nested_too_deep() -> str:
    return f"values are nested more than {MAX_DEPTH} levels deep"


def too_deep(text: str) -> int | None:
    """The line of the first value nested more than :data:`MAX_DEPTH` levels deep in
    ``text``, or None.

    Read event by event with PyYAML's pure-Python parser, which stops at no depth of its
    own, so that reportgen's limit holds whatever limit the faster parser has.  A value's
    depth is the number of lists and mappings open around it, as the value builder counts
    it.  Only called once a file has failed to parse, so the slower parser costs nothing
    in a good build.
    """
    open_collections = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections -= 1
            elif isinstance(event, yaml.NodeEvent):
                if open_collections > MAX_DEPTH:
                    return event.start_mark.line + 1
                if isinstance(event, yaml.CollectionStartEvent):
                    open_collections += 1
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def _tab_before(text: str, line: int, column: int) -> bool:
    lines = text.splitlines()
    if line >= len(lines):
        return False
    here = lines[line]
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    return "\t" in indent or "\t" in here[: column + 1]
