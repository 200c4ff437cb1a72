"""Shared fixtures: the shipped workspace, throwaway copies of it, and built outputs."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

SEED_REPORT = ROOT / "seeds" / "004_5fd3833edaaf884a.txt"


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory) -> Path:
    """A cache folder of the test session's own (the lighter Chinese faces are made
    there once, see reportgen.lightfaces), never the user's."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The shipped store built once, all periods, all formats; returns the output root."""
    from reportgen.build import build

    out = tmp_path_factory.mktemp("built")
    build(ROOT, ["2020-2022", "2022-2024"], out=out)
    return out


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A copy of the shipped workspace that a test may change."""
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def run():
    """Run the command line in-process; returns click's Result."""
    from reportgen.cli import main

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
