"""Period selection: each period's report holds its own blocks, numbered from 1."""

from __future__ import annotations

import pytest
from conftest import ROOT
from reporttext import parse_markdown_report


def test_second_period_is_a_shorter_report_of_its_own(built):
    text = (built / "2022-2024" / "report.md").read_text(encoding="utf-8")
    report = parse_markdown_report(text)
    assert sorted(report.paragraphs) == list(range(1, len(report.paragraphs) + 1))
    assert 3 <= len(report.paragraphs) < 20
    intro = report.paragraphs[1]
    assert "at its twelfth session" in intro
    assert "covers the period from August 2022 to July 2024" in intro
    assert "As of October 2023, there were a total of 151 parties" in text
    assert "65 non-governmental stakeholders" in text and "38 governments" in text
    assert "Twelfth session" in text


def test_no_block_of_the_first_period_appears_in_the_second(built):
    first = parse_markdown_report((built / "2020-2022" / "report.md").read_text(encoding="utf-8"))
    second = parse_markdown_report((built / "2022-2024" / "report.md").read_text(encoding="utf-8"))
    assert not set(first.paragraphs.values()) & set(second.paragraphs.values())
    assert "150" not in " ".join(second.paragraphs.values())


@pytest.mark.slow
def test_unset_metadata_shows_placeholders_and_warns(run, tmp_path):
    result = run("build", "--root", str(ROOT), "--period", "2022-2024", "--format", "md",
                 "--out", str(tmp_path))
    assert result.exit_code == 0
    assert ("content/periods/2022-2024.yml:1: warning: symbol is not set; "
            "the report shows '[symbol to be assigned]'") in result.output
    text = (tmp_path / "2022-2024" / "report.md").read_text(encoding="utf-8")
    assert "\\[symbol to be assigned\\]" in text
    assert "Vienna, \\[dates to be announced\\]" in text


@pytest.mark.slow
def test_without_period_the_latest_is_built(run, tmp_path):
    result = run("build", "--root", str(ROOT), "--format", "md", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022-2024"]


@pytest.mark.slow
def test_format_option_picks_formats(run, tmp_path):
    result = run("build", "--root", str(ROOT), "--period", "2020-2022", "--format", "md",
                 "--format", "html", "--kind", "report", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert _outputs(tmp_path / "out" / "2020-2022") == ["report.html", "report.md"]


@pytest.mark.slow
def test_build_writes_every_format_under_build(run, workspace):
    result = run("build", "--root", str(workspace), "--period", "2020-2022")
    assert result.exit_code == 0, result.output
    folder = workspace / "build" / "2020-2022"
    assert {"report.html", "report.md", "report.pdf", "report.docx", "brief.pdf"} <= set(_outputs(folder))
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert "2020-2022: report.md, report.html, report.pdf, report.docx (75 paragraphs, 2 footnotes)" in result.output


def _outputs(folder):
    """The documents in an output folder (the build's manifest aside)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
