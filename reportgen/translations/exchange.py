"""``reportgen translations export`` and ``import``: a period's texts out to an XLIFF 2.0
file for a translator's tool, and the translations back into the content files.

Export writes one unit per paragraph of each text the report prints (a text whose
translation does not have the same paragraphs is one unit), with the existing
translation and its state, and counts the words a translation service charges by.
Import checks every unit before writing anything: its id must name a text of the
period, each placeholder of its source must be in its translation exactly once, and the
source it was translated from must be the text as it is now (else the unit is stale:
reported, not applied).  The translations are written with the YAML-preserving writer of
``reportgen merge``, each with the fingerprint of its source, all files or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.store import Store, load_store
from ..errors import ContentError, Problem, ReportgenError
from ..languages import LANGUAGES, language
from ..merge.yamledit import FieldChange, YamlEditError, changed_text, round_trip, write_all
from .segments import Code, chunks, join_chunks, pieces, words
from .work import CURRENT, NEW, STALE, UNVERIFIED, Field, fields_of
from .xliff import SOURCE, WHERE, XliffError, document, read, unit_element

#: the largest XLIFF file an import reads
FILE_LIMIT = 100 * 1024 * 1024
#: the XLIFF state of each state of a translation
_STATES = {CURRENT: "final", UNVERIFIED: "translated", STALE: "initial"}
ONLY = ("missing", "stale")


@dataclass
class WordCounts:
    """What a translation service charges by: words of units with no translation, of
    units whose source changed since their translation, and of the others."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0

    def line(self) -> str:
        return (f"{self.new:,} new words, {self.changed:,} words in changed units, "
                f"{self.unchanged:,} words unchanged since the last import")


@dataclass
class ExportResult:
    path: Path
    period: str
    units: int
    counts: WordCounts


def _period(store: Store, period: str | None) -> str:
    key = period or store.latest_period()
    if key not in store.periods:
        raise ReportgenError(f"content/periods: error: unknown period '{key}'")
    return key


def _language(store: Store, code: str, where: str) -> None:
    if code not in LANGUAGES:
        raise ReportgenError(f"{where}: error: '{code}' is not one of the six languages "
                             f"({', '.join(LANGUAGES)})")
    if code == store.series.language:
        raise ReportgenError(f"{where}: error: '{code}' is the language the store is written "
                             "in; translations are into the other five")


def export(root: Path, code: str, period: str | None = None, only: str | None = None,
           out: Path | None = None) -> ExportResult:
    """Write the XLIFF file of ``period``'s report for translation into ``code``."""
    store, log = load_store(root)
    log.raise_errors()
    key = _period(store, period)
    _language(store, code, "--lang")
    from ..content.variables import TextExpander, VariableError

    expander = TextExpander(store.facts, key, store.periods[key], lang=language(code))

    def shown(code_: Code) -> str:
        if code_.kind == "variable":
            try:
                return expander.expand(code_.text)
            except (VariableError, ValueError):
                return code_.text
        return code_.text.strip("\n") or "\u21b5"

    counts = WordCounts()
    units = []
    for item in fields_of(store, key, code):
        if (only == "missing" and item.state != NEW) or (only == "stale" and item.state != STALE):
            continue
        for unit_id, source, target in _paragraphs(item):
            counted = words(pieces(source))
            if item.state == NEW:
                counts.new += counted
            elif item.state == STALE:
                counts.changed += counted
            else:
                counts.unchanged += counted
            notes = {WHERE: f"{item.path}:{item.line}", SOURCE: item.fingerprint}
            units.append(unit_element(unit_id, item.path, notes, source, target,
                                      _STATES.get(item.state, "initial"),
                                      item.state == CURRENT, shown))
    path = out or root / "build" / key / f"report.{code}.xlf"
    data = document(store.series.language, code, f"report-{key}", key, units)
    if not units:
        raise ReportgenError(f"{path}: error: nothing to export for {key} "
                             f"({'--only ' + only if only else 'no texts'}); nothing written")
    write_all({path: data.decode("utf-8")})
    return ExportResult(path, key, len(units), counts)


def _paragraphs(item: Field) -> list[tuple[str, str, str | None]]:
    """(unit id, source, translation) of each paragraph of a field; the whole field as
    one unit when its translation has other paragraphs than its source."""
    source = chunks(item.source)
    target = chunks(item.translation) if item.translation is not None else None
    if target is not None and len(target) != len(source):
        return [(f"{item.unit}.all", item.source.strip("\n"), item.translation.strip("\n"))]
    return [(f"{item.unit}.{n}", text, target[n - 1] if target else None)
            for n, text in enumerate(source, start=1)]


@dataclass
class ImportResult:
    applied: list[Field] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)      # one line per stale unit
    unchanged: int = 0                                  # locked units, left as they are
    incomplete: list[str] = field(default_factory=list)  # fields with untranslated units
    untranslated: int = 0                               # fields with no unit translated
    files: list[Path] = field(default_factory=list)


