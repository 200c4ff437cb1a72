"""Laying out several PDFs at once, in worker processes.

PDF layout is by far the slowest stage and each document's layout is independent, so
documents (reports of several periods, and other kinds of document) are laid out in a
pool of processes.  Each job carries everything it needs; each result brings back the
PDF, WeasyPrint's warnings and the time spent laying out and writing.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .pdf import write_pdf


@dataclass(frozen=True)
class PdfJob:
    name: str
    period: str
    html: str
    base: Path
    allowed: tuple[Path, ...]


@dataclass
class PdfResult:
    job: PdfJob
    pdf: bytes
    warnings: list[str]
    timings: dict[str, float] = field(default_factory=dict)


def _run(job: PdfJob) -> PdfResult:
    pdf, warnings, timings = write_pdf(job.html, job.base, list(job.allowed))
    return PdfResult(job, pdf, warnings, timings)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render_pdfs(jobs: list[PdfJob], workers: int | None = None) -> list[PdfResult]:
    """Lay out every job; in this process when there is one job or one worker."""
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        return [_run(job) for job in jobs]
    # longest first, so a big report does not start last and leave a worker idle
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i].html))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = dict(zip(order, pool.map(_run, [jobs[i] for i in order])))
    return [done[i] for i in range(len(jobs))]
