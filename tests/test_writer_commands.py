"""check, schema and new: the writer's everyday commands."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import ROOT, write

from reportgen.content.models import Block


def _check(run, workspace, *args):
    return run("check", "--root", str(workspace), *args)


def test_check_on_the_shipped_store(run):
    result = run("check", "--root", str(ROOT), "--period", "2020-2022")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2] == "2020-2022: 6,258 words (limit 8,500)"
    assert lines[-1] == "0 errors, 0 warnings."


def test_check_writes_nothing(run, workspace):
    _check(run, workspace)
    assert not (workspace / "build").exists()


def test_check_strict_fails_on_warnings(run, workspace):
    assert _check(run, workspace, "--period", "2022-2024").exit_code == 0
    result = _check(run, workspace, "--period", "2022-2024", "--strict")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "0 errors, 6 warnings."
    assert ("content/periods/2022-2024.yml:1: warning: symbol is not set; the report shows "
            "'[symbol to be assigned]'") in result.output  # metadata left unset


def test_lint_word_limit(run, workspace, monkeypatch):
    monkeypatch.setattr("reportgen.rules.WORD_LIMIT", 6000)
    result = _check(run, workspace, "--period", "2020-2022")
    assert ("content/periods/2020-2022.yml:1: warning: the 2020-2022 report has 6,258 words, "
            "over the limit of 6,000 for Secretariat reports (a waiver is needed)") in result.output


def test_lint_single_subheading(run, workspace):
    result = _check(run, workspace, "--period", "2022-2024")
    assert ("content/outline.yml:9: warning: in the 2022-2024 report, 'A. Normative and policy "
            "work, knowledge development and inter-agency cooperation and coordination' has a "
            "single numbered subheading ('1. Support for intergovernmental bodies'); a level "
            "needs two") in result.output


def test_lint_empty_paragraph(run, workspace):
    write(workspace / "content/blocks/introduction/blank.yml",
          "id: blank\nplace: introduction\nperiod: 2020-2022\ntext: |\n  [](https://example.org)\n")
    result = _check(run, workspace, "--period", "2020-2022")
    assert "content/blocks/introduction/blank.yml:5: warning: paragraph 1 is empty" in result.output


@pytest.mark.slow
def test_lint_unused_and_stale_facts(run, workspace):
    with open(workspace / "content/facts.yml", "a", encoding="utf-8") as facts:
        facts.write("old_figure:\n  label: An old figure\n  source: test\n  values:\n"
                    "    - value: 7\n      as_of: 2019-01\n")
    result = _check(run, workspace)
    assert "warning: fact 'old_figure' is never used" in result.output
    write(workspace / "content/blocks/introduction/uses-old.yml",
          "id: uses-old\nplace: introduction\nperiod: 2020-2022\ntext: |\n"
          "  There were {{ fact.old_figure }}.\n")
    result = _check(run, workspace)
    assert "never used" not in result.output
    assert ("content/blocks/introduction/uses-old.yml:5: warning: fact 'old_figure' is quoted "
            "in 2020-2022 with its value of January 2019, older than the period's start") in result.output


@pytest.mark.parametrize("text, message", [
    ("Uncalled.\nfootnotes:\n  x: A note.\n", "footnote 'x' is defined but never called"),
    ("See [](ref:nowhere).\n", "reference to unknown block 'nowhere'"),
    ("See [A//B](symbol:).\n", "'A//B' is not a well-formed document symbol"),
])
def test_check_reports_assembly_errors(run, workspace, text, message):
    write(workspace / "content/blocks/introduction/bad.yml",
          f"id: bad\nplace: introduction\nperiod: 2020-2022\ntext: |\n  {text}")
    result = _check(run, workspace)
    assert result.exit_code == 1
    assert message in result.output and "1 error," in result.output


@pytest.mark.parametrize("yaml_text, message", [
    ("id: bad\nplace: nowhere\nperiod: 2020-2022\ntext: x\n", "unknown outline place 'nowhere'"),
    ("id: bad\nplace: introduction\ndate: 2010-01\ntext: x\n", "falls outside every period"),
])
def test_check_reports_store_errors(run, workspace, yaml_text, message):
    write(workspace / "content/blocks/introduction/bad.yml", yaml_text)
    result = _check(run, workspace)
    assert result.exit_code == 1 and message in result.output


@pytest.mark.slow
def test_schema_validates_the_shipped_files(run, tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    schemas = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.json")}
    assert set(schemas) == {"block.schema.json", "outline.schema.json", "facts.schema.json",
                            "period.schema.json", "series.schema.json", "document.schema.json"}
    pairs = [("outline.schema.json", ROOT / "content/outline.yml"),
             ("facts.schema.json", ROOT / "content/facts.yml"),
             ("series.schema.json", ROOT / "content/series.yml")]
    pairs += [("period.schema.json", p) for p in (ROOT / "content/periods").glob("*.yml")]
    pairs += [("block.schema.json", p) for p in (ROOT / "content/blocks").rglob("*.yml")]
    pairs += [("document.schema.json", p) for p in (ROOT / "content/documents").glob("*.yml")]
    for name, path in pairs:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        data = _typed(data)
        jsonschema.validate(data, schemas[name])
    # the schema is the model's: same fields, and a typo is flagged
    assert set(schemas["block.schema.json"]["properties"]) == set(Block.model_fields)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "place": "y", "text": "t", "palce": "z"},
                            schemas["block.schema.json"])


def _typed(value):
    """YAML read without type guessing, then numbers and flags as the loader reads them."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    return int(value) if value.isdigit() and len(value) < 4 else value


