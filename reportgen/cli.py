"""The ``reportgen`` command: a thin layer that parses options and calls the library."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .console import VERBOSE, verbosity
from .formats import NAMES as _FORMATS
from .kinds import kinds as _registered_kinds
from .languages import CODES
from .output import KINDS as _KINDS


def _period_key(ctx, param, values):
    from .dates import parse_period_key
    from .errors import printable

    for value in values:
        if parse_period_key(value) is None:
            raise click.BadParameter(
                f"'{printable(value)}' is not a period such as 2020-2022 (first year, hyphen, "
                "last year)")
    return values


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops a build as Ctrl+C does, so that what it was doing is undone (the
    scratch folder of a PDF laid out in this process removed) rather than cut short.  A
    SIGTERM the build was started to ignore stays ignored."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _one_period(ctx, param, value):
    return _period_key(ctx, param, (value,))[0] if value else None


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector paused while a short command loads its modules and reads the
    store: what they make lives until the command ends, so the collector's many passes
    over it free nothing (they were a twentieth of ``check``)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Commands(click.Group):
    """The command group: an error from the operating system (a full or read-only disk,
    a file that cannot be read) ends any command with one line naming the file, never a
    traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            from .errors import ReportgenError

            where = exc.filename if exc.filename is not None else "reportgen"
            also = f" (and {exc.filename2})" if getattr(exc, "filename2", None) else ""
            raise ReportgenError(f"{where}{also}: error: {exc.strerror or exc}") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
def main() -> None:
    """Build UN periodic reports from a store of YAML content blocks.

    \b
    Example:
      reportgen build --period 2020-2022
    """


_LANGUAGE_CHOICES = CODES + ("all",)


def _languages(chosen: tuple[str, ...]) -> tuple[str, ...] | None:
    if "all" in chosen:
        return CODES
    return tuple(chosen) or None


@main.command()
@verbosity
@click.option("--period", "periods", multiple=True, callback=_period_key,
              help="Period to build, such as 2020-2022 (repeatable). Default: the latest.")
@click.option("--format", "formats", multiple=True, type=click.Choice(_FORMATS),
              help="Output format (repeatable). Default: every format.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output root (default: build/ in the workspace).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_KINDS),
              help="Kind of document (repeatable). Default: every kind.")
@click.option("--force", is_flag=True, help="Rebuild even what is up to date.")
@click.option("--jobs", "-j", type=click.IntRange(min=1),
              help="PDFs laid out at once (default: one per CPU).")
@click.option("--lang", "languages", multiple=True, type=click.Choice(_LANGUAGE_CHOICES),
              help="Language edition (repeatable; 'all' for the six): report.fr.pdf and "
                   "so on. Default: the series' own language.")
@click.option("--stale", type=click.Choice(("mark", "keep")), default="mark", show_default=True,
              help="Translations older than their source: print the original, marked "
                   "untranslated (mark), or the old translation anyway (keep).")
