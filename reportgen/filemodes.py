"""The permissions of files and folders reportgen makes: those the user's umask allows.

Files written through a temporary name (``mkstemp``, ``mkdtemp``) start private (0600,
0700) and are given these modes before they take their final names, as a file made with
``open`` would have had.
"""

from __future__ import annotations

import os


def current_umask() -> int:
    """The process's umask, read without changing it where the system tells it
    (Linux's /proc), else by setting it and setting it back."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode of a new file: read and write for whom the umask allows."""
    return 0o666 & ~current_umask()


def folder_mode() -> int:
    """The mode of a new folder: read, write and enter for whom the umask allows."""
    return 0o777 & ~current_umask()
