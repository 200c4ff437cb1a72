"""``build()``: the whole pipeline, as a short script.

1. load and validate the content store (nothing is assembled before all of it is read);
2. assemble each period's document model (numbering happens here);
3. render every requested format (see reportgen.formats): most in memory, PDFs in worker
   processes;
4. write each period's outputs at once, only if everything before succeeded.

A period whose inputs are unchanged since its last build is skipped before step 1, and
a PDF whose HTML and assets are unchanged is reused instead of laid out again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .assets import template_dirs
from .errors import ContentError, Problem
from .fingerprint import MANIFEST, Manifest, assets_digest, inputs_digest
from .formats import NAMES as FORMATS
from .languages import Language, chosen_languages, language
from .layout_origins import LayoutOrigins
from .output import KINDS, check_period_folder
from .outputname import OutputName
from .stale import OldFiles, listed_output, sort_old_files


@dataclass
class BuiltDocument:
    period: str
    name: str
    files: dict[str, bytes]  # by file name (an OutputName's file)
    paragraphs: int
    footnotes: int
    reused: list[str] = field(default_factory=list)
    #: what each file is, by file name
    outputs: dict[str, OutputName] = field(default_factory=dict)


@dataclass
class BuildResult:
    documents: list[BuiltDocument] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # periods already up to date
    removed: list[Path] = field(default_factory=list)  # stale outputs of earlier builds
    foreign: list[Path] = field(default_factory=list)  # files reportgen did not write, kept
    #: language editions left in a period folder from before its last original build
    older_editions: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


class _Timer:
    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        yield
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the documents of ``periods`` (default: the latest) into ``out``
    (default build/ in the workspace): the report, and the brief, press releases and
    statements of each period (``kinds`` picks some), in each of ``languages`` (default:
    the series' own; others are editions named report.fr.pdf and so on; ``stale`` says
    whether translations older than their source are printed, see
    reportgen.content.editions)."""

    root: Path
    periods: list[str] | None = None
    formats: tuple[str, ...] = FORMATS
    out: Path | None = None
    strict: bool = False            # warnings fail the build
    force: bool = False             # rebuild what is up to date, lay out unchanged PDFs
    jobs: int | None = None         # processes for background work (default: per core)
    kinds: tuple[str, ...] = KINDS
    languages: tuple[Language, ...] | None = None  # (codes are taken too)
    stale: str = "mark"

    def __post_init__(self) -> None:
        if self.languages:
            object.__setattr__(self, "languages", tuple(language(code)
                                                         for code in self.languages))

    @property
    def out_root(self) -> Path:
        return self.out or self.root / "build"

    def fingerprinted(self) -> tuple[str, ...]:
        """The options that change what a period's outputs are (so their digest is part
        of the inputs' fingerprint)."""
        options = self.formats + tuple(f"kind:{k}" for k in sorted(self.kinds))
        options += tuple(f"lang:{code}" for code in sorted(lang.code
                                                            for lang in self.languages or ()))
        return options + (("stale:keep",) if self.stale == "keep" else ())