def import_file(root: Path, xlf: Path) -> ImportResult:
    """Write the translations of ``xlf`` into the content files (all or nothing)."""
    name = str(xlf)
    try:
        if xlf.stat().st_size > FILE_LIMIT:
            raise ReportgenError(f"{name}: error: larger than a translation file may be")
        data = xlf.read_bytes()
    except FileNotFoundError:
        raise ReportgenError(f"{name}: error: file not found") from None
    except IsADirectoryError:
        raise ReportgenError(f"{name}: error: a folder, not an XLIFF file") from None
    try:
        found = read(data)
    except XliffError as exc:
        raise ReportgenError(f"{name}:{exc.line or 1}: error: {exc.message}") from None
    store, log = load_store(root)
    log.raise_errors()
    code = found.target_lang.split("-")[0].lower()
    _language(store, code, f"{name}:1")
    if found.original not in store.periods:
        raise ReportgenError(f"{name}:1: error: the file is of period '{found.original}', "
                             "which the store does not have")
    key = found.original
    expected = {}
    for item in fields_of(store, key, code):
        for unit_id, _, _ in _paragraphs(item) + [(f"{item.unit}.all", "", None)]:
            expected[unit_id] = item
    errors: list[Problem] = []
    result = ImportResult()
    by_field: dict[Field, dict[str, str]] = {}
    for unit in found.units:
        item = expected.get(unit.id)
        if item is None:
            errors.append(Problem(name, unit.line, f"unit '{unit.id}' is not a text of the "
                                  f"{key} report (exported from another store or period?)",
                                  "error"))
            continue
        if unit.locked:
            result.unchanged += 1
            continue
        if unit.target is None:
            by_field.setdefault(item, {})
            continue
        errors += _placeholder_errors(name, unit)
        if unit.notes.get(SOURCE) != item.fingerprint:
            result.stale.append(f"{name}:{unit.line}: warning: unit '{unit.id}' was translated "
                                f"from a text that has changed since ({item.path}); not "
                                "applied: export it again")
            by_field.setdefault(item, {})["stale"] = ""
            continue
        by_field.setdefault(item, {})[unit.id] = unit.target
    if errors:
        raise ContentError(errors)
    changes: dict[str, list[FieldChange]] = {}
    text_done = {(f.name, f.field) for f, t in by_field.items() if _text_of(f, t) is not None}
    for item, targets in by_field.items():
        text = _text_of(item, targets)
        if text is None:
            if not targets:
                result.untranslated += 1  # no paragraph of it translated: nothing to say
            elif "stale" not in targets:
                result.incomplete.append(f"{item.path}: {item.kind} '{item.name}' "
                                         f"({item.field}): not every paragraph is translated; "
                                         "not applied")
            continue
        if item.kind == "block" and item.field != "text" and not _has_text(
                store, item.name, code, text_done):
            result.incomplete.append(f"{item.path}: block '{item.name}' ({item.field}): the "
                                     "block's text has no translation yet; not applied")
            continue
        at = item.at + (code,)
        changes.setdefault(item.path, []).extend([
            FieldChange(at + item.name_path, text),
            FieldChange(at + ("sources", item.field), item.fingerprint)])
        result.applied.append(item)
    texts = {}
    yaml = round_trip()
    for shown, file_changes in changes.items():
        path = root / shown
        try:
            texts[path] = changed_text(path.read_text(encoding="utf-8"), file_changes, shown,
                                       yaml)
        except YamlEditError as exc:
            raise ReportgenError(str(exc)) from None
    write_all(texts)
    result.files = sorted(texts)
    return result


def _text_of(item: Field, targets: dict[str, str]) -> str | None:
    """The field's translation from its units' targets; None unless every paragraph
    has one."""
    if f"{item.unit}.all" in targets:
        return join_chunks([targets[f"{item.unit}.all"]], item.source)
    ids = [f"{item.unit}.{n}" for n in range(1, len(chunks(item.source)) + 1)]
    if not ids or any(not targets.get(i, "").strip() for i in ids):
        return None
    return join_chunks([targets[i] for i in ids], item.source)


def _has_text(store: Store, block_id: str, code: str, text_done: set) -> bool:
    if (block_id, "text") in text_done:
        return True
    block = next(b for b in store.blocks if b.id == block_id)
    return code in block.translations


def _placeholder_errors(name: str, unit) -> list[Problem]:
    """Each placeholder of the source exactly once in the translation, and no other."""
    out = []
    for ph, original in unit.codes.items():
        n = unit.placeholders.count(ph)
        if n != 1:
            what = "is missing from" if n == 0 else f"appears {n} times in"
            out.append(Problem(name, unit.line, f"unit '{unit.id}': placeholder {ph} "
                               f"({original.strip() or 'line break'}) {what} the translation",
                               "error"))
    for ph in dict.fromkeys(unit.placeholders):
        # a code the translation adds (emphasis the original has not) must say what it is
        if ph not in unit.codes and unit.added.get(ph) not in unit.data:
            out.append(Problem(name, unit.line, f"unit '{unit.id}': placeholder {ph} is neither "
                               "in the source nor defined in the unit's original data",
                               "error"))
    return out
