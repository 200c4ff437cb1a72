"""The two laws of a redline, over generated reports and edit scripts: Reject All gives
the earlier report's text and Accept All the current one's, paragraph by paragraph
(masthead, headings, numbers and notes included), as pandoc reads them.

A report is generated (chapters of blocks, some with a footnote, and a masthead), then
an edit script is applied to it: blocks added, removed, moved between chapters and
edited; chapters added, removed and renamed; notes added, removed and edited; masthead
fields changed.  Both versions are built into Word files by reportgen's own code, and the
redline of the second against the first is read back with pandoc."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redline_scenario import paragraphs

PERIOD = "2020-2022"
SERIES = {"organ": "Conference of the Parties", "title": "A generated report"}
#: few words, so that paragraphs look alike and matching them is put to the test
WORDS = ["migrants", "smuggling", "UNODC", "States", "support", "the", "of", "training",
         "Protocol", "2021", "review", "cooperation"]


@dataclass(frozen=True)
class Block:
    ident: str
    words: tuple[str, ...]
    note: tuple[str, ...] | None = None

    @property
    def text(self) -> str:
        return " ".join(self.words) + "." + ("[^n1]" if self.note else "")


@dataclass(frozen=True)
class Chapter:
    ident: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    chapters: tuple[Chapter, ...]
    session: int = 11
    symbol: str = "CTOC/COP/2022/7"
    issued: str = "2022-07-30"
    serial: int = 0  # for ids of new blocks and chapters

    def next_id(self, prefix: str) -> tuple[Report, str]:
        return replace(self, serial=self.serial + 1), f"{prefix}{self.serial}"


sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=10).map(tuple)
title = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
    lambda words: " ".join(words).capitalize())


@st.composite
def reports(draw) -> Report:
    report = Report(())
    chapters = []
    for _ in range(draw(st.integers(1, 3))):
        report, ident = report.next_id("c")
        blocks = []
        for _ in range(draw(st.integers(1, 4))):
            report, block_id = report.next_id("b")
            blocks.append(Block(block_id, draw(sentence),
                                draw(st.one_of(st.none(), sentence))))
        chapters.append(Chapter(ident, draw(title), tuple(blocks)))
    return replace(report, chapters=tuple(chapters))


# -- edit scripts ---------------------------------------------------------------------------------

def _with_chapter(report: Report, index: int, chapter: Chapter | None) -> Report:
    chapters = list(report.chapters)
    if chapter is None:
        del chapters[index]
    else:
        chapters[index] = chapter
    return replace(report, chapters=tuple(chapters))


@st.composite
def edit(draw, report: Report) -> Report:
    """One edit of a report (a writer's change)."""
    kinds = ["add block", "add chapter", "masthead"]
    if any(c.blocks for c in report.chapters):
        kinds += ["remove block", "move block", "edit block", "note"]
    if len(report.chapters) > 1:
        kinds += ["remove chapter"]
    kinds += ["rename chapter"]
    kind = draw(st.sampled_from(kinds))
    chapters = report.chapters
    if kind == "masthead":
        return replace(report, session=report.session + draw(st.integers(0, 1)),
                       symbol=draw(st.sampled_from(["CTOC/COP/2022/7", "CTOC/COP/2024/7"])),
                       issued=draw(st.sampled_from(["2022-07-30", "2022-08-12"])))
    if kind == "add chapter":
        report, ident = report.next_id("c")
        report, block_id = report.next_id("b")
        at = draw(st.integers(0, len(chapters)))
        new = Chapter(ident, draw(title), (Block(block_id, draw(sentence)),))
        return replace(report, chapters=chapters[:at] + (new,) + chapters[at:])
    if kind == "remove chapter":
        return _with_chapter(report, draw(st.integers(0, len(chapters) - 1)), None)
    if kind == "rename chapter":
        at = draw(st.integers(0, len(chapters) - 1))
        return _with_chapter(report, at, replace(chapters[at], title=draw(title)))
    if kind == "add block":
        report, block_id = report.next_id("b")
        at = draw(st.integers(0, len(chapters) - 1))
        blocks = chapters[at].blocks
        where = draw(st.integers(0, len(blocks)))
        new = Block(block_id, draw(sentence), draw(st.one_of(st.none(), sentence)))
        return _with_chapter(report, at, replace(chapters[at], blocks=blocks[:where] + (new,)
                                                 + blocks[where:]))
    full = [i for i, c in enumerate(chapters) if c.blocks]
    at = draw(st.sampled_from(full))
    blocks = list(chapters[at].blocks)
    which = draw(st.integers(0, len(blocks) - 1))
    block = blocks[which]
    if kind == "remove block":
        del blocks[which]
        return _with_chapter(report, at, replace(chapters[at], blocks=tuple(blocks)))
    if kind == "move block":
        del blocks[which]
        report = _with_chapter(report, at, replace(chapters[at], blocks=tuple(blocks)))
        to = draw(st.integers(0, len(report.chapters) - 1))
        target = list(report.chapters[to].blocks)
        target.insert(draw(st.integers(0, len(target))), block)
        return _with_chapter(report, to, replace(report.chapters[to], blocks=tuple(target)))
    if kind == "edit block":
        words = list(block.words)
        words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
        if draw(st.booleans()):
            words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(WORDS)))
        blocks[which] = replace(block, words=tuple(words))
    else:  # a note added, removed or edited
        blocks[which] = replace(block, note=draw(st.one_of(st.none(), sentence)))
    return _with_chapter(report, at, replace(chapters[at], blocks=tuple(blocks)))


