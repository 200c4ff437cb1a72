"""``reportgen redline``: the period's report compared with an earlier version.

1. load and validate the store and assemble the period's report (in the edition's
   language), as a build would;
2. read the baseline (a report's Word file, a report in Markdown, or the store at a git
   revision) and the Word file it stands for;
3. match paragraphs and find word-level changes, for the summary and the page;
4. render the redline outputs (the page, and the two Word files merged with every
   difference as a revision) and write them into the period's folder, beside the
   build's own outputs (which are kept).
"""

from __future__ import annotations

import getpass
import os
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..errors import ReportgenError
from ..languages import chosen_languages
from ..redline.compare import Comparison


@dataclass
class RedlineResult:
    period: str
    comparison: Comparison
    language: str
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_redline(root: Path, baseline: str, period: str | None = None,
                  out: Path | None = None, author: str | None = None,
                  when: datetime | None = None, language: str | None = None) -> RedlineResult:
    """Compare the report of ``period`` (default: the latest) with ``baseline`` and write
    ``report.redline.html`` and ``report.redline.docx`` into ``out/<period>/`` (default
    build/); for a ``language`` edition other than the series' own, its report
    (``report.fr.redline.html`` ...) with a baseline in that language."""
    from ..assemble import assemble_report
    from ..build import select_periods, write_outputs
    from ..content.editions import edition_store
    from ..content.store import load_store
    from ..errors import ProblemLog
    from ..redline.baseline import read_baseline
    from ..redline.compare import compare, passages_of_document
    from ..redline.docx import RevisionMark, redline_docx
    from ..redline.html import render_redline_html

    store, log = load_store(root)
    log.raise_errors()
    key = select_periods(store, [period] if period else None)[0]
    lang = chosen_languages([language] if language else None, store.series.language)[0]
    code = lang.code
    edition = edition_store(store, lang, [key], ProblemLog())  # untranslated: build warns
    doc = assemble_report(edition, key, log, lang)
    log.raise_errors()
    earlier = read_baseline(baseline, root, key, edition.periods[key], code,
                            store.series.language)
    comparison = compare(earlier.passages, passages_of_document(doc))
    context = render_context(root)
    warnings: list[str] = []
    old_docx = earlier.docx if earlier.docx is not None \
        else report_docx(earlier.document, context)
    page = render_redline_html(doc, comparison, earlier, context.env,
                               shown_name(baseline, root))
    mark = RevisionMark(author or default_author(root), when or redline_date(warnings))
    files = {
        f"{doc.name}.redline.html": page.encode("utf-8"),
        f"{doc.name}.redline.docx": redline_docx(old_docx, report_docx(doc, context), mark,
                                                 by_source=earlier.by_source),
    }
    written = write_outputs(out or root / "build", key, files)
    return RedlineResult(key, comparison, doc.language, written, warnings)


def render_context(root: Path):
    from .. import formats
    from ..assets import template_dirs
    from ..fingerprint import assets_digest
    from ..templates import template_env

    templates = template_dirs(root)
    return formats.RenderContext(root, template_env(root), tuple(templates),
                                 assets_digest(templates))


def report_docx(doc, context) -> bytes:
    """The report's own Word file, made by the docx format as a build makes it."""
    from .. import formats

    return formats.get("docx").render(doc, context).data


def shown_name(baseline: str, root: Path) -> str:
    """The baseline as the page names it: as typed, relative to the workspace when it is
    inside it; never an absolute path of this machine (a file elsewhere by its name)."""
    if baseline.startswith("git:"):
        return baseline
    typed = Path(baseline)
    where = typed.resolve()
    try:
        return where.relative_to(root.resolve()).as_posix()
    except ValueError:
        return typed.name if typed.is_absolute() else typed.as_posix()


def default_author(root: Path) -> str:
    """Who the revisions are by when not said: the workspace's ``git config user.name``,
    else the login name."""
    try:
        done = subprocess.run(["git", "-C", str(root), "config", "user.name"],
                              capture_output=True, text=True, check=False, timeout=30)
        name = done.stdout.strip() if done.returncode == 0 else ""
    except (OSError, subprocess.TimeoutExpired):
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reportgen"


def parse_date(text: str) -> datetime:
    """A revision date as given with ``--date``: a day (2024-05-01, taken at midnight
    UTC) or a time (2024-05-01T14:30:00Z, or with an offset)."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ReportgenError(f"--date: '{text}' is not a date such as 2024-05-01 or "
                             "2024-05-01T14:30:00Z") from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def redline_date(warnings: list[str] | None = None) -> datetime:
    """The date the revisions carry: ``SOURCE_DATE_EPOCH`` when set (for reproducible
    files), else now.  A value that is no moment Word can hold (not a number of seconds,
    or past the year 9999) is ignored with a warning, as the build does."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch:
        try:
            if not epoch.isdigit():
                raise ValueError(epoch)
            return datetime.fromtimestamp(int(epoch), timezone.utc)
        except (ValueError, OverflowError, OSError):
            if warnings is not None:
                warnings.append(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds; "
                                "ignored")
    return datetime.now(timezone.utc).replace(microsecond=0)
