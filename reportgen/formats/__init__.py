"""The output formats: each turns a document model into the bytes of one file.

A format is a module of this package holding ``FORMAT``: its name (the file extension
and the ``--format`` value) and a ``render`` function taking a document model (a
report's :class:`~reportgen.model.document.Document` or a :class:`~reportgen.briefs.Brief`)
and a :class:`RenderContext`, returning a :class:`Rendered`.  Most formats return their
bytes at once.  A format whose work is slow (the PDF's layout) returns a :class:`Job`
instead and declares in its :class:`Format` how its jobs run in the background
(``background``): the build starts that before reading the content, sends each job as
soon as it is made, and skips it when the same source was made before.  The build loop
names no format.

Adding a format is one module and its name in :data:`NAMES`.  Modules are imported only
when a format is used, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from jinja2 import Environment

#: every output format, in the order a build makes them (all of them by default)
NAMES = ("md", "html", "pdf", "docx")


@dataclass(frozen=True)
class RenderContext:
    """What a format may use besides the document model."""

    root: Path                    # the workspace
    env: "Environment"            # the Jinja environment, templates looked up user-first
    templates: tuple[Path, ...]   # template folders, built-in first
    assets: str                   # fingerprint of the files in those folders


class JobResult(Protocol):
    """What a finished :class:`Job` brings back from its worker."""

    job: "Job"
    data: bytes                  # the file (empty when ``misplaced`` is not)
    warnings: list[str]          # the renderer's own (see reportgen.formats.pdf.PageProblem)
    timings: dict[str, float]    # seconds per stage, added to the build's timings
    misplaced: list              # footnotes set away from their call: then no file is written


class Job(Protocol):
    """Background work for one output file, run in a worker process: picklable, and
    carrying everything it needs."""

    name: str                    # the output file's name
    period: str
    notes: tuple[str, ...]       # warnings found while the job was prepared

    @property
    def size(self) -> int: ...   # how big (biggest jobs are started first)

    def run(self) -> JobResult: ...


class Background(Protocol):
    """A format's worker processes for one build (a context manager)."""

    most: int                    # the processes it may use

    def __enter__(self) -> "Background": ...

    def __exit__(self, *exc) -> None: ...

    def send(self, job: Job) -> None: ...

    def results(self, on_done: Callable[[JobResult], None] | None = None
                ) -> list[JobResult]: ...


@dataclass(frozen=True)
class Rendered:
    """A format's output for one document: the bytes, or the job that makes them.

    ``source`` fingerprints what the output is made from: an output whose source is
    unchanged since the last build may be reused instead of made again.
    """

    source: str
    data: bytes | None = None
    job: Job | None = None
    #: what the format found worth a warning while rendering, as (path, message)
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Format:
    name: str                                       # file extension and --format value
    stage: str                                      # name of its stage in the timings
    render: Callable[[Any, RenderContext], Rendered]
    #: for a format whose ``render`` returns jobs: its workers for one build, given the
    #: most processes to use (None: one per core) and whether to start them before the
    #: content is read (``early``; else jobs run in this process when results are asked)
    background: Callable[[int | None, bool], Background] | None = None


def get(name: str) -> Format:
    """The format called ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise KeyError(f"unknown output format {name!r} (formats: {', '.join(NAMES)})")
    return importlib.import_module(f"{__name__}.{name}").FORMAT
