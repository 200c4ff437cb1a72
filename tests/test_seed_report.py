"""The shipped content reproduces the Secretariat report of seed 004, word for word."""

from __future__ import annotations

import re

import pytest
from conftest import SEED_REPORT
from markdown_it import MarkdownIt
from reporttext import parse_html_report, parse_markdown_report


@pytest.fixture(scope="module")
def seed():
    return parse_markdown_report(SEED_REPORT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["md", "html"])
def ours(request, built):
    text = (built / "2020-2022" / f"report.{request.param}").read_text(encoding="utf-8")
    return parse_markdown_report(text) if request.param == "md" else parse_html_report(text)


def test_seed_has_what_the_issue_says(seed):
    assert len(seed.paragraphs) == 75
    assert len(seed.headings) == 24
    assert seed.paragraphs[15].endswith("the Global Compact for Safe, Orderly and Regular Migration.")


def test_every_paragraph_matches_the_seed(seed, ours):
    assert sorted(ours.paragraphs) == list(range(1, 76))
    for number, text in seed.paragraphs.items():
        assert ours.paragraphs[number] == text, f"paragraph {number} differs"


def test_headings_match_the_seed(seed, ours):
    assert ours.headings == seed.headings


def test_footnotes_match_the_seed(seed, ours):
    assert ours.footnotes == seed.footnotes
    assert "Kosovo^1" in ours.paragraphs[46]
    assert "research^2" in ours.paragraphs[54]
    assert ours.footnotes["*"] == "CTOC/COP/2022/1."


@pytest.mark.parametrize("symbol", [
    "CTOC/COP/WG.7/2020/2", "CTOC/COP/WG.7/2022/3", "A/CONF.234/3", "A/CONF.234/11",
    "E/RES/2021/20", "A/RES/75/196", "A/RES/76/172", "S/RES/2546(2020)", "S/RES/2598(2021)",
])
def test_document_symbols_link_to_undocs(built, symbol):
    html = (built / "2020-2022" / "report.html").read_text(encoding="utf-8")
    md = (built / "2020-2022" / "report.md").read_text(encoding="utf-8")
    assert f'href="https://undocs.org/{symbol}"' in html
    assert f"https://undocs.org/{symbol}" in md
    assert "](#)" not in md


def test_markdown_structure_follows_the_hierarchy(built):
    md = (built / "2020-2022" / "report.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0][0] == "h1" and headings[0][1].startswith("Activities of the United Nations")
    levels = {text: tag for tag, text in headings}
    assert levels["I. Introduction"] == "h2"
    assert levels["A. Normative and policy work, knowledge development and inter-agency "
                  "cooperation and coordination"] == "h3"
    assert levels["1. Support for intergovernmental bodies"] == "h4"
    assert levels["*General Assembly*"] == "h5"
    assert re.search(r"^46\. During the reporting period", md, re.M)
    assert re.search(r"^\[\^1\]: References to Kosovo", md, re.M)


def test_html_is_one_self_contained_file(built):
    html = (built / "2020-2022" / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "<title>Activities of the United Nations Office on Drugs and Crime" in html
    assert "<style>" in html and '<link rel="stylesheet"' not in html
    assert '<p id="para-75" class="para">' in html
    # footnotes linked both ways
    assert 'href="#fn-1" id="fnref-1"' in html and 'href="#fnref-1"' in html
