"""Faults once seen in the PDFs: symbols split at a line end outside the body text (the
brief's Sources line), statements without the bullets of their lists."""

from __future__ import annotations

import re
import shutil

import pytest
from pdflines import pdf_lines

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="needs pdftotext (poppler-utils)")

#: a line that ends inside a document symbol, after one of its slashes ('CTOC/COP/')
_CUT_SYMBOL = re.compile(r"\b[A-Z][A-Za-z.\d]*/(?:[A-Za-z.\d]+/)*$")


@pytest.mark.slow
@pytest.mark.parametrize("period", ["2020-2022", "2022-2024"])
def test_no_pdf_line_ends_inside_a_symbol(built, period):
    """Every text field counts: body, notes, masthead, the brief's key figures, Sources
    line and highlights, captions, contact lines."""
    cut = [(pdf.name, line.text) for pdf in sorted((built / period).glob("*.pdf"))
           for page in pdf_lines(pdf) for line in page if _CUT_SYMBOL.search(line.text)]
    assert cut == []


def test_the_brief_s_sources_and_highlights_keep_symbols_whole(built):
    page = (built / "2020-2022" / "brief.html").read_text(encoding="utf-8")
    [sources] = re.findall(r'<p class="sources">.*?</p>', page, flags=re.S)
    assert '<span class="nobr">CTOC/COP/2022/7</span>' in sources
    assert re.search(r"CTOC/COP/2022/7(?!</span>)", sources) is None  # every one of them
    assert '<span class="source">(<span class="nobr">CTOC/COP/2022/7</span>, ' \
        '<span class="nobr">para.\u00a09</span>)</span>' in page


@pytest.mark.slow
def test_statements_print_the_bullets_of_their_lists(built):
    """Seed 001 prints its list of calls with bullets; so does the statement's PDF."""
    lines = [line.text for page in pdf_lines(
        built / "2020-2022" / "statement-2021-05-17-un-network-ccpcj-2021.pdf") for line in page]
    items = [line for line in lines if line.startswith("\u2022")]
    assert len(items) == 6, lines
    assert items[0].startswith("\u2022 Fully implement the UN Protocol")