@st.composite
def edited_reports(draw) -> tuple[Report, Report]:
    old = draw(reports())
    new = old
    for _ in range(draw(st.integers(1, 4))):
        new = draw(edit(new))
    return old, new


# -- building -------------------------------------------------------------------------------------

def write_store(root: Path, report: Report) -> None:
    def dump(relative: str, data) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")

    dump("content/series.yml", SERIES)
    dump(f"content/periods/{PERIOD}.yml", {
        "start": "2020-07-01", "end": "2022-07-31", "session": report.session,
        "venue": "Vienna", "session_dates": "2022-10-17/2022-10-21", "agenda_item": "2 (c)",
        "agenda_title": "Review", "provisional_agenda": "CTOC/COP/2022/1",
        "symbol": report.symbol, "issued": report.issued})
    dump("content/outline.yml", [{"id": c.ident, "title": c.title} for c in report.chapters])
    for chapter in report.chapters:
        for order, block in enumerate(chapter.blocks, 1):
            data = {"id": block.ident, "place": chapter.ident, "period": PERIOD,
                    "order": order * 10, "text": block.text}
            if block.note:
                data["footnotes"] = {"n1": " ".join(block.note) + "."}
            dump(f"content/blocks/{block.ident}.yml", data)


def word_file(root: Path) -> bytes:
    from reportgen.assemble import assemble_report
    from reportgen.commands.redline import render_context, report_docx
    from reportgen.content.store import load_store

    store, log = load_store(root)
    log.raise_errors()
    doc = assemble_report(store, PERIOD, log)
    log.raise_errors()
    return report_docx(doc, render_context(root))


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_reports(), st.booleans())
def test_reject_all_gives_the_earlier_report_and_accept_all_the_current_one(versions, by_source):
    """The laws, with paragraphs paired by their words alone or (``by_source``, as for
    a git revision or a Word file that keeps its marks) by their blocks first."""
    from reportgen.redline.docx import RevisionMark, redline_docx

    old, new = versions
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        write_store(folder / "old", old)
        write_store(folder / "new", new)
        files = {"old.docx": word_file(folder / "old"), "new.docx": word_file(folder / "new")}
        files["redline.docx"] = redline_docx(
            files["old.docx"], files["new.docx"],
            RevisionMark("A. Writer", datetime(2024, 5, 1, tzinfo=timezone.utc)),
            by_source=by_source)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        assert paragraphs(folder / "redline.docx", "reject") == paragraphs(folder / "old.docx",
                                                                            "accept")
        assert paragraphs(folder / "redline.docx", "accept") == paragraphs(folder / "new.docx",
                                                                            "accept")


