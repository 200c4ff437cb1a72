"""Stage 1: read and validate the whole content store.

Everything is read and checked before anything is assembled or written, and every
problem found is collected, so one run shows a writer all that needs fixing.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..dates import day_text, parse_period_key
from ..errors import ProblemLog, display_path
from ..kinds import one_a_period
from ..plainfiles import linked_folder, walk, walk_level
from ..suggestions import did_you_mean
from .fielderrors import field_message, field_path
from .models import (
    PLACEHOLDER,
    Block,
    DocumentFile,
    Fact,
    OutlineNode,
    Period,
    Series,
    fact_name_ok,
    quoted_text_hint,
)
from .yamlsource import YamlDoc, YamlProblem, load_yaml, read_text

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located:
    """Where a thing was written: file (as shown to the user) and line."""

    path: str
    line: int


@dataclass
class Store:
    """Everything in a workspace's content folder, validated."""

    root: Path
    series: Series
    periods: dict[str, Period]
    outline: list[OutlineNode]
    facts: dict[str, Fact]
    blocks: list[Block]
    #: where each block, fact, period, outline node was defined (by id / name / key)
    places: dict[tuple[str, str], Located] = field(default_factory=dict)
    #: the parsed file of each block, to place errors inside its text
    block_docs: dict[str, YamlDoc] = field(default_factory=dict)
    #: press releases, statements and briefs (content/documents/), with their files
    documents: list[DocumentFile] = field(default_factory=list)
    document_docs: dict[str, YamlDoc] = field(default_factory=dict)
    #: (kind, name) of blocks and facts whose files have errors: already reported, so a
    #: reference to one is not reported again as unknown
    broken: set[tuple[str, str]] = field(default_factory=set)
    #: in a language edition (reportgen.content.editions), the (kind, name, field) of each text
    #: the edition shows in the original because it has no translation
    untranslated: frozenset[tuple[str, str, str]] = frozenset()
    #: of those, the ones whose translation is older than its source
    stale: frozenset[tuple[str, str, str]] = frozenset()

    def where(self, kind: str, name: str) -> Located:
        return self.places[(kind, name)]

    def latest_period(self) -> str:
        return max(self.periods, key=lambda k: self.periods[k].end)

    def period_of(self, block: Block | DocumentFile) -> str | None:
        """The period a block or document belongs to: named, or the one containing its
        first day; standing text's first period."""
        if isinstance(block, Block) and block.standing:
            keys = self.periods_of(block)
            return keys[0] if keys else None
        if block.period:
            return block.period
        if block.date:
            for key, period in self.periods.items():
                if period.start <= block.date.start <= period.end:
                    return key
        return None


    def periods_of(self, block: Block | DocumentFile) -> list[str]:
        """Every period whose documents print ``block``, earliest first: one, or for
        standing text each period from its 'from_period' on, or each of its 'periods'."""
        if isinstance(block, Block) and block.from_period is not None:
            first = self.periods.get(block.from_period)
            if first is None:
                return []
            return sorted((key for key, period in self.periods.items()
                           if period.start >= first.start),
                          key=lambda key: self.periods[key].start)
        if isinstance(block, Block) and block.periods:
            return sorted((key for key in set(block.periods) if key in self.periods),
                          key=lambda key: self.periods[key].start)
        key = self.period_of(block)
        return [key] if key is not None else []

    def in_period(self, block: Block | DocumentFile, key: str) -> bool:
        """Whether the documents of period ``key`` print ``block`` (one that an editor
        deleted from them, listed in its 'left_out', excepted)."""
        if isinstance(block, Block) and key in block.left_out:
            return False
        return key in self.periods_of(block)


