"""An error of the system that names the file it happened to.

A write that fails for lack of space, a sync, a read of an open file: the OSError they
raise names no file, and the one line a command ends with would name none either.
``naming(path)`` gives such an error the path being written or read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def naming(path: Path | str) -> Iterator[None]:
    """Within the block, an OSError that names no file names ``path``."""
    try:
        yield
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from None


@contextmanager
def staged_for(staging: Path, final: Path) -> Iterator[None]:
    """Within the block, files are written into ``staging`` to be moved to ``final``
    when complete: an OSError names the file where it was going (``final/...``), not the
    temporary folder, which is gone by the time the writer reads the message."""
    try:
        yield
    except OSError as exc:
        name = exc.filename
        if name is None or not Path(name).is_relative_to(staging):
            raise
        raise OSError(exc.errno, exc.strerror or str(exc),
                      str(final / Path(name).relative_to(staging))) from None
