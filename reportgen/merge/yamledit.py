"""Changes written into content files as a writer would have made them.

ruamel.yaml's round-trip mode reads a file with its comments, key order, quoting and
block styles, and writes it back the same; only the fields a merge changes are set.  A
file laid out in a way ruamel.yaml does not reproduce byte for byte (an indentation
that differs between levels) keeps its own lines: only the lines the change touched are
taken from ruamel.yaml's output.  All files of a merge are written, each atomically, or
none is: a failure half way puts back every file already replaced.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from ..oserrors import naming

#: a change's path: keys and list positions from the top of the file
FieldPath = tuple


@dataclass(frozen=True)
class FieldChange:
    """Set the field at ``path`` to ``value`` (text, or a list of mappings); ``None``
    removes the field."""

    path: FieldPath
    value: object


class YamlEditError(ValueError):
    """A file cannot be changed as asked (the message names the file)."""


def round_trip() -> YAML:
    """A reader and writer of content files in round-trip mode; one serves every file of
    a merge (making one costs about as much as reading a small file)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # lines are the writer's: never folded again
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _dump(yaml: YAML, data) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def changed_text(original: str, changes: list[FieldChange], shown: str,
                 yaml: YAML | None = None) -> str:
    """``original`` (a YAML file's text) with ``changes`` made (by ``yaml``, one made by
    :func:`round_trip`, if given)."""
    yaml = yaml or round_trip()
    try:
        data = yaml.load(original)
    except YAMLError as exc:
        raise YamlEditError(f"{shown}: error: cannot be read for the merge ({exc.problem or exc})") from None
    fields = _field_lines(data, changes)
    for change in changes:
        _set(data, change.path, change.value, shown)
    after = _dump(yaml, data)
    if _only_within(original, after, fields):
        return after
    # the file's layout is not one ruamel.yaml writes back as it was: its own lines are
    # kept, and only those the change touched taken from ruamel.yaml's output
    before = _dump(yaml, yaml.load(original))
    return _carried(original, before, after)


def _field_lines(data, changes: list[FieldChange]) -> list[tuple[int, int]] | None:
    """The lines (from, to) of the top-level fields the changes touch, as read; None
    when a change is deeper than that, or the lines are not known."""
    keys = list(data.keys()) if isinstance(data, CommentedMap) else []
    spans = []
    for change in changes:
        top = change.path[0]
        if not isinstance(top, str):
            return None
        if top not in data:
            spans.append((len(_lines_of(data)), 10 ** 9))  # a new field, at the end
            continue
        start = data.lc.key(top)[0]
        later = [data.lc.key(k)[0] for k in keys[keys.index(top) + 1:]]
        spans.append((start, later[0] if later else 10 ** 9))
    return spans


def _lines_of(data) -> list:
    return [data.lc.key(k)[0] for k in data.keys()]


def _only_within(original: str, after: str, fields) -> bool:
    """True when ``after`` differs from ``original`` only on the lines of ``fields``."""
    if fields is None:
        return False
    old, new = original.splitlines(), after.splitlines()
    for tag, i1, i2, _, _ in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal" and not any(a <= i1 and i2 <= b for a, b in fields):
            return False
    return True


def new_file_text(fields: dict[str, object], yaml: YAML | None = None) -> str:
    """A new content file holding ``fields`` (text with line breaks as ``|`` blocks)."""
    data = CommentedMap()
    for name, value in fields.items():
        data[name] = _styled(None, value)
    return _dump(yaml or round_trip(), data)


def _set(data, path: FieldPath, value, shown: str) -> None:
    container = data
    for number, step in enumerate(path[:-1]):
        try:
            nxt = container[step]
        except (KeyError, IndexError, TypeError):
            if value is None:
                return
            if not isinstance(container, dict):
                raise YamlEditError(f"{shown}: error: no field {'.'.join(map(str, path[:number + 1]))}") from None
            nxt = container[step] = CommentedMap()
        container = nxt
    last = path[-1]
    if value is None:
        if isinstance(container, dict) and last in container:
            del container[last]
        return
    old = container.get(last) if isinstance(container, dict) else container[last]
    container[last] = _styled(old, value)


def _styled(old, value):
    """``value`` in the style of the value it replaces (a ``|`` block stays one, quotes
    stay quotes); new text with line breaks becomes a ``|`` block."""
    if isinstance(value, list):
        seq = old if isinstance(old, CommentedSeq) else CommentedSeq()
        del seq[:]
        for item in value:
            if not isinstance(item, dict):
                seq.append(_styled(None, item))
                continue
            entry = CommentedMap()
            for key, val in item.items():
                entry[key] = _styled(None, val)
            seq.append(entry)
        return seq
    if not isinstance(value, str):
        return value
    if (isinstance(old, (LiteralScalarString, FoldedScalarString)) or "\n" in value.rstrip("\n")
            or (old is None and value.endswith("\n"))):
        if isinstance(old, str) and old.endswith("\n") and not value.endswith("\n"):
            value += "\n"
        return LiteralScalarString(value)
    for kind in (SingleQuotedScalarString, DoubleQuotedScalarString):
        if isinstance(old, kind):
            return kind(value)
    return value


def _carried(original: str, before: str, after: str) -> str:
    """The lines ``after`` changed from ``before``, carried into ``original`` (which
    ``before`` matches line for line, but for indentation)."""
    lines, old, new = (t.splitlines(keepends=True) for t in (original, before, after))
    if len(lines) != len(old):
        return after  # not the same lines: the whole text as ruamel.yaml writes it
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out += lines[i1:i2]
            continue
        shift = _indent(lines[i1]) - _indent(old[i1]) if i1 < len(lines) else (
            _indent(lines[i1 - 1]) - _indent(old[i1 - 1]) if i1 else 0)
        for line in new[j1:j2]:
            out.append(" " * max(_indent(line) + shift, 0) + line.lstrip(" ") if line.strip() else line)
    return "".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def write_all(texts: dict[Path, str]) -> None:
    """Write every file (new or replaced), each atomically; if any write fails, every
    file is put back as it was and the error is raised.

    Each file is written beside its target and synced before any target is replaced;
    the syncs run at once (the file system commits them together, where one after the
    other would wait for each), and each folder is synced once after its renames."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in texts.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".merge",
                                            dir=path.parent)
            staged.append((Path(temp), path))
            with naming(path), os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
        _synced(staged)
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    originals = {path: path.read_bytes() if path.exists() else None for _, path in staged}
    done: list[Path] = []
    try:
        for temp, path in staged:
            if path.exists():
                os.chmod(temp, path.stat().st_mode & 0o7777)
            os.replace(temp, path)
            done.append(path)
    except BaseException:
        for path in done:
            if originals[path] is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(originals[path])
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for folder in dict.fromkeys(path.parent for _, path in staged):
        _sync_folder(folder)


def _synced(staged: list[tuple[Path, Path]]) -> None:
    """Sync every written file (``staged``: the file, and the target it will replace),
    all at once; an error names the target."""
    from concurrent.futures import ThreadPoolExecutor

    def sync(pair: tuple[Path, Path]) -> None:
        temp, path = pair
        with naming(path):
            fd = os.open(temp, os.O_RDONLY | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    if len(staged) < 2:
        for pair in staged:
            sync(pair)
        return
    with ThreadPoolExecutor(min(len(staged), 16), thread_name_prefix="reportgen-sync") as pool:
        for _ in pool.map(sync, staged):  # the first error, if any, is raised here
            pass


def _sync_folder(folder: Path) -> None:
    """Make the renames inside ``folder`` durable, where the system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the files themselves are synced
    finally:
        os.close(fd)