class _Reader:
    """Reads files into models, logging problems with file and line."""

    def __init__(self, root: Path, log: ProblemLog):
        self.root = root
        self.log = log
        self.read: set[Path] = set()  # every file read, to report those never read
        self.broken: set[tuple[str, str]] = set()

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def doc(self, path: Path) -> YamlDoc | None:
        self.read.add(path)
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, read as surrogate escapes
            self.log.error(self.shown(path), None, "the file name is not UTF-8 text; rename it")
            return None
        try:
            doc = load_yaml(path)
        except YamlProblem as exc:
            self.log.error(self.shown(path), exc.line, exc.message, exc.excerpt)
        except OSError as exc:
            self.log.error(self.shown(path), None, f"cannot read file: {exc.strerror}")
        else:
            for line, message in doc.warnings:
                self.log.warning(self.shown(path), line, message)
            return doc
        return None

    def model(self, doc: YamlDoc, model: type[M], data: Any, loc: tuple = ()) -> M | None:
        if not isinstance(data, dict):
            self.log.error(self.shown(doc.path), doc.line_of(loc),
                           f"expected a mapping of fields, found {_kind(data)}")
            return None
        try:
            result = model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                self._validation_problem(doc, loc, err)
            return None
        self._unknown_keys(doc, result, loc)
        self._text_fields(doc, result, loc)
        return result

    def _text_fields(self, doc: YamlDoc, model: BaseModel, loc: tuple) -> None:
        """Every text field: '{{' where variables are not expanded is an error (it would be
        printed as it stands); text left as ``reportgen new`` wrote it is a warning."""
        for name in type(model).model_fields:
            if name in model.NAMES:
                continue
            value = getattr(model, name)
            items = (value.items() if isinstance(value, dict)
                     else enumerate(value) if isinstance(value, list) else [(None, value)])
            for key, item in items:
                here = loc + ((name,) if key is None else (name, key))
                if isinstance(item, BaseModel):
                    self._text_fields(doc, item, here)
                if not isinstance(item, str):
                    continue
                field_name = field_path(here)
                if name not in model.VARIABLES and any(m in item for m in ("{{", "{%", "{#")):
                    self.log.error(self.shown(doc.path), doc.line_of(here),
                                   f"{field_name}: variables such as {{{{ fact.NAME }}}} are not "
                                   "expanded in this field; write the text itself")
                for number, line in enumerate(item.splitlines()):
                    if PLACEHOLDER.match(line):
                        self.log.warning(self.shown(doc.path), doc.text_start(here) + number,
                                         f"{field_name}: '{line.strip()}' is placeholder text "
                                         "left by 'reportgen new'; write the text itself")
                        break

    def _validation_problem(self, doc: YamlDoc, base: tuple, err: dict) -> None:
        loc = tuple(part for part in err["loc"] if not _is_union_branch(part))
        field_name = field_path(loc) or "file"
        hint = quoted_text_hint(err.get("input")) if err["type"] == "string_type" else None
        if hint:
            message = f"{field_name}: {hint}"
            line = doc.line_of(base + loc)
        elif err["type"] == "missing":
            message = f"missing required field '{field_name}'"
            line = doc.line_of(base + loc[:-1])
        else:
            message = field_message(err)
            message = message[:1].lower() + message[1:]
            line = doc.line_of(base + loc)
            if not (loc and message.lower().startswith(f"{loc[-1]} ".lower())):
                message = f"{field_name}: {message}"  # else it names its field already
        self.log.error(self.shown(doc.path), line, message)

    def _unknown_keys(self, doc: YamlDoc, model: BaseModel, loc: tuple) -> None:
        for key in model.model_extra or {}:
            self.log.warning(self.shown(doc.path), doc.line_of(loc + (key,)),
                             f"unknown field '{key}' (ignored)"
                             + did_you_mean(key, type(model).model_fields))
        for name in type(model).model_fields:
            value = getattr(model, name)
            items = value if isinstance(value, list) else [value]
            for i, item in enumerate(items):
                if isinstance(item, BaseModel):
                    sub = loc + ((name, i) if isinstance(value, list) else (name,))
                    self._unknown_keys(doc, item, sub)


def _is_union_branch(part: Any) -> bool:
    return isinstance(part, str) and part in {"int", "float", "str", "function-before[_span()]"}


def _kind(data: Any) -> str:
    return {list: "a list", str: "text", type(None): "nothing"}.get(type(data), type(data).__name__)


