"""The output formats: each turns a document model into the bytes of one file.

A format is a module of this package holding ``FORMAT``: its name (the file extension
and the ``--format`` value) and a ``render`` function taking a document model (a
report's :class:`~reportgen.model.document.Document` or a :class:`~reportgen.briefs.Brief`)
and a :class:`RenderContext`, returning a :class:`Rendered`.  Most formats return their
bytes at once; the PDF returns a layout job, which the build runs in worker processes,
or skips when the same source was laid out before.

Adding a format is one module and its name in :data:`NAMES`.  Modules are imported only
when a format is used, so the command line starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import Environment

    from .workers import PdfJob

#: every output format, in the order a build makes them (all of them by default)
NAMES = ("md", "html", "pdf", "docx")


@dataclass(frozen=True)
class RenderContext:
    """What a format may use besides the document model."""

    root: Path                    # the workspace
    env: "Environment"            # the Jinja environment, templates looked up user-first
    templates: tuple[Path, ...]   # template folders, built-in first
    assets: str                   # fingerprint of the files in those folders


@dataclass(frozen=True)
class Rendered:
    """A format's output for one document: the bytes, or the job that lays them out.

    ``source`` fingerprints what the output is made from: an output whose source is
    unchanged since the last build may be reused instead of made again.
    """

    source: str
    data: bytes | None = None
    job: "PdfJob | None" = None
    #: what the format found worth a warning while rendering, as (path, message)
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Format:
    name: str                                       # file extension and --format value
    stage: str                                      # name of its stage in the timings
    render: Callable[[Any, RenderContext], Rendered]


def get(name: str) -> Format:
    """The format called ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise KeyError(f"unknown output format {name!r} (formats: {', '.join(NAMES)})")
    return importlib.import_module(f"{__name__}.{name}").FORMAT
