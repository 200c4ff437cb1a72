"""Nothing silent: placeholder text, a block dated after its named period and YAML files
by another suffix are each reported; one root cause gives one error, at its own line."""

from __future__ import annotations

import shutil

import pytest
from conftest import write

BLOCK = "content/blocks/intergovernmental/wg-seventh-meeting.yml"


def _check(run, workspace, *args):
    return run("check", "--root", str(workspace), "--period", "2020-2022", *args)


def _problems(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line or ": warning: " in line]


# -- placeholder text (seen: 'new block' text passed check and was printed as paragraph) ---

@pytest.mark.slow
def test_placeholder_paragraph_of_new_block_is_a_warning_then_an_error_under_strict(
        workspace, run, tmp_path):
    made = run("new", "block", "--section", "cop", "--date", "2021-03-12", "--root",
               str(workspace))
    assert made.exit_code == 0, made.output
    path = "content/blocks/intergovernmental/cop-2021-03-12.yml"
    line = (workspace / path).read_text(encoding="utf-8").splitlines().index(
        "  Write the paragraph here. A blank line starts a new numbered paragraph.") + 1
    expected = (f"{path}:{line}: warning: text: 'Write the paragraph here. A blank line starts "
                "a new numbered paragraph.' is placeholder text left by 'reportgen new'; write "
                "the text itself")
    checked = _check(run, workspace)
    assert _problems(checked.output) == [expected] and checked.exit_code == 0
    assert _check(run, workspace, "--strict").exit_code == 1
    built = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
                "--out", str(tmp_path / "out"))
    assert expected in built.output and built.exit_code == 0
    assert "1 warning." in built.output
    strict = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
                 "--out", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 1
    assert expected.replace("warning:", "error:") + " (--strict)" in strict.output
    assert not (tmp_path / "strict").exists()


@pytest.mark.parametrize("kind, fields", [
    ("press-release", ["title", "dateline", "lead", "body"]),
    ("statement", ["title", "speaker.name", "speaker.title", "occasion", "body"]),
])
@pytest.mark.slow
def test_placeholder_fields_of_new_documents_are_warnings(workspace, run, kind, fields):
    made = run("new", kind, "--id", "fresh", "--date", "2021-03-15", "--root", str(workspace))
    assert made.exit_code == 0, made.output
    problems = _problems(_check(run, workspace).output)
    assert [p.split(": warning: ")[1].split(":")[0] for p in problems] == fields
    assert all(p.startswith("content/documents/fresh.yml:") and "is placeholder text left by "
               "'reportgen new'" in p for p in problems)


# -- a block dated after the period it names ---------------------------------------------

@pytest.mark.slow
def test_block_dated_after_the_period_it_names_is_a_warning(workspace, run, tmp_path):
    """Seen: dated 2023-11 with period: 2020-2022, printed in the 2020-2022 report, 0
    warnings."""
    write(workspace / "content/blocks/intergovernmental/late.yml",
          "id: late\nplace: cop\ndate: 2023-11\nperiod: 2020-2022\ntext: A late meeting.\n")
    expected = ("content/blocks/intergovernmental/late.yml:3: warning: dated 2023-11, after the "
                "end of period 2020-2022 (31 July 2022) that it names; it is printed in the "
                "2020-2022 documents (check 'period:', or leave it out to use the period of its "
                "date)")
    assert _problems(_check(run, workspace).output) == [expected]
    built = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
                "--out", str(tmp_path))
    assert expected in built.output


def test_block_dated_before_the_period_it_names_is_not_warned_about(workspace, run):
    write(workspace / "content/blocks/intergovernmental/early.yml",
          "id: early\nplace: cop\ndate: 2019-11\nperiod: 2020-2022\ntext: An earlier meeting.\n")
    assert _problems(_check(run, workspace).output) == []


def test_document_dated_after_the_period_it_names_is_a_warning(workspace, run):
    write(workspace / "content/documents/late-statement.yml",
          "kind: statement\nid: late-statement\nperiod: 2020-2022\ndate: 2022-09-01\n"
          "title: Remarks\nbody: Some words.\n")
    assert _problems(_check(run, workspace).output) == [
        "content/documents/late-statement.yml:4: warning: dated 2022-09-01, after the end of "
        "period 2020-2022 (31 July 2022) that it names; it is printed in the 2020-2022 "
        "documents (check 'period:', or leave it out to use the period of its date)"]


# -- .yaml and .YML files are read, or said to be unread ---------------------------------

@pytest.mark.parametrize("suffix", [".yaml", ".YML", ".Yaml"])
def test_block_and_period_files_with_other_yaml_suffixes_are_read(workspace, tmp_path, run,
                                                                    suffix):
    """Seen: a block saved as .yaml was silently left out of the report."""
    write(workspace / f"content/blocks/intergovernmental/other{suffix}",
          "id: other\nplace: cop\ndate: 2021-05-03\ntext: A block saved with another suffix.\n")
    period = workspace / "content/periods/2020-2022.yml"
    period.rename(period.with_suffix(suffix))
    for name in ("series", "outline", "facts"):
        (workspace / f"content/{name}.yml").rename(workspace / f"content/{name}{suffix}")
    built = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md",
                "--out", str(tmp_path / "out"))
    assert built.exit_code == 0, built.output
    assert "0 warnings" in built.output
    report = (tmp_path / "out/2020-2022/report.md").read_text(encoding="utf-8")
    assert "A block saved with another suffix." in report


