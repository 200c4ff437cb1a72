"""``reportgen init``: a new workspace that builds a report at once.

The example workspace ships inside the package (``reportgen/skeleton/``), so ``init``
works from an installed wheel as well as from a checkout; the JSON Schemas its files
point to are generated from the models when it is made.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..content.schema import DEFAULT_FOLDER, write_schemas
from ..errors import ReportgenError
from ..filemodes import file_mode, folder_mode
from ..oserrors import staged_for

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
#: names that packaging would drop or hide, restored on the way out
_RENAMED = {"gitignore": ".gitignore"}


def init_workspace(target: Path) -> list[Path]:
    """Write the example workspace into ``target`` (made if missing); returns the files.
    A folder that already holds content/ or templates/ is left untouched."""
    for name in ("content", "templates"):
        if (target / name).exists():
            raise ReportgenError(f"{target / name}: already exists; init makes a new workspace "
                                 "in an empty folder")
    target.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".reportgen-init-", dir=target))
    try:
        with staged_for(staging, target):
            shutil.copytree(SKELETON, staging, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
            write_schemas(staging / DEFAULT_FOLDER)
        _modes_of_new_files(staging)
        written = []
        for entry in sorted(staging.iterdir()):
            final = target / _RENAMED.get(entry.name, entry.name)
            if final.exists():
                continue  # a writer's own .gitignore or schemas/ stay as they are
            entry.rename(final)
            written += [final] if final.is_file() else sorted(p for p in final.rglob("*") if p.is_file())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _modes_of_new_files(folder: Path) -> None:
    """Give the copied files and folders the modes the umask allows, not the modes of
    the installed copies they came from."""
    os.chmod(folder, folder_mode())
    for path in folder.rglob("*"):
        if not path.is_symlink():
            os.chmod(path, folder_mode() if path.is_dir() else file_mode())