def load_store(root: Path) -> tuple[Store | None, ProblemLog]:
    """Read ``root/content``; returns the store (None if unusable) and all problems found."""
    log = ProblemLog()
    reader = _Reader(root, log)
    content = root / "content"
    for folder in (content, content / "blocks", content / "periods", content / "documents",
                   root / "templates"):
        link = linked_folder(root, folder)
        if link is not None:
            log.error(display_path(link, root), None, "is a symbolic link; links are not followed")
            return None, log
    if not content.is_dir():
        log.error(str(content.absolute()), None,
                  "content folder not found; run reportgen in a workspace (the folder that "
                  "holds content/), give it with --root, or start one with 'reportgen init'")
        return None, log
    places: dict[tuple[str, str], Located] = {}

    series_path = _named(reader, content, "series")
    series = _load_series(reader, series_path)
    places[("series", "series")] = Located(reader.shown(series_path), 1)
    periods = _load_periods(reader, content / "periods", places)
    outline = _load_outline(reader, _named(reader, content, "outline"), places)
    facts = _load_facts(reader, content, places)
    blocks, block_docs = _load_blocks(reader, content / "blocks", places)
    documents, document_docs = _load_documents(reader, content / "documents", places)
    _report_unread(reader, content)

    if series is None or outline is None:
        return None, log
    store = Store(root, series, periods, outline, facts, blocks, places, block_docs,
                  documents, document_docs, reader.broken)
    # a period file with errors would make every block of the period "unknown": its own
    # errors are the ones to show
    periods_complete = bool(periods) and len(periods) == _period_file_count(content / "periods")
    _check_references(store, log, periods_complete)
    if periods_complete:
        _check_documents(store, log)
    return store, log


def _period_file_count(folder: Path) -> int:
    return len(yaml_files(folder))


#: a content file is YAML by any of these names (in any case: .yml, .YML, .yaml)
YAML_SUFFIXES = (".yml", ".yaml")


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def yaml_files(folder: Path, recursive: bool = False) -> list[Path]:
    """The YAML entries of ``folder`` (and its subfolders when ``recursive``), of
    whatever type: the reader refuses links, pipes and folders among them.  Subfolders
    are entered only when they are real folders; a link among them is listed too, so that
    it is refused rather than silently skipped."""
    if not recursive:
        return [path for path, _ in walk_level(folder) if is_yaml(path)]
    return sorted(path for path, info in walk(folder)
                  if is_yaml(path) or stat.S_ISLNK(info.st_mode))


def _named(reader: _Reader, content: Path, stem: str) -> Path:
    """content/<stem>.yml, or the file of that name with another YAML suffix (series.yaml);
    two of them is an error, since only one can be read."""
    found = [path for path, _ in walk_level(content) if path.stem == stem and is_yaml(path)]
    if len(found) > 1:
        reader.log.error(reader.shown(found[1]), None,
                         f"a second {stem} file beside {reader.shown(found[0])}; keep one")
        reader.read.update(found)
    return found[0] if found else content / f"{stem}.yml"


def _report_unread(reader: _Reader, content: Path) -> None:
    """A YAML file under content/ that no part of the store reads is said to be so."""
    for path, info in walk(content):
        if is_yaml(path) and stat.S_ISREG(info.st_mode) and path not in reader.read:
            reader.log.warning(reader.shown(path), None,
                               "not read: content files are series.yml, outline.yml, facts.yml, "
                               "facts/*.yml, periods/*.yml, blocks/**/*.yml and documents/*.yml")


def _load_series(reader: _Reader, path: Path) -> Series | None:
    if not os.path.lexists(path):
        reader.log.error(reader.shown(path), None, "file not found (the series' title and organ)")
        return None
    doc = reader.doc(path)
    series = reader.model(doc, Series, doc.data) if doc else None
    if series is not None and series.emblem is not None:
        problem = emblem_problem(reader.root, series.emblem)
        if problem:
            reader.log.error(reader.shown(path), doc.line_of(("emblem",)), problem)
            return None
    return series


#: the kinds of picture an emblem may be
EMBLEM_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
                ".svg": "image/svg+xml"}


def emblem_problem(root: Path, name: str) -> str | None:
    """Why ``name`` cannot be the emblem (a picture in the workspace's templates/), if it cannot."""
    folder = (root / "templates").resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or not path.is_file():
        return f"emblem: '{name}' is not a file in the workspace's templates/ folder"
    if path.suffix.lower() not in EMBLEM_TYPES:
        return f"emblem: '{name}' is not a PNG, JPEG or SVG picture"
    return None