def build(periods, formats, out, root, strict, kinds, force, jobs, languages, stale,
          console) -> None:
    """Build the report, brief, press releases and statements of a period into
    build/<period>/.

    \b
    Examples:
      reportgen build --period 2020-2022
      reportgen build --period 2022-2024 --format html --out /tmp/preview
      reportgen build --period 2020-2022 --period 2022-2024 --jobs 2 --force
      reportgen build --period 2020-2022 --kind brief --kind press-release
      reportgen build --period 2020-2022 --lang fr --lang es   # report.fr.pdf, report.es.pdf
      reportgen build --verbose        # progress, stage timings, every file written
    """
    from .build import BuildRequest
    from .build import build as run_build

    _outside_sources(out, root)
    from .errors import Interrupted

    try:
        with _terminate_as_interrupt():
            request = BuildRequest(root, list(periods) or None,
                                   formats=tuple(formats) or _FORMATS, out=out, strict=strict,
                                   force=force, jobs=jobs, kinds=tuple(kinds) or _KINDS,
                                   languages=_languages(languages), stale=stale)
            result = run_build(request, progress=console.progress)
    except KeyboardInterrupt:
        raise Interrupted("reportgen: interrupted; every period folder keeps complete outputs "
                          "(the previous ones where this build had not replaced them)") from None
    for warning in result.warnings:
        console.warn(str(warning))
    for period in result.skipped:
        console.result(f"{period}: up to date (use --force to rebuild)")
    for doc in result.documents:
        names = ", ".join(doc.files)
        reused = f"; {', '.join(doc.reused)} unchanged" if doc.reused else ""
        console.result(f"{doc.period}: {names} ({_count(doc.paragraphs, 'paragraph')}, "
                       f"{_count(doc.footnotes, 'footnote')}{reused})")
    for stage, seconds in result.timings.items():
        console.detail(f"  {stage:<10} {seconds:6.2f} s")
    if console.level >= VERBOSE:
        from .internals import untested_reaches

        for note in untested_reaches():
            console.detail(f"  note: {note}")
    for path in result.written:
        console.detail(f"  wrote {path}")
    for path in result.removed:
        console.detail(f"  removed {path} (no longer made)")
    for line in result.older_editions:
        console.warn(line)
    for folder, names in _by_folder(result.foreign).items():
        console.warn(f"{folder}: kept {_count(len(names), 'file')} reportgen did not write: "
                     f"{', '.join(names)}")
    folders = sorted({str(p.parent) for p in result.written})
    where = f" to {', '.join(folders)}" if folders else ""
    removed = f", removed {len(result.removed)} no longer made" if result.removed else ""
    console.result(f"Wrote {_count(len(result.written), 'file')}{where}{removed} in "
                   f"{result.seconds:.1f} s; {_count(len(result.warnings), 'warning')}.")


def _outside_sources(out: Path | None, root: Path) -> None:
    """Outputs never go into the workspace's content/ or templates/."""
    if out is None:
        return
    for source in ("content", "templates"):
        if out.resolve().is_relative_to((root / source).resolve()):
            raise click.BadParameter(
                f"'{out}' is inside the workspace's {source}/ folder; outputs go elsewhere",
                param_hint="'--out'")


@main.command()
@click.option("--period", callback=_one_period,
              help="Period to show, such as 2020-2022. Default: the latest built.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="build",
              show_default=True, help="Output root the documents were built into.")
def show(period, out) -> None:
    """Draw PDF pages 1 and 2 and the HTML page (1280 and 390 px wide) to PNG.

    Build first; the pictures go to build/preview/<period>/.

    \b
    Example:
      reportgen build --period 2020-2022 && reportgen show --period 2020-2022
    """
    from .commands.show import show as draw

    folders = [out / period] if period else sorted(
        (p for p in out.glob("*-*") if (p / "report.pdf").is_file()), key=lambda p: p.name)
    if not folders or not (folders[-1] / "report.pdf").is_file():
        raise click.ClickException(f"{out}: nothing built to show; run reportgen build first")
    for path in draw(folders[-1], out / "preview" / folders[-1].name, root=out):
        click.echo(str(path))


@main.command()
@verbosity
@click.option("--period", "periods", multiple=True, callback=_period_key,
              help="Period to check (repeatable). Default: every period.")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def check(periods, root, strict, console) -> None:
    """Validate the content store and lint the report against UN rules; writes nothing.

    Checks every file, and for each period the length (8,500 words for a Secretariat
    report), headings with a single subheading, empty paragraphs, facts never used or
    older than the period, footnotes, cross-references, symbols and unset metadata.
    When the previous period's report has been built (build/<period>/report.md), its
    paragraphs that this one keeps word for word are listed as notes.

    \b
    Example:
      reportgen check --period 2022-2024 --strict
    """
    with _collector_paused():
        from .commands.check import check as run_check
        from .rules import WORD_LIMIT

        result = run_check(root, list(periods) or None)
    # on a terminal, or with --verbose, a YAML error shows its line with a caret under it
    where = console.interactive or console.level >= VERBOSE
    for problem in result.log.problems:
        click.echo(problem.shown(where))
    for key, words in result.words.items():
        console.result(f"{key}: {words:,} words (limit {WORD_LIMIT:,})")
    errors, warnings = len(result.log.errors), len(result.log.warnings)
    notes = len(result.log.problems) - errors - warnings
    also = f", {_count(notes, 'note')}" if notes else ""
    console.result(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
                   f"{also}.")
    if errors or (strict and warnings):
        raise SystemExit(1)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default="schemas",
              show_default=True, help="Folder for the schema files.")
