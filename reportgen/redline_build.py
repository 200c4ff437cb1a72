"""``reportgen redline``: the period's report compared with an earlier version.

1. load and validate the store and assemble the period's report, as a build would;
2. read the baseline (a report in Markdown, or the store at a git revision);
3. match paragraphs and find word-level changes;
4. render the redline outputs and write them into the period's folder, beside the
   build's own outputs (which are kept).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .redline import Comparison


@dataclass
class RedlineResult:
    period: str
    comparison: Comparison
    written: list[Path] = field(default_factory=list)


def build_redline(root: Path, baseline: str, period: str | None = None,
                  out: Path | None = None) -> RedlineResult:
    """Compare the report of ``period`` (default: the latest) with ``baseline`` and write
    ``report.redline.html`` into ``out/<period>/`` (default build/)."""
    from .assemble import assemble_report
    from .build import select_periods, write_outputs
    from .redline import compare, passages_of_document
    from .redline_baseline import read_baseline
    from .redline_html import render_redline_html
    from .store import load_store
    from .templates import template_env

    store, log = load_store(root)
    log.raise_errors()
    key = select_periods(store, [period] if period else None)[0]
    doc = assemble_report(store, key, log)
    log.raise_errors()
    earlier = read_baseline(baseline, root, key)
    comparison = compare(earlier.passages, passages_of_document(doc))
    env = template_env(root)
    files = {"report.redline.html": render_redline_html(doc, comparison, earlier.name,
                                                        env).encode("utf-8")}
    written = write_outputs(out or root / "build", key, files)
    return RedlineResult(key, comparison, written)
