"""``build()``: the whole pipeline, as a short script.

1. load and validate the content store (nothing is assembled before all of it is read);
2. assemble each period's document model (numbering happens here);
3. render every requested format in memory;
4. write each period's outputs at once, only if everything before succeeded.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .assemble import assemble_report
from .document import Document
from .errors import ContentError, Problem, ProblemLog
from .output import write_period
from .pdf import write_pdf
from .render import FORMATS, render_html, render_markdown
from .store import Store, load_store
from .templates import builtin_templates, template_env


@dataclass
class BuiltDocument:
    period: str
    name: str
    files: dict[str, bytes]
    paragraphs: int
    footnotes: int


@dataclass
class BuildResult:
    documents: list[BuiltDocument] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def build(root: Path, periods: list[str] | None = None, formats: tuple[str, ...] = FORMATS,
          out: Path | None = None, strict: bool = False) -> BuildResult:
    """Build the reports of ``periods`` (default: the latest) into ``out`` (default build/)."""
    started = time.perf_counter()
    store, log = load_store(root)
    log.raise_errors()
    keys = select_periods(store, periods)

    documents = [assemble_report(store, key, log) for key in keys]
    log.raise_errors()

    env = template_env(root)
    built = [render_document(doc, env, formats, root, log) for doc in documents]
    if strict and log.warnings:
        raise ContentError([_as_error(w) for w in log.warnings])

    result = BuildResult(documents=built, warnings=log.warnings)
    out_root = out or root / "build"
    for period in keys:
        files = {n: d for doc in built if doc.period == period for n, d in doc.files.items()}
        result.written += write_period(out_root, period, files)
    result.seconds = time.perf_counter() - started
    return result


def select_periods(store: Store, requested: list[str] | None) -> list[str]:
    if not requested:
        return [store.latest_period()]
    unknown = [key for key in requested if key not in store.periods]
    if unknown:
        known = ", ".join(sorted(store.periods))
        raise ContentError([Problem("content/periods", None,
                                    f"unknown period '{key}' (periods: {known})")
                            for key in unknown])
    return list(dict.fromkeys(requested))


def render_document(doc: Document, env, formats, root: Path, log: ProblemLog) -> BuiltDocument:
    name = doc.kind
    files: dict[str, bytes] = {}
    if "md" in formats:
        files[f"{name}.md"] = render_markdown(doc, env).encode("utf-8")
    if "html" in formats:
        files[f"{name}.html"] = render_html(doc, env, "web").encode("utf-8")
    if "pdf" in formats:
        allowed = [builtin_templates(), root / "templates"]
        pdf, warnings = write_pdf(render_html(doc, env, "pdf"), root / "templates", allowed,
                                  doc.language)
        for message in warnings:
            log.warning(f"{name}.pdf", None, f"WeasyPrint: {message}")
        files[f"{name}.pdf"] = pdf
    return BuiltDocument(doc.period, name, files, len(doc.paragraphs()), len(doc.footnotes))


def _as_error(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, f"{problem.message} (--strict)", "error")
