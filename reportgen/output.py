"""Stage 4: write a period's outputs all at once, or not at all.

Files are written into a staging folder beside the period's folder; only when every
output is complete does the staging folder take the period folder's place (an atomic
exchange where the system offers one).  An interrupted build leaves the previous
complete outputs in place; a leftover staging folder is removed by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import signal
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import OutputError

_PLAIN_NAME = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9._-]*$")

#: kinds of document a period can hold
KINDS = ("report", "brief", "press-release", "statement")

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_period(out_root: Path, period: str, files: dict[str, bytes]) -> list[Path]:
    """Replace ``out_root/period`` with the given files (name -> content), keeping other
    files the folder already had (outputs of formats not rebuilt this time)."""
    target = out_root / period
    _check_names(out_root, period, files)
    staging: Path | None = None
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        _recover(out_root, period)
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{period}-", dir=out_root))
        if target.is_dir():
            for old in target.iterdir():
                if old.is_file() and old.name not in files:
                    shutil.copy2(old, staging / old.name)
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(staging, 0o755)
        with _signals_held():
            _swap_in(staging, target)
            staging = None  # swapped in: it is the period folder now
            _sync_folder(out_root)
    except OSError as exc:
        where = exc.filename or out_root
        raise OutputError(f"{where}: error: cannot write outputs: {exc.strerror or exc}") from None
    finally:
        if staging is not None:  # failed or interrupted before the swap
            shutil.rmtree(staging, ignore_errors=True)
    return [target / name for name in files]


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while folders are swapped; they act right after.

    A swap is a few renames: letting it finish keeps the period folder complete even
    when the fallback (two renames) is used.
    """
    can_hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if can_hold else None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _sync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _check_names(out_root: Path, period: str, files: dict[str, bytes]) -> None:
    """Outputs go into ``out_root/period`` and nowhere else, and replace only outputs."""
    for name in (period, *files):
        if not _PLAIN_NAME.match(name) or name in (".", ".."):
            raise OutputError(f"{out_root}: error: '{name}' is not a plain file name; "
                              "outputs are written only inside the period folder")
    target = out_root / period
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target}: error: is not a folder of outputs; "
                          "move it away or choose another --out")
    if target.is_dir() and any(child.is_dir() for child in target.iterdir()):
        raise OutputError(f"{target}: error: holds folders, so it is not a folder of "
                          "outputs; move them away or choose another --out")


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous outputs
        return
    old = target.with_name(f".old-{target.name}")
    shutil.rmtree(old, ignore_errors=True)
    os.rename(target, old)
    os.rename(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _recover(out_root: Path, period: str) -> None:
    """Clean up after an interrupted build: restore or drop its leftovers."""
    target = out_root / period
    old = out_root / f".old-{period}"
    if old.is_dir():
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(old, target)
    for leftover in out_root.glob(f".staging-{period}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
