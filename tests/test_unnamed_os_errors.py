"""An error of the system that names no file (a write that finds the disk full, a sync,
a read of an open file) still ends every command with one line naming a path, never
'reportgen:'."""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SEED_REPORT

from reportgen.oserrors import naming, staged_for


class _FullDisk:
    """A file object whose ``at``-th write (counted over every file opened for writing)
    fails as a full disk does: with no file name."""

    def __init__(self, real, state):
        self._real, self._state = real, state

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __enter__(self):
        self._real.__enter__()
        return self

    def __exit__(self, *exc):
        return self._real.__exit__(*exc)

    def __iter__(self):
        return iter(self._real)

    def write(self, data):
        self._state["n"] += 1
        if self._state["n"] == self._state["at"]:
            self._state["hit"] = True
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._real.write(data)


def _writing(mode) -> bool:
    return any(c in str(mode) for c in "wax+")


@pytest.fixture(scope="module")
def report_docx(tmp_path_factory) -> Path:
    from reportgen.build import build

    root = tmp_path_factory.mktemp("built")
    for folder in ("content", "templates"):
        shutil.copytree(ROOT / folder, root / folder)
    build(root, ["2020-2022"], formats=("docx",), kinds=("report",), force=True)
    return root / "build/2020-2022/report.docx"


def _commands(workspace: Path, case: Path, edited: Path) -> dict[str, list[str]]:
    return {
        "build": ["build", "--root", str(workspace), "--out", str(case / "out"), "--format",
                  "md", "--format", "docx", "--period", "2022-2024", "--kind", "report",
                  "--force", "-q"],
        "new": ["new", "press-release", "--id", "fault-2024", "--date", "2024-03-12",
                "--root", str(workspace)],
        "schema": ["schema", "--out", str(case / "schemas")],
        "init": ["init", str(case / "fresh")],
        "import": ["import", str(SEED_REPORT), "--period", "2020-2022", "--into",
                   str(case / "imported")],
        "redline": ["redline", str(SEED_REPORT), "--period", "2020-2022", "--root",
                    str(workspace), "--out", str(case / "red")],
        "merge": ["merge", str(edited), "--root", str(workspace), "--out", str(case / "m")],
        "merge --apply": ["merge", str(edited), "--root", str(workspace), "--apply",
                          "--out", str(case / "m")],
    }


def _edited(report: Path, into: Path) -> Path:
    """The report with one word changed, as an editor would."""
    edited = into / "edited.docx"
    with zipfile.ZipFile(report) as old, zipfile.ZipFile(edited, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                assert b"Working Group" in data
                data = data.replace(b"Working Group", b"Working Party", 1)
            new.writestr(item, data)
    return edited


def _inject(patch, fault: str, state: dict) -> None:
    """Make the ``state["at"]``-th write on a file (``fault`` "write"), or call of
    ``os.fsync`` or ``os.read``, fail with an OSError that names no file."""
    if fault == "write":
        real_open, real_fdopen = builtins.open, os.fdopen

        def opened(*args, _real=real_open, **kwargs):
            handle = _real(*args, **kwargs)
            mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
            return _FullDisk(handle, state) if _writing(mode) else handle

        patch.setattr(builtins, "open", opened)
        patch.setattr(io, "open", opened)
        patch.setattr(os, "fdopen", lambda *a, **k: opened(*a, _real=real_fdopen, **k))
        return
    real = getattr(os, fault)
    code, words = ((errno.ENOSPC, "No space left on device") if fault == "fsync"
                   else (errno.EIO, "Input/output error"))

    def failing(*args, **kwargs):
        state["n"] += 1
        if state["n"] == state["at"]:
            state["hit"] = True
            raise OSError(code, words)
        return real(*args, **kwargs)

    patch.setattr(os, fault, failing)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["build", "new", "schema", "init", "import", "redline",
                                     "merge", "merge --apply"])
def test_a_fault_naming_no_file_is_reported_at_a_path(command, tmp_path, monkeypatch,
                                                      report_docx):
    from reportgen.cli import main

    tried = 0
    for fault in ("write", "fsync", "read"):
        for at in (1, 2, 3):
            case = tmp_path / f"{fault}-{at}"
            workspace = case / "ws"
            for folder in ("content", "templates"):
                shutil.copytree(ROOT / folder, workspace / folder)
            args = _commands(workspace, case, _edited(report_docx, case))[command]
            state = {"n": 0, "at": at, "hit": False}
            with monkeypatch.context() as patch:
                _inject(patch, fault, state)
                result = CliRunner().invoke(main, args, catch_exceptions=True)
            if not state["hit"]:
                break
            tried += 1
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                (fault, at, repr(result.exception))
            lines = result.output.strip().splitlines()
            assert not any(line.startswith("reportgen:") for line in lines), (fault, at, lines)
            if result.exit_code == 1:
                last = lines[-1]
                assert last.startswith(str(tmp_path)) or last.startswith("/tmp") \
                    or last.startswith("content/"), (fault, at, last)
                assert ".reportgen-" not in last, (fault, at, last)  # not a staging folder
    assert tried, "no fault was reached"


def test_naming_gives_a_path_only_where_there_was_none(tmp_path):
    with pytest.raises(OSError) as caught, naming(tmp_path / "a.yml"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(tmp_path / "a.yml")
    assert caught.value.errno == errno.ENOSPC
    with pytest.raises(OSError) as caught, naming(tmp_path / "a.yml"):
        raise OSError(errno.EACCES, "Permission denied", "/elsewhere")
    assert caught.value.filename == "/elsewhere"


def test_staged_for_names_the_file_where_it_was_going(tmp_path):
    staging, final = tmp_path / ".reportgen-init-x", tmp_path / "fresh"
    with pytest.raises(OSError) as caught, staged_for(staging, final):
        raise OSError(errno.ENOSPC, "No space left on device", str(staging / "schemas/a.json"))
    assert caught.value.filename == str(final / "schemas/a.json")
    with pytest.raises(OSError) as caught, staged_for(staging, final):
        raise OSError(errno.EIO, "Input/output error", "/dev/other")
    assert caught.value.filename == "/dev/other"
