"""``reportgen redline``: the period's report compared with an earlier version.

1. load and validate the store and assemble the period's report, as a build would;
2. read the baseline (a report in Markdown, or the store at a git revision);
3. match paragraphs and find word-level changes;
4. render the redline outputs (the page, and the report's own Word file with the
   changes as revisions) and write them into the period's folder, beside the build's
   own outputs (which are kept).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .redline import Comparison


@dataclass
class RedlineResult:
    period: str
    comparison: Comparison
    written: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def build_redline(root: Path, baseline: str, period: str | None = None,
                  out: Path | None = None) -> RedlineResult:
    """Compare the report of ``period`` (default: the latest) with ``baseline`` and write
    ``report.redline.html`` and ``report.redline.docx`` into ``out/<period>/`` (default
    build/)."""
    from .assemble import assemble_report
    from .build import select_periods, write_outputs
    from .redline import compare, passages_of_document
    from .redline_baseline import read_baseline
    from .redline_docx import redline_docx
    from .redline_html import render_redline_html
    from .store import load_store

    store, log = load_store(root)
    log.raise_errors()
    key = select_periods(store, [period] if period else None)[0]
    doc = assemble_report(store, key, log)
    log.raise_errors()
    earlier = read_baseline(baseline, root, key)
    comparison = compare(earlier.passages, passages_of_document(doc))
    context = _render_context(root)
    warnings: list[str] = []
    files = {
        "report.redline.html": render_redline_html(doc, comparison, earlier.name,
                                                   context.env).encode("utf-8"),
        "report.redline.docx": redline_docx(_report_docx(doc, context), comparison,
                                            redline_date(warnings)),
    }
    written = write_outputs(out or root / "build", key, files)
    return RedlineResult(key, comparison, written, warnings)


def _render_context(root: Path):
    from . import formats
    from .assets import template_dirs
    from .fingerprint import assets_digest
    from .templates import template_env

    templates = template_dirs(root)
    return formats.RenderContext(root, template_env(root), tuple(templates),
                                 assets_digest(templates))


def _report_docx(doc, context) -> bytes:
    """The report's own Word file, made by the docx format as a build makes it."""
    from . import formats

    return formats.get("docx").render(doc, context).data


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