def build(root: Path | BuildRequest, periods: list[str] | None = None, *,
          progress: Callable[[str], None] | None = None, **options) -> BuildResult:
    """Build what ``root`` asks (a :class:`BuildRequest`; or a workspace, with
    ``periods`` and ``options`` the request's other fields).  ``progress`` hears what the
    build is doing, line by line."""
    request = root if isinstance(root, BuildRequest) else BuildRequest(root, periods, **options)
    progress = progress or (lambda message: None)
    started = time.perf_counter()
    result = BuildResult()
    timed = _Timer(result.timings)
    templates = template_dirs(request.root)
    inputs = inputs_digest(request.root, templates, request.fingerprinted())
    if request.periods and not request.force and _all_up_to_date(
            request.out_root, request.periods, inputs, request.formats):
        result.skipped = list(request.periods)
        result.warnings = _checked(request, _recorded_warnings(
            request.out_root, result.skipped, request.formats))
        result.seconds = time.perf_counter() - started
        return result

    with _background_work(request) as (chosen, workers):
        store, log, store_warnings = _load(request, progress, timed)
        keys = select_periods(store, request.periods)
        if not request.force:
            result.skipped = [k for k in keys if _all_up_to_date(request.out_root, [k], inputs,
                                                                 request.formats)]
            keys = [k for k in keys if k not in result.skipped]
        original = language(store.series.language)
        languages = chosen_languages(request.languages, original)
        with timed("assemble"):
            documents, period_warnings = _assemble(store, keys, languages, request.kinds, log,
                                                   progress, request.stale)
            log.raise_errors()
        manifests = {key: Manifest.read(request.out_root / key) for key in keys}
        result.documents = _render_all(request.root, documents, chosen, manifests, templates,
                                       request.force, workers, log, timed, progress,
                                       LayoutOrigins(store))
    log.raise_errors()  # a footnote off the page of its call: no PDF is written
    result.warnings = _checked(request, list(dict.fromkeys(log.warnings + _recorded_warnings(
        request.out_root, result.skipped, request.formats))))

    made = {key: {n: d for doc in result.documents if doc.period == key
                  for n, d in doc.files.items()} for key in keys}
    for key in keys:  # every period's folder is checked before the first is replaced
        check_period_folder(request.out_root, key, made[key])
    for key in keys:
        manifests[key].inputs = inputs
        manifests[key].warnings = [[w.path, w.line, w.message]
                                   for w in store_warnings + period_warnings[key]]
        with timed("write"):
            _write_period(request, key, made[key], manifests[key], languages, original,
                          result, progress)
    result.seconds = time.perf_counter() - started
    return result


def _checked(request: BuildRequest, warnings: list[Problem]) -> list[Problem]:
    """``warnings``, unless the build is strict and there are some: then they fail it."""
    if request.strict and warnings:
        raise ContentError([_as_error(w) for w in warnings])
    return warnings


@contextmanager
def _background_work(request: BuildRequest):
    """The chosen formats, and the workers of those with background work (the PDF's),
    started before the content is read when there will be more than one document to
    make in the background: they load the layout engine while the text is made.  One
    PDF is laid out in this process: a pool would cost more than it saves."""
    from . import formats as registry

    chosen = [registry.get(name) for name in registry.NAMES if name in request.formats]
    early = _more_than_one_pdf(request.periods, request.kinds, request.languages)
    with ExitStack() as stack:
        yield chosen, {fmt.name: stack.enter_context(fmt.background(request.jobs, early))
                       for fmt in chosen if fmt.background is not None}


def _load(request: BuildRequest, progress, timed):
    """The content store, its log, and the warnings of every file (whichever periods
    are built); an error in any file ends the build here."""
    from .content.store import load_store

    progress(f"Reading {request.root / 'content'}")
    with timed("load"):
        store, log = load_store(request.root)
        log.raise_errors()
    return store, log, list(log.warnings)


def _write_period(request: BuildRequest, key: str, files: dict[str, bytes],
                  manifest: Manifest, languages: tuple[Language, ...], original: Language,
                  result: BuildResult, progress) -> None:
    """Write one period's outputs and manifest at once, removing its stale outputs."""
    out_root = request.out_root
    sorted_out: list[OldFiles] = []

    def decide():
        """Under the period's lock: the folder's files and manifest as they are now,
        after any other build (of another edition, say) has written them."""
        for name, entry in Manifest.read(out_root / key).outputs.items():
            if name not in manifest.outputs and (out_root / key / name).exists():
                manifest.outputs[name] = entry  # another build's output: still listed
        written = dict(files)
        old = sort_old_files(out_root / key, manifest, written, request.kinds, request.formats,
                             languages, original)
        for name in old.stale:
            del manifest.outputs[name]
        written[MANIFEST] = manifest.to_bytes()
        sorted_out.append(old)
        return written, old.stale

    progress(f"{key}: writing {out_root / key}")
    result.written += write_outputs(out_root, key, files, progress, decide=decide)
    old = sorted_out[-1]
    result.removed += [out_root / key / name for name in old.stale]
    result.foreign += [out_root / key / name for name in old.foreign]
    if original in languages:
        from .content.editions import older_editions

        listed = [listed_output(manifest, name) for name in sorted(manifest.outputs)
                  if (out_root / key / name).exists()]
        result.older_editions += older_editions(out_root / key, [o for o in listed if o],
                                                files, request.kinds, original)


