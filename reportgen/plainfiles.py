"""Opening files reportgen did not write: plain files only, never through a link.

Content files, templates and old outputs may be anything a folder can hold.  Each is
looked at (without following links) before it is opened, and opened so that a link put
in its place meanwhile is not followed and a named pipe does not block:

* a symbolic link (even one pointing back at itself) is refused, never followed;
* a file with more than one name (a hard link) is refused, since changing it through
  one name would change it under the other;
* named pipes, devices, sockets and folders where a file is expected are refused;
* a size limit is checked before anything is read;
* the rule holds from the workspace root down: a folder of the workspace (``content/``,
  ``templates/``, ``content/blocks`` and the like, ``build/preview``) that is a link is
  refused too, for reading and for writing (:func:`refuse_linked_folders`).
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Iterator

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) \
    | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1024 * 1024


class NotPlainFile(OSError):
    """``path`` is not a plain file reportgen may read; ``reason`` says what it is."""

    def __init__(self, path: Path, reason: str):
        super().__init__(reason)
        self.path = path
        self.reason = reason


class FileTooLarge(OSError):
    def __init__(self, path: Path, size: int, limit: int):
        super().__init__(f"file is too large ({size / 1048576:.1f} MB; the limit is "
                         f"{limit // 1048576} MB)")
        self.path = path
        self.reason = str(self)


def refusal(info: os.stat_result) -> str | None:
    """Why a file with this (not followed) status is not read, or None if it may be."""
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return "is a symbolic link; links are not followed"
    if stat.S_ISDIR(mode):
        return "is a folder where a file is expected"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if not stat.S_ISREG(mode):
        return "is not a plain file"
    if info.st_nlink > 1:
        return f"has {info.st_nlink} names (a hard link); a file with more than one name is not used"
    return None


def linked_folder(root: Path, path: Path) -> Path | None:
    """The first entry from ``root`` (excluded) down to ``path`` (included) that is a
    symbolic link, or None.  ``root`` itself may be reached through links: the user chose
    it.  Entries that do not exist yet end the search."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    current = root
    for part in parts:
        current = current / part
        try:
            info = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return None
        if stat.S_ISLNK(info.st_mode):
            return current
    return None


def refuse_linked_folders(root: Path, path: Path) -> None:
    """NotPlainFile naming the first link on the way from ``root`` down to ``path``."""
    link = linked_folder(root, path)
    if link is not None:
        raise NotPlainFile(link, "is a symbolic link; links are not followed")


def check_plain(path: Path) -> os.stat_result:
    """The status of ``path`` if it is a plain file with one name; else NotPlainFile."""
    info = os.lstat(path)
    reason = refusal(info)
    if reason:
        raise NotPlainFile(path, reason)
    return info


def _open(path: Path) -> tuple[int, os.stat_result]:
    before = check_plain(path)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino) or refusal(info):
            raise NotPlainFile(path, "changed while it was being opened")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_plain(path: Path, limit: int | None = None) -> bytes:
    """The bytes of the plain file ``path``, refusing it unread if it exceeds ``limit``."""
    fd, info = _open(path)
    with os.fdopen(fd, "rb") as handle:
        if limit is not None and info.st_size > limit:
            raise FileTooLarge(path, info.st_size, limit)
        data = handle.read(limit + 1 if limit is not None else -1)
    if limit is not None and len(data) > limit:  # grew after it was measured
        raise FileTooLarge(path, len(data), limit)
    return data


def digest_plain(path: Path) -> str:
    """SHA-256 of a plain file, read in pieces so that a huge file costs no memory."""
    fd, _ = _open(path)
    hasher = hashlib.sha256()
    with os.fdopen(fd, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            hasher.update(chunk)
    return hasher.hexdigest()


def walk_level(folder: Path) -> list[tuple[Path, os.stat_result]]:
    """The entries directly in ``folder`` with their status (links not followed)."""
    try:
        with os.scandir(folder) as entries:
            found = [(Path(entry.path), entry.stat(follow_symlinks=False)) for entry in entries]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return sorted(found)


def walk(folder: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """Every entry under ``folder`` with its status, in name order, descending into real
    folders only (a link to a folder is listed, not entered)."""
    for path, info in walk_level(folder):
        yield path, info
        if stat.S_ISDIR(info.st_mode):
            yield from walk(path)
