"""Library exceptions do not reach the writer: each case is one line naming the file."""

from __future__ import annotations

import os

import pytest

BAD_NAME = os.fsencode("content/blocks/conclusions/") + b"bad\xff.yml"


def _bad_name(workspace):
    source = (workspace / "content/blocks/conclusions/conclusions-2022-2024.yml").read_bytes()
    with open(os.path.join(os.fsencode(workspace), BAD_NAME), "wb") as handle:
        handle.write(source.replace(b"id: conclusions-2022-2024", b"id: other-one"))


def test_a_file_name_that_is_not_utf8_is_one_error_in_check(run, workspace):
    _bad_name(workspace)
    result = run("check", "--root", str(workspace))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "content/blocks/conclusions/bad\\udcff.yml: error: the file name is not UTF-8 text; "
        "rename it")


def test_a_file_name_that_is_not_utf8_is_one_error_in_build(run, workspace, tmp_path):
    _bad_name(workspace)
    result = run("build", "--root", str(workspace), "--out", str(tmp_path / "out"),
                 "--format", "md", "--period", "2022-2024")
    assert result.exit_code == 1
    assert ("content/blocks/conclusions/bad\\udcff.yml: error: the file name is not UTF-8 "
            "text; rename it") in result.output.splitlines()
    assert "Traceback" not in result.output and "UnicodeEncodeError" not in result.output


def test_the_fingerprint_takes_a_name_that_is_not_utf8(workspace):
    from reportgen.fingerprint import tree_digest

    before = tree_digest([workspace / "content"], ["x"])
    _bad_name(workspace)
    assert tree_digest([workspace / "content"], ["x\udcff"]) != before


@pytest.mark.slow
@pytest.mark.parametrize("epoch", ["999999999999", "99999999999999999999999", "soon"])
def test_redline_ignores_a_source_date_epoch_past_9999_with_a_warning(run, workspace,
                                                                     tmp_path, monkeypatch,
                                                                     epoch):
    built = run("build", "--root", str(workspace), "--format", "md", "--period", "2022-2024",
                "--kind", "report")
    assert built.exit_code == 0, built.output
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    result = run("redline", str(workspace / "build/2022-2024/report.md"), "--period",
                 "2022-2024", "--root", str(workspace), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"reportgen: warning: SOURCE_DATE_EPOCH='{epoch}' is not a number of seconds; ignored")
    assert (tmp_path / "out/2022-2024/report.redline.docx").is_file()