@pytest.mark.slow
def test_new_block_is_written_where_its_heading_lives_and_builds(run, workspace):
    result = run("new", "block", "--root", str(workspace), "--section", "cop", "--date", "2024-03-12")
    assert result.exit_code == 0, result.output
    path = workspace / result.output.strip()
    assert path == workspace / "content/blocks/intergovernmental/cop-2024-03-12.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/block.schema.json\n")
    assert (workspace / "schemas/block.schema.json").exists()
    data = yaml.safe_load(text)
    assert data["id"] == "cop-2024-03-12" and data["place"] == "cop"
    assert str(data["date"]) == "2024-03-12"
    again = run("new", "block", "--root", str(workspace), "--section", "cop", "--date", "2024-03-12")
    assert again.output.strip().endswith("cop-2024-03-12-2.yml")
    build = run("build", "--root", str(workspace), "--period", "2022-2024", "--format", "md")
    assert build.exit_code == 0, build.output
    assert "Write the paragraph here." in (workspace / "build/2022-2024/report.md").read_text()


def test_new_block_errors(run, workspace):
    result = run("new", "block", "--root", str(workspace), "--section", "nowhere")
    assert result.exit_code == 1 and result.output.startswith("unknown outline place 'nowhere'")
    result = run("new", "block", "--root", str(workspace), "--section", "cop", "--id",
                 "wg-seventh-meeting")
    assert result.exit_code == 1
    assert result.output.strip() == ("block id 'wg-seventh-meeting' is taken "
                                     "(content/blocks/intergovernmental/wg-seventh-meeting.yml:1)")
    result = run("new", "block", "--root", str(workspace), "--section", "cop", "--date", "2024-13")
    assert result.exit_code == 2 and "does not exist" in result.output  # a misused option


def test_every_command_help_has_an_example(run):
    for command in ([], ["build"], ["check"], ["schema"], ["new"], ["new", "block"], ["show"],
                    ["import"], ["init"], ["serve"]):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Example" in result.output, command


def test_quiet_build_says_nothing_but_warnings(run, tmp_path):
    result = run("build", "--period", "2022-2024", "--kind", "report", "--format", "md",
                 "--out", str(tmp_path), "--quiet")
    assert result.exit_code == 0
    assert all(": warning: " in line for line in result.output.splitlines())
    assert "warning: symbol is not set" in result.output
    assert (tmp_path / "2022-2024/report.md").is_file()


@pytest.mark.slow
def test_verbose_build_shows_progress_timings_and_files(run, tmp_path):
    result = run("build", "--period", "2020-2022", "--kind", "report", "--kind", "brief",
                 "--format", "md", "--format", "pdf", "--out", str(tmp_path), "--jobs", "2", "-v")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "2020-2022: assembling the documents" in lines
    assert "Laying out 2 PDFs in 2 processes" in lines
    laid_out = sorted(line.split(" (")[0].strip() for line in lines if line.endswith(" s)"))
    assert laid_out == ["2020-2022/brief.pdf", "2020-2022/report.pdf"]
    assert any(line.startswith("  pdf layout ") for line in lines)
    assert f"  wrote {tmp_path / '2020-2022/report.pdf'}" in lines


def test_quiet_and_verbose_together_is_misuse(run):
    result = run("check", "-q", "-v")
    assert result.exit_code == 2
    assert "--quiet and --verbose cannot be used together" in result.output


def test_schema_describes_every_field_written_in_the_models(run, tmp_path):
    """Each field's description is the text written under it in reportgen/content/models.py,
    and a field's own words win over its type's."""
    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    block = json.loads((tmp_path / "block.schema.json").read_text())
    assert block["properties"]["text"]["description"] == (
        "The paragraph(s), in Markdown; a blank line starts a new numbered paragraph.")
    translation = block["$defs"]["BlockTranslation"]["properties"]["text"]
    assert translation["description"] == (
        "The paragraph(s), as many as the original has; without it the original's are shown.")
    facts = json.loads((tmp_path / "facts.schema.json").read_text())
    value = facts["$defs"]["FactValue"]["properties"]["as_of"]
    assert value["description"] == "When the figure was true or published."
    described = sum("description" in body for name in SCHEMA_NAMES
                    for schema in _models_in(json.loads((tmp_path / name).read_text()))
                    for body in schema["properties"].values())
    # as many as pydantic gave when it read the descriptions itself: 88, the ``sources``
    # (fingerprints) of the nine kinds of translation, and a block's ``from_period`` and
    # ``periods`` and a heading's ``annex``
    assert described == 100
    sources = block["$defs"]["BlockTranslation"]["properties"]["sources"]
    assert sources["description"].startswith("The fingerprint of the original text")


SCHEMA_NAMES = ("block.schema.json", "outline.schema.json", "facts.schema.json",
                "period.schema.json", "series.schema.json", "document.schema.json")


def _models_in(schema):
    """Every object schema with properties inside a JSON schema."""
    if isinstance(schema, dict):
        if "properties" in schema:
            yield schema
        for value in schema.values():
            yield from _models_in(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _models_in(value)


def test_quiet_check_says_nothing_but_warnings(run):
    """--quiet leaves the problems only: no word count, no summary."""
    result = run("check", "--period", "2022-2024", "--quiet")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines and all(": warning: " in line or ": note: " in line for line in lines), lines
    assert not any("words (limit" in line for line in lines)
