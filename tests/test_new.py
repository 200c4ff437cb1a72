"""reportgen new: a file of every kind, checked from the command line before it is written."""

from __future__ import annotations

import errno

import pytest
import yaml
from conftest import write

from reportgen.build import build
from reportgen.content.store import load_store

PERIODS = "(2020-2022: 2020-07-01 to 2022-07-31, 2022-2024: 2022-08-01 to 2024-07-31)"
OUTSIDE = (f"date 1990-01-01 is outside every period {PERIODS}; add a period file for it in "
           "content/periods/; nothing written")
AFTER = (f"date 2030-01-02 is outside every period {PERIODS}; add the next period with "
         "'reportgen new period 2024-2026'; nothing written")


def _tree(workspace) -> dict[str, bytes]:
    return {str(p.relative_to(workspace)): p.read_bytes()
            for p in sorted(workspace.rglob("*")) if p.is_file()}


def _new(run, workspace, *args):
    return run("new", *args, "--root", str(workspace))


@pytest.mark.parametrize("kind, args, name, fields", [
    ("press-release", ["--id", "wg-tenth-2024", "--date", "2024-03-12"],
     "press-release-2024-03-12-wg-tenth-2024",
     ["kind", "id", "date", "title", "dateline", "lead", "body", "contact", "related"]),
    ("statement", ["--id", "cop-12-opening", "--date", "2023-05-02"],
     "statement-2023-05-02-cop-12-opening",
     ["kind", "id", "date", "title", "speaker", "occasion", "salutation", "body", "closing",
      "related"]),
])
@pytest.mark.slow
def test_new_document_is_valid_schema_linked_and_builds(run, workspace, kind, args, name, fields):
    result = _new(run, workspace, kind, *args)
    assert result.exit_code == 0, result.output
    ident = args[1]
    path = workspace / "content/documents" / f"{ident}.yml"
    assert result.output == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/document.schema.json\n")
    assert (workspace / "schemas/document.schema.json").is_file()
    data = yaml.safe_load(text)
    assert list(data) == fields and data["kind"] == kind and data["id"] == ident
    assert str(data["date"]) == args[3]
    store, log = load_store(workspace)
    assert log.errors == []
    assert [d.id for d in store.documents if d.id == ident] == [ident]
    build(workspace, ["2022-2024"], formats=("md",), kinds=(kind,))
    assert "Write the text here." in (workspace / f"build/2022-2024/{name}.md").read_text(encoding="utf-8")


def test_new_brief_takes_its_period_and_refuses_a_second(run, workspace):
    (workspace / "content/documents/brief-2022-2024.yml").unlink()
    result = _new(run, workspace, "brief", "--period", "2022-2024")
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((workspace / "content/documents/brief-2022-2024.yml").read_text(encoding="utf-8"))
    assert data["kind"] == "brief" and data["period"] == "2022-2024"
    assert list(data) == ["kind", "id", "period", "title", "lead", "figures", "related"]
    assert load_store(workspace)[1].errors == []
    again = _new(run, workspace, "brief", "--id", "another-brief")  # the latest period
    assert again.exit_code == 1
    assert again.output == ("period 2022-2024 already has a brief "
                            "(content/documents/brief-2022-2024.yml:3)\n")


def test_new_refuses_a_taken_id_and_an_existing_file(run, workspace):
    before = _tree(workspace)
    result = _new(run, workspace, "press-release", "--id", "constructive-dialogue-2023",
                  "--date", "2024-03-12")
    assert result.exit_code == 1
    assert result.output == ("document id 'constructive-dialogue-2023' is taken "
                             "(content/documents/constructive-dialogue-2023.yml:2)\n")
    # a file of the name, holding another id
    source = workspace / "content/documents/un-network-ccpcj-2021.yml"
    write(workspace / "content/documents/renamed.yml", source.read_text(encoding="utf-8"))
    source.unlink()
    before = _tree(workspace)
    for args in (["statement", "--id", "renamed", "--date", "2023-05-02"],
                 ["block", "--section", "cop", "--id", "renamed", "--period", "2022-2024"]):
        if args[0] == "block":
            write(workspace / "content/blocks/intergovernmental/renamed.yml",
                  (workspace / "content/blocks/intergovernmental/wg-seventh-meeting.yml")
                  .read_text(encoding="utf-8").replace("id: wg-seventh-meeting", "id: other-id"))
            before = _tree(workspace)
        result = _new(run, workspace, *args)
        assert result.exit_code == 1, args
        folder = "documents" if args[0] == "statement" else "blocks/intergovernmental"
        assert result.output == (f"content/{folder}/renamed.yml: error: a file of that name "
                                 "exists; choose another --id\n")
        assert _tree(workspace) == before