def schema(out) -> None:
    """Write JSON Schema for block, outline, facts, period, series and document files.

    Editors that read `# yaml-language-server: $schema=...` lines (files made by
    `reportgen new`, `init` and `import` carry one) then check and complete content files as you type.

    \b
    Example:
      reportgen schema --out schemas
    """
    from .content.schema import write_schemas

    for path in write_schemas(out):
        click.echo(str(path))


@main.group()
def new() -> None:
    """Create content files: a period, block, press release, statement or brief.

    \b
    Examples:
      reportgen new period 2024-2026
      reportgen new block --section cop --date 2024-03-12
      reportgen new press-release --id wg-tenth-meeting-2024 --date 2024-03-12
    """


def _ident_option(ctx, param, value):
    from .commands.new import NewBlockError, valid_ident

    try:
        return valid_ident(value) if value is not None else None
    except NewBlockError as exc:
        raise click.BadParameter(exc.format_message()) from None


def _date_option(ctx, param, value):
    from .commands.new import NewBlockError, valid_date

    try:
        return valid_date(value).text if value is not None else None
    except NewBlockError as exc:
        raise click.BadParameter(exc.format_message()) from None


_root_option = click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
                            default=".", show_default=True, help="Workspace folder.")


def _loaded(root: Path):
    from .content.store import load_store

    store, log = load_store(root)
    log.raise_errors()
    return store


@new.command("block")
@click.option("--section", "place", required=True, help="Outline id of the heading, such as cop.")
@click.option("--date", callback=_date_option,
              help="Date of the activity: YYYY, YYYY-MM, YYYY-MM-DD or a range A/B.")
@click.option("--id", "ident", callback=_ident_option,
              help="Id of the block (default: made from the heading and date).")
@click.option("--period", callback=_one_period,
              help="Period of undated standing text (default: the latest).")
@_root_option
def new_block_command(place, date, ident, period, root) -> None:
    """Write a new block file in the right folder, with a unique id, ready to edit.

    \b
    Example:
      reportgen new block --section cop --date 2024-03-12 --id wg-tenth-meeting
    """
    from .commands.new import new_block

    click.echo(str(new_block(_loaded(root), place, date, ident, period)))


@new.command("period")
@click.argument("key")
@_root_option
def new_period_command(key, root) -> None:
    """Write the next reporting period's file, made from the latest period.

    KEY is the new period, first and last year (2024-2026).  Every key of a period file
    is written: venue, agenda item and wording carried over, dates and session number
    worked out to check, symbol and dates of issue and session left to fill in.  Lists the
    standing blocks the new report will carry.

    \b
    Example:
      reportgen new period 2024-2026
    """
    from .commands.new_period import new_period

    made = new_period(_loaded(root), key)
    click.echo(str(made.path))
    for line in made.summary():
        click.echo(line)


def _new_document_command(kind) -> click.Command:
    """``reportgen new <kind>`` for a kind made from a document file, as its module's
    NEW says (reportgen.kinds)."""
    said = kind.new

    def command(ident, date, root, period=None) -> None:
        from .commands.new import new_document

        click.echo(str(new_document(_loaded(root), kind.name, ident, date, period)))

    command.__doc__ = f"""{said.summary}

    \b
    Example:
      {said.example}
    """
    command = _root_option(command)
    if not kind.one_a_period:  # dated: an id and a date
        command = click.option("--date", callback=_date_option, help=said.date_help)(command)
        command = click.option("--id", "ident", required=True, callback=_ident_option,
                               help=said.id_help)(command)
    else:  # one a period
        command = click.option("--id", "ident", callback=_ident_option, help=said.id_help)(command)
        command = click.option("--date", callback=_date_option, help=said.date_help)(command)
        command = click.option("--period", callback=_one_period, help=said.period_help)(command)
    return new.command(kind.name)(command)