def _load_periods(reader: _Reader, folder: Path, places) -> dict[str, Period]:
    periods: dict[str, Period] = {}
    files = yaml_files(folder)
    if not files:
        reader.log.error(reader.shown(folder), None, "no period files (content/periods/<key>.yml)")
    for path in files:
        key = path.stem
        if parse_period_key(key) is None:
            reader.log.error(reader.shown(path), None,
                             f"period file name '{key}' is not a period key such as 2020-2022")
            continue
        doc = reader.doc(path)
        period = reader.model(doc, Period, doc.data) if doc else None
        if period is None:
            continue
        if period.end < period.start:
            reader.log.error(reader.shown(path), doc.line_of(("end",)),
                             "end: the period ends before it starts")
            continue
        periods[key] = period
        places[("period", key)] = Located(reader.shown(path), 1)
    _check_overlaps(reader, periods, places)
    return periods


def _check_overlaps(reader: _Reader, periods: dict[str, Period], places) -> None:
    """Every day belongs to at most one period, or a dated block would have two."""
    ordered = sorted(periods, key=lambda k: (periods[k].start, k))
    for earlier, later in combinations(ordered, 2):
        if periods[later].start <= periods[earlier].end:
            first, second = places[("period", earlier)], places[("period", later)]
            reader.log.error(second.path, second.line,
                             f"period {later} overlaps period {earlier} ({first.path}): it "
                             f"starts on {periods[later].start}, before {earlier} ends on "
                             f"{periods[earlier].end}")


#: period fields that the masthead needs, and what it shows while they are unset
_PLACEHOLDER_FIELDS = {
    "symbol": "[symbol to be assigned]",
    "issued": "[date of issue]",
    "session_dates": "[dates to be announced]",
    "provisional_agenda": "[symbol of the provisional agenda]",
}


def placeholder(field_name: str) -> str:
    return _PLACEHOLDER_FIELDS[field_name]


def unset_fields(store: "Store", key: str) -> list[tuple[str, str]]:
    """Masthead fields of a period left unset, with the placeholder shown for each."""
    period = store.periods[key]
    return [(name, shows) for name, shows in _PLACEHOLDER_FIELDS.items()
            if getattr(period, name) is None]


def _load_outline(reader: _Reader, path: Path, places) -> list[OutlineNode] | None:
    if not os.path.lexists(path):
        reader.log.error(reader.shown(path), None, "file not found (the report's headings)")
        return None
    doc = reader.doc(path)
    if doc is None:
        return None
    if not isinstance(doc.data, list):
        reader.log.error(reader.shown(path), 1, "expected a list of chapters")
        return None
    nodes = [reader.model(doc, OutlineNode, item, (i,)) for i, item in enumerate(doc.data)]
    if any(n is None for n in nodes):
        return None
    _register_outline(reader, doc, nodes, (), places)
    return nodes


#: the numbering scheme: I., A., 1., (a), (i); no level below the last
OUTLINE_DEPTH = 5


def _register_outline(reader, doc, nodes, loc, places) -> None:
    depth = len(loc) // 2 + 1
    for i, node in enumerate(nodes):
        here = loc + (i,)
        if depth > OUTLINE_DEPTH:
            reader.log.error(reader.shown(doc.path), doc.line_of(here + ("id",)),
                             f"heading '{node.id}' is at level {depth}; headings go "
                             f"{OUTLINE_DEPTH} levels deep (I., A., 1., (a), (i))")
            continue
        if node.annex and depth > 1:
            reader.log.error(reader.shown(doc.path), doc.line_of(here + ("annex",)),
                             f"heading '{node.id}' is an annex but not a chapter; annexes "
                             "are chapters of the outline, after the body")
        key = ("heading", node.id)
        if key in places:
            first = places[key]
            reader.log.error(reader.shown(doc.path), doc.line_of(here + ("id",)),
                             f"duplicate heading id '{node.id}' (first at line {first.line})")
        else:
            places[key] = Located(reader.shown(doc.path), doc.line_of(here + ("id",)))
        _register_outline(reader, doc, node.sections, here + ("sections",), places)


