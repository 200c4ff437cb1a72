"""The PDF, read back through its extracted text."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader


@pytest.fixture(scope="module")
def pages(built):
    reader = PdfReader(built / "2020-2022" / "report.pdf")
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def _page_of(pages, needle):
    found = [i for i, text in enumerate(pages) if needle in text]
    assert found, f"{needle!r} not found in the PDF"
    return found[0]


@pytest.mark.parametrize("call, note", [
    ("as well as in Kosovo", "References to Kosovo shall be understood to be in the context"),
    ("published updated research", "Conflict in Ukraine: key evidence on risks"),
    ("Item 2 (c) of the provisional agenda", "* CTOC/COP/2022/1."),
])
@pytest.mark.slow
def test_each_footnote_is_on_the_page_of_its_call(pages, call, note):
    assert _page_of(pages, call) == _page_of(pages, note)


@pytest.mark.slow
def test_page_one_is_the_masthead_and_has_no_running_header(pages):
    first = pages[0]
    assert first.index("United Nations") < first.index("CTOC/COP/2022/7") < first.index("Distr.: General")
    assert first.index("Eleventh session") < first.index("Vienna, 17–21 October 2022")
    assert first.count("CTOC/COP/2022/7") == 1


@pytest.mark.slow
def test_symbol_runs_in_the_header_from_page_two(pages):
    assert len(pages) >= 5
    for number, text in enumerate(pages[1:], start=2):
        assert "CTOC/COP/2022/7" in text, f"page {number} lacks the running header"
        assert re.search(rf"(^|\s){number}(\s|$)", text), f"page {number} lacks its number"


def test_pdf_is_a4(built):
    box = PdfReader(built / "2020-2022" / "report.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
