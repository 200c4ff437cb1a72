"""Chinese paragraphs are justified like the other editions': every line but the last
ends at the measure (line ends read with pdftotext -bbox)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pdflines import pdf_lines

EDITIONS = Path(__file__).resolve().parent / "editions"

_LONG = """id: long-zh
place: cop
date: 2021-07-01
text: |
  UNODC supported the intergovernmental bodies that follow the implementation of the Protocol.
translations:
  zh:
    text: |
      此外，毒品和犯罪问题办公室为监督议定书执行情况的政府间机构提供了支持，包括为偷运移民问题工作组编写背景文件，为缔约方会议及其工作组的会议提供服务，并协助各国根据议定书审查本国立法，加强执法和司法合作，保护被偷运移民的权利，开展提高认识活动，收集和分析数据，以及与其他国际组织和区域组织协调开展工作，以便更好地应对这一跨国犯罪。
"""


@pytest.mark.slow
def test_chinese_lines_end_at_the_measure(tmp_path, run):
    from reportgen.scriptfonts import installed_families

    if shutil.which("pdftotext") is None or not installed_families("zh"):
        pytest.skip("needs poppler-utils and a Chinese font (fonts-noto-cjk)")
    shutil.copytree(EDITIONS / "content", tmp_path / "content")
    (tmp_path / "content/blocks/long-zh.yml").write_text(_LONG, encoding="utf-8")
    result = run("build", "--root", str(tmp_path), "--lang", "en", "--lang", "zh",
                 "--format", "pdf")
    assert result.exit_code == 0, result.output
    folder = tmp_path / "build" / "2020-2022"
    # the measure: where the English edition's justified lines end
    measure = max(line.x1 for page in pdf_lines(folder / "report.pdf") for line in page)
    lines = [line for page in pdf_lines(folder / "report.zh.pdf") for line in page]
    start = next(i for i, line in enumerate(lines) if line.text.startswith("此外，毒品和犯罪问题办公室"))
    paragraph = []
    for line in lines[start:]:
        if line.x0 < lines[start].x0 - 1:
            continue  # a paragraph number in the margin
        paragraph.append(line)
        if line.text.rstrip().endswith("。"):
            break
    assert len(paragraph) >= 3, [line.text for line in paragraph]
    for line in paragraph[:-1]:
        assert measure - 1.0 <= line.x1 <= measure + 0.5, (line.x1, measure, line.text)
    assert paragraph[-1].x1 < measure - 20  # the last line is not stretched
