"""Numbering lives in the document model: paragraphs 1..N, footnotes by first call."""

from __future__ import annotations

import pytest
from conftest import write

from reportgen.assemble import assemble_report
from reportgen.content.store import load_store


def _assemble(root, period="2020-2022"):
    store, log = load_store(root)
    assert not log.errors, log.errors
    doc = assemble_report(store, period, log)
    assert doc is not None, log.errors
    return doc


def test_paragraphs_and_headings_are_numbered_from_order(workspace):
    doc = _assemble(workspace)
    assert [p.number for p in doc.paragraphs()] == list(range(1, 76))
    labels = [s.heading for s in doc.all_sections() if s.numbered]
    assert labels[:4] == ["I. Introduction",
                          "II. Activities to assist States in the implementation of the "
                          "Smuggling of Migrants Protocol",
                          "A. Normative and policy work, knowledge development and inter-agency "
                          "cooperation and coordination",
                          "1. Support for intergovernmental bodies"]
    assert labels[-1] == "III. Conclusions"


def test_a_new_block_renumbers_what_follows(workspace):
    write(workspace / "content/blocks/introduction/extra.yml",
          "id: extra\nplace: introduction\nperiod: 2020-2022\norder: 15\ntext: |\n"
          "  An added paragraph.\n\n  And a second one.\n")
    doc = _assemble(workspace)
    paragraphs = doc.paragraphs()
    assert len(paragraphs) == 77
    assert [p.content.text for p in paragraphs[1:3]] == ["An added paragraph.", "And a second one."]
    assert paragraphs[47].content.text.startswith("During the reporting period, UNODC delivered")
    assert paragraphs[47].number == 48


def test_footnotes_are_numbered_in_order_of_first_call(workspace):
    write(workspace / "content/blocks/introduction/noted.yml",
          "id: noted\nplace: introduction\nperiod: 2020-2022\norder: 99\ntext: |\n"
          "  A statement[^src] that is sourced, again[^src].\n"
          "footnotes:\n  src: A source.\n")
    doc = _assemble(workspace)
    assert [(n.number, n.label) for n in doc.footnotes] == [
        (1, "src"), (2, "kosovo"), (3, "ukraine-research")]
    assert doc.paragraphs()[4].content.markdown == "A statement[^1] that is sourced, again[^1]."


def test_a_heading_with_nothing_under_it_is_left_out(workspace):
    # Take away the only block under "Fees": the heading goes, the others keep their place.
    (workspace / "content/blocks/observatory/smuggling-fees.yml").unlink()
    doc = _assemble(workspace)
    titles = [s.title for s in doc.all_sections()]
    assert "Fees" not in titles and "Risks and abuses" in titles
    assert len(doc.paragraphs()) == 74


def test_numbered_headings_renumber_when_one_is_empty(workspace):
    for path in (workspace / "content/blocks/legislation").glob("*.yml"):
        path.unlink()
    doc = _assemble(workspace)
    headings = [s.heading for s in doc.all_sections() if s.level == 3 and s.numbered]
    assert "1. Strengthening criminal justice responses" in headings
    assert "4. Data collection and research" not in headings
    assert "3. Data collection and research" in headings


@pytest.mark.slow
def test_cross_reference_reads_para_and_follows_renumbering(workspace):
    write(workspace / "content/blocks/conclusions/xref.yml",
          "id: xref\nplace: conclusions\nperiod: 2020-2022\norder: 99\ntext: |\n"
          "  As noted above (see [](ref:wg-seventh-meeting)), the Group met.\n")
    doc = _assemble(workspace)
    assert doc.paragraphs()[-1].content.text == "As noted above (see para. 7), the Group met."
    write(workspace / "content/blocks/introduction/extra.yml",
          "id: extra\nplace: introduction\nperiod: 2020-2022\ntext: |\n  One more.\n")
    doc = _assemble(workspace)
    assert doc.paragraphs()[-1].content.text == "As noted above (see para. 8), the Group met."
    assert 'href="#para-8"' in doc.paragraphs()[-1].content.html()
