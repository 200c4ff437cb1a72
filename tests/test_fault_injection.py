"""Every command under a fault-injection harness: each file operation and each library
call in turn raises its typical exception, and no traceback ever reaches the writer:
the command ends with one line and exit 1 (or succeeds when the fault did not matter)."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
import traceback
import zipfile
from pathlib import Path

import jinja2
import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT, SEED_REPORT

#: (module, name, the exception a fault there typically raises)
FAULTS = [
    (os, "open", lambda: OSError(errno.EIO, "Input/output error")),
    (builtins, "open", lambda: OSError(errno.EACCES, "Permission denied")),
    (os, "replace", lambda: OSError(errno.ENOSPC, "No space left on device")),
    (os, "rename", lambda: OSError(errno.EXDEV, "Invalid cross-device link")),
    (os, "link", lambda: OSError(errno.EMLINK, "Too many links")),
    (os, "mkdir", lambda: OSError(errno.EROFS, "Read-only file system")),
    (os, "scandir", lambda: OSError(errno.EIO, "Input/output error")),
    (os, "lstat", lambda: OSError(errno.EIO, "Input/output error")),
    (os, "fsync", lambda: OSError(errno.ENOSPC, "No space left on device")),
    (os, "read", lambda: OSError(errno.EIO, "Input/output error")),
    (yaml, "compose", lambda: yaml.YAMLError("broken")),
    (yaml, "parse", lambda: yaml.YAMLError("broken")),
    (jinja2.Template, "render", lambda: jinja2.TemplateError("broken")),
    # a package read from a file (the reference document), not one made in memory
    (zipfile.ZipFile, "__init__", lambda: zipfile.BadZipFile("File is not a zip file")),
    (zipfile.ZipFile, "read", lambda: zipfile.BadZipFile("Bad CRC-32")),
]
_FROM_A_FILE = {
    "__init__": lambda args: len(args) > 1 and isinstance(args[1], (str, os.PathLike)),
    "read": lambda args: bool(getattr(args[0], "filename", None)),
}


def _commands(workspace: Path, tmp_path: Path) -> dict[str, list[str]]:
    return {
        "check": ["check", "--root", str(workspace)],
        "build": ["build", "--root", str(workspace), "--out", str(tmp_path / "out"),
                  "--format", "md", "--format", "html", "--format", "docx",
                  "--period", "2022-2024", "--kind", "report", "--force", "-q"],
        "new": ["new", "press-release", "--id", "fault-2024", "--date", "2024-03-12",
                "--root", str(workspace)],
        "schema": ["schema", "--out", str(tmp_path / "schemas")],
        "init": ["init", str(tmp_path / "fresh")],
        "import": ["import", str(SEED_REPORT), "--period", "2020-2022", "--into",
                   str(tmp_path / "imported")],
        "redline": ["redline", str(SEED_REPORT), "--period", "2020-2022", "--root",
                    str(workspace), "--out", str(tmp_path / "red")],
    }


def _faulty(real, make, at: int, calls: dict, counted=lambda args: True):
    def wrapper(*args, **kwargs):
        if not counted(args):
            return real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == at:
            calls["hit"] = True
            raise make()
        return real(*args, **kwargs)
    return wrapper


@pytest.mark.slow
@pytest.mark.parametrize("command", ["check", "build", "new", "schema", "init", "import",
                                     "redline"])
def test_no_fault_reaches_the_writer_as_a_traceback(command, tmp_path, monkeypatch):
    from reportgen.cli import main

    escaped = []
    for number, (owner, name, make) in enumerate(FAULTS):
        for at in (1, 3, 10, 40):
            case = tmp_path / f"{number}-{name}-{at}"
            workspace = case / "ws"
            for folder in ("content", "templates"):
                shutil.copytree(ROOT / folder, workspace / folder)
            args = _commands(workspace, case)[command]
            calls = {"n": 0, "hit": False}
            with monkeypatch.context() as patch:
                counted = _FROM_A_FILE.get(name, lambda args: True) if owner is zipfile.ZipFile \
                    else (lambda args: True)
                patch.setattr(owner, name, _faulty(getattr(owner, name), make, at, calls, counted))
                result = CliRunner().invoke(main, args, catch_exceptions=True)
            if not calls["hit"]:
                break  # the command makes fewer calls: later ones are not reached either
            unexpected = result.exception is not None and not isinstance(result.exception,
                                                                         SystemExit)
            if unexpected or "Traceback" in result.output or result.exit_code not in (0, 1):
                ours = [f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno}"
                        for frame in traceback.extract_tb(result.exc_info[2])
                        if "/reportgen/" in frame.filename] if result.exc_info else []
                escaped.append(f"{getattr(owner, '__name__', owner)}.{name} call {at}: "
                               f"{type(result.exception).__name__}: {result.exception} "
                               f"(from {', '.join(ours[-3:])})")
            elif result.exit_code == 1:
                lines = result.output.strip().splitlines()
                assert lines and ": error: " in lines[-1] or "error" in lines[-1].lower(), \
                    (name, at, result.output)
    assert escaped == [], "\n".join(escaped)
