"""Reading YAML files written by hand, keeping the line of every value.

PyYAML composes a node tree carrying marks; we build plain Python values from it
ourselves so that every mapping key and list item keeps its line, only the standard
scalar types are accepted (no ``!!python/...`` tags), and anchors and aliases are
refused outright (they are never needed in content files and make alias bombs possible).
Dates stay strings: reportgen reads partial dates such as ``2021-05`` itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import printable
from ..plainfiles import FileTooLarge, NotPlainFile, read_plain
from ..textchars import not_carried, overrides_outside_rtl
from .yamlerrors import (
    MAX_DEPTH,
    nested_too_deep,
    syntax_excerpt,
    syntax_problem,
    unmarked_problem,
)

try:  # the C loader composes several times faster where libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader

#: Content files are short texts; anything bigger is a mistake (or an attack).
MAX_FILE_BYTES = 2 * 1024 * 1024
#: the most values one list or mapping of a content file may hold
MAX_ITEMS = 10_000

_TAG = "tag:yaml.org,2002:"
_SCALARS = {"str", "int", "float", "bool", "null", "timestamp"}

Path_ = tuple[Any, ...]


class YamlProblem(Exception):
    """A file that cannot be read as content YAML; carries the 1-based line."""

    def __init__(self, message: str, line: int | None, excerpt: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        #: the offending line with a caret under the place (reportgen.content.yamlerrors.excerpt)
        self.excerpt = excerpt


@dataclass
class YamlDoc:
    """A parsed file: its data and the line of each value, addressed by key path."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    #: (line, message) of what was changed while reading, for the reader to warn about
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def line_of(self, loc: Path_) -> int:
        """Line of the value at ``loc``, or of its nearest enclosing value."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def text_start(self, loc: Path_) -> int:
        """First line of a text value's content (a block scalar starts below its key)."""
        return self.lines.get(tuple(loc) + ("<text>",), self.line_of(loc))


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, refusing links, special and huge files unread and naming
    the line of a bad byte."""
    try:
        raw = read_plain(path, MAX_FILE_BYTES)
    except (NotPlainFile, FileTooLarge) as exc:
        raise YamlProblem(exc.reason, None) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8", line
        ) from None


def load_yaml(path: Path) -> YamlDoc:
    """Parse ``path``; raises :class:`YamlProblem` for anything a writer must fix."""
    text = read_text(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        _refuse_anchors_and_long_lists(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        message, line = syntax_problem(exc, text)
        raise YamlProblem(message, line, syntax_excerpt(exc, text, line)) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise YamlProblem(f"invalid YAML: character #x{exc.character:04x} is not allowed "
                          "(control characters cannot be used in content files)", line) from None
    except yaml.YAMLError:
        raise YamlProblem(*unmarked_problem(text)) from None
    doc = YamlDoc(path=path, data=None)
    if node is None:
        raise YamlProblem("file is empty", 1)
    doc.data = _Builder(doc, text).build(node, ())
    return doc


def _refuse_anchors_and_long_lists(text: str) -> None:
    """Anchors, aliases and over-long lists are refused where they are written, from the
    parser's events, before any tree is built.

    Content files never need anchors, and an alias-heavy file (a "billion laughs") would
    otherwise expand into an enormous value; a list (or mapping) of more than
    :data:`MAX_ITEMS` values is no field of a content file, and its tree would take a
    hundred times the file's size in memory.
    """
    if "&" not in text and "*" not in text and text.count("\n") + text.count(",") < MAX_ITEMS:
        # no anchor or alias can be written without '&' or '*', and every value of a
        # collection but the first stands after a line break or a comma: nothing to find
        return
    counts: list[list] = []  # [items so far, line, is a mapping] of each open collection
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem("anchors and aliases (&name, *name) are not allowed",
                              event.start_mark.line + 1)
        if isinstance(event, (yaml.CollectionEndEvent, yaml.DocumentEndEvent)):
            if counts and isinstance(event, yaml.CollectionEndEvent):
                counts.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if counts:
            counts[-1][0] += 1
            if counts[-1][0] > MAX_ITEMS * (2 if counts[-1][2] else 1):
                raise YamlProblem(f"more than {MAX_ITEMS:,} values in one list or mapping; "
                                  "no field of a content file holds so many", counts[-1][1])
        if isinstance(event, yaml.CollectionStartEvent):
            counts.append([0, event.start_mark.line + 1,
                           isinstance(event, yaml.MappingStartEvent)])  # keys count too


class _Builder:
    def __init__(self, doc: YamlDoc, source: str):
        self.doc = doc
        self.source = source
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, loc: Path_) -> Any:
        if id(node) in self.seen:  # aliases are refused earlier; this is a safeguard
            raise YamlProblem("anchors and aliases are not allowed", node.start_mark.line + 1)
        self.seen.add(id(node))
        if len(loc) > MAX_DEPTH:
            raise YamlProblem(nested_too_deep(), node.start_mark.line + 1)
        self.doc.lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Path_) -> dict:
        self._check_tag(node, "map")
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                raise YamlProblem("mapping keys must be plain names", key_node.start_mark.line + 1)
            value = self._scalar(key_node, loc)
            if isinstance(value, bool) or value is None:
                raise YamlProblem(f"the key {key_node.value or '~'} is read as "
                                  f"{'a yes-or-no value' if isinstance(value, bool) else 'empty'}, "
                                  f"not as a name; write it in quotes: '{key_node.value}'",
                                  key_node.start_mark.line + 1)
            key = str(value)
            if key in result:
                raise YamlProblem(f"duplicate key '{key}'", key_node.start_mark.line + 1)
            result[key] = self.build(value_node, loc + (key,))
            self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: Path_) -> Any:
        kind = self._check_tag(node, None)
        if node.style in ("|", ">"):
            self.doc.lines[loc + ("<text>",)] = node.start_mark.line + 2
        if kind in ("int", "float", "bool", "null"):
            try:
                return getattr(self.constructor, f"construct_yaml_{kind}")(node)
            except ValueError:  # Python refuses to read integers of thousands of digits
                raise YamlProblem(f"the number has {len(node.value):,} characters, too many "
                                  "to be a figure; write it in quotes if it is text",
                                  node.start_mark.line + 1) from None
        return self._text(node)  # str, and timestamps kept as written

    def _text(self, node: yaml.ScalarNode) -> str:
        """Text that every output can carry.  A control character (a YAML escape such as
        \\e, \\a or \\x07; the reader refuses them written raw) or a character no XML
        document may hold (an escape such as \\uFFFE) is an error at the line of the
        escape, whatever the field.  Line breaks and tabs stay; an escaped carriage return
        is read as a line break.  An override of the text's direction outside
        right-to-left text is warned about."""
        value = node.value.replace("\r\n", "\n").replace("\r", "\n")
        uncarried = not_carried(value)
        if uncarried:
            raise YamlProblem(f"the text holds {', '.join(printable(c) for c in uncarried)}, "
                              "which no output can carry; remove it", self._line_of(node, uncarried))
        overrides = overrides_outside_rtl(value)
        if overrides:
            self.doc.warnings.append((node.start_mark.line + 1,
                                      "the text holds bidirectional override characters "
                                      f"({', '.join(printable(c) for c in overrides)}) "
                                      "outside right-to-left text: it would print in another "
                                      "order than it reads here; remove them"))
        return value

    def _line_of(self, node: yaml.ScalarNode, chars: list[str]) -> int:
        """The line of the first escape in a double-quoted scalar that gives one of
        ``chars``; else the scalar's first line."""
        start = node.start_mark.line + 1
        if node.style != '"':
            return start
        source = self.source[node.start_mark.index:node.end_mark.index]
        for match in _ESCAPE.finditer(source):
            if _unescape(match.group(1)) in chars:
                return start + source.count("\n", 0, match.start())
        return start

    def _check_tag(self, node: yaml.Node, expected: str | None) -> str:
        tag = node.tag or ""
        kind = tag[len(_TAG):] if tag.startswith(_TAG) else None
        allowed = {expected} if expected else _SCALARS
        if kind not in allowed:
            raise YamlProblem(f"YAML tag '{tag}' is not allowed", node.start_mark.line + 1)
        return kind


#: an escape of a double-quoted YAML scalar (YAML 1.1, as PyYAML reads it)
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
_SIMPLE_ESCAPES = {"0": "\0", "a": "\x07", "b": "\x08", "t": "\t", "n": "\n", "v": "\x0b",
                   "f": "\x0c", "r": "\r", "e": "\x1b", "N": "\x85", "_": "\xa0",
                   "L": "\u2028", "P": "\u2029"}


def _unescape(escape: str) -> str:
    """The character a double-quoted scalar's escape (without its backslash) stands for."""
    if escape[0] in "xuU" and len(escape) > 1:
        code = int(escape[1:], 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _SIMPLE_ESCAPES.get(escape, escape)