@pytest.mark.slow
def test_libreoffice_reads_the_same_laws_on_generated_edits(tmp_path):
    """The same laws in LibreOffice (Reject All / Accept All through UNO), on a few
    generated cases made first and read by one office."""
    from hypothesis import Phase
    from test_redline_scenario import comparable, office_text

    from reportgen.redline.docx import RevisionMark, redline_docx

    cases: list[tuple[Report, Report, Path]] = []

    @settings(max_examples=12, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow])
    @given(edited_reports())
    def collect(versions):
        old, new = versions
        folder = tmp_path / f"case{len(cases)}"
        write_store(folder / "old", old)
        write_store(folder / "new", new)
        before, after = word_file(folder / "old"), word_file(folder / "new")
        (folder / "old.docx").write_bytes(before)
        (folder / "new.docx").write_bytes(after)
        (folder / "redline.docx").write_bytes(redline_docx(
            before, after, RevisionMark("A. Writer", datetime(2024, 5, 1, tzinfo=timezone.utc))))
        cases.append((old, new, folder))

    collect()
    jobs = [(mode, folder / name) for _, _, folder in cases
            for mode, name in (("reject", "redline.docx"), ("as-is", "old.docx"),
                               ("accept", "redline.docx"), ("as-is", "new.docx"))]
    read = office_text(tmp_path, jobs)
    for index, (old, new, _) in enumerate(cases):
        rejected, before, accepted, after = read[4 * index:4 * index + 4]
        assert comparable(rejected) == comparable(before), (old, new, cases[index][2])
        assert comparable(accepted) == comparable(after), (old, new)


@pytest.mark.slow
def test_libreoffice_keeps_a_renamed_heading_apart_from_a_paragraph_added_under_it(tmp_path):
    """A heading whose new words end it, then a paragraph added right under it: in
    LibreOffice, two insertions meeting across the heading's mark would be one, and
    Reject All would join the heading to the paragraph after it."""
    from test_redline_scenario import comparable, office_text

    from reportgen.redline.docx import RevisionMark, redline_docx

    kept = Chapter("c2", "Training", (Block("b3", ("training", "of", "States")),))
    old = Report((Chapter("c0", "Support review", (Block("b1", ("UNODC", "support")),)), kept))
    new = Report((Chapter("c0", "Support review of cooperation",
                          (Block("b9", ("smuggling", "of", "migrants")),
                           Block("b1", ("UNODC", "support")))), kept))
    for name, report in (("old", old), ("new", new)):
        write_store(tmp_path / name, report)
        (tmp_path / f"{name}.docx").write_bytes(word_file(tmp_path / name))
    redline = tmp_path / "redline.docx"
    redline.write_bytes(redline_docx((tmp_path / "old.docx").read_bytes(),
                                     (tmp_path / "new.docx").read_bytes(),
                                     RevisionMark("A. Writer", datetime(2024, 5, 1,
                                                                        tzinfo=timezone.utc))))
    rejected, before, accepted, after = office_text(tmp_path, [
        ("reject", redline), ("as-is", tmp_path / "old.docx"),
        ("accept", redline), ("as-is", tmp_path / "new.docx")])
    assert "I.\tSupport review" in rejected["body"]
    assert comparable(rejected) == comparable(before)
    assert comparable(accepted) == comparable(after)
    assert paragraphs(redline, "reject") == paragraphs(tmp_path / "old.docx", "accept")
    assert paragraphs(redline, "accept") == paragraphs(tmp_path / "new.docx", "accept")