def _load_facts(reader: _Reader, content: Path, places) -> dict[str, Fact]:
    named = _named(reader, content, "facts")
    files = [named] if os.path.lexists(named) else []
    files += yaml_files(content / "facts")
    facts: dict[str, Fact] = {}
    for path in files:
        doc = reader.doc(path)
        if doc is None:  # its error is reported; the facts it names are not "unknown" too
            reader.broken.update(("fact", name) for name in _names_written(path))
            continue
        if not isinstance(doc.data, dict):
            reader.log.error(reader.shown(path), 1, "expected a mapping of fact names to facts")
            continue
        for name, data in doc.data.items():
            line = doc.line_of((name,))
            if not fact_name_ok(name):
                reader.log.error(reader.shown(path), line,
                                 f"'{name}' is not a valid fact name (a-z, 0-9 and _)")
                continue
            if ("fact", name) in places:
                first = places[("fact", name)]
                reader.log.error(reader.shown(path), line,
                                 f"duplicate fact '{name}' (first in {first.path}:{first.line})")
                continue
            fact = reader.model(doc, Fact, data, (name,))
            if fact is None:
                reader.broken.add(("fact", name))
            else:
                facts[name] = fact
                places[("fact", name)] = Located(reader.shown(path), line)
    return facts


def _names_written(path: Path) -> set[str]:
    """The names at the start of the lines of a facts file that cannot be read as YAML
    (``name:`` unindented), so that one bad value is reported once, not again by every
    block that quotes a fact of the file."""
    try:
        text = read_text(path)
    except (YamlProblem, OSError):
        return set()
    return {found.group(1) for found in re.finditer(r"(?m)^([a-z][a-z0-9_]*)[ \t]*:", text)}


def _load_blocks(reader: _Reader, folder: Path, places):
    return _load_identified(reader, yaml_files(folder, recursive=True), Block, "block", places)


def _load_documents(reader: _Reader, folder: Path, places):
    files = yaml_files(folder)
    return _load_identified(reader, files, DocumentFile, "document", places)


def _load_identified(reader: _Reader, files, model, kind: str, places):
    """Files holding one ``model`` each, with an id unique among their ``kind``."""
    items: list = []
    docs: dict[str, YamlDoc] = {}
    for path in files:
        doc = reader.doc(path)
        item = reader.model(doc, model, doc.data) if doc else None
        if item is None:
            data = doc.data if doc else None
            named = data.get("id") if isinstance(data, dict) else None
            reader.broken.update({(kind, path.stem)} | ({(kind, named)} if isinstance(named, str) else set()))
            continue
        shown = reader.shown(path)
        if (kind, item.id) in places:
            first = places[(kind, item.id)]
            reader.log.error(shown, doc.line_of(("id",)),
                             f"duplicate {kind} id '{item.id}' (first in {first.path}:{first.line})")
            continue
        places[(kind, item.id)] = Located(shown, doc.line_of(("id",)))
        items.append(item)
        docs[item.id] = doc
    return items, docs


def _check_documents(store: Store, log: ProblemLog) -> None:
    """A document's period, and the facts and blocks it names, must exist; no two
    documents of a period may make the same output file."""
    outputs: dict[tuple[str | None, str], Located] = {}
    for document in store.documents:
        where = store.where("document", document.id)
        name = (store.period_of(document), document.output_name())
        if name in outputs and name[0] is not None:
            first = outputs[name]
            rule = (f"a period has one {document.kind}" if one_a_period(document.kind)
                    else "give one of them another id")
            log.error(where.path, where.line,
                      f"makes the same output files ({name[1]}.*) in period {name[0]} as "
                      f"{first.path}:{first.line}; {rule}")
        outputs.setdefault(name, where)
    for document in store.documents:
        where = store.where("document", document.id)
        doc = store.document_docs[document.id]
        if document.period is not None and document.period not in store.periods:
            log.error(where.path, doc.line_of(("period",)), f"unknown period '{document.period}'"
                      + did_you_mean(document.period, store.periods))
        elif document.period is not None:
            _dated_after_its_period(store, document, where.path, doc, log)
        elif store.period_of(document) is None:
            log.error(where.path, doc.line_of(("date",)),
                      "a document needs a date within a period, or a period")
        names = [("figures", i, n) for i, n in enumerate(document.figures)]
        if document.chart:
            names += [("chart", "bars", i, n) for i, n in enumerate(document.chart.bars)]
        for *loc, name in names:
            if name not in store.facts and ("fact", name) not in store.broken:
                log.error(where.path, doc.line_of(tuple(loc)),
                          f"unknown fact '{name}'" + did_you_mean(name, store.facts))
        for i, block_id in enumerate(document.related):
            if ("block", block_id) not in store.places and ("block", block_id) not in store.broken:
                log.error(where.path, doc.line_of(("related", i)), f"unknown block '{block_id}'"
                          + did_you_mean(block_id, _names(store, "block")))