def _more_than_one_pdf(periods: list[str] | None, kinds: tuple[str, ...],
                       languages: tuple[str, ...] | None) -> bool:
    """Whether the build may lay out more than one PDF (or make more than one file of any
    format with background work), known before the store is read: a period has one
    report and one brief in each language, and may have several press releases or
    statements."""
    from .kinds import one_a_period

    documents_each = sum(1 if one_a_period(kind) else 2 for kind in set(kinds))
    return len(periods or [None]) * len(set(languages or [None])) * documents_each > 1


def _assemble(store, keys: list[str], languages: tuple[Language, ...], kinds: tuple[str, ...],
              log, progress, stale: str = "mark") -> tuple[list, dict[str, list[Problem]]]:
    """The document models of every period, kind and language edition, and the warnings
    found for each period (the ones ``check`` gives, and missing translations)."""
    from .assemble import assemble_report
    from .briefs import assemble_brief, documents_of
    from .content.editions import edition_store, report_untranslated
    from .rules import lint_period

    documents: list = []
    period_warnings: dict[str, list[Problem]] = {key: [] for key in keys}
    for lang in languages:
        code = lang.code
        before = len(log.problems)
        edition = edition_store(store, lang, keys, log, stale)
        untranslated = [p for p in log.problems[before:] if p.severity == "warning"]
        for key in keys:
            edition_note = "" if edition is store else f" ({code})"
            progress(f"{key}: assembling the documents{edition_note}")
            before = len(log.problems)
            report = assemble_report(edition, key, log, lang)
            if report is not None and edition is not store:
                report_untranslated(edition, report, log)
            documents += [report] if "report" in kinds else []
            documents += [assemble_brief(edition, source, report, log, lang)
                          for source in documents_of(edition, key, set(kinds))]
            if report is not None and edition is store:
                lint_period(store, report, log)  # the warnings check gives for the period
            period_warnings[key] += untranslated + [
                p for p in log.problems[before:] if p.severity == "warning"]
    return documents, period_warnings


def _recorded_warnings(out_root: Path, keys: list[str], formats) -> list[Problem]:
    """The warnings of the builds that made these periods' outputs (each once)."""
    found: list[Problem] = []
    for key in keys:
        manifest = Manifest.read(out_root / key)
        found += [Problem(str(path), line, str(message), "warning")
                  for path, line, message in manifest.warnings]
        for name in sorted(manifest.outputs):
            output = listed_output(manifest, name)
            if output is not None and output.format in formats:
                found += [_layout_problem(name, message)
                          for message in manifest.output_warnings(name)]
    return list(dict.fromkeys(found))


def _all_up_to_date(out_root: Path, keys: list[str], inputs: str, formats) -> bool:
    for key in keys:
        manifest = Manifest.read(out_root / key)
        names = [n for n in manifest.outputs
                 if (output := listed_output(manifest, n)) and output.format in formats]
        if not manifest.up_to_date(inputs, names):
            return False
    return True


def write_outputs(out_root: Path, key: str, files: dict[str, bytes],
                  waiting: Callable[[str], None] | None = None,
                  drop: list[str] = (), decide=None) -> list[Path]:
    from .output import write_period

    return [p for p in write_period(out_root, key, files, waiting, drop, decide)
            if p.name != MANIFEST]


def _layout_problem(name: str, message: str, origins=None, doc=None) -> Problem:
    """A warning of the PDF layout as the writer reads it: WeasyPrint's own at the PDF;
    reportgen's own about the pages at the content file and line the text comes from
    (found by ``origins`` for document ``doc``, or as recorded when the PDF was made),
    else at the PDF."""
    from .formats.pdf import PageProblem

    page = PageProblem.decoded(message)
    if page is None:
        return Problem(name, None, f"WeasyPrint: {message}", "warning")
    source = origins.of(page.origin, doc) if origins is not None else None
    path, line = (source.path, source.line) if source else (page.path, page.line)
    if path is None:
        return Problem(name, None, page.message, "warning")
    return Problem(path, line, f"{name}: {page.message}", "warning")


def _warn(log, problem: Problem) -> None:
    log.warning(problem.path, problem.line, problem.message)


