"""A long URL or an unbreakable word breaks at the line's end instead of running past the
right edge of the PDF page, where it would be clipped without a word."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import write

URL = "https://example.org/" + "a-very-long-path-segment/" * 12 + "end"
WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 4


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_long_urls_and_words_stay_inside_the_page(workspace, run):
    write(workspace / "content/blocks/conclusions/long-words.yml",
          "id: long-words\nplace: conclusions\nperiod: 2022-2024\norder: 20\n"
          f"text: See [{URL}]({URL}) and the word {WORD} here.\n")
    result = run("build", "--root", str(workspace), "--period", "2022-2024", "--format",
                 "pdf", "--kind", "report", "-q")
    assert result.exit_code == 0, result.output
    pdf = workspace / "build/2022-2024/report.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    page_width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                       r"([^<]*)</word>", boxes)
    assert words
    outside = [text for _, x_max, text in words if float(x_max) > page_width]
    assert outside == []
    text = "".join(t for _, _, t in words)
    assert "end" in text and WORD[:40] in text  # the text is all there, broken across lines
