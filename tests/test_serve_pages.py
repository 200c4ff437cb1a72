"""The preview's pages for editions and the redline, and the build's warnings in them."""

from __future__ import annotations

import pytest

from reportgen.build import build
from reportgen.commands.serve import INDEX, REDLINE, PreviewOptions, PreviewState, rebuild


@pytest.mark.slow
def test_preview_serves_editions_the_redline_and_shows_warnings(workspace, tmp_path):
    build(workspace, ["2022-2024"], formats=("md",), kinds=("report",), out=tmp_path / "before")
    block = workspace / "content/blocks/introduction/parties-2022-2024.yml"
    block.write_text(block.read_text(encoding="utf-8").replace("a total of", "in all"),
                     encoding="utf-8")
    state, said, warned = PreviewState(), [], []
    options = PreviewOptions(("fr",), str(tmp_path / "before/2022-2024/report.md"))
    rebuild(workspace, "2022-2024", tmp_path / "out", state, said.append, warned.append, options)
    assert state.errors == []
    assert {"report", "report.fr", REDLINE} <= set(state.pages)
    assert state.documents["report.fr"].pdf.startswith(b"%PDF")
    assert state.documents[REDLINE].pdf is None
    redline = state.pages[REDLINE].decode("utf-8")
    assert "<del" in redline and "in all" in redline
    assert 'href="/report.redline.pdf"' not in redline
    index = state.pages[INDEX].decode("utf-8")
    assert 'href="/report.fr.html"' in index and 'href="/report.redline.html"' in index
    # the warnings heard in the terminal are listed in the index and in every page
    symbol = ("content/periods/2022-2024.yml:1: warning: symbol is not set; the report shows "
              "'[symbol to be assigned]'")
    assert symbol in warned and state.warnings == warned
    assert f"<h2>{len(warned)} warnings of the build</h2>" in index
    assert f"<li>{symbol.replace(chr(39), '&#x27;')}</li>" in index
    page = state.pages["report"].decode("utf-8")
    assert f"<summary>{len(warned)} warnings of the build</summary>" in page
    assert symbol.replace("'", "&#x27;") in page
