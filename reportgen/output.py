"""Stage 4: write a period's outputs all at once, or not at all.

Files are written into a staging folder beside the period's folder; only when every
output is complete does the staging folder take the period folder's place (an atomic
exchange where the system offers one).  An interrupted build leaves the previous
complete outputs in place; a leftover staging folder is removed by the next build.

Builds into the same output root take turns: each holds an exclusive lock on
``<out>/.<period>.lock`` (``fcntl.flock``: the system drops it when the holder exits,
however it exits) from before it looks for leftovers until its folder is swapped in, so
no build ever sees, removes or replaces another live build's staging folder.  A lock
file left by a killed build is harmless: the next build locks and removes it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Collection, Iterator

from .errors import OutputError
from .filemodes import folder_mode
from .kinds import names
from .plainfiles import check_plain, refusal, walk_level

_PLAIN_NAME = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9._-]*$")

#: kinds of document a period can hold (reportgen.kinds registers them)
KINDS = names()

_COPY_CHUNK = 1024 * 1024
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_period(out_root: Path, period: str, files: dict[str, bytes],
                 waiting: Callable[[str], None] | None = None,
                 drop: Collection[str] = (),
                 decide: Callable[[], tuple[dict[str, bytes], Collection[str]]] | None = None,
                 ) -> list[Path]:
    """Replace ``out_root/period`` with the given files (name -> content), keeping the
    other files the folder already had except those named in ``drop`` (stale outputs).
    While another build holds the period's lock, ``waiting`` hears so once and the call
    waits.  ``decide``, when given, is called with the lock held and returns the files
    and the names to drop instead: what decides what the folder will hold is then read
    after any other build has finished writing it."""
    target = out_root / period
    _check_plain_names(out_root, period, files)
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        with _period_lock(out_root, period, waiting):
            # an interrupted build's leftovers go first: they may hold second names of
            # the files kept in the period folder
            _recover(out_root, period)
            if decide is not None:
                files, drop = decide()
            _check_names(out_root, period, files)
            _stage_and_swap(out_root, period, files, drop)
    except OSError as exc:
        where = exc.filename or out_root
        raise OutputError(f"{where}: error: cannot write outputs: {exc.strerror or exc}") from None
    return [target / name for name in files]


@contextmanager
def _period_lock(out_root: Path, period: str,
                 waiting: Callable[[str], None] | None) -> Iterator[None]:
    """Hold the exclusive lock of ``out_root/period``, waiting for another build's.

    The holder removes the lock file before it lets go, so a finished build leaves none;
    a build that was waiting on the removed file sees that and locks the new one."""
    path = out_root / f".{period}.lock"
    told = waiting is None
    while True:
        fd = _open_lock_file(path)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not told:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    waiting(f"{out_root / period}: waiting for the build with process id "
                            f"{holder}, which is writing there")
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            if not _same_file(fd, path):  # removed by the build that held it: again
                continue
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            try:
                yield
            finally:
                os.unlink(path)
            return
        finally:
            os.close(fd)  # closing the last descriptor releases the lock


def _open_lock_file(path: Path) -> int:
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                     0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(f"{path}: error: the lock file is a symbolic link; move it "
                              "away (builds make their own)") from None
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise OutputError(f"{path}: error: the lock file is not a plain file; move it "
                          "away (builds make their own)")
    return fd


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (mine.st_dev, mine.st_ino)


def _stage_and_swap(out_root: Path, period: str, files: dict[str, bytes],
                    drop: Collection[str]) -> None:
    target = out_root / period
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".staging-{period}-", dir=out_root))
        if target.is_dir():
            for old in target.iterdir():
                if old.name not in files and old.name not in drop:
                    _keep_plain(old, staging / old.name)
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(staging, folder_mode())  # mkdtemp's folder is private
        with _signals_held():
            _swap_in(staging, target)
            staging = None  # swapped in: it is the period folder now
            _sync_folder(out_root)
    finally:
        if staging is not None:  # failed or interrupted before the swap
            shutil.rmtree(staging, ignore_errors=True)


def _keep_plain(source: Path, kept: Path) -> None:
    """Keep a file the folder already had, untouched: the staging folder gets a second
    name for it (a hard link, never following a link), so a file of any size costs
    neither memory nor disk and keeps its bytes and times.  Where the file system has no
    hard links it is copied in pieces, never read whole."""
    check_plain(source)
    try:
        os.link(source, kept, follow_symlinks=False)
        return
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP,
                             errno.EOPNOTSUPP):
            raise
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as reading, open(kept, "xb") as writing:
        shutil.copyfileobj(reading, writing, _COPY_CHUNK)
    shutil.copystat(source, kept, follow_symlinks=False)


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


def check_period_folder(out_root: Path, period: str, files: dict[str, bytes]) -> None:
    """OutputError if ``out_root/period`` could not take ``files``: checked for every
    period of a build before the first is replaced (and again under each one's lock)."""
    try:
        _check_names(out_root, period, files)
    except OSError as exc:
        raise OutputError(f"{exc.filename or out_root / period}: error: cannot write "
                          f"outputs: {exc.strerror or exc}") from None


def _check_plain_names(out_root: Path, period: str, files: dict[str, bytes]) -> None:
    """Outputs go into ``out_root/period`` and nowhere else."""
    for name in (period, *files):
        if not _PLAIN_NAME.fullmatch(name) or name in (".", ".."):
            raise OutputError(f"{out_root}: error: '{name}' is not a plain file name; "
                              "outputs are written only inside the period folder")


def _check_names(out_root: Path, period: str, files: dict[str, bytes]) -> None:
    """Outputs go into ``out_root/period`` and nowhere else, and replace only outputs."""
    _check_plain_names(out_root, period, files)
    target = out_root / period
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise OutputError(f"{target}: error: is not a folder of outputs; "
                          "move it away or choose another --out")
    entries = walk_level(target)
    if any(stat.S_ISDIR(info.st_mode) for _, info in entries):
        raise OutputError(f"{target}: error: holds folders, so it is not a folder of "
                          "outputs; move them away or choose another --out")
    for path, info in entries:
        reason = refusal(info)
        if reason:
            raise OutputError(f"{path}: error: {reason}; a folder of outputs holds only "
                              "files reportgen wrote (move it away or choose another --out)")


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
    import ctypes  # only a build that writes needs it

    try:
        libc = ctypes.CDLL(None, use_errno=True)  # the C library the interpreter runs on
    except OSError:
        return False
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def _recover(out_root: Path, period: str) -> None:
    """Clean up after an interrupted build: restore or drop its leftovers.

    Called with the period's lock held, so every staging folder found belongs to a build
    that has ended."""
    target = out_root / period
    old = out_root / f".old-{period}"
    stagings = sorted(out_root.glob(f".staging-{period}-*"))
    for leftover in [old, *stagings] if os.path.lexists(old) else stagings:
        if not stat.S_ISDIR(os.lstat(leftover).st_mode):  # only what a build made
            raise OutputError(f"{leftover}: error: is not a folder an interrupted build left "
                              "(a link, or a file); move it away")
    if os.path.lexists(old):
        if os.path.lexists(target):
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(old, target)
    for leftover in stagings:
        shutil.rmtree(leftover, ignore_errors=True)