def _with_sources(name: str, messages: list[str], origins, doc) -> list[str]:
    """``messages`` of the layout of ``name``, reportgen's own with the content file and
    line found for them, as the manifest keeps them for a build that changes nothing."""
    from dataclasses import replace

    from .formats.pdf import PageProblem

    kept = []
    for message in messages:
        page = PageProblem.decoded(message)
        problem = _layout_problem(name, message, origins, doc)
        kept.append(message if page is None or problem.path == name else
                    replace(page, path=problem.path, line=problem.line).encoded())
    return kept


def _render_all(root, documents, chosen, manifests, templates, force, workers, log, timed,
                progress, origins):
    """Every format of every document: most at once, the jobs of formats with
    background work (PDFs that changed) sent to that format's ``workers``."""
    from . import formats as registry
    from .templates import template_env

    context = registry.RenderContext(root, template_env(root), tuple(templates),
                                     assets_digest(templates))
    built: list[BuiltDocument] = []
    pending: dict[str, list[tuple[BuiltDocument, registry.Rendered, object, OutputName]]] = {
        name: [] for name in workers}
    for doc in documents:
        item = BuiltDocument(doc.period, doc.name, {}, len(doc.paragraphs()), len(doc.footnotes))
        manifest = manifests[doc.period]
        for fmt in chosen:
            output = OutputName.of(doc, fmt.name)
            name = output.file
            item.outputs[name] = output
            with timed(fmt.stage):
                made = fmt.render(doc, context)
            for path, message in made.warnings:
                log.warning(path, None, message)
            old = None if force or made.job is None else manifest.reusable(name, made.source)
            if made.data is not None or old is not None:
                item.files[name] = made.data if old is None else old
                item.reused += [name] if old is not None else []
                said = manifest.output_warnings(name) if old is not None else []
                for message in said:  # a reused PDF repeats what laying it out said
                    _warn(log, _layout_problem(name, message, origins, doc))
                said = _with_sources(name, said, origins, doc)
                manifest.record(output, item.files[name], made.source, said)
            else:
                pending[fmt.name].append((item, made, doc, output))
                workers[fmt.name].send(made.job)  # made while the next documents are
        built.append(item)
    for fmt_name, waiting in pending.items():
        if waiting:
            _collect(waiting, workers[fmt_name], manifests, log, timed, progress, origins)
    rank = {fmt.name: i for i, fmt in enumerate(chosen)}  # files listed in the formats' order
    for item in built:
        item.files = dict(sorted(item.files.items(),
                                 key=lambda f, item=item: rank[item.outputs[f[0]].format]))
    return built


def _collect(pending, workers, manifests, log, timed, progress, origins) -> None:
    """The results of one format's background jobs, as each is finished, into their
    documents' files and manifests."""
    processes = min(workers.most, len(pending))
    progress(f"Laying out {len(pending)} PDF{'s' * (len(pending) != 1)} "
             f"in {processes} process{'es' * (processes != 1)}")
    finished = iter(range(1, len(pending) + 1))

    def laid_out(done) -> None:
        seconds = sum(done.timings.values())
        progress(f"  {done.job.period}/{done.job.name} ({next(finished)}/{len(pending)}, "
                 f"{seconds:.1f} s)")

    results = workers.results(laid_out)
    for (item, made, doc, output), done in zip(pending, results, strict=True):
        for stage, seconds in done.timings.items():
            timed.timings[stage] = timed.timings.get(stage, 0.0) + seconds
        for message in done.job.notes:
            log.warning(done.job.name, None, message)
        for message in done.warnings:
            _warn(log, _layout_problem(done.job.name, message, origins, doc))
        for note in done.misplaced:
            source = origins.note(note.block, note.label)
            log.error(source.path if source else done.job.name, source.line if source else None,
                      f"{done.job.name}: {note.message}")
        item.files[output.file] = done.data
        manifests[item.period].record(output, done.data, made.source,
                                      _with_sources(done.job.name, done.warnings, origins, doc))


def select_periods(store, requested: list[str] | None) -> list[str]:
    if not requested:
        return [store.latest_period()]
    unknown = [key for key in requested if key not in store.periods]
    if unknown:
        known = ", ".join(sorted(store.periods))
        raise ContentError([Problem("content/periods", None,
                                    f"unknown period '{key}' (periods: {known})")
                            for key in unknown])
    return list(dict.fromkeys(requested))


def _as_error(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, f"{problem.message} (--strict)", "error")
