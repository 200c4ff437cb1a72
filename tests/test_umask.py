"""Folders and files reportgen makes take the modes the user's umask allows: period
folders, schema files and the files of ``init``."""

from __future__ import annotations

import os
import stat

import pytest

from reportgen.filemodes import current_umask


@pytest.fixture(params=[0o027, 0o002])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_the_umask_is_read_without_changing_it(umask):
    assert current_umask() == umask
    assert current_umask() == umask


def test_a_period_folder_follows_the_umask(umask, tmp_path):
    from reportgen.output import write_period

    write_period(tmp_path, "2022-2024", {"report.md": b"text\n"})
    assert _mode(tmp_path / "2022-2024") == 0o777 & ~umask
    assert _mode(tmp_path / "2022-2024" / "report.md") == 0o666 & ~umask


def test_schema_files_follow_the_umask(umask, tmp_path, run):
    result = run("schema", "--out", str(tmp_path / "schemas"))
    assert result.exit_code == 0, result.output
    made = sorted((tmp_path / "schemas").iterdir())
    assert made
    assert {_mode(p) for p in made} == {0o666 & ~umask}


def test_init_files_follow_the_umask(umask, tmp_path, run):
    result = run("init", str(tmp_path / "new"))
    assert result.exit_code == 0, result.output
    made = [p for p in (tmp_path / "new").rglob("*")]
    assert {_mode(p) for p in made if p.is_file()} == {0o666 & ~umask}
    assert {_mode(p) for p in made if p.is_dir()} == {0o777 & ~umask}
