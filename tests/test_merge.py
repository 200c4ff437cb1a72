"""reportgen merge: an edited Word report back into the store (issue 23).

Each test builds the report's .docx from a copy of the shipped workspace, edits it as
an editor would (python-docx for untracked edits, Word's own tracked-change markup for
tracked ones), merges it, and compares the rebuilt report with the edited file's
accepted text as pandoc reads it (a reader we did not write)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
import wordedits
from docx.oxml.ns import qn

from reportgen.build import build
from reportgen.internals import paragraph_element
from reportgen.wordread import read_package

PERIOD = "2020-2022"


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def pandoc_paragraphs(path: Path, changes: str = "accept") -> list[str]:
    """The file's paragraphs as pandoc reads them, typed numbers left out."""
    text = subprocess.run([_pandoc(), "-f", "docx", f"--track-changes={changes}", "-t", "plain",
                           "--wrap=none", str(path)], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [re.sub(r"^(\d+\.|[IVX]+\.|[A-Z]\.)\s+", "", p) for p in paragraphs]


def build_report(root: Path) -> Path:
    build(root, [PERIOD], formats=("docx",), kinds=("report",), force=True)
    return root / "build" / PERIOD / "report.docx"


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted((root / "content").rglob("*")) if p.is_file()}


def paragraph(document, start: str):
    for p in document.paragraphs:
        if p.text.startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


@pytest.fixture
def report(workspace) -> Path:
    return build_report(workspace)


def test_the_unedited_file_changes_nothing(workspace, report, run):
    before = snapshot(workspace)
    result = run("merge", str(report), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        f"{PERIOD}: 0 changes in 0 files, 0 conflicts, 0 comments; nothing to apply; "
        f"see {workspace / 'build' / PERIOD / 'report.merge.html'}")
    assert snapshot(workspace) == before


