"""No footnote lost, none moved: a generated store of 120 notes, read back from the PDF
page by page (see stressnotes.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, write
from stressnotes import NOTES, make_store

from reportgen.build import build
from reportgen.errors import ContentError

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="poppler-utils is not installed")
_NS = "{http://www.w3.org/1999/xhtml}"


def _pages(pdf) -> list[list[tuple[float, float, str]]]:
    """Each page's lines of text, as (top, height, text), from poppler's pdftotext."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    pages = []
    for page in ET.fromstring(out).iter(f"{_NS}page"):
        lines = [(float(line.get("yMin")), float(line.get("yMax")) - float(line.get("yMin")),
                  " ".join(w.text for w in line.iter(f"{_NS}word")))
                 for line in page.iter(f"{_NS}line")]
        pages.append(sorted(lines))
    return pages


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    root = tmp_path_factory.mktemp("stress")
    make_store(root, ROOT)
    build(root, ["2020-2022"], formats=("pdf",), out=root / "out", kinds=("report",))
    return root, _pages(root / "out/2020-2022/report.pdf")


@pytest.mark.slow
def test_every_note_is_present_once_on_the_page_of_its_call(stress):
    _, pages = stress
    call_page, note_pages = {}, {}
    for number, lines in enumerate(pages, start=1):
        text = " ".join(line for _, _, line in lines)
        for n in re.findall(r"\bcall(\d+)x", text):
            call_page[int(n)] = number
        for n in re.findall(r"\bnote(\d+)x", text):
            note_pages.setdefault(int(n), []).append(number)
    assert sorted(call_page) == list(range(1, NOTES + 1))
    assert {n: pages for n, pages in note_pages.items() if len(pages) != 1} == {}
    assert sorted(note_pages) == list(range(1, NOTES + 1))
    moved = {n: (call_page[n], note_pages[n][0]) for n in call_page if note_pages[n][0] != call_page[n]}
    assert moved == {}


@pytest.mark.slow
def test_the_store_tries_the_hard_cases(stress):
    """Calls on the last line of a page's text and in paragraphs split across pages."""
    _, pages = stress
    on_last_line, starts, ends, calls_at = 0, {}, {}, {}
    for number, lines in enumerate(pages, start=1):
        body = [line for _, height, line in lines if height > 10.5]  # 10 pt: not notes or header
        if body:
            on_last_line += len(re.findall(r"\bcall\d+x", body[-1]))
        text = " ".join(line for _, _, line in lines)
        starts.update({int(p): number for p in re.findall(r"\bstart(\d+)", text)})
        ends.update({int(p): number for p in re.findall(r"\bend(\d+)\.", text)})
        calls_at.update({int(n): number for n in re.findall(r"\bcall(\d+)x", text)})
    split = [p for p in starts if ends[p] != starts[p]]
    in_split = [n for n in calls_at if (n - 1) // 3 + 1 in split]
    assert on_last_line >= 3 and len(split) >= 5 and len(in_split) >= 15, (on_last_line, split)


@pytest.mark.slow
def test_a_note_that_cannot_stand_on_the_page_of_its_call_stops_the_build(workspace, tmp_path):
    """A note longer than a page cannot share a page with its call: the build says so at
    the note's line and writes no PDF."""
    block = workspace / "content/blocks/introduction/introduction-purpose.yml"
    text = block.read_text(encoding="utf-8")
    write(block, text.replace("text: |\n", "text: |\n  Overlong note.[^long]\n", 1)
          + "footnotes:\n  long: " + "A very long note that goes on and on. " * 700 + "\n")
    with pytest.raises(ContentError) as caught:
        build(workspace, ["2020-2022"], formats=("pdf",), out=tmp_path / "out", kinds=("report",))
    assert not (tmp_path / "out/2020-2022").exists()
    [message] = [str(p) for p in caught.value.problems]
    assert re.fullmatch(r"content/blocks/introduction/introduction-purpose\.yml:16: error: "
                        r"report\.pdf: footnote 1 stands on page (\d+), but its call is on page "
                        r"(?!\1)\d+; the PDF was not written", message), message


@pytest.mark.slow
def test_a_long_report_with_notes_on_most_pages_builds(tmp_path):
    """The shipped report five times over (67 pages, 310 notes): WeasyPrint set notes a
    page after their calls and the build stopped; the paragraphs that call them now
    start a new page, layout after layout, until every note stands with its call."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    root = bench.workspace_copy(tmp_path / "x5", scale=5)
    result = build(root, ["2020-2022"], formats=("pdf",), out=root / "out", kinds=("report",))
    assert result.documents[0].footnotes > 300
    assert len(_pages(root / "out/2020-2022/report.pdf")) > 60
