"""The report's .docx as readers we did not write see it: LibreOffice lays it out as a
PDF (paragraphs, notes, each note on the page of its call), and pandoc's DOCX reader gives
back the paragraphs, headings and notes of seed 004, word for word."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import SEED_REPORT
from reporttext import parse_markdown_report, parse_pandoc_report

from reportgen.typography import as_typed


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


@pytest.fixture(scope="module")
def seed():
    return parse_markdown_report(SEED_REPORT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def read_by_pandoc(built):
    pandoc = _pandoc()
    if not pandoc:
        pytest.skip("pandoc is missing (pip install pypandoc-binary)")
    docx = built / "2020-2022" / "report.docx"
    out = subprocess.run([pandoc, "-f", "docx+styles", "-t", "json", str(docx)],
                         capture_output=True, check=True, timeout=120)
    return parse_pandoc_report(json.loads(out.stdout))


@pytest.mark.slow
def test_pandoc_reads_every_paragraph_of_the_seed(read_by_pandoc, seed):
    assert sorted(read_by_pandoc.paragraphs) == list(range(1, 76))
    for number, text in seed.paragraphs.items():
        assert read_by_pandoc.paragraphs[number] == text, f"paragraph {number} differs"


def test_pandoc_reads_the_24_headings_of_the_seed(read_by_pandoc, seed):
    assert len(seed.headings) == 24
    assert read_by_pandoc.headings == seed.headings


def test_pandoc_reads_the_notes_of_the_seed(read_by_pandoc, seed):
    assert read_by_pandoc.footnotes == seed.footnotes
    assert "Kosovo^1" in read_by_pandoc.paragraphs[46]


@pytest.fixture(scope="module")
def laid_out_by_libreoffice(built, tmp_path_factory) -> list[str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice is missing (Debian: libreoffice-writer-nogui)")
    from pypdf import PdfReader

    work = tmp_path_factory.mktemp("libreoffice")
    # a profile of its own, so conversions running at the same time do not collide
    profile = f"-env:UserInstallation={(work / 'profile').as_uri()}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(work),
                    str(built / "2020-2022" / "report.docx")],
                   capture_output=True, check=True, timeout=240)
    # typography folded, as the report's text is (reporttext.normalize)
    return [" ".join(as_typed(page.extract_text() or "").split())
            for page in PdfReader(work / "report.pdf").pages]


@pytest.fixture(scope="module")
def ours(built):
    return parse_markdown_report((built / "2020-2022" / "report.md").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_libreoffice_shows_paragraphs_1_to_75_in_order(laid_out_by_libreoffice, ours):
    text = " ".join(laid_out_by_libreoffice)
    position = 0
    for number in range(1, 76):
        opening = " ".join(ours.paragraphs[number].split()[:5])
        found = text.find(f"{number}. {opening}", position)
        assert found >= 0, f"paragraph {number} missing or out of order"
        position = found


def _page_of(pages: list[str], phrase: str) -> int:
    found = [i for i, page in enumerate(pages) if phrase in page]
    assert len(found) == 1, f"{phrase!r} on pages {found}"
    return found[0]


@pytest.mark.slow
def test_libreoffice_puts_each_note_on_the_page_of_its_call(laid_out_by_libreoffice, ours):
    pages = laid_out_by_libreoffice
    assert len(ours.footnotes) == 3
    for mark, note in ours.footnotes.items():
        note_page = _page_of(pages, " ".join(note.split()[:8]))
        if mark == "*":
            assert note_page == 0 and "of the provisional agenda*" in pages[0]
            continue
        paragraph = next(t for t in ours.paragraphs.values() if f"^{mark}" in t)
        before_call = " ".join(re.sub(r"\^\d+", "", paragraph.split(f"^{mark}")[0]).split()[-5:])
        assert _page_of(pages, before_call) == note_page, f"note {mark} away from its call"


@pytest.mark.slow
def test_libreoffice_shows_the_symbol_from_page_two_and_page_numbers(laid_out_by_libreoffice):
    pages = laid_out_by_libreoffice
    assert len(pages) > 3
    assert pages[0].count("CTOC/COP/2022/7") == 1  # the masthead only, no running head
    for number, page in enumerate(pages[1:], start=2):
        assert "CTOC/COP/2022/7" in page
        assert re.search(rf"(^|\s){number}(\s|$)", page), f"no number on page {number}"
