"""A git: baseline is bounded before it is read: the sizes git records are checked first,
the archive goes to disk, and a link or a submodule in the revision is one line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

ROOT = Path(__file__).resolve().parent.parent


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "HOME": str(root), "PATH": "/usr/bin:/bin"})


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "content", root / "content")
    _git(root, "init", "-q")
    return root


def _commit(root: Path) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "revision")


@pytest.mark.slow
def test_a_link_in_the_revision_is_one_line(repo, run):
    (repo / "content/blocks/loop.yml").symlink_to("/etc/passwd")
    _commit(repo)
    (repo / "content/blocks/loop.yml").unlink()  # the workspace as it is now is sound
    result = run("redline", "git:HEAD", "--period", "2020-2022", "--root", str(repo))
    assert result.exit_code == 1
    assert result.output == ("git:HEAD:content/blocks/loop.yml: error: is a symbolic link; "
                             "links are not followed\n")


def test_a_large_blob_is_refused_by_its_recorded_size(repo, run, monkeypatch):
    import reportgen.redline.baseline as baseline

    big = repo / "content/blocks/big.yml"
    big.write_bytes(b"# " + b"x" * 3 * 1024 * 1024 + b"\n")
    _commit(repo)
    big.unlink()
    ran = []
    real_run = subprocess.run
    monkeypatch.setattr(baseline.subprocess, "run",
                        lambda args, **kw: ran.append(args) or real_run(args, **kw))
    result = run("redline", "git:HEAD", "--period", "2020-2022", "--root", str(repo))
    assert result.exit_code == 1
    assert result.output == ("git:HEAD:content/blocks/big.yml: error: file is too large "
                             "(3.0 MB; the limit is 2 MB)\n")
    assert not any("archive" in args for args in ran)  # refused before anything was read


def test_too_many_files_are_refused_before_reading(repo, run, monkeypatch):
    import reportgen.redline.baseline as baseline

    monkeypatch.setattr(baseline, "MAX_TREE_FILES", 5)
    _commit(repo)
    result = run("redline", "git:HEAD", "--period", "2020-2022", "--root", str(repo))
    assert result.exit_code == 1
    assert result.output == ("git:HEAD: error: content/ holds more than 5 files or 256 MB; "
                             "not a store to compare with\n")
