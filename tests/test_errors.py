"""Bad content: every problem as `path:line: error: message`, all at once, exit 1,
no traceback, nothing written."""

from __future__ import annotations

import pytest
from conftest import write

BLOCK = "content/blocks/intergovernmental/wg-seventh-meeting.yml"


def _edit(root, rel, old, new):
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES = {
    "invalid YAML": (
        lambda ws: write(ws / "content/blocks/introduction/bad.yml", "id: bad\nplace: [introduction\n"),
        ["content/blocks/introduction/bad.yml:2: error: invalid YAML: "
         "'[' is never closed (a ']' is missing)"]),
    "missing field": (
        lambda ws: write(ws / "content/blocks/introduction/bad.yml",
                         "id: bad\nperiod: 2020-2022\ntext: |\n  Text.\n"),
        ["content/blocks/introduction/bad.yml:1: error: missing required field 'place'"]),
    "wrong type": (
        lambda ws: write(ws / "content/blocks/introduction/bad.yml",
                         "id: bad\nplace: introduction\nperiod: 2020-2022\norder: first\n"
                         "text: |\n  Text.\n"),
        ["content/blocks/introduction/bad.yml:4: error: order: expected a whole number such as 3, "
         "found 'first'"]),
    "unknown outline place": (
        lambda ws: _edit(ws, BLOCK, "place: cop", "place: coop"),
        [f"{BLOCK}:2: error: unknown outline place 'coop'; did you mean 'cop'?"]),
    "duplicate id": (
        lambda ws: write(ws / "content/blocks/introduction/copy.yml",
                         "id: wg-seventh-meeting\nplace: introduction\nperiod: 2020-2022\n"
                         "text: |\n  Text.\n"),
        ["content/blocks/introduction/copy.yml:1: error: duplicate block id 'wg-seventh-meeting' "
         f"(first in {BLOCK}:1)"]),
    "unknown fact": (
        lambda ws: _edit(ws, "content/blocks/introduction/introduction-parties.yml",
                         "fact.parties }}", "fact.partys }}"),
        ["content/blocks/introduction/introduction-parties.yml:7: error: unknown fact 'partys'; did you mean 'parties'?"]),
    "unknown period": (
        lambda ws: _edit(ws, "content/blocks/introduction/introduction-approach.yml",
                         "period: 2020-2022", "period: 2018-2020"),
        ["content/blocks/introduction/introduction-approach.yml:3: error: unknown period '2018-2020'"]),
    "footnote without definition": (
        lambda ws: _edit(ws, "content/blocks/research/ukraine-research.yml",
                         "research[^ukraine-research]", "research[^ukraine]"),
        ["content/blocks/research/ukraine-research.yml:7: error: footnote call [^ukraine] has no "
         "definition under 'footnotes:'",
         "content/blocks/research/ukraine-research.yml:31: error: footnote 'ukraine-research' is "
         "defined but never called"]),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_content_is_reported_with_file_and_line(case, workspace, run):
    change, expected = CASES[case]
    change(workspace)
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == expected
    assert "Traceback" not in result.output
    assert not (workspace / "build").exists()


def test_all_problems_are_reported_in_one_run(workspace, run):
    for _, (change, _) in CASES.items():
        change(workspace)
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert result.exit_code == 1
    # the problems found while loading are all there (assembly waits for a clean load)
    assert "bad.yml:4: error: order: expected a whole number such as 3, found 'first'" in result.output
    assert "unknown outline place 'coop'" in result.output
    assert "duplicate block id" in result.output
    assert "unknown period '2018-2020'" in result.output


@pytest.mark.slow
def test_a_failed_build_keeps_the_previous_outputs(workspace, run):
    assert run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md").exit_code == 0
    before = (workspace / "build/2020-2022/report.md").read_bytes()
    _edit(workspace, BLOCK, "place: cop", "place: coop")
    assert run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md").exit_code == 1
    assert (workspace / "build/2020-2022/report.md").read_bytes() == before


def test_unknown_period_on_the_command_line(workspace, run):
    result = run("build", "--root", str(workspace), "--period", "2030-2032")
    assert result.exit_code == 1
    assert result.output.strip() == ("content/periods: error: unknown period '2030-2032' "
                                     "(periods: 2020-2022, 2022-2024)")


def test_malformed_period_is_command_line_misuse(workspace, run):
    result = run("build", "--root", str(workspace), "--period", "2022-2020")
    assert result.exit_code == 2
    assert "'2022-2020' is not a period such as 2020-2022" in result.output


@pytest.mark.parametrize("change, expected", [
    (lambda ws: _edit(ws, BLOCK, "place: cop", "place: coop"),
     f"{BLOCK}:2: error: unknown outline place 'coop'; did you mean 'cop'?"),
    (lambda ws: _edit(ws, BLOCK, "place: cop", "place: zzzz"),
     f"{BLOCK}:2: error: unknown outline place 'zzzz'"),  # nothing near: no guess
    (lambda ws: _edit(ws, BLOCK, "date: 2020-09-08/2020-09-09", "period: 2020-2021"),
     f"{BLOCK}:3: error: unknown period '2020-2021'; did you mean '2020-2022'?"),
    (lambda ws: write(ws / "content/blocks/introduction/new.yml",
                      "id: new\nplace: introduction\nperiod: 2020-2022\ntag: [observatory]\n"
                      "text: |\n  A paragraph.\n"),
     "content/blocks/introduction/new.yml:4: warning: unknown field 'tag' (ignored); "
     "did you mean 'tags'?"),
    (lambda ws: write(ws / "content/blocks/introduction/new.yml",
                      "id: new\nplace: introduction\nperiod: 2020-2022\n"
                      "text: |\n  See [](ref:wg-seventh-meting).\n"),
     "content/blocks/introduction/new.yml:5: error: reference to unknown block "
     "'wg-seventh-meting'; did you mean 'wg-seventh-meeting'?"),
])
def test_a_mistyped_name_gets_the_nearest_known_ones(workspace, run, change, expected):
    change(workspace)
    result = run("build", "--root", str(workspace), "--period", "2020-2022", "--format", "md")
    assert expected in result.output.splitlines(), result.output