def _names(store: Store, kind: str) -> list[str]:
    """The ids of every ``kind`` ("block", "heading") the store places."""
    return [name for of, name in store.places if of == kind]


def _check_references(store: Store, log: ProblemLog, periods_complete: bool = True) -> None:
    """Checks that span files: outline places, periods and dates of blocks.

    When some period file could not be read, blocks are not checked against the periods.
    """
    for block in store.blocks:
        where = store.where("block", block.id)
        doc = store.block_docs[block.id]
        if ("heading", block.place) not in store.places:
            log.error(where.path, doc.line_of(("place",)),
                      f"unknown outline place '{block.place}'"
                      + did_you_mean(block.place, _names(store, "heading")))
        if not periods_complete:
            pass
        elif block.standing:
            _check_standing(store, block, where.path, doc, log)
        elif block.period is not None and block.period not in store.periods:
            log.error(where.path, doc.line_of(("period",)), f"unknown period '{block.period}'"
                      + did_you_mean(block.period, store.periods))
        elif block.period is None and block.date is None:
            log.error(where.path, doc.line_of(()),
                      "a block needs a date or a period (standing text names its period)")
        elif store.period_of(block) is None:
            log.error(where.path, doc.line_of(("date",)),
                      f"date '{block.date.text}' falls outside every period")
        elif block.period is not None:
            _dated_after_its_period(store, block, where.path, doc, log)
        for label in block.footnotes:
            if not re.fullmatch(r"[A-Za-z0-9_-]+", label):
                log.error(where.path, doc.line_of(("footnotes", label)),
                          f"footnote label '{label}' may use only letters, digits, - and _")
        for code, translation in block.translations.items():
            for label in translation.footnotes:
                if label not in block.footnotes:
                    log.warning(where.path,
                                doc.line_of(("translations", code, "footnotes", label)),
                                f"footnote '{label}' of the {code} translation is not a "
                                "footnote of the original, so it is never printed; give it "
                                "the original's label")


def _dated_after_its_period(store: Store, item: Block | DocumentFile, path: str, doc: YamlDoc,
                            log: ProblemLog) -> None:
    """A block or document dated after the end of the period it names is almost always
    meant for a later period (an earlier date is how a late report of an event is
    written, so that is not warned about)."""
    end = store.periods[item.period].end
    if item.date is not None and item.date.start > end:
        log.warning(path, doc.line_of(("date",)),
                    f"dated {item.date.text}, after the end of period {item.period} "
                    f"({day_text(end)}) that it names; it is printed in the {item.period} documents (check "
                    "'period:', or leave it out to use the period of its date)")


def _check_standing(store: Store, block: Block, path: str, doc: YamlDoc, log: ProblemLog) -> None:
    """Standing text names its periods in one way: 'from_period' or 'periods', which
    must be periods of the store; 'period' beside them would be a second answer."""
    if block.from_period is not None and block.periods:
        log.error(path, doc.line_of(("periods",)),
                  "a block gives 'from_period' or 'periods', not both")
        return
    if block.period is not None:
        log.error(path, doc.line_of(("period",)),
                  "standing text names its periods with 'from_period' or 'periods'; "
                  "leave out 'period'")
        return
    named = ([(("from_period",), block.from_period)] if block.from_period is not None
             else [(("periods", i), key) for i, key in enumerate(block.periods)])
    for loc, key in named:
        if key not in store.periods:
            log.error(path, doc.line_of(loc), f"unknown period '{key}'"
                      + did_you_mean(key, store.periods))