@pytest.mark.slow
def test_untracked_edits_come_back_and_the_rebuild_reads_as_the_edited_file(
        workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    # a word replaced in paragraph 2 (around, not in, the figures of facts)
    second = paragraph(document, "2.\t")
    for run_ in second.runs:
        if "Smuggling of Migrants Protocol" in run_.text:
            run_.text = run_.text.replace("Smuggling of Migrants Protocol", "Migrants Protocol")
    # a heading retyped
    heading = paragraph(document, "I.\tIntroduction")
    heading.runs[0].text = "I.\tIntroduction and purpose"
    # a paragraph deleted (a whole block), and a new one typed after paragraph 3
    gone = paragraph(document, "5.\t")
    paragraph_element(gone).getparent().remove(paragraph_element(gone))
    third = paragraph(document, "3.\t")
    new = document.add_paragraph("A sentence the chief added about technical assistance.",
                                 style=third.style)
    paragraph_element(third).addnext(paragraph_element(new))
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    before = snapshot(workspace)

    dry = run("merge", str(edited), "--root", str(workspace))
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert "content/blocks/introduction/introduction-parties.yml: text: 2 words deleted" in lines
    assert "content/outline.yml: title: 2 words added" in lines
    assert any(line.startswith("content/blocks/introduction/introduction-parties-a-sentence-")
               or "new block" in line for line in lines)
    assert any("left out of the 2020-2022 documents" in line and "left_out:" in line
               for line in lines)
    assert snapshot(workspace) == before  # a dry run writes no content file
    page = (workspace / "build" / PERIOD / "report.merge.html").read_text(encoding="utf-8")
    assert "the<del> Smuggling of</del> Migrants Protocol" in page

    applied = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert applied.exit_code == 0, applied.output
    parties = (workspace / "content/blocks/introduction/introduction-parties.yml").read_text()
    assert before["content/blocks/introduction/introduction-parties.yml"].decode().replace(
        "parties to the\n  Smuggling of Migrants Protocol.", "parties to the\n  Migrants Protocol.") == parties
    rebuilt = build_report(workspace)
    assert pandoc_paragraphs(rebuilt) == pandoc_paragraphs(edited)


@pytest.mark.slow
def test_tracked_changes_are_read_in_both_views_and_the_accepted_one_is_merged(
        workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    body = document.element.body
    paragraphs = {p.text.split("\t")[0]: paragraph_element(p) for p in document.paragraphs
                  if p.style.name == "Numbered Paragraph"}
    wordedits.tracked_replace(paragraphs["1."], "prepared", "written")
    wordedits.tracked_delete(paragraphs["4."])
    wordedits.tracked_insert_after(paragraphs["6."], "An inserted paragraph on the Protocol.")
    moved_text = wordedits.plain_text(paragraphs["7."]).removeprefix("7.")
    wordedits.tracked_move(paragraphs["7."], paragraphs["9."], moved_text)
    edited = tmp_path / "tracked.docx"
    document.save(str(edited))
    del body

    package = read_package(edited.read_bytes())
    assert package.tracked
    rejected = [p.text for p in package.view("body", accepted=False)]
    assert rejected == [p.text for p in read_package(report.read_bytes()).view("body")]
    accepted = [p.text for p in package.view("body")]
    assert any(t.startswith("1.\tThe present report has been written") for t in accepted)
    authors = {r.author for p in package.body for r in p.revisions}
    assert authors == {wordedits.AUTHOR}

    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    rebuilt = build_report(workspace)
    assert pandoc_paragraphs(rebuilt) == pandoc_paragraphs(edited, "accept")


@pytest.mark.slow
def test_a_figure_printed_by_a_fact_is_a_conflict_not_a_pasted_number(
        workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    second = paragraph(document, "2.\t")
    for run_ in second.runs:
        if "total of 150 parties" in run_.text:
            run_.text = run_.text.replace("total of 150 parties", "total of 151 parties")
            run_.text = run_.text.replace("there were", "there were by then")
    edited = tmp_path / "fact.docx"
    document.save(str(edited))
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert ("content/blocks/introduction/introduction-parties.yml: conflict: text: '150' -> "
            "'151' is printed by {{ fact.parties }}: change it in content/facts.yml, not in the "
            "text") in result.output.splitlines()
    text = (workspace / "content/blocks/introduction/introduction-parties.yml").read_text()
    assert "151" not in text
    assert "there were by then a total of {{ fact.parties }} parties" in text  # around it merges


def _edit_first_paragraph(report: Path, tmp_path: Path, old: str, new: str) -> Path:
    document = docx.Document(str(report))
    first = paragraph(document, "1.\t")
    for run_ in first.runs:
        if old in run_.text:
            run_.text = run_.text.replace(old, new)
    edited = tmp_path / "three-way.docx"
    document.save(str(edited))
    return edited


PURPOSE = "content/blocks/introduction/introduction-purpose.yml"


@pytest.mark.slow
def test_edits_of_other_words_of_a_block_changed_since_merge(workspace, report, run, tmp_path):
    edited = _edit_first_paragraph(report, tmp_path, "has been prepared", "was prepared")
    path = workspace / PURPOSE
    path.write_text(path.read_text().replace("The report covers", "This report covers"))
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    text = path.read_text()
    assert "report was prepared" in text and "This report covers" in text


@pytest.mark.slow
def test_edits_of_the_same_words_are_a_conflict_unless_a_side_is_chosen(
        workspace, report, run, tmp_path):
    edited = _edit_first_paragraph(report, tmp_path, "has been prepared", "has been compiled")
    path = workspace / PURPOSE
    changed = path.read_text().replace("has been prepared", "has been written")
    path.write_text(changed)
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    conflict = [line for line in result.output.splitlines() if "conflict" in line]
    assert conflict and conflict[0].startswith(
        f"{PURPOSE}: conflict: text: changed in the store since the .docx was made, on the "
        "same words")
    assert path.read_text() == changed
    ours = run("merge", str(edited), "--apply", "--ours", "--root", str(workspace))
    assert ours.exit_code == 0 and path.read_text() == changed
    theirs = run("merge", str(edited), "--apply", "--theirs", "--root", str(workspace))
    assert theirs.exit_code == 0
    assert "report has been compiled" in path.read_text()
    assert "has been written" not in path.read_text()


@pytest.mark.slow
def test_comments_are_listed_and_kept_on_the_block(workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    second = paragraph(document, "3.\t")
    document.add_comment(second.runs[-1], text="Which programmes?", author="R. Reviewer",
                         initials="RR")
    edited = tmp_path / "commented.docx"
    document.save(str(edited))
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    listed = [line for line in result.output.splitlines() if "comment by" in line]
    assert len(listed) == 1
    assert listed[0].startswith("content/blocks/introduction/")
    assert listed[0] == ("content/blocks/introduction/introduction-approach.yml: comment by "
                         "R. Reviewer on 'prosecuting its perpetrators and protecting the rights "
                         "of s\u2026': Which programmes?")
    block = Path(workspace / listed[0].split(":")[0]).read_text()
    assert "review:\n  - author: R. Reviewer\n" in block
    assert "    text: Which programmes?\n" in block
    again = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert Path(workspace / listed[0].split(":")[0]).read_text() == block  # not added twice
    assert again.exit_code == 0


def _move_children(source, target, skip_number: bool = True) -> None:
    """The runs and bookmarks of paragraph ``source`` appended to ``target``."""
    children = [c for c in source if c.tag != qn("w:pPr")]
    first_run = next(c for c in children if c.tag == qn("w:r"))
    for child in children:
        if skip_number and child is first_run:
            continue
        target.append(child)


@pytest.mark.slow
def test_split_joined_footnote_and_masthead_edits(workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    # paragraph 3 split in two after its second line
    third = paragraph(document, "3.\t")
    runs = paragraph_element(third).findall(qn("w:r"))
    second_half = document.add_paragraph(style=third.style)
    paragraph_element(third).addnext(paragraph_element(second_half))
    for r in runs[4:]:
        paragraph_element(second_half).append(r)
    runs[3].getparent().remove(runs[3])  # the space where the paragraph was cut
    # paragraphs 1 and 2 (two blocks) joined into one
    first, second = paragraph(document, "1.\t"), paragraph(document, "2.\t")
    space = docx.oxml.OxmlElement("w:r")
    space.append(docx.oxml.OxmlElement("w:t"))
    space[0].text = " "
    paragraph_element(first).append(space)
    _move_children(paragraph_element(second), paragraph_element(first))
    paragraph_element(second).getparent().remove(paragraph_element(second))
    # the agenda title retyped
    agenda = next(p for p in document.paragraphs if p.style.name == "Agenda Title")
    agenda.runs[0].text = agenda.runs[0].text.replace("Review of", "Reviewing")
    edited = tmp_path / "structure.docx"
    document.save(str(edited))
    # a footnote edited (the file's footnotes, as Word keeps them)
    import shutil
    import zipfile
    final = tmp_path / "structure-notes.docx"
    with zipfile.ZipFile(edited) as old, zipfile.ZipFile(final, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "word/footnotes.xml":
                assert b"key evidence on risks" in data
                data = data.replace(b"key evidence on risks", b"key evidence of risks")
            new.writestr(name, data)
    shutil.move(final, edited)

    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "content/blocks/research/ukraine-research.yml: footnotes.ukraine-research: 1 word replaced" in lines
    assert "content/periods/2020-2022.yml: agenda_title: 1 word replaced, 1 word deleted" in lines
    assert any("left out of the 2020-2022 documents" in line for line in lines)
    approach = (workspace / "content/blocks/introduction/introduction-approach.yml").read_text()
    assert "\n\n" in approach.split("text: |", 1)[1]  # two paragraphs now
    rebuilt = build_report(workspace)
    assert pandoc_paragraphs(rebuilt) == pandoc_paragraphs(edited)


@pytest.mark.slow
def test_a_comment_survives_a_merge_and_a_build(workspace, report, run, tmp_path):
    document = docx.Document(str(report))
    third = paragraph(document, "3.\t")
    words = next(r for r in third.runs if r.text.startswith("Through its global"))
    document.add_comment(words, text="Which programmes?", author="R. Reviewer", initials="RR")
    edited = tmp_path / "commented.docx"
    document.save(str(edited))
    assert run("merge", str(edited), "--apply", "--root", str(workspace)).exit_code == 0
    checked = run("check", "--period", PERIOD, "--root", str(workspace))
    assert ("content/blocks/introduction/introduction-approach.yml:12: note: comment by "
            "R. Reviewer on 'Through its global and regional programmes, strategies and "
            "dedicated projects, UNODC': Which programmes?") in checked.output.splitlines()
    rebuilt = build_report(workspace)
    comments = read_package(rebuilt.read_bytes()).comments
    assert [(c.author, c.text, c.anchor) for c in comments] == [
        ("R. Reviewer", "Which programmes?",
         "Through its global and regional programmes, strategies and dedicated projects, UNODC")]
    assert comments[0].date == read_package(edited.read_bytes()).comments[0].date
    # merged once more, the rebuilt file's comment is the same comment: not added again
    block = (workspace / "content/blocks/introduction/introduction-approach.yml").read_text()
    assert run("merge", str(rebuilt), "--apply", "--root", str(workspace)).exit_code == 0
    assert (workspace / "content/blocks/introduction/introduction-approach.yml").read_text() == block


@pytest.mark.slow
def test_a_translated_edition_goes_into_the_translations(workspace, run, tmp_path):
    build(workspace, [PERIOD], formats=("docx",), kinds=("report",), languages=("fr",),
          force=True)
    report = workspace / "build" / PERIOD / "report.fr.docx"
    document = docx.Document(str(report))
    first = paragraph(document, "3.\t")
    french = ("Par ses programmes mondiaux et régionaux, l’ONUDC aide les États Membres qui le "
              "demandent à appliquer le Protocole.")
    for index, run_ in enumerate(first.runs[1:]):
        run_.text = french if index == 0 else ""
    heading = paragraph(document, "I.\t")
    # the untranslated heading is its number, the edition's mark and the English title
    # (a run tagged English): the translator types over all of it
    for index, run_ in enumerate(heading.runs):
        run_.text = "I.\tIntroduction générale" if index == 0 else ""
    edited = tmp_path / "report.fr.docx"
    document.save(str(edited))
    result = run("merge", str(edited), "--lang", "fr", "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    block = (workspace / "content/blocks/introduction/introduction-approach.yml").read_text()
    original = (Path(__file__).parent.parent / "content/blocks/introduction/introduction-approach.yml").read_text()
    assert block.startswith(original)  # the original text is untouched
    assert block[len(original):] == f"translations:\n  fr:\n    text: |\n      {french}\n"
    outline = (workspace / "content/outline.yml").read_text()
    assert "  title: Introduction\n  translations:\n    fr:\n      title: Introduction générale\n" in outline
    build(workspace, [PERIOD], formats=("docx",), kinds=("report",), languages=("fr",),
          force=True)
    assert pandoc_paragraphs(report) == pandoc_paragraphs(edited)


@pytest.mark.slow
def test_a_translator_who_translates_only_a_footnote_is_taken(workspace, run, tmp_path):
    """A block with no French text yet, whose footnote alone the translator translated
    (keeping the 'untranslated' mark or not): the note goes into translations.fr, the
    text stays untranslated, and the rebuilt edition reads as the edited file."""
    import zipfile

    build(workspace, [PERIOD], formats=("docx",), kinds=("report",), languages=("fr",),
          force=True)
    report = workspace / "build" / PERIOD / "report.fr.docx"
    # the mark, then the English original in runs of its own (tagged English)
    english = re.compile(rb"\[non traduit\] </w:t></w:r>(?:(?!</w:p>).)*?"
                         rb"References to Kosovo(?:(?!</w:p>).)*?resolution 1244(?: |\xc2\xa0)\(1999\)\.</w:t>")
    french = ("[non traduit] Les références au Kosovo s’entendent dans le contexte de la "
              "résolution 1244 (1999) du Conseil de sécurité.")
    edited = tmp_path / "report.fr.docx"
    with zipfile.ZipFile(report) as old, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "word/footnotes.xml":
                data, found = english.subn(f"{french}</w:t>".encode(), data)
                assert found == 1
            new.writestr(name, data)
    path = workspace / "content/blocks/criminal-justice/capacity-building-countries.yml"
    original = path.read_text(encoding="utf-8")
    assert "translations:" not in original
    result = run("merge", str(edited), "--lang", "fr", "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert ("content/blocks/criminal-justice/capacity-building-countries.yml: "
            "translations.fr.footnotes.kosovo: ") in result.output
    block = path.read_text(encoding="utf-8")
    assert block.startswith(original)
    assert block[len(original):] == (
        "translations:\n  fr:\n    footnotes:\n      kosovo: |\n        Les références au "
        "Kosovo s’entendent dans le contexte de la résolution 1244 (1999) du Conseil de "
        "sécurité.\n")
    checked = run("check", "--period", PERIOD, "--root", str(workspace))
    assert checked.exit_code == 0, checked.output
    built = build(workspace, [PERIOD], formats=("docx",), kinds=("report",), languages=("fr",),
                  force=True)
    untranslated = [f"{w.path}: {w.message}" for w in built.warnings
                    if "capacity-building-countries" in w.path]
    assert untranslated == [  # the text only: its footnote is translated
        "content/blocks/criminal-justice/capacity-building-countries.yml: 1 of 1 paragraphs "
        "have no French (translations: fr); the French edition prints the original, marked "
        "[non traduit]"]
    assert pandoc_paragraphs(report) == [p.replace("[non traduit] Les", "Les")
                                         for p in pandoc_paragraphs(edited)]
    notes = zipfile.ZipFile(report).read("word/footnotes.xml").decode("utf-8")
    assert "Les références au Kosovo" in notes and "[non traduit] Les" not in notes
    assert "[non traduit] References to Kosovo" not in notes


@pytest.mark.slow
def test_a_press_release_and_the_brief_take_their_edits_back(workspace, run, tmp_path):
    build(workspace, [PERIOD], formats=("docx",), kinds=("press-release", "brief"), force=True)
    name = "press-release-2021-12-08-ccpcj-thematic-discussion-2021"
    release = workspace / "build" / PERIOD / f"{name}.docx"
    document = docx.Document(str(release))
    title = next(p for p in document.paragraphs if p.style.name == "Document Title")
    title.runs[0].text = "Migrant Smuggling on the Agenda of the United Nations"
    body = next(p for p in document.paragraphs if p.text.startswith("This year"))
    body.runs[0].text = body.runs[0].text.replace("This year’s event", "The event")
    edited = tmp_path / f"{name}.docx"
    document.save(str(edited))
    result = run("merge", str(edited), "--apply", "--root", str(workspace))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "content/documents/ccpcj-thematic-discussion-2021.yml: title: 3 words added, 2 words deleted",
        "content/documents/ccpcj-thematic-discussion-2021.yml: body: 1 word replaced, 1 word deleted"]
    assert result.output.splitlines()[-1].endswith(f"{name}.merge.html")
    text = (workspace / "content/documents/ccpcj-thematic-discussion-2021.yml").read_text()
    assert 'title: "Migrant Smuggling on the Agenda of the United Nations"\n' in text
    assert "body: |\n  The event focused on measures" in text
    build(workspace, [PERIOD], formats=("docx",), kinds=("press-release",), force=True)
    assert pandoc_paragraphs(release) == pandoc_paragraphs(edited)