def test_two_files_for_the_series_is_an_error(workspace, run):
    shutil.copy(workspace / "content/series.yml", workspace / "content/series.yaml")
    result = _check(run, workspace)
    assert _problems(result.output) == [
        "content/series.yml: error: a second series file beside content/series.yaml; keep one"]
    assert result.exit_code == 1


def test_a_yaml_file_no_part_of_the_store_reads_is_a_warning(workspace, run):
    write(workspace / "content/notes.yaml", "todo: ask the Section\n")
    write(workspace / "content/periods/old/2018-2020.yml", "start: 2018-07-01\n")
    assert _problems(_check(run, workspace).output) == [
        f"content/{name}: warning: not read: content files are series.yml, outline.yml, "
        "facts.yml, facts/*.yml, periods/*.yml, blocks/**/*.yml and documents/*.yml"
        for name in ("notes.yaml", "periods/old/2018-2020.yml")]


# -- one root cause, one error, at its line ------------------------------------------------

def test_a_broken_block_is_not_also_unknown_to_the_documents_naming_it(workspace, run):
    """Seen: a block with a bad date also gave 'unknown block' in every document whose
    related: names it."""
    block = workspace / BLOCK
    block.write_text(block.read_text(encoding="utf-8").replace(
        "date: 2020-09-08/2020-09-09", "date: 2020-13"), encoding="utf-8")
    write(workspace / "content/documents/about-it.yml",
          "kind: statement\nid: about-it\ndate: 2021-01-05\ntitle: Remarks\nbody: Words.\n"
          "related: [wg-seventh-meeting]\n")
    result = _check(run, workspace)
    assert _problems(result.output) == [f"{BLOCK}:3: error: date '2020-13' does not exist"]


def test_a_broken_fact_is_not_also_unknown_to_the_brief(workspace, run):
    facts = workspace / "content/facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "  label: Migrant smuggling cases in the SHERLOC case law database\n", "", 1),
        encoding="utf-8")
    result = _check(run, workspace)
    assert [p.split(": error: ")[1] for p in _problems(result.output)] == [
        "missing required field 'label'"]


def _paragraph(workspace, text: str, footnotes: str = "") -> int:
    path = write(workspace / "content/blocks/intergovernmental/calls.yml",
                 "id: calls\nplace: cop\ndate: 2021-05-03\ntext: |\n" + text + footnotes)
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("text, marker, message", [
    ("  First line of the paragraph,\n  second line with a call[^nosuch],\n  third line.\n",
     "[^nosuch]", "footnote call [^nosuch] has no definition under 'footnotes:'"),
    ("  First line,\n  second line,\n  third [bad](symbol:a/b) line.\n",
     "symbol:a/b", "'a/b' is not a well-formed document symbol"),
    ("  First line,\n  second line,\n  see [](ref:nosuch).\n",
     "ref:nosuch", "reference to unknown block 'nosuch'"),
    ("  A paragraph with a list:\n\n  1. first item;\n  2. second item,\n     with a call[^nosuch].\n",
     "[^nosuch]", "footnote call [^nosuch] has no definition under 'footnotes:'"),
    ("  A paragraph with a list:\n\n  - first item;\n  - second item [bad](symbol:a/b).\n",
     "symbol:a/b", "'a/b' is not a well-formed document symbol"),
])
@pytest.mark.slow
def test_a_bad_call_or_link_is_reported_at_its_own_line(workspace, run, text, marker, message):
    """Seen: the line of a bad footnote call was the first line of its paragraph."""
    lines = _paragraph(workspace, text)
    line = next(i for i, l in enumerate(lines, 1) if marker in l)
    assert _problems(_check(run, workspace).output) == [
        f"content/blocks/intergovernmental/calls.yml:{line}: error: {message}"]


def test_a_bad_symbol_in_a_footnote_is_reported_at_the_footnote(workspace, run):
    lines = _paragraph(workspace, "  A paragraph with a note.[^n]\n",
                       "footnotes:\n  n: |\n    A note\n    citing [x](symbol:a/b).\n")
    line = next(i for i, l in enumerate(lines, 1) if "symbol:a/b" in l)
    assert _problems(_check(run, workspace).output) == [
        f"content/blocks/intergovernmental/calls.yml:{line}: error: 'a/b' is not a "
        "well-formed document symbol"]


def test_a_bad_footnote_call_in_a_press_release_is_reported_at_its_line(workspace, run):
    path = write(workspace / "content/documents/calls.yml",
                 "kind: press-release\nid: calls\ndate: 2021-05-03\ntitle: T\ndateline: Vienna\n"
                 "lead: Lead.\nbody: |\n  First line,\n  second line[^nosuch].\n")
    line = path.read_text(encoding="utf-8").splitlines().index("  second line[^nosuch].") + 1
    assert _problems(_check(run, workspace).output) == [
        f"content/documents/calls.yml:{line}: error: footnote call [^nosuch] has no definition "
        "under 'footnotes:'"]


def test_a_document_with_an_error_does_not_make_its_facts_unused(workspace, run):
    """A text that failed has quoted nothing; its facts are not 'never used' too."""
    statement = workspace / "content/documents/wg-ninth-meeting-opening-2022.yml"
    text = statement.read_text(encoding="utf-8")
    statement.write_text(text.replace("To date, {{ fact.parties }}", "To date, {{ fact.nonesuch }}"),
                         encoding="utf-8")
    result = run("check", "--root", str(workspace))
    assert [p for p in _problems(result.output) if "error" in p or "never used" in p] == [
        "content/documents/wg-ninth-meeting-opening-2022.yml:20: error: unknown fact 'nonesuch'"]
