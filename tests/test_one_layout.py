"""One layout, every format: the parts a document prints are the same, in the same order,
in its Markdown, HTML, PDF and Word file, in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from reportgen.languages import LANGUAGES

pytestmark = pytest.mark.slow

PERIOD = "2020-2022"


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> Path:
    """Every kind of the period in every language, as Markdown, HTML and Word."""
    from reportgen.cli import main

    root = tmp_path_factory.mktemp("editions")
    for name in ("content", "templates"):
        shutil.copytree(ROOT / name, root / name)
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--period", PERIOD,
                                       "--lang", "all", "--format", "md", "--format", "html",
                                       "--format", "docx", "-q"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "build" / PERIOD


def _brief_md(folder: Path, code: str) -> str:
    name = "brief.md" if code == "en" else f"brief.{code}.md"
    return (folder / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("code", ["en", "fr", "es", "ru", "ar", "zh"])
def test_the_brief_s_markdown_names_its_sources_in_its_language(editions, code):
    sources = LANGUAGES[code].words.sources
    lines = [line for line in _brief_md(editions, code).splitlines()
             if line.startswith(f"{sources}:")]
    assert len(lines) == 1
    if sources != "Sources":  # French says it as English does
        assert "Sources:" not in _brief_md(editions, code)