@pytest.mark.parametrize("ident", ["../../x", "/tmp/abs-path", "Has Space", "x/y", "-x", ""])
@pytest.mark.parametrize("kind", ["block", "press-release", "statement", "brief"])
def test_ids_from_the_command_line_follow_the_rule_before_anything_is_written(run, workspace, kind, ident):
    before = _tree(workspace)
    args = ["--section", "cop"] if kind == "block" else ["--date", "2023-05-02"] if kind != "brief" else []
    result = _new(run, workspace, kind, *args, "--id", ident)
    assert result.exit_code == 2
    # the option and reportgen's words (the frame around them is the command-line library's)
    assert "'--id'" in result.output
    assert f"'{ident}' is not a valid id (lower-case letters, digits and hyphens)" in result.output
    assert _tree(workspace) == before


@pytest.mark.parametrize("kind, args", [
    ("block", ["--section", "cop"]),
    ("block", ["--section", "cop", "--id", "old-meeting"]),
    ("press-release", ["--id", "old-release"]),
    ("statement", ["--id", "old-statement"]),
    ("brief", ["--id", "old-brief"]),
])
def test_a_date_outside_every_period_writes_nothing(run, workspace, kind, args):
    (workspace / "content/documents/brief-2022-2024.yml").unlink()
    before = _tree(workspace)
    result = _new(run, workspace, kind, *args, "--date", "1990-01-01")
    assert result.exit_code == 1
    assert result.output == OUTSIDE + "\n"
    assert _tree(workspace) == before
    result = _new(run, workspace, kind, *args, "--date", "2024-13")
    assert result.exit_code == 2 and "date '2024-13' does not exist" in result.output
    assert _tree(workspace) == before


def test_a_release_dated_today_outside_every_period_says_so(workspace):
    import datetime

    from reportgen.commands.new import NewBlockError, new_document

    store, _ = load_store(workspace)
    with pytest.raises(NewBlockError) as caught:
        new_document(store, "press-release", "later", today=datetime.date(2030, 1, 2))
    assert caught.value.format_message() == AFTER
    path = new_document(store, "press-release", "during", today=datetime.date(2023, 1, 2))
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["date"].isoformat() == "2023-01-02"


@pytest.mark.parametrize("failing", ["fsync", "link"])
def test_a_failed_write_leaves_no_file_and_says_so_in_one_line(run, workspace, monkeypatch, failing):
    import reportgen.commands.new as newblock

    def full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    (workspace / "schemas").mkdir()
    write(workspace / "schemas/document.schema.json", "{}\n")
    write(workspace / "schemas/block.schema.json", "{}\n")
    before = _tree(workspace)
    monkeypatch.setattr(newblock.os, failing, full)
    if failing == "link":  # no hard links: the rename that stands in for them fails too
        monkeypatch.setattr(newblock.os, "rename", full)
    for args in (["statement", "--id", "st", "--date", "2023-05-02"],
                 ["block", "--section", "cop", "--date", "2023-05-02"]):
        result = _new(run, workspace, *args)
        assert result.exit_code == 1
        folder = "documents/st" if args[0] == "statement" else "blocks/intergovernmental/cop-2023-05-02"
        assert result.output == f"content/{folder}.yml: error: cannot write: No space left on device\n"
        assert _tree(workspace) == before