for _kind in _registered_kinds():
    if _kind.new is not None:
        _new_document_command(_kind)


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--period", required=True, callback=_one_period,
              help="Period the report covers, such as 2020-2022.")
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder of the new workspace (made if missing; must hold no content/).")
@verbosity
def import_command(source, period, into, console) -> None:
    """Turn a report in Markdown into a workspace: period, outline, one block per paragraph.

    Reads the masthead (organ, date, session, venue, agenda item, titles), numbered
    headings (I., A., 1.) and italic headings at any # level, numbered paragraphs joined
    across page breaks, <sup>n</sup> footnotes and the * agenda note. A paragraph is dated
    by the first date in its text within the period, else tied to the period. Lines it
    cannot place are listed as warnings.

    \b
    Example:
      reportgen import seeds/004_5fd3833edaaf884a.txt --period 2020-2022 --into ../cop11
      cd ../cop11 && reportgen build --period 2020-2022
    """
    from .content.importer import import_report

    result = import_report(source, period, into)
    for warning in result.warnings:
        console.warn(str(warning))
    for path in result.written:
        console.detail(f"  wrote {path}")
    report = result.report
    headings = sum(1 for _ in _walk(report.outline))
    notes = sum(len(p.footnotes) for p in report.paragraphs)
    console.result(f"Imported {_count(len(report.paragraphs), 'paragraph')}, "
               f"{_count(headings, 'heading')} and {_count(notes, 'footnote')} into "
               f"{into / 'content'}; {_count(len(result.warnings), 'warning')}.")


def _by_folder(paths: list[Path]) -> dict[Path, list[str]]:
    folders: dict[Path, list[str]] = {}
    for path in paths:
        folders.setdefault(path.parent, []).append(path.name)
    return folders


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.sections)


