"""reportgen merge of a report that went through pandoc (.docx -> Markdown, edited ->
.docx), which keeps no bookmarks and no marks part: the paragraphs are matched by text
against the report the store makes now, and the rebuilt report reads as the edited
file, paragraph by paragraph."""

from __future__ import annotations

import subprocess

import pytest
from test_merge import PERIOD, _pandoc, build_report, pandoc_paragraphs

from reportgen.wordread import read_package


@pytest.mark.slow
def test_a_file_through_pandoc_is_matched_by_its_text(workspace, run, tmp_path):
    report = build_report(workspace)
    markdown = subprocess.run([_pandoc(), "-f", "docx", "-t", "markdown", "--wrap=none",
                               str(report)], capture_output=True, check=True,
                              timeout=120).stdout.decode("utf-8")
    assert "has been prepared" in markdown
    markdown = markdown.replace("has been prepared", "was prepared")
    lines = markdown.split("\n")
    fifth = next(i for i, line in enumerate(lines) if line.startswith("5\\. "))
    del lines[fifth:fifth + 2]  # the paragraph and the blank line after it
    third = next(i for i, line in enumerate(lines) if line.startswith("3\\. "))
    lines[third + 1:third + 1] = ["", "A paragraph typed in the Markdown of the report."]
    source = tmp_path / "edited.md"
    source.write_text("\n".join(lines), encoding="utf-8")
    edited = tmp_path / "edited.docx"
    subprocess.run([_pandoc(), "-f", "markdown", "-t", "docx", str(source), "-o", str(edited)],
                   check=True, timeout=120)
    assert read_package(edited.read_bytes()).custom_xml == []  # pandoc kept no marks

    result = run("merge", str(edited), "--apply", "--period", PERIOD, "--root", str(workspace))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "content/blocks/introduction/introduction-purpose.yml: text: 1 word replaced, 1 word deleted" in lines
    assert any(line.endswith("text: new block") for line in lines)
    assert any("left out of the 2020-2022 documents" in line for line in lines)
    rebuilt = build_report(workspace)
    assert pandoc_paragraphs(rebuilt) == pandoc_paragraphs(edited)