@main.command()
@verbosity
@click.argument("baseline")
@click.option("--period", callback=_one_period,
              help="Period whose report is compared, such as 2022-2024. Default: the latest.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output root (default: build/ in the workspace).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
@click.option("--author", help="Name the revisions in the Word file carry. Default: the "
                               "workspace's git user.name, else your login name.")
@click.option("--date", "when", metavar="DATE",
              help="Date the revisions carry, such as 2024-05-01 or 2024-05-01T14:30:00Z. "
                   "Default: now (SOURCE_DATE_EPOCH when set).")
@click.option("--lang", "language", type=click.Choice(CODES),
              help="Language edition compared (report.fr.redline.docx ...), with a "
                   "baseline in that language. Default: the series' own language.")
def redline(baseline, period, out, root, author, when, language, console) -> None:
    """Show what changed in the period's report since an earlier version, BASELINE.

    BASELINE is the report's .docx as submitted (its own tracked changes accepted), a
    report in Markdown that `reportgen import` can read (an earlier build's report.md,
    or a conversion of an issued document), or git:REV for the workspace's store at a
    git revision. Writes report.redline.docx (every difference as a Word revision:
    Reject All gives the baseline's text, Accept All the report's) and
    report.redline.html into build/<period>/. Paragraphs are matched by their text, so
    the summary counts renumbering once, not as changes.

    \b
    Examples:
      reportgen redline submitted/report.docx --period 2020-2022
      reportgen redline build/2020-2022/report.docx --period 2022-2024
      reportgen redline git:HEAD~1
      reportgen redline submitted.md --author "Treaty Section" --date 2024-05-01
      reportgen redline build/2020-2022/report.fr.docx --period 2022-2024 --lang fr
    """
    from .commands.redline import build_redline, parse_date

    _outside_sources(out, root)
    from .redline.compare import redline_words

    result = build_redline(root, baseline, period, out, author=author,
                           when=parse_date(when) if when else None, language=language)
    for warning in result.warnings:
        console.warn(f"reportgen: warning: {warning}")
    for path in result.written:
        console.detail(f"  wrote {path}")
    words = redline_words(result.language)
    console.result(f"{result.period}: {result.comparison.summary.line(words)}")


@main.command()
@verbosity
@click.argument("edited", type=click.Path(path_type=Path))
@click.option("--period", callback=_one_period,
              help="Period of the report the file is (checked against the file's marks).")
@click.option("--apply", is_flag=True, help="Write the changes into the content files.")
@click.option("--theirs", "side", flag_value="theirs",
              help="In a conflict with a change made in the store since, take the file's words.")
@click.option("--ours", "side", flag_value="ours",
              help="In a conflict with a change made in the store since, keep the store's words.")
@click.option("--lang", "language", type=click.Choice(CODES),
              help="The language edition the file is (report.fr.docx: fr).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Output root for the merge page (default: build/ in the workspace).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
def merge(edited, period, apply, side, language, out, root, console) -> None:
    """Take what was changed in a Word file of the report, EDITED, back into the store.

    Without --apply nothing is changed: each change is listed by content file, with the
    conflicts (figures printed by facts and variables, text changed in the store since
    the file was made) and the comments, and build/<period>/report.merge.html shows the
    edits word by word. With --apply the changes are written into the content files.

    \b
    Examples:
      reportgen merge returned/report.docx
      reportgen merge returned/report.docx --apply
      reportgen merge returned/report.fr.docx --lang fr --apply
    """
    _outside_sources(out, root)
    with _collector_paused():
        from .commands.merge import merge as run_merge

        result = run_merge(root, edited, period, apply, side, language, out)
    for line in result.plan.lines():
        console.result(line)
    if not result.marked:
        console.detail(f"{edited}: the file has lost its marks; its paragraphs were matched by text")
    done = "applied" if apply and result.plan.texts else "nothing applied (use --apply)" if not apply else "nothing to apply"
    console.result(f"{result.plan.period}: {result.plan.summary()}; {done}; see {result.page}")


@main.command()
@verbosity
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder, console) -> None:
    """Create a new workspace in FOLDER that builds a report at once.

    It holds the series settings, an outline, one period (2024-2026), a few example
    blocks and facts, a brief, templates that add your own CSS, and JSON Schemas for
    editors. Replace the examples with your own.

    \b
    Example:
      reportgen init my-report && cd my-report && reportgen build
    """
    from .commands.init import init_workspace

    written = init_workspace(folder)
    for path in written:
        console.detail(f"  wrote {path}")
    console.result(f"Created {_count(len(written), 'file')} in {folder}. Next: "
               f"cd {folder} && reportgen build")


@main.command()
@verbosity
@click.option("--period", callback=_one_period,
              help="Period to preview, such as 2020-2022. Default: the latest.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--root", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=".", show_default=True, help="Workspace folder.")
@click.option("--lang", "languages", multiple=True, type=click.Choice(_LANGUAGE_CHOICES),
              help="Language edition to preview as well (repeatable; 'all' for the six).")
@click.option("--redline", "baseline",
              help="An earlier version of the report (a .docx, a report .md, or git:REV): "
                   "a page shows what changed since.")
def serve(period, port, root, languages, baseline, console) -> None:
    """Preview a period's documents in a browser; rebuild and reload on every change.

    Serves an index of the period's report, brief, press releases and statements on
    127.0.0.1, each as HTML linking its PDF; watches content/ and templates/, rebuilds
    the HTML and then the PDFs when a file changes, and open pages reload by themselves.
    A build error shows in the pages until it is fixed, and the build's warnings are
    listed in every page. --lang adds the language editions, --redline a page of what
    changed since an earlier version. Stop with Ctrl+C (or SIGTERM); the temporary build
    folder is removed.

    \b
    Example:
      reportgen serve --period 2020-2022 --port 8000
      (then open http://127.0.0.1:8000/)
    """
    import signal
    import sys
    import threading

    from .commands.serve import PreviewOptions, start

    def say(message: str) -> None:
        console.result(message)
        sys.stdout.flush()

    def stop(signum, frame) -> None:  # SIGTERM stops the preview as Ctrl+C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        preview = start(root, period, port, say=say, warn=console.warn,
                        requests=console.detail if console.level > 1 else None,
                        options=PreviewOptions(tuple(_languages(languages) or ()), baseline))
    except OSError as exc:
        import errno

        from .errors import ReportgenError

        if exc.errno == errno.EADDRINUSE:
            raise ReportgenError(f"reportgen: port {port} on 127.0.0.1 is taken by another "
                                 "program (another preview?); choose another with --port, "
                                 "or --port 0 for any free one") from None
        raise ReportgenError(f"reportgen: cannot serve on 127.0.0.1:{port}: "
                             f"{exc.strerror or exc}") from None
    try:
        click.echo(f"Serving {period or 'the latest period'} at {preview.url} (Ctrl+C to stop)")
        sys.stdout.flush()
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the clean-up is not cut short
        preview.stop()
    console.result("Stopped.")


def _translations() -> None:
    from .commands.translations import translations

    main.add_command(translations)


_translations()


def run() -> None:
    """The installed ``reportgen`` command (and ``python -m reportgen``)."""
    # What the command reads and builds stays in memory until the process ends; at the
    # end the garbage collector need not look through it all once more before the
    # memory is handed back (a tenth of a `check`).
    atexit.register(gc.freeze)
    main(prog_name="reportgen")
